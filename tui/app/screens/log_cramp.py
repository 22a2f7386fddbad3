"""Log a cramp in the diary, or change an entry: one key saves the prefill when it is right.

Every field is a row with its own key (and can be clicked). The note is the only text field; it
takes the focus only when asked for ("n", Tab or a click), so the one-key rows never type into it.

The save runs in a worker thread: a diary another program holds locked waits there while every
key, `!` first, still answers; the form leaves once the save is done and the form is shown again.
Over 300 lines: one form, its key for every field and its save; the sites come from the guides.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Static

from textual.worker import Worker, WorkerState

from tui.diary.models import MAX_DURATION_SECONDS, MAX_NOTE_CHARS, TRIGGERS, Entry
from tui.diary.summary import format_date, format_duration
from tui.app.screens.base import SizeGuard
from tui.app.widgets.choice_list import ChoiceList, Row
from tui.app.widgets.text_field import TextField
from tui.app.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from tui.diary.store import DiaryStore

TRIGGER_LABELS = {
    "exercise": "Exercise",
    "cold": "Cold",
    "long-standing": "Long standing",
    "little-water": "Little water to drink",
    "new-medicine": "A new medicine",
    "other": "Something else",
}
assert tuple(TRIGGER_LABELS) == TRIGGERS
TRIGGER_KEYS = {str(n): t for n, t in enumerate(TRIGGERS, start=1)}
TIME_STEP = timedelta(minutes=15)


def when_text(moment: datetime) -> str:
    """"20 Nov 2026 03:10": the wall-clock time where the cramp happened, locale-free."""
    return f"{format_date(moment.date())} {moment:%H:%M}"


def severity_text(severity: int | None) -> str:
    return "not set" if severity is None else f"{severity} of 10"


def yes_no(value: bool) -> str:
    return "yes" if value else "no"


def longer(seconds: int) -> int:
    unit = 5 if seconds < 60 else 30 if seconds < 600 else 60
    return min(MAX_DURATION_SECONDS, (seconds // unit + 1) * unit)


def shorter(seconds: int) -> int:
    unit = 5 if seconds <= 60 else 30 if seconds <= 600 else 60
    return max(1, (-(-seconds // unit) - 1) * unit)


def _local_now() -> datetime:
    return datetime.now().astimezone()


def site_choices(app: object, current: str) -> list[tuple[str, str]]:
    """(site, label) for every site the loaded guides define, in their key order; the entry's
    own site stays choosable (under its name) if no loaded guide defines it any more."""
    from tui.content import ContentError

    try:
        choices = [(f.site, f.site_label) for f in app.library.site_flows  # type: ignore[attr-defined]
                   if f.site]
    except (ContentError, AttributeError):
        choices = []  # broken guides: the entry can still be saved with the site it has
    if current not in (site for site, _ in choices):
        choices.append((current, current))
    return choices


def save_entry(store: DiaryStore, entry: Entry, editing: bool) -> Entry:
    """The write itself, run in a worker thread: a busy diary waits here, not in the UI."""
    if editing:
        assert entry.id is not None
        changes = {name: getattr(entry, name) for name in (
            "started_at", "site", "duration_seconds", "in_bed", "pregnant", "helper",
            "preceded_by", "severity", "note")}
        return store.edit(entry.id, **changes)
    return store.add(entry)


class _Form(VerticalScroll, can_focus=False):
    """Scrolls in a small window; never takes the focus, so keys reach the screen."""


class LogCrampScreen(SizeGuard, Screen[Entry | None]):
    """Dismisses with the saved Entry, or None when left without saving.

    A new entry (no id) opens the diary itself when it mounts and closes it when it goes; an
    entry being edited is saved through the store of the screen that opened it.
    """
    CSS_PATH = "diary.tcss"  # with the screen, or warmed after the first frame (app.py)

    AUTO_FOCUS = ""  # nothing: the note takes the focus only when asked for
    BINDINGS = [
        Binding("enter", "save", "Save"),
        Binding("s", "save", "Save", show=False),
        Binding("escape", "leave", "Leave, don't save"),
        Binding("n", "note", "Note"),
        *(Binding(key, f"trigger('{key}')", show=False) for key in TRIGGER_KEYS),
        Binding("plus,equals_sign", "severity(1)", "Worse", key_display="+", show=False),
        Binding("minus,underscore", "severity(-1)", "Milder", key_display="-", show=False),
        Binding("w", "where", show=False),
        Binding("b", "flag('in_bed')", show=False),
        Binding("p", "flag('pregnant')", show=False),
        Binding("h", "flag('helper')", show=False),
        Binding("greater_than_sign,full_stop", "length(1)", show=False),
        Binding("less_than_sign,comma", "length(-1)", show=False),
        Binding("right_square_bracket", "time(1)", show=False),
        Binding("left_square_bracket", "time(-1)", show=False),
        Binding("up", "scroll(-1)", show=False),
        Binding("down", "scroll(1)", show=False),
    ]

    def __init__(self, entry: Entry, *, store: DiaryStore | None = None,
                 now: Callable[[], datetime] = _local_now) -> None:
        super().__init__()
        self.original = entry
        self.entry = entry
        self.editing = entry.id is not None
        self.store = store
        self._owns_store = store is None
        self.problem: str | None = None  # why the diary cannot be used, in plain words
        self._now = now
        self.saved: Entry | None = None
        self.saving = False  # a write is waiting in its worker thread
        self._sites: list[tuple[str, str]] | None = None

    # -- layout ---------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        title = f"Change diary entry {self.entry.id}" if self.editing \
            else "Log this cramp in your diary"
        with _Form(id="log-form"):
            yield Static(title, classes="question-title", id="log-title", markup=False)
            yield Static(id="log-problem", classes="diary-problem", markup=False)
            yield Static("Enter saves it as shown. Change anything first if you like.",
                         classes="question-hint", id="log-hint")
            with Horizontal(id="log-columns"):
                with Vertical(id="log-left"):
                    yield ChoiceList(self._rows(), id="log-rows")
                    yield ChoiceList(self._more_rows(), id="log-more")
                with Vertical(id="log-right"):
                    yield Static("What came before it? (on/off)", classes="log-heading",
                                 id="log-before-heading")
                    yield ChoiceList(self._trigger_rows(), id="log-triggers")
            yield TextField(self.entry.note, placeholder="n: a note (anything worth remembering)",
                        id="log-note", max_length=MAX_NOTE_CHARS)
            yield Static(id="log-status", markup=False)
            yield Static(self._keys_hint(), classes="hint", id="log-keys", markup=False)
        yield KeyBar(show_command_palette=False)

    @property
    def sites(self) -> list[tuple[str, str]]:
        if self._sites is None:
            self._sites = site_choices(self.app, self.entry.site)
        return self._sites

    def site_label(self, site: str) -> str:
        return dict(self.sites).get(site, site)

    def _rows(self) -> list[Row]:
        e = self.entry
        # Labels are plain text: a site's name from a guide is shown as written.
        return [
            Row("[ ]", f"When       {when_text(e.started_at)}", "time"),
            Row("w", f"Where      {self.site_label(e.site)}", "where"),
            Row("< >", f"How long   {format_duration(e.duration_seconds)}", "length"),
            Row("b", f"In bed     {yes_no(e.in_bed)}", "in_bed"),
            Row("p", f"Pregnant   {yes_no(e.pregnant)}", "pregnant"),
            Row("h", f"Helper     {yes_no(e.helper)}", "helper"),
        ]

    def _trigger_rows(self) -> list[Row]:
        return [Row(key, f"{TRIGGER_LABELS[t]:<21} {yes_no(t in self.entry.preceded_by)}",
                    f"trigger:{key}") for key, t in TRIGGER_KEYS.items()]

    def _more_rows(self) -> list[Row]:
        return [Row("+ -", f"How bad    {severity_text(self.entry.severity)}", "severity")]

    def _keys_hint(self) -> str:
        if self.problem:
            return "Esc: back. First aid does not need the diary: ! shows the danger signs."
        return ("Enter or s: save.  Esc: leave without saving.  n or Tab: write a note "
                "(then Enter saves, Esc leaves the note).\n[ ]: 15 minutes earlier or later.  "
                "< >: shorter or longer.  + -: how bad, 1 to 10.")

    def on_mount(self) -> None:
        if self._owns_store:
            self._open()
        self._show_problem()

    def _open(self) -> None:
        from tui.diary.models import DiaryError
        from tui.diary.store import open_diary

        try:
            self.store = open_diary()
        except (DiaryError, OSError) as error:
            self.store = None
            self.problem = str(error)

    def on_unmount(self) -> None:
        if self._owns_store and self.store is not None:
            self.store.close_when_idle()
            self.store = None

    def _show_problem(self) -> None:
        broken = self.problem is not None
        self.set_class(broken, "-unavailable")
        problem = self.query_one("#log-problem", Static)
        problem.display = broken
        if broken:
            problem.update(
                "Your diary cannot be opened, so this cramp cannot be logged now.\n"
                f"{self.problem}\n"
                "The file has been left exactly as it is."
            )
        for part in ("#log-hint", "#log-columns", "#log-note"):
            self.query_one(part).display = not broken
        self.query_one("#log-keys", Static).update(self._keys_hint())
        self.refresh_bindings()

    def _repaint(self) -> None:
        """Update the rows in place: quicker than mounting them again on every key."""
        for list_id, rows in (("#log-rows", self._rows()), ("#log-triggers",
                              self._trigger_rows()), ("#log-more", self._more_rows())):
            self.query_one(list_id, ChoiceList).show(rows)

    def _change(self, **changes: Any) -> None:
        self.entry = replace(self.entry, **changes)
        self.query_one("#log-status", Static).update("")
        self._repaint()

    # -- keys -----------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.problem is not None and action not in ("leave", "scroll"):
            return False
        if self.saving and action not in ("leave", "scroll"):
            return False  # nothing changes under a save in flight; Esc says why it waits
        return True

    def action_trigger(self, key: str) -> None:
        trigger = TRIGGER_KEYS[key]
        self._change(preceded_by=self.entry.preceded_by ^ {trigger})

    def action_severity(self, delta: int) -> None:
        current = self.entry.severity
        if current is None:
            new = 1 if delta > 0 else None
        else:
            new = current + delta
            new = None if new < 1 else min(10, new)
        self._change(severity=new)

    def action_where(self) -> None:
        sites = [site for site, _ in self.sites]
        self._change(site=sites[(sites.index(self.entry.site) + 1) % len(sites)])

    def action_flag(self, name: str) -> None:
        self._change(**{name: not getattr(self.entry, name)})

    def action_length(self, direction: int) -> None:
        seconds = self.entry.duration_seconds
        self._change(duration_seconds=longer(seconds) if direction > 0 else shorter(seconds))

    def action_time(self, direction: int) -> None:
        moment = self.entry.started_at + direction * TIME_STEP
        if moment > self._now():
            self.query_one("#log-status", Static).update("It cannot start in the future.")
            return
        self._change(started_at=moment)

    def action_scroll(self, lines: int) -> None:
        self.query_one(_Form).scroll_relative(y=lines, animate=False)

    def action_note(self) -> None:
        self.query_one("#log-note", Input).focus()

    def action_leave(self) -> None:
        if self.saving:
            self._status("Still saving: the diary file is busy (another cramp window or "
                         "command?). It is kept trying; ! shows the danger signs meanwhile.")
            return
        note = self.query_one("#log-note", Input)
        if note.has_focus:  # Esc in the note leaves the note, keeping what was typed
            self.set_focus(None)
            return
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    async def on_choice_list_chosen(self, event: ChoiceList.Chosen) -> None:
        event.stop()
        value = event.value
        assert isinstance(value, str)  # every row here is named by a string
        if value.startswith("trigger:"):
            self.action_trigger(value.removeprefix("trigger:"))
        elif value == "severity":
            self.action_severity(1 if self.entry.severity != 10 else -10)
        elif value == "where":
            self.action_where()
        elif value == "length":
            self.action_length(1)
        elif value == "time":
            self.action_time(-1)
        else:
            self.action_flag(value)

    def _status(self, text: str) -> None:
        self.query_one("#log-status", Static).update(text)

    def action_save(self) -> None:
        if self.problem is not None or self.saving:
            return
        if self.store is None:
            self._open()
            if self.store is None:
                self._show_problem()
                return
        entry = replace(self.entry, note=self.query_one("#log-note", Input).value)
        store, editing = self.store, self.editing
        self.saving = True
        self._status("Saving...")
        self.refresh_bindings()
        # Off the event loop: a diary locked by another program waits in the thread (busy
        # timeout) while every key, ! first, still answers.
        self.run_worker(lambda: save_entry(store, entry, editing), name="save", thread=True,
                        exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        from tui.diary.models import DiaryError, InvalidEntry

        if event.worker.name != "save" or event.state not in (
                WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            return
        event.stop()
        self.saving = False
        self.refresh_bindings()
        error = event.worker.error
        if isinstance(error, InvalidEntry):
            self._status(f"Not saved: {error.message} ({error.field}).")
        elif isinstance(error, (DiaryError, OSError)):
            self._status(f"Not saved: {error}")
        elif error is not None or event.state != WorkerState.SUCCESS:
            self._status(f"Not saved: {error or 'the save was interrupted'}")
        else:
            assert isinstance(event.worker.result, Entry)  # save_entry returned it
            self._saved(event.worker.result)

    def _saved(self, saved: Entry) -> None:
        # Only now is it on disk: say so, then go back to where the person was.
        self.saved = saved
        self._status("Saved.")
        verb = "Changed diary entry" if self.editing else "Saved to your diary (entry"
        message = f"{verb} {saved.id}" + ("" if self.editing else ")")
        self.app.notify(message, title="Diary", timeout=6)
        if self.app.screen is self:
            self.dismiss(saved)
        # else: the danger signs (or another screen) are on top; leave when shown again.

    def on_screen_resume(self) -> None:
        if self.saved is not None:
            self.dismiss(self.saved)

