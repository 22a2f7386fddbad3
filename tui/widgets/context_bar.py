"""One line saying what the app assumes about the person, with the key that changes each part.
The step's text follows these, so a partner can correct them with one key."""

from __future__ import annotations

from textual.widgets import Static

from tui.content.models import Context

POSITION = {None: "Position: not set", "bed": "In bed", "sitting": "Sitting",
            "standing": "Standing"}


def describe(ctx: Context) -> str:
    helper = "With a helper" if ctx.helper else "Alone"
    pregnant = "Pregnant or just gave birth" if ctx.pregnant else "Not pregnant"
    return (f"[b]h[/b] {helper}   [b]b/s/t[/b] {POSITION[ctx.position]}   "
            f"[b]p[/b] {pregnant}")


class ContextBar(Static):
    def show(self, ctx: Context) -> None:
        self.update(describe(ctx))
