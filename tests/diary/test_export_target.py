"""Where an export may land: never over an existing file unless asked (--force), never over
anything that is not a regular file (a device, a FIFO, a directory, a symlink), even when asked
and even as root, and never through a temp name someone could have planted a link at."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from tui.diary.models import Entry
from tui.diary.store import DiaryStore

from .conftest import NOW, cramp, one_line

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file types")

KEEP = "the user's own file: must survive\n"


@pytest.fixture
def diary(diary_file: Path) -> Path:
    with DiaryStore(diary_file) as store:
        store.add(Entry(NOW, "calf", 120, note="one entry"))
    return diary_file


@pytest.mark.parametrize("fmt", ["md", "csv", "json"])
def test_an_existing_file_is_not_overwritten_without_force(
    diary: Path, tmp_path: Path, fmt: str
) -> None:
    target = tmp_path / f"existing.{fmt}"
    target.write_text(KEEP)
    before = target.stat()
    result = cramp("export", "--format", fmt, "-o", str(target))
    assert result.returncode == 1
    line = one_line(result.stderr)
    assert line.startswith("cramp log export: ")
    assert str(target) in line and "already exists" in line and "--force" in line
    assert result.stdout == ""
    assert target.read_text() == KEEP
    assert target.stat().st_ino == before.st_ino
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", target.name]  # no temp left


def test_force_replaces_a_regular_file(diary: Path, tmp_path: Path) -> None:
    target = tmp_path / "existing.md"
    target.write_text(KEEP)
    os.chmod(target, 0o644)
    result = cramp("export", "-o", str(target), "--force")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Wrote {target}"
    assert target.read_text().startswith("# Leg cramp diary") and "one entry" in target.read_text()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # health data, whatever was there
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", target.name]


def test_a_new_file_needs_no_force(diary: Path, tmp_path: Path) -> None:
    target = tmp_path / "new.csv"
    result = cramp("export", "--format", "csv", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert "one entry" in target.read_text()


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.md"
    os.mkfifo(path)
    return path


def _directory(tmp_path: Path) -> Path:
    path = tmp_path / "folder.md"
    path.mkdir()
    (path / "inside.txt").write_text(KEEP)
    return path


def _symlink_to_a_file(tmp_path: Path) -> Path:
    victim = tmp_path / "victim.txt"
    victim.write_text(KEEP)
    link = tmp_path / "link.md"
    link.symlink_to(victim)
    return link


def _dangling_symlink(tmp_path: Path) -> Path:
    link = tmp_path / "dangling.md"
    link.symlink_to(tmp_path / "would-be-created.txt")
    return link


def _device(tmp_path: Path) -> Path:
    """A character device. As root, a copy of /dev/full made here (same major/minor): a
    regression must break a node in tmp, not the machine's /dev/full. Otherwise /dev/full
    itself, which nobody but root could replace anyway."""
    if os.geteuid() == 0:
        full = os.stat("/dev/full")
        node = tmp_path / "full"
        try:
            os.mknod(node, stat.S_IFCHR | 0o666, full.st_rdev)
            return node
        except OSError:
            pass  # no CAP_MKNOD (a container): fall back to the real one
    return Path("/dev/full")


def _state(path: Path) -> tuple:
    """What must not change: the node's type, inode, and where a link points or what it holds."""
    info = path.lstat()
    kind = stat.S_IFMT(info.st_mode)
    if stat.S_ISLNK(info.st_mode):
        target = Path(os.readlink(path))
        held = target.read_text() if target.exists() else None
        return kind, info.st_ino, str(target), held
    if stat.S_ISDIR(info.st_mode):
        return kind, info.st_ino, sorted(p.name for p in path.iterdir())
    return kind, info.st_ino, info.st_rdev


NOT_REGULAR = {
    "fifo": (_fifo, "not a regular file (a FIFO)"),
    "directory": (_directory, "is a directory"),
    "symlink": (_symlink_to_a_file, "symbolic link"),
    "dangling-symlink": (_dangling_symlink, "symbolic link"),
    "device": (_device, "not a regular file (a device)"),
}


@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
@pytest.mark.parametrize("kind", sorted(NOT_REGULAR))
def test_only_regular_files_are_ever_replaced(
    diary: Path, tmp_path: Path, kind: str, force: bool
) -> None:
    make, why = NOT_REGULAR[kind]
    target = make(tmp_path)
    before = _state(target)
    around = sorted(p.name for p in tmp_path.iterdir())
    result = cramp("export", "-o", str(target), *(["--force"] if force else []), timeout=30)
    assert result.returncode == 1
    line = one_line(result.stderr)
    assert line.startswith("cramp log export: ") and str(target) in line and why in line
    assert result.stdout == ""
    assert _state(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == around  # nothing created, no temp left
    if kind == "device":
        assert stat.S_ISCHR(target.lstat().st_mode)
        if target != Path("/dev/full"):  # the copy held: now the real one is safe to try
            before = os.lstat("/dev/full")
            real = cramp("export", "-o", "/dev/full", *(["--force"] if force else []))
            assert real.returncode == 1 and why in one_line(real.stderr)
            after = os.lstat("/dev/full")
            assert stat.S_ISCHR(after.st_mode)
            assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_the_diary_itself_is_refused_even_with_force(diary: Path) -> None:
    before = diary.read_bytes()
    result = cramp("export", "--format", "json", "-o", str(diary), "--force")
    assert result.returncode != 0
    assert "diary" in one_line(result.stderr)
    assert diary.read_bytes() == before


# -- the app's report ---------------------------------------------------------------------------


async def test_the_report_never_writes_through_a_planted_link(diary: Path, tmp_path: Path,
                                                              monkeypatch) -> None:
    """The report used to go through `.cramp-report-DATE.md.tmp`, opened with O_TRUNC: a link
    planted at that name made cramp overwrite whatever it pointed to. It is written where the
    person is (the current directory)."""
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    from tests.conftest import FakeClock, screen_text
    from tui.app.app import make_app
    from tui.app.screens.diary import DiaryScreen
    from tui.settings import Settings

    victim = tmp_path / "victim.txt"
    victim.write_text(KEEP)
    planted = [here / f".cramp-report-{NOW:%Y-%m-%d}.md{suffix}" for suffix in
               (".tmp", ".tmp.tmp")]
    for link in planted:
        link.symlink_to(victim)
    app = make_app(clock=FakeClock(), settings=Settings())
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(DiaryScreen(now=NOW))
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        report = here / f"cramp-report-{NOW:%Y-%m-%d}.md"
        assert str(report) in screen_text(app)
    assert victim.read_text() == KEEP
    assert all(link.is_symlink() for link in planted)
    assert report.read_text().startswith("# Leg cramp diary") and not report.is_symlink()
    assert stat.S_IMODE(report.stat().st_mode) == 0o600


def test_a_file_name_cannot_act_on_the_terminal(diary: Path, tmp_path: Path) -> None:
    """The name is echoed in every message: escape sequences and bidi controls in it are shown
    escaped, never sent to the terminal."""
    name = "report\x1b]0;pwned\x07\x1b[2J\u202egnp.md"
    result = cramp("export", "-o", str(tmp_path / name))
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    assert "report\\x1b]0;pwned\\x07\\x1b[2J\\u202egnp.md" in result.stdout
    again = cramp("export", "-o", str(tmp_path / name))
    assert again.returncode == 1
    line = one_line(again.stderr)
    assert "already exists" in line and "\x1b" not in line and "\u202e" not in line


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_failed_write_leaves_the_old_file_and_no_temp(
    diary: Path, tmp_path: Path, monkeypatch, capsys, failing: str
) -> None:
    """A full disk at the last moment (injected: the real command cannot be made to hit one)."""
    import errno

    from tui.__main__ import main

    target = tmp_path / "existing.md"
    target.write_text(KEEP)

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, failing, full)
    assert main(["log", "export", "-o", str(target), "--force"]) == 1
    line = one_line(capsys.readouterr().err)
    assert str(target) in line and "No space left on device" in line
    assert target.read_text() == KEEP
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", target.name]
