"""Read a diary export (JSON or CSV, as `cramp log export` writes them) back into entries.

Every problem is collected with the line it is on, so a person can fix the file in one go; the
caller imports nothing unless there is none (see DiaryStore.import_entries).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tui.diary.export import CSV_FIELDS
from tui.diary.models import Entry, InvalidEntry

REQUIRED = ("started_at", "site", "duration_seconds")


@dataclass(frozen=True)
class Parsed:
    entries: tuple[tuple[int, Entry], ...]  # (line, entry) in file order
    problems: tuple[str, ...]  # "N: field: what is wrong", N the line


class UnreadableExport(ValueError):
    """The file as a whole cannot be read (not JSON, not a cramp export, no header...)."""


def parse(text: str, fmt: str) -> Parsed:
    """`fmt` is "json" or "csv"."""
    if fmt == "json":
        records = _json_records(text)
    elif fmt == "csv":
        records = _csv_records(text)
    else:
        raise UnreadableExport(f"unknown format {fmt!r} (json or csv)")
    entries, problems = [], []
    for line, record in records:
        try:
            entries.append((line, _entry(record)))
        except InvalidEntry as error:
            problems.append(f"{line}: {error.field}: {error.message}")
    return Parsed(tuple(entries), tuple(problems))


# --- JSON: where each entry starts, for line numbers --------------------------------------------

_DECODER = json.JSONDecoder()


def _skip(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t\r\n":
        at += 1
    return at


def _line(text: str, at: int) -> int:
    return text.count("\n", 0, at) + 1


def _json_records(text: str) -> list[tuple[int, Any]]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise UnreadableExport(f"line {error.lineno}: not valid JSON ({error.msg})") from None
    if not isinstance(document, dict) or document.get("format") != "cramp-diary":
        raise UnreadableExport("not a cramp diary export (no \"format\": \"cramp-diary\")")
    if document.get("version") != 1:
        raise UnreadableExport(f"export version {document.get('version')!r} is not one this cramp "
                           "reads (1)")
    entries = document.get("entries")
    if not isinstance(entries, list):
        raise UnreadableExport("no \"entries\" list")
    return list(zip(_entry_lines(text, len(entries)), entries))


def _entry_lines(text: str, count: int) -> list[int]:
    """The line each element of the top-level "entries" array starts on. The document is known
    to be valid JSON, so this walks it with the decoder's own pieces."""
    at = _skip(text, 0) + 1  # past "{"
    while True:
        at = _skip(text, at)
        key, at = json.decoder.scanstring(text, at + 1)  # type: ignore[attr-defined]
        at = _skip(text, at) + 1  # past ":"
        at = _skip(text, at)
        if key != "entries":
            _, at = _DECODER.raw_decode(text, at)
            at = _skip(text, at) + 1  # past ","
            continue
        lines, at = [], at + 1  # past "["
        for _ in range(count):
            at = _skip(text, at)
            lines.append(_line(text, at))
            _, at = _DECODER.raw_decode(text, at)
            at = _skip(text, at) + 1  # past "," or "]"
        return lines


# --- CSV ----------------------------------------------------------------------------------------


def _csv_records(text: str) -> list[tuple[int, Any]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise UnreadableExport("the file is empty") from None
    except csv.Error as error:
        raise UnreadableExport(f"line 1: not valid CSV ({error})") from None
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise UnreadableExport(f"line 1: the header has no {', '.join(missing)} column (expected "
                           f"{','.join(CSV_FIELDS)})")
    records: list[tuple[int, Any]] = []
    line = 1
    try:
        for row in reader:
            start, line = line + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue  # a blank line
            if len(row) != len(header):
                records.append((start, f"has {len(row)} fields, the header {len(header)}"))
                continue
            record: dict[str, Any] = dict(zip(header, row))
            for name in ("in_bed", "pregnant", "helper"):
                if name in record:
                    record[name] = _csv_bool(record[name])
            record["preceded_by"] = [t for t in record.get("preceded_by", "").split(";") if t]
            for name in ("severity", "id", "duration_seconds"):
                if record.get(name, "") == "":
                    record[name] = None
                else:
                    record[name] = _csv_int(record[name])
            for name in ("note", "created_at"):
                record.setdefault(name, "")
            records.append((start, record))
    except csv.Error as error:
        raise UnreadableExport(f"line {reader.line_num}: not valid CSV ({error})") from None
    return records


def _csv_bool(value: str) -> object:
    return {"true": True, "false": False, "": False}.get(value.strip().lower(), value)


def _csv_int(value: str) -> object:
    try:
        return int(value.strip())
    except ValueError:
        return value


# --- one record -> one Entry --------------------------------------------------------------------


def _time(record: dict[str, Any], name: str) -> datetime | None:
    value = record.get(name)
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise InvalidEntry(name, f"must be a date and time like 2026-11-20T03:10:00+01:00 "
                           f"(got {value!r})")
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise InvalidEntry(name, f"must be a date and time like 2026-11-20T03:10:00+01:00 "
                           f"(got {value!r})") from None


def _entry(record: Any) -> Entry:
    if isinstance(record, str):  # a row the CSV reader already found wrong
        raise InvalidEntry("row", record)
    if not isinstance(record, dict):
        raise InvalidEntry("entry", "must be an object with started_at, site, duration_seconds")
    for name in REQUIRED:
        if record.get(name) in (None, ""):
            raise InvalidEntry(name, "is missing")
    started = _time(record, "started_at")
    assert started is not None
    entry_id = record.get("id")
    if entry_id is not None and (isinstance(entry_id, bool) or not isinstance(entry_id, int)
                                 or entry_id < 1):
        raise InvalidEntry("id", f"must be a whole number from 1 (got {entry_id!r})")
    triggers = record.get("preceded_by") or []
    if not isinstance(triggers, list) or not all(isinstance(t, str) for t in triggers):
        raise InvalidEntry("preceded_by", "must be a list of words such as \"exercise\"")
    return Entry(
        started_at=started,
        site=record["site"],
        duration_seconds=record["duration_seconds"],
        in_bed=record.get("in_bed", False),
        pregnant=record.get("pregnant", False),
        helper=record.get("helper", False),
        preceded_by=frozenset(triggers),
        severity=record.get("severity"),
        note=record.get("note") or "",
        id=entry_id,
        created_at=_time(record, "created_at"),
    )
