"""The Textual app: screens on top of the content layer and the flow engine.

make_app() is the one factory the CLI, the tests and the browser server all use.
"""

from __future__ import annotations

import gc
import time
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from textual.app import App
from textual.binding import Binding

from tui import collector
from tui.settings import Settings, load_settings, save_settings
from tui.walk.start import Start
from tui.app.themes import OFFERED, OFFERED_NAMES, starting_theme

if TYPE_CHECKING:  # the content and walk layers load after Home's first frame
    from textual.command import Provider
    from textual.notifications import SeverityLevel
    from textual.screen import Screen
    from textual.theme import Theme

    from tui.content import Library
    from tui.voice.choose import Voice
    from tui.app.screens.step import StepScreen
    from tui.app.screens.search import SearchScreen
    from tui.walk.session import Session


# Each screen's own styles, in its CSS_PATH (resolved as Textual resolves it): read for the first
# screen before its first frame, and all of them just after it (warm_styles).
SCREEN_STYLES = tuple((Path(__file__).parent / "screens" / name).resolve()
                      for name in ("home.tcss", "step.tcss", "info.tcss", "settings.tcss",
                                   "diary.tcss", "library.tcss"))


def _cramp_commands() -> type[Provider]:
    """The command palette's pages and flows, imported only when the palette opens."""
    from tui.app.commands import CrampCommands

    return CrampCommands


class CrampApp(App[None]):
    COMMANDS = App.COMMANDS | {_cramp_commands}
    # Speech, once on (--speak, or the first thing said with the setting on: tui/app/voice.py).
    voice: Voice
    CSS_PATH = "app.tcss"
    TITLE = "cramp"
    # Classes on every screen by size; app.tcss lays out from 40x12 up and below that shows
    # which size is needed.
    HORIZONTAL_BREAKPOINTS = [(0, "-too-narrow"), (40, "-narrow"), (60, "-normal"), (120, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-too-short"), (12, "-short"), (20, "-medium"), (30, "-tall")]
    BINDINGS = [
        # Priority: the danger signs open even while a text field has the focus.
        Binding("exclamation_mark", "danger", "Danger signs", key_display="!", priority=True,
                tooltip="The danger signs: when to get help now (from any screen)"),
        Binding("question_mark,f1", "help", "Help", key_display="?",
                tooltip="This help: every key of the screen, in words"),
        Binding("slash", "search", "Search", key_display="/", show=False,
                tooltip="Search the library"),
        Binding("q", "quit", "Quit", tooltip="Quit cramp"),
    ]

    def __init__(self, *, start: Start | None = None, clock: Callable[[], float] = time.monotonic,
                 guides: tuple[Path, ...] = (), settings: Settings | None = None,
                 settings_path: Path | None = None, library: Library | None = None,
                 theme: str | None = None) -> None:
        super().__init__()
        self.start = start
        self.clock = clock
        self.guides = guides
        self.settings_path = settings_path
        self.settings_problem: str | None = None
        if settings is None:
            settings, self.settings_problem = load_settings(settings_path)
        self.settings = settings
        known = set(self.available_themes)  # Textual's built-ins: known, but not offered
        for offered in OFFERED:
            self.register_theme(offered)
        first_theme, self.theme_notice = starting_theme(theme, settings.theme, known)
        self._set_first_theme(first_theme)
        for name in set(self.available_themes) - set(OFFERED_NAMES):
            self.unregister_theme(name)  # nor in the command palette
        self._theme_asked = theme if theme in OFFERED_NAMES else None
        self.theme_asked_unknown = theme if theme and theme not in known | set(OFFERED_NAMES) \
            else None
        self._library = library
        self._home_mode_added = False
        self._next_search: SearchScreen | None = None  # made ahead: see prepare_search

    _theme_set = False  # until _set_first_theme: App.__init__ asks before cramp's themes exist

    def get_css_variables(self) -> dict[str, str]:
        # App.__init__ asks for the variables of Textual's default theme, replaced straight after
        # by _set_first_theme: working out a theme's colours twice was ~1.5 ms of every start.
        return super().get_css_variables() if self._theme_set else {}

    def _set_first_theme(self, name: str) -> None:
        """What `self.theme = name` does, without the watcher's full reparse and restyle of the
        stylesheet (two parses of app.tcss, ~15 ms of every first frame): nothing is parsed or
        styled yet, so giving the stylesheet this theme's variables now is enough."""
        self.set_reactive(App.theme, name)
        self._theme_set = True
        self.stylesheet.set_variables(self.get_css_variables())
        dark = self.current_theme.dark
        self.set_class(True, f"-theme-{name}")
        self.set_class(dark, "-dark-mode")
        self.set_class(not dark, "-light-mode")
        self._refresh_truecolor_filter(self.ansi_theme)

    # -- content, loaded lazily so Home's first frame does not wait for it ---------------
    @property
    def library(self) -> Library:
        if self._library is None:
            from tui.content import load_library

            loaded = load_library(self.guides)
            self._library = loaded.library
            for warning in loaded.warnings:
                self.notify(warning, title="Your extra guides", severity="warning", timeout=20)
        return self._library

    def preload(self) -> None:
        """After Home's first frame: load the guides and the screens the next keys will need, so
        those keys do not wait for imports."""
        from tui.app.screens import search, step, where  # noqa: F401

        self.warm_styles()
        if self.content_ok():
            # The search index parses every page's Markdown (~40 ms): built in a thread while
            # Home is read, the first / finds pages at once and no key waits for it.
            self.run_worker(partial(self._build_search_index, self.library), thread=True,
                            group="preload", exit_on_error=False)
            self.prepare_search()

    def _build_search_index(self, library: Library) -> None:
        from tui.content.search import index_for

        index_for(library)
        self._freeze()  # the index lives as long as the app too

    def _started(self) -> None:
        """The first frame is drawn: what starting made stays, and collection resumes."""
        self._freeze()
        collector.resume()

    def _freeze(self) -> None:
        """Everything made so far (Textual, the guides, the index) stays for the whole run:
        moved out of the garbage collector's sight, a full collection no longer lands on a key
        press. (Not in tests: many apps run in one process there, and each would stay in
        memory.)"""
        if not self.is_headless:
            gc.freeze()

    def warm_styles(self) -> None:
        """After the first frame: read the styles of the screens opened later (SCREEN_STYLES).
        The first frame parses only app.tcss and its screen's file; and a screen whose CSS_PATH
        Textual has not read yet makes it parse every stylesheet again and restyle every screen
        when it opens."""
        if self._read_styles(SCREEN_STYLES):
            self.stylesheet.parse()  # only the new files are parsed: the rest are cached

    def _read_styles(self, paths: Iterable[Path]) -> bool:
        """Add the style files not read yet to the stylesheet (parsed when next needed)."""
        sheet = self.stylesheet
        unread = [path for path in paths if not sheet.has_source(str(path), "")]
        for path in unread:
            sheet.read(path)
        return bool(unread)

    def content_ok(self) -> bool:
        """Whether the guides loaded; if not, the screen says exactly what is wrong with them."""
        from tui.content import ContentError

        try:
            self.library  # noqa: B018 - loading the guides is the check
        except ContentError as error:
            from tui.app.screens.content_error import ContentErrorScreen

            if not isinstance(self.screen, ContentErrorScreen):
                self.push_screen(ContentErrorScreen(error.problems))
            return False
        return True

    # -- screens --------------------------------------------------------------------------
    def get_default_screen(self) -> Screen[Any]:
        # The first real screen is the base itself: pushing it from on_mount costs a frame.
        screen: Screen[Any]
        if self.start and self.start.site:
            session = self.new_session()
            session.begin(self.start.site)
            screen = self._step_screen(session)
        else:
            from tui.app.screens.home import HomeScreen

            screen = HomeScreen()
        # Textual reads a pushed screen's CSS_PATH, not the first screen's: read it here, before
        # the stylesheet is first parsed.
        self._read_styles(screen.css_path)
        return screen

    def on_mount(self) -> None:
        from tui.app.trace import install  # CRAMP_TRACE=FILE only (the browser test); else a no-op

        install(self)
        self.call_after_refresh(self._started)
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self._theme_asked and self._theme_asked != self.settings.theme:
            self.remember(theme=self._theme_asked)  # --theme is remembered for next time
        if self.settings_problem:
            self.notify(self.settings_problem, severity="warning", timeout=15)
        if self.theme_notice:
            self.notify(self.theme_notice, severity="warning", timeout=15)
            self.remember(theme=self.theme)  # said once, not at every start
        if self.start and self.start.page is not None:
            self.action_library(self.start.page or None)
        elif self.start and not self.start.site:
            self.start_cramp()

    def new_session(self) -> Session:
        """A new cramp: the walk's session, with what the command line said."""
        from tui.walk.session import Session

        return Session(self.library, self.settings, self.start.ctx if self.start else None,
                       clock=self.clock, save=self.save_settings)

    def start_cramp(self) -> None:
        from tui.app.screens.where import WhereScreen

        if self.content_ok():
            self.push_screen(WhereScreen(self.new_session()))

    @staticmethod
    def _step_screen(session: Session) -> StepScreen:
        from tui.app.screens.step import StepScreen

        return StepScreen(session)

    def begin_walk(self, site: str) -> None:
        """Straight to the stretch for a site (the command palette)."""
        session = self.new_session()
        session.begin(site)
        self.show_walk(session)

    def show_walk(self, session: Session) -> None:
        """The walk has begun: its stretch screen replaces the question that began it."""
        screen = self._step_screen(session)
        # Textual cannot switch_screen away from a mode's base screen: from Home itself, push.
        self.push_screen(screen) if len(self.screen_stack) == 1 else self.switch_screen(screen)

    def go_home(self) -> None:
        from tui.app.screens.home import HomeScreen

        if not isinstance(self.screen_stack[0], HomeScreen):
            # `cramp now --where` began with the stretch as the base screen, which Textual cannot
            # replace: that walk is retired and Home opens in a mode of its own.
            self.screen_stack[0].retire()  # type: ignore[attr-defined]  # a StepScreen here
            if not self._home_mode_added:  # Esc twice in a row must not add it twice
                self.add_mode("home", HomeScreen)
                self._home_mode_added = True
            self.switch_mode("home")
            return
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def action_go_home(self) -> None:
        self.go_home()

    def action_danger(self) -> None:
        from tui.app.screens.danger import DangerScreen

        if isinstance(self.screen, DangerScreen):
            self.screen.dismiss()  # ! again closes it
            return
        if not self.content_ok():
            return
        library = self.library
        # The bundled guides always hold the danger sheet (load_library refuses them without it).
        sources = [library.sources[s] for s in library.danger.sources  # type: ignore[union-attr]
                   if s in library.sources]
        self.push_screen(DangerScreen(library.danger,  # type: ignore[arg-type]
                                      sources, self.settings.emergency))

    def action_help(self) -> None:
        from tui.app.screens.help import HelpScreen, keys_of

        screen = self.screen
        if isinstance(screen, HelpScreen):
            screen.dismiss()
            return
        title = getattr(screen, "help_title", type(screen).__name__.removesuffix("Screen"))
        self.push_screen(HelpScreen(title, keys_of(screen)))

    def action_library(self, page_id: str | None = None) -> None:
        from tui.app.screens.library import LibraryScreen

        self.push_screen(LibraryScreen(self.library, page_id=page_id))

    def prepare_search(self) -> None:
        """Make the screen the next / opens while the person reads: composing, styling and
        arranging its input and result list was most of the time from / to the first results.
        Registered as push_screen registers a screen, then laid out once mounted (SizeGuard.
        lay_out_ahead); it is shown and drawn only when pushed."""
        from tui.app.screens.search import SearchScreen

        if self._next_search is None:
            self._next_search = screen = SearchScreen(self.library)
            _, mounted = self._get_screen(screen)

            async def lay_out() -> None:
                await mounted
                screen.lay_out_ahead()

            self.call_later(lay_out)

    def action_search(self) -> None:
        from tui.app.screens.search import SearchScreen

        if isinstance(self.screen, SearchScreen):
            return
        screen, self._next_search = self._next_search, None
        self.push_screen(screen or SearchScreen(self.library), callback=self._search_closed)

    def _search_closed(self, _: None) -> None:
        self.call_after_refresh(self.prepare_search)  # the next one, once this frame is drawn

    def action_diary(self) -> None:
        from tui.app.screens.diary import DiaryScreen

        self.push_screen(DiaryScreen())

    def action_settings(self) -> None:
        from tui.app.screens.settings import SettingsScreen

        self.push_screen(SettingsScreen())

    def show_long_cramp(self, title: str, text: str) -> None:
        from tui.app.screens.danger import LongCrampScreen

        self.push_screen(LongCrampScreen(title, text))

    # -- small services for screens -------------------------------------------------------
    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Every notice is plain text, whoever asks: it may quote a setting, a path, a page id
        or a guide's words, and a "[" there must never be read as markup."""
        super().notify(message, title=title, severity=severity,
                       timeout=timeout, markup=False)

    def action_help_quit(self) -> None:
        """Ctrl+C (Textual's hint, in plain words since notices are never markup)."""
        self.notify("Press q to quit.", title="Do you want to quit?")

    def ring(self) -> None:
        if self.settings.sound:
            self.bell()

    def remember(self, **changes: Any) -> None:
        """Change settings and keep them for the next run."""
        try:
            self.save_settings(replace(self.settings, **changes))
        except OSError as error:
            self.notify(f"Could not save the setting: {error}", severity="warning")

    def save_settings(self, settings: Settings) -> None:
        """Use these settings from now on and keep them (raises OSError if they cannot be)."""
        self.settings = settings
        save_settings(settings, self.settings_path)

    def _remember_theme(self, theme: Theme) -> None:
        if theme.name != self.settings.theme:
            self.remember(theme=theme.name)


def make_app(**kwargs: Any) -> CrampApp:
    return CrampApp(**kwargs)
