"""The store: add, get, edit, delete, list, and round-trips that keep every field."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.diary import open_diary
from tui.diary.models import TRIGGERS, Entry, InvalidEntry
from tui.diary.paths import FILE_NAME, data_dir, diary_path
from tui.diary.store import CURRENT_VERSION, DiaryStore, EntryNotFound

from .conftest import CREATED, NEW_YORK, NOW, at, busy_entries

SITES = ("calf", "hamstring", "quad", "foot", "shin")  # "shin": only a guide defines it


def test_add_returns_id_and_created_at_and_get_reads_it_back(store: DiaryStore) -> None:
    entry = Entry(at("2026-11-20 03:10"), "calf", 180, in_bed=True, preceded_by={"cold"},
                  severity=5, note="left leg")
    saved = store.add(entry)
    assert saved.id == 1
    assert saved.created_at == CREATED
    assert replace(saved, id=None, created_at=None) == entry
    assert store.get(1) == saved
    assert store.get(1).started_at.utcoffset() == timedelta(hours=1)  # offset kept, not just UTC


def test_ids_increase_and_are_never_reused(store: DiaryStore) -> None:
    first = store.add(Entry(NOW, "calf", 60))
    second = store.add(Entry(NOW, "foot", 60))
    store.delete(second.id)
    third = store.add(Entry(NOW, "quad", 60))
    assert (first.id, second.id, third.id) == (1, 2, 3)


def test_edit_changes_only_what_it_is_given(store: DiaryStore) -> None:
    saved = store.add(Entry(at("2026-11-20 03:10"), "calf", 180, note="first"))
    updated = store.edit(saved.id, duration_seconds=240, severity=3, preceded_by={"exercise"})
    assert updated == replace(saved, duration_seconds=240, severity=3,
                              preceded_by=frozenset({"exercise"}))
    assert store.get(saved.id) == updated
    assert store.get(saved.id).created_at == CREATED  # edits keep the original created_at


def test_edit_validates_and_leaves_the_entry_alone(store: DiaryStore) -> None:
    saved = store.add(Entry(NOW, "calf", 180))
    with pytest.raises(InvalidEntry) as error:
        store.edit(saved.id, site="Left knee!")
    assert error.value.field == "site"
    with pytest.raises(InvalidEntry):
        store.edit(saved.id, id=99)
    assert store.get(saved.id) == saved


def test_missing_entries_raise_entry_not_found(store: DiaryStore) -> None:
    for call in (lambda: store.get(7), lambda: store.edit(7, note="x"), lambda: store.delete(7)):
        with pytest.raises(EntryNotFound) as error:
            call()
        assert error.value.entry_id == 7
        assert isinstance(error.value, LookupError)


def test_delete_removes_only_that_entry(store: DiaryStore) -> None:
    a = store.add(Entry(NOW, "calf", 60))
    b = store.add(Entry(NOW - timedelta(hours=1), "foot", 60))
    store.delete(a.id)
    assert store.list() == [b]


def test_list_is_newest_first_across_offsets(store: DiaryStore) -> None:
    # 23:50 in New York is 05:50 the next morning in Paris: later than 03:10 CET that day.
    paris = store.add(Entry(at("2026-11-11 03:10"), "calf", 60))
    new_york = store.add(Entry(at("2026-11-10 23:50", NEW_YORK), "calf", 60))
    earlier = store.add(Entry(at("2026-11-11 01:00"), "calf", 60))
    assert [e.id for e in store.list()] == [new_york.id, paris.id, earlier.id]


def test_list_since_until(store: DiaryStore) -> None:
    for entry in busy_entries():
        store.add(entry)
    since, until = at("2026-11-09 06:45"), at("2026-11-16 14:00")  # both exactly an entry
    got = store.list(since=since, until=until)
    assert [e.started_at for e in got] == sorted(
        (e.started_at for e in busy_entries() if since <= e.started_at < until), reverse=True
    )
    assert [e.started_at.day for e in got] == [13, 10, 9]  # since inclusive, until exclusive
    assert store.list(since=NOW) == []
    assert len(store.list()) == len(busy_entries())


def test_entries_survive_closing_and_reopening(diary_file: Path) -> None:
    with DiaryStore(diary_file, clock=lambda: CREATED) as diary:
        saved = [diary.add(e) for e in busy_entries()]
    with DiaryStore(diary_file) as diary:
        assert sorted(diary.list(), key=lambda e: e.id) == saved


def test_open_diary_uses_cramp_data_dir(data_dir: Path) -> None:
    assert diary_path() == data_dir / FILE_NAME
    with open_diary() as diary:
        diary.add(Entry(NOW, "calf", 60))
        assert diary.path == data_dir / FILE_NAME
    assert (data_dir / FILE_NAME).is_file()


def test_data_dir_follows_the_platform_without_the_variable(monkeypatch) -> None:
    import platformdirs

    monkeypatch.delenv("CRAMP_DATA_DIR", raising=False)
    assert data_dir() == Path(platformdirs.user_data_dir("cramp", appauthor=False))


def test_new_file_is_wal_current_version_and_ours(store: DiaryStore, diary_file: Path) -> None:
    store.add(Entry(NOW, "calf", 60))
    conn = sqlite3.connect(diary_file)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION
        assert conn.execute("PRAGMA application_id").fetchone()[0] == 0x6372616D
    finally:
        conn.close()
    assert store._conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_entry_validation_names_the_field() -> None:
    cases = {
        "site": dict(site="knee; DROP TABLE"),
        "duration_seconds": dict(duration_seconds=0),
        "severity": dict(severity=11),
        "preceded_by": dict(preceded_by={"beer"}),
        "started_at": dict(started_at=datetime(2026, 11, 20, 3, 10)),  # naive
        "in_bed": dict(in_bed="yes"),
    }
    base = dict(started_at=NOW, site="calf", duration_seconds=60)
    for field, bad in cases.items():
        with pytest.raises(InvalidEntry) as error:
            Entry(**{**base, **bad})
        assert error.value.field == field
    for duration in (-5, True, 1.5, 24 * 3600 + 1):
        with pytest.raises(InvalidEntry):
            Entry(**{**base, "duration_seconds": duration})


def test_any_site_a_guide_can_define_is_stored(store: DiaryStore) -> None:
    saved = store.add(Entry(NOW, "shin", 60))
    assert store.get(saved.id).site == "shin"
    for bad in ("", "Shin", "shin cramp", "x" * 41, "-shin", 7):
        with pytest.raises(InvalidEntry) as error:
            Entry(NOW, bad, 60)  # type: ignore[arg-type]
        assert error.value.field == "site"


def test_notes_lose_control_characters_but_keep_lines() -> None:
    entry = Entry(NOW, "calf", 60, note="  left\x1b[2J leg\r\nthen right\x07  ")
    assert entry.note == "left[2J leg\nthen right"


def test_threads_sharing_one_store_lose_nothing(store: DiaryStore) -> None:
    ids: list[int] = []

    def writer(n: int) -> None:
        for i in range(20):
            ids.append(store.add(Entry(NOW - timedelta(minutes=i), SITES[n % 4], 60)).id)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(ids) == list(range(1, 81))
    assert len(store.list()) == 80


offsets = st.integers(min_value=-12 * 60, max_value=14 * 60).map(
    lambda m: timezone(timedelta(minutes=m))
)
entries = st.builds(
    Entry,
    started_at=st.builds(
        lambda moment, tz: moment.replace(tzinfo=tz),
        st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2090, 1, 1)),
        offsets,
    ),
    site=st.sampled_from(SITES),
    duration_seconds=st.integers(min_value=1, max_value=24 * 3600),
    in_bed=st.booleans(),
    pregnant=st.booleans(),
    helper=st.booleans(),
    preceded_by=st.frozensets(st.sampled_from(TRIGGERS)),
    severity=st.none() | st.integers(min_value=1, max_value=10),
    note=st.text(max_size=200),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entry=entries)
def test_any_valid_entry_round_trips(tmp_path_factory, entry: Entry) -> None:
    path = tmp_path_factory.mktemp("roundtrip") / FILE_NAME
    with DiaryStore(path, clock=lambda: CREATED) as diary:
        saved = diary.add(entry)
    with DiaryStore(path) as diary:
        got = diary.get(saved.id)
    assert got == saved
    assert got.started_at.utcoffset() == entry.started_at.utcoffset()
    assert got.note == entry.note
