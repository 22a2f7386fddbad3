"""One damaged row (set by raw SQL, as a disk error, a bad sync tool or a hand edit would leave
it) never locks the person out of the rest: list, export and summary show the good rows and mark
the damaged one by id and what is wrong; delete removes it; the file is not changed by reading."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

from tui.diary.models import Entry
from tui.diary.rows import DamagedEntry
from tui.diary.store import DiaryStore

from .conftest import at, cramp

# (column, raw SQL value, words the mark must contain). Some need the CHECK constraints off,
# which is what a foreign tool writing the file directly does.
DAMAGE = {
    "started_at-garbage": ("started_at", "'garbage'", "started_at"),
    "started_at-no-offset": ("started_at", "'2026-11-20T03:10:00'", "started_at"),
    "created_at-garbage": ("created_at", "'yesterday-ish'", "created_at"),
    "started_at-a-number": ("started_at", "42", "started_at"),
    "duration-text": ("duration_seconds", "'three minutes'", "duration_seconds"),
    "duration-negative": ("duration_seconds", "-5", "duration_seconds"),
    "in_bed-not-a-flag": ("in_bed", "7", "in_bed"),
    "severity-text": ("severity", "'bad'", "severity"),
    "preceded_by-unknown": ("preceded_by", "'beer'", "preceded_by"),
    "note-a-blob": ("note", "x'00ff'", "note"),
    "note-invalid-utf8": ("note", "CAST(x'41ff42' AS TEXT)", "note"),
    "note-too-long": ("note", "replace(hex(zeroblob(1500)), '0', 'x')", "note"),
}


def damage(path: Path, entry_id: int, column: str, value_sql: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute(f"UPDATE entries SET {column} = {value_sql} WHERE id = ?", (entry_id,))
    conn.commit()
    conn.close()


@pytest.fixture
def three(diary_file: Path) -> Path:
    """Three entries, ids 1, 2, 3, 40 minutes apart on 20 Nov 2026 (CET)."""
    with DiaryStore(diary_file) as store:
        for minute, site, note in ((10, "calf", "first"), (20, "foot", "second"),
                                   (30, "quad", "third")):
            store.add(Entry(at(f"2026-11-20 03:{minute}"), site, 60, note=note))
    return diary_file


# Through the real command: one of each kind of failure (a bad text, a bad type, bytes, a value
# out of range). Every kind in DAMAGE goes through the store in test_the_store_reads_past_it.
THROUGH_THE_COMMAND = ["started_at-garbage", "duration-text", "note-invalid-utf8"]


@pytest.fixture(params=THROUGH_THE_COMMAND)
def damaged(request, three: Path) -> tuple[Path, str]:
    column, value, words = DAMAGE[request.param]
    damage(three, 2, column, value)
    return three, words


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_the_store_reads_past_it(three: Path, kind: str) -> None:
    column, value, words = DAMAGE[kind]
    damage(three, 2, column, value)
    with DiaryStore(three) as store:
        reading = store.read()
        assert [e.note for e in reading.entries] == ["third", "first"]
        [bad] = reading.damaged
        assert bad.id == 2 and bad.problem.startswith(words) and "\n" not in bad.problem
        assert len(bad.problem) <= 200
        with pytest.raises(DamagedEntry):
            store.get(2)
        store.delete(2)
        assert store.read().damaged == ()


def test_list_shows_the_good_rows_and_marks_the_damaged_one(damaged) -> None:
    path, words = damaged
    before = path.read_bytes()
    result = cramp("list")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    rows = result.stdout.splitlines()
    assert any(line.startswith("1 ") and "first" in line for line in rows)
    assert any(line.startswith("3 ") and "third" in line for line in rows)
    [mark] = [line for line in rows if "damaged" in line.lower()]
    assert "entry 2" in mark.lower() and words in mark
    assert "cramp log delete 2" in mark
    assert "second" not in result.stdout or "second" in mark
    assert path.read_bytes() == before


@pytest.mark.parametrize("fmt", ["md", "csv", "json"])
def test_every_export_has_the_good_rows_and_names_the_damaged_one(damaged, fmt: str) -> None:
    path, words = damaged
    before = path.read_bytes()
    result = cramp("export", "--format", fmt, "--days", "36600")
    assert result.returncode == 0, result.stderr
    warning = result.stderr.strip()
    assert len(warning.splitlines()) == 1 and "Traceback" not in warning
    assert "entry 2" in warning and words in warning and "cramp log delete 2" in warning
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert [r["id"] for r in rows] == ["1", "3"]
    elif fmt == "json":
        document = json.loads(result.stdout)
        assert [e["id"] for e in document["entries"]] == [1, 3]
        [mark] = document["damaged"]
        assert mark["id"] == 2 and words in mark["problem"]
    else:
        assert "first" in result.stdout and "third" in result.stdout
        assert "## Damaged entries" in result.stdout and "Entry 2" in result.stdout
    assert path.read_bytes() == before


def test_summary_counts_the_good_rows_and_says_one_was_left_out(three: Path) -> None:
    damage(three, 2, "started_at", "'garbage'")
    result = cramp("summary", "--days", "90")
    assert result.returncode == 0, result.stderr
    assert "entry 2" in result.stderr and "started_at" in result.stderr
    assert "Last 90 days" in result.stdout


def test_the_damaged_row_can_be_deleted_by_id(damaged) -> None:
    path, words = damaged
    asked = cramp("delete", "2", input="n\n")
    assert asked.returncode == 1 and "Not deleted" in asked.stdout
    assert "damaged entry 2" in asked.stdout and words in asked.stdout  # the question names it
    deleted = cramp("delete", "2", "--yes")
    assert deleted.returncode == 0, deleted.stderr
    assert deleted.stdout.strip() == "Deleted entry 2"
    listed = cramp("list")
    assert listed.returncode == 0 and "damaged" not in listed.stdout.lower()
    with DiaryStore(path) as store:
        assert [e.id for e in store.list()] == [3, 1]


def test_editing_a_damaged_row_says_what_to_do(three: Path) -> None:
    damage(three, 2, "started_at", "'garbage'")
    before = three.read_bytes()
    result = cramp("edit", "2", "--minutes", "3")
    assert result.returncode == 1
    line = result.stderr.strip()
    assert len(line.splitlines()) == 1 and "Traceback" not in line
    assert "entry 2" in line and "started_at" in line and "cramp log delete 2" in line
    assert three.read_bytes() == before


def test_list_days_still_marks_the_damaged_row(three: Path) -> None:
    """A row whose date cannot be read cannot be placed in a period: it is always shown."""
    damage(three, 2, "started_at", "'garbage'")
    result = cramp("list", "--days", "1")  # the good rows are from 2026, long before "today"
    assert result.returncode == 0, result.stderr
    assert "entry 2" in result.stdout.lower() and "first" not in result.stdout


def test_a_control_character_in_the_damaged_value_does_not_reach_the_terminal(
    three: Path,
) -> None:
    damage(three, 2, "started_at", "'x' || char(27) || '[2J' || char(8238) || 'y'")
    for argv, good in ((["list"], "first"), (["export", "--format", "csv"], "first"),
                       (["delete", "2"], "Not deleted")):
        result = cramp(*argv, input="n\n")
        shown = result.stdout + result.stderr
        assert "entry 2" in shown.lower() and good in result.stdout, shown
        assert "\x1b" not in shown and "\u202e" not in shown


def test_store_reads_the_good_rows(three: Path) -> None:
    damage(three, 2, "started_at", "'garbage'")
    with DiaryStore(three) as store:
        reading = store.read()
        assert [e.id for e in reading.entries] == [3, 1]
        [bad] = reading.damaged
        assert bad.id == 2 and "started_at" in bad.problem
        assert [e.id for e in store.list()] == [3, 1]
        store.delete(2)
        assert store.read().damaged == ()


async def test_the_app_shows_the_good_rows_and_names_the_damaged_one(three: Path) -> None:
    """The diary screen used to say the whole diary could not be opened."""
    from tests.conftest import FakeClock, screen_text
    from tui.app.app import make_app
    from tui.app.screens.diary import DiaryScreen
    from tui.settings import Settings

    damage(three, 2, "started_at", "'garbage'")
    before = three.read_bytes()
    app = make_app(clock=FakeClock(), settings=Settings())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DiaryScreen)
        assert app.screen.query_one("#diary-table").row_count == 2
        shown = screen_text(app)
        assert "cannot be opened" not in shown
        assert "Entry 2 could not be read (started_at is 'garbage'" in shown
        assert "cramp log delete 2" in shown
        await pilot.press("r")
        await pilot.pause()
    [report] = Path.cwd().glob("cramp-report-*.md")  # written where the person is
    text = report.read_text()
    assert "## Damaged entries" in text and "Entry 2: started_at" in text
    assert three.read_bytes() == before
