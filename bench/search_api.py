"""How the benchmark calls tui.content.search, whatever shape its API settles on.

Known shape (tui/content/search.py): `search(library, query, limit=20)` over an index that
`index_for` builds once per Library. A bare `Index(pages).search(query)` also works.
"""

from __future__ import annotations

import time
from typing import Any, Callable


def build_seconds(search: Any, library: Any) -> float | None:
    """Time to build the index for a fresh Library (None if the module has no separate index)."""
    if hasattr(search, "Index"):
        started = time.perf_counter()
        search.Index(library.pages.values())
        return time.perf_counter() - started
    return None


def query_function(search: Any, library: Any) -> tuple[Callable[[str], Any], str]:
    """A one-argument query function over `library`, and how it is called."""
    if callable(getattr(search, "search", None)):
        if hasattr(search, "index_for"):
            search.index_for(library)  # built once per library: not part of a query's time
        return (lambda q: search.search(library, q)), "tui.content.search.search(library, q)"
    if hasattr(search, "Index"):
        index = search.Index(library.pages.values())
        return index.search, "tui.content.search.Index(pages).search(q)"
    raise LookupError("tui.content.search has neither search() nor Index")
