"""Settings: each change is saved at once, so nothing is lost if the window closes."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Select, Static, Switch

from tui.app.screens.base import SizeGuard
from tui.settings import (DEFAULT_EMERGENCY, DEFAULT_SPEECH_RATE, MAX_HOLD, MAX_SPEECH_RATE,
                          MIN_HOLD, MIN_SPEECH_RATE)

_PHONE = re.compile(r"^[0-9+ /-]{0,20}$")


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


class SettingsScreen(SizeGuard, Screen):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]
    AUTO_FOCUS = "#emergency"

    def compose(self) -> ComposeResult:
        s = self.app.settings
        with VerticalScroll(id="settings"):
            yield Static("Settings", classes="question-title")
            yield Label("Emergency number (shown on the danger screens):")
            yield Input(s.emergency_number, placeholder=DEFAULT_EMERGENCY, id="emergency",
                        restrict=r"[0-9+ /-]*", max_length=20)
            with Horizontal(classes="setting-row"):
                yield Switch(s.pregnant, id="pregnant")
                yield Label("Pregnant, or gave birth in the last 6 weeks")
            with Horizontal(classes="setting-row"):
                yield Switch(s.sound, id="sound")
                yield Label("Sound: a bell when a hold ends")
            yield Label(f"Hold length in seconds ({MIN_HOLD}-{MAX_HOLD}; empty = the "
                        "guide's 5 s):")
            hold = "" if s.hold_seconds is None else f"{s.hold_seconds:g}"
            yield Input(hold, placeholder="5", id="hold", max_length=5)
            yield Static(id="hold-error", classes="field-error")
            with Horizontal(classes="setting-row"):
                yield Switch(s.speak, id="speak")
                yield Label("Speak steps aloud and count the hold (offline)")
            yield Label(f"Speech rate, words a minute ({MIN_SPEECH_RATE}-{MAX_SPEECH_RATE}; "
                        "lower is slower):")
            yield Input(str(s.speech_rate), placeholder=str(DEFAULT_SPEECH_RATE), id="rate",
                        max_length=3, restrict=r"[0-9]*")
            yield Static(id="rate-error", classes="field-error")
            yield Label("Theme:")
            themes = sorted(self.app.available_themes)
            yield Select([(name, name) for name in themes], value=self.app.theme,
                         allow_blank=False, id="theme")
        yield Footer()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "emergency" and _PHONE.match(event.value):
            self.app.remember(emergency_number=event.value.strip())
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
        self.app.remember(**{event.switch.id: event.value})

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.value != Select.BLANK and event.value != self.app.theme:
            self.app.theme = event.value  # the app remembers it through theme_changed_signal
