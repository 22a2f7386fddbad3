"""What the diary table shows of an entry: its cells, column widths, the line under the table,
and the table's order. Pure functions of (entry, now): no screen, no file."""

from __future__ import annotations

from datetime import datetime

from tui.app.screens.log_cramp import TRIGGER_LABELS, when_text
from tui.diary.models import Entry
from tui.diary.summary import format_date, format_duration

NOTE_WIDTH = 40
COLUMNS = ("When", "Where", "How long", "In bed", "Preceded by", "Severity", "Note")
MAX_WIDTHS = (17, 16, 11, 6, 16, 8, 0)  # the note takes the rest (all of it is under the table)


def _short(text: str, width: int) -> str:
    one_line = " / ".join(part.strip() for part in text.splitlines() if part.strip())
    return one_line if len(one_line) <= width else one_line[: width - 3] + "..."


def short_when(moment: datetime, now: datetime) -> str:
    """The year only when it is not this year's: the table stays narrow enough for 80 columns."""
    if moment.year == now.year:
        return f"{moment.day} {format_date(moment.date()).split()[1]} {moment:%H:%M}"
    return when_text(moment)


def entry_cells(entry: Entry, now: datetime) -> tuple[str, ...]:
    before = ", ".join(TRIGGER_LABELS[t].lower() for t in entry.triggers) or "-"
    return (
        short_when(entry.started_at, now),
        entry.site,
        format_duration(entry.duration_seconds),
        "yes" if entry.in_bed else "no",
        before,
        "-" if entry.severity is None else f"{entry.severity}/10",
        _short(entry.note, NOTE_WIDTH) or "-",
    )


def column_widths(entries: list[Entry], now: datetime,
                  widths: tuple[int, ...] | None = None) -> tuple[int, ...]:
    """Each column as wide as its widest cell (up to MAX_WIDTHS), never narrower than `widths`:
    a list's columns only grow, so a save never makes the table jump."""
    result = list(widths or (len(label) for label in COLUMNS))
    for entry in entries:
        for i, cell in enumerate(entry_cells(entry, now)[:-1]):
            result[i] = max(result[i], min(len(cell), MAX_WIDTHS[i]))
    return tuple(result)


def entry_detail(entry: Entry) -> str:
    """What the table has no room for: the whole note, pregnancy, a helper."""
    parts = [f"Entry {entry.id}"]
    if entry.pregnant:
        parts.append("pregnant")
    if entry.helper:
        parts.append("with a helper")
    note = " / ".join(line.strip() for line in entry.note.splitlines() if line.strip())
    return ", ".join(parts) + (f". Note: {note}" if note else ". No note.")


def sort_key(entry: Entry) -> tuple[int, int]:
    """The store's order: newest first, then the higher id."""
    return (-int(entry.started_at.timestamp()), -(entry.id or 0))


def sort_key_at(moment: datetime) -> tuple[int, int]:
    """Sorts before every entry that started at `moment` or earlier."""
    return (-int(moment.timestamp()), 0)
