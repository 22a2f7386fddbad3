"""The diary screens, driven by keys only (Pilot): log a cramp at the end of a walk, change and
delete entries, the 30/90-day pattern, a damaged diary file. Snapshots at the end (80x24)."""

from __future__ import annotations

import sqlite3
import stat
from datetime import datetime, timedelta, timezone

import pytest

from tests.conftest import FakeClock, screen_text
from tui.app.app import Start, make_app
from tui.content.models import Context
from tui.diary import paths
from tui.diary.models import Entry
from tui.diary.store import DiaryStore, DiaryUnavailable
from tui.app.screens.confirm import ConfirmScreen
from tui.app.screens.danger import DangerScreen
from tui.app.screens.diary import DiaryScreen
from tui.app.screens.home import HomeScreen
from tui.app.screens.log_cramp import LogCrampScreen, longer, shorter
from tui.app.screens.step import StepScreen
from tui.settings import Settings

CET = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 21, 10, 0, tzinfo=CET)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=CET)


def known_entries() -> list[Entry]:
    return [
        Entry(at("2026-11-03 07:30"), "hamstring", 45, preceded_by={"new-medicine"},
              note="Started new tablets on 1 Nov"),
        Entry(at("2026-11-13 02:00"), "calf", 720, in_bed=True, severity=8),
        Entry(at("2026-11-16 14:00"), "foot", 60, helper=True),
        Entry(at("2026-11-18 23:30"), "calf", 90),
        Entry(at("2026-11-20 03:10"), "calf", 180, in_bed=True,
              preceded_by={"exercise", "cold"}, severity=6,
              note="Woke me up | both legs\nwalked it off"),
    ]


def seed(entries: list[Entry]) -> list[Entry]:
    with DiaryStore(clock=lambda: NOW) as store:
        return [store.add(e) for e in entries]


def saved_entries() -> list[Entry]:
    with DiaryStore() as store:
        return store.list()


def notifications(app) -> list[str]:
    return [n.message for n in app._notifications]


async def finish_walk(pilot, clock: FakeClock, seconds: float = 5.0) -> None:
    """From the first stretch: one hold of `seconds`, "eased", Enter through to the end."""
    await pilot.pause()
    await pilot.press("space")
    clock.advance(seconds)
    pilot.app.screen.timer.tick()
    await pilot.pause()
    await pilot.press("y")
    await pilot.pause()
    screen = pilot.app.screen
    for _ in range(10):
        if screen.session.view.kind == "end":
            return
        await pilot.press("enter")
        await pilot.pause()
    raise AssertionError("the walk did not end")


def end_rows(app) -> list[str]:
    from tui.app.widgets.choice_list import ChoiceList

    return [row.value for row in app.screen.query_one(ChoiceList).rows]


# -- logging at the end of a walk ----------------------------------------------------------


async def test_one_key_logs_the_prefill_then_the_diary_shows_it(new_app, clock):
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "1", "b")  # cramp now, calf, in bed
        await pilot.pause()
        assert app.screen.session.ctx.position == "bed"
        await finish_walk(pilot, clock, seconds=5)
        assert "log" in end_rows(app)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LogCrampScreen)
        shown = screen_text(app)
        assert "Where      Calf" in shown and "5 s" in shown and "In bed     yes" in shown
        await pilot.press("enter")  # one key: the prefill is right
        await pilot.pause()
        assert isinstance(app.screen, StepScreen)  # back where the person was
        assert "log" in end_rows(app)  # the end rows remain
        [entry] = saved_entries()
        assert (entry.site, entry.in_bed, entry.duration_seconds) == ("calf", True, 5)
        assert not entry.pregnant and not entry.helper and entry.severity is None
        assert f"Saved to your diary (entry {entry.id})" in notifications(app)

        await pilot.press("enter")  # home
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DiaryScreen)
        assert app.screen.query_one("#diary-table").row_count == 1
        shown = screen_text(app)
        assert "Cramps: 1" in shown
        assert "At night or in bed: 1 of 1 (100%)" in shown
        assert "5 s" in shown


async def test_cramp_now_in_bed_logs_then_home_and_the_diary(new_app, clock):
    """`cramp now --where calf --in-bed`: the walk is the first screen, Esc still goes home."""
    app = new_app(start=Start(site="calf", ctx=Context(position="bed")))
    async with app.run_test(size=(80, 24)) as pilot:
        await finish_walk(pilot, clock, seconds=7)
        await pilot.press("l", "enter")
        await pilot.pause()
        assert isinstance(app.screen, StepScreen) and "log" in end_rows(app)
        [entry] = saved_entries()
        assert (entry.site, entry.in_bed, entry.duration_seconds) == ("calf", True, 7)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DiaryScreen)
        assert app.screen.query_one("#diary-table").row_count == 1
        assert "At night or in bed: 1 of 1 (100%)" in screen_text(app)


async def test_s_also_saves_and_escape_leaves_without_saving(new_app, clock):
    app = new_app(start=Start(site="foot"))
    async with app.run_test(size=(80, 24)) as pilot:
        await finish_walk(pilot, clock, seconds=12)
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StepScreen)
        assert saved_entries() == []
        assert not any("Saved" in m for m in notifications(app))
        await pilot.press("l", "s")
        await pilot.pause()
        assert isinstance(app.screen, StepScreen)
        [entry] = saved_entries()
        assert (entry.site, entry.in_bed, entry.duration_seconds) == ("foot", False, 12)


async def test_log_with_triggers_severity_and_a_note(new_app, clock):
    app = new_app(start=Start(site="calf", ctx=Context(position="bed")))
    async with app.run_test(size=(80, 24)) as pilot:
        await finish_walk(pilot, clock)
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("1", "3")  # exercise, long standing
        await pilot.press("plus", "plus", "plus", "plus", "minus")  # severity 3
        await pilot.press("h")  # a helper after all
        await pilot.pause()
        shown = screen_text(app)
        assert "3 of 10" in shown
        await pilot.press("n")  # the note takes the keys now: none of them toggles anything
        await pilot.press(*"s1 n3 woke me", "plus", "exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, DangerScreen)  # ! is never swallowed by the note
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LogCrampScreen)
        await pilot.press("enter")  # Enter in the note saves too
        await pilot.pause()
        assert isinstance(app.screen, StepScreen)
        [entry] = saved_entries()
        assert entry.preceded_by == {"exercise", "long-standing"}
        assert entry.severity == 3
        assert entry.helper and entry.in_bed and entry.site == "calf"
        assert entry.note == "s1 n3 woke me+"


async def test_escape_in_the_note_keeps_it_and_the_keys_work_again(new_app, clock):
    app = new_app(start=Start(site="calf"))
    async with app.run_test(size=(80, 24)) as pilot:
        await finish_walk(pilot, clock)
        await pilot.press("l", "tab")  # Tab reaches the note
        await pilot.press(*"calf at 3am")
        await pilot.press("escape")  # leaves the note, not the screen
        await pilot.pause()
        assert isinstance(app.screen, LogCrampScreen)
        await pilot.press("2", "w")  # cold; where: calf -> hamstring
        await pilot.press("s")
        await pilot.pause()
        [entry] = saved_entries()
        assert entry.note == "calf at 3am"
        assert entry.preceded_by == {"cold"} and entry.site == "hamstring"


async def test_length_time_and_severity_keys_stay_in_range(new_app):
    entry = Entry(NOW - timedelta(minutes=20), "calf", 5)
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(LogCrampScreen(entry, now=lambda: NOW))
        await pilot.pause()
        await pilot.press("minus")  # none stays none
        await pilot.press("greater_than_sign", "greater_than_sign")  # 5 -> 10 -> 15 s
        await pilot.press("right_square_bracket")  # 15 minutes later: still in the past
        await pilot.press("right_square_bracket")  # would be in the future: refused
        await pilot.pause()
        assert "cannot start in the future" in screen_text(app)
        for _ in range(12):
            await pilot.press("plus")
        await pilot.press("enter")
        await pilot.pause()
    [saved] = saved_entries()
    assert saved.duration_seconds == 15
    assert saved.started_at == (NOW - timedelta(minutes=5)).astimezone(saved.started_at.tzinfo)
    assert saved.severity == 10


def test_length_steps():
    assert [longer(s) for s in (1, 5, 7, 55, 60, 590, 600, 86400)] == \
        [5, 10, 10, 60, 90, 600, 660, 86400]
    assert [shorter(s) for s in (1, 5, 7, 60, 90, 600, 660)] == [1, 1, 5, 55, 60, 570, 600]


async def test_confirmation_only_after_the_store_returned(new_app, clock, monkeypatch):
    def refuse(self, entry):
        raise DiaryUnavailable(self.path, "is busy: another program has held it locked too "
                               "long; try again")

    monkeypatch.setattr(DiaryStore, "add", refuse)
    app = new_app(start=Start(site="calf"))
    async with app.run_test(size=(80, 24)) as pilot:
        await finish_walk(pilot, clock)
        await pilot.press("l", "enter")
        await pilot.pause()
        assert isinstance(app.screen, LogCrampScreen)  # still here, nothing lost
        assert "Not saved" in screen_text(app) and "busy" in screen_text(app)
        assert not any("Saved" in m for m in notifications(app))


# -- the diary screen ---------------------------------------------------------------------


async def test_edit_and_delete_with_confirmation(new_app):
    seeded = seed(known_entries())
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(DiaryScreen(now=NOW))
        await pilot.pause()
        screen = app.screen
        table = screen.query_one("#diary-table")
        assert table.row_count == 5
        newest = seeded[-1]
        assert screen.highlighted.id == newest.id
        assert "Entry 5. Note: Woke me up | both legs / walked it off" in screen_text(app)

        await pilot.press("down")  # 18 Nov, calf, 90 s
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, LogCrampScreen) and app.screen.editing
        assert "Change diary entry 4" in screen_text(app)
        await pilot.press("w", "plus", "plus", "5", "enter")  # calf -> hamstring, 2/10
        await pilot.pause()
        assert app.screen is screen
        with DiaryStore() as store:
            changed = store.get(seeded[3].id)
        assert (changed.site, changed.severity, changed.preceded_by) == \
            ("hamstring", 2, frozenset({"new-medicine"}))
        assert changed.created_at == seeded[3].created_at
        assert screen.highlighted.id == seeded[3].id  # the cursor stays on it
        assert "Changed diary entry 4" in notifications(app)
        assert screen.table._cells(1)[1] == "hamstring"

        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Delete the entry from 18 Nov 2026 23:30? y / n" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen and len(saved_entries()) == 5
        assert "Kept the entry" in screen_text(app)

        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is screen
        assert [e.id for e in saved_entries()] == [5, 3, 2, 1]
        assert table.row_count == 4
        assert "Deleted the entry from 18 Nov 2026 23:30" in screen_text(app)

        await pilot.press("x", "escape")  # Esc is "no"
        await pilot.pause()
        assert len(saved_entries()) == 4


async def test_enter_on_a_row_edits_it_and_escape_changes_nothing(new_app):
    seed(known_entries())
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(DiaryScreen(now=NOW))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LogCrampScreen)
        await pilot.press("w", "escape")
        await pilot.pause()
        assert isinstance(app.screen, DiaryScreen)
    assert [e.site for e in saved_entries()] == ["calf", "calf", "foot", "calf", "hamstring"]


async def test_summary_30_and_90_days_with_signs(new_app):
    seed(known_entries() + [
        Entry(at("2026-09-01 22:15"), "calf", 660, in_bed=True, pregnant=True, severity=7),
    ])
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(DiaryScreen(now=NOW))
        await pilot.pause()
        shown = screen_text(app)
        assert "Last 30 days" in shown and "Cramps: 5" in shown
        assert "At night or in bed: 3 of 5 (60%)" in shown
        assert "Longest: 12 min" in shown and "Most often: calf" in shown
        assert "lasted over 10 minutes" in shown  # a sign, with its reason
        assert "Why: 1 cramp in the last 30 days logged after a new medicine" in shown
        assert "pregnancy" not in shown.split("Week by week")[0]
        assert "17 Nov - 23 Nov 2026" not in shown and "15 Nov - 21 Nov 2026" in shown
        await pilot.press("9")
        await pilot.pause()
        shown = screen_text(app)
        assert "Last 90 days" in shown and "Cramps: 6" in shown
        assert "A long cramp in pregnancy" in shown
        await pilot.press("3")
        await pilot.pause()
        assert "Last 30 days" in screen_text(app)


async def test_add_from_the_diary_and_an_empty_diary(new_app):
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert "No entries yet" in screen_text(app)
        assert "No cramps logged in this period" in screen_text(app)
        await pilot.press("e", "x")  # nothing to change: nothing happens
        await pilot.pause()
        assert isinstance(app.screen, DiaryScreen)
        await pilot.press("a", "4", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DiaryScreen)
        assert app.screen.query_one("#diary-table").row_count == 1
        [entry] = saved_entries()
        assert entry.preceded_by == {"little-water"} and entry.duration_seconds == 60


async def test_export_writes_a_private_report_where_the_person_is(new_app, tmp_path,
                                                                  monkeypatch):
    seed(known_entries())
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    (here / "cramp-report-2026-11-21.md").write_text("someone else's file")
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(DiaryScreen(now=NOW))
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        report = here / "cramp-report-2026-11-21-2.md"  # never over an existing file
        assert f"Report for your doctor written to {report}" in screen_text(app)
        assert f"Written to {report}" in notifications(app)  # the whole path
        await pilot.press("r")
        await pilot.pause()
        assert str(here / "cramp-report-2026-11-21-3.md") in screen_text(app)
    assert (here / "cramp-report-2026-11-21.md").read_text() == "someone else's file"
    assert report.read_text().startswith("# Leg cramp diary")
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    assert sorted(p.name for p in here.iterdir()) == [
        "cramp-report-2026-11-21-2.md", "cramp-report-2026-11-21-3.md",
        "cramp-report-2026-11-21.md"]  # no temporary file left behind


async def test_the_store_opens_on_mount_and_closes_with_the_screen(new_app, monkeypatch):
    opened = []
    real_init = DiaryStore.__init__

    def spy(self, *args, **kwargs):
        opened.append(self)
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(DiaryStore, "__init__", spy)
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert opened == []  # Home does not touch the diary
        screen = DiaryScreen(now=NOW)
        assert opened == []  # nor does making the screen
        app.push_screen(screen)
        await pilot.pause()
        assert len(opened) == 1 and screen.store is opened[0]
        await pilot.press("escape")
        await pilot.pause()
        assert screen.store is None
        with pytest.raises(sqlite3.ProgrammingError, match="closed"):
            opened[0]._conn.execute("SELECT 1")


# -- a damaged diary ---------------------------------------------------------------------------


@pytest.fixture
def corrupt_diary():
    path = paths.diary_path()
    path.parent.mkdir(mode=0o700, parents=True)
    blob = bytes(range(256)) * 20
    path.write_bytes(blob)
    return path, blob


async def test_corrupt_diary_is_reported_and_first_aid_still_works(new_app, corrupt_diary):
    path, blob = corrupt_diary
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DiaryScreen)
        shown = screen_text(app)
        assert "Your diary cannot be opened" in shown
        assert str(path) in shown and "not an SQLite database" in shown
        await pilot.press("e", "x", "a", "r", "9", "enter")  # nothing to do, nothing breaks
        await pilot.pause()
        assert isinstance(app.screen, DiaryScreen)
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, DangerScreen)
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, StepScreen)
        assert app.screen.session.view.qid == "calf:stretch"
    assert path.read_bytes() == blob
    assert sorted(p.name for p in path.parent.iterdir()) == ["diary.sqlite3"]


async def test_corrupt_diary_log_offer_says_so(new_app, clock, corrupt_diary):
    path, blob = corrupt_diary
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter")  # first aid first: the diary is not in the way
        await finish_walk(pilot, clock)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LogCrampScreen)
        shown = screen_text(app)
        assert "cannot be logged" in shown and str(path) in shown
        await pilot.press("enter", "s", "1", "n")  # nothing is saved, nothing breaks
        await pilot.pause()
        assert isinstance(app.screen, LogCrampScreen)
        assert not any("Saved" in m for m in notifications(app))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StepScreen)
        await pilot.press("enter")  # and home again
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert path.read_bytes() == blob


# -- snapshots (80x24): pytest --snapshot-update to accept a change ---------------------------


def _snapshot_app():
    return make_app(clock=FakeClock(), settings=Settings())


def test_snapshot_diary(snap_compare):
    seed(known_entries())

    async def open_diary(pilot):
        pilot.app.push_screen(DiaryScreen(now=NOW))
        await pilot.pause()

    assert snap_compare(_snapshot_app(), run_before=open_diary, terminal_size=(80, 24))


def test_snapshot_log_form(snap_compare):
    entry = Entry(at("2026-11-20 03:10"), "calf", 95, in_bed=True)

    async def open_form(pilot):
        pilot.app.push_screen(LogCrampScreen(entry, now=lambda: NOW))
        await pilot.pause()
        await pilot.press("1", "5", "plus", "plus", "plus")
        await pilot.pause()

    assert snap_compare(_snapshot_app(), run_before=open_form, terminal_size=(80, 24))
