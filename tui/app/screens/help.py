"""Help for the screen underneath: every key it takes, in words. Built from the screen's own
bindings (and the keys it reads itself, `help_keys()`), so it cannot go stale."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from tui.app.screens.overlay import Overlay
from tui.app.widgets.hanging import Hanging
from tui.app.widgets.key_bar import KeyBar


def keys_of(screen: Screen[Any]) -> list[tuple[str, str]]:
    """(key, what it does) for every key the screen takes now: its own first, then the app's."""
    rows: list[tuple[str, str]] = list(getattr(screen, "help_keys", lambda: [])())
    seen = {key for key, _ in rows}
    for binding in _enabled_bindings(screen):
        key = binding.key_display or screen.app.get_key_display(binding)
        words = binding.tooltip or binding.description
        if words and key not in seen:
            seen.add(key)
            rows.append((key, words))
    return rows


TEXTUAL_OWN = {"app.focus_next", "app.focus_previous", "screen.copy_text"}


def _enabled_bindings(screen: Screen[Any]) -> list[Binding]:
    """The screen's own keys and cramp's, not the widgets' (Textual's focus and copy keys)."""
    return [active.binding for active in screen.active_bindings.values()
            if active.enabled and active.node in (screen, screen.app)
            and active.binding.action not in TEXTUAL_OWN]


class HelpScreen(Overlay):
    BINDINGS = [Binding("question_mark,f1", "dismiss", "Close", key_display="?", show=False)]

    def __init__(self, title: str, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text, self.keys = title, keys

    def compose(self) -> ComposeResult:
        width = max((len(key) for key, _ in self.keys), default=1)
        with VerticalScroll(id="help"):
            yield Static(f"Keys: {self.title_text}", id="help-title", markup=False)
            for key, words in self.keys:
                yield Hanging(Text(f"{key:>{width}}", style="bold"), words, marker_width=width,
                              classes="help-row")
            yield Static("Every choice on screen can also be clicked. Esc closes this help.",
                         classes="hint", markup=False)
        yield KeyBar(show_command_palette=False)

