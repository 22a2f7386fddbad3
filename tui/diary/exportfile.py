"""Writing an export (or the app's report) to a file a person named.

An export holds health data and lands wherever it is told, maybe as root, maybe in a shared or
hostile folder. So: only ever a regular file (never a device such as /dev/full, a FIFO that would
hang, a directory, or a symbolic link, even when asked to replace it); an existing file only when
asked (force); through a temp file created exclusively under a random name in the same folder
(O_CREAT | O_EXCL | O_NOFOLLOW: a link planted at a predictable name is never followed); whole or
not at all; owner-only (0600).
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

from tui.diary.paths import fsync_dir

FILE_MODE = 0o600
_TEMP_TRIES = 100
_NAME_KEPT = 100  # of the target's name in the temp name: stays under NAME_MAX (255)
# link() is not available on every file system; these say "not here", not "refused".
_NO_HARD_LINKS = {
    errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS,
}


def shown(path: Path) -> str:
    """`path` for a message: a name can hold escape sequences or bidi controls (`-o $'\\e]0;x'`),
    and printing it raw would let it act on the terminal. Such characters are shown escaped."""
    text = str(path)
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else ascii(char)[1:-1] for char in text)


class ExportRefused(OSError):
    """The target is not something cramp will write. str() is the whole one-line message."""


class TargetExists(ExportRefused):
    """A regular file is already there and replacing it was not asked for."""


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def check_target(path: Path, *, force: bool) -> None:
    """Raise ExportRefused unless writing `path` is allowed. Does not follow a final link: the
    link itself is what would be replaced, and what it points to is not ours to know."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError:
        return  # (a parent that is a file, no permission): the write says so with its errno
    if stat.S_ISLNK(mode):
        raise ExportRefused(
            f"{shown(path)} is a symbolic link; cramp does not write through links (give the "
            "path of a new or regular file)"
        )
    if stat.S_ISDIR(mode):
        raise ExportRefused(f"{shown(path)} is a directory; give a file name")
    if not stat.S_ISREG(mode):
        raise ExportRefused(
            f"{shown(path)} is not a regular file ({_kind(mode)}); exports are written only to "
            "regular files"
        )
    if not force:
        raise TargetExists(f"{shown(path)} already exists")


def create_temp(directory: Path, name: str) -> tuple[int, Path]:
    """A new, empty, owner-only file in `directory` under a random name, opened for writing.
    Exclusive and never through a link, so nothing planted in advance can be written to."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    flags |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    for _ in range(_TEMP_TRIES):
        temp = directory / f".{name[:_NAME_KEPT]}.{secrets.token_hex(8)}.tmp"
        try:
            fd = os.open(temp, flags, FILE_MODE)
        except FileExistsError:
            continue
        try:
            os.fchmod(fd, FILE_MODE)  # exact, whatever the umask took away
        except (OSError, AttributeError):  # AttributeError: no fchmod (Windows)
            pass
        return fd, temp
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(directory))


def _put_in_place(temp: Path, path: Path, *, force: bool) -> None:
    check_target(path, force=force)  # again: the last moment before the name changes hands
    if force:
        os.replace(temp, path)  # rename: replaces the name, never writes through it
        return
    try:
        os.link(temp, path)  # atomic "create if absent": a file that appeared meanwhile stays
    except FileExistsError:
        raise TargetExists(f"{shown(path)} already exists") from None
    except OSError as error:
        if error.errno not in _NO_HARD_LINKS:
            raise
        os.replace(temp, path)  # no hard links here: checked just above


def write_export(path: Path, text: str, *, force: bool = False) -> None:
    """Write `text` (UTF-8) to `path`, all or nothing. ExportRefused when `path` may not be
    written (see check_target); OSError when writing fails, with no temp file left behind."""
    check_target(path, force=force)
    directory = path.parent if str(path.parent) else Path(".")
    data = text.encode("utf-8")
    fd, temp = create_temp(directory, path.name)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        _put_in_place(temp, path, force=force)
    finally:
        try:
            os.unlink(temp)  # after link() the temp name is left over; on failure, all of it
        except OSError:
            pass  # renamed into place: gone already
    fsync_dir(directory)
