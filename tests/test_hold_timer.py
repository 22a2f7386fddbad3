"""The hold timer, driven by an injected clock: the count a person sees, pause, bell, repeats."""

from __future__ import annotations

from tests.conftest import text
from tui.app.app import Start
from textual.widgets import Static

from tui.app.widgets.big_text import BigText


def shown(app) -> tuple[str, str]:
    timer = app.screen.timer
    label = timer.query_one("#hold-label", Static)
    return timer.query_one("#hold-digits", BigText).text, text(label)


def rendered(app) -> list[str]:
    """The screen as drawn, row by row (what the compositor sends to the terminal)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


async def test_the_countdown_fills_the_screen_at_arms_length(new_app, clock):
    """At 80x24 a hold shows the count at least 7 rows tall, HOLD under it, the step in one
    line; the rest steps back. At release: RELEASE, and the hold area changes colour."""
    app = new_app(start=Start(site="calf"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        title = app.screen.session.view.title
        await pilot.press("space")
        clock.advance(1.5)
        app.screen.timer.tick()
        await pilot.pause()
        rows = rendered(app)
        tall = [n for n, row in enumerate(rows) if "██" in row]
        assert len(tall) >= 7 and tall[6] - tall[0] == 6  # seven rows in a run
        assert any(row.strip() == title for row in rows)  # the step as one line
        assert "Do:" not in "\n".join(rows) and "It eased" not in "\n".join(rows)
        clock.advance(3.5)
        app.screen.timer.tick()
        for _ in range(3):  # Release first, then the colour, then the rest of the screen
            await pilot.pause(0.05)
        assert app.screen.timer.has_class("-flash")  # the whole hold area changes colour
        assert text(app.screen.timer.query_one("#hold-label", Static)) == "Release"
        assert app.screen.timer.query_one("#hold-word", BigText).text == "RELEASE"
        assert "Do:" in "\n".join(rendered(app))  # the step comes back for "did it ease?"


async def test_small_windows_get_three_row_digits(new_app, clock):
    app = new_app(start=Start(site="foot"))
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        rows = rendered(app)
        digit_rows = [row for row in rows if "▀" in row or "▄" in row or "██" in row]
        assert len(digit_rows) == 3
        assert "Hold - 5 s left" in "\n".join(rows)


async def test_counts_five_to_zero(new_app, clock):
    app = new_app(start=Start(site="calf"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert shown(app) == ("5", "Press space to start the 5 s hold")
        await pilot.press("space")
        seen = []
        for _ in range(5):
            seen.append(shown(app))
            clock.advance(1.0)
            app.screen.timer.tick()
            await pilot.pause()
        assert seen == [(str(n), f"Hold - {n} s left") for n in (5, 4, 3, 2, 1)]
        assert shown(app) == ("0", "Release")
        assert app.screen.timer.has_class("-done")  # the visible cue beside the bell


async def test_pause_keeps_the_remaining_time(new_app, clock):
    app = new_app(start=Start(site="calf"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("space")
        clock.advance(2.3)
        await pilot.press("space")  # pause
        clock.advance(100)
        app.screen.timer.tick()
        await pilot.pause()
        assert shown(app) == ("3", "Paused - 3 s left (space goes on)")
        await pilot.press("space")  # go on
        clock.advance(2.6)
        app.screen.timer.tick()
        await pilot.pause()
        assert shown(app)[1] == "Hold - 1 s left"
        clock.advance(0.1)
        app.screen.timer.tick()
        await pilot.pause()
        assert shown(app) == ("0", "Release")


async def test_bell_rings_once_per_hold_and_n_repeats(new_app, clock, monkeypatch):
    app = new_app(start=Start(site="calf"))
    rings = []
    monkeypatch.setattr(app, "bell", lambda: rings.append(clock()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("space")
        clock.advance(5)
        for _ in range(3):  # late ticks after the end do not ring again
            app.screen.timer.tick()
            await pilot.pause()
        assert len(rings) == 1
        await pilot.press("n")  # still cramping: the next repetition starts at once
        await pilot.pause()
        assert app.screen.session.view.qid == "calf:stretch"
        assert shown(app) == ("5", "Hold - 5 s left")
        clock.advance(5)
        app.screen.timer.tick()
        await pilot.pause()
        assert len(rings) == 2
        assert shown(app)[1] == "Release"


async def test_no_bell_when_sound_is_off(new_app, clock, monkeypatch):
    from tui.settings import Settings

    app = new_app(start=Start(site="calf"), settings=Settings(sound=False))
    rings = []
    monkeypatch.setattr(app, "bell", lambda: rings.append(1))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("space")
        clock.advance(5)
        app.screen.timer.tick()
        await pilot.pause()
        assert rings == [] and shown(app)[1] == "Release"


async def test_resize_during_a_hold_keeps_the_count(new_app, clock):
    app = new_app(start=Start(site="calf"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("space")
        clock.advance(2.0)
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        clock.advance(1.0)
        app.screen.timer.tick()
        await pilot.pause()
        assert shown(app) == ("2", "Hold - 2 s left")


async def test_danger_signs_on_top_do_not_stop_the_count(new_app, clock):
    app = new_app(start=Start(site="calf"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("space")
        timer = app.screen.timer
        await pilot.press("exclamation_mark")
        await pilot.pause()
        clock.advance(4.0)
        timer.tick()
        await pilot.press("escape")
        await pilot.pause()
        assert shown(app) == ("1", "Hold - 1 s left")


async def test_the_cramp_clock_counts_from_the_first_step(new_app, clock):
    app = new_app(start=Start(site="calf"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        clock.advance(125)
        app.screen.cramp_clock.tick()
        await pilot.pause()
        assert text(app.screen.cramp_clock) == "Cramp clock 02:05"


async def test_the_end_timer_wakes_early_and_releases_at_the_deadline(new_app, clock):
    """The event loop wakes timers late; the end wakes a few ms early and waits out exactly what
    is left, so Release is not late (bench: hold timer end error)."""
    from tui.app.widgets.hold_timer import WAKE_EARLY

    app = new_app(start=Start(site="calf"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        timer = app.screen.timer
        waited: list[float] = []

        def wait(seconds: float) -> None:
            waited.append(seconds)
            clock.advance(seconds)

        timer.wait = wait
        await pilot.press("space")
        assert timer._end is not None
        clock.advance(5.0 - WAKE_EARLY)  # when the end timer wakes
        timer._at_deadline()
        assert waited and abs(waited[0] - WAKE_EARLY) < 1e-6
        assert timer.state == "done" and timer.remaining == 0.0
