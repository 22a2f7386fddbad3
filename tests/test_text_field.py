"""Every text field of the app (tui/app/widgets/text_field.py): "!" opens the danger signs even
while a field has the keyboard, and what was typed stays; words longer than the field scroll to
keep the cursor in view."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tests.test_library import until
from tui.app.screens.danger import DangerScreen
from tui.app.screens.search import SearchScreen
from tui.app.screens.settings import SettingsScreen
from tui.app.widgets.text_field import TextField

# The key that opens the screen, the screen, and the field that has the keyboard there.
FIELDS = {"search": ("slash", SearchScreen, "#search-input"),
          "settings": ("o", SettingsScreen, "#emergency")}


@pytest.mark.parametrize("where", sorted(FIELDS))
async def test_exclamation_mark_in_a_field_opens_the_danger_signs(new_app, where):
    key, screen_type, field_id = FIELDS[where]
    app = new_app()
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press(key)
        await until(pilot, lambda: isinstance(app.screen, screen_type))
        field = app.screen.query_one(field_id, Input)
        assert isinstance(field, TextField) and field.has_focus
        await pilot.press("1", "2", "exclamation_mark")
        await until(pilot, lambda: isinstance(app.screen, DangerScreen))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, screen_type))
        assert field.value == "12"


async def test_words_longer_than_the_field_scroll_with_the_cursor(new_app):
    app = new_app()
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.press("slash")
        await until(pilot, lambda: isinstance(app.screen, SearchScreen))
        words = "cramps at night in the calf after a long walk uphill"
        await pilot.press(*words)
        await pilot.pause()
        field = app.screen.query_one("#search-input", Input)
        assert field.value == words
        drawn = field.render_line(0).text  # the field's only line of words
        assert "uphill" in drawn and "cramps" not in drawn
