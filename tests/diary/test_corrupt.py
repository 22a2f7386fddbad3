"""A damaged, foreign or unreadable diary is reported with its path and what is wrong, and the
file is never recreated, repaired or overwritten: not by the store, not by any CLI action."""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

import pytest

from tui.__main__ import main
from tui.diary.models import Entry
from tui.diary.store import DiaryStore, DiaryUnavailable

from .conftest import NOW, busy_entries, cramp, one_line


def real_diary_bytes(tmp_path: Path) -> bytes:
    path = tmp_path / "real" / "diary.sqlite3"
    with DiaryStore(path) as diary:
        for _ in range(20):
            for entry in busy_entries():
                diary.add(entry)
    return path.read_bytes()


@pytest.fixture(scope="module")
def damaged(tmp_path_factory) -> dict[str, bytes]:
    real = real_diary_bytes(tmp_path_factory.mktemp("real"))
    page2 = bytearray(real)
    page2[4096:4096 + 64] = bytes(range(64))  # a b-tree page header
    return {
        "garbage": bytes(range(256)) * 20,
        "text": b"not a diary at all\n" * 50,
        "bad-header": b"x" * 16 + real[16:],
        "truncated": real[: len(real) // 2],
        "tiny": real[:100],
        "bad-page": bytes(page2),
    }


def foreign_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.execute("INSERT INTO recipes VALUES ('soup')")
    conn.commit()
    conn.close()


def snapshot(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


@pytest.fixture(params=["garbage", "text", "bad-header", "truncated", "tiny", "bad-page"])
def corrupt_file(request, damaged: dict[str, bytes], diary_file: Path) -> Path:
    blob = damaged[request.param]
    diary_file.parent.mkdir(mode=0o700)
    diary_file.write_bytes(blob)
    os.chmod(diary_file, 0o600)
    return diary_file


def test_store_raises_a_clear_error_and_leaves_the_file(corrupt_file: Path) -> None:
    before = snapshot(corrupt_file.parent)
    with pytest.raises(DiaryUnavailable) as error:
        DiaryStore(corrupt_file)
    message = str(error.value)
    assert str(corrupt_file) in message
    assert "damaged" in message or "not an SQLite database" in message
    assert "\n" not in message
    assert error.value.path == corrupt_file
    assert snapshot(corrupt_file.parent) == before  # same bytes, no side files left


@pytest.mark.parametrize("argv", [
    ["log", "add", "--where", "calf", "--minutes", "3"],
    ["log", "list"],
    ["log"],
    ["log", "edit", "1", "--minutes", "4"],
    ["log", "delete", "1", "--yes"],
    ["log", "export", "--format", "json"],
    ["log", "summary"],
])
def test_cli_says_so_and_exits_1(corrupt_file: Path, argv: list[str], capsys) -> None:
    before = snapshot(corrupt_file.parent)
    assert main(argv) == 1
    out, err = capsys.readouterr()
    assert "Saved entry" not in out
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert str(corrupt_file) in lines[0] and "left as it is" in lines[0]
    assert "Traceback" not in err
    assert snapshot(corrupt_file.parent) == before


def test_a_foreign_sqlite_file_is_not_taken_over(diary_file: Path, capsys) -> None:
    diary_file.parent.mkdir()
    foreign_sqlite(diary_file)
    before = diary_file.read_bytes()
    with pytest.raises(DiaryUnavailable, match="not a cramp diary"):
        DiaryStore(diary_file)
    assert main(["log", "add", "--where", "calf", "--minutes", "1"]) == 1
    assert "not a cramp diary" in capsys.readouterr().err
    assert diary_file.read_bytes() == before


def test_a_directory_in_place_of_the_file(diary_file: Path) -> None:
    diary_file.mkdir(parents=True)
    with pytest.raises(DiaryUnavailable, match="not a regular file"):
        DiaryStore(diary_file)


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="needs POSIX permissions that apply (root reads anything)")
def test_an_unreadable_file(store: DiaryStore, diary_file: Path, capsys) -> None:
    store.add(Entry(NOW, "calf", 60))
    store.close()
    os.chmod(diary_file, 0o000)
    try:
        with pytest.raises(DiaryUnavailable, match="permission denied"):
            DiaryStore(diary_file)
        assert main(["log", "list"]) == 1
        assert str(diary_file) in capsys.readouterr().err
    finally:
        os.chmod(diary_file, 0o600)


def test_a_sound_file_still_opens_after_all_that(store: DiaryStore) -> None:
    """Guard against a check so strict that it refuses good diaries."""
    for entry in busy_entries():
        store.add(entry)
    store.close()
    with DiaryStore(store.path) as diary:
        assert len(diary.list()) == len(busy_entries())


def test_a_dangling_link_in_place_of_the_diary_is_named(diary_file: Path, tmp_path: Path) -> None:
    diary_file.parent.mkdir()
    diary_file.symlink_to(tmp_path / "elsewhere.sqlite3")
    result = cramp("list")
    assert result.returncode == 1
    line = one_line(result.stderr)
    assert str(diary_file) in line and "symbolic link to something that does not exist" in line
    assert not (tmp_path / "elsewhere.sqlite3").exists()
