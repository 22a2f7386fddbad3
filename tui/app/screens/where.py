"""The one question before the first instruction: where is the cramp?"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Key
from textual.screen import Screen
from textual.widgets import Static

from tui.app.widgets.choice_list import ChoiceList, Row
from tui.app.screens.base import SizeGuard
from tui.app.widgets.key_bar import KeyBar
from tui.walk.session import Session


class WhereScreen(SizeGuard, Screen[None]):
    BINDINGS = [
        Binding("enter", "choose_default", "First one", show=False, priority=True),
        Binding("escape", "app.go_home", "Back"),
    ]
    help_title = "where is the cramp?"

    def help_keys(self) -> list[tuple[str, str]]:
        return [(c.key, c.label) for c in self.sites] + [("Enter", self.sites[0].label)]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.sites = session.sites()

    def compose(self) -> ComposeResult:
        with Vertical(id="where"):
            yield Static("Where is the cramp?", classes="question-title")
            yield Static("Press its key.", classes="question-hint")
            rows = [Row(c.key, c.label, c.site) for c in self.sites]
            yield ChoiceList(rows, default=self.sites[0].site, id="where-choices")
        yield KeyBar()

    def begin(self, site: str) -> None:
        if self.is_current:  # not a key typed ahead after Esc already closed this question
            self.session.begin(site)
            self.app.show_walk(self.session)

    def on_key(self, event: Key) -> None:
        for choice in self.sites:
            if event.key == choice.key:
                event.stop()
                event.prevent_default()
                self.begin(choice.site)
                return

    def action_choose_default(self) -> None:
        self.begin(self.sites[0].site)

    def on_choice_list_chosen(self, event: ChoiceList.Chosen) -> None:
        if isinstance(event.value, str):
            self.begin(event.value)
