"""Shown when the bundled guides are broken: say exactly what, never a traceback."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from tui.content import Problem
from tui.app.screens.base import SizeGuard
from tui.app.widgets.key_bar import KeyBar


class ContentErrorScreen(SizeGuard, Screen[None]):
    CSS_PATH = "info.tcss"  # read before the first frame that shows it, or just after (app.py)
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("The guides could not be loaded, so no first aid can be shown.",
                         id="content-error-title")
            yield Static("\n".join(str(p) for p in self.problems), markup=False)
            yield Static("If you are worried about a cramp, press ! or call your doctor.")
        yield KeyBar()
