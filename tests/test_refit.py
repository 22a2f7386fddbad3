"""New words in a widget: repainted in place, and the screen arranged again only when they need
another size (tui/app/widgets/refit.py), so what is below moves exactly when it must."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Static

from tui.app.widgets.refit import FittedText, show_text


class TwoLines(App[None]):
    """Words on top of a line of text, in a Static or a FittedText."""

    CSS = ".-centred { text-align: center; }"

    def __init__(self, top: type[Static] = Static) -> None:
        super().__init__()
        self.top = top

    def compose(self) -> ComposeResult:
        yield self.top("one line", id="top")
        yield Static("below", id="below")


def lines_of(widget: Static) -> list[str]:
    """The widget's lines as drawn."""
    return [widget.render_line(y).text.rstrip() for y in range(widget.size.height)]


async def test_words_of_the_same_height_repaint_and_nothing_moves():
    app = TwoLines()
    async with app.run_test(size=(40, 10)) as pilot:
        top, below = app.query_one("#top", Static), app.query_one("#below", Static)
        show_text(top, "same height")
        await pilot.pause()
        assert str(top.render()) == "same height" and below.region.y == 1


@pytest.mark.parametrize("top_class", [Static, FittedText])
async def test_words_that_need_more_lines_push_what_is_below_down_and_back(top_class):
    app = TwoLines(top_class)
    async with app.run_test(size=(40, 10)) as pilot:
        top, below = app.query_one("#top", Static), app.query_one("#below", Static)
        show_text(top, "first\nsecond\nthird")
        await pilot.pause()
        assert top.region.height == 3 and below.region.y == 3
        show_text(top, "a line far too long for a window forty columns wide")
        await pilot.pause()
        assert top.region.height == 2 and below.region.y == 2  # wrapped: the width counts
        assert lines_of(top) == ["a line far too long for a window forty", "columns wide"]
        show_text(top, "short")
        await pilot.pause()
        assert top.region.height == 1 and below.region.y == 1
        assert lines_of(top) == ["short"]


async def test_fitted_words_are_fitted_again_when_their_styles_change():
    app = TwoLines(FittedText)
    async with app.run_test(size=(40, 10)) as pilot:
        top = app.query_one("#top", FittedText)
        assert lines_of(top) == ["one line"]
        top.add_class("-centred")
        await pilot.pause()
        assert lines_of(top) == [" " * 16 + "one line"]
