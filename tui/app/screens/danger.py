"""The danger signs, over whatever screen is open: when to stop and get help."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from tui.content.models import Danger, Source
from tui.app.screens.base import SizeGuard

LEVEL_LABEL = {"emergency": "EMERGENCY", "urgent": "URGENT", "doctor": "SEE A DOCTOR"}


def fill(text: str, emergency: str) -> str:
    return text.replace("{emergency}", emergency)


class DangerScreen(SizeGuard, ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("enter", "dismiss", "Close", show=False),
    ]

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
                items = "\n".join(f"  - {fill(item, e)}" for item in section.items)
                yield Static(items, classes="danger-items", markup=False)
            yield Static(fill(d.disclaimer, e), classes="danger-disclaimer", markup=False)
            cited = "; ".join(f"{s.title} [{s.trust}]" for s in self.sources)
            yield Static(f"Sources: {cited}", classes="sources", markup=False)
        yield Footer()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)


class LongCrampScreen(SizeGuard, ModalScreen[None]):
    """Shown once when the cramp clock passes 10 minutes."""

    BINDINGS = [
        Binding("escape", "dismiss", "Back to the stretch"),
        Binding("enter", "dismiss", "Back to the stretch", show=False),
    ]

    def __init__(self, danger: Danger, emergency: str) -> None:
        super().__init__()
        self.danger = danger
        self.emergency = emergency

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="long-cramp"):
            yield Static(fill(self.danger.long_cramp_title, self.emergency), id="long-title",
                         markup=False)
            yield Static(fill(self.danger.long_cramp_text, self.emergency), markup=False)
            yield Static("Press ! for all danger signs, Esc to go back.", classes="hint")
        yield Footer()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
