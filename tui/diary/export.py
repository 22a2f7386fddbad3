"""The diary as Markdown (a page to hand to a doctor), CSV and JSON.

Pure text from (entries, now): no clock and no locale, so golden files can pin the output.
Entries are listed oldest first: a doctor reads a history as it happened. Notes go out through
models.clean_text, the same cleaning they had on the way in; rows the store could not read are
named in Markdown and JSON (CSV stays one table: the caller says so beside it).
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta
from typing import Iterable, Sequence

from tui.diary.models import Entry, clean_text
from tui.diary.rows import DamagedRow
from tui.diary.summary import LONG_SECONDS, Summary, format_date, format_duration, summarize

FORMATS = ("md", "csv", "json")
MD_DEFAULT_DAYS = 90  # one page: the entries table of the last 90 days, like the figures
CSV_FIELDS = (
    "id", "started_at", "site", "duration_seconds", "in_bed", "pregnant", "helper",
    "preceded_by", "severity", "note", "created_at",
)
_BAR_WIDTH = 30


def select(entries: Iterable[Entry], *, now: datetime, days: int | None) -> list[Entry]:
    """Entries of the last `days` calendar days (all when None), oldest first."""
    chosen = list(entries)
    if days is not None:
        first = now.date() - timedelta(days=days - 1)
        chosen = [e for e in chosen if e.started_at.date() >= first]
    return sorted(chosen, key=lambda e: (e.started_at.timestamp(), e.id or 0))


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _record(entry: Entry) -> dict[str, object]:
    return {
        "id": entry.id,
        "started_at": _iso(entry.started_at),
        "site": entry.site,
        "duration_seconds": entry.duration_seconds,
        "in_bed": entry.in_bed,
        "pregnant": entry.pregnant,
        "helper": entry.helper,
        "preceded_by": list(entry.triggers),
        "severity": entry.severity,
        "note": clean_text(entry.note),
        "created_at": _iso(entry.created_at),
    }


def to_json(
    entries: Iterable[Entry], *, now: datetime, days: int | None = None,
    damaged: Sequence[DamagedRow] = (),
) -> str:
    document: dict[str, object] = {
        "format": "cramp-diary",
        "version": 1,
        "exported_at": now.isoformat(),
        "days": days,
        "entries": [_record(e) for e in select(entries, now=now, days=days)],
    }
    if damaged:  # only when there are: a reader of version 1 sees the same document otherwise
        document["damaged"] = [{"id": row.id, "problem": row.problem} for row in damaged]
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def to_csv(entries: Iterable[Entry], *, now: datetime, days: int | None = None) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for entry in select(entries, now=now, days=days):
        record = _record(entry)
        record["preceded_by"] = ";".join(entry.triggers)
        for name in ("in_bed", "pregnant", "helper"):
            record[name] = "true" if record[name] else "false"
        if record["severity"] is None:
            record["severity"] = ""
        writer.writerow(record[name] for name in CSV_FIELDS)
    return out.getvalue()


# --- Markdown ------------------------------------------------------------------------------------


# Markdown would read these as code, emphasis, links or HTML; a pipe would split the cell. (Not
# "_": inside words, where notes and column names have it, Markdown leaves it alone.)
_MARKDOWN = {char: "\\" + char for char in "\\`*[]<>|"}
_MARKDOWN_TABLE = str.maketrans(_MARKDOWN)


def _cell(text: str) -> str:
    """Table-safe plain text: one line (a newline would end the row), nothing Markdown acts on."""
    lines = clean_text(text).splitlines()
    return " / ".join(line.strip() for line in lines if line.strip()).translate(_MARKDOWN_TABLE)


def _figure_rows(a: Summary, b: Summary) -> list[str]:
    def night(s: Summary) -> str:
        if not s.count:
            return "-"
        return f"{s.night_count} of {s.count} ({round(100 * (s.night_share or 0))}%)"

    def maybe(value: float | None) -> str:
        return format_duration(value) if value is not None else "-"

    rows = [
        ("Cramps", str(a.count), str(b.count)),
        ("At night (22:00-06:59) or in bed", night(a), night(b)),
        ("Average length", maybe(a.average_seconds), maybe(b.average_seconds)),
        ("Longest", maybe(a.longest_seconds), maybe(b.longest_seconds)),
        ("Most common site", a.most_common_site or "-", b.most_common_site or "-"),
    ]
    return [f"| {name} | {x} | {y} |" for name, x, y in rows]


def weekly_chart(summary: Summary) -> list[str]:
    """One text bar per week, oldest first: `2 Nov - 8 Nov    ###   3`."""
    top = max((w.count for w in summary.weeks), default=0)
    scale = 1.0 if top <= _BAR_WIDTH else _BAR_WIDTH / top
    labels = [f"{format_date(w.start)[:-5]} - {format_date(w.end)}" for w in summary.weeks]
    width = max((len(label) for label in labels), default=0)
    lines = []
    for label, week in zip(labels, summary.weeks):
        bar = "#" * round(week.count * scale)
        lines.append(f"{label.ljust(width)}  {bar.ljust(_BAR_WIDTH)}  {week.count}".rstrip())
    return lines


def _context(entry: Entry) -> str:
    flags = [name for name, on in (
        ("in bed", entry.in_bed), ("pregnant", entry.pregnant), ("helper", entry.helper)
    ) if on]
    return ", ".join(flags) or "-"


def to_markdown(
    entries: Sequence[Entry], *, now: datetime, days: int | None = MD_DEFAULT_DAYS,
    damaged: Sequence[DamagedRow] = (),
) -> str:
    """A one-page summary for a doctor: figures for 30 and 90 days, the weekly chart, the signs
    worth a visit, then the entries."""
    entries = list(entries)
    month, quarter = summarize(entries, days=30, now=now), summarize(entries, days=90, now=now)
    offset = now.strftime("%z")
    lines = [
        "# Leg cramp diary",
        "",
        f"Exported by cramp on {format_date(now.date())} at {now:%H:%M} "
        f"(UTC{offset[:3]}:{offset[3:]}). A personal record of leg cramps, kept by the patient "
        "to show a doctor. Information, not a diagnosis.",
        "",
        "## Figures",
        "",
        "| | Last 30 days | Last 90 days |",
        "|---|---|---|",
        *_figure_rows(month, quarter),
        "",
        f"## Week by week (last {len(quarter.weeks)} weeks)",
        "",
        "```text",
        *weekly_chart(quarter),
        "```",
        "",
        "## Signs to discuss with a doctor (last 90 days)",
        "",
    ]
    if quarter.signs:
        lines += [f"- **{s.text}** {s.reason}" for s in quarter.signs]
    else:
        lines.append(
            "- None of the signs cramp looks for: several cramps a week for weeks, a cramp over "
            f"{LONG_SECONDS // 60} minutes, cramps after a new medicine, a long cramp in "
            "pregnancy."
        )
    shown = select(entries, now=now, days=days)
    span = f"last {days} days" if days is not None else "all"
    lines += [
        "",
        f"## Entries ({span}: {len(shown)})",
        "",
    ]
    if shown:
        lines += [
            "| Date | Time | Site | Length | Severity | Context | After | Note |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for e in shown:
            lines.append(
                f"| {format_date(e.started_at.date())} | {e.started_at:%H:%M} | {e.site} | "
                f"{format_duration(e.duration_seconds)} | "
                f"{e.severity if e.severity is not None else '-'} | {_context(e)} | "
                f"{', '.join(e.triggers) or '-'} | {_cell(e.note) or '-'} |"
            )
    else:
        lines.append("No entries in this period.")
    if damaged:
        lines += [
            "",
            "## Damaged entries",
            "",
            "These entries could not be read from the diary file and are not counted above.",
            "",
            *(f"- Entry {row.id}: {_cell(row.problem)}" for row in damaged),
        ]
    return "\n".join(lines) + "\n"


def render(
    fmt: str, entries: Sequence[Entry], *, now: datetime, days: int | None = None,
    damaged: Sequence[DamagedRow] = (),
) -> str:
    """`fmt` is one of FORMATS. For "md", days=None means MD_DEFAULT_DAYS: the page stays one
    page; CSV and JSON export everything unless told otherwise. `damaged`: rows the store could
    not read, named in Markdown and JSON."""
    if fmt == "md":
        shown = days if days is not None else MD_DEFAULT_DAYS
        return to_markdown(entries, now=now, days=shown, damaged=damaged)
    if fmt == "csv":
        return to_csv(entries, now=now, days=days)
    if fmt == "json":
        return to_json(entries, now=now, days=days, damaged=damaged)
    raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
