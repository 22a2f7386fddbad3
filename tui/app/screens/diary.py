"""The diary: every entry in a table, the pattern of the last 30 or 90 days, and the signs that
mean seeing a doctor. Edit, delete (after a yes/no), add, and a report for the doctor.

The diary file is opened when this screen mounts and closed when it goes. A diary that cannot be
used is reported here with its file and what is wrong; the file is left untouched and the rest of
the app (first aid, danger signs) does not depend on it.

Years of entries stay quick: the first screenful is read at once and the rest in a worker thread;
the table draws only the rows on screen; a save or delete changes one row. Writes run in worker
threads, so a busy diary file never stops `!`. Changes made elsewhere (another window, `cramp
log`) are noticed by SQLite's data_version, checked every second and when the screen comes back.

Over 300 lines because it is one screen with a live view of a file other programs change and its
writes off the event loop; what a row shows is in diary_rows.py, the report file in
tui/diary/reports.py.

Over 300 lines: one screen with its live refresh, workers and report; the rows' cells are in
diary_rows.py and the table widget in widgets/entry_table.py.
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from tui.diary.models import Entry
from tui.diary.summary import summarize
from tui.app.screens.base import SizeGuard
from tui.app.screens.diary_rows import (
    COLUMNS, column_widths, entry_cells, entry_detail, sort_key, sort_key_at,
)
from tui.app.screens.log_cramp import when_text
from tui.app.widgets.diary_summary import DiarySummary
from tui.app.widgets.entry_table import EntryTable
from tui.app.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from tui.diary.rows import DamagedRow
    from tui.diary.store import DiaryStore

    # What a read returns: the entries, the damaged rows, the change count it saw, the widths.
    Reading = tuple[list[Entry], tuple[DamagedRow, ...], int, tuple[int, ...]]

PERIODS = (30, 90)
FIRST_ROWS = 100  # read at once: more than any screen shows; the rest follows in a thread
ROOMY_HEIGHT = 40  # from this many rows, the pattern shows under the table too


class DiaryScreen(SizeGuard, Screen[None]):
    CSS_PATH = "diary.tcss"  # with the screen, or warmed after the first frame (app.py)
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("e", "edit", "Edit", show=False, tooltip="Edit the entry under the cursor"),
        Binding("x,delete", "delete", "Delete", key_display="x", show=False,
                tooltip="Delete the entry under the cursor (asks first)"),
        Binding("a", "add", "Add"),
        Binding("p", "pattern", "Pattern & signs"),
        Binding("3", "period(30)", "30 days", show=False),  # the summary says which key
        Binding("9", "period(90)", "90 days", show=False),
        Binding("r", "export", "Report"),
    ]

    def __init__(self, now: datetime | None = None, *, watch_every: float | None = 1.0) -> None:
        """`now`: the moment the summary counts back from (fixed in tests); else the clock.
        `watch_every`: seconds between looks for changes made elsewhere (None: only when the
        screen comes back)."""
        super().__init__()
        self._fixed_now = now
        self._watch_every = watch_every
        self.store: DiaryStore | None = None
        self.problem: str | None = None
        self.entries: list[Entry] = []  # newest first; all of them once `loaded`
        self.damaged: tuple[DamagedRow, ...] = ()  # rows the store could not read
        self.loaded = False
        self.days = PERIODS[0]
        self.view = "entries"  # or "pattern": the summary, chart and signs on the whole screen
        self._version: int | None = None  # the diary's data_version when last read
        self._changes = 0  # our own writes, so a read that started before one is read again
        self._refresh_message = ""
        self._pattern_line = ""
        self._signs = 0

    @property
    def now(self) -> datetime:
        return self._fixed_now or datetime.now().astimezone()

    @property
    def table(self) -> EntryTable:
        return self.query_one(EntryTable)

    # -- layout ---------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static("Your cramp diary", id="diary-title", markup=False)
        yield Static(id="diary-problem", classes="diary-problem", markup=False)
        yield Static(id="diary-pattern-line", markup=False)
        yield EntryTable(COLUMNS, self._cells, id="diary-table")
        yield Static(id="diary-detail", markup=False)
        yield Static("No entries yet. When a stretch eases, press l at the end to log it; or "
                     "press a to add one here.", id="diary-empty", markup=False)
        with VerticalScroll(id="diary-summary-scroll"):
            yield DiarySummary(id="diary-summary")
        yield Static(id="diary-status", markup=False)
        yield KeyBar(show_command_palette=False)

    def on_mount(self) -> None:
        from tui.diary.models import DiaryError
        from tui.diary.store import open_diary

        try:
            self.store = open_diary()
            self._version = self.store.data_version()
            first = self.store.newest(FIRST_ROWS)
            total = self.store.count()
        except (DiaryError, OSError) as error:
            if self.store is not None:
                self.store.close_when_idle()
            self.store = None
            self._show_problem(str(error))
            return
        self.entries = first
        self.loaded = total <= len(first)
        self.table.widths = column_widths(first, self.now)
        self.table.set_row_count(total)
        self._after_rows_changed()
        self.table.focus()
        if self.store.read_only is not None:
            self._say(self._notice())
        # After the first frame (the thread would slow it down: the GIL): the whole diary, and
        # any row that cannot be read.
        self.call_after_refresh(self._read_all)
        if self._watch_every:
            self.set_interval(self._watch_every, self.check_for_changes)
        self.watch(self.app, "app_focus", self._on_app_focus, init=False)

    def on_unmount(self) -> None:
        if self.store is not None:
            self.store.close_when_idle()
            self.store = None

    def on_resize(self, event: events.Resize) -> None:
        if self.query("#diary-summary-scroll"):  # once composed
            self._layout()

    def _show_problem(self, problem: str) -> None:
        self.problem = problem
        self.add_class("-unavailable")
        message = self.query_one("#diary-problem", Static)
        message.update(
            "Your diary cannot be opened.\n"
            f"{problem}\n"
            "The file has been left exactly as it is: nothing was changed or deleted. "
            "You can copy it somewhere safe, or move it away to start a new diary.\n\n"
            "First aid does not need the diary: Esc goes back, Enter on the start screen "
            "begins a stretch, ! shows the danger signs."
        )
        self._layout()
        self.refresh_bindings()

    def _layout(self) -> None:
        """Which parts show: the entries or the pattern (p), both when the window is tall."""
        broken = self.problem is not None
        has_entries = bool(self.table.row_count)
        pattern = self.view == "pattern"
        roomy = self.size.height >= ROOMY_HEIGHT
        self.query_one("#diary-problem").display = broken
        self.query_one("#diary-pattern-line").display = not broken
        self.table.display = not broken and not pattern and has_entries
        self.query_one("#diary-detail").display = not broken and not pattern and has_entries
        self.query_one("#diary-empty").display = not broken and not pattern and not has_entries
        self.query_one("#diary-summary-scroll").display = not broken and (pattern or roomy)
        self.set_class(roomy, "-roomy")

    # -- showing the diary --------------------------------------------------------------
    def _cells(self, row: int) -> tuple[str, ...] | None:
        if row >= len(self.entries):
            return None  # still being read
        return entry_cells(self.entries[row], self.now)

    def _after_rows_changed(self) -> None:
        self.table.changed()
        self._show_detail()
        self.show_summary()
        self._layout()
        self.refresh_bindings()

    def _read_all(self) -> None:
        """Read every entry in a worker thread; `_apply` puts them on screen."""
        store, changes, now = self.store, self._changes, self.now
        if store is None:
            return

        def work() -> Reading:
            reading = store.read()
            return reading.entries, reading.damaged, changes, column_widths(reading.entries, now)

        self.run_worker(work, name="read", group="read", thread=True, exclusive=True,
                        exit_on_error=False)

    def _apply(self, entries: list[Entry], message: str = "") -> None:
        """Show `entries` (the whole diary), keeping the cursor on the same entry."""
        keep = self.highlighted
        row = self.table.cursor_row
        self.entries = entries
        self.loaded = True
        self.table.set_row_count(len(entries))
        if keep is not None:
            ids = [e.id for e in entries]
            self.table.move_cursor(ids.index(keep.id) if keep.id in ids else row)
        self._after_rows_changed()
        if message:
            self._say(message)

    def _notice(self) -> str:
        """What the table cannot show: a diary that cannot be changed, rows that cannot be read."""
        notices = []
        if self.store is not None and self.store.read_only is not None:
            notices.append(f"This diary is read-only ({self.store.read_only}): it can be viewed "
                           "and reported, not changed.")
        notices += [f"Entry {row.id} could not be read ({row.problem}) and is not shown; "
                    f"cramp log delete {row.id} removes it." for row in self.damaged]
        return " ".join(notices)

    def check_for_changes(self) -> None:
        """Read the diary again if another program changed it (cheap when nothing did)."""
        if self.store is None:
            return
        version = self.store.data_version()
        if version is None or version == self._version:
            return  # our own write in flight, or nothing new
        self._version = version
        self._refresh_message = ("The diary changed in another window or command: shown as it "
                                 "is now.")
        self._read_all()

    def on_screen_resume(self) -> None:
        self.check_for_changes()

    def _on_app_focus(self, focused: bool) -> None:
        if focused:
            self.check_for_changes()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        done = (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED)
        if event.state not in done or event.worker.name not in ("read", "delete"):
            return
        event.stop()
        if event.worker.name == "read":
            self._read_done(event.worker)
        else:
            self._delete_done(event.worker)

    def _read_done(self, worker: Worker[Reading]) -> None:
        from tui.diary.models import DiaryError

        if worker.state == WorkerState.CANCELLED:
            return  # a newer read replaced it; that one shows the message
        if worker.state != WorkerState.SUCCESS:
            self._refresh_message = ""
            error = worker.error if isinstance(worker.error, (DiaryError, OSError)) else \
                "an unexpected error"
            self._say(f"The diary could not be read again: {error}")
            return
        assert worker.result is not None  # it succeeded: work() returned
        entries, damaged, changes, widths = worker.result
        if changes != self._changes:  # one of our writes landed meanwhile: read again
            self._read_all()
            return
        message, self._refresh_message = self._refresh_message, ""
        if damaged != self.damaged:
            self.damaged = damaged
            message = " ".join(filter(None, (message, self._notice())))
        self.table.widths = widths
        self._apply(entries, message)

    def show_summary(self) -> None:
        if not self.loaded:
            self.query_one("#diary-pattern-line", Static).update("Working out the pattern...")
            return
        now = self.now
        since = now - timedelta(days=max(self.days, 28) + 2)  # what summarize looks at
        recent = self.entries[:bisect_left(self.entries, sort_key_at(since), key=sort_key)]
        summary = summarize(recent, days=self.days, now=now)
        other = next(d for d in PERIODS if d != self.days)
        self.query_one(DiarySummary).show(summary, other_days=other)
        signs = len(summary.signs)
        line = f"Last {summary.days} days: {summary.count} " + \
            ("cramp" if summary.count == 1 else "cramps")
        if signs:
            line += f".  See a doctor: {signs} sign{'s' if signs > 1 else ''}"
        self._pattern_line, self._signs = line, signs
        self._show_pattern_line()
        self.query_one("#diary-title", Static).update(
            f"Your cramp diary: {len(self.entries)} "
            f"{'entry' if len(self.entries) == 1 else 'entries'}")

    def _show_pattern_line(self) -> None:
        """Says how to switch views: the summary, chart and signs are one key away."""
        how = ".  p: back to your entries" if self.view == "pattern" else \
            ".  p: pattern, weekly chart, signs"
        widget = self.query_one("#diary-pattern-line", Static)
        widget.update(self._pattern_line + how)
        widget.set_class(bool(self._signs), "-signs")

    @property
    def highlighted(self) -> Entry | None:
        if self.problem is not None or not self.entries:
            return None
        row = self.table.cursor_row
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def _show_detail(self) -> None:
        entry = self.highlighted
        if entry is None and self.table.row_count:
            self.query_one("#diary-detail", Static).update("Reading the diary...")
            return
        self.query_one("#diary-detail", Static).update(entry_detail(entry) if entry else "")

    def on_entry_table_highlighted(self, event: EntryTable.Highlighted) -> None:
        event.stop()
        self._show_detail()

    def on_entry_table_selected(self, event: EntryTable.Selected) -> None:
        event.stop()
        self.action_edit()

    def _say(self, text: str) -> None:
        self.query_one("#diary-status", Static).update(text)

    # -- keys -----------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "delete", "add", "period", "export", "pattern") \
                and self.store is None:
            return False
        if action in ("edit", "delete") and (not self.entries or self.view == "pattern"):
            return None  # shown greyed out: nothing to edit here
        return True

    def action_pattern(self) -> None:
        self.view = "entries" if self.view == "pattern" else "pattern"
        self._layout()
        if self.loaded:
            self._show_pattern_line()
        if self.view == "pattern":
            scroll = self.query_one("#diary-summary-scroll")
            scroll.scroll_home(animate=False)
            scroll.focus()
        elif self.table.display:
            self.table.focus()
        self.refresh_bindings()

    def action_period(self, days: int) -> None:
        self.days = days
        self.show_summary()
        self.query_one("#diary-summary-scroll").scroll_home(animate=False)

    def action_edit(self) -> None:
        from tui.app.screens.log_cramp import LogCrampScreen

        entry = self.highlighted
        if entry is None or self.store is None:
            return
        self.app.push_screen(LogCrampScreen(entry, store=self.store, now=lambda: self.now),
                             callback=self._after_change)

    def action_add(self) -> None:
        from tui.app.screens.log_cramp import LogCrampScreen

        if self.store is None:
            return
        from tui.walk.session import logged_later

        entry = logged_later(self.app.library, self.app.settings, self.now)
        self.app.push_screen(LogCrampScreen(entry, store=self.store, now=lambda: self.now),
                             callback=self._after_change)

    def _after_change(self, saved: Entry | None) -> None:
        """A saved entry takes its place in the list: one row changes, nothing is re-read."""
        if saved is None or self.store is None:
            return
        self._changes += 1
        self._say("")
        before = len(self.entries)
        self.entries = [e for e in self.entries if e.id != saved.id]
        new = len(self.entries) == before
        at = bisect_left(self.entries, sort_key(saved), key=sort_key)
        self.entries.insert(at, saved)
        self.table.widths = column_widths([saved], self.now, self.table.widths)
        self.table.set_row_count(self.table.row_count + (1 if new else 0))
        self.table.move_cursor(at)
        self._after_rows_changed()

    def action_delete(self) -> None:
        from tui.app.screens.confirm import ConfirmScreen

        entry = self.highlighted
        if entry is None:
            return
        when = when_text(entry.started_at)

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(entry, when)
            else:
                self._say(f"Kept the entry from {when}.")

        self.app.push_screen(
            ConfirmScreen(f"Delete the entry from {when}? y / n",
                          yes="Yes, delete it", no="No, keep it"),
            callback=answered,
        )

    def _delete(self, entry: Entry, when: str) -> None:
        store = self.store
        if store is None or entry.id is None:
            return
        entry_id = entry.id
        self._changes += 1
        self._say(f"Deleting the entry from {when}...")

        def work() -> tuple[Entry, str]:
            store.delete(entry_id)
            return entry, when

        self.run_worker(work, name="delete", thread=True, exit_on_error=False)

    def _delete_done(self, worker: Worker[tuple[Entry, str]]) -> None:
        from tui.diary.models import DiaryError
        from tui.diary.store import EntryNotFound

        error = worker.error
        if isinstance(error, EntryNotFound):
            self._refresh_message = (
                "That entry had already been deleted (in another window or by cramp log): "
                "the list now shows the diary as it is.")
            self._read_all()
            return
        if isinstance(error, (DiaryError, OSError)):
            self._say(f"Not deleted: {error}")
            return
        if worker.state != WorkerState.SUCCESS:
            self._say(f"Not deleted: {error or 'interrupted'}")
            return
        assert worker.result is not None  # it succeeded: work() returned
        entry, when = worker.result
        ids = [e.id for e in self.entries]
        if entry.id in ids:  # the cursor stays where the deleted row was
            del self.entries[ids.index(entry.id)]
            self.table.set_row_count(self.table.row_count - 1)
        self._after_rows_changed()
        self._say(f"Deleted the entry from {when}.")

    def action_export(self) -> None:
        from tui.diary.export import render
        from tui.diary.reports import write_new_private

        if self.store is None:
            return
        if not self.loaded:
            self._say("Still reading the diary: press r again in a moment.")
            return
        now = self.now
        directory = Path.cwd()
        try:
            path = write_new_private(directory, f"cramp-report-{now:%Y-%m-%d}",
                                     render("md", self.entries, now=now, damaged=self.damaged))
        except OSError as error:
            self._say(f"The report could not be written in {directory}: "
                      f"{error.strerror or error}. (cramp log export -o FILE writes it "
                      "anywhere.)")
            return
        self._say(f"Report for your doctor written to {path}")
        self.notify(f"Written to {path}", title="Report", markup=False, timeout=10)
