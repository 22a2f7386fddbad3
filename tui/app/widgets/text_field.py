"""A one-line text field (a note, the search's words, a setting) that leaves the app's "!" alone
and draws each key without arranging the screen again.

Textual lets a focused Input take every printable key, even over the app's priority bindings. The
danger signs must open from anywhere, so "!" is not typed here: it opens them.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input

RESERVED = frozenset({"exclamation_mark"})


class TextField(Input):
    # Textual's Input sets its virtual size (the width of its words, to scroll them) at every
    # key, and that size is declared to need a new layout of the whole screen. A field's own
    # size never follows its words: a repaint is enough.
    virtual_size = Reactive(Size(0, 0), layout=False)

    def check_consume_key(self, key: str, character: str | None) -> bool:
        if key in RESERVED:
            return False
        return super().check_consume_key(key, character)
