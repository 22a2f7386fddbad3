"""The diary file: one SQLite database, WAL mode, synchronous=FULL, versioned by user_version.

What it promises: an entry `add` returned is on disk, whatever kills the process next; a damaged
or foreign file is reported (DiaryUnavailable) and never rewritten; the file is 0600 in a 0700
directory; one damaged row is reported (rows.DamagedRow) and never hides the others; a diary
that cannot be written (its mode, its folder's, a read-only disk) is opened read-only, so it can
still be read and exported.

Over 300 lines: opening, migrations and the store share the connection's invariants (WAL, locks,
the cramp_utc function) and are easier to check side by side. Row decoding lives in rows.py.
"""

from __future__ import annotations

import builtins
import os
import re
import sqlite3
import threading
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from tui.diary import paths
from tui.diary.models import TRIGGERS, DiaryError, Entry, InvalidEntry
from tui.diary.rows import COLUMNS, DamagedEntry, DamagedRow, decode_row, decode_text
from tui.diary.summary import Summary, summarize

APP_ID = 0x6372616D  # "cram" in PRAGMA application_id: tells our file from any other SQLite file
CURRENT_VERSION = 3
BUSY_TIMEOUT = 10.0  # seconds to wait for another writer (a second window, the CLI) to finish


class DiaryUnavailable(DiaryError):
    """The diary file cannot be used. The message names the file and what is wrong; the file has
    been left exactly as it was."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"diary file {path}: {reason}")
        self.path = path
        self.reason = reason


class DiaryReadOnly(DiaryUnavailable):
    """A change was asked of a diary that could only be opened read-only. `why` says what stops
    the writing, in words a person can act on."""

    def __init__(self, path: Path, why: str) -> None:
        super().__init__(path, f"is read-only ({why}): it can be read and exported, not changed")
        self.why = why


class EntryNotFound(DiaryError, LookupError):
    def __init__(self, entry_id: int) -> None:
        super().__init__(f"no diary entry {entry_id}")
        self.entry_id = entry_id


# --- schema and migrations -------------------------------------------------------------------
# MIGRATIONS[v] takes a database from version v to v + 1. A new diary runs them all from 0, so a
# fresh file and an upgraded one have the same schema by construction. Never edit a shipped step:
# files in the wild were made by it. Add a new one.


def _to_v1(conn: sqlite3.Connection) -> None:
    """The original schema."""
    conn.execute(
        """CREATE TABLE entries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at TEXT NOT NULL,
            site TEXT NOT NULL CHECK (site IN ('calf', 'hamstring', 'quad', 'foot')),
            duration_seconds INTEGER NOT NULL CHECK (duration_seconds > 0),
            in_bed INTEGER NOT NULL CHECK (in_bed IN (0, 1)),
            pregnant INTEGER NOT NULL CHECK (pregnant IN (0, 1)),
            preceded_by TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        )"""
    )
    conn.execute(f"PRAGMA application_id = {APP_ID}")


def _to_v2(conn: sqlite3.Connection) -> None:
    """Adds helper and severity, and started_utc: v1 sorted on the ISO text, which is wrong
    across offsets (travel, summer time). SQLite cannot add a NOT NULL column computed from
    another, so the table is rebuilt and the UTC time is backfilled from started_at."""
    conn.execute(
        """CREATE TABLE entries_v2 (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at TEXT NOT NULL,
            started_utc INTEGER NOT NULL,
            site TEXT NOT NULL CHECK (site IN ('calf', 'hamstring', 'quad', 'foot')),
            duration_seconds INTEGER NOT NULL CHECK (duration_seconds > 0),
            in_bed INTEGER NOT NULL CHECK (in_bed IN (0, 1)),
            pregnant INTEGER NOT NULL CHECK (pregnant IN (0, 1)),
            helper INTEGER NOT NULL DEFAULT 0 CHECK (helper IN (0, 1)),
            preceded_by TEXT NOT NULL DEFAULT '',
            severity INTEGER CHECK (severity BETWEEN 1 AND 10),
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        )"""
    )
    conn.execute(
        """INSERT INTO entries_v2 (id, started_at, started_utc, site, duration_seconds, in_bed,
               pregnant, helper, preceded_by, severity, note, created_at)
           SELECT id, started_at, cramp_utc(started_at), site, duration_seconds, in_bed,
               pregnant, 0, preceded_by, NULL, note, created_at
           FROM entries"""
    )
    _swap_in(conn, "entries_v2")
    conn.execute("CREATE INDEX entries_started ON entries (started_utc)")


def _swap_in(conn: sqlite3.Connection, new_table: str) -> None:
    """Replace `entries` with `new_table` (already filled), keeping AUTOINCREMENT's high-water
    mark: an id deleted before must never come back."""
    (old_seq,) = conn.execute(
        "SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'entries'"
    ).fetchone()
    conn.execute("DROP TABLE entries")
    conn.execute(f"ALTER TABLE {new_table} RENAME TO entries")
    (new_seq,) = conn.execute(
        "SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'entries'"
    ).fetchone()
    conn.execute("DELETE FROM sqlite_sequence WHERE name = 'entries'")
    conn.execute(
        "INSERT INTO sqlite_sequence (name, seq) VALUES ('entries', ?)", (max(old_seq, new_seq),)
    )


def _to_v3(conn: sqlite3.Connection) -> None:
    """Any site a guide defines: v2 listed four sites in a CHECK, so a guide's new site (a shin
    cramp) could be walked but not logged. The site's form is checked by Entry."""
    conn.execute(
        """CREATE TABLE entries_v3 (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at TEXT NOT NULL,
            started_utc INTEGER NOT NULL,
            site TEXT NOT NULL CHECK (length(site) BETWEEN 1 AND 40),
            duration_seconds INTEGER NOT NULL CHECK (duration_seconds > 0),
            in_bed INTEGER NOT NULL CHECK (in_bed IN (0, 1)),
            pregnant INTEGER NOT NULL CHECK (pregnant IN (0, 1)),
            helper INTEGER NOT NULL DEFAULT 0 CHECK (helper IN (0, 1)),
            preceded_by TEXT NOT NULL DEFAULT '',
            severity INTEGER CHECK (severity BETWEEN 1 AND 10),
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        )"""
    )
    conn.execute(
        """INSERT INTO entries_v3 (id, started_at, started_utc, site, duration_seconds, in_bed,
               pregnant, helper, preceded_by, severity, note, created_at)
           SELECT id, started_at, started_utc, site, duration_seconds, in_bed,
               pregnant, helper, preceded_by, severity, note, created_at
           FROM entries"""
    )
    _swap_in(conn, "entries_v3")
    conn.execute("CREATE INDEX entries_started ON entries (started_utc)")


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_to_v1, _to_v2, _to_v3)
assert len(MIGRATIONS) == CURRENT_VERSION


def _utc_seconds(iso: str) -> int:
    started = datetime.fromisoformat(iso)
    if started.utcoffset() is None:
        raise ValueError(f"time without an offset: {iso!r}")
    return int(started.timestamp())


# --- opening -----------------------------------------------------------------------------------


def _reason(error: sqlite3.Error) -> str:
    text = " ".join(str(error).split())  # messages stay one line
    if "locked" in text or "busy" in text:
        return "is busy: another program has held it locked too long; try again"
    if "readonly" in text or "read-only" in text:
        return "cannot be written (it or its directory is read-only)"
    if "not a database" in text:
        return "is not an SQLite database (damaged, or some other file)"
    if "malformed" in text or "corrupt" in text:
        return f"is damaged ({text})"
    if "unable to open" in text:
        return "cannot be opened (check that you may read and write it and its directory)"
    return f"could not be used ({text})"


def _create_private_file(path: Path) -> None:
    """Create an empty diary 0600 before SQLite touches it (SQLite would use 0644 & ~umask, and
    its -wal and -shm files copy the main file's mode)."""
    paths.ensure_private_dir(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, paths.FILE_MODE)
    except FileExistsError:
        return  # another process created it a moment ago; SQLite's locks take it from here
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.chmod(path, paths.FILE_MODE)  # exact, whatever the umask took away
    paths.fsync_dir(path.parent)  # the new name survives a power cut too


def _tighten_modes(path: Path) -> None:
    """The file and SQLite's side files must stay owner-only even if something loosened them."""
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            if name.stat().st_mode & 0o077:
                os.chmod(name, paths.FILE_MODE)
        except OSError:
            pass  # a side file may come and go between the check and the chmod


def _why_not_writable(path: Path) -> str | None:
    """Why the diary cannot be written, in words a person can act on; None if it can be (as far
    as the file system says: a failing write is the last word, see _connect)."""
    try:
        if os.statvfs(path).f_flag & os.ST_RDONLY:
            return "it is on a read-only disk"
    except (OSError, AttributeError):  # AttributeError: no statvfs (Windows)
        pass
    if not os.access(path, os.W_OK):
        return "you may not write to it"
    if not os.access(path.parent, os.W_OK | os.X_OK):
        # SQLite keeps its -wal and -shm files next to the diary: it needs the folder too.
        return "you may not write to its folder"
    return None


class _CannotWrite(Exception):
    """SQLite found it cannot write although the file system said it could (a read-only mount
    it sees before we do, a lock-down we cannot ask about)."""


def _open(uri: str, timeout: float) -> sqlite3.Connection:
    conn = sqlite3.connect(
        uri, uri=True, timeout=timeout, isolation_level=None, check_same_thread=False
    )
    return conn


def _open_read_only(path: Path, timeout: float) -> sqlite3.Connection:
    """Without writing a byte, and without leaving a side file next to the diary.

    With a -wal file present, committed entries may be in it: SQLite must read it (mode=ro).
    Otherwise the file holds everything, and immutable=1 reads it without creating -wal and -shm
    files (which SQLite would leave behind, unable to delete them)."""
    base = path.absolute().as_uri()
    wal = Path(f"{path}-wal")
    if wal.exists():
        conn = _open(base + "?mode=ro", timeout)
        try:
            conn.execute("PRAGMA schema_version").fetchone()
            return conn
        except sqlite3.Error:
            conn.close()
            if wal.stat().st_size:
                raise DiaryUnavailable(
                    path, f"is read-only and its latest changes are still in {wal.name}, "
                    "which cannot be read without writing; make its folder writable"
                ) from None
    return _open(base + "?mode=ro&immutable=1", timeout)


def _connect(
    path: Path, timeout: float, read_only: bool = False
) -> tuple[sqlite3.Connection, str | None]:
    """The connection, and why it is read-only (None when it can be written)."""
    if path.exists() and not path.is_file():
        raise DiaryUnavailable(path, "is not a regular file")
    if path.is_symlink() and not path.exists():  # never create a file where a link points
        raise DiaryUnavailable(path, "is a symbolic link to something that does not exist")
    if not path.exists():
        if read_only:
            raise DiaryUnavailable(path, "does not exist")
        try:
            _create_private_file(path)
        except OSError as error:
            raise DiaryUnavailable(path, f"cannot be created ({error.strerror or error})") from None
    if not os.access(path, os.R_OK):
        raise DiaryUnavailable(path, "cannot be read by you (permission denied)")
    why = "it was opened read-only" if read_only else _why_not_writable(path)
    if why is None:
        # mode=rw: never let SQLite create the file (it would skip our 0600); it exists now.
        conn = _open(path.absolute().as_uri() + "?mode=rw", timeout)
        try:
            _check_and_prepare(conn, path, None)
            return conn, None
        except _CannotWrite:
            conn.close()
            why = _why_not_writable(path) or "writing to it failed"
        except BaseException:
            conn.close()
            raise
    conn = _open_read_only(path, timeout)
    try:
        _check_and_prepare(conn, path, why)
    except BaseException:
        conn.close()
        raise
    return conn, why


# quick_check also reports rows that break a CHECK or NOT NULL constraint. Those are damaged
# rows, not a damaged file: decode_row reports each by id and the rest of the diary stays usable.
_ROW_PROBLEM = re.compile(r"(CHECK constraint failed in|NULL value in) entries\b")


def _check_and_prepare(conn: sqlite3.Connection, path: Path, read_only: str | None) -> None:
    """`read_only`: why the connection cannot write, or None when it can."""
    try:
        # Read-only checks first: nothing below writes until we know the file is ours and sound.
        rows = [str(row[0]) for row in conn.execute("PRAGMA quick_check").fetchall()]
        problems = [row for row in rows if row != "ok" and not _ROW_PROBLEM.match(row)]
        if problems:
            found = "; ".join(" ".join(row.split()) for row in problems[:3])  # one line
            raise DiaryUnavailable(path, f"is damaged ({found})")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if version > CURRENT_VERSION:
            raise DiaryUnavailable(
                path, f"was made by a newer cramp (schema {version}, this one knows "
                f"{CURRENT_VERSION}); update cramp to use it"
            )
        if app_id != APP_ID and (app_id != 0 or version != 0 or tables):
            raise DiaryUnavailable(path, "is an SQLite database but not a cramp diary")
        if read_only is not None:
            if not tables:
                raise DiaryUnavailable(
                    path, f"is read-only ({read_only}) and empty: make it writable so cramp "
                    "can set it up"
                )
            if version < CURRENT_VERSION:
                raise DiaryUnavailable(
                    path, f"is read-only ({read_only}) and was made by an older cramp (schema "
                    f"{version}): it must be upgraded once, so make it writable and try again"
                )
            return
        conn.execute("PRAGMA journal_mode = WAL")  # persistent: readers never block the writer
        conn.execute("PRAGMA synchronous = FULL")  # per connection: fsync the WAL on every commit
        conn.execute("PRAGMA fullfsync = ON")  # macOS: a real flush to the disk (no-op elsewhere)
        conn.execute("PRAGMA checkpoint_fullfsync = ON")
        conn.create_function("cramp_utc", 1, _utc_seconds, deterministic=True)
        if version < CURRENT_VERSION:
            _migrate(conn)
    except sqlite3.Error as error:
        if read_only is None and _is_read_only_error(error):
            raise _CannotWrite from None
        raise DiaryUnavailable(path, _reason(error)) from None
    _tighten_modes(path)


def _is_read_only_error(error: sqlite3.Error) -> bool:
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF  # the primary code of an extended one
    return code == sqlite3.SQLITE_READONLY or "readonly" in str(error)


def _migrate(conn: sqlite3.Connection) -> None:
    """All steps in one transaction: a crash or an error leaves the file at its old version."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Read again under the write lock: another process may have migrated meanwhile.
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        for step in range(version, CURRENT_VERSION):
            MIGRATIONS[step](conn)
        conn.execute(f"PRAGMA user_version = {CURRENT_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


# --- rows ----------------------------------------------------------------------------------------

_COLUMNS = ", ".join(COLUMNS)


@dataclass(frozen=True)
class Reading:
    """What a read found: the entries newest first, and the rows that could not be read."""

    entries: list[Entry]
    damaged: tuple[DamagedRow, ...]


def _select(
    conn: sqlite3.Connection, where: str = "", params: tuple[object, ...] = ()
) -> list[tuple[object, ...]]:
    """Entry rows, newest first. sqlite3 fails a whole query on one TEXT value that is not
    UTF-8; then this connection switches to decode_text, which lets that row say it is damaged.
    (Not from the start: it costs a Python call per value, a third more time on every read.)"""
    sql = f"SELECT {_COLUMNS} FROM entries {where} ORDER BY started_utc DESC, id DESC"
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError as error:
        if "decode" not in str(error) or conn.text_factory is decode_text:
            raise
        conn.text_factory = decode_text
        return conn.execute(sql, params).fetchall()


def _decoded(row: tuple[object, ...]) -> Entry:
    """The entry in `row`, or DamagedEntry for a row asked for by id."""
    item = decode_row(row)
    if isinstance(item, DamagedRow):
        raise DamagedEntry(item)
    return item


def _values(entry: Entry) -> tuple[object, ...]:
    return (
        entry.started_at.isoformat(),
        int(entry.started_at.timestamp()),
        entry.site,
        entry.duration_seconds,
        int(entry.in_bed),
        int(entry.pregnant),
        int(entry.helper),
        ",".join(t for t in TRIGGERS if t in entry.preceded_by),
        entry.severity,
        entry.note,
    )


def _local_now() -> datetime:
    return datetime.now().astimezone().replace(microsecond=0)


# --- the store -------------------------------------------------------------------------------


class DiaryStore:
    """The diary. Open it once and keep it, or use it as a context manager.

    Safe to share between threads (one lock) and between processes (SQLite locks, busy timeout).
    """

    def __init__(
        self,
        path: Path | str | None = None,
        *,
        timeout: float = BUSY_TIMEOUT,
        clock: Callable[[], datetime] = _local_now,
        read_only: bool = False,
    ) -> None:
        """`read_only=True` opens without ever writing; a diary that cannot be written is
        opened so anyway, and `self.read_only` says why (None when it can be changed)."""
        self.path = Path(path) if path is not None else paths.diary_path()
        self._clock = clock  # injectable so created_at is deterministic in tests
        self._lock = threading.RLock()
        self._conn, self.read_only = _connect(self.path, timeout, read_only)

    def __enter__(self) -> DiaryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def close_when_idle(self) -> None:
        """Close now, or, while a write waits on a busy diary, as soon as it is done (in a
        thread): a screen that goes away never waits for the diary file."""
        if self._lock.acquire(blocking=False):
            try:
                self._conn.close()
            finally:
                self._lock.release()
        else:
            threading.Thread(target=self.close, name="diary-close", daemon=True).start()

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                yield self._conn
            except sqlite3.Error as error:
                raise DiaryUnavailable(self.path, _reason(error)) from None

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction. IMMEDIATE takes the write lock up front, so a busy diary waits here
        (busy timeout) instead of failing half-way through."""
        if self.read_only is not None:
            raise DiaryReadOnly(self.path, self.read_only)
        with self._lock:
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                    conn.execute("COMMIT")  # returns only once the WAL is fsynced
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
            except sqlite3.Error as error:
                raise DiaryUnavailable(self.path, _reason(error)) from None

    def add(self, entry: Entry) -> Entry:
        """Save a new entry; returns it with its id and created_at. When this returns, it is on
        disk."""
        created = entry.created_at or self._clock()
        with self._write() as conn:
            cursor = conn.execute(
                "INSERT INTO entries (started_at, started_utc, site, duration_seconds, in_bed, "
                "pregnant, helper, preceded_by, severity, note, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*_values(entry), created.isoformat()),
            )
            new_id = cursor.lastrowid
        return replace(entry, id=new_id, created_at=created)

    def get(self, entry_id: int) -> Entry:
        with self._read() as conn:
            rows = _select(conn, "WHERE id = ?", (entry_id,))
        if not rows:
            raise EntryNotFound(entry_id)
        return _decoded(rows[0])

    def edit(self, entry_id: int, **changes: Any) -> Entry:
        """Change some fields of an entry (any Entry field but id and created_at) and return the
        new entry. Read and write happen in one transaction, so two editors never mix.
        (Any: the fields differ in type, and Entry validates each value itself.)"""
        for name in ("id", "created_at"):
            if name in changes:
                raise InvalidEntry(name, "cannot be changed")
        with self._write() as conn:
            rows = _select(conn, "WHERE id = ?", (entry_id,))
            if not rows:
                raise EntryNotFound(entry_id)
            updated = replace(_decoded(rows[0]), **changes)  # validates
            conn.execute(
                "UPDATE entries SET started_at = ?, started_utc = ?, site = ?, "
                "duration_seconds = ?, in_bed = ?, pregnant = ?, helper = ?, preceded_by = ?, "
                "severity = ?, note = ? WHERE id = ?",
                (*_values(updated), entry_id),
            )
        return updated

    def delete(self, entry_id: int) -> None:
        with self._write() as conn:
            if conn.execute("DELETE FROM entries WHERE id = ?", (entry_id,)).rowcount == 0:
                raise EntryNotFound(entry_id)

    def read(self, since: datetime | None = None, until: datetime | None = None) -> Reading:
        """Entries newest first, `since` inclusive and `until` exclusive (aware datetimes), and
        every damaged row whatever the period: a row whose date cannot be read has no period,
        so the period is applied here, after decoding, rather than in SQL."""
        with self._read() as conn:
            rows = _select(conn)
        entries: list[Entry] = []
        damaged: list[DamagedRow] = []
        low = int(since.timestamp()) if since is not None else None
        high = int(until.timestamp()) if until is not None else None
        for row in rows:
            item = decode_row(row)
            if isinstance(item, DamagedRow):
                damaged.append(item)
            elif low is None and high is None:
                entries.append(item)
            else:
                moment = int(item.started_at.timestamp())
                if (low is None or moment >= low) and (high is None or moment < high):
                    entries.append(item)
        damaged.sort(key=lambda row: row.id)
        return Reading(entries, tuple(damaged))

    def list(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> list[Entry]:
        """The readable entries newest first (see read(), which also names damaged rows)."""
        return self.read(since, until).entries

    # -- what the diary screen reads: a first screenful at once, and changes made elsewhere ----

    def newest(self, limit: int) -> "builtins.list[Entry]":
        """The `limit` newest entries, in the order of `list()`: a first screenful, quickly."""
        with self._read() as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM entries ORDER BY started_utc DESC, id DESC LIMIT ?",
                (limit,),
            ).fetchall()
        # A damaged row is left out here; read() names it when the whole diary is read.
        return [item for item in map(decode_row, rows) if isinstance(item, Entry)]

    def count(self) -> int:
        with self._read() as conn:
            return int(conn.execute("SELECT count(*) FROM entries").fetchone()[0])

    def data_version(self) -> int | None:
        """A number that changes when another connection (a second window, `cramp log add`)
        commits a change; this store's own writes leave it alone. None when a write of ours is
        in flight, so asking never waits on a busy diary."""
        if not self._lock.acquire(blocking=False):
            return None
        try:
            return int(self._conn.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error:
            return None
        finally:
            self._lock.release()

    # -- import ------------------------------------------------------------------------------

    def import_entries(self, entries: Iterable[Entry]) -> tuple[int, int]:
        """Add `entries` in one transaction: all of them or, on any error, none. An entry the
        diary already has (the same start instant, site and length: the same cramp) is skipped.
        An entry keeps its id when the diary has no entry with that id, so a round trip through
        an export gives the same list. Returns (added, skipped)."""
        added = skipped = 0
        with self._write() as conn:
            seen = set(conn.execute(
                "SELECT started_utc, site, duration_seconds FROM entries").fetchall())
            taken = {row[0] for row in conn.execute("SELECT id FROM entries")}
            for entry in entries:
                values = _values(entry)
                same_cramp = (values[1], entry.site, entry.duration_seconds)
                if same_cramp in seen:
                    skipped += 1
                    continue
                seen.add(same_cramp)
                entry_id = entry.id if entry.id is not None and entry.id not in taken else None
                created = entry.created_at or self._clock()
                cursor = conn.execute(
                    "INSERT INTO entries (id, started_at, started_utc, site, duration_seconds, "
                    "in_bed, pregnant, helper, preceded_by, severity, note, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (entry_id, *values, created.isoformat()),
                )
                taken.add(cursor.lastrowid)
                added += 1
        return added, skipped

    def summary(self, days: int = 30, now: datetime | None = None) -> Summary:
        return summarize(self.list(), days=days, now=now or self._clock())


def open_diary(path: Path | str | None = None, **options: object) -> DiaryStore:
    """The diary at `path`, or the user's own (CRAMP_DATA_DIR, else the platform data dir)."""
    return DiaryStore(path, **options)  # type: ignore[arg-type]
