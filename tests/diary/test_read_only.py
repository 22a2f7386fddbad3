"""A diary that cannot be written (the file 0400, its folder 0500, a read-only disk) can still be
listed, summarised and exported, with one line saying it cannot be changed; adding says why it
failed. Nothing is written to it, and no side file is left next to it.

File modes do not stop root, and the tests run as root: there the command runs through
`setpriv` as the unprivileged user `nobody` (uid 65534) in a folder that user owns, so the modes
apply as they do for a person. A read-only disk stops root too: the command runs in its own mount
namespace (`unshare --mount`) where the diary's folder is bind-mounted read-only; nothing outside
that one process sees the mount. Each way is probed first and skipped, saying why, when the
machine does not allow it. The store's read-only path is also tested in process, injected."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Iterator

import pytest

from tui.diary.models import Entry
from tui.diary.store import DiaryStore, DiaryUnavailable

from .conftest import NOW, PYTHON, REPO, at, child_env, one_line

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")

NOBODY = 65534
ROOT = os.geteuid() == 0
AS_NOBODY = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
WHY = {
    "file": "you may not write to it",
    "folder": "you may not write to its folder",
    "disk": "it is on a read-only disk",
}


def _prefix(how: str, data: Path) -> list[str]:
    """What runs the command so that `how` stops it writing, for whoever runs the tests."""
    if how == "disk":
        mount = 'mount --bind -o ro "$0" "$0" && exec "$@"'
        return ["unshare", "--mount", "sh", "-c", mount, str(data)]
    return AS_NOBODY if ROOT else []


def _skip_unless_possible(how: str, data: Path) -> None:
    if how == "disk" and not ROOT:
        pytest.skip("a read-only mount needs root (CAP_SYS_ADMIN); the file and folder cases "
                    "cover this user")
    if how != "disk" and not ROOT:
        return
    try:
        probe = subprocess.run([*_prefix(how, data), PYTHON, "-c", "import tui.diary.store"],
                               cwd=REPO, env=child_env(), capture_output=True, text=True,
                               timeout=60)
    except OSError as error:
        pytest.skip(f"cannot run {_prefix(how, data)[0]}: {error}")
    if probe.returncode != 0:
        pytest.skip(f"running as root, and this machine does not let the command run "
                    f"{'in a read-only mount' if how == 'disk' else f'as uid {NOBODY}'}: "
                    f"{probe.stderr.strip()[-200:]}")


@pytest.fixture
def home() -> Iterator[Path]:
    """A folder `nobody` can reach (pytest's tmp_path is root's, 0700)."""
    base = Path(tempfile.mkdtemp(prefix="cramp-read-only-"))
    os.chmod(base, 0o755)
    try:
        yield base
    finally:
        for path in (base, *base.rglob("*")):
            if path.is_dir() and not path.is_symlink():
                os.chmod(path, 0o700)
        shutil.rmtree(base)


@pytest.fixture
def diary(home: Path) -> Path:
    data = home / "data"
    path = data / "diary.sqlite3"
    with DiaryStore(path) as store:
        store.add(Entry(at("2026-11-20 03:10"), "calf", 180, note="kept safe"))
        store.add(Entry(at("2026-11-21 03:10"), "foot", 60, note="second"))
    if ROOT:
        for p in (home, data, path):
            os.chown(p, NOBODY, NOBODY)
    return path


@pytest.fixture(params=sorted(WHY))
def read_only(request, diary: Path) -> tuple[Path, str]:
    """The diary made read-only one way; returns it and the reason cramp must give."""
    how = request.param
    _skip_unless_possible(how, diary.parent)
    if how == "file":
        os.chmod(diary, 0o400)
    elif how == "folder":
        os.chmod(diary.parent, 0o500)
    return diary, how


def cramp_as_owner(
    diary: Path, how: str, *argv: str, **options: object
) -> subprocess.CompletedProcess:
    env = child_env()
    env["CRAMP_DATA_DIR"] = str(diary.parent)
    return subprocess.run([*_prefix(how, diary.parent), PYTHON, "-m", "tui", "log", *argv],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=60,
                          **options)  # type: ignore[call-overload]


def state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_read_only_diary_can_be_listed_and_exported(read_only) -> None:
    diary, how = read_only
    before = state(diary.parent)

    listed = cramp_as_owner(diary, how, "list")
    assert listed.returncode == 0, listed.stderr
    assert "kept safe" in listed.stdout and "second" in listed.stdout
    notice = one_line(listed.stderr)
    assert str(diary) in notice and "read-only" in notice and "cannot be changed" in notice
    assert WHY[how] in notice

    for fmt in ("md", "csv", "json"):
        exported = cramp_as_owner(diary, how, "export", "--format", fmt, "--days", "36600")
        assert exported.returncode == 0, exported.stderr
        assert "kept safe" in exported.stdout
        assert "read-only" in one_line(exported.stderr)
    document = json.loads(cramp_as_owner(diary, how, "export", "--format", "json").stdout)
    assert [e["note"] for e in document["entries"]] == ["kept safe", "second"]

    summary = cramp_as_owner(diary, how, "summary", "--days", "90")
    assert summary.returncode == 0 and "read-only" in summary.stderr

    assert state(diary.parent) == before  # not a byte written, no -wal or -shm left


def test_adding_to_a_read_only_diary_says_why(read_only) -> None:
    diary, how = read_only
    before = state(diary.parent)
    result = cramp_as_owner(diary, how, "add", "--where", "calf", "--minutes", "2")
    assert result.returncode == 1
    assert "Saved" not in result.stdout
    line = one_line(result.stderr)
    assert line.startswith("cramp log add: not saved: ") and str(diary) in line
    assert "read-only" in line and WHY[how] in line
    for argv in (["delete", "1", "--yes"], ["edit", "1", "--minutes", "3"]):
        refused = cramp_as_owner(diary, how, *argv)
        assert refused.returncode == 1 and "read-only" in one_line(refused.stderr)
    assert state(diary.parent) == before


def test_the_store_opened_read_only_reads_and_refuses_writes(diary_file: Path) -> None:
    """The path a read-only disk takes, injected: root could write the file otherwise."""
    with DiaryStore(diary_file) as store:
        store.add(Entry(NOW, "calf", 60, note="one"))
    before = state(diary_file.parent)
    with DiaryStore(diary_file, read_only=True) as store:
        assert store.read_only is not None
        assert [e.note for e in store.list()] == ["one"]
        with pytest.raises(DiaryUnavailable, match="read-only") as error:
            store.add(Entry(NOW, "foot", 60))
        assert str(diary_file) in str(error.value)
        with pytest.raises(DiaryUnavailable, match="read-only"):
            store.delete(1)
    assert state(diary_file.parent) == before


def test_a_writable_diary_is_not_opened_read_only(diary_file: Path) -> None:
    with DiaryStore(diary_file) as store:
        assert store.read_only is None
        store.add(Entry(NOW, "calf", 60))

