"""What the app assumes about the person, each with the key that changes it, in words. The step's
text follows these, so a partner can correct them with one key (or a click)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from tui.content.models import Context

POSITION = {None: "not said", "bed": "in bed", "sitting": "sitting", "standing": "standing"}
NEXT_POSITION = {None: "bed", "bed": "sitting", "sitting": "standing", "standing": "bed"}


class ContextPart(Static):
    def __init__(self, part: str, line: Text) -> None:
        super().__init__(line, id=f"ctx-{part}", classes="ctx-part")
        self.part = part

    def on_click(self) -> None:
        self.post_message(ContextBar.Clicked(self.part))


class ContextBar(Vertical):
    class Clicked(Message):
        def __init__(self, part: str) -> None:
            super().__init__()
            self.part = part

    def __init__(self, ctx: Context, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        # The first rows come with the bar: no update (and relayout) after it is mounted.
        self._now = {part: now for part, (_, _, now) in _rows(ctx).items()}
        self._first = ctx

    def compose(self) -> ComposeResult:
        for part, row in _rows(self._first).items():
            yield ContextPart(part, _line(*row))

    def show(self, ctx: Context) -> None:
        for part, (key, question, now) in _rows(ctx).items():
            if self._now.get(part) == now:
                continue  # only the row that changed is drawn again
            self._now[part] = now
            self.query_one(f"#ctx-{part}", Static).update(_line(key, question, now))


def _rows(ctx: Context) -> dict[str, tuple[str, str, str]]:
    return {
        "helper": ("h", "Someone helping? The steps are then for them",
                   "yes" if ctx.helper else "no, alone"),
        "position": ("b s t", "In bed, sitting or standing?", POSITION[ctx.position]),
        "pregnant": ("p", "Pregnant, or gave birth in the last 6 weeks?",
                     "yes" if ctx.pregnant else "no"),
    }


def _line(key: str, question: str, now: str) -> Text:
    return Text.assemble((f"{key:>5}", "bold"), "  ", question, "  ", (f"Now: {now}.", "italic"))
