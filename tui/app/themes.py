"""The themes cramp offers, and which one to start with.

Every offered theme is measured (tests/test_contrast.py): all text at least 4.5:1 (WCAG AA), in
cramp-dark the safety text at least 7:1, in cramp-high-contrast every text at least 7:1. The
semantic colours (error, warning, success, accent, links, cursor rows) are fixed here because the
screens use them both as text on the background and as a background under text: light colours on
a dark theme, dark ones on the light theme, so both uses hold. Textual's other built-in themes are
not offered: with them the danger sheet's headings fall as low as 1.2:1.
"""

from __future__ import annotations

import os

from textual.theme import Theme

CRAMP_DARK = Theme(
    name="cramp-dark",
    primary="#5FAFFF",
    secondary="#87D7D7",
    accent="#87D7FF",
    warning="#FFD75F",
    error="#FF9999",
    success="#87E087",
    foreground="#E8E8E8",
    background="#121212",
    surface="#1E1E1E",
    panel="#262626",
    dark=True,
    variables={
        "text-muted": "#BDBDBD",
        "text-disabled": "#A8A8A8",  # placeholders: still words a person must read
        "footer-key-foreground": "#FFD75F",
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#87D7FF",
        "block-cursor-blurred-foreground": "#FFFFFF",
        "block-cursor-blurred-background": "#3A5068",
        "link-color": "#87D7FF",
    },
)

CRAMP_LIGHT = Theme(
    name="cramp-light",
    primary="#0050A0",
    secondary="#005F5F",
    accent="#004A80",
    warning="#6B3D00",
    error="#A00000",
    success="#145A14",
    foreground="#1A1A1A",
    background="#FFFFFF",
    surface="#F2F2F2",
    panel="#E6E6E6",
    dark=False,
    variables={
        "text-muted": "#4A4A4A",
        "text-disabled": "#555555",
        "footer-key-foreground": "#3A2000",  # still 4.5:1 when dimmed (keys not usable now)
        "block-cursor-foreground": "#FFFFFF",
        "block-cursor-background": "#0050A0",
        "block-cursor-blurred-foreground": "#000000",
        "block-cursor-blurred-background": "#C8DAF0",
        "link-color": "#0050A0",
    },
)

HIGH_CONTRAST = Theme(
    name="cramp-high-contrast",
    primary="#5FAFFF",
    secondary="#00FFFF",
    accent="#FFFF00",
    warning="#FFD700",
    error="#FF8080",
    success="#00FF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#202020",
    boost="#303030",
    dark=True,
    variables={
        "text-muted": "#FFFFFF",
        "text-disabled": "#C8C8C8",
        "footer-key-foreground": "#FFFF00",
        "footer-description-foreground": "#FFFFFF",
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#FFFF00",
        "block-cursor-blurred-foreground": "#FFFFFF",
        "block-cursor-blurred-background": "#404040",
        "link-color": "#00FFFF",
    },
)

# The Linux console: 16 colours whose RGB is the terminal's own (xterm's and the VGA palette
# differ a lot), so only pairs that hold on both: bright colours on black, black on bright ones,
# never blue on black.
ANSI_DARK = Theme(
    name="ansi-dark",
    ansi=True,
    primary="ansi_bright_cyan",
    secondary="ansi_cyan",
    accent="ansi_bright_cyan",
    warning="ansi_bright_yellow",
    error="ansi_bright_red",
    success="ansi_bright_green",
    foreground="ansi_default",
    background="ansi_default",
    surface="ansi_default",
    panel="ansi_default",
    boost="ansi_default",
    dark=True,
    variables={
        "ansi-background": "ansi_black",
        "ansi-foreground": "ansi_white",
        "border-blurred": "ansi_black",
        "footer-key-foreground": "ansi_bright_yellow",
        "link-color": "ansi_bright_cyan",
        "block-cursor-foreground": "ansi_black",
        "block-cursor-background": "ansi_bright_white",
        "block-cursor-blurred-foreground": "ansi_bright_white",
        "block-cursor-blurred-background": "ansi_blue",  # light words on blue hold on both
        **{f"markdown-h{n}-color": "ansi_bright_cyan" for n in range(1, 7)},
        "input-cursor-background": "ansi_bright_white",
        "input-cursor-foreground": "ansi_black",
        "input-selection-background": "ansi_bright_cyan",
        "input-selection-foreground": "ansi_black",
        "screen-selection-background": "ansi_bright_cyan",
        "screen-selection-foreground": "ansi_black",
    },
)

OFFERED = (CRAMP_DARK, CRAMP_LIGHT, HIGH_CONTRAST, ANSI_DARK)
OFFERED_NAMES = tuple(theme.name for theme in OFFERED)
DEFAULT = CRAMP_DARK.name
CONSOLE = ANSI_DARK.name


def starting_theme(chosen: str | None, remembered: str, known: set[str]) -> tuple[str, str | None]:
    """--theme first, then the remembered choice, then what suits this terminal; and a one-line
    notice when the theme asked for is one cramp no longer offers (an unknown --theme is refused
    before this, by the command line)."""
    for name in (chosen, remembered):
        if name in OFFERED_NAMES:
            return name, None
        if name and name in known:
            fallback = _for_this_terminal()
            return fallback, (f"The theme {name} is no longer offered (some of its text was hard "
                              f"to read): using {fallback}. Settings has the choices.")
    return _for_this_terminal(), None


def _for_this_terminal() -> str:
    return CONSOLE if os.environ.get("TERM") == "linux" else DEFAULT
