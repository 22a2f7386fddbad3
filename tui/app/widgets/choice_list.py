"""Rows of "key  label" that can be pressed by key (the screen's bindings) or clicked."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static


@dataclass(frozen=True)
class Row:
    key: str  # what the person presses, as shown ("1", "y", "Enter")
    label: str  # data (a guide's words): always shown as plain text
    value: object  # what the screen receives: a typed action, or a plain name
    name: str = ""  # the widget id is "choice-<name>"; by default the value, when it is a str

    @property
    def widget_id(self) -> str:
        name = self.name or (self.value if isinstance(self.value, str) else self.key)
        return "choice-" + re.sub(r"[^A-Za-z0-9_-]", "-", name)


class ChoiceRow(Static):
    def __init__(self, row: Row, default: bool = False) -> None:
        super().__init__(id=row.widget_id)
        self.show(row, default)

    def show(self, row: Row, default: bool = False) -> None:
        self.row = row
        self.update(Text.assemble((f"{row.key:>5}", "bold"), "  ", row.label,
                                  "  (Enter)" if default else ""))
        self.set_class(default, "-default")

    def on_click(self) -> None:
        choices = self.parent
        if isinstance(choices, ChoiceList):
            self.post_message(ChoiceList.Chosen(choices, self.row.value))


class ChoiceList(Vertical):
    class Chosen(Message):
        """A row was clicked; `value` is the row's value."""

        def __init__(self, choice_list: ChoiceList, value: object) -> None:
            super().__init__()
            self.choice_list = choice_list
            self.value = value

        @property
        def control(self) -> ChoiceList:
            return self.choice_list

    def __init__(self, rows: list[Row] | None = None, default: object = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.rows = rows or []
        self.default = default

    def compose(self) -> ComposeResult:
        for row in self.rows:
            yield ChoiceRow(row, default=row.value == self.default)

    async def show(self, rows: list[Row], default: object = None) -> None:
        self.rows, self.default = rows, default
        await self.remove_children()
        await self.mount_all([ChoiceRow(r, default=r.value == default) for r in rows])
