"""The rows of choices keep each line drawn (tui/app/widgets/choice_list.py): what they show must
still follow every change, of a row, of the theme, of the pointer."""

from __future__ import annotations

from textual.app import App, ComposeResult

from tui.app.screens.home import HomeScreen
from tui.app.widgets.choice_list import ChoiceList, Row
from tui.settings import Settings


def drawn(choices: ChoiceList) -> list[tuple[str, list[object]]]:
    """Each line as drawn: its words and the style of each run of them."""
    return [(strip.text, [segment.style for segment in strip])
            for strip in (choices.render_line(y) for y in range(choices.size.height))]


class Choices(App[None]):
    CSS = "ChoiceList > .choice-list--hover { background: red; }"

    def compose(self) -> ComposeResult:
        yield ChoiceList([Row("1", "First", "one"), Row("2", "Second", "two")], default="one")


async def test_a_changed_row_is_drawn_with_its_new_words_and_the_others_stay():
    app = Choices()
    async with app.run_test(size=(40, 6)) as pilot:
        choices = app.query_one(ChoiceList)
        before = drawn(choices)
        choices.show([Row("1", "First", "one"), Row("2", "Second, changed", "two")], "one")
        await pilot.pause()
        after = drawn(choices)
        assert after[0] == before[0]
        assert "Second, changed" in after[1][0] and "Second, changed" not in before[1][0]


async def test_the_row_under_the_pointer_is_marked_and_unmarked():
    app = Choices()
    async with app.run_test(size=(40, 6)) as pilot:
        choices = app.query_one(ChoiceList)
        plain = drawn(choices)[1]  # the first row is the default (Enter); the second is not
        await pilot.hover(ChoiceList, offset=(3, 1))
        await pilot.pause()
        hovered = drawn(choices)[1]
        assert hovered[0] == plain[0] and hovered[1] != plain[1]
        await pilot.hover(ChoiceList, offset=(3, 4))  # below the rows: none is marked
        await pilot.pause()
        assert drawn(choices)[1] == plain


async def test_after_a_change_of_theme_the_choices_look_as_in_that_theme_from_the_start(new_app):
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dark = drawn(app.screen.query_one("#home-choices", ChoiceList))
        await pilot.press("o", *["tab"] * 6, "enter", "down", "enter", "escape")  # settings
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.theme != "cramp-dark"
        switched = drawn(app.screen.query_one("#home-choices", ChoiceList))
        theme = app.theme
    fresh = new_app(settings=Settings(theme=theme))
    async with fresh.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert drawn(fresh.screen.query_one("#home-choices", ChoiceList)) == switched != dark
