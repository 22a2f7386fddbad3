"""The danger signs, over whatever screen is open: when to stop and get help."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.content.models import Danger, Source
from tui.app.screens.overlay import Overlay
from tui.app.widgets.hanging import Hanging
from tui.app.widgets.key_bar import KeyBar
from tui.app.voice import hush, speak
from tui.walk import speech
from tui.walk.view import fill

LEVEL_LABEL = {"emergency": "EMERGENCY", "urgent": "URGENT", "doctor": "SEE A DOCTOR"}


class DangerScreen(Overlay):
    help_title = "the danger signs"

    def __init__(self, danger: Danger, sources: list[Source], emergency: str) -> None:
        super().__init__()
        self.danger = danger
        self.sources = sources
        self.emergency = emergency

    def compose(self) -> ComposeResult:
        d, e = self.danger, self.emergency
        with VerticalScroll(id="danger"):
            # Every text here is a guide's or a setting's: plain, never markup.
            yield Static(fill(d.title, e), id="danger-title", markup=False)
            if d.intro:
                yield Static(fill(d.intro, e), classes="danger-intro", markup=False)
            for section in d.sections:
                yield Static(f"{LEVEL_LABEL[section.level]}: {fill(section.heading, e)}",
                             classes=f"danger-heading -{section.level}", markup=False)
                for item in section.items:  # wrapped lines hang under the words, not the dash
                    yield Hanging("  -", fill(item, e), classes="danger-item")
            yield Static(fill(d.disclaimer, e), classes="danger-disclaimer", markup=False)
            cited = "; ".join(s.citation for s in self.sources)
            yield Static(f"Sources: {cited}", classes="sources", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        speak(self.app, *speech.danger(self.danger, self.emergency))

    def on_unmount(self) -> None:
        hush(self.app)



class LongCrampScreen(Overlay):
    """Shown once when the cramp clock passes 10 minutes."""

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title, self.text = title, text

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="long-cramp"):
            yield Static(self.title or "", id="long-title", markup=False)
            yield Static(self.text, markup=False)
            yield Static("Press ! for all danger signs, Esc to go back.", classes="hint")
        yield KeyBar()

