"""The cramp clock: how long this cramp has lasted, from the first step shown.

Past the limit (10 minutes) it says so once, so the screen can show the urgent-care advice.
"""

from __future__ import annotations

import time
from typing import Callable

from textual.message import Message
from textual.widgets import Static

LONG_CRAMP_SECONDS = 10 * 60


class CrampClock(Static):
    class LongCramp(Message):
        """The cramp has lasted longer than the limit."""

    def __init__(self, clock: Callable[[], float] = time.monotonic,
                 started: float | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.clock = clock
        self.started = clock() if started is None else started
        self.warned = False
        self.stopped_at: float | None = None

    def on_mount(self) -> None:
        self.tick()
        self.set_interval(1.0, self.tick)

    @property
    def elapsed(self) -> float:
        now = self.clock() if self.stopped_at is None else self.stopped_at
        return max(0.0, now - self.started)

    def stop(self) -> None:
        """The cramp eased (or the walk ended): the clock keeps its final time for the diary and
        never warns about this cramp again."""
        if self.stopped_at is None:
            self.stopped_at = self.clock()
            self.tick()
            self.warned = True

    def tick(self) -> None:
        minutes, seconds = divmod(int(self.elapsed), 60)
        self.update(f"Cramp clock {minutes:02d}:{seconds:02d}")
        if self.elapsed >= LONG_CRAMP_SECONDS:
            self.add_class("-long")
            if not self.warned:
                self.warned = True
                self.post_message(self.LongCramp())
