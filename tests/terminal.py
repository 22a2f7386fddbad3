"""The real `cramp` command in a pseudo-terminal, as a person's terminal runs it. Every wait has a
time limit and a process still running at the end is killed, so a regression fails, never hangs."""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ALT_SCREEN_ON, ALT_SCREEN_OFF = b"\x1b[?1049h", b"\x1b[?1049l"
CURSOR_SHOWN = b"\x1b[?25h"
MOUSE_OFF = (b"\x1b[?1000l", b"\x1b[?1003l")


def cramp_command(*args: str | bytes) -> list[str | bytes]:
    return [sys.executable, "-m", "tui", *args]


class Terminal:
    """`cramp ARGS` with stdout and stderr on a pseudo-terminal (and stdin too, unless given)."""

    def __init__(self, *args: str, stdin=None, stderr=None, preexec_fn=None,
                 rows: int = 30, cols: int = 100) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color"}
        self.proc = subprocess.Popen(
            cramp_command(*args), stdin=slave if stdin is None else stdin, stdout=slave,
            stderr=slave if stderr is None else stderr, env=env, cwd=REPO,
            start_new_session=True, preexec_fn=preexec_fn)
        os.close(slave)
        self.output = b""

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
        os.close(self.master)

    def _read(self, timeout: float) -> bool:
        """Read what is there within `timeout`; False once the terminal has closed."""
        if not select.select([self.master], [], [], timeout)[0]:
            return True
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # EIO: every process holding the terminal has gone
            return False
        self.output += chunk
        return bool(chunk)

    def read_until(self, done: Callable[[bytes], bool], timeout: float = 60) -> bool:
        deadline = time.monotonic() + timeout
        while not done(self.output) and time.monotonic() < deadline:
            if not self._read(0.1):
                break
        return done(self.output)

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def finish(self, timeout: float = 60) -> int | None:
        """Read everything until the command ends; its exit status, or None if it would not end."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self._read(0.1):
            if self.proc.poll() is not None and not select.select([self.master], [], [], 0)[0]:
                break
        try:
            return self.proc.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            return None
