"""A walk through every screen of the app at 80x24, measuring the contrast of what it draws.

Each stop records the screen's drawn cells and which of them are safety text (the danger signs,
the urgent and emergency headings, the stretch warning, the countdown and its words, the clot
question, the long-cramp notice and banner) or meaningful drawing (the hold bar).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from tests.conftest import FakeClock
from tests.contrast import Cell, Resolver, cells, resolver_for
from tui.app.app import Start, make_app
from tui.content.models import Context
from tui.settings import Settings

SAFETY = ("#danger-title", ".danger-heading", "#long-title", "#long-banner", "#stretch-warning",
          "#hold-digits", "#hold-word", "#hold-label", "StepCard.-urgent #step-title",
          "StepScreen.-clot #step-title", "#cramp-clock.-long")
BARS = ("#hold-bar Bar",)
SIZE = (80, 24)
# From Home: the key, the screen it opens, then keys further in (scrolled down, a page opened,
# text typed, the focus moved on).
MENU = (("enter", "where", ()), ("exclamation_mark", "danger", ("end",)),
        ("l", "library list", ("enter",)), ("slash", "search", ("c",)), ("d", "diary", ()),
        ("o", "settings", ("tab",)), ("question_mark", "help", ()))


@dataclass
class Stop:
    theme: str
    screen: str
    drawn: list[Cell]
    safety: list[Cell] = field(default_factory=list)
    bars: list[Cell] = field(default_factory=list)
    focus: list[Cell] = field(default_factory=list)


class Tour:
    """The screens of one theme, resolved through one palette (None for true-colour themes)."""

    def __init__(self, theme: str, palette=None) -> None:
        self.theme, self.palette = theme, palette
        self.stops: list[Stop] = []

    def look(self, app, name: str) -> None:
        resolver: Resolver = resolver_for(app, self.palette)
        drawn = cells(app, resolver)
        regions = [w.region for selector in SAFETY for w in app.screen.query(selector)
                   if w.display and w.visible]
        bars = [w.region for selector in BARS for w in app.screen.query(selector) if w.display]
        focused = app.focused if app.focused and app.focused.styles.border.top[0] else None
        self.stops.append(Stop(
            self.theme, name, drawn,
            safety=[c for c in drawn if any(c.inside(r) for r in regions)],
            bars=[c for c in drawn if c.is_drawing and any(c.inside(r) for r in bars)],
            # the focus outline: the border cells of the focused widget
            focus=[c for c in drawn if focused and c.is_drawing and c.inside(focused.region)
                   and not c.inside(focused.region.shrink(focused.styles.gutter))]))

    def app(self, clock: FakeClock, **kwargs):
        return make_app(clock=clock, settings=Settings(theme=self.theme), **kwargs)

    async def run(self) -> list[Stop]:
        await self._home_and_menus()
        await self._stretch()
        await self._clot_question()
        await self._long_cramp()
        return self.stops

    async def _home_and_menus(self) -> None:
        seed_diary()
        app = self.app(FakeClock())
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            self.look(app, "home")
            for key, name, more in MENU:
                await pilot.press(key)
                await pilot.pause()
                self.look(app, name)
                for extra in more:  # further down, or a page opened, or text typed
                    await pilot.press(extra)
                    await pilot.pause()
                    self.look(app, f"{name} after {extra}")
                if name == "settings":  # the theme list, open
                    app.screen.query_one("#theme").focus()
                    await pilot.press("enter")
                    await pilot.pause()
                    self.look(app, "settings theme list")
                    await pilot.press("escape")
                app.go_home()
                await pilot.pause()

    async def _stretch(self) -> None:
        clock = FakeClock()
        app = self.app(clock, start=Start(site="calf"))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            self.look(app, "stretch before the hold")
            await pilot.press("space")
            clock.advance(1.5)
            app.screen.timer.tick()
            await pilot.pause()
            self.look(app, "stretch during the hold")
            clock.advance(3.5)
            app.screen.timer.tick()
            await pilot.pause()
            self.look(app, "stretch at release")
            await pilot.pause(1.5)
            self.look(app, "stretch after the hold")

    async def _clot_question(self) -> None:
        app = self.app(FakeClock(), start=Start(site="calf", ctx=Context(pregnant=True)))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            app.screen.add_class("-clot")  # marks the question's title as safety text
            self.look(app, "clot question")

    async def _long_cramp(self) -> None:
        clock = FakeClock()
        app = self.app(clock, start=Start(site="calf"))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            clock.advance(10 * 60)
            app.screen.cramp_clock.tick()
            await pilot.pause()
            self.look(app, "10-minute advice")
            await pilot.press("escape")
            await pilot.pause()
            self.look(app, "stretch with the long-cramp banner")


def seed_diary() -> None:
    from tui.diary.models import Entry
    from tui.diary.store import DiaryStore

    with DiaryStore() as store:
        if not store.list():
            store.add(Entry(datetime(2026, 11, 20, 3, 10, tzinfo=timezone.utc), "calf", 180,
                            in_bed=True, severity=6, note="Woke me up"))
