"""Text from the command line, shown back safely: every message that quotes what a person typed
goes through here, so an escape sequence in an argument (`cramp read $'\\e]0;x\\a'`) is printed as
visible characters and never reaches the terminal as a command."""

from __future__ import annotations

import unicodedata

# Control (Cc), format (Cf: bidi overrides, zero-width), lone surrogates (Cs, from undecodable
# bytes) and line/paragraph separators (Zl, Zp): none of them may reach a terminal as themselves.
_HIDDEN = frozenset(("Cc", "Cf", "Cs", "Zl", "Zp"))


def visible(text: str) -> str:
    """`text` with each control or invisible character written as its escape, e.g. `\\x1b`."""
    return "".join(
        char.encode("unicode_escape").decode("ascii")
        if unicodedata.category(char) in _HIDDEN else char
        for char in text
    )


def quoted(text: str) -> str:
    """`text` in single quotes, made visible: for "there is no page 'x'" messages."""
    return f"'{visible(text)}'"
