"""Whatever kills the process, no entry the store reported saved is lost, and the file stays
sound. A child adds entries in a loop and prints each id once `add` has returned; the parent
SIGKILLs it at a random moment, over and over, then checks every reported id."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tui.diary.store import DiaryStore

from .conftest import PYTHON, REPO, child_env

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

WRITER = """
import sys
from datetime import datetime, timedelta, timezone
from tui.diary.models import Entry
from tui.diary.store import DiaryStore

path, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
start = datetime(2026, 1, 1, tzinfo=timezone(timedelta(hours=1)))
with DiaryStore(path) as diary:
    i = 0
    while count < 0 or i < count:
        saved = diary.add(Entry(start + timedelta(minutes=i), ("calf", "foot")[i % 2], 1 + i % 90,
                                in_bed=bool(i % 3), note=f"{tag}-{i}"))
        print(saved.id, tag, i, flush=True)  # only after add returned: committed
        i += 1
"""


def start_writer(path: Path, tag: str, count: int = -1) -> subprocess.Popen:
    return subprocess.Popen(
        [PYTHON, "-c", WRITER, str(path), tag, str(count)], cwd=REPO, env=child_env(),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def reported(output: str) -> dict[int, str]:
    """id -> note for every complete line; a line cut short by the kill does not count."""
    result = {}
    for line in output.splitlines(keepends=True):
        parts = line.split()
        if line.endswith("\n") and len(parts) == 3:
            result[int(parts[0])] = f"{parts[1]}-{parts[2]}"
    return result


def integrity(path: Path) -> list:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchall()
    finally:
        conn.close()


def test_sigkill_at_random_moments_loses_nothing(tmp_path: Path) -> None:
    seed = int(os.environ.get("CRAMP_KILL_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    path = tmp_path / "data" / "diary.sqlite3"  # round 0 is killed while creating it
    promised: dict[int, str] = {}
    for round_ in range(10):
        child = start_writer(path, f"r{round_}")
        # Wide enough to land before the first commit (startup, creation, migration) as well
        # as in the middle of a stream of commits.
        time.sleep(rng.uniform(0.02, 0.45))
        child.send_signal(signal.SIGKILL)
        out, err = child.communicate(timeout=30)
        assert child.returncode == -signal.SIGKILL, f"seed {seed}: child ended early: {err}"
        promised.update(reported(out))
        if path.exists():
            assert integrity(path) == [("ok",)], f"seed {seed}, round {round_}"
    assert promised, f"seed {seed}: no round got as far as a commit"
    with DiaryStore(path) as diary:
        kept = {e.id: e.note for e in diary.list()}
    missing = {i: n for i, n in promised.items() if kept.get(i) != n}
    assert not missing, f"seed {seed}: reported saved but lost: {sorted(missing)[:10]}"
    assert integrity(path) == [("ok",)]
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if name.exists():  # side files left behind by the kill must be private too
            assert name.stat().st_mode & 0o777 == 0o600, name


@pytest.mark.parametrize("existing", [False, True], ids=["new-file", "existing-file"])
def test_processes_writing_at_once_lose_nothing(tmp_path: Path, existing: bool) -> None:
    path = tmp_path / "data" / "diary.sqlite3"
    if existing:
        DiaryStore(path).close()
    children = [start_writer(path, f"p{n}", count=40) for n in range(3)]
    promised: dict[int, str] = {}
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        promised.update(reported(out))
    assert len(promised) == 120  # ids are unique across the writers
    with DiaryStore(path) as diary:
        kept = {e.id: e.note for e in diary.list()}
    assert kept == promised
    assert integrity(path) == [("ok",)]
