"""Home: needs no content, so it is on screen before the guides are loaded."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui.widgets.choice_list import ChoiceList, Row

ROWS = [
    Row("Enter", "Cramp now: the right stretch, step by step", "now"),
    Row("!", "Danger signs: when to get help now", "danger"),
    Row("q", "Quit", "quit"),
]


class HomeScreen(Screen):
    BINDINGS = [
        Binding("enter", "cramp_now", "Cramp now", priority=True),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="home"):
            yield Static("cramp", id="home-title")
            yield Static("First aid for leg cramps", id="home-subtitle")
            yield ChoiceList(ROWS, default="now", id="home-choices")
            yield Static(
                "Information to help you, not a diagnosis. If you are worried, call "
                f"{self.app.settings.emergency} or your doctor.",
                id="home-disclaimer",
            )
        yield Footer()

    def on_mount(self) -> None:
        # Load the guides once Home is on screen, so the first frame does not wait for them.
        self.call_after_refresh(self.app.preload)

    def action_cramp_now(self) -> None:
        self.app.start_cramp()

    def on_choice_list_chosen(self, event: ChoiceList.Chosen) -> None:
        actions = {"now": "cramp_now", "danger": "app.danger", "quit": "app.quit"}
        self.run_action(actions[event.value])
