"""A marker (a bullet, a key) whose wrapped words hang under the words, not the marker."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static


class Hanging(Horizontal):
    DEFAULT_CSS = """
    Hanging { height: auto; }
    Hanging > .marker { width: auto; padding-right: 1; }
    Hanging > .words { width: 1fr; }
    """

    def __init__(self, marker: str | Text, words: str, *, marker_width: int | None = None,
                 **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.marker, self.words, self.marker_width = marker, words, marker_width

    def compose(self) -> ComposeResult:
        marker = Static(self.marker, classes="marker", markup=False)
        if self.marker_width is not None:
            marker.styles.width = self.marker_width + 1  # and the gap
        yield marker
        yield Static(self.words, classes="words", markup=False)
