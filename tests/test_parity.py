"""One walk in every mode: the same answers, typed into plain mode and pressed in the full-screen
app, show the same steps, safety questions and endings, in the same order.

Every site x helper x position x pregnancy (none, from the flag, remembered in the settings) is
walked, each with one of five answer scripts in turn, so every script meets every site: eased at
once; still cramping three times (the clot question for everyone); `p` in the middle of a stretch;
"it hurts more" then yes to the clot question; "it hurts more" then no (stop stretching).
"""

from __future__ import annotations

import io
import itertools
from dataclasses import dataclass, field

import pytest

from tests.conftest import FakeClock, text
from tui.app.app import Start
from tui.content import load_library
from tui.content.models import Context
from tui.plain.walker import PlainWalker
from tui.settings import Settings
from tui.walk.session import Session
from tui.walk.view import StepView, fill

LIBRARY = load_library().library
EMERGENCY = Settings().emergency


@dataclass
class Script:
    """What the person does at each stretch and at each safety question, in order."""

    name: str
    stretch: list[str]
    gate: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.stretch, self.gate = list(self.stretch), list(self.gate)  # each run its own copy

    def next(self, view: StepView) -> str:
        if view.kind == "stretch":
            return self.stretch.pop(0) if self.stretch else "y"
        if view.kind == "question":
            keys = [a.key for a in view.answers]
            if self.gate and "y" in keys and "n" in keys:
                return self.gate.pop(0)
            return view.default or "n"
        return "enter"


SCRIPTS = [
    ("eased", ["hold", "y"], []),
    ("still-cramping", ["hold", "n", "n", "n", "hold", "y"], ["n", "n"]),
    ("pregnant-mid-stretch", ["p", "hold", "y"], ["n"]),
    ("worse-clot-yes", ["w"], ["y", "y"]),
    ("worse-clot-no", ["hold", "w"], ["n", "n", "n"]),
]
SITES = [f.site for f in LIBRARY.site_flows]
POSITIONS = [None, "bed", "sitting", "standing"]
PREGNANCY = ["no", "flag", "remembered"]
CASES = [(site, helper, position, pregnant, SCRIPTS[n % len(SCRIPTS)])
         for n, (site, helper, position, pregnant)
         in enumerate(itertools.product(SITES, (False, True), POSITIONS, PREGNANCY))]


def every_title() -> set[str]:
    titles = set()
    for flow in LIBRARY.flows.values():
        for step in flow.steps:
            titles.add(fill(step.title, EMERGENCY))
            titles.update(fill(v.title, EMERGENCY) for v in step.variants if v.title)
    return titles


TITLES = every_title()


def start_of(helper: bool, position: str | None, pregnant: str) -> tuple[Context, Settings]:
    ctx = Context(helper=helper, position=position, pregnant=pregnant == "flag")
    return ctx, Settings(pregnant=pregnant == "remembered")


class Typist(io.StringIO):
    """Standard input that answers plain mode's prompts by the script, as they come."""

    def __init__(self, session: Session, script: Script) -> None:
        super().__init__()
        self.session, self.script, self.lines = session, script, 0

    def readline(self, size: int = -1) -> str:
        self.lines += 1
        if self.session.finished or self.lines > 60:
            return ""
        action = self.script.next(self.session.view)
        return {"hold": "", "enter": ""}.get(action, action) + "\n"


def plain_titles(site: str, ctx: Context, settings: Settings, script: Script) -> list[str]:
    clock = FakeClock()
    session = Session(LIBRARY, settings, ctx, clock=clock, save=lambda s: None)
    out = io.StringIO()
    PlainWalker(session, Typist(session, script), out, sleep=clock.sleep).run(site)
    shown = [line for line in out.getvalue().splitlines() if line in TITLES]
    return [t for n, t in enumerate(shown) if n == 0 or shown[n - 1] != t]


async def app_titles(new_app, clock, site: str, ctx: Context, settings: Settings,
                     script: Script) -> list[str]:
    app = new_app(start=Start(site=site, ctx=ctx), settings=settings)
    titles: list[str] = []
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        for _ in range(60):
            screen = app.screen
            title = text(screen.query_one("#step-title"))
            if not titles or titles[-1] != title:
                titles.append(title)
            view = screen.session.view
            if view.kind == "end":
                break
            action = script.next(view)
            if action == "hold":
                await pilot.press("space")
            else:
                await pilot.press(action)
            if action in ("hold", "n") and screen.session.view.kind == "stretch":
                clock.advance(5.0)  # the repetition is held through
                screen.timer.tick()
            await pilot.pause()
    return titles


@pytest.mark.parametrize("site, helper, position, pregnant, script", CASES,
                         ids=[f"{s}-{'helper' if h else 'alone'}-{p or 'any'}-preg:{g}-{c[0]}"
                              for s, h, p, g, c in CASES])
async def test_plain_and_app_show_the_same_walk(new_app, clock, site, helper, position,
                                                pregnant, script):
    ctx, settings = start_of(helper, position, pregnant)
    in_plain = plain_titles(site, ctx, settings, Script(*script))
    in_app = await app_titles(new_app, clock, site, ctx, settings, Script(*script))
    assert in_plain == in_app, (in_plain, in_app)
    clot = fill(LIBRARY.step("safety", "clot-check").title, EMERGENCY)
    name = script[0]
    # The rules the scripts exercise, as a person sees them in both modes.
    if pregnant != "no":
        assert in_app[0] == clot  # asked before the first stretch, flag or remembered
    if name in ("still-cramping", "worse-clot-yes", "worse-clot-no"):
        assert clot in in_app  # everyone is asked when it will not ease or hurts more
    if name == "worse-clot-yes":
        assert in_app[-1] == fill(LIBRARY.step("safety", "clot-urgent").title, EMERGENCY)
    if name == "worse-clot-no":
        assert in_app[-1] == fill(LIBRARY.step("safety", "worse-stop").title, EMERGENCY)
    if name in ("eased", "still-cramping", "pregnant-mid-stretch"):
        assert in_app[-1] == fill(LIBRARY.step("aftercare", "done").title, EMERGENCY)
