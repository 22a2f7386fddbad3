"""Large block letters for the hold countdown, readable from across a room.

Drawn with the full block and half blocks (U+2588, U+2580, U+2584), which every terminal font and
the browser's have, instead of box-drawing fragments. Two sizes: 7 rows (each pixel a full block,
two columns wide) and 3 rows (two pixels a cell, with half blocks); below that, plain words.
"""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

# 5 x 7 pixel glyphs: the large size, and the small one from its rows 0, 3 and 6 squeezed.
GLYPHS_7 = {
    "0": ["#####", "#   #", "#  ##", "# # #", "##  #", "#   #", "#####"],
    "1": ["  #  ", " ##  ", "# #  ", "  #  ", "  #  ", "  #  ", "#####"],
    "2": ["#####", "    #", "    #", "#####", "#    ", "#    ", "#####"],
    "3": ["#####", "    #", "    #", " ####", "    #", "    #", "#####"],
    "4": ["#   #", "#   #", "#   #", "#####", "    #", "    #", "    #"],
    "5": ["#####", "#    ", "#    ", "#####", "    #", "    #", "#####"],
    "6": ["#####", "#    ", "#    ", "#####", "#   #", "#   #", "#####"],
    "7": ["#####", "    #", "   # ", "  #  ", "  #  ", "  #  ", "  #  "],
    "8": ["#####", "#   #", "#   #", "#####", "#   #", "#   #", "#####"],
    "9": ["#####", "#   #", "#   #", "#####", "    #", "    #", "#####"],
    "A": [" ### ", "#   #", "#   #", "#####", "#   #", "#   #", "#   #"],
    "D": ["#### ", "#   #", "#   #", "#   #", "#   #", "#   #", "#### "],
    "E": ["#####", "#    ", "#    ", "#### ", "#    ", "#    ", "#####"],
    "H": ["#   #", "#   #", "#   #", "#####", "#   #", "#   #", "#   #"],
    "L": ["#    ", "#    ", "#    ", "#    ", "#    ", "#    ", "#####"],
    "O": [" ### ", "#   #", "#   #", "#   #", "#   #", "#   #", " ### "],
    "P": ["#### ", "#   #", "#   #", "#### ", "#    ", "#    ", "#    "],
    "R": ["#### ", "#   #", "#   #", "#### ", "# #  ", "#  # ", "#   #"],
    "S": [" ####", "#    ", "#    ", " ### ", "    #", "    #", "#### "],
    "U": ["#   #", "#   #", "#   #", "#   #", "#   #", "#   #", " ### "],
    " ": ["     "] * 7,
}
# 3 x 5 pixel glyphs for the small size: two pixel rows a cell, so 3 rows tall.
GLYPHS_5 = {
    "0": ["###", "# #", "# #", "# #", "###"], "1": [" # ", "## ", " # ", " # ", "###"],
    "2": ["###", "  #", "###", "#  ", "###"], "3": ["###", "  #", " ##", "  #", "###"],
    "4": ["# #", "# #", "###", "  #", "  #"], "5": ["###", "#  ", "###", "  #", "###"],
    "6": ["###", "#  ", "###", "# #", "###"], "7": ["###", "  #", " # ", " # ", " # "],
    "8": ["###", "# #", "###", "# #", "###"], "9": ["###", "# #", "###", "  #", "###"],
    "A": ["###", "# #", "###", "# #", "# #"], "D": ["## ", "# #", "# #", "# #", "## "],
    "E": ["###", "#  ", "## ", "#  ", "###"], "H": ["# #", "# #", "###", "# #", "# #"],
    "L": ["#  ", "#  ", "#  ", "#  ", "###"], "O": ["###", "# #", "# #", "# #", "###"],
    "P": ["###", "# #", "###", "#  ", "#  "], "R": ["## ", "# #", "## ", "# #", "# #"],
    "S": ["###", "#  ", "###", "  #", "###"], "U": ["# #", "# #", "# #", "# #", "###"],
    " ": ["   "] * 5,
}
LARGE, SMALL, WORDS = 7, 3, 1  # rows tall


def large(text: str) -> list[str]:
    """Seven rows; each pixel two columns wide, so the glyphs look square-ish in a terminal."""
    glyphs = [GLYPHS_7.get(char, GLYPHS_7[" "]) for char in text.upper()]
    return ["  ".join(g[row].replace("#", "██").replace(" ", "  ") for g in glyphs)
            for row in range(7)]


def small(text: str) -> list[str]:
    """Three rows: two pixel rows share a cell through the upper and lower half blocks."""
    glyphs = [GLYPHS_5.get(char, GLYPHS_5[" "]) for char in text.upper()]
    rows = []
    for top in (0, 2, 4):
        cells = []
        for g in glyphs:
            upper, lower = g[top], g[top + 1] if top + 1 < 5 else "   "
            cells.append("".join(_half(a, b) * 2 for a, b in zip(upper, lower)))
        rows.append(" ".join(cells))
    return rows


def _half(upper: str, lower: str) -> str:
    return {("#", "#"): "█", ("#", " "): "▀", (" ", "#"): "▄"}.get((upper, lower), " ")


# Rows keep their trailing blanks: centred text must line every row up the same.
def width_of(lines: list[str]) -> int:
    return max((len(line) for line in lines), default=0)


class BigText(Widget):
    """A word or number in the largest block size that fits the width and the `rows` allowed.
    `rows` is set by the screen from the terminal size (7, 3, or 1 for plain words)."""

    DEFAULT_CSS = "BigText { height: auto; width: 1fr; }"

    def __init__(self, text: str = "", rows: int = LARGE, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._text, self._rows = text, rows

    def show(self, text: str, rows: int | None = None) -> None:
        rows = self._rows if rows is None else rows
        if (text, rows) != (self._text, self._rows):
            changed_height = rows != self._rows
            self._text, self._rows = text, rows
            self.refresh(layout=changed_height)

    @property
    def text(self) -> str:
        return self._text

    def lines(self, width: int) -> list[str]:
        """The drawing for this width: the largest size that fits, down to the plain word."""
        for size, draw in ((LARGE, large), (SMALL, small)):
            if self._rows >= size and width_of(drawn := draw(self._text)) <= width:
                return drawn
        return [self._text]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Text:
        lines = self.lines(self.content_region.width or self.size.width)
        return Text("\n".join(lines), no_wrap=True, overflow="crop")
