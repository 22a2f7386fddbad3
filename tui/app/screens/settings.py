"""Settings: each change is saved at once, so nothing is lost if the window closes."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Label, Select, Static, Switch

from tui.app.screens.base import SizeGuard
from tui.app.widgets.key_bar import KeyBar
from tui.app.widgets.text_field import TextField
from tui.app.themes import OFFERED_NAMES
from tui.settings import (DEFAULT_EMERGENCY, DEFAULT_SPEECH_RATE, MAX_HOLD, MAX_SPEECH_RATE,
                          MIN_HOLD, MIN_SPEECH_RATE)

_PHONE = re.compile(r"^[0-9+ /-]{0,20}$")
SWITCHES = {
    "pregnant": "Pregnant, or gave birth in the last 6 weeks",
    "sound": "Sound: a bell when a hold ends",
    "speak": "Speak steps aloud and count the hold (offline)",
}


def parse_hold(value: str) -> tuple[float | None, str | None]:
    """The hold length typed by the person, or why it cannot be used."""
    value = value.strip()
    if not value:
        return None, None
    try:
        seconds = float(value)
    except ValueError:
        return None, f"'{value}' is not a number of seconds"
    if not MIN_HOLD <= seconds <= MAX_HOLD:
        return None, f"choose from {MIN_HOLD} to {MAX_HOLD} seconds"
    return seconds, None


def parse_rate(value: str) -> tuple[int, str | None]:
    """The speech rate typed, in words a minute, or why it cannot be used (then the default)."""
    value = value.strip()
    if not value:
        return DEFAULT_SPEECH_RATE, None
    if not value.isdigit() or not MIN_SPEECH_RATE <= int(value) <= MAX_SPEECH_RATE:
        return DEFAULT_SPEECH_RATE, f"choose {MIN_SPEECH_RATE} to {MAX_SPEECH_RATE} words a minute"
    return int(value), None


class SettingsScreen(SizeGuard, Screen[None]):
    CSS_PATH = "settings.tcss"  # with the screen, or warmed after the first frame (app.py)
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", tooltip="Back (every change is "
                        "already saved)")]
    help_title = "settings"
    AUTO_FOCUS = "#emergency"

    def compose(self) -> ComposeResult:
        s = self.app.settings
        with VerticalScroll(id="settings"):
            yield Static("Settings", classes="question-title")
            yield Label("Emergency number (shown on the danger screens):")
            yield TextField(s.emergency_number, placeholder=DEFAULT_EMERGENCY, id="emergency",
                            restrict=r"[0-9+ /-]*", max_length=20)
            yield Static(self._in_use(), id="emergency-in-use", markup=False)
            yield from self._switch_row("pregnant", s.pregnant)
            yield from self._switch_row("sound", s.sound)
            yield Label(f"Hold length in seconds ({MIN_HOLD}-{MAX_HOLD}; empty = the "
                        "guide's 5 s):")
            hold = "" if s.hold_seconds is None else f"{s.hold_seconds:g}"
            yield TextField(hold, placeholder="5", id="hold", max_length=5)
            yield Static(id="hold-error", classes="field-error", markup=False)  # quotes input
            yield from self._switch_row("speak", s.speak)
            yield Label(f"Speech rate, words a minute ({MIN_SPEECH_RATE}-{MAX_SPEECH_RATE}; "
                        "lower is slower):")
            yield TextField(str(s.speech_rate), placeholder=str(DEFAULT_SPEECH_RATE), id="rate",
                            max_length=3, restrict=r"[0-9]*")
            yield Static(id="rate-error", classes="field-error", markup=False)
            yield Label("Theme:")
            yield Select([(name, name) for name in OFFERED_NAMES], value=self.app.theme,
                         allow_blank=False, id="theme")
        yield KeyBar()

    def _switch_row(self, name: str, on: bool) -> ComposeResult:
        """A switch with its state in words beside it, never by colour alone."""
        with Horizontal(classes="setting-row"):
            yield Switch(on, id=name)
            yield Label(self._switch_words(name, on), id=f"{name}-words", markup=False)

    @staticmethod
    def _switch_words(name: str, on: bool) -> str:
        return f"{SWITCHES[name]}: {'on' if on else 'off'} (space changes it)"

    def _in_use(self) -> str:
        settings = self.app.settings
        source = "yours" if settings.emergency_number else "the default until you set yours"
        return f"In use now: {settings.emergency} ({source})"

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "emergency" and _PHONE.match(event.value):
            self.app.remember(emergency_number=event.value.strip())
            self.query_one("#emergency-in-use", Static).update(self._in_use())
        elif event.input.id == "hold":
            # The setting always matches what the field says; while the field cannot be used,
            # holds take the guide's length and the message says so.
            seconds, problem = parse_hold(event.value)
            message = f"{problem}: holds use the guide's 5 s until then" if problem else ""
            self.query_one("#hold-error", Static).update(message)
            self.app.remember(hold_seconds=seconds)
        elif event.input.id == "rate":
            rate, problem = parse_rate(event.value)
            self.query_one("#rate-error", Static).update(
                f"{problem}: speech uses {DEFAULT_SPEECH_RATE} until then" if problem else "")
            self.app.remember(speech_rate=rate)

    def on_switch_changed(self, event: Switch.Changed) -> None:
        name = event.switch.id or ""
        self.app.remember(**{name: event.value})
        self.query_one(f"#{name}-words", Label).update(self._switch_words(name, event.value))

    def on_select_changed(self, event: Select.Changed) -> None:
        # A theme's name; not Select.BLANK, the "nothing chosen" marker.
        if isinstance(event.value, str) and event.value != self.app.theme:
            self.app.theme = event.value  # the app remembers it through theme_changed_signal
