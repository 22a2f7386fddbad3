"""The sources behind what the walk has shown so far, over the stretch or the ending."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.app.screens.overlay import Overlay
from tui.app.widgets.hanging import Hanging
from tui.app.widgets.key_bar import KeyBar
from tui.content.library import Library


class SourcesScreen(Overlay):
    BINDINGS = [Binding("r", "dismiss", "Close", show=False)]

    def __init__(self, library: Library, source_ids: tuple[str, ...]) -> None:
        super().__init__()
        self.library, self.source_ids = library, source_ids

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="sources"):
            yield Static("Where this advice comes from", id="sources-title", markup=False)
            for source_id in self.source_ids:
                source = self.library.sources[source_id]
                yield Hanging("-", source.citation, classes="source")
        yield KeyBar()

