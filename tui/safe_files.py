"""Reading files a person or an attacker may have placed: guides, the settings, the content cache.

Only regular files are read (a FIFO would block for ever, /dev/zero would never end), each up to a
size limit, and parsing data nested deeper than Python's stack allows is a message, not a crash.
Imports nothing of cramp: the settings read before Home's first frame use it too.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_GUIDE_BYTES = 1024 * 1024  # 1 MiB: the largest bundled guide file is under 20 KiB
TOO_DEEP = "nested too deeply"


class UnreadableFile(Exception):
    """A file that is not read: not a regular file, too large, or an OS error. The message says
    which, in words an author understands."""


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO"),
                       (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "a special file"


def read_bytes(path: Path, limit: int = MAX_GUIDE_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes. A symbolic link is followed, but what
    it points to must be a regular file too. Raises UnreadableFile."""
    try:
        # O_NONBLOCK: opening a FIFO never waits for a writer; fstat then refuses it.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise UnreadableFile(f"cannot read the file: {error.strerror or error}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(f"not a regular file ({_kind(info.st_mode)})")
        if info.st_size > limit:
            raise UnreadableFile(f"larger than {_size(limit)} ({_size(info.st_size)})")
        chunks, total = [], 0
        while True:  # the size may change while reading: never take more than the limit
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise UnreadableFile(f"larger than {_size(limit)}")
        return b"".join(chunks)
    except OSError as error:
        raise UnreadableFile(f"cannot read the file: {error.strerror or error}") from None
    finally:
        os.close(fd)


def read_text(path: Path, limit: int = MAX_GUIDE_BYTES) -> str:
    data = read_bytes(path, limit)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UnreadableFile(f"not UTF-8 text (byte {error.start + 1})") from None


def _size(count: int) -> str:
    return f"{count / (1024 * 1024):g} MiB" if count >= 1024 * 1024 else f"{count} bytes"
