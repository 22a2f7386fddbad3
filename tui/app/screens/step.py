"""The stretch walker: one screen for the whole walk, re-rendered as the engine moves on."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.events import Key
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui.walk.engine import AGAIN, CONTINUE, EASED, Engine, Walk
from tui.app.widgets.choice_list import ChoiceList, Row
from tui.app.widgets.context_bar import NEXT_POSITION, ContextBar
from tui.app.widgets.cramp_clock import CrampClock
from tui.app.widgets.hold_timer import HoldTimer
from tui.app.widgets.step_card import StepCard
from tui.app.screens.base import SizeGuard
from tui.app.screens.library import page_of_row, page_rows

POSITION_KEYS = {"b": "bed", "s": "sitting", "t": "standing"}


class StepScreen(SizeGuard, Screen):
    BINDINGS = [
        Binding("space", "hold", "Start/pause hold"),
        Binding("y", "answer('y')", "Eased"),
        Binding("n", "answer('n')", "Still cramping"),
        Binding("enter", "enter", "Continue", priority=True),
        Binding("h", "helper", "Helper", show=False),
        Binding("b", "position('bed')", "In bed", show=False),
        Binding("s", "position('sitting')", "Sitting", show=False),
        Binding("t", "position('standing')", "Standing", show=False),
        Binding("p", "pregnant", "Pregnant", show=False),
        Binding("escape", "app.go_home", "Home"),
        Binding("l", "log", "Log it", show=False),
    ]

    def __init__(self, engine: Engine, walk: Walk) -> None:
        super().__init__()
        self.engine = engine
        self.walk = walk
        self.hold_done = False
        self.started_at = datetime.now().astimezone()  # wall-clock time, for the diary
        # Keys can arrive before the widgets exist (a key held down, typed ahead): ignore them.
        self.ready = False

    # -- layout ---------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        app = self.app
        flow = self.engine.library.flows[self.walk.flow]
        with Horizontal(id="step-header"):
            yield Static(flow.title, id="flow-title", markup=False)
            yield CrampClock(clock=app.clock, id="cramp-clock")
        yield Static(id="long-banner", markup=False)
        yield ContextBar(id="context-bar")
        with VerticalScroll(id="step-main"):  # scrolls in a small window; the timer stays put
            yield StepCard(id="step-card")
            # The first rows come with the screen, not mounted after it: a faster first frame.
            first = self.engine.raw_step(self.walk)
            yield ChoiceList(self._rows(first.kind), first.default, id="step-choices")
        yield HoldTimer(clock=app.clock, id="hold-timer")
        yield Static(id="step-prompt")
        danger = self.engine.library.danger
        yield Static(danger.stretch_warning if danger else "", id="stretch-warning",
                     markup=False)
        yield Footer(show_command_palette=False)  # ctrl+p still works; the room goes to keys

    async def on_mount(self) -> None:
        if self not in self.app.screen_stack:  # popped by a key typed ahead before it was shown
            return
        await self.render_step(reset_timer=True)
        self.ready = True
        self.refresh_bindings()  # the Footer asked check_action before the screen was ready

    def retire(self) -> None:
        """This walk is over and stays behind another mode: its clocks must fall silent."""
        self.ready = False
        self.timer.reset()
        self.cramp_clock.stop()

    @property
    def timer(self) -> HoldTimer:
        return self.query_one(HoldTimer)

    @property
    def cramp_clock(self) -> CrampClock:
        return self.query_one(CrampClock)

    async def render_step(self, reset_timer: bool) -> None:
        step = self.engine.step(self.walk)
        self.query_one(StepCard).show(step, self.app.settings.emergency)
        self.query_one(ContextBar).show(self.walk.ctx)
        stretch = step.kind == "stretch"
        self.set_class(stretch, "-stretch")
        self.query_one("#stretch-warning").display = stretch
        self.timer.display = stretch
        if reset_timer:
            self.hold_done = False
            self.timer.reset(self.app.settings.hold_seconds or step.hold)
        choices = self.query_one(ChoiceList)
        rows = self._rows(step.kind)
        if (rows, step.default) != (choices.rows, choices.default):  # a refinement keeps them
            await choices.show(rows, step.default)
            self.refresh_bindings()
        self.query_one("#step-prompt", Static).update(self._prompt(step.kind))

    def _rows(self, kind: str) -> list[Row]:
        """Every answer as a row that can be pressed by its key or clicked."""
        if kind == "stretch":
            return [Row("space", "Start or pause the hold", "hold"), Row("y", "It eased", EASED),
                    Row("n", "Still cramping: hold again", AGAIN)]
        if kind == "question":
            return [Row(a.key, a.label, a.key) for a in self.engine.answers(self.walk)]
        if kind == "info":
            return [Row("Enter", "Continue", CONTINUE)]
        reading = page_rows(self.engine.library, self.engine.pages(self.walk))
        log = [Row("l", "Log this cramp in your diary", "log")] \
            if self.engine.raw_step(self.walk).outcome == "eased" else []
        return log + reading + [Row("Enter", "Back to the start", "home"), Row("q", "Quit", "quit")]

    def _prompt(self, kind: str) -> str:
        if kind == "stretch" and self.hold_done:
            return "[b]Released.[/b] Did it ease?  [b]y[/b] yes   [b]n[/b] no, hold again"
        if kind == "question":
            return "Press the key of your answer."
        return ""

    # -- keys -----------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if not self.ready:
            return False
        kind = self.engine.raw_step(self.walk).kind
        if action in ("hold", "answer"):
            return kind == "stretch"
        if action == "log":
            return self.engine.raw_step(self.walk).outcome == "eased"
        if action == "enter":
            return kind in ("info", "end") or bool(self.engine.raw_step(self.walk).default)
        return True

    async def on_key(self, event: Key) -> None:
        """A question's own answer keys, and the numbered pages offered at the end, come before
        the screen's other keys. Awaited, not a worker: two quick keys are two answers in turn."""
        if not self.ready:
            return
        step = self.engine.raw_step(self.walk)
        if step.kind == "question" and event.key in {c.key for c in step.choices}:
            event.stop()
            event.prevent_default()
            await self.go(event.key)
        elif step.kind == "end" and event.key.isdigit():
            row = next((r for r in self.query_one(ChoiceList).rows if r.key == event.key), None)
            if row:
                event.stop()
                self.app.action_library(page_of_row(row.value))

    def action_hold(self) -> None:
        self.timer.toggle()
        self.query_one("#step-prompt", Static).update(self._prompt("stretch"))

    async def action_answer(self, key: str) -> None:
        if key == AGAIN:  # "still cramping": the next repetition starts at once, from the key
            self.walk = self.engine.answer(self.walk, AGAIN)  # the same stretch again
            self.timer.reset()
            self.timer.start()
            self.hold_done = False
            self.query_one("#step-prompt", Static).update(self._prompt("stretch"))
            return
        await self.go(key)

    async def action_enter(self) -> None:
        step = self.engine.raw_step(self.walk)
        if step.kind == "info":
            await self.go(CONTINUE)
        elif step.kind == "question" and step.default:
            await self.go(step.default)
        elif step.kind == "end":
            self.app.go_home()

    async def on_choice_list_chosen(self, event: ChoiceList.Chosen) -> None:
        if event.value == "home":
            self.app.go_home()
        elif event.value == "quit":
            self.app.exit()
        elif event.value == "hold":
            self.action_hold()
        elif event.value in (EASED, AGAIN):
            await self.action_answer(event.value)
        elif page_of_row(event.value):
            self.app.action_library(page_of_row(event.value))
        elif event.value == "log":
            self.action_log()
        else:
            await self.go(event.value)

    def action_log(self) -> None:
        """Offer the diary entry, prefilled with what the walk already knows."""
        from tui.diary.models import Entry
        from tui.app.screens.log_cramp import LogCrampScreen

        ctx = self.walk.ctx
        entry = Entry(
            started_at=self.started_at.replace(microsecond=0),
            site=self.engine.site(self.walk),
            duration_seconds=max(1, round(self.cramp_clock.elapsed)),
            in_bed=ctx.position == "bed", pregnant=ctx.pregnant, helper=ctx.helper,
        )
        self.app.push_screen(LogCrampScreen(entry))

    async def go(self, key: str) -> None:
        if key not in {a.key for a in self.engine.answers(self.walk)}:
            return  # a click or key meant for the step before this one
        if key == EASED and self.engine.raw_step(self.walk).kind == "stretch":
            self.cramp_clock.stop()
        self.walk = self.engine.answer(self.walk, key)
        if self.engine.finished(self.walk) and self.engine.raw_step(self.walk).outcome != "eased":
            self.cramp_clock.stop()
        await self.render_step(reset_timer=True)

    async def refine(self, **changes) -> None:
        before = self.walk.qid
        self.walk = self.engine.refine(self.walk, replace(self.walk.ctx, **changes))
        await self.render_step(reset_timer=self.walk.qid != before)

    async def action_helper(self) -> None:
        await self.refine(helper=not self.walk.ctx.helper)

    async def action_position(self, position: str) -> None:
        await self.refine(position=position)

    async def on_context_bar_clicked(self, event: ContextBar.Clicked) -> None:
        if event.part == "helper":
            await self.action_helper()
        elif event.part == "position":
            await self.action_position(NEXT_POSITION[self.walk.ctx.position])
        else:
            await self.action_pregnant()

    async def action_pregnant(self) -> None:
        pregnant = not self.walk.ctx.pregnant
        self.app.remember_pregnant(pregnant)
        await self.refine(pregnant=pregnant)

    # -- timers ---------------------------------------------------------------------------
    def on_hold_timer_finished(self, event: HoldTimer.Finished) -> None:
        self.hold_done = True
        self.app.ring()
        self.query_one("#step-prompt", Static).update(self._prompt("stretch"))

    def on_cramp_clock_long_cramp(self, event: CrampClock.LongCramp) -> None:
        danger = self.engine.library.danger
        if danger is None:
            return
        banner = self.query_one("#long-banner", Static)
        banner.update(danger.long_cramp_title.replace("{emergency}", self.app.settings.emergency))
        banner.add_class("-shown")
        self.app.show_long_cramp()


__all__ = ["StepScreen", "EASED", "AGAIN"]
