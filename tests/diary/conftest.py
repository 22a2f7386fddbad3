"""Shared fixtures: a private data dir per test (CRAMP_DATA_DIR), a fixed clock, known entries."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tui.diary.models import Entry
from tui.diary.store import DiaryStore

REPO = Path(__file__).resolve().parents[2]
CET = timezone(timedelta(hours=1))
NEW_YORK = timezone(timedelta(hours=-5))
NOW = datetime(2026, 11, 21, 10, 0, tzinfo=CET)
CREATED = datetime(2026, 11, 21, 9, 0, tzinfo=CET)


def at(text: str, tz: timezone = CET) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=tz)


def busy_entries() -> list[Entry]:
    """A diary that shows every sign: 3+ a week in 3 of the last 4 weeks, a 12-minute cramp, one
    after a new medicine, an 11-minute one in pregnancy (outside 30 days, inside 90), one entry
    logged abroad (another offset) and one older than 90 days. Order: the order they are added."""
    return [
        Entry(at("2026-11-20 03:10"), "calf", 180, in_bed=True,
              preceded_by={"exercise", "cold"}, severity=6,
              note="Woke me up | both legs\nwalked it off"),
        Entry(at("2026-11-18 23:30"), "calf", 90),
        Entry(at("2026-11-16 14:00"), "foot", 60, helper=True),
        Entry(at("2026-11-13 02:00"), "calf", 720, in_bed=True, severity=8),
        Entry(at("2026-11-10 23:50", NEW_YORK), "calf", 150, in_bed=True,
              note="Travelling (New York), café nearby"),
        Entry(at("2026-11-09 06:45"), "quad", 200),
        Entry(at("2026-11-03 07:30"), "hamstring", 45, preceded_by={"new-medicine"},
              note="Started new tablets on 1 Nov"),
        Entry(at("2026-10-30 22:00"), "calf", 120),
        Entry(at("2026-10-28 12:00"), "foot", 30, preceded_by={"long-standing"}),
        Entry(at("2026-10-26 06:59"), "calf", 240),
        Entry(at("2026-09-01 22:15"), "calf", 660, in_bed=True, pregnant=True,
              preceded_by={"little-water"}, severity=7),
        Entry(at("2026-06-01 21:00"), "quad", 100, preceded_by={"other"}),
    ]


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """CRAMP_DATA_DIR for this test; not created, so creation itself is tested."""
    path = tmp_path / "data"
    monkeypatch.setenv("CRAMP_DATA_DIR", str(path))
    return path


@pytest.fixture
def diary_file(data_dir: Path) -> Path:
    return data_dir / "diary.sqlite3"


@pytest.fixture
def store(diary_file: Path):
    with DiaryStore(diary_file, clock=lambda: CREATED) as diary:
        yield diary


def child_env() -> dict[str, str]:
    """Environment for a child Python that must import this checkout's `tui`."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


PYTHON = sys.executable


def cramp(*argv: str, timeout: float = 60, **options: object) -> subprocess.CompletedProcess:
    """`python -m tui log ...` as a person runs it: the real command in a child process, with
    this test's CRAMP_DATA_DIR. The timeout turns a hang (a FIFO opened for writing) into a
    failure instead of a stuck suite."""
    return subprocess.run(
        [PYTHON, "-m", "tui", "log", *argv], cwd=REPO, env=child_env(), capture_output=True,
        text=True, timeout=timeout, **options,  # type: ignore[call-overload]
    )


def one_line(stream: str) -> str:
    """The single line a refusal prints, or a failed assertion showing everything printed."""
    lines = stream.strip().splitlines()
    assert len(lines) == 1, stream
    assert "Traceback" not in stream
    return lines[0]
