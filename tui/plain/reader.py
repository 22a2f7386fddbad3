"""Reading answers a line at a time, without blocking the walker's own clock."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TextIO

from tui import collector


def isatty(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        return False


class LineReader:
    """Lines from standard input. On a real file descriptor it waits with select(), so the walker
    can speak up (the long-cramp advice) while nobody is typing; otherwise plain readline()."""

    def __init__(self, stream: TextIO | None) -> None:
        self.stream, self.buffer, self.eof = stream, b"", False
        self.fd: int | None = None
        if os.name == "posix" and stream is not None:
            try:
                self.fd = stream.fileno()
            except (AttributeError, OSError, ValueError):
                self.fd = None

    def readline(self, timeout: Callable[[], float | None], idle: Callable[[], None]) -> str | None:
        """The next line without its newline, or None at the end of input. While waiting,
        idle() is called each time timeout() seconds pass with nothing typed."""
        collector.resume()  # the first instruction is out: cramp has started
        if self.fd is None:
            line = self.stream.readline() if self.stream is not None else ""  # stdin closed
            return line.rstrip("\r\n") if line else None
        import select

        while b"\n" not in self.buffer and not self.eof:
            if not select.select([self.fd], [], [], timeout())[0]:
                idle()
                continue
            chunk = os.read(self.fd, 4096)
            self.eof = not chunk
            self.buffer += chunk
        if not self.buffer:
            return None
        raw, _, self.buffer = self.buffer.partition(b"\n")
        return raw.decode("utf-8", "replace").rstrip("\r")
