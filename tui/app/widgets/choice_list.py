"""Rows of "key  label" that can be pressed by key (the screen's bindings) or clicked.

One widget draws every row (a click picks the row under the pointer): a widget per row cost every
screen that shows choices a mount, two restyles and a relayout per row, on each key that opened
it. It draws line by line, and keeps each line drawn: a key that changes one row (h on the
stretch screen) draws that row again, not all of them. Labels are data (a guide's words) and
are drawn as plain text.
"""

from __future__ import annotations

from typing import Any

from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.visual import Visual, visualize
from textual.widget import Widget

from tui.app.widgets.refit import refit
from tui.values import frozen

PADDING = 1  # a blank column each side, inside the row's own colour
_KEPT = 256  # rows fitted and lines drawn kept, at most (a screen shows a few dozen)


def _keep(cache: dict[tuple[object, ...], Any], key: tuple[object, ...], value: object) -> None:
    if len(cache) >= _KEPT:
        cache.clear()
    cache[key] = value


@frozen
class Row:
    key: str  # what the person presses, as shown ("1", "y", "Enter")
    label: str | Text  # data (a guide's words): always shown as plain text, never markup
    value: object  # what the screen receives: a typed action, or a plain name
    name: str = ""  # names the row for tests and lookups; by default the value, when a str

    @property
    def row_name(self) -> str:
        return self.name or (self.value if isinstance(self.value, str) else self.key)


class ChoiceList(Widget):
    """The rows, the one pressed by Enter (`default`) marked and highlighted."""

    COMPONENT_CLASSES = {"choice-list--default", "choice-list--hover"}

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
        self._hover: int | None = None  # the row under the mouse pointer
        self._drawn: list[int] = []  # the row of each line drawn, top to bottom
        # The lines last fitted, by (width, cut): sizing and drawing the same rows fit them once.
        self._fitted: tuple[tuple[int, bool], list[tuple[int, Text]]] | None = None
        self._row_cache: dict[tuple[object, ...], list[Text]] = {}  # each row fitted
        self._strips: dict[tuple[object, ...], Strip] = {}  # each line drawn, by what it shows

    def show(self, rows: list[Row], default: object = None) -> bool:
        """Other rows, or new words: a repaint, and a relayout if the number of lines changed.
        The same rows again change nothing (False)."""
        if (rows, default) == (self.rows, self.default):
            return False
        self.rows, self.default, self._fitted = rows, default, None
        refit(self)
        return True

    def _parts(self, row: Row) -> tuple[Text, Text]:
        """The key, right-aligned in its own column, and the words after it."""
        return (Text.assemble((f"{row.key:>5}", "bold"), "  "),
                Text.assemble(row.label, "  (Enter)" if row.value == self.default else ""))

    def texts(self) -> list[Text]:
        """Each row as one line of text, before it is fitted to the width."""
        return [head + words for head, words in map(self._parts, self.rows)]

    def _lines(self, width: int) -> list[tuple[int, Text]]:
        """(row index, line) for every line at this width."""
        inner = max(1, width - 2 * PADDING)
        cut = self.styles.text_wrap == "nowrap"
        if self._fitted and self._fitted[0] == (width, cut):
            return self._fitted[1]
        lines = [(index, line) for index, row in enumerate(self.rows)
                 for line in self._row_lines(row, inner, cut)]
        self._fitted = ((width, cut), lines)
        self._drawn = [index for index, _ in lines]
        return lines

    def _row_lines(self, row: Row, inner: int, cut: bool) -> list[Text]:
        """One row's lines. Words too long for the width wrap under the words (the key stands
        alone in its column), or are cut with an ellipsis in a narrow window (-narrow, from the
        CSS). Kept by what the row shows: new rows are mostly the old ones but one."""
        label = row.label
        words_key = label if isinstance(label, str) else (label.plain, tuple(label.spans),
                                                          str(label.style))
        key = (row.key, words_key, row.value == self.default, inner, cut)
        lines = self._row_cache.get(key)
        if lines is None:
            head, words = self._parts(row)
            if cut:
                line = head + words
                line.truncate(inner, overflow="ellipsis")
                lines = [line]
            else:
                hang = Text(" " * head.cell_len)
                wrapped = words.wrap(self.app.console, max(1, inner - head.cell_len)) or [Text()]
                lines = [(head if number == 0 else hang) + line
                         for number, line in enumerate(wrapped)]
            _keep(self._row_cache, key, lines)
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        lines = self._lines(width)
        style = self.visual_style
        if y >= len(lines):
            return Strip.blank(width, style.rich_style)
        index, line = lines[y]
        mark: Style | None = None
        if self.rows[index].value == self.default:
            mark = self.get_component_rich_style("choice-list--default")
        elif index == self._hover:
            mark = self.get_component_rich_style("choice-list--hover")
        key = (line.plain, tuple(line.spans), mark, width, style)
        strip = self._strips.get(key)
        if strip is None:
            padded = Text(" " * PADDING, no_wrap=True, overflow="crop", end="") + line
            padded.pad_right(width - padded.cell_len)
            if mark is not None:
                padded.stylize_before(mark)
            strip = Visual.to_strips(self, visualize(self, padded), width, 1, style)[0]
            _keep(self._strips, key, strip)
        return strip

    def _row_at(self, y: int) -> int | None:
        return self._drawn[y] if 0 <= y < len(self._drawn) else None

    def line_of(self, name: str) -> int:
        """The first line of the row named `name` (see Row.row_name): where a click picks it."""
        index = next(i for i, row in enumerate(self.rows) if row.row_name == name)
        return self._drawn.index(index)

    def on_click(self, event: events.Click) -> None:
        index = self._row_at(event.y)
        if index is not None:
            self.post_message(self.Chosen(self, self.rows[index].value))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(self._row_at(event.y))

    def on_leave(self, event: events.Leave) -> None:
        self._set_hover(None)

    def _set_hover(self, index: int | None) -> None:
        if index != self._hover:
            self._hover = index
            self.refresh()
