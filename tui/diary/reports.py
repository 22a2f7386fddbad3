"""The report the diary screen writes for a doctor: a new file where the person is, never over
one that is already there (`cramp-report-DATE.md`, then `-2`, `-3`...)."""

from __future__ import annotations

from pathlib import Path

from tui.diary.exportfile import TargetExists, write_export

NAMES_TRIED = 999


def write_new_private(directory: Path, stem: str, text: str) -> Path:
    """Write `text` owner-only, whole or not at all (write_export), to the first free name of
    `stem.md`, `stem-2.md`, ... in `directory`; return its absolute path."""
    for n in range(1, NAMES_TRIED + 1):
        path = directory / (f"{stem}.md" if n == 1 else f"{stem}-{n}.md")
        try:
            write_export(path, text, force=False)
        except TargetExists:
            continue  # taken, perhaps a moment ago: the next name
        return path.absolute()
    raise FileExistsError(f"{directory / stem}.md and {NAMES_TRIED - 1} more names are taken")
