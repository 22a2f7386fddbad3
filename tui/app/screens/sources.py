"""The sources behind what the walk has shown so far, over the stretch or the ending."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from tui.app.screens.base import SizeGuard
from tui.content.library import Library


class SourcesScreen(SizeGuard, ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("enter", "dismiss", "Close", show=False),
        Binding("r", "dismiss", "Close", show=False),
    ]

    def __init__(self, library: Library, source_ids: tuple[str, ...]) -> None:
        super().__init__()
        self.library, self.source_ids = library, source_ids

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="sources"):
            yield Static("Where this advice comes from", id="sources-title")
            for source_id in self.source_ids:
                source = self.library.sources[source_id]
                yield Static(f"- {source.title}", classes="source", markup=False)
        yield Footer()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
