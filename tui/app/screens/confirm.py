"""A yes/no question over the current screen: y or n (Esc is no). Dismisses with a bool."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.app.screens.base import SizeGuard
from tui.app.widgets.choice_list import ChoiceList, Row


class ConfirmScreen(SizeGuard, ModalScreen[bool]):
    CSS_PATH = "diary.tcss"  # with the screen, or warmed after the first frame (app.py)
    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
        Binding("escape", "answer(False)", "No", show=False),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(self.question, id="confirm-question", markup=False)
            yield ChoiceList([Row("y", self.yes, "yes"), Row("n", self.no, "no")],
                             id="confirm-choices")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def on_choice_list_chosen(self, event: ChoiceList.Chosen) -> None:
        event.stop()
        self.dismiss(event.value == "yes")
