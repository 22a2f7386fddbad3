"""The diary's table: draws only the rows on screen, so 5,000 entries open as fast as 10.

Textual's DataTable measures every cell of every row when rows are added (seconds for a few
thousand) and must be rebuilt or re-sorted on every change. This table asks its screen for the
cells of a row when that row is drawn, and `changed()` repaints without touching the rest.
Cells are plain strings: a note is never parsed as markup.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

from rich.cells import set_cell_size
from rich.segment import Segment
from textual.binding import Binding
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

Cells = Callable[[int], Sequence[str] | None]  # row index -> cells, or None while loading
GAP = 2  # spaces between columns


class EntryTable(ScrollView, can_focus=True):
    """Rows of cells under a fixed header line; one row has the cursor."""

    COMPONENT_CLASSES = {"entry-table--header", "entry-table--cursor", "entry-table--even"}
    BINDINGS = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home,ctrl+home", "first", "First", show=False),
        Binding("end,ctrl+end", "last", "Last", show=False),
        Binding("enter", "select", show=False),
    ]

    cursor_row: reactive[int] = reactive(0, always_update=True)

    class Highlighted(Message):
        def __init__(self, table: EntryTable, row: int) -> None:
            super().__init__()
            self.table = table
            self.row = row

        @property
        def control(self) -> EntryTable:
            return self.table

    class Selected(Highlighted):
        """Enter or a click on the row under the cursor."""

    def __init__(self, columns: Sequence[str], cells: Cells, **kwargs: Any) -> None:
        """`columns`: the labels. `widths` (set by the owner) gives each column but the last its
        width; the last takes whatever width is left."""
        super().__init__(**kwargs)
        self.columns = tuple(columns)
        self.widths: tuple[int, ...] = tuple(len(label) for label in columns)
        self._cells = cells
        self.row_count = 0

    # -- data -------------------------------------------------------------------------------
    def set_row_count(self, count: int) -> None:
        self.row_count = count
        self.virtual_size = Size(1, count + 1)  # never wider than the screen: no sideways
        if count and self.cursor_row >= count:
            self.cursor_row = count - 1
        self.refresh()

    def changed(self) -> None:
        """The rows' contents changed (not their number): repaint what is on screen."""
        self.refresh()

    # -- cursor -----------------------------------------------------------------------------
    def validate_cursor_row(self, row: int) -> int:
        return max(0, min(row, self.row_count - 1)) if self.row_count else 0

    def watch_cursor_row(self, row: int) -> None:
        self._keep_in_view(row)
        self.refresh()
        self.post_message(self.Highlighted(self, row))

    @property
    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)  # minus the header

    def _keep_in_view(self, row: int) -> None:
        top = round(self.scroll_y)
        if row < top:
            self.scroll_to(y=row, animate=False, immediate=True)
        elif row > top + self._page - 1:
            self.scroll_to(y=row - self._page + 1, animate=False, immediate=True)

    def move_cursor(self, row: int) -> None:
        self.cursor_row = row

    def action_move(self, delta: int) -> None:
        self.cursor_row += delta

    def action_page(self, direction: int) -> None:
        self.cursor_row += direction * self._page

    def action_first(self) -> None:
        self.cursor_row = 0

    def action_last(self) -> None:
        self.cursor_row = self.row_count - 1

    def action_select(self) -> None:
        if self.row_count:
            self.post_message(self.Selected(self, self.cursor_row))

    def on_click(self, event: Click) -> None:
        row = round(self.scroll_y) + event.y - 1
        if event.y < 1 or not 0 <= row < self.row_count:
            return
        if row == self.cursor_row:
            self.action_select()
        else:
            self.cursor_row = row

    # -- drawing ----------------------------------------------------------------------------
    def _widths(self, total: int) -> list[int]:
        fixed = list(self.widths[: len(self.columns) - 1])
        used = sum(fixed) + GAP * len(fixed)
        return [*fixed, max(4, total - used)]

    def _line(self, cells: Sequence[str], widths: list[int]) -> str:
        return (" " * GAP).join(set_cell_size(cell, width) for cell, width in zip(cells, widths))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        widths = self._widths(width)
        if y == 0:
            text = self._line(self.columns, widths)
            style = self.get_component_rich_style("entry-table--header")
        else:
            row = round(self.scroll_y) + y - 1
            if not 0 <= row < self.row_count:
                return Strip.blank(width, self.rich_style)
            cells = self._cells(row)
            text = self._line(cells, widths) if cells is not None else "..."
            if row == self.cursor_row:
                style = self.get_component_rich_style("entry-table--cursor")
            elif row % 2:
                style = self.get_component_rich_style("entry-table--even")
            else:
                style = self.rich_style
        return Strip([Segment(set_cell_size(text, width), style)], width)
