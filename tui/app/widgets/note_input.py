"""A one-line text field that leaves the app's "!" alone.

Textual lets a focused Input take every printable key, even over the app's priority bindings. The
danger signs must open from anywhere, so "!" is not typed here: it opens them.
"""

from __future__ import annotations

from textual.widgets import Input

RESERVED = frozenset({"exclamation_mark"})


class NoteInput(Input):
    def check_consume_key(self, key: str, character: str | None) -> bool:
        if key in RESERVED:
            return False
        return super().check_consume_key(key, character)
