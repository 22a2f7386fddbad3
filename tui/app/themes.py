"""cramp's own high-contrast theme, and which theme to start with."""

from __future__ import annotations

import os

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="cramp-high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    warning="#FFD700",
    error="#FF6060",
    success="#00FF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#202020",
    boost="#303030",
    dark=True,
    variables={
        "text-muted": "#FFFFFF",
        "footer-key-foreground": "#FFFF00",
        "footer-description-foreground": "#FFFFFF",
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#FFFF00",
    },
)

DEFAULT = "textual-dark"
# The Linux console has 16 colours and no true colour: use the terminal's own palette there.
CONSOLE = "ansi-dark"


def starting_theme(chosen: str | None, remembered: str, known: set[str]) -> str:
    """--theme first, then the remembered choice, then what suits this terminal."""
    for name in (chosen, remembered):
        if name and name in known:
            return name
    return CONSOLE if os.environ.get("TERM") == "linux" else DEFAULT
