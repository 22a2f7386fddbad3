"""The stretch walker: one screen for the whole walk, drawn from the session's view.

Every decision (what comes next, gates, hold length, the 10-minute advice, the diary entry) is the
session's (tui/walk/session.py); this screen lays the view out and passes keys back.

Over 300 lines: the whole walk is one screen (stretch, questions, endings, keys, clicks, timers
and speech hooks); its widgets live in tui/app/widgets.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.events import Key
from textual.screen import Screen
from textual.widgets import Static

from tui.app.screens.base import SizeGuard
from tui.app.widgets.choice_list import ChoiceList, Row
from tui.app.widgets.context_bar import NEXT_POSITION, ContextBar, ContextPart
from tui.app.widgets.cramp_clock import CrampClock
from tui.app.widgets.hold_timer import HoldTimer
from tui.app.widgets.step_card import StepCard
from tui.app.widgets.key_bar import KeyBar
from tui.app.widgets.refit import FittedText, show_text
from tui.app.voice import hush, speak
from tui.walk import speech
from tui.walk.engine import AGAIN, CONTINUE, EASED
from tui.walk.session import REFINE_KEYS, Session
from tui.walk.view import StepView
from tui.values import frozen

if TYPE_CHECKING:
    from tui.diary.models import Entry


RELEASE_FLASH = 1.0  # seconds the whole hold area changes colour at release


class Command(StrEnum):
    """What a row of this screen does besides answering the step."""

    HOLD = "hold"
    LOG = "log"
    HOME = "home"
    QUIT = "quit"
    SOURCES = "sources"


@frozen
class Press:
    """Answer the step with this key."""

    key: str


@frozen
class OpenPage:
    page: str


class StepScreen(SizeGuard, Screen[None]):
    CSS_PATH = "step.tcss"  # read before the first frame that shows it, or just after (app.py)
    # Few keys in the footer (it must fit 80 columns); every key, in words, in the help (?).
    BINDINGS = [
        Binding("space", "hold", "Hold", tooltip="Start the hold, or pause it"),
        Binding("y", "answer('y')", "Eased", tooltip="It eased: go on to what helps next"),
        Binding("n", "answer('n')", "Still cramping",
                tooltip="Still cramping: hold again, straight away"),
        Binding("w", "answer('w')", "Hurts more", show=False,
                tooltip="It hurts more or is getting worse: stop stretching"),
        Binding("enter", "continue", "Continue", priority=True,
                tooltip="Go on (or give the answer marked Enter)"),
        Binding("enter", "finish", "Back to the start", priority=True,
                tooltip="Back to the start"),
        Binding("h", "refine('h')", "Helper", show=False,
                tooltip="Someone is helping (or no longer): the steps are for them"),
        Binding("b", "refine('b')", "In bed", show=False, tooltip="You are in bed"),
        Binding("s", "refine('s')", "Sitting", show=False, tooltip="You are sitting"),
        Binding("t", "refine('t')", "Standing", show=False, tooltip="You are standing"),
        Binding("p", "refine('p')", "Pregnant", show=False,
                tooltip="Pregnant or gave birth in the last 6 weeks (or not): remembered"),
        Binding("escape", "app.go_home", "Home", show=False,
                tooltip="Leave this walk and go to the start"),
        Binding("backspace", "back", "Back a step", show=False,
                tooltip="One step back (a key pressed by mistake); the cramp clock runs on"),
        Binding("r", "sources", "Sources", show=False, tooltip="Where this advice comes from"),
        Binding("l", "log", "Log it", tooltip="Log this cramp in your diary"),
    ]
    help_title = "a cramp, step by step"

    def __init__(self, session: Session) -> None:
        view = session.view
        # The first step's classes and words come with the widgets: a restyle or relayout after
        # mounting would cost the first frame.
        super().__init__(classes="-stretch" if view.kind == "stretch" else None)
        self.session = session
        self.view = view
        self.hold_done = False
        self._shown: dict[str, str] = {}  # what each plain-text widget shows now
        # Keys can arrive before the widgets exist (a key held down, typed ahead): ignore them.
        self.ready = False

    # -- layout ---------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        session, view = self.session, self.view
        with Horizontal(id="step-header"):
            yield self._text("flow-title", view.flow_title)
            yield CrampClock(session.elapsed, session.long_cramp_due, id="cramp-clock")
        yield Static(id="long-banner", markup=False)
        with VerticalScroll(id="step-main"):  # scrolls in a small window; the timer stays put
            yield StepCard(view, id="step-card")  # the step's title first: what to do, in a line
            # The first rows come with the screen, not mounted after it: a faster first frame.
            yield ChoiceList(self._rows(view), self._default(view), id="step-choices")
            yield ContextBar(session.ctx, id="context-bar")
        yield HoldTimer(view.hold or HoldTimer.DEFAULT_SECONDS, clock=session.clock,
                        instruction=view.title, id="hold-timer")
        yield self._text("step-prompt", self._prompt())
        yield self._text("stretch-warning", view.warning)
        yield KeyBar(show_command_palette=False)  # ctrl+p still works; the room goes to keys

    async def on_mount(self) -> None:
        if self not in self.app.screen_stack:  # popped by a key typed ahead before it was shown
            return
        await self.render_step(reset_timer=True)
        self.ready = True
        self.refresh_bindings()  # the key bar asked check_action before the screen was ready
        if self.app.screen_stack[0] is self:  # `cramp now`: no Home to warm what comes later
            self.call_after_refresh(self.app.warm_styles)

    def retire(self) -> None:
        """This walk is over and stays behind another mode: its clocks must fall silent."""
        self.ready = False
        self.timer.reset()
        self.session.stop_clock()
        hush(self.app)

    @property
    def timer(self) -> HoldTimer:
        return self.query_one(HoldTimer)

    @property
    def cramp_clock(self) -> CrampClock:
        return self.query_one(CrampClock)

    async def render_step(self, reset_timer: bool) -> None:
        view = self.view = self.session.view
        # Each widget is updated only when its text changed: a refinement (one key) then costs
        # one or two repaints, not a relayout of the whole screen.
        self.query_one(StepCard).show(view)
        self.query_one(ContextBar).show_context(self.session.ctx)
        self._update("#flow-title", view.flow_title)
        self.set_class(view.kind == "stretch", "-stretch")  # the timer and warning show
        self._update("#stretch-warning", view.warning)
        self.timer.instruction = view.title
        if reset_timer:
            self.hold_done = False
            self.timer.reset(view.hold or self.timer.seconds)
        choices = self.query_one("#step-choices", ChoiceList)
        if choices.show(self._rows(view), self._default(view)):  # a refinement keeps them
            self.refresh_bindings()
        self._show_prompt()
        self.speak_step(view)

    def _text(self, widget_id: str, text: str) -> FittedText:
        """A line of plain text that _update keeps current, built with its first words."""
        self._shown[f"#{widget_id}"] = text
        return FittedText(text, id=widget_id, markup=False)

    def _update(self, selector: str, text: str) -> None:
        if self._shown.get(selector) != text:
            self._shown[selector] = text
            show_text(self.query_one(selector, Static), text)

    @staticmethod
    def _default(view: StepView) -> object:
        return Press(view.default) if view.default else None

    def _rows(self, view: StepView) -> list[Row]:
        """Every answer as a row that can be pressed by its key or clicked."""
        if view.kind == "stretch":
            labels = {EASED: "It eased", AGAIN: "Still cramping: hold again"}
            return [Row("space", "Start or pause the hold", Command.HOLD)] + [
                Row(a.key, labels.get(a.key, a.label), Press(a.key), name=a.key)
                for a in view.answers]
        if view.kind == "question":
            return [Row(a.key, a.label, Press(a.key), name=a.key) for a in view.answers]
        if view.kind == "info":
            return [Row("Enter", "Continue", Press(CONTINUE), name="enter")]
        log = []
        if view.can_log:
            logged = self.session.logged
            log = [Row("l", f"Saved in your diary (entry {logged.id}); l saves it again"
                       if logged else "Log this cramp in your diary", Command.LOG)]
        reading = [Row(o.key, f"Read: {o.title}", OpenPage(o.page), name=f"page-{o.page}")
                   for o in view.pages]
        return log + reading + [Row("r", "Where this advice comes from", Command.SOURCES),
                                Row("Enter", "Back to the start", Command.HOME),
                                Row("q", "Quit", Command.QUIT)]

    def _prompt(self) -> str:
        if self.view.kind == "stretch" and self.hold_done:
            return "Released. Did it ease?  y yes   n no, hold again"
        if self.view.kind == "question":
            return "Press the key of your answer."
        return ""

    def _show_prompt(self) -> None:
        self._update("#step-prompt", self._prompt())

    # -- keys -----------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.ready:
            return False
        kind = self.view.kind
        if action == "hold":
            return kind == "stretch"
        if action == "answer":
            return kind == "stretch" and any(a.key == parameters[0] for a in self.view.answers)
        if action == "refine":
            return kind == "stretch"
        if action == "log":
            return self.view.can_log
        if action == "back":
            return self.session.can_go_back
        if action == "continue":
            return kind == "info" or bool(self.view.default)
        if action == "finish":
            return kind == "end"
        return True

    def help_keys(self) -> list[tuple[str, str]]:
        """The keys this screen reads itself: a question's answers, the pages at the end."""
        if self.view.kind == "question":
            return [(a.key, a.label) for a in self.view.answers]
        if self.view.kind == "end":
            return [(o.key, f"Read: {o.title}") for o in self.view.pages]
        return []

    async def on_key(self, event: Key) -> None:
        """A question's own answer keys, and the numbered pages offered at the end, come before
        the screen's other keys. Awaited, not a worker: two quick keys are two answers in turn."""
        if not self.ready:
            return
        view = self.view
        if view.kind == "question" and event.key in {a.key for a in view.answers}:
            event.stop()
            event.prevent_default()
            await self.go(event.key)
        elif view.kind == "end":
            offer = next((o for o in view.pages if o.key == event.key), None)
            if offer:
                event.stop()
                self.app.action_library(offer.page)

    def action_hold(self) -> None:
        self.timer.toggle()
        self._show_prompt()
        if self.timer.state == "paused":
            speak(self.app, speech.PAUSED)

    async def action_answer(self, key: str) -> None:
        await self.go(key)

    async def action_continue(self) -> None:
        await self.go(CONTINUE)

    def action_finish(self) -> None:
        self.app.go_home()

    async def on_choice_list_chosen(self, event: ChoiceList.Chosen) -> None:
        match event.value:
            case Press(key):
                await self.go(key)
            case OpenPage(page):
                self.app.action_library(page)
            case ContextPart(part):
                await self._refine_part(part)
            case Command.HOLD:
                self.action_hold()
            case Command.LOG:
                self.action_log()
            case Command.SOURCES:
                self.action_sources()
            case Command.HOME:
                self.app.go_home()
            case Command.QUIT:
                self.app.exit()

    async def action_back(self) -> None:
        """One step back (a key pressed by mistake): the same step, the same context."""
        if self.session.back():
            await self.render_step(reset_timer=True)

    def action_sources(self) -> None:
        from tui.app.screens.sources import SourcesScreen

        self.app.push_screen(SourcesScreen(self.session.library, self.session.sources()))

    def action_log(self) -> None:
        """Offer the diary entry the session prefilled."""
        from tui.app.screens.log_cramp import LogCrampScreen

        self.app.push_screen(LogCrampScreen(self.session.diary_entry()), self._logged)

    async def _logged(self, saved: Entry | None) -> None:
        if saved is not None:
            self.session.mark_logged(saved)
            await self.render_step(reset_timer=False)

    async def go(self, key: str) -> None:
        if key not in {a.key for a in self.view.answers} and \
                not (key == CONTINUE and (self.view.kind == "info" or self.view.default)):
            return  # a click or key meant for the step before this one
        moved = self.session.answer(key)
        if moved.hold_again:  # "still cramping": the next repetition starts at once
            self.hold_done = False
            self.timer.reset(self.session.hold_seconds())
            self.timer.start()
            self._show_prompt()
            return
        await self.render_step(reset_timer=True)

    async def action_refine(self, key: str) -> None:
        refined = self.session.refine_key(key)
        if refined.problem:
            self.notify(refined.problem, severity="warning")
        await self.render_step(reset_timer=refined.moved.new_step)

    async def _refine_part(self, part: str) -> None:
        if part == "position":
            position = NEXT_POSITION[self.session.ctx.position]
            key = next(k for k, value in REFINE_KEYS.items() if value == position)
            await self.action_refine(key)
        else:
            await self.action_refine(part[0])  # helper -> h, pregnant -> p

    # -- timers ---------------------------------------------------------------------------
    def on_hold_timer_finished(self, event: HoldTimer.Finished) -> None:
        self.hold_done = True
        self.app.ring()
        self.call_after_refresh(self._show_prompt)  # after the frame that says Release
        speak(self.app, speech.RELEASE)

    def on_hold_timer_changed(self, event: HoldTimer.Changed) -> None:
        if event.state == "done":
            # The word RELEASE is drawn first, in a small frame that is on time; the colour change
            # of the whole hold area (a large repaint) follows in the next frame, and the rest of
            # the screen in the one after: a person sees them together.
            self.call_after_refresh(self._flash_then_return)
        else:
            self.set_class(event.state == "holding", "-holding")
            self.timer.remove_class("-flash")

    def _flash_then_return(self) -> None:
        if self.timer.state != "done":
            return  # a key typed ahead already started the next hold
        self.timer.add_class("-flash")
        self.call_after_refresh(self.remove_class, "-holding")
        self.set_timer(RELEASE_FLASH, lambda: self.timer.remove_class("-flash"))

    def on_cramp_clock_long_cramp(self, event: CrampClock.LongCramp) -> None:
        banner = self.query_one("#long-banner", Static)
        banner.update(event.title)
        banner.add_class("-shown")
        self.app.show_long_cramp(event.title, event.text)
        speak(self.app, *speech.long_cramp((event.title, event.text), self._emergency))

    # -- speech (tui/voice): what is said comes from tui/walk/speech.py ---------------------
    _spoken: StepView | None = None  # the step last read out: a refresh of it is not re-read

    def speak_step(self, view: StepView) -> None:
        if view != self._spoken:
            self._spoken = view
            # After the frame that shows the step: starting the speech engine must not delay it.
            self.call_after_refresh(speak, self.app, *speech.step(view, self._emergency))

    def on_hold_timer_counted(self, event: HoldTimer.Counted) -> None:
        speak(self.app, *speech.count(event.remaining, first=event.first))

    def on_unmount(self) -> None:
        hush(self.app)

    @property
    def _emergency(self) -> str:
        return self.session.settings.emergency
