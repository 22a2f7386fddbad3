"""What the app assumes about the person, with the key that changes each part. The step's text
follows these, so a partner can correct them with one key (or a click)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Static

from tui.content.models import Context

POSITION = {None: "Position: not set", "bed": "In bed", "sitting": "Sitting",
            "standing": "Standing"}
NEXT_POSITION = {None: "bed", "bed": "sitting", "sitting": "standing", "standing": "bed"}


class ContextPart(Static):
    def __init__(self, part: str) -> None:
        super().__init__(id=f"ctx-{part}", classes="ctx-part")
        self.part = part

    def on_click(self) -> None:
        self.post_message(ContextBar.Clicked(self.part))


class ContextBar(Horizontal):
    class Clicked(Message):
        def __init__(self, part: str) -> None:
            super().__init__()
            self.part = part

    def compose(self) -> ComposeResult:
        for part in ("helper", "position", "pregnant"):
            yield ContextPart(part)

    def show(self, ctx: Context) -> None:
        helper = "With a helper" if ctx.helper else "Alone"
        pregnant = "Pregnant or just gave birth" if ctx.pregnant else "Not pregnant"
        self.query_one("#ctx-helper", Static).update(f"[b]h[/b] {helper}")
        self.query_one("#ctx-position", Static).update(f"[b]b/s/t[/b] {POSITION[ctx.position]}")
        self.query_one("#ctx-pregnant", Static).update(f"[b]p[/b] {pregnant}")
