"""Settings: each change is saved at once, so nothing is lost if the window closes."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Select, Static, Switch

from tui.app.screens.base import SizeGuard
from tui.settings import DEFAULT_EMERGENCY, MAX_HOLD, MIN_HOLD

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
            yield Static(id="hold-error", classes="field-error", markup=False)  # quotes input
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

    def on_switch_changed(self, event: Switch.Changed) -> None:
        self.app.remember(**{event.switch.id: event.value})

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.value != Select.BLANK and event.value != self.app.theme:
            self.app.theme = event.value  # the app remembers it through theme_changed_signal
