"""The search's results (tui/app/widgets/result_list.py), driven by keys and the mouse in the real
app: the highlight moves and stays in view, Enter and a click open the result they are on, the
scroll bar shows where the view is, and every word of a result is drawn, as plain text."""

from __future__ import annotations

import pytest
from textual import events

from tests.test_library import library_at, until
from tui.app.screens.search import SearchScreen
from tui.app.widgets.result_list import BAR, ResultList
from tui.content.search import search


def drawn(results: ResultList) -> list[str]:
    """The lines on screen, as drawn, without the scroll bar's column."""
    return [results.render_line(y).text[:-BAR]
            for y in range(results.scrollable_content_region.height)]


def bar(results: ResultList) -> list[object]:
    """The scroll bar's cell of each line on screen: its colour."""
    return [list(results.render_line(y))[-1].style.bgcolor
            for y in range(results.scrollable_content_region.height)]


def in_view(results: ResultList, index: int) -> bool:
    """Every line of result `index` is on screen."""
    lines, starts = results._lines(results._text_width)
    end = starts[index + 1] - 1 if index + 1 < len(starts) else len(lines)
    top = results.scroll_offset.y
    return top <= starts[index] and end <= top + results.scrollable_content_region.height


async def searched(pilot, word: str) -> ResultList:
    await pilot.press("slash", *word)
    await until(pilot, lambda: isinstance(pilot.app.screen, SearchScreen)
                and bool(pilot.app.screen.results.results))
    return pilot.app.screen.results


async def test_arrows_end_and_home_move_the_highlight_and_keep_it_in_view(new_app):
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        results = await searched(pilot, "stretch")
        count = len(results.results)
        assert count > 4  # more than the window shows
        await pilot.press("down")  # from the words typed into the results
        assert results.has_focus and results.highlighted == 0
        await pilot.press("down", "down")
        assert results.highlighted == 2 and in_view(results, 2)
        await pilot.press("end")
        await pilot.pause()
        assert results.highlighted == count - 1 and in_view(results, count - 1)
        assert results.scroll_offset.y > 0
        await pilot.press("down")  # the last one stays highlighted
        assert results.highlighted == count - 1
        await pilot.press("home")
        await pilot.pause()
        assert results.highlighted == 0 and results.scroll_offset.y == 0


async def test_page_down_and_up_move_by_about_a_window(new_app):
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        results = await searched(pilot, "stretch")
        await pilot.press("down", "pagedown")
        await pilot.pause()
        paged = results.highlighted
        assert paged is not None and paged >= 2 and in_view(results, paged)
        await pilot.press("pageup")
        await pilot.pause()
        assert results.highlighted is not None and results.highlighted < paged


@pytest.mark.parametrize("how", ["enter", "click"])
async def test_enter_or_a_click_opens_that_result_at_its_section(new_app, how):
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        results = await searched(pilot, "night")
        hits = search(app.library, "night")
        _, starts = results._lines(results._text_width)
        if how == "enter":
            await pilot.press("down", "down", "enter")
        else:
            await pilot.click(ResultList, offset=(4, starts[1]))  # the second result's first line
        await until(pilot, library_at(app, hits[1].page_id))
        assert app.screen.section_anchor == hits[1].anchor


async def test_a_click_on_a_rule_or_the_scroll_bar_opens_nothing(new_app):
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        results = await searched(pilot, "night")
        _, starts = results._lines(results._text_width)
        await pilot.click(ResultList, offset=(4, starts[1] - 1))  # the rule above the second
        await pilot.click(ResultList, offset=(results.size.width - 1, starts[1]))
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)


async def test_the_scroll_bar_shows_where_the_view_is(new_app):
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        results = await searched(pilot, "stretch")
        top = bar(results)
        track = top[-1]
        assert top[0] != track  # the thumb at the top
        await pilot.press("down", "end")
        await pilot.pause()
        end = bar(results)
        assert end[0] == track and end[-1] != track  # and at the bottom
        assert sum(c != track for c in end) == sum(c != track for c in top)  # the same size


async def test_no_scroll_bar_when_every_result_is_in_view(new_app):
    app = new_app()
    async with app.run_test(size=(80, 40)) as pilot:
        results = await searched(pilot, "quinine")
        assert results.virtual_size.height <= results.scrollable_content_region.height
        assert len(set(bar(results))) == 1  # one colour: the list's own


async def test_the_mouse_wheel_scrolls_the_results(new_app):
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        results = await searched(pilot, "stretch")
        first = drawn(results)
        for _ in range(3):  # as the terminal sends them, where the pointer is (Pilot's own way)
            await pilot._post_mouse_events([events.MouseScrollDown], ResultList, offset=(4, 2))
        await pilot.pause()
        assert results.scroll_offset.y > 0 and drawn(results) != first


@pytest.mark.parametrize("width", [40, 80, 140])
async def test_every_word_of_every_result_is_drawn_at_any_width(new_app, width):
    """The results are wrapped to the window: nothing cut at the edge, nothing dropped."""
    app = new_app()
    async with app.run_test(size=(width, 60)) as pilot:
        results = await searched(pilot, "night")
        lines, _ = results._lines(results._text_width)
        shown = []
        for top in range(0, len(lines), results.scrollable_content_region.height):
            results.scroll_to(y=top, animate=False, immediate=True)
            shown += drawn(results)
        text = " ".join(" ".join(shown).split())
        for result in results.results:
            assert " ".join(result.plain.split()) in text


async def test_page_down_moves_on_even_when_a_result_is_taller_than_the_window(new_app):
    """At the smallest window a result can fill the list: Page Down still reaches the next."""
    app = new_app()
    async with app.run_test(size=(40, 12)) as pilot:
        results = await searched(pilot, "stretch")
        height = results.scrollable_content_region.height
        _, starts = results._lines(results._text_width)
        assert 0 < height < starts[1] - 1  # the first result is taller than the window
        await pilot.press("down")
        for expected in range(1, 4):
            await pilot.press("pagedown")
            assert results.highlighted is not None and results.highlighted >= expected
