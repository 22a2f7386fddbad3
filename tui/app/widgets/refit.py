"""New words in a widget, with a relayout only when they change its size.

Textual's Static.update (and a widget's refresh(layout=True)) arranges every widget of the screen
again, as the words may need more or fewer lines. On the stretch screen that relayout, and the
repaint of every widget it touches, was most of what a key such as h (helper) cost; most such
keys change words but not the number of lines.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.strip import Strip
from textual.visual import Visual, VisualType
from textual.widget import Widget
from textual.widgets import Static


def refit(widget: Widget) -> None:
    """Repaint `widget`, whose content changed; arrange the screen again only if its size follows
    its content and the new content needs another size."""
    widget.refresh()
    width, height, size = widget.styles.width, widget.styles.height, widget.content_size
    if not size.width or (width is not None and width.is_auto):
        widget.refresh(layout=True)  # not laid out yet (or hidden), or as wide as its words
    elif height is not None and height.is_auto \
            and widget.get_content_height(size, widget.app.size, size.width) != size.height:
        widget.refresh(layout=True)


def show_text(widget: Static, content: VisualType) -> None:
    """Static.update, with a relayout only when needed (see refit)."""
    widget.update(content, layout=False)
    refit(widget)


class FittedText(Static):
    """A Static that wraps its words once for each change (and width): its height and its lines
    come from the same wrap. A Static wraps them twice, once to size itself and once to draw."""

    _fitted: tuple[tuple[object, ...], list[Strip]] | None = None

    def _lines(self, width: int) -> list[Strip]:
        visual, style = self.visual, self.visual_style
        key = (width, style, self.text_selection)
        if self._fitted is None or self._fitted[0][0] is not visual or self._fitted[0][1:] != key:
            self._fitted = ((visual, *key), Visual.to_strips(self, visual, width, None, style))
        return self._fitted[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width)) if width else 0

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        lines = self._lines(width)
        return lines[y] if y < len(lines) else Strip.blank(width, self.visual_style.rich_style)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._fitted = None  # alignment or wrapping may have changed with the styles
