"""Health data: the diary file, its SQLite side files, its directory and any export are the
owner's alone, whatever the umask."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from tui.__main__ import main
from tui.diary.models import Entry
from tui.diary.store import DiaryStore

from .conftest import NOW

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=[0o022, 0o002, 0o000], ids=["umask-022", "umask-002", "umask-000"])
def loose_umask(request):
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


def test_new_diary_file_and_directory_are_owner_only(data_dir: Path, loose_umask: int) -> None:
    path = data_dir / "diary.sqlite3"
    with DiaryStore(path) as diary:
        diary.add(Entry(NOW, "calf", 60))
        assert mode(data_dir) == 0o700
        assert mode(path) == 0o600
        side_files = [Path(f"{path}-wal"), Path(f"{path}-shm")]
        assert all(p.exists() for p in side_files)  # WAL mode: both exist while open
        for side in side_files:
            assert mode(side) == 0o600, side
    assert mode(path) == 0o600


def test_missing_parents_are_created_too(tmp_path: Path, monkeypatch, loose_umask) -> None:
    deep = tmp_path / "a" / "b" / "cramp"
    monkeypatch.setenv("CRAMP_DATA_DIR", str(deep))
    assert main(["log", "add", "--where", "calf", "--minutes", "2"]) == 0
    assert mode(deep) == 0o700
    assert mode(deep / "diary.sqlite3") == 0o600


def test_a_loosened_file_is_tightened_on_open(store: DiaryStore, diary_file: Path) -> None:
    store.add(Entry(NOW, "calf", 60))
    store.close()
    os.chmod(diary_file, 0o644)
    with DiaryStore(diary_file) as diary:
        assert len(diary.list()) == 1
    assert mode(diary_file) == 0o600


def test_an_existing_directory_is_left_alone_but_the_file_is_private(
    tmp_path: Path, monkeypatch, loose_umask
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    os.chmod(shared, 0o755)
    monkeypatch.setenv("CRAMP_DATA_DIR", str(shared))
    assert main(["log", "add", "--where", "foot", "--minutes", "1"]) == 0
    assert mode(shared) == 0o755  # maybe the user's own folder: not ours to change
    assert mode(shared / "diary.sqlite3") == 0o600


def test_exported_files_are_owner_only(data_dir: Path, tmp_path: Path, loose_umask) -> None:
    assert main(["log", "add", "--where", "calf", "--minutes", "2"]) == 0
    for fmt in ("md", "csv", "json"):
        target = tmp_path / f"out.{fmt}"
        assert main(["log", "export", "--format", fmt, "-o", str(target)]) == 0
        assert mode(target) == 0o600
        assert target.read_text(encoding="utf-8")
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []
