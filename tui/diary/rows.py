"""One row of the entries table back into an Entry, or a DamagedRow that says what is wrong.

A row can be damaged without the file being damaged: written by an older or foreign tool, a sync
program, a hand edit or a disk error (`started_at = 'garbage'`, text in a number column, bytes
that are not UTF-8). Such a row is reported by id and reason; it never hides the other rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tui.diary.models import DiaryError, Entry, InvalidEntry, clean_text

COLUMNS = (
    "id", "started_at", "site", "duration_seconds", "in_bed", "pregnant", "helper",
    "preceded_by", "severity", "note", "created_at",
)
MAX_PROBLEM_CHARS = 200  # one line, even when the damaged value is a megabyte of text
_SHOWN_CHARS = 40


@dataclass(frozen=True)
class DamagedRow:
    id: int
    problem: str  # one plain line: the column and what is wrong with it

    def __str__(self) -> str:
        return f"entry {self.id} is damaged: {self.problem}"


class DamagedEntry(DiaryError):
    """The entry asked for by id cannot be read. It can still be deleted."""

    def __init__(self, row: DamagedRow) -> None:
        super().__init__(str(row))
        self.row = row


class Undecodable(bytes):
    """A TEXT value whose bytes are not UTF-8: kept as bytes so the row can say so, instead of
    sqlite3 failing the whole query (its default text factory raises)."""


def decode_text(raw: bytes) -> str | Undecodable:
    """The connection's text_factory."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return Undecodable(raw)


class _Bad(Exception):
    def __init__(self, column: str, what: str) -> None:
        super().__init__(f"{column} {what}")


def _shown(value: object) -> str:
    if isinstance(value, Undecodable):
        return "text that is not valid UTF-8"
    if isinstance(value, bytes):
        return f"{len(value)} bytes of binary data"
    if value is None:
        return "empty (NULL)"
    text = repr(value)  # escapes control characters; clean_text on the whole line does the rest
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 3] + "..."


def _text(column: str, value: object) -> str:
    if not isinstance(value, str):
        raise _Bad(column, f"is {_shown(value)}, not text")
    return value


def _time(column: str, value: object) -> datetime:
    try:
        moment = datetime.fromisoformat(_text(column, value))
    except (ValueError, _Bad):
        raise _Bad(column, f"is {_shown(value)}, not a date and time") from None
    if moment.utcoffset() is None:
        raise _Bad(column, f"is {_shown(value)}, a time without its UTC offset")
    return moment


def _whole(column: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Bad(column, f"is {_shown(value)}, not a whole number")
    return value


def _flag(column: str, value: object) -> bool:
    if value not in (0, 1) or isinstance(value, float):
        raise _Bad(column, f"is {_shown(value)}, not 0 or 1")
    return bool(value)


def _triggers(stored: str) -> frozenset[str]:
    """As stored: "exercise,cold". Entry checks each word."""
    return frozenset(part.strip() for part in stored.split(",") if part.strip())


def one_line(text: str) -> str:
    """Plain, single-line and bounded: safe for a terminal, a table cell or a JSON string."""
    line = " ".join(clean_text(text).split())
    return line if len(line) <= MAX_PROBLEM_CHARS else line[: MAX_PROBLEM_CHARS - 3] + "..."


def decode_row(row: tuple[object, ...]) -> Entry | DamagedRow:
    """`row` holds COLUMNS in order."""
    (raw_id, started, site, duration, in_bed, pregnant, helper, after, severity, note,
     created) = row
    entry_id = _whole("id", raw_id)  # INTEGER PRIMARY KEY: always an integer
    try:
        return Entry(
            id=entry_id,
            started_at=_time("started_at", started),
            site=_text("site", site),
            duration_seconds=_whole("duration_seconds", duration),
            in_bed=_flag("in_bed", in_bed),
            pregnant=_flag("pregnant", pregnant),
            helper=_flag("helper", helper),
            preceded_by=_triggers(_text("preceded_by", after)),
            severity=None if severity is None else _whole("severity", severity),
            note=_text("note", note),
            created_at=_time("created_at", created),
        )
    except _Bad as bad:
        return DamagedRow(entry_id, one_line(str(bad)))
    except InvalidEntry as error:  # well-typed but out of range: a site 'knee', 3000 chars
        return DamagedRow(entry_id, one_line(f"{error.field} {error.message}"))
