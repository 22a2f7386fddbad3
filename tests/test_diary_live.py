"""The diary screen stays current and usable, driven by keys only (Pilot): changes made by
another program appear, a row deleted elsewhere is refreshed with a message, End and Home go to
the last and first entry, notes show literally, a guide's own site can be logged, and `!` answers
while a save waits on a diary another program holds locked."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

from tests.conftest import screen_text
from tests.test_check import extra_dir
from tests.test_diary_screens import (
    NOW, at, finish_walk, known_entries, notifications, saved_entries, seed,
)
from tui.app.app import Start
from tui.app.screens.danger import DangerScreen
from tui.app.screens.diary import DiaryScreen
from tui.app.screens.log_cramp import LogCrampScreen
from tui.app.widgets.entry_table import EntryTable
from tui.diary import paths
from tui.diary.models import Entry
from tui.diary.store import DiaryStore


def table_lines(app) -> list[str]:
    """What the diary table draws, line by line (header first)."""
    table = app.screen.query_one(EntryTable)
    return [table.render_line(y).text.rstrip() for y in range(table.size.height)]


async def wait_for(pilot, condition, seconds: float = 15.0) -> None:
    """Let the app run until `condition()` holds (worker threads, the 1-second watch)."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the screen never got there")


async def test_an_entry_added_elsewhere_appears_without_leaving(new_app):
    seed(known_entries())
    app = new_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(DiaryScreen(now=NOW))
        await pilot.pause()
        screen = app.screen
        assert screen.table.row_count == 5
        with DiaryStore() as other:  # another window, or `cramp log add` in a terminal
            other.add(Entry(at("2026-11-21 06:40"), "foot", 150, note="added elsewhere"))
        await wait_for(pilot, lambda: screen.table.row_count == 6)
        assert any("6:40" in line and "added elsewhere" in line for line in table_lines(app))
        assert "changed in another window" in screen_text(app)
        assert "Cramps: 6" in screen_text(app)
        assert screen.highlighted.note.startswith("Woke me up")  # the cursor stayed on its entry


async def test_deleting_a_row_deleted_elsewhere_refreshes_and_says_so(new_app):
    seeded = seed(known_entries())
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(DiaryScreen(now=NOW, watch_every=None))  # not noticed by itself yet
        await pilot.pause()
        screen = app.screen
        assert screen.highlighted.id == seeded[-1].id
        with DiaryStore() as other:
            other.delete(seeded[-1].id)
        await pilot.press("x", "y")
        await wait_for(pilot, lambda: "already been deleted" in screen_text(app))
        await wait_for(pilot, lambda: screen.table.row_count == 4)
        assert [e.id for e in screen.entries] == [e.id for e in saved_entries()]
        assert not any("Woke me up" in line for line in table_lines(app))


async def test_end_and_home_go_to_the_last_and_first_entry(new_app):
    entries = [Entry(NOW - timedelta(days=n, hours=1), "calf", 60 + n, note=f"number {n}")
               for n in range(150)]  # more than the first screenful read at once
    seed(entries)
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(DiaryScreen(now=NOW))
        await pilot.pause()
        screen = app.screen
        await pilot.press("end")
        await wait_for(pilot, lambda: screen.highlighted is not None)
        assert screen.highlighted.note == "number 149"
        assert "number 149" in table_lines(app)[-1] or any(
            "number 149" in line for line in table_lines(app))
        assert screen.table.scroll_x == 0  # not sideways
        await pilot.press("home")
        await pilot.pause()
        assert screen.highlighted.note == "number 0"
        assert "number 0" in table_lines(app)[1]
        assert "Note: number 0" in screen_text(app)


async def test_notes_show_literally_never_as_markup(new_app):
    seed([Entry(at("2026-11-20 03:10"), "calf", 60, note="[/] x"),
          Entry(at("2026-11-19 03:10"), "calf", 60, note="took [magnesium] 2x [b]bold[/b]")])
    app = new_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DiaryScreen)
        lines = table_lines(app)
        assert any(line.endswith("[/] x") for line in lines)
        assert any("took [magnesium] 2x [b]bold[/b]" in line for line in lines)
        assert "Note: [/] x" in screen_text(app)
        await pilot.press("down")
        await pilot.pause()
        assert "Note: took [magnesium] 2x [b]bold[/b]" in screen_text(app)
        await pilot.press("enter")  # the form shows the note as typed, too
        await pilot.pause()
        assert isinstance(app.screen, LogCrampScreen)
        assert app.screen.query_one("#log-note").value == "took [magnesium] 2x [b]bold[/b]"


async def test_the_pattern_and_signs_are_one_key_away_in_small_windows(new_app):
    seed(known_entries())
    for size in ((80, 24), (100, 30)):
        app = new_app()
        async with app.run_test(size=size) as pilot:
            app.push_screen(DiaryScreen(now=NOW))
            await pilot.pause()
            summary = app.screen.query_one("#diary-summary-scroll")
            line = app.screen.query_one("#diary-pattern-line")
            assert line.display and not summary.display
            assert "See a doctor: 2 signs" in str(line.render())
            assert "p: pattern, weekly chart, signs" in str(line.render())
            await pilot.press("p")
            await pilot.pause()
            assert summary.display and summary.region.height >= size[1] - 6
            assert not app.screen.table.display
            assert "p: back to your entries" in str(line.render())
            assert "See a doctor: what this diary shows" in screen_text(app)
            await pilot.press("down", "down")  # the summary scrolls with the keys
            await pilot.press("p")
            await pilot.pause()
            assert app.screen.table.display and not summary.display


async def test_a_guides_own_site_can_be_walked_and_logged(new_app, clock, tmp_path: Path):
    app = new_app(start=Start(site="shin"), guides=(extra_dir(tmp_path),))
    async with app.run_test(size=(80, 24)) as pilot:
        await finish_walk(pilot, clock, seconds=6)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LogCrampScreen)
        assert "Where      Front of the lower leg" in screen_text(app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, LogCrampScreen))
        [entry] = saved_entries()
        assert (entry.site, entry.duration_seconds) == ("shin", 6)
        app.push_screen(LogCrampScreen(entry, store=None, now=lambda: NOW))
        await pilot.pause()
        labels = []
        for _ in range(5):  # w goes round every site the guides define, then back to shin
            await pilot.press("w")
            await pilot.pause()
            labels.append(next(line for line in screen_text(app).splitlines()
                               if "Where" in line).split("Where", 1)[1].strip())
        assert labels[-1] == "Front of the lower leg" and len(set(labels)) == 5


async def test_danger_signs_answer_while_a_save_waits_on_a_busy_diary(new_app):
    seeded = seed(known_entries())
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(DiaryScreen(now=NOW))
        await pilot.pause()
        diary = app.screen
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, LogCrampScreen)
        form = app.screen
        holder = sqlite3.connect(paths.diary_path(), isolation_level=None)
        try:
            holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
            await pilot.press("w", "enter")
            await pilot.pause()
            assert form.saving and "Saving" in screen_text(app)
            await pilot.press("exclamation_mark")
            await pilot.pause()
            assert isinstance(app.screen, DangerScreen)  # ! answered at once
            assert saved_entries()[0].site == "calf"  # the save is still waiting
        finally:
            holder.execute("ROLLBACK")  # released
            holder.close()
        await wait_for(pilot, lambda: f"Changed diary entry {seeded[-1].id}" in
                       notifications(app))
        assert isinstance(app.screen, DangerScreen)  # the save did not pull the sheet away
        assert saved_entries()[0].site == "hamstring"
        await pilot.press("escape")
        await pilot.pause()
        await wait_for(pilot, lambda: app.screen is diary)  # the form left once it was seen
        assert diary.highlighted.site == "hamstring"
        assert "hamstring" in table_lines(app)[1]
