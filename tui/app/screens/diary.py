"""The diary: every entry in a table, the pattern of the last 30 or 90 days, and the signs that
mean seeing a doctor. Edit, delete (after a yes/no), add, and a report for the doctor.

The diary file is opened when this screen mounts and closed when it goes. A diary that cannot be
used is reported here with its file and what is wrong; the file is left untouched and the rest of
the app (first aid, danger signs) does not depend on it.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from tui.diary.models import Entry
from tui.diary.summary import format_date, format_duration, summarize
from tui.app.screens.base import SizeGuard
from tui.app.screens.log_cramp import TRIGGER_LABELS, when_text
from tui.app.widgets.diary_summary import DiarySummary

if TYPE_CHECKING:
    from tui.diary.rows import DamagedRow
    from tui.diary.store import DiaryStore

PERIODS = (30, 90)
NOTE_WIDTH = 40
COLUMNS = (("When", "when"), ("Where", "where"), ("How long", "length"), ("In bed", "bed"),
           ("Preceded by", "before"), ("Severity", "severity"), ("Note", "note"))


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


def entry_detail(entry: Entry) -> str:
    """What the table has no room for: the whole note, pregnancy, a helper."""
    parts = [f"Entry {entry.id}"]
    if entry.pregnant:
        parts.append("pregnant")
    if entry.helper:
        parts.append("with a helper")
    note = " / ".join(line.strip() for line in entry.note.splitlines() if line.strip())
    return ", ".join(parts) + (f". Note: {note}" if note else ". No note.")


def write_private(path: Path, text: str) -> None:
    """Write `text` to `path` owner-only (it is health data), all or nothing, through a temp file
    no planted link can redirect. The day's report replaces the day's earlier one, and nothing
    that is not a regular file (ExportRefused, an OSError)."""
    from tui.diary.exportfile import write_export

    write_export(path, text, force=True)


class DiaryScreen(SizeGuard, Screen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("e", "edit", "Edit"),
        Binding("x,delete", "delete", "Delete", key_display="x"),
        Binding("a", "add", "Add"),
        Binding("3", "period(30)", "30 days", show=False),  # the summary says which key
        Binding("9", "period(90)", "90 days", show=False),
        Binding("r", "export", "Report"),
    ]

    def __init__(self, now: datetime | None = None) -> None:
        """`now`: the moment the summary counts back from (fixed in tests); else the clock."""
        super().__init__()
        self._fixed_now = now
        self.store: DiaryStore | None = None
        self.problem: str | None = None
        self.entries: list[Entry] = []
        self.damaged: tuple[DamagedRow, ...] = ()  # rows the store could not read
        self.days = PERIODS[0]

    @property
    def now(self) -> datetime:
        return self._fixed_now or datetime.now().astimezone()

    # -- layout ---------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static("Your cramp diary", id="diary-title")
        yield Static(id="diary-problem", classes="diary-problem", markup=False)
        table: DataTable = DataTable(id="diary-table", cursor_type="row", zebra_stripes=True)
        for label, key in COLUMNS:
            table.add_column(label, key=key)
        yield table
        yield Static(id="diary-detail", markup=False)
        yield Static("No entries yet. When a stretch eases, press l at the end to log it; or "
                     "press a to add one here.", id="diary-empty", markup=False)
        with VerticalScroll(id="diary-summary-scroll"):
            yield DiarySummary(id="diary-summary")
        yield Static(id="diary-status", markup=False)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        from tui.diary.models import DiaryError
        from tui.diary.store import open_diary

        try:
            self.store = open_diary()
        except (DiaryError, OSError) as error:
            self.store = None
            self._show_problem(str(error))
            return
        self.reload()
        self.query_one(DataTable).focus()
        self._say(" ".join(self._notices()))

    def _notices(self) -> list[str]:
        """What the table cannot show: a diary that cannot be changed, rows that cannot be read."""
        notices = []
        if self.store is not None and self.store.read_only is not None:
            notices.append(f"This diary is read-only ({self.store.read_only}): it can be viewed "
                           "and reported, not changed.")
        notices += [f"Entry {row.id} could not be read ({row.problem}) and is not shown; "
                    f"cramp log delete {row.id} removes it." for row in self.damaged]
        return notices

    def on_unmount(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

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
        message.display = True
        for part in ("#diary-table", "#diary-detail", "#diary-empty", "#diary-summary-scroll"):
            self.query_one(part).display = False
        self.refresh_bindings()

    # -- showing the diary --------------------------------------------------------------
    def reload(self, keep: int | None = None) -> None:
        """Read every entry again; keep the cursor on entry `keep` (an id) if it is there."""
        from tui.diary.models import DiaryError

        assert self.store is not None
        table = self.query_one(DataTable)
        if keep is None and self.entries and table.row_count:
            keep = self.highlighted.id if self.highlighted else None
        try:
            reading = self.store.read()
            self.entries, self.damaged = reading.entries, reading.damaged
        except (DiaryError, OSError) as error:
            self._show_problem(str(error))
            return
        table.clear()
        now = self.now
        for entry in self.entries:
            table.add_row(*entry_cells(entry, now), key=str(entry.id))
        ids = [e.id for e in self.entries]
        if keep in ids:
            table.move_cursor(row=ids.index(keep), animate=False)
        has_entries = bool(self.entries)
        table.display = has_entries
        self.query_one("#diary-detail").display = has_entries
        self.query_one("#diary-empty").display = not has_entries
        self._show_detail()
        self.show_summary()
        self.refresh_bindings()

    def show_summary(self) -> None:
        summary = summarize(self.entries, days=self.days, now=self.now)
        other = next(d for d in PERIODS if d != self.days)
        self.query_one(DiarySummary).show(summary, other_days=other)

    @property
    def highlighted(self) -> Entry | None:
        table = self.query_one(DataTable)
        if not self.entries or not 0 <= table.cursor_row < len(self.entries):
            return None
        return self.entries[table.cursor_row]

    def _show_detail(self) -> None:
        entry = self.highlighted
        self.query_one("#diary-detail", Static).update(entry_detail(entry) if entry else "")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._show_detail()

    def _say(self, text: str) -> None:
        self.query_one("#diary-status", Static).update(text)

    # -- keys -----------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in ("edit", "delete", "add", "period", "export") and self.store is None:
            return False
        if action in ("edit", "delete") and not self.entries:
            return None  # shown greyed out: nothing to edit yet
        return True

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

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_add(self) -> None:
        from tui.app.screens.log_cramp import LogCrampScreen

        if self.store is None:
            return
        entry = Entry(started_at=self.now.replace(second=0, microsecond=0), site="calf",
                      duration_seconds=60, pregnant=bool(self.app.settings.pregnant))
        self.app.push_screen(LogCrampScreen(entry, store=self.store, now=lambda: self.now),
                             callback=self._after_change)

    def _after_change(self, saved: Entry | None) -> None:
        if saved is not None and self.store is not None:
            self._say("")
            self.reload(keep=saved.id)

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
        from tui.diary.models import DiaryError

        if self.store is None or entry.id is None:
            return
        row = self.query_one(DataTable).cursor_row
        try:
            self.store.delete(entry.id)
        except (DiaryError, OSError) as error:
            self._say(f"Not deleted: {error}")
            return
        self._say(f"Deleted the entry from {when}.")
        self.reload(keep=-1)
        if self.entries:  # the cursor stays where the deleted row was
            self.query_one(DataTable).move_cursor(row=min(row, len(self.entries) - 1),
                                                  animate=False)

    def action_export(self) -> None:
        from tui.diary import paths
        from tui.diary.export import render

        if self.store is None:
            return
        now = self.now
        path = paths.data_dir() / f"cramp-report-{now:%Y-%m-%d}.md"
        try:
            write_private(path, render("md", self.entries, now=now, damaged=self.damaged))
        except OSError as error:
            self._say(f"The report could not be written to {path}: "
                      f"{error.strerror or error}")
            return
        self._say(f"Report for your doctor written to {path}")
        self.notify(f"Written to {path}", title="Report")
