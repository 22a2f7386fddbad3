"""Run a program in a real pseudo-terminal and time what it draws.

The child gets a fresh pty as its controlling terminal (so it sees a real tty, 80x24 set with
TIOCSWINSZ before it starts, and TERM=xterm-256color). We read everything it writes, strip the
escape sequences, and wait for a marker string: the moment the marker has been read is the moment
the frame that holds it reached the terminal.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Sequence

# CSI (with private and intermediate bytes), OSC (ended by BEL or ST), DCS/APC/PM strings,
# two-byte escapes (charset selection, keypad modes, save/restore cursor...).
_ESCAPES = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]"
    rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
    rb"|\x1b[PX^_][^\x1b]*\x1b\\"
    rb"|\x1b[()*+][0-9A-Za-z]"
    rb"|\x1b[@-Z\\-_=>78]"
)

KEYS = {"enter": b"\r", "space": b" ", "escape": b"\x1b", "!": b"!", "tab": b"\t"}


def strip_escapes(data: bytes) -> bytes:
    return _ESCAPES.sub(b"", data)


class Timeout(Exception):
    """The marker did not appear in time."""


class PtyProcess:
    """One child process on its own pseudo-terminal."""

    def __init__(self, argv: Sequence[str], *, cols: int = 80, rows: int = 24,
                 env: dict[str, str] | None = None, cwd: str | None = None) -> None:
        self.argv = list(argv)
        self.cols, self.rows = cols, rows
        self.env = dict(os.environ if env is None else env)
        self.env.update(TERM="xterm-256color", COLUMNS=str(cols), LINES=str(rows))
        self.env.pop("TEXTUAL", None)  # no devtools
        self.cwd = cwd
        self.master: int | None = None
        self.proc: subprocess.Popen | None = None
        self.started = 0.0
        self.raw = b""  # everything read since the last clear()
        self._text = b""  # the same with escape sequences removed
        self._tail = b""  # an escape sequence cut in half by a read, kept for the next one
        self.total_bytes = 0

    # -- life ---------------------------------------------------------------------------------
    def start(self) -> float:
        """Start the child; returns the perf_counter() reading taken just before the fork."""
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", self.rows, self.cols, 0, 0))

        def make_controlling_tty() -> None:  # runs in the child, after setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            self.argv, stdin=slave, stdout=slave, stderr=slave, env=self.env, cwd=self.cwd,
            start_new_session=True, preexec_fn=make_controlling_tty, close_fds=True,
        )
        os.close(slave)
        self.master = master
        return self.started

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def close(self, grace: float = 1.0) -> None:
        """Stop the child (its whole session) and release the pty."""
        if self.proc is not None and self.proc.poll() is None:
            for sig in (signal.SIGTERM, signal.SIGKILL):
                try:
                    os.killpg(self.proc.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    self.proc.wait(timeout=grace)
                    break
                except subprocess.TimeoutExpired:
                    continue
        if self.proc is not None:
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        if self.master is not None:
            try:
                os.close(self.master)
            except OSError:
                pass
            self.master = None

    def __enter__(self) -> PtyProcess:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- output -------------------------------------------------------------------------------
    def _read_once(self, timeout: float) -> bool:
        """Read whatever is there within `timeout`; False if nothing came (or the child left)."""
        assert self.master is not None
        ready, _, _ = select.select([self.master], [], [], max(timeout, 0.0))
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 1 << 16)
        except OSError:  # EIO: the child closed its side
            chunk = b""
        if not chunk:
            if not self.alive():
                raise EOFError(f"{self.argv[0]} exited with {self.proc.returncode}")
            return False
        self.total_bytes += len(chunk)
        self.raw += chunk
        data = self._tail + chunk
        # Keep a trailing, unfinished escape sequence for the next read.
        cut = data.rfind(b"\x1b")
        if cut != -1 and not _ESCAPES.match(data, cut) and len(data) - cut < 64:
            data, self._tail = data[:cut], data[cut:]
        else:
            self._tail = b""
        self._text += strip_escapes(data)
        return True

    def wait_for(self, marker: str | bytes | re.Pattern[bytes], timeout: float = 10.0) -> float:
        """Read until `marker` (text, or a compiled bytes regex) shows in the output since the
        last clear(); returns the perf_counter() reading taken right after the read that
        completed it."""
        if isinstance(marker, re.Pattern):
            found = marker.search
        else:
            needle = marker.encode() if isinstance(marker, str) else marker
            found = lambda text: needle in text  # noqa: E731
        deadline = time.perf_counter() + timeout
        if found(self._text):
            return time.perf_counter()
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                shown = self.text()[-400:]
                raise Timeout(f"{marker!r} did not appear within {timeout} s; last output: "
                              f"{shown!r}")
            if self._read_once(left) and found(self._text):
                return time.perf_counter()

    def drain(self, quiet: float = 0.05, limit: float = 2.0) -> None:
        """Read until the child has written nothing for `quiet` seconds (the frame is complete)."""
        end = time.perf_counter() + limit
        while time.perf_counter() < end:
            try:
                if not self._read_once(quiet):
                    return
            except EOFError:
                return

    def clear(self) -> None:
        self.raw = b""
        self._text = b""

    def text(self) -> str:
        return self._text.decode("utf-8", "replace")

    # -- input --------------------------------------------------------------------------------
    def send(self, key: str | bytes) -> float:
        """Type a key (a name from KEYS or the literal text); returns the perf_counter() reading
        taken just before the write."""
        data = key if isinstance(key, bytes) else KEYS.get(key, key.encode())
        assert self.master is not None
        now = time.perf_counter()
        os.write(self.master, data)
        return now

    def resize(self, cols: int, rows: int) -> None:
        assert self.master is not None
        fcntl.ioctl(self.master, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        if self.alive():
            os.killpg(self.proc.pid, signal.SIGWINCH)

    # -- memory ------------------------------------------------------------------------------
    def vm_hwm_kib(self) -> int | None:
        """Peak resident set size of the child so far (VmHWM), in KiB."""
        try:
            with open(f"/proc/{self.pid}/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1])
        except OSError:
            return None
        return None
