"""The hold timer: one repetition of a stretch, counted down for the person.

Deadline-based on an injectable monotonic clock: the count is always `deadline - clock()`, so ticks
that arrive late, a pause, a resize or a modal on top never make it drift. Tests inject a fake clock
and call tick().
"""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING, Any, Callable, Literal, cast

from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Static

from tui.app.widgets.big_text import LARGE, SMALL, WORDS, BigText
from tui.app.widgets.refit import show_text

if TYPE_CHECKING:
    from textual.widgets import ProgressBar

State = Literal["ready", "holding", "paused", "done"]
TICK = 0.1  # display refresh; the end itself is a one-shot timer at the exact deadline
# The event loop wakes a timer 3-5 ms late when the screen is busy: the end timer wakes this much
# early and the last moments are waited out exactly (bench: hold timer end error).
WAKE_EARLY = 0.006
# Float arithmetic on clock readings: closer than this to the deadline is the deadline.
EPSILON = 1e-3


WORD = {"ready": "", "holding": "HOLD", "paused": "PAUSED", "done": "RELEASE"}


class HoldTimer(Vertical):
    class Finished(Message):
        """The hold ended: time to release and say whether it eased."""

    class Changed(Message):
        """The hold started, paused or ended: the screen steps back or comes forward."""

        def __init__(self, state: State) -> None:
            super().__init__()
            self.state = state

    class Counted(Message):
        """A new number is on the timer while holding (the hold began, went on after a pause,
        or a second passed): the moment to say it aloud."""

        def __init__(self, remaining: float, first: bool) -> None:
            super().__init__()
            self.remaining, self.first = remaining, first

    state: reactive[State] = reactive("ready")
    DEFAULT_SECONDS = 5.0  # a step that says no hold of its own

    def __init__(self, seconds: float = DEFAULT_SECONDS,
                 clock: Callable[[], float] = time.monotonic, instruction: str = "",
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.seconds = seconds
        self.clock = clock
        self.wait = time.sleep  # waits out the last few ms before the end (see WAKE_EARLY)
        self.remaining = seconds
        self.deadline: float | None = None
        self._ticker: Timer | None = None
        self._end: Timer | None = None
        self.instruction = instruction  # the step in one line, kept in view while holding
        self._texts: dict[str, str] = {}  # what each line of words shows now
        self._counted: str | None = None  # the number last announced by Counted

    def compose(self) -> ComposeResult:
        # The words come with the widget (no update after mounting); _texts says they are shown.
        self._texts = {"#hold-label": self._label()}
        yield Static(self._label(), id="hold-label", markup=False)

    def on_mount(self) -> None:
        self._ticker = self.set_interval(TICK, self.tick, pause=True)
        # The countdown's large parts come a frame later: hidden until a hold starts, they
        # would only slow the first frame of the stretch screen (six widgets to mount and style).
        self.call_after_refresh(self._mount_countdown)

    async def _mount_countdown(self) -> None:
        # Imported here, after the first frame: the bar's module was most of this one's import.
        from textual.widgets import ProgressBar

        self._texts["#hold-instruction"] = self.instruction
        await self.mount(
            Static(self.instruction, id="hold-instruction", markup=False),
            BigText(self._digits(), id="hold-digits"),
            BigText(id="hold-word", rows=SMALL),
            # Alignment is per group: the bar gets its own.
            Center(ProgressBar(total=self.seconds, show_eta=False, show_percentage=False,
                               id="hold-bar"), id="hold-bar-row"),
            before="#hold-label")
        self._show()  # a hold may have started in the meantime

    # -- control ----------------------------------------------------------------------------
    def start(self) -> None:
        """Start the hold, or go on after a pause."""
        if self.state == "done":
            self.reset()
        first, self._counted = self.state == "ready", None
        self.deadline = self.clock() + self.remaining
        self.state = "holding"
        if self._ticker:
            self._ticker.resume()
        self._end = self.set_timer(max(0.0, self.remaining - WAKE_EARLY), self._at_deadline)
        self._show()
        self._count(first)

    def pause(self) -> None:
        if self.state != "holding":
            return
        assert self.deadline is not None  # set whenever holding
        self.remaining = max(0.0, self.deadline - self.clock())
        self.state = "paused"
        self._stop_timers()
        self._show()

    def toggle(self) -> None:
        self.pause() if self.state == "holding" else self.start()

    def reset(self, seconds: float | None = None) -> None:
        self._stop_timers()
        if seconds is not None:
            self.seconds = seconds
        self.remaining = self.seconds
        self.deadline = None
        self.state = "ready"
        self._show()

    def tick(self) -> None:
        if self.state != "holding":
            return
        assert self.deadline is not None  # set whenever holding
        self.remaining = max(0.0, self.deadline - self.clock())
        if self.remaining <= EPSILON:
            self.remaining = 0.0
            self.state = "done"
            self._stop_timers()
            self.post_message(self.Finished())
        self._show()
        self._count(first=False)

    def _count(self, first: bool) -> None:
        """Announce the number shown when it changes, from the same deadline clock."""
        if self.state == "holding" and self._digits() != self._counted:
            self._counted = self._digits()
            self.post_message(self.Counted(self.remaining, first))

    def _at_deadline(self) -> None:
        assert self.deadline is not None  # the end timer runs only while holding
        left = self.deadline - self.clock()
        if 0 < left <= 2 * WAKE_EARLY:
            # Woken early on purpose: wait out these few milliseconds here, exactly, rather
            # than in the event loop, which would wake late again.
            self.wait(left)
        self.tick()
        if self.state == "holding":  # woken too early (a clock that jumped): sleep again
            self._end = self.set_timer(max(0.0, self.remaining - WAKE_EARLY), self._at_deadline)

    # -- display ----------------------------------------------------------------------------
    def watch_state(self, state: State) -> None:
        # One restyle, not four: the state is the timer's only class (the release flash is added
        # after it, by the screen).
        self.set_classes(f"-{state}")
        self.post_message(self.Changed(state))

    def _digits(self) -> str:
        return str(math.ceil(self.remaining - 1e-9)) if self.state != "done" else "0"

    def _label(self) -> str:
        left = self._digits()
        return {
            "ready": f"Press space to start the {self.seconds:g} s hold",
            "holding": f"Hold - {left} s left",
            "paused": f"Paused - {left} s left (space goes on)",
            "done": "Release",
        }[self.state]

    def _show(self) -> None:
        if not self.is_mounted:
            return
        # Ten ticks a second: only what changed is updated, so the frame that says Release is
        # never late behind repaints of text that stayed the same.
        # Asked of the DOM, not a flag: a screen closed by a key typed ahead is pruned while the
        # countdown mounts, and its parts never arrive.
        if not self.query("#hold-bar"):  # the countdown is not mounted yet: the words say it
            self._update("#hold-label", self._label())
            return
        digits, word = self._sizes()
        self._update("#hold-instruction", self.instruction)
        self.query_one("#hold-digits", BigText).show(self._digits(), digits)
        self.query_one("#hold-word", BigText).show(WORD[self.state], word)
        bar = cast("ProgressBar", self.query_one("#hold-bar"))
        bar.update(total=self.seconds, progress=self.seconds - self.remaining)
        self._update("#hold-label", self._label())

    def _update(self, selector: str, text: str) -> None:
        if self._texts.get(selector) != text:
            self._texts[selector] = text
            show_text(self.query_one(selector, Static), text)

    def _sizes(self) -> tuple[int, int]:
        """Rows for the digits and the word: as large as the terminal allows (from 20 rows:
        7-row digits and a 3-row word; smaller: 3-row digits and the word in plain letters)."""
        height = self.app.size.height
        # The word is never drawn larger than the count: the count is what a person follows.
        return (LARGE, SMALL) if height >= 20 else (SMALL, WORDS)

    def on_resize(self) -> None:
        self._show()

    def _stop_timers(self) -> None:
        if self._ticker:
            self._ticker.pause()
        if self._end:
            self._end.stop()
            self._end = None
