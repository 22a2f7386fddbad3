"""`cramp log import` as a real process: a json or csv export comes back whole, duplicates are
skipped and counted, and a file with bad rows is reported by line with nothing imported."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tui.diary.store import DiaryStore

from .conftest import PYTHON, busy_entries, child_env


def cramp(data: Path, *argv: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**child_env(), "CRAMP_DATA_DIR": str(data)}
    return subprocess.run([PYTHON, "-m", "tui", "log", *argv], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=60)


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    """A diary with every kind of field (notes with commas, quotes, pipes and two lines, an
    entry abroad, triggers, severity, a deleted id), and its json and csv exports."""
    source = tmp_path / "source"
    with DiaryStore(source / "diary.sqlite3") as diary:
        for entry in busy_entries():
            diary.add(entry)
        diary.delete(3)
    for fmt in ("json", "csv"):
        result = cramp(source, "export", "--format", fmt, "-o", f"diary.{fmt}", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    return source


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_round_trip_gives_the_same_list(exported: Path, tmp_path: Path, fmt: str) -> None:
    empty = tmp_path / f"empty-{fmt}"
    result = cramp(empty, "import", f"diary.{fmt}", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.strip() == f"Imported 11 entries from diary.{fmt}"
    before = cramp(exported, "list", cwd=tmp_path).stdout
    after = cramp(empty, "list", cwd=tmp_path).stdout
    assert after == before and before.count("\n") == 12
    with DiaryStore(exported / "diary.sqlite3") as a, DiaryStore(empty / "diary.sqlite3") as b:
        assert b.list() == a.list()  # every field, ids and created_at included


def test_duplicates_are_skipped_and_counted(exported: Path, tmp_path: Path) -> None:
    result = cramp(exported, "import", "diary.json", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == \
        "Imported 0 entries from diary.json; skipped 11 already in the diary"
    document = json.loads((tmp_path / "diary.json").read_text())
    document["entries"][0]["duration_seconds"] += 1  # another cramp that morning
    (tmp_path / "more.json").write_text(json.dumps(document))
    result = cramp(exported, "import", "more.json", cwd=tmp_path)
    assert result.stdout.strip() == \
        "Imported 1 entry from more.json; skipped 10 already in the diary"
    with DiaryStore(exported / "diary.sqlite3") as diary:
        assert len(diary.list()) == 12
        assert len({e.id for e in diary.list()}) == 12  # a taken id was not reused


def test_bad_rows_are_reported_by_line_and_nothing_is_imported(exported: Path,
                                                               tmp_path: Path) -> None:
    text = (tmp_path / "diary.json").read_text()
    lines = text.splitlines()
    site = next(i for i, line in enumerate(lines) if '"site": "quad"' in line)
    lines[site] = lines[site].replace('"quad"', '"Quad!"')
    length = next(i for i, line in enumerate(lines) if '"duration_seconds": 720' in line)
    lines[length] = lines[length].replace("720", '"long"')
    (tmp_path / "bad.json").write_text("\n".join(lines))
    empty = tmp_path / "empty"
    result = cramp(empty, "import", "bad.json", cwd=tmp_path)
    assert result.returncode == 1 and result.stdout == ""
    assert "Traceback" not in result.stderr
    errors = result.stderr.splitlines()
    # Each names the file and the line the bad entry starts on ("{" above the field).
    start = {n: max(i for i in range(n) if lines[i].strip() == "{") + 1 for n in (length, site)}
    expected = sorted([
        (start[length], f"cramp log import: bad.json:{start[length]}: duration_seconds: must "
                        "be a whole number of seconds"),
        (start[site], f"cramp log import: bad.json:{start[site]}: site: must be a site name: "
                      "lower-case letters, digits and hyphens, up to 40 (got 'Quad!')"),
    ])
    assert errors[:2] == [message for _, message in expected]  # in the file's order
    assert "nothing was imported" in errors[-1]
    assert not (empty / "diary.sqlite3").exists()  # the diary was never even opened


def test_bad_csv_rows_and_unreadable_files(exported: Path, tmp_path: Path) -> None:
    rows = (tmp_path / "diary.csv").read_text().splitlines(keepends=True)
    fields = rows[2].split(",")
    fields[3] = "-4"  # duration_seconds
    rows[2] = ",".join(fields)
    rows.insert(4, "not,enough,fields\n")
    (tmp_path / "bad.csv").write_text("".join(rows))
    result = cramp(exported, "import", "bad.csv", cwd=tmp_path)
    assert result.returncode == 1
    assert "bad.csv:3: duration_seconds: must be from 1 to 86400" in result.stderr
    assert "bad.csv:5: row: has 3 fields, the header 11" in result.stderr
    with DiaryStore(exported / "diary.sqlite3") as diary:
        assert len(diary.list()) == 11  # unchanged

    cases = {
        "trunc.json": ('{"format": "cramp-diary", "version": 1, "entries": [',
                       "trunc.json: line 1: not valid JSON"),
        "other.json": ('{"entries": []}', "not a cramp diary export"),
        "header.csv": ("when,where\n1,2\n", "header.csv: line 1: the header has no started_at"),
    }
    for name, (content, message) in cases.items():
        (tmp_path / name).write_text(content)
        result = cramp(exported, "import", name, cwd=tmp_path)
        assert result.returncode == 1 and message in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    result = cramp(exported, "import", "missing.json", cwd=tmp_path)
    assert result.returncode == 1
    assert "cannot read missing.json (No such file or directory)" in result.stderr
