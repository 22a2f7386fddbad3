"""Settings persist across runs; a broken settings file gives a clear message and the defaults."""

from __future__ import annotations

import json

from tests.conftest import screen_text
from tui.app.app import Start, make_app
from tui.app.screens.danger import DangerScreen
from tui.app.screens.settings import SettingsScreen
from tui.settings import Settings, load_settings, settings_path


async def test_settings_are_saved_and_used_on_the_next_run(clock):
    app = make_app(clock=clock)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press(*"000")  # the emergency number field has focus first
        await pilot.press("tab", "space")  # pregnant: on
        await pilot.press("tab", "space")  # sound: off
        await pilot.press("tab", *"10")  # hold length
        await pilot.pause()
        await pilot.press("escape")
    saved = load_settings()[0]
    assert (saved.emergency_number, saved.pregnant, saved.sound, saved.hold_seconds) == \
        ("000", True, False, 10.0)

    again = make_app(clock=clock, start=Start(site="calf"))
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.screen.session.view.qid == "safety:clot-check"  # pregnant was remembered
        await pilot.press("n")
        await pilot.pause()
        assert again.screen.timer.seconds == 10
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(again.screen, DangerScreen)
        assert "Call 000 now" in screen_text(again)


async def test_a_hold_length_out_of_range_is_refused_with_a_reason(clock):
    app = make_app(clock=clock, settings=Settings())
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("tab", "tab", "tab", *"45")
        await pilot.pause()
        assert "from 2 to 30 seconds" in screen_text(app)
        assert app.settings.hold_seconds is None


async def test_theme_choice_is_remembered(clock):
    app = make_app(clock=clock, theme="cramp-high-contrast")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "cramp-high-contrast"
    assert load_settings()[0].theme == "cramp-high-contrast"
    app = make_app(clock=clock)
    assert app.theme == "cramp-high-contrast"


def test_linux_console_gets_the_terminal_palette(monkeypatch):
    monkeypatch.setenv("TERM", "linux")
    assert make_app(settings=Settings()).theme == "ansi-dark"


async def test_broken_settings_file_gives_a_message_and_defaults(clock):
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text("{not json")
    settings, problem = load_settings()
    assert settings == Settings()
    assert str(path) in problem and "using defaults" in problem
    app = make_app(clock=clock)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert any("using defaults" in n.message for n in app._notifications)
    assert path.read_text() == "{not json"  # the person's file is not overwritten by reading


def test_wrong_types_fall_back_one_by_one():
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"pregnant": True, "hold_seconds": 99, "colour": "red"}))
    settings, problem = load_settings()
    assert settings.pregnant is True and settings.hold_seconds is None
    assert "hold_seconds" in problem and "colour" in problem
