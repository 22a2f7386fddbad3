"""The one question before the first instruction: where is the cramp?"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Key
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui.content.models import Flow
from tui.app.widgets.choice_list import ChoiceList, Row
from tui.app.screens.base import SizeGuard


class WhereScreen(SizeGuard, Screen):
    BINDINGS = [
        Binding("enter", "choose_default", "First one", show=False, priority=True),
        Binding("escape", "app.go_home", "Back"),
    ]

    def __init__(self, sites: list[Flow]) -> None:
        super().__init__()
        self.sites = sites

    def compose(self) -> ComposeResult:
        with Vertical(id="where"):
            yield Static("Where is the cramp?", classes="question-title")
            yield Static("Press its key.", classes="question-hint")
            rows = [Row(f.key, f.site_label, f.site) for f in self.sites]
            yield ChoiceList(rows, default=self.sites[0].site, id="where-choices")
        yield Footer()

    def on_key(self, event: Key) -> None:
        if not self.is_current:  # typed ahead after Esc already closed this question
            return
        for flow in self.sites:
            if event.key == flow.key:
                event.stop()
                event.prevent_default()
                self.app.start_walk(flow.site)
                return

    def action_choose_default(self) -> None:
        if self.is_current:
            self.app.start_walk(self.sites[0].site)

    def on_choice_list_chosen(self, event: ChoiceList.Chosen) -> None:
        if self.is_current:
            self.app.start_walk(event.value)
