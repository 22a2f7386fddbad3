"""Styles: the first frame parses only app.tcss and its own screen's file; the other screens'
files are read just after it, so opening one never makes Textual parse every stylesheet again;
and the notice shown when a window is too small to use."""

from __future__ import annotations

from pathlib import Path

from tui.app.app import SCREEN_STYLES, Start

SCREENS = Path(__file__).resolve().parent.parent / "tui" / "app" / "screens"


def test_every_screen_stylesheet_is_warmed():
    assert set(SCREEN_STYLES) == {p.resolve() for p in SCREENS.glob("*.tcss")}


async def _reparses_when_opening(app, keys) -> int:
    reparses = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause(0.1)  # the first frame, then the warm-up after it
        original = app.stylesheet.reparse

        def counted() -> None:
            reparses.append(1)
            original()

        app.stylesheet.reparse = counted  # type: ignore[method-assign]
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        opened = {type(screen).__name__ for screen in app.screen_stack}
    return len(reparses), opened


async def test_screens_opened_from_home_do_not_reparse(new_app):
    count, _ = await _reparses_when_opening(new_app(), ["l", "slash"])
    assert count == 0
    count, _ = await _reparses_when_opening(new_app(), ["d", "a"])
    assert count == 0
    count, opened = await _reparses_when_opening(new_app(), ["o"])
    assert count == 0 and "SettingsScreen" in opened


async def test_the_stretch_opened_from_home_does_not_reparse(new_app):
    count, opened = await _reparses_when_opening(new_app(), ["enter", "enter"])
    assert "StepScreen" in opened and count == 0


async def test_after_cramp_now_danger_signs_do_not_reparse(new_app):
    count, opened = await _reparses_when_opening(new_app(start=Start(site="calf")), ["!"])
    assert "DangerScreen" in opened and count == 0


async def test_after_cramp_now_logging_does_not_reparse(new_app):
    count, opened = await _reparses_when_opening(new_app(start=Start(site="calf")),
                                                 ["y", "enter", "l"])
    assert "LogCrampScreen" in opened and count == 0


async def test_a_window_made_too_small_says_so_and_the_screen_returns(new_app):
    from tests.conftest import screen_text

    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "too small" not in screen_text(app)
        await pilot.resize_terminal(39, 11)
        await pilot.pause()
        assert "This window is too small for cramp" in screen_text(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert "too small" not in screen_text(app)
        await pilot.press("enter")  # a screen opened at a good size, then made too small
        await pilot.pause()
        await pilot.resize_terminal(50, 10)
        await pilot.pause()
        assert "Make it at least 40 columns by 12 rows" in screen_text(app)
