"""Every earlier schema version, with data, opens with the current code: data intact, version
current, schema identical to a new diary's.

The builders below are frozen copies of what each released version wrote. Never change one to
follow the code: the point is that files in the wild look like this. When CURRENT_VERSION goes
up, add a builder for the version just left behind.
"""

from __future__ import annotations

import sqlite3
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Callable

import pytest

from tui.diary.models import Entry
from tui.diary.store import CURRENT_VERSION, DiaryStore, DiaryUnavailable

from .conftest import PYTHON, REPO, child_env

APP_ID = 0x6372616D

# v1 rows: (id, started_at, site, duration_seconds, in_bed, pregnant, preceded_by, note, created_at)
V1_ROWS = [
    (1, "2026-11-10T23:50:00-05:00", "calf", 150, 1, 0, "", "abroad", "2026-11-11T06:00:00+01:00"),
    (2, "2026-11-11T03:10:00+01:00", "foot", 60, 0, 1, "exercise,cold", "",
     "2026-11-11T08:00:00+01:00"),
    (4, "2026-11-11T01:00:00+01:00", "quad", 700, 1, 0, "new-medicine", "é | x\nline",
     "2026-11-11T08:00:00+01:00"),
]


def build_v0(path: Path) -> None:
    """Version 0: an empty file (a diary created and killed before its first schema commit)."""
    path.write_bytes(b"")


def build_v1(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("BEGIN")
    conn.execute(
        """CREATE TABLE entries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at TEXT NOT NULL,
            site TEXT NOT NULL CHECK (site IN ('calf', 'hamstring', 'quad', 'foot')),
            duration_seconds INTEGER NOT NULL CHECK (duration_seconds > 0),
            in_bed INTEGER NOT NULL CHECK (in_bed IN (0, 1)),
            pregnant INTEGER NOT NULL CHECK (pregnant IN (0, 1)),
            preceded_by TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        )"""
    )
    conn.execute(f"PRAGMA application_id = {APP_ID}")
    conn.executemany("INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", V1_ROWS)
    # Entry 5 existed and was deleted: its id must never be handed out again.
    conn.execute("INSERT INTO entries VALUES (5, '2026-11-12T03:00:00+01:00', 'calf', 60, 0, 0, "
                 "'', '', '2026-11-12T03:00:00+01:00')")
    conn.execute("DELETE FROM entries WHERE id = 5")
    conn.execute("PRAGMA user_version = 1")
    conn.execute("COMMIT")
    conn.close()


def build_v2(path: Path) -> None:
    """Version 2: v1's data migrated by the v2 step (helper, severity, started_utc), with the
    site still limited to four in a CHECK."""
    build_v1(path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    conn.execute(
        """CREATE TABLE entries_v2 (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at TEXT NOT NULL,
            started_utc INTEGER NOT NULL,
            site TEXT NOT NULL CHECK (site IN ('calf', 'hamstring', 'quad', 'foot')),
            duration_seconds INTEGER NOT NULL CHECK (duration_seconds > 0),
            in_bed INTEGER NOT NULL CHECK (in_bed IN (0, 1)),
            pregnant INTEGER NOT NULL CHECK (pregnant IN (0, 1)),
            helper INTEGER NOT NULL DEFAULT 0 CHECK (helper IN (0, 1)),
            preceded_by TEXT NOT NULL DEFAULT '',
            severity INTEGER CHECK (severity BETWEEN 1 AND 10),
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        )"""
    )
    for row in conn.execute("SELECT * FROM entries").fetchall():
        started_utc = int(datetime.fromisoformat(row[1]).timestamp())
        conn.execute(
            "INSERT INTO entries_v2 VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, NULL, ?, ?)",
            (row[0], row[1], started_utc, *row[2:]),
        )
    conn.execute("DROP TABLE entries")
    conn.execute("ALTER TABLE entries_v2 RENAME TO entries")
    conn.execute("UPDATE sqlite_sequence SET seq = 5 WHERE name = 'entries'")  # 5 was deleted
    conn.execute("CREATE INDEX entries_started ON entries (started_utc)")
    conn.execute("PRAGMA user_version = 2")
    conn.execute("COMMIT")
    conn.close()


BUILDERS: dict[int, Callable[[Path], None]] = {0: build_v0, 1: build_v1, 2: build_v2}


def expected_after(version: int) -> list[tuple]:
    """(id, started_at, site, seconds, in_bed, pregnant, helper, triggers, severity, note)."""
    if version == 0:
        return []
    return [
        (i, datetime.fromisoformat(s), site, d, bool(bed), bool(preg), False,
         tuple(t for t in after.split(",") if t), None, note)
        for i, s, site, d, bed, preg, after, note, _ in V1_ROWS
    ]


def as_tuple(e: Entry) -> tuple:
    return (e.id, e.started_at, e.site, e.duration_seconds, e.in_bed, e.pregnant, e.helper,
            tuple(sorted(e.preceded_by, key=("exercise", "cold", "long-standing",
                                              "little-water", "new-medicine", "other").index)),
            e.severity, e.note)


def schema(path: Path) -> dict:
    conn = sqlite3.connect(path)
    try:
        return {
            "columns": conn.execute("PRAGMA table_info(entries)").fetchall(),
            "indexes": sorted(conn.execute(
                "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index'").fetchall()),
            "tables": sorted(r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")),
            "version": conn.execute("PRAGMA user_version").fetchone()[0],
            "app_id": conn.execute("PRAGMA application_id").fetchone()[0],
        }
    finally:
        conn.close()


def test_there_is_a_builder_for_every_earlier_version() -> None:
    assert sorted(BUILDERS) == list(range(CURRENT_VERSION))


@pytest.mark.parametrize("version", sorted(BUILDERS))
def test_every_earlier_version_opens_with_data_intact(version: int, tmp_path: Path) -> None:
    path = tmp_path / "diary.sqlite3"
    BUILDERS[version](path)
    with DiaryStore(path) as diary:
        got = sorted(as_tuple(e) for e in diary.list())
        assert got == sorted(expected_after(version))
        if version:
            # v1 ordered by text; v2 by the real instant: New York 23:50 is 05:50 in Paris.
            assert [e.id for e in diary.list()] == [1, 2, 4]
            new = diary.add(Entry(datetime.fromisoformat("2026-11-20T03:10:00+01:00"), "calf", 60,
                                  helper=True, severity=4))
            assert new.id == 6  # not 5: deleted in v1
            assert diary.get(new.id).helper and diary.get(new.id).severity == 4
            assert diary.add(Entry(new.started_at, "shin", 60)).site == "shin"  # from a guide
    fresh = tmp_path / "fresh.sqlite3"
    DiaryStore(fresh).close()
    assert schema(path) == schema(fresh)
    assert schema(path)["version"] == CURRENT_VERSION


@pytest.mark.parametrize("version", sorted(BUILDERS))
def test_migrated_file_passes_integrity_check(version: int, tmp_path: Path) -> None:
    path = tmp_path / "diary.sqlite3"
    BUILDERS[version](path)
    DiaryStore(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()


def test_failed_migration_leaves_the_old_version_and_data(tmp_path: Path) -> None:
    path = tmp_path / "diary.sqlite3"
    build_v1(path)
    conn = sqlite3.connect(path)
    # A started_at without an offset cannot be placed in time: the v2 backfill must refuse.
    conn.execute("INSERT INTO entries VALUES (9, '2026-11-12 03:00', 'calf', 60, 0, 0, '', '', "
                 "'2026-11-12T03:00:00+01:00')")
    conn.commit()
    before = conn.execute("SELECT * FROM entries ORDER BY id").fetchall()
    conn.close()
    with pytest.raises(DiaryUnavailable) as error:
        DiaryStore(path)
    assert str(path) in str(error.value)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT * FROM entries ORDER BY id").fetchall() == before
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()


def test_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "diary.sqlite3"
    build_v1(path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {CURRENT_VERSION + 1}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DiaryUnavailable, match="newer cramp"):
        DiaryStore(path)
    assert path.read_bytes() == before


CHILD_OPEN = """
import sys
from tui.diary.store import DiaryStore
DiaryStore(sys.argv[1]).close()
print("ok")
"""


def test_processes_opening_an_old_file_at_once_migrate_it_once(tmp_path: Path) -> None:
    path = tmp_path / "diary.sqlite3"
    build_v1(path)
    children = [
        subprocess.Popen([PYTHON, "-c", CHILD_OPEN, str(path)], cwd=REPO, env=child_env(),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    for child in children:
        out, err = child.communicate(timeout=60)
        assert child.returncode == 0, err
        assert out.strip() == "ok"
    with DiaryStore(path) as diary:
        assert sorted(e.id for e in diary.list()) == [1, 2, 4]
    assert schema(path)["version"] == CURRENT_VERSION
