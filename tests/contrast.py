"""WCAG 2.x contrast of what the app draws: every cell the compositor sends to the terminal.

Colours are read from the compositor's strips (as Textual's screenshot export reads them). ANSI
colours have no fixed RGB: they are resolved through a terminal palette, and the terminal's
default colours (`None`, "default") are that palette's black background and white foreground.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from rich.color import Color, ColorType
from rich.style import Style
from textual.filter import DIM_FACTOR

RGB = tuple[int, int, int]

# xterm's 16 colours, and the Linux console's (the VGA text-mode palette).
XTERM: tuple[RGB, ...] = (
    (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205),
    (0, 205, 205), (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0),
    (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255))
VGA: tuple[RGB, ...] = (
    (0, 0, 0), (170, 0, 0), (0, 170, 0), (170, 85, 0), (0, 0, 170), (170, 0, 170),
    (0, 170, 170), (170, 170, 170), (85, 85, 85), (255, 85, 85), (85, 255, 85), (255, 255, 85),
    (85, 85, 255), (255, 85, 255), (85, 255, 255), (255, 255, 255))
PALETTES = {"xterm": XTERM, "vga": VGA}

# Drawing characters: borders, bars, scrollbars and the big digits. They are not words; the big
# digits are measured as the countdown by where they are drawn (see Cell.inside).
_DRAWING = (0x2500, 0x259F)


def luminance(rgb: RGB) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(one: RGB, other: RGB) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@dataclass(frozen=True)
class Cell:
    """A run of cells drawn in one style: where, what, and its colours as the eye sees them."""

    y: int
    x: int
    text: str
    fg: RGB
    bg: RGB

    @property
    def ratio(self) -> float:
        return ratio(self.fg, self.bg)

    @property
    def is_text(self) -> bool:
        """Letters, digits or punctuation (what a person reads), not drawing characters."""
        return any(not ch.isspace() and not _DRAWING[0] <= ord(ch) <= _DRAWING[1]
                   and unicodedata.category(ch)[0] in "LNPS" for ch in self.text)

    @property
    def is_drawing(self) -> bool:
        return any(_DRAWING[0] <= ord(ch) <= _DRAWING[1] for ch in self.text)

    def inside(self, region) -> bool:
        return (region.y <= self.y < region.y + region.height
                and self.x < region.x + region.width and region.x < self.x + len(self.text))


class Resolver:
    """RGB for a Rich colour: true colours as they are, ANSI colours through a palette."""

    def __init__(self, palette: tuple[RGB, ...] | None = None,
                 default_fg: RGB = (255, 255, 255), default_bg: RGB = (0, 0, 0)) -> None:
        self.palette = palette
        self.default_fg = palette[7] if palette else default_fg
        self.default_bg = palette[0] if palette else default_bg

    def rgb(self, color: Color | None, default: RGB) -> RGB:
        if color is None or color.type == ColorType.DEFAULT:
            return default
        if color.triplet is not None:
            return tuple(color.triplet)  # type: ignore[return-value]
        assert self.palette is not None, f"an ANSI colour {color.name} in a true-colour theme"
        assert color.number is not None and color.number < 16, f"colour {color.name}"
        return self.palette[color.number]

    def colours(self, style: Style | None) -> tuple[RGB, RGB]:
        style = style or Style()
        fg = self.rgb(style.color, self.default_fg)
        bg = self.rgb(style.bgcolor, self.default_bg)
        if style.dim:  # as Textual's dim filter: towards the background
            fg = tuple(int(b + (f - b) * DIM_FACTOR) for f, b in zip(fg, bg))  # type: ignore
        if style.reverse:
            fg, bg = bg, fg
        return fg, bg


def cells(app, resolver: Resolver) -> list[Cell]:
    """Every styled run the screen draws now."""
    drawn = []
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        x = 0
        for segment in strip:
            if segment.control:
                continue
            fg, bg = resolver.colours(segment.style)
            drawn.append(Cell(y, x, segment.text, fg, bg))
            x += segment.cell_length
    return drawn


def resolver_for(app, palette: tuple[RGB, ...] | None) -> Resolver:
    """True-colour themes resolve a missing colour to the theme's own; ANSI ones to the palette."""
    if palette is not None:
        return Resolver(palette)
    theme = app.current_theme
    return Resolver(default_fg=_rgb(theme.foreground), default_bg=_rgb(theme.background))


def _rgb(css: str | None) -> RGB:
    from textual.color import Color as TextualColor

    colour = TextualColor.parse(css or "#000000")
    return colour.r, colour.g, colour.b
