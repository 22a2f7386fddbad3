"""The cramp clock: how long this cramp has lasted, as the walk's session counts it.

The session decides when the 10-minute advice is due; this widget shows the time and passes the
advice on once, so the screen can show it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.message import Message
from textual.widgets import Static


class CrampClock(Static):
    class LongCramp(Message):
        """The cramp has lasted past the limit: the urgent-care advice, filled in."""

        def __init__(self, title: str, text: str) -> None:
            super().__init__()
            self.title, self.text = title, text

    def __init__(self, elapsed: Callable[[], float],
                 due: Callable[[], tuple[str, str] | None], **kwargs: Any) -> None:
        super().__init__(markup=False, **kwargs)
        self.elapsed, self.due = elapsed, due

    def on_mount(self) -> None:
        self.tick()
        self.set_interval(1.0, self.tick)

    def tick(self) -> None:
        minutes, seconds = divmod(int(self.elapsed()), 60)
        self.update(f"Cramp clock {minutes:02d}:{seconds:02d}")
        advice = self.due()
        if advice:
            self.add_class("-long")
            self.post_message(self.LongCramp(*advice))
