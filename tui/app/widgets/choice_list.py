"""Rows of "key  label" that can be pressed by key (the screen's bindings) or clicked."""

from __future__ import annotations

import re
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static


@dataclass(frozen=True)
class Row:
    key: str  # what the person presses, as shown ("1", "y", "Enter")
    label: str
    value: str  # what the screen receives


class ChoiceRow(Static):
    def __init__(self, row: Row, default: bool = False) -> None:
        hint = "  (Enter)" if default else ""
        # The label is data (a guide's words): plain text, never markup.
        super().__init__(Content.assemble((f"{row.key:>5}", "bold"), "  ", row.label, hint),
                         id="choice-" + re.sub(r"[^A-Za-z0-9_-]", "-", row.value))
        self.row = row
        self.set_class(default, "-default")

    def on_click(self) -> None:
        self.post_message(ChoiceList.Chosen(self.row.value))


class ChoiceList(Vertical):
    class Chosen(Message):
        def __init__(self, value: str) -> None:
            super().__init__()
            self.value = value

    def __init__(self, rows: list[Row] | None = None, default: str | None = None,
                 **kwargs) -> None:
        super().__init__(**kwargs)
        self.rows = rows or []
        self.default = default

    def compose(self) -> ComposeResult:
        for row in self.rows:
            yield ChoiceRow(row, default=row.value == self.default)

    async def show(self, rows: list[Row], default: str | None = None) -> None:
        self.rows, self.default = rows, default
        await self.remove_children()
        await self.mount_all([ChoiceRow(r, default=r.value == default) for r in rows])
