"""What the screens that matter look like at 80x24 (pytest --snapshot-update to accept changes)."""

from __future__ import annotations

import pytest

from tui.app.app import Start, make_app
from tui.settings import Settings

from tests.conftest import FakeClock


def app(start=None):
    return make_app(start=start, clock=FakeClock(), settings=Settings())


def test_home(snap_compare):
    assert snap_compare(app(), terminal_size=(80, 24))


def test_where_question(snap_compare):
    assert snap_compare(app(), press=["enter"], terminal_size=(80, 24))


def test_step_mid_hold(snap_compare):
    clock = FakeClock()
    the_app = make_app(start=Start(site="calf"), clock=clock, settings=Settings())

    async def mid_hold(pilot):
        await pilot.press("space")
        clock.advance(2.0)
        pilot.app.screen.timer.tick()
        pilot.app.screen.cramp_clock.tick()
        await pilot.pause()

    assert snap_compare(the_app, run_before=mid_hold, terminal_size=(80, 24))


def test_clot_question(snap_compare):
    from tui.content.models import Context

    assert snap_compare(app(Start(site="calf", ctx=Context(pregnant=True))),
                        terminal_size=(80, 24))


def test_danger_signs(snap_compare):
    assert snap_compare(app(), press=["exclamation_mark"], terminal_size=(80, 24))


def _mid_hold_app(theme: str = "", seconds: float = 2.0):
    """The calf stretch `seconds` into a 5 s hold (5: released). Every clock is ticked by hand,
    so no real-time interval can change the picture."""
    clock = FakeClock()
    the_app = make_app(start=Start(site="calf"), clock=clock, settings=Settings(theme=theme))

    async def mid_hold(pilot):
        await pilot.press("space")
        clock.advance(seconds)
        pilot.app.screen.timer.tick()
        pilot.app.screen.cramp_clock.tick()
        await pilot.pause()

    return the_app, mid_hold


SIZES = [(40, 12), (80, 24), (200, 60)]


@pytest.mark.parametrize("size", SIZES, ids=str)
def test_hold_in_progress_fills_the_screen(snap_compare, size):
    """Issue 16: the count large in the middle, HOLD under it, the step as one line."""
    the_app, mid_hold = _mid_hold_app()
    assert snap_compare(the_app, run_before=mid_hold, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=str)
def test_released_changes_the_whole_hold_area(snap_compare, size):
    """Issue 16: RELEASE, the hold area in another colour, and "did it ease?" back in view."""
    the_app, released = _mid_hold_app(seconds=5.0)
    assert snap_compare(the_app, run_before=released, terminal_size=size)


@pytest.mark.parametrize("start", [None, Start(site="calf"), Start(page="night-cramps")],
                         ids=["home", "stretch", "library"])
def test_help_overlay(snap_compare, start):
    """Issue 13: ? lists the screen's keys in words."""

    async def settle_then_help(pilot):
        for _ in range(5):  # the library renders its page in the background
            await pilot.pause(0.05)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(app(start), run_before=settle_then_help, terminal_size=(80, 30))


@pytest.mark.parametrize("size", [(40, 12), (80, 24), (200, 60)], ids=str)
def test_step_high_contrast(snap_compare, size):
    the_app, mid_hold = _mid_hold_app("cramp-high-contrast")
    assert snap_compare(the_app, run_before=mid_hold, terminal_size=size)


@pytest.mark.parametrize("size", [(40, 12), (200, 60)], ids=str)
def test_home_high_contrast(snap_compare, size):
    the_app = make_app(clock=FakeClock(), settings=Settings(theme="cramp-high-contrast"))
    assert snap_compare(the_app, terminal_size=size)


def test_too_small_says_what_size_is_needed(snap_compare):
    the_app, mid_hold = _mid_hold_app()
    assert snap_compare(the_app, run_before=mid_hold, terminal_size=(30, 10))


# The screens whose styles load after the first frame (tui/app/screens/*.tcss).
@pytest.mark.parametrize("key", ["l", "d", "o", "slash"], ids=["library", "diary", "settings",
                                                               "search"])
def test_screens_opened_from_home(snap_compare, key):
    assert snap_compare(app(), press=[key], terminal_size=(80, 24))
