"""`cramp log`: the cramp diary from the command line.

Options are taken as plain strings and checked in `run`, so every bad value gets one clear line
naming the option (exit 2) rather than argparse's usage dump. Imports no Textual or Rich.

Over 300 lines: every `cramp log` action with its option checks, so each bad value gets one
clear line naming its option; the diary itself is tui.diary.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

if TYPE_CHECKING:
    from tui.diary.models import Entry
    from tui.diary.rows import DamagedRow
    from tui.diary.store import DiaryStore
    from tui.diary.summary import Summary

    # What an action does once its options are checked: the work on the open diary.
    Work = Callable[[DiaryStore], int]

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
_LARGEST_ID = 2**63 - 1  # SQLite's largest integer: a bigger ID cannot even be looked up

_SITE_WORDS = {
    "calf": "calf", "calves": "calf",
    "hamstring": "hamstring", "hamstrings": "hamstring", "back-of-thigh": "hamstring",
    "quad": "quad", "quads": "quad", "quadriceps": "quad", "front-of-thigh": "quad",
    "foot": "foot", "feet": "foot", "toes": "foot", "toe": "foot",
}
_TRIGGER_WORDS = {
    "medicine": "new-medicine", "new-medication": "new-medicine", "medication": "new-medicine",
    "standing": "long-standing", "water": "little-water", "dehydrated": "little-water",
}


class UsageError(Exception):
    """A bad option value: reported as one line, exit 2."""


class CommandFailed(Exception):
    """What was asked cannot be done (an export target cramp will not write): one line, exit 1."""


def _entry_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--where", metavar="SITE", help="calf, hamstring, quad or foot")
    parser.add_argument(
        "--minutes", metavar="N", help="how long it lasted, in minutes (2.5 is fine)"
    )
    parser.add_argument("--seconds", metavar="N", help="seconds, alone or added to --minutes")
    parser.add_argument(
        "--at", metavar="TIME",
        help="when it started: '2026-11-20 03:10', or '03:10' for the last 03:10 (default: now)",
    )
    parser.add_argument("--note", metavar="TEXT", help="anything worth remembering")
    flag = argparse.BooleanOptionalAction
    parser.add_argument("--in-bed", action=flag, default=None, help="it started in bed")
    parser.add_argument("--pregnant", action=flag, default=None, help="during pregnancy")
    parser.add_argument("--helper", action=flag, default=None, help="someone helped stretch")
    parser.add_argument(
        "--after", metavar="LIST",
        help="what came before, comma-separated: exercise, cold, long-standing, little-water, "
        "new-medicine, other (or none)",
    )
    parser.add_argument("--severity", metavar="1-10", help="how bad, 1 to 10 (or none)")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = ("Your cramp diary: one file only you can read, in your data directory "
                          "(CRAMP_DATA_DIR overrides it).")
    parser.set_defaults(run=run, log_action="list", days=None)
    actions = parser.add_subparsers(title="actions", metavar="ACTION")

    add = actions.add_parser("add", help="log a cramp")
    _entry_options(add)
    add.set_defaults(log_action="add")

    listing = actions.add_parser("list", help="show entries, newest first")
    listing.add_argument("--days", metavar="N", help="only the last N days")
    listing.set_defaults(log_action="list")

    edit = actions.add_parser("edit", help="change an entry")
    edit.add_argument("id", metavar="ID")
    _entry_options(edit)
    edit.set_defaults(log_action="edit")

    delete = actions.add_parser("delete", help="delete an entry")
    delete.add_argument("id", metavar="ID")
    delete.add_argument("--yes", action="store_true", help="do not ask first")
    delete.set_defaults(log_action="delete")

    export = actions.add_parser("export", help="write the diary for a doctor or a spreadsheet")
    export.add_argument("--format", metavar="md|csv|json", default="md")
    export.add_argument("-o", "--output", metavar="FILE", help="write here (default: stdout)")
    export.add_argument(
        "--force", action="store_true", help="replace FILE if it exists (a regular file only)"
    )
    export.add_argument(
        "--days", metavar="N", help="only the last N days (default: 90 for md, all otherwise)"
    )
    export.set_defaults(log_action="export")

    summary = actions.add_parser("summary", help="figures, weekly chart and signs to act on")
    summary.add_argument("--days", metavar="N", help="30 or 90 (default 30)")
    summary.set_defaults(log_action="summary")

    where = actions.add_parser("path", help="print where the diary file is")
    where.set_defaults(log_action="path")

    _add_import_parser(actions)


def _add_import_parser(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    importing = actions.add_parser(
        "import", help="add the entries of a json or csv export to the diary",
        description="Add the entries of a file written by `cramp log export --format json` or "
        "`--format csv`. Entries the diary already has (same start, site and length) are "
        "skipped; if any row is wrong, each is reported by line and nothing is imported.",
    )
    importing.add_argument("file", metavar="FILE")
    importing.add_argument("--format", metavar="json|csv", default=None,
                           help="default: from the file name, else from its first character")
    importing.set_defaults(log_action="import")


# --- parsing option values ------------------------------------------------------------------


def _positive_int(value: str, option: str, *, high: int | None = None) -> int:
    try:
        number = int(value.strip())
    except ValueError:
        raise UsageError(f"{option} must be a whole number (got {value!r})") from None
    if number < 1 or number > (high or _LARGEST_ID):
        limit = f"from 1 to {high or _LARGEST_ID}" if high or number > 1 else "1 or more"
        raise UsageError(f"{option} must be {limit} (got {value!r})")
    return number


def _site(value: str) -> str:
    site = _SITE_WORDS.get(value.strip().lower().replace(" ", "-"))
    if site is None:
        raise UsageError(f"--where must be calf, hamstring, quad or foot (got {value!r})")
    return site


def _duration(minutes: str | None, seconds: str | None) -> int:
    from tui.diary.models import MAX_DURATION_SECONDS

    total = 0.0
    if minutes is not None:
        try:
            m = float(minutes)
        except ValueError:
            raise UsageError(f"--minutes must be a number (got {minutes!r})") from None
        if not m > 0 and not (m == 0 and seconds is not None):
            raise UsageError(f"--minutes must be more than 0 (got {minutes!r})")
        total += m * 60
    if seconds is not None:
        try:
            s = int(seconds)
        except ValueError:
            raise UsageError(f"--seconds must be a whole number (got {seconds!r})") from None
        if s < 0 or (s == 0 and total == 0):
            raise UsageError(f"--seconds must be more than 0 (got {seconds!r})")
        total += s
    if not total < MAX_DURATION_SECONDS + 1:  # also catches inf and nan
        hours = MAX_DURATION_SECONDS // 3600
        raise UsageError(f"--minutes: a cramp cannot last over {hours} hours")
    result = round(total)
    if result < 1:
        raise UsageError("--minutes: the cramp must last at least 1 second")
    return result


def _when(value: str, now: datetime) -> datetime:
    text = value.strip()
    if text.lower() == "now":
        return now
    try:
        if ":" not in text:
            raise ValueError
        if len(text) <= 5:  # "03:10": the most recent 03:10, today or yesterday
            clock = datetime.strptime(text, "%H:%M").time()
            moment = datetime.combine(now.date(), clock).astimezone()
            if moment > now:
                moment = datetime.combine(now.date() - timedelta(days=1), clock).astimezone()
        else:
            moment = datetime.fromisoformat(text)
            if moment.year < 1970:
                raise ValueError
            if moment.tzinfo is None:
                moment = moment.astimezone()  # a bare time is local time, with today's offset
    except (ValueError, OverflowError, OSError):
        raise UsageError(
            f"--at must be a date and time like '2026-11-20 03:10' or '03:10' (got {value!r})"
        ) from None
    if moment > now + timedelta(minutes=5):  # a little slack for a slow clock
        raise UsageError(f"--at is in the future (got {value!r})")
    return moment.replace(microsecond=0)


def _triggers(value: str) -> frozenset[str]:
    from tui.diary.models import TRIGGERS

    if value.strip().lower() in ("", "none", "nothing"):
        return frozenset()
    chosen = set()
    for part in value.split(","):
        word = part.strip().lower().replace(" ", "-").replace("_", "-")
        if not word:
            continue
        word = _TRIGGER_WORDS.get(word, word)
        if word not in TRIGGERS:
            raise UsageError(
                f"--after: unknown {part.strip()!r} (choose from {', '.join(TRIGGERS)})"
            )
        chosen.add(word)
    return frozenset(chosen)


def _severity(value: str) -> int | None:
    if value.strip().lower() in ("none", ""):
        return None
    return _positive_int(value, "--severity", high=10)


def _changes(args: argparse.Namespace, now: datetime) -> dict[str, Any]:
    """The Entry fields the options set; absent options are left out (edit keeps them)."""
    changes: dict[str, Any] = {}
    if args.where is not None:
        changes["site"] = _site(args.where)
    if args.minutes is not None or args.seconds is not None:
        changes["duration_seconds"] = _duration(args.minutes, args.seconds)
    if args.at is not None:
        changes["started_at"] = _when(args.at, now)
    if args.note is not None:
        changes["note"] = args.note
    for name in ("in_bed", "pregnant", "helper"):
        if getattr(args, name) is not None:
            changes[name] = getattr(args, name)
    if args.after is not None:
        changes["preceded_by"] = _triggers(args.after)
    if args.severity is not None:
        changes["severity"] = _severity(args.severity)
    return changes


_OPTION_FOR_FIELD = {
    "site": "--where", "duration_seconds": "--minutes", "started_at": "--at", "note": "--note",
    "preceded_by": "--after", "severity": "--severity", "in_bed": "--in-bed",
    "pregnant": "--pregnant", "helper": "--helper",
}


# --- output ------------------------------------------------------------------------------------


def _describe(entry: Entry) -> str:
    from tui.diary.summary import format_duration

    length = format_duration(entry.duration_seconds)
    return f"{entry.site}, {length}, {entry.started_at:%Y-%m-%d %H:%M}"


def _table(entries: Iterable[Entry]) -> list[str]:
    from tui.diary.models import clean_text
    from tui.diary.summary import format_duration

    header = ("ID", "Started", "Site", "Length", "Sev", "Night", "After", "Note")
    rows = [header]
    for e in entries:
        note = " / ".join(line for line in clean_text(e.note).splitlines() if line.strip())
        rows.append((
            str(e.id), f"{e.started_at:%Y-%m-%d %H:%M}", e.site,
            format_duration(e.duration_seconds),
            str(e.severity) if e.severity is not None else "-",
            "yes" if e.at_night else "no",
            ",".join(e.triggers) or "-",
            note if len(note) <= 40 else note[:39] + "…",
        ))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    return ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]


def _summary_lines(summary: Summary) -> list[str]:
    from tui.diary.export import weekly_chart
    from tui.diary.summary import format_duration

    s = summary
    lines = [f"Last {s.days} days: {s.count} cramp{'s' if s.count != 1 else ''}"]
    if s.count:
        lines += [
            f"  at night or in bed: {s.night_count} ({round(100 * (s.night_share or 0))}%)",
            f"  average length: {format_duration(s.average_seconds or 0)}",
            f"  longest: {format_duration(s.longest_seconds or 0)}",
            f"  most common site: {s.most_common_site}",
        ]
    lines += ["", "Week by week:", *("  " + line for line in weekly_chart(s)), ""]
    if s.signs:
        lines.append("See a doctor about this:")
        for sign in s.signs:
            lines += [f"  * {sign.text}", f"    Why: {sign.reason}"]
    else:
        lines.append(
            "No signs in the diary that call for a doctor. (Information, not a diagnosis.)"
        )
    return lines


def _same_file(target: Path, diary: Path) -> bool:
    """True when writing `target` would replace the diary or one of SQLite's side files."""
    protected = {diary, Path(f"{diary}-wal"), Path(f"{diary}-shm"), Path(f"{diary}-journal")}
    return target.resolve() in {p.resolve() for p in protected}


def _damaged_line(row: DamagedRow) -> str:
    """A damaged row, by id and what is wrong, and how to be rid of it: one line."""
    return f"Entry {row.id} is damaged: {row.problem} (cramp log delete {row.id} removes it)"


def _notices(action: str, diary: DiaryStore, damaged: Iterable[DamagedRow] = ()) -> None:
    """On stderr, so an export on stdout stays a clean file: why the diary cannot be changed,
    and which rows were left out."""
    if diary.read_only is not None:
        print(f"cramp log {action}: the diary file {diary.path} is read-only "
              f"({diary.read_only}): it can be listed and exported but cannot be changed.",
              file=sys.stderr)
    for row in damaged:
        print(f"cramp log {action}: {row} (left out; cramp log delete {row.id} removes it)",
              file=sys.stderr)


# --- actions -------------------------------------------------------------------------------------
# Each action checks its options first and returns the work to do with the open diary: a typo
# never creates, opens or touches the diary file.


def _add(args: argparse.Namespace, now: datetime) -> Work:
    from tui.diary.models import Entry

    if args.where is None:
        raise UsageError("--where is required: calf, hamstring, quad or foot")
    if args.minutes is None and args.seconds is None:
        raise UsageError("--minutes is required: how long the cramp lasted (e.g. --minutes 3)")
    entry = Entry(**{"started_at": now, **_changes(args, now)})

    def work(diary: DiaryStore) -> int:
        saved = diary.add(entry)
        print(f"Saved entry {saved.id}: {_describe(saved)}")  # only after the commit returned
        return EXIT_OK

    return work


def _edit(args: argparse.Namespace, now: datetime) -> Work:
    entry_id = _positive_int(args.id, "ID")
    changes = _changes(args, now)
    if not changes:
        raise UsageError("nothing to change: give at least one option, e.g. --minutes 4")

    def work(diary: DiaryStore) -> int:
        updated = diary.edit(entry_id, **changes)
        print(f"Updated entry {updated.id}: {_describe(updated)}")
        return EXIT_OK

    return work


def _delete(args: argparse.Namespace, now: datetime) -> Work:
    entry_id = _positive_int(args.id, "ID")

    def work(diary: DiaryStore) -> int:
        from tui.diary.rows import DamagedEntry

        try:
            what = f"entry {entry_id} ({_describe(diary.get(entry_id))})"
        except DamagedEntry as damaged:  # readable or not, an entry can always be deleted
            what = f"damaged entry {entry_id} ({damaged.row.problem})"
        if not args.yes:
            try:
                answer = input(f"Delete {what}? [y/N] ")
            except EOFError:
                answer = ""
            if answer.strip().lower() not in ("y", "yes"):
                print("Not deleted.")
                return EXIT_FAIL
        diary.delete(entry_id)
        print(f"Deleted entry {entry_id}")
        return EXIT_OK

    return work


def _list(args: argparse.Namespace, now: datetime) -> Work:
    from tui.diary.summary import period_start

    since = None
    if args.days is not None:
        since = period_start(now, _positive_int(args.days, "--days", high=36600))

    def work(diary: DiaryStore) -> int:
        _notices("list", diary)
        reading = diary.read(since=since)
        if reading.entries:
            print("\n".join(_table(reading.entries)))
        elif not reading.damaged:
            print("No entries yet. Log one with: cramp log add --where calf --minutes 2"
                  if since is None else "No entries in that period.")
        if reading.damaged:
            if reading.entries:
                print()
            print("\n".join(_damaged_line(row) for row in reading.damaged))
        return EXIT_OK

    return work


def _export(args: argparse.Namespace, now: datetime) -> Work:
    from tui.diary.export import FORMATS, render

    fmt = args.format.strip().lower()
    fmt = "md" if fmt == "markdown" else fmt
    if fmt not in FORMATS:
        raise UsageError(f"--format must be md, csv or json (got {args.format!r})")
    days = _positive_int(args.days, "--days", high=36600) if args.days is not None else None
    to_file = args.output not in (None, "-")
    target = Path(args.output).expanduser() if to_file else None

    def refused(error: OSError, target: Path) -> CommandFailed:
        from tui.diary.exportfile import ExportRefused, TargetExists, shown

        if isinstance(error, TargetExists):
            message = f"{error}; add --force to replace it"
        elif isinstance(error, ExportRefused):
            message = str(error)
        else:
            message = f"cannot write {shown(target)} ({error.strerror or error})"
        return CommandFailed(f"-o: {message}. Nothing was written.")

    if target is not None:  # before the diary is opened: a wrong -o costs nothing
        from tui.diary.exportfile import ExportRefused, check_target
        from tui.diary.paths import diary_path

        if _same_file(target, diary_path()):
            raise UsageError("-o would overwrite the diary itself; choose another file")
        try:
            check_target(target, force=args.force)
        except ExportRefused as error:
            raise refused(error, target) from None

    def work(diary: DiaryStore) -> int:
        from tui.diary.exportfile import shown, write_export

        reading = diary.read()
        _notices("export", diary, reading.damaged)
        text = render(fmt, reading.entries, now=now, days=days, damaged=reading.damaged)
        if target is None:
            sys.stdout.write(text)
            return EXIT_OK
        try:
            write_export(target, text, force=args.force)
        except OSError as error:
            raise refused(error, target) from None
        print(f"Wrote {shown(target)}")
        return EXIT_OK

    return work


def _summary(args: argparse.Namespace, now: datetime) -> Work:
    days = _positive_int(args.days, "--days", high=36600) if args.days is not None else 30

    def work(diary: DiaryStore) -> int:
        from tui.diary.summary import summarize

        reading = diary.read()
        _notices("summary", diary, reading.damaged)
        print("\n".join(_summary_lines(summarize(reading.entries, days=days, now=now))))
        return EXIT_OK

    return work


class ImportRefused(Exception):
    """The file cannot be imported: one message per line, nothing was imported."""


def _import(args: argparse.Namespace, now: datetime) -> Work:
    """Read and check the whole file before the diary is opened; write it in one transaction."""
    from tui.diary.importing import UnreadableExport, parse

    path = Path(args.file).expanduser()
    fmt = (args.format or "").strip().lower()
    if fmt not in ("", "json", "csv"):
        raise UsageError(f"--format must be json or csv (got {args.format!r})")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise ImportRefused(f"cramp log import: cannot read {path} ({reason})") from None
    if not fmt:
        suffix = path.suffix.lower().lstrip(".")
        fmt = suffix if suffix in ("json", "csv") else \
            "json" if text.lstrip().startswith("{") else "csv"
    try:
        parsed = parse(text, fmt)
    except UnreadableExport as error:
        raise ImportRefused(f"cramp log import: {path}: {error}. Nothing was imported.") from None
    if parsed.problems:
        lines = [f"cramp log import: {path}:{problem}" for problem in parsed.problems]
        count = len(parsed.problems)
        lines.append(f"cramp log import: {count} bad row{'s' if count > 1 else ''}; nothing "
                     "was imported. Fix the file and run the import again.")
        raise ImportRefused("\n".join(lines))

    def work(diary: DiaryStore) -> int:
        added, skipped = diary.import_entries(entry for _, entry in parsed.entries)
        print(f"Imported {added} entr{'y' if added == 1 else 'ies'} from {path}"
              + (f"; skipped {skipped} already in the diary" if skipped else ""))
        return EXIT_OK

    return work


_ACTIONS = {
    "add": _add, "edit": _edit, "delete": _delete, "list": _list, "export": _export,
    "summary": _summary, "import": _import,
}


def run(args: argparse.Namespace) -> int:
    from tui.diary.models import InvalidEntry
    from tui.diary.paths import diary_path
    from tui.diary.rows import DamagedEntry
    from tui.diary.store import DiaryReadOnly, DiaryUnavailable, EntryNotFound, open_diary

    action = args.log_action
    prefix = f"cramp log {action}"
    if action == "path":
        print(diary_path())
        return EXIT_OK
    if hasattr(sys.stdout, "reconfigure"):
        try:  # a note in any script must not crash a terminal that cannot show it
            sys.stdout.reconfigure(errors="replace")
        except (ValueError, OSError):
            pass
    now = datetime.now().astimezone().replace(microsecond=0)
    try:
        work = _ACTIONS[action](args, now)
        with open_diary() as diary:
            return work(diary)
    except UsageError as error:
        print(f"{prefix}: {error}", file=sys.stderr)
        return EXIT_USAGE
    except CommandFailed as error:
        print(f"{prefix}: {error}", file=sys.stderr)
        return EXIT_FAIL
    except DamagedEntry as error:
        row = error.row
        print(f"{prefix}: {row}. Delete it with: cramp log delete {row.id}", file=sys.stderr)
        return EXIT_FAIL
    except DiaryReadOnly as error:
        done = {"add": "not saved", "edit": "not changed", "delete": "not deleted"}
        print(f"{prefix}: {done.get(action, 'not done')}: the diary file {error.path} is "
              f"read-only ({error.why}). Nothing was changed.", file=sys.stderr)
        return EXIT_FAIL
    except ImportRefused as error:
        print(error, file=sys.stderr)
        return EXIT_FAIL
    except InvalidEntry as error:
        option = _OPTION_FOR_FIELD.get(error.field, error.field)
        print(f"{prefix}: {option} {error.message}", file=sys.stderr)
        return EXIT_USAGE
    except EntryNotFound as error:
        print(f"{prefix}: {error} (see: cramp log list)", file=sys.stderr)
        return EXIT_FAIL
    except DiaryUnavailable as error:
        print(f"{prefix}: cannot use the {error}. The file was left as it is.", file=sys.stderr)
        return EXIT_FAIL
