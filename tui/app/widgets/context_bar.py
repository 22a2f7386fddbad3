"""What the app assumes about the person, each with the key that changes it, in words. The step's
text follows these, so a partner can correct them with one key (or a click on the row)."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from tui.app.widgets.choice_list import ChoiceList, Row
from tui.content.models import Context
from tui.values import frozen

POSITION = {None: "not said", "bed": "in bed", "sitting": "sitting", "standing": "standing"}
NEXT_POSITION = {None: "bed", "bed": "sitting", "sitting": "standing", "standing": "bed"}


@frozen
class ContextPart:
    """A click on a row of the bar: change this part of the context."""

    part: str  # "helper", "position" or "pregnant"


def context_rows(ctx: Context) -> list[Row]:
    rows = (
        ("helper", "h", "Someone helping? The steps are then for them",
         "yes" if ctx.helper else "no, alone"),
        ("position", "b s t", "In bed, sitting or standing?", POSITION[ctx.position]),
        ("pregnant", "p", "Pregnant, or gave birth in the last 6 weeks?",
         "yes" if ctx.pregnant else "no"),
    )
    return [Row(key, Text.assemble(question, "  ", (f"Now: {now}.", "italic")),
                ContextPart(part), name=f"ctx-{part}")
            for part, key, question, now in rows]


class ContextBar(ChoiceList):
    """The context rows; a click sends ChoiceList.Chosen with a ContextPart."""

    def __init__(self, ctx: Context, **kwargs: Any) -> None:
        super().__init__(context_rows(ctx), **kwargs)

    def show_context(self, ctx: Context) -> None:
        self.show(context_rows(ctx))
