"""The search's results, one under the other: each a few lines (the page and its section, then a
snippet), a rule between two, one of them highlighted. Up and Down, Page Up and Page Down, Home
and End move the highlight; Enter or a click opens a result.

Textual's OptionList wrapped each result twice (once to size it, once to draw it) and cut every
line again for padding, links and click targets: about a quarter of the time from the last
letter of a word to its results. Here a search's results are wrapped once for the width, and
each line is drawn from that wrap and kept. The words are data (page titles, snippets) and are
drawn as the Text they are, never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size, clamp
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

RULE = -1  # the result index of a rule's line
BAR = 1  # columns kept on the right for the scroll bar


class ResultList(ScrollView, can_focus=True):
    """Results shown by `show`; `highlighted` is the index of the one Enter opens."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "go(0)", "First", show=False),
        Binding("end", "go(-1)", "Last", show=False),
        Binding("enter", "choose", "Open", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"result-list--highlighted", "result-list--rule"}

    class Chosen(Message):
        """A result was opened (Enter or a click): `index` into the results shown."""

        def __init__(self, result_list: ResultList, index: int) -> None:
            super().__init__()
            self.result_list = result_list
            self.index = index

        @property
        def control(self) -> ResultList:
            return self.result_list

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.results: list[Text] = []
        self._highlighted: int | None = None
        # The lines of the last wrap, by width: (result index or RULE, words), and the first
        # line of each result.
        self._wrapped: tuple[int, list[tuple[int, Text]], list[int]] | None = None
        # Lines drawn, by what they show (colours included): kept until the next wrap.
        self._strips: dict[tuple[object, ...], Strip] = {}

    # -- what is shown -----------------------------------------------------------------------------
    def show(self, results: Sequence[Text]) -> None:
        """New results, the first highlighted, scrolled to the top."""
        self.results = list(results)
        self._highlighted = 0 if self.results else None
        self._wrapped = None
        self.scroll_to(y=0, animate=False, force=True, immediate=True)
        self._fit()
        self.refresh()

    @property
    def highlighted(self) -> int | None:
        return self._highlighted

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        if index is None or not self.results:
            index = None
        else:
            index = clamp(index, 0, len(self.results) - 1)
        if index != self._highlighted:
            self._highlighted = index
            self.refresh()
        self._scroll_to_highlighted()

    def _lines(self, width: int) -> tuple[list[tuple[int, Text]], list[int]]:
        """Every line at this width, and where each result starts: wrapped once per width."""
        if self._wrapped is not None and self._wrapped[0] == width:
            return self._wrapped[1], self._wrapped[2]
        console = self.app.console
        self._strips.clear()  # drawn from the last wrap
        lines: list[tuple[int, Text]] = []
        starts: list[int] = []
        for index, result in enumerate(self.results):
            if index:
                lines.append((RULE, Text("─" * width)))
            starts.append(len(lines))
            lines.extend((index, line) for line in result.wrap(console, max(1, width)))
        self._wrapped = (width, lines, starts)
        return lines, starts

    @property
    def _text_width(self) -> int:
        """The results' width: the list's but for its scroll bar."""
        return max(0, self.scrollable_content_region.width - BAR)

    def _fit(self) -> None:
        """The scrollable size follows the lines."""
        width = self._text_width
        if width > 0:
            self.virtual_size = Size(width, len(self._lines(width)[0]))

    @property
    def allow_vertical_scroll(self) -> bool:
        # The list draws its own scroll bar (overflow-y: hidden): the mouse wheel still scrolls.
        return self.max_scroll_y > 0 and not self._check_disabled()

    def on_resize(self, event: events.Resize) -> None:
        self._fit()

    # -- drawing -------------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self._text_width
        lines, _ = self._lines(width)
        number = self.scroll_offset.y + y
        base = self.visual_style.rich_style
        index = lines[number][0] if 0 <= number < len(lines) else None
        if index == RULE:
            mark: Style | None = self.get_component_rich_style("result-list--rule")
        elif index is not None and index == self._highlighted:
            mark = self.get_component_rich_style("result-list--highlighted")
        else:
            mark = None
        bar = self._bar(y) or base
        key = (number, width, base, mark, bar)
        strip = self._strips.get(key)
        if strip is None:
            if index is None:
                strip = Strip.blank(width, base)
            else:
                words = lines[number][1]
                strip = Strip(list(words.render(self.app.console)), words.cell_len)
                strip = strip.extend_cell_length(width).apply_style(
                    base + mark if mark is not None else base)
            strip = Strip.join([strip, Strip.blank(BAR, bar)])
            self._strips[key] = strip
        return strip

    def _bar(self, y: int) -> Style | None:
        """The colour of line y's cell of the scroll bar (None: all the results are in view):
        the thumb shows which part of them is. Drawn with the lines: Textual's own scroll bar
        cost the results' frame as much as the results (a widget of its own, drawn through
        Rich), and moved the layout when it appeared."""
        height, total = self.scrollable_content_region.height, self.virtual_size.height
        if not total > height > 0:
            return None
        styles = self.styles
        colour = styles.scrollbar_background
        if colour.a < 1:
            colour = self.background_colors[0] + colour
        size = max(1, round(height * height / total))
        start = round(self.scroll_offset.y * (height - size) / (total - height))
        if start <= y < start + size:
            colour = colour + styles.scrollbar_color
        return Style(bgcolor=colour.rich_color)

    # -- keys and the mouse --------------------------------------------------------------------
    def action_move(self, step: int) -> None:
        self.highlighted = 0 if self._highlighted is None else self._highlighted + step

    def action_go(self, index: int) -> None:
        self.highlighted = index % len(self.results) if self.results else None

    def action_page(self, direction: int) -> None:
        """The highlight moves by about a window's height, to the result on that line."""
        height = self.scrollable_content_region.height
        if self._highlighted is None or height <= 0:  # no lines on screen: no page to move by
            return
        lines, starts = self._lines(self._text_width)
        line = clamp(starts[self._highlighted] + direction * height, 0, len(lines) - 1)
        index = lines[line][0]
        if index == RULE:  # a rule belongs to the result above it
            index = lines[line - 1][0]
        if index == self._highlighted:  # a result taller than the window: at least the next
            index += direction
        self.highlighted = index

    def action_choose(self) -> None:
        if self._highlighted is not None:
            self.post_message(self.Chosen(self, self._highlighted))

    def on_click(self, event: events.Click) -> None:
        width = self._text_width
        lines, _ = self._lines(width)
        number = self.scroll_offset.y + event.y
        if event.x < width and 0 <= number < len(lines) and lines[number][0] != RULE:
            self.highlighted = lines[number][0]
            self.action_choose()

    def _scroll_to_highlighted(self) -> None:
        width = self._text_width
        if self._highlighted is None or width <= 0:
            return
        lines, starts = self._lines(width)
        index = self._highlighted
        end = starts[index + 1] - 1 if index + 1 < len(starts) else len(lines)
        self.scroll_to_region(Region(0, starts[index], width, end - starts[index]),
                              animate=False, force=True, immediate=True)
