"""The Textual app: screens on top of the content layer and the flow engine.

make_app() is the one factory the CLI, the tests and the browser server all use.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from textual.app import App
from textual.binding import Binding

from tui.settings import Settings, load_settings, save_settings

if TYPE_CHECKING:  # the content models pull in pydantic: kept off Home's first-frame path
    from tui.content.models import Context


@dataclass(frozen=True)
class Start:
    """Where `cramp now` jumps in: the site if known, and what the person already told us."""

    site: str | None = None
    ctx: Context | None = None


class CrampApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "cramp"
    BINDINGS = [
        Binding("exclamation_mark", "danger", "Danger signs", key_display="!"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, *, start: Start | None = None, clock: Callable[[], float] = time.monotonic,
                 guides: tuple[Path, ...] = (), settings: Settings | None = None,
                 settings_path: Path | None = None, library=None) -> None:
        super().__init__()
        self.start = start
        self.clock = clock
        self.guides = guides
        self.settings_path = settings_path
        self.settings_problem: str | None = None
        if settings is None:
            settings, self.settings_problem = load_settings(settings_path)
        self.settings = settings
        self._library = library
        self._engine = None

    # -- content, loaded lazily so Home's first frame does not wait for it ---------------
    @property
    def library(self):
        if self._library is None:
            from tui.content import load_library

            loaded = load_library(self.guides)
            self._library = loaded.library
            for warning in loaded.warnings:
                self.notify(warning, title="Extra guide skipped", severity="warning", timeout=20)
        return self._library

    @property
    def engine(self):
        if self._engine is None:
            from tui.engine import Engine

            self._engine = Engine(self.library)
        return self._engine

    def preload(self) -> None:
        from tui.content import ContentError

        try:
            self.library
        except ContentError as error:
            from tui.screens.content_error import ContentErrorScreen

            self.push_screen(ContentErrorScreen(error.problems))

    # -- screens --------------------------------------------------------------------------
    def get_default_screen(self):
        if self.start and self.start.site:
            return self._step_screen(self.start.site)
        from tui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        if self.settings_problem:
            self.notify(self.settings_problem, severity="warning", timeout=15)
        if self.start and not self.start.site:
            self.start_cramp()

    def context(self) -> Context:
        from tui.content.models import Context

        ctx = (self.start and self.start.ctx) or Context()
        return ctx.model_copy(update={"pregnant": ctx.pregnant or self.settings.pregnant})

    def start_cramp(self) -> None:
        from tui.screens.where import WhereScreen

        self.push_screen(WhereScreen(self.library.site_flows))

    def _step_screen(self, site: str):
        from tui.screens.step import StepScreen

        return StepScreen(self.engine, self.engine.start(site, self.context()))

    def start_walk(self, site: str) -> None:
        self.switch_screen(self._step_screen(site))

    def go_home(self) -> None:
        from tui.screens.home import HomeScreen

        while len(self.screen_stack) > 1:
            self.pop_screen()
        if not isinstance(self.screen, HomeScreen):
            self.switch_screen(HomeScreen())

    def action_go_home(self) -> None:
        self.go_home()

    def action_danger(self) -> None:
        from tui.screens.danger import DangerScreen

        if isinstance(self.screen, DangerScreen):
            return
        library = self.library
        sources = [library.sources[s] for s in library.danger.sources if s in library.sources]
        self.push_screen(DangerScreen(library.danger, sources, self.settings.emergency))

    def show_long_cramp(self) -> None:
        from tui.screens.danger import LongCrampScreen

        self.push_screen(LongCrampScreen(self.library.danger, self.settings.emergency))

    # -- small services for screens -------------------------------------------------------
    def ring(self) -> None:
        if self.settings.sound:
            self.bell()

    def remember_pregnant(self, pregnant: bool) -> None:
        self.settings = replace(self.settings, pregnant=pregnant)
        try:
            save_settings(self.settings, self.settings_path)
        except OSError as error:
            self.notify(f"Could not save the setting: {error}", severity="warning")


def make_app(**kwargs) -> CrampApp:
    return CrampApp(**kwargs)
