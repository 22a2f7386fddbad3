"""`cramp log` through the real entry point: add, list, edit, delete, export, summary, and
one clear line (exit 2) for every kind of bad input."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tui.__main__ import main
from tui.diary.store import DiaryStore, DiaryUnavailable

from .conftest import PYTHON, REPO, child_env


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["log", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def entries(data_dir: Path):
    with DiaryStore(data_dir / "diary.sqlite3") as diary:
        return diary.list()


def test_add_then_list(data_dir: Path, capsys) -> None:
    code, out, err = run(capsys, "add", "--where", "calf", "--minutes", "3", "--at",
                         "2026-11-20 03:10", "--note", "woke me up", "--in-bed", "--after",
                         "exercise,cold", "--severity", "6")
    assert (code, err) == (0, "")
    assert out.startswith("Saved entry 1")
    [entry] = entries(data_dir)
    assert (entry.site, entry.duration_seconds, entry.in_bed, entry.severity) == (
        "calf", 180, True, 6)
    assert entry.preceded_by == {"exercise", "cold"}
    assert entry.started_at.strftime("%Y-%m-%d %H:%M") == "2026-11-20 03:10"
    assert entry.started_at.utcoffset() is not None  # local time, stored with its offset

    run(capsys, "add", "--where", "foot", "--seconds", "45", "--at", "2026-11-21 14:00",
        "--pregnant", "--helper")
    code, out, err = run(capsys, "list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "Started", "Site", "Length", "Sev", "Night", "After", "Note"]
    assert lines[1].split()[:5] == ["2", "2026-11-21", "14:00", "foot", "45"]  # newest first
    assert "exercise,cold" in lines[2] and "woke me up" in lines[2]


def test_saved_is_printed_only_after_the_commit(data_dir: Path, capsys, monkeypatch) -> None:
    def failing_add(self, entry):
        raise DiaryUnavailable(self.path, "cannot be written (test)")

    monkeypatch.setattr(DiaryStore, "add", failing_add)
    code, out, err = run(capsys, "add", "--where", "calf", "--minutes", "2")
    assert code == 1 and "Saved" not in out and "cannot be written" in err


def test_minutes_and_seconds_add_up(data_dir: Path, capsys) -> None:
    run(capsys, "add", "--where", "quad", "--minutes", "2.5")
    run(capsys, "add", "--where", "quad", "--minutes", "1", "--seconds", "15")
    run(capsys, "add", "--where", "quad", "--minutes", "0", "--seconds", "20")
    assert sorted(e.duration_seconds for e in entries(data_dir)) == [20, 75, 150]


def test_at_accepts_a_bare_clock_time_as_the_last_such_time(data_dir: Path, capsys) -> None:
    code, _, err = run(capsys, "add", "--where", "calf", "--minutes", "1", "--at", "03:10")
    assert code == 0, err
    [entry] = entries(data_dir)
    now = datetime.now().astimezone()
    assert entry.started_at.strftime("%H:%M") == "03:10"
    assert now - timedelta(days=1) <= entry.started_at <= now


def test_defaults_to_now(data_dir: Path, capsys) -> None:
    before = datetime.now().astimezone().replace(microsecond=0)
    run(capsys, "add", "--where", "hamstring", "--minutes", "1")
    [entry] = entries(data_dir)
    assert before <= entry.started_at <= datetime.now().astimezone()
    assert (entry.in_bed, entry.pregnant, entry.helper, entry.note) == (False, False, False, "")


def test_list_days_filters(data_dir: Path, capsys) -> None:
    today = datetime.now().astimezone()
    old = (today - timedelta(days=40)).strftime("%Y-%m-%d 12:00")
    run(capsys, "add", "--where", "calf", "--minutes", "1", "--at", old)
    run(capsys, "add", "--where", "foot", "--minutes", "1")
    code, out, _ = run(capsys, "list", "--days", "7")
    assert code == 0
    assert "foot" in out and "calf" not in out
    assert len(run(capsys, "list")[1].splitlines()) == 3


def test_list_empty(data_dir: Path, capsys) -> None:
    code, out, _ = run(capsys, "list")
    assert code == 0 and "No entries yet" in out
    assert run(capsys)[1] == out  # bare `cramp log` lists


def test_edit(data_dir: Path, capsys) -> None:
    run(capsys, "add", "--where", "calf", "--minutes", "3", "--in-bed", "--note", "first",
        "--severity", "5", "--after", "cold")
    code, out, err = run(capsys, "edit", "1", "--minutes", "12", "--no-in-bed", "--severity",
                         "none", "--after", "none", "--helper")
    assert (code, err) == (0, "") and out.startswith("Updated entry 1")
    [entry] = entries(data_dir)
    assert (entry.duration_seconds, entry.in_bed, entry.severity, entry.preceded_by,
            entry.helper, entry.note, entry.site) == (720, False, None, frozenset(), True,
                                                      "first", "calf")


def test_edit_and_delete_unknown_id(data_dir: Path, capsys) -> None:
    code, _, err = run(capsys, "edit", "9", "--minutes", "2")
    assert code == 1 and "no diary entry 9" in err
    code, _, err = run(capsys, "delete", "9", "--yes")
    assert code == 1 and "no diary entry 9" in err


def test_delete_asks_unless_yes(data_dir: Path, capsys, monkeypatch) -> None:
    for _ in range(3):
        run(capsys, "add", "--where", "calf", "--minutes", "1")
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    code, out, _ = run(capsys, "delete", "1")
    assert code == 1 and "Not deleted" in out
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # no answer at all: keep it
    assert run(capsys, "delete", "1")[0] == 1
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    code, out, _ = run(capsys, "delete", "1")
    assert code == 0 and "Deleted entry 1" in out
    code, out, _ = run(capsys, "delete", "2", "--yes")
    assert code == 0
    assert [e.id for e in entries(data_dir)] == [3]


def test_export_formats(data_dir: Path, tmp_path: Path, capsys) -> None:
    run(capsys, "add", "--where", "calf", "--minutes", "12", "--after", "new-medicine",
        "--note", "a, b | c")
    code, out, _ = run(capsys, "export", "--format", "md")
    assert code == 0
    assert out.startswith("# Leg cramp diary")
    assert "talk to the prescriber" in out and "lasted over 10 minutes" in out
    code, out, _ = run(capsys, "export", "--format", "csv")
    [row] = list(csv.DictReader(io.StringIO(out)))
    assert (row["site"], row["duration_seconds"], row["note"]) == ("calf", "720", "a, b | c")
    code, out, _ = run(capsys, "export", "--format", "json", "--days", "7")
    assert json.loads(out)["entries"][0]["preceded_by"] == ["new-medicine"]
    target = tmp_path / "for-doctor.md"
    code, out, _ = run(capsys, "export", "-o", str(target))  # md is the default
    assert code == 0 and str(target) in out
    assert target.read_text(encoding="utf-8").startswith("# Leg cramp diary")


def test_export_to_a_missing_directory(data_dir: Path, tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "export", "--format", "csv", "-o", str(tmp_path / "no" / "x.csv"))
    assert code == 1 and "-o" in err and "Traceback" not in err


def test_summary(data_dir: Path, capsys) -> None:
    run(capsys, "add", "--where", "calf", "--minutes", "11", "--pregnant")
    code, out, _ = run(capsys, "summary", "--days", "90")
    assert code == 0
    assert "Last 90 days: 1 cramp" in out and "midwife" in out


def test_path(data_dir: Path, capsys) -> None:
    code, out, _ = run(capsys, "path")
    assert (code, out.strip()) == (0, str(data_dir / "diary.sqlite3"))
    assert not data_dir.exists()  # asking where it is does not create it


BAD_INPUT = [
    (["add", "--where", "knee", "--minutes", "3"], "--where"),
    (["add", "--minutes", "3"], "--where"),
    (["add", "--where", "calf"], "--minutes"),
    (["add", "--where", "calf", "--minutes", "0"], "--minutes"),
    (["add", "--where", "calf", "--minutes", "-2"], "--minutes"),
    (["add", "--where", "calf", "--minutes", "three"], "--minutes"),
    (["add", "--where", "calf", "--minutes", "nan"], "--minutes"),
    (["add", "--where", "calf", "--minutes", "100000"], "--minutes"),
    (["add", "--where", "calf", "--seconds", "0"], "--seconds"),
    (["add", "--where", "calf", "--seconds", "1.5"], "--seconds"),
    (["add", "--where", "calf", "--minutes", "3", "--at", "yesterday"], "--at"),
    (["add", "--where", "calf", "--minutes", "3", "--at", "2026-13-45 03:10"], "--at"),
    (["add", "--where", "calf", "--minutes", "3", "--at", "2026-11-20"], "--at"),
    (["add", "--where", "calf", "--minutes", "3", "--at", "25:10"], "--at"),
    (["add", "--where", "calf", "--minutes", "3", "--at", "2999-01-01 03:10"], "--at"),
    (["add", "--where", "calf", "--minutes", "3", "--at", "0001-01-01 03:10"], "--at"),
    (["add", "--where", "calf", "--minutes", "3", "--after", "beer"], "--after"),
    (["add", "--where", "calf", "--minutes", "3", "--severity", "11"], "--severity"),
    (["add", "--where", "calf", "--minutes", "3", "--severity", "bad"], "--severity"),
    (["add", "--where", "calf", "--minutes", "3", "--note", "x" * 2001], "--note"),
    (["edit", "one", "--minutes", "3"], "ID"),
    (["edit", "1"], "nothing to change"),
    (["delete", "0", "--yes"], "ID"),
    (["list", "--days", "0"], "--days"),
    (["export", "--format", "xml"], "--format"),
    (["export", "--format", "csv", "--days", "x"], "--days"),
    (["summary", "--days", "-1"], "--days"),
]


@pytest.mark.parametrize(("argv", "named"), BAD_INPUT, ids=[" ".join(a)[:40] for a, _ in BAD_INPUT])
def test_bad_input_is_one_clear_line_and_exit_2(argv, named, data_dir: Path, capsys) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith(f"cramp log {argv[0]}: ")
    assert named in err
    assert "Traceback" not in err
    assert not data_dir.exists()  # a typo never creates (or opens) the diary


def test_log_does_not_import_textual_or_rich(data_dir: Path) -> None:
    code = (
        "import sys\n"
        "from tui.__main__ import main\n"
        "assert main(['log', 'add', '--where', 'calf', '--minutes', '1']) == 0\n"
        "assert main(['log', 'list']) == 0\n"
        "assert main(['log', 'export', '--format', 'md']) == 0\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print('IMPORTED', bad)\n"
    )
    result = subprocess.run([PYTHON, "-c", code], cwd=REPO, env=child_env(),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "IMPORTED []" in result.stdout


def test_python_m_tui_log_end_to_end(data_dir: Path) -> None:
    def cramp(*argv: str) -> subprocess.CompletedProcess:
        return subprocess.run([PYTHON, "-m", "tui", "log", *argv], cwd=REPO, env=child_env(),
                              capture_output=True, text=True, timeout=60)

    added = cramp("add", "--where", "calf", "--minutes", "3", "--at", "2026-11-20 03:10")
    assert added.returncode == 0 and added.stdout.startswith("Saved entry 1")
    listed = cramp("list")
    assert "2026-11-20 03:10" in listed.stdout
    bad = cramp("add", "--where", "knee", "--minutes", "3")
    assert bad.returncode == 2 and "--where" in bad.stderr and "Traceback" not in bad.stderr
