"""Text from settings and guides is data: square brackets in it are shown as typed, never read as
Rich or Textual markup (which drops a word like "[magnesium]" and crashes on "[/]").

Each case drives the real app with Pilot, reading the settings or guides from files, and checks
what the screen shows and that those files are unchanged.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import tui.content
from tests.conftest import screen_text
from tui.app.app import make_app
from tui.content import bundled_guides_dir

GUIDES = bundled_guides_dir()
TRICKY = "[/] [b]bold?[/b] [magnesium] \\[x] [link=file:///etc/passwd]here[/link] [/EU]"
IN_TOML = json.dumps(TRICKY)[1:-1]  # the same text inside a TOML "string"


def files_of(root: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def option_texts(app) -> str:
    """The prompts of every option list on screen, and the lines the search's results draw."""
    from textual.widgets import OptionList

    from tui.app.widgets.result_list import ResultList

    out = []
    for options in app.screen.query(OptionList):
        for index in range(options.option_count):
            prompt = options.get_option_at_index(index).prompt
            out.append(getattr(prompt, "plain", None) or str(prompt))
    for results in app.screen.query(ResultList):
        out += [results.render_line(y).text
                for y in range(results.scrollable_content_region.height)]
    return "\n".join(out)


def toasts(app) -> str:
    """The notifications on screen, as shown."""
    from textual.widgets._toast import Toast

    return "\n".join(str(toast.render()) for toast in app.screen.query(Toast))


async def test_emergency_number_with_brackets_shows_literally_at_home(tmp_path, clock):
    settings = tmp_path / "settings.json"
    settings.write_text(json.dumps({"emergency_number": "112 [/EU]"}), encoding="utf-8")
    before = settings.read_bytes()
    app = make_app(clock=clock, settings_path=settings)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "call 112 [/EU] or your doctor" in screen_text(app)
        await pilot.press("exclamation_mark")  # the danger signs fill in the same number
        await pilot.pause()
        assert "112 [/EU]" in screen_text(app)
    assert settings.read_bytes() == before


def _with(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


@pytest.fixture
def tricky_guides(tmp_path, monkeypatch):
    """A copy of the bundled guides whose danger sheet, calf flow and one page carry brackets."""
    root = tmp_path / "guides"
    shutil.copytree(GUIDES, root)
    danger = root / "danger.toml"
    text = danger.read_text(encoding="utf-8")
    text = _with(text, 'title = "Danger signs', f'title = "{IN_TOML} Danger signs')
    text = _with(text, 'intro = "', f'intro = "{IN_TOML} ')
    text = _with(text, 'heading = "', f'heading = "{IN_TOML} ')
    danger.write_text(text, encoding="utf-8")
    calf = root / "flows" / "calf.toml"
    text = calf.read_text(encoding="utf-8")
    text = _with(text, 'site_label = "Calf', f'site_label = "{IN_TOML} Calf')
    text = _with(text, 'do = "Sit or lie', f'do = "{IN_TOML} Sit or lie')
    text = _with(text, 'how = "Gently', f'how = "{IN_TOML} Gently')
    text = _with(text, 'title = "Pull your toes up', f'title = "{IN_TOML} Pull your toes up')
    calf.write_text(text, encoding="utf-8")
    page = root / "pages" / "night-cramps.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(_with(text, 'title = "', f'title = "{IN_TOML} '), encoding="utf-8")
    monkeypatch.setattr(tui.content, "bundled_guides_dir", lambda: root)
    return root


async def test_guides_check_accepts_brackets(tricky_guides):
    from tui.content import check_dir

    assert check_dir(tricky_guides) == []


async def test_brackets_in_the_danger_sheet_show_literally(tricky_guides, new_app):
    before = files_of(tricky_guides)
    app = new_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("exclamation_mark")
        await pilot.pause()
        shown = screen_text(app)
        assert f"{TRICKY} Danger signs" in shown
        assert shown.count(TRICKY) >= 3  # title, intro and a heading
    assert files_of(tricky_guides) == before


async def test_brackets_in_a_site_label_and_a_stretch_show_literally(tricky_guides, new_app):
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # Cramp now: where is it?
        await pilot.pause()
        assert f"{TRICKY} Calf" in screen_text(app)
        await pilot.press("1")
        await pilot.pause()
        shown = screen_text(app)
        assert f"{TRICKY} Pull your toes up" in shown
        assert f"Do: {TRICKY} Sit or lie" in shown
        assert f"How: {TRICKY} Gently" in shown


async def test_brackets_in_a_page_title_show_in_search_and_library(tricky_guides, new_app):
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*"night")
        await pilot.pause()
        assert f"{TRICKY} " in option_texts(app)
        await pilot.press("escape", "l")
        await pilot.pause()
        assert f"{TRICKY} " in option_texts(app)


async def test_brackets_in_the_hold_field_are_shown_in_its_message(tmp_path, clock):
    settings = tmp_path / "settings.json"
    app = make_app(clock=clock, settings_path=settings)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        app.screen.query_one("#hold").focus()
        await pilot.press(*"[/]")
        await pilot.pause()
        assert "'[/]' is not a number of seconds" in screen_text(app)


async def test_brackets_in_a_page_title_in_the_command_palette(tricky_guides, new_app):
    from textual.command import CommandPalette

    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"night")
        await pilot.pause(0.3)
        assert f"Read: {TRICKY} " in option_texts(app)


# Textual reads a notification as markup unless told not to; CrampApp.notify never does.
async def test_a_skipped_extra_guide_with_brackets_in_its_path_is_named(tmp_path, new_app):
    from tui.app.screens.where import WhereScreen

    extra = tmp_path / "x [/] y"
    (extra / "flows").mkdir(parents=True)
    (extra / "flows" / "bad.toml").write_text("id = = 1\n", encoding="utf-8")
    app = new_app(guides=(extra,))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WhereScreen)
        assert str(extra) in toasts(app)


async def test_a_settings_problem_with_brackets_is_named(tmp_path, clock):
    settings = tmp_path / "settings.json"
    settings.write_text(json.dumps({"hold_seconds": "[/]"}), encoding="utf-8")
    before = settings.read_bytes()
    app = make_app(clock=clock, settings_path=settings)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        assert "'[/]'" in toasts(app)
        assert "cramp" in screen_text(app)
    assert settings.read_bytes() == before
