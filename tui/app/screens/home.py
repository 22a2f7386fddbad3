"""Home: needs no content, so it is on screen before the guides are loaded."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from tui.app.widgets.choice_list import ChoiceList, Row
from tui.app.screens.base import SizeGuard
from tui.app.widgets.key_bar import KeyBar

ROWS = [
    Row("Enter", "Cramp now: the right stretch, step by step", "now"),
    Row("!", "Danger signs: when to get help now", "danger"),
    Row("l", "Library: why cramps happen, prevention, when to see a doctor", "library"),
    Row("/", "Search the library", "search"),
    Row("d", "Diary: log cramps, see the pattern, a report for your doctor", "diary"),
    Row("o", "Settings: emergency number, theme, sound, hold length", "settings"),
    Row("q", "Quit", "quit"),
]
ACTIONS = {"now": "cramp_now", "danger": "app.danger", "library": "app.library",
           "search": "app.search", "diary": "app.diary", "settings": "app.settings",
           "quit": "app.quit"}


class HomeScreen(SizeGuard, Screen[None]):
    CSS_PATH = "home.tcss"  # read before the first frame that shows it, or just after (app.py)
    BINDINGS = [
        Binding("enter", "cramp_now", "Cramp now", priority=True, show=False,
                tooltip="Cramp now: the right stretch, step by step"),
        # The screen lists these itself; the footer keeps room for ! ? and q at 80 columns.
        Binding("l", "app.library", "Library", show=False,
                tooltip="Library: why cramps happen, prevention, when to see a doctor"),
        Binding("d", "app.diary", "Diary", show=False,
                tooltip="Diary: log cramps, see the pattern, a report for your doctor"),
        Binding("o", "app.settings", "Settings", show=False,
                tooltip="Settings: emergency number, theme, sound, speech, hold length"),
    ]
    help_title = "the start"

    def compose(self) -> ComposeResult:
        with Vertical(id="home"):
            yield Static("cramp", id="home-title")
            yield Static("First aid for leg cramps", id="home-subtitle")
            yield ChoiceList(ROWS, default="now", id="home-choices")
            yield Static(
                "Information to help you, not a diagnosis. If you are worried, call "
                f"{self.app.settings.emergency} or your doctor.",
                id="home-disclaimer", markup=False,  # the number is a setting: plain text
            )
        yield KeyBar(show_command_palette=False)  # ctrl+p still works; room for the keys

    def on_mount(self) -> None:
        # Load the guides once Home is on screen, so the first frame does not wait for them.
        self.call_after_refresh(self.app.preload)

    def action_cramp_now(self) -> None:
        self.app.start_cramp()

    async def on_choice_list_chosen(self, event: ChoiceList.Chosen) -> None:
        assert isinstance(event.value, str)  # every row here is named by a string
        await self.run_action(ACTIONS[event.value])
