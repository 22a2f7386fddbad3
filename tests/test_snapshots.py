"""What the screens that matter look like at 80x24 (pytest --snapshot-update to accept changes)."""

from __future__ import annotations

from tui.app import Start, make_app
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
