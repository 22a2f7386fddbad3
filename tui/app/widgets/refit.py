"""New words in a widget, with a relayout only when they change its size.

Textual's Static.update (and a widget's refresh(layout=True)) arranges every widget of the screen
again, as the words may need more or fewer lines. On the stretch screen that relayout, and the
repaint of every widget it touches, was most of what a key such as h (helper) cost; most such
keys change words but not the number of lines.
"""

from __future__ import annotations

from textual.visual import VisualType
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
