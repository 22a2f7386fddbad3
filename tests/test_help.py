"""Easier under stress: help on every screen in words, a footer that fits, keys that mean one
thing (issue 13). Driven by keys only; the footer is read as the terminal draws it."""

from __future__ import annotations

import pytest

from tests.conftest import screen_text
from tui.app.app import Start
from tui.app.screens.help import HelpScreen
from tui.content.models import Context


def footer(app) -> str:
    """The bottom row, as drawn."""
    return app.screen._compositor.render_strips()[-1].text


async def open_help(pilot, key: str = "question_mark") -> str:
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(pilot.app.screen, HelpScreen)
    return screen_text(pilot.app)


async def test_help_on_home_lists_every_key_in_words(new_app):
    app = new_app()
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        shown = await open_help(pilot)
        for words in ("Cramp now: the right stretch", "Library: why cramps happen",
                      "Diary: log cramps", "Settings: emergency number", "The danger signs",
                      "Search the library", "Quit cramp"):
            assert words in shown
        assert "Focus Next" not in shown and "Copy" not in shown  # Textual's own keys stay out
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_help_on_a_stretch_says_what_each_key_does_and_f1_opens_it_too(new_app, clock):
    app = new_app(start=Start(site="calf"))
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.pause()
        shown = await open_help(pilot, "f1")
        for words in ("Start the hold, or pause it", "Still cramping: hold again",
                      "It hurts more or is getting worse: stop stretching",
                      "Someone is helping (or no longer)", "You are in bed",
                      "Pregnant or gave birth in the last 6 weeks",
                      "Where this advice comes from"):
            assert words in shown
        assert "One step back" not in shown  # nothing to go back to yet
        await pilot.press("question_mark")  # ? again closes it
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("y")  # a step taken: now Backspace can undo it
        await pilot.pause()
        assert "One step back" in await open_help(pilot)


async def test_help_on_a_question_lists_its_answers(new_app):
    app = new_app(start=Start(site="foot", ctx=Context(pregnant=True)))  # the clot question
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        shown = await open_help(pilot)
        for answer in app.library.step("safety", "clot-check").choices:
            assert answer.label in shown


async def test_help_in_the_library(new_app):
    app = new_app(start=Start(page="quinine"))
    async with app.run_test(size=(80, 30)) as pilot:
        for _ in range(5):
            await pilot.pause(0.1)
        shown = await open_help(pilot)
        assert "Close the library" in shown and "Go to a page this one links to" in shown
        assert "Move to the list of pages" in shown


@pytest.mark.parametrize("keys", [
    (), ("enter",), ("enter", "1"), ("enter", "1", "space"), ("enter", "1", "y"),
    ("enter", "1", "y", "enter"), ("exclamation_mark",), ("l",), ("d",),
    ("enter", "1", "question_mark"), ("enter", "1", "r"),
], ids=["home", "where", "stretch", "holding", "aftercare", "end", "danger", "library",
        "diary", "help", "sources"])
async def test_the_footer_fits_80_columns_and_shows_q(new_app, keys):
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        assert "q Quit" in footer(app), footer(app)


async def test_a_click_on_a_footer_key_presses_it(new_app):
    from tui.app.widgets.key_bar import KeyBar

    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        column = footer(app).index(" ? ")  # as drawn: the help key
        await pilot.click(KeyBar, offset=(column + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_keys_not_usable_now_are_shown_in_italics_and_a_click_only_rings(new_app):
    from tui.app.widgets.key_bar import KeyBar

    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("l")  # the library's first page: nothing to go back to yet
        await pilot.pause()
        page = app.screen.history.current
        row = app.screen._compositor.render_strips()[-1]
        column = row.text.index("Forward")
        italic = {seg.text.strip(): bool(seg.style.italic) for seg in row if seg.text.strip()}
        assert italic["Forward"] and not italic["Close"], row.text
        rings = []
        app.bell = lambda: rings.append(1)  # type: ignore[method-assign]
        await pilot.click(KeyBar, offset=(column, 0))
        await pilot.pause()
        assert rings and app.screen.history.current == page  # nothing happened but the bell


async def test_the_end_screens_footer_says_what_enter_does(new_app, clock):
    app = new_app(start=Start(site="quad"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert "Continue" in footer(app)  # aftercare: Enter goes on
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.session.view.kind == "end"
        assert "Back to the start" in footer(app) and "Continue" not in footer(app)


async def test_after_the_clot_question_the_title_is_the_stretch_again(new_app):
    app = new_app(start=Start(site="calf", ctx=Context(pregnant=True)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.library.flows["safety"].title in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        shown = screen_text(app)
        assert app.library.flows["calf"].title in shown
        assert app.library.flows["safety"].title not in shown


async def test_the_context_rows_say_what_each_key_does(new_app):
    app = new_app(start=Start(site="calf"))
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert "Someone helping? The steps are then for them  Now: no, alone." in shown
        await pilot.press("h", "b")
        await pilot.pause()
        shown = screen_text(app)
        assert "Now: yes." in shown and "In bed, sitting or standing?  Now: in bed." in shown
