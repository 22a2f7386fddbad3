"""New words in a widget: repainted in place, and the screen arranged again only when they need
another size (tui/app/widgets/refit.py), so what is below moves exactly when it must."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

from tui.app.widgets.refit import show_text


class TwoLines(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("one line", id="top")
        yield Static("below", id="below")


async def test_words_of_the_same_height_repaint_and_nothing_moves():
    app = TwoLines()
    async with app.run_test(size=(40, 10)) as pilot:
        top, below = app.query_one("#top", Static), app.query_one("#below", Static)
        show_text(top, "same height")
        await pilot.pause()
        assert str(top.render()) == "same height" and below.region.y == 1


async def test_words_that_need_more_lines_push_what_is_below_down_and_back():
    app = TwoLines()
    async with app.run_test(size=(40, 10)) as pilot:
        top, below = app.query_one("#top", Static), app.query_one("#below", Static)
        show_text(top, "first\nsecond\nthird")
        await pilot.pause()
        assert top.region.height == 3 and below.region.y == 3
        show_text(top, "a line far too long for a window forty columns wide")
        await pilot.pause()
        assert top.region.height == 2 and below.region.y == 2  # wrapped: the width counts
        show_text(top, "short")
        await pilot.pause()
        assert top.region.height == 1 and below.region.y == 1
