"""What every cramp screen shares: a notice, instead of a broken layout, when the terminal is
too small to use."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events, getters
from textual.widgets import Static

if TYPE_CHECKING:
    from textual.screen import Screen

    from tui.app.app import CrampApp

    # A type checker sees the mixin as the Screen it is always mixed into (for self.mount, and
    # so its _on_mount and app match Screen's); at run time it stays a plain class.
    _ScreenBase = Screen[Any]
else:
    _ScreenBase = object

MIN_WIDTH, MIN_HEIGHT = 40, 12


class TooSmall(Static):
    """Covers the screen below the minimum size; the CSS shows it via the breakpoint classes."""

    def __init__(self) -> None:
        super().__init__(
            f"This window is too small for cramp.\nMake it at least {MIN_WIDTH} columns by "
            f"{MIN_HEIGHT} rows.\nOr run: cramp --plain",
            id="too-small",
            markup=False,
        )


def _cramp_app() -> type[CrampApp]:
    from tui.app.app import CrampApp

    return CrampApp


class SizeGuard(_ScreenBase):
    """Mixed into every Screen. Textual runs each class's mount handler, so screens keep their
    own on_mount."""

    # Screens reach the app through this typed accessor (self.app.session, .settings, ...).
    app = getters.app(_cramp_app)

    def _on_mount(self, event: events.Mount) -> None:
        self.mount(TooSmall())
