"""What every sheet over another screen shares (danger signs, help, sources, the 10-minute
advice): Esc or Enter closes it, q still quits, and it says so in the footer."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import ModalScreen

from tui.app.screens.base import SizeGuard


class Overlay(SizeGuard, ModalScreen[None]):
    CSS_PATH = "info.tcss"  # read before the first frame that shows it, or just after (app.py)
    BINDINGS = [
        Binding("escape", "dismiss", "Close", tooltip="Close this and go back"),
        Binding("enter", "dismiss", "Close", show=False, tooltip="Close this and go back"),
        Binding("q", "app.quit", "Quit", tooltip="Quit cramp"),
    ]

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
