"""The command palette (ctrl+p) finds the stretch flows and the library pages.

"Cramp now: <site>" starts that stretch; "Read: <page title>" opens the page in the library (in
the library already on screen, if it is). CrampApp lists this provider lazily, so Home's first
frame does not import it.
"""

from __future__ import annotations

from functools import partial
from typing import Any, Callable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher


def highlight(matcher: Matcher, text: str) -> Content:
    """The matched letters marked, the rest plain: Textual's own highlight() reads the text as
    markup, and page titles and labels are a guide's words."""
    content = Content(text)
    _, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def read_page(app: Any, page_id: str) -> None:
    """Open a page: inside the library on screen, or in a new library screen."""
    screen = app.screen
    opener = getattr(screen, "open_page", None)
    if callable(opener):
        screen.call_later(opener, page_id)
    else:
        app.action_library(page_id)


class CrampCommands(Provider):
    """Every site flow first (first aid comes first), then every page, by title."""

    async def startup(self) -> None:
        app: Any = self.app
        library = app.library
        self.commands: list[tuple[str, Callable[[], Any], str]] = []
        for flow in library.site_flows:
            self.commands.append((f"Cramp now: {flow.site_label}",
                                  partial(app.begin_walk, flow.site),
                                  f"Start the guided stretch: {flow.title}"))
        for page in sorted(library.pages.values(), key=lambda p: p.title.casefold()):
            self.commands.append((f"Read: {page.title}", partial(read_page, app, page.id),
                                  page.summary))

    async def discover(self) -> Hits:
        for text, command, help_text in self.commands:
            # The palette reads a str as markup; Content is shown as it is.
            yield DiscoveryHit(Content(text), command, text=text,
                               help=Content(help_text))  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command, help_text in self.commands:
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, highlight(matcher, text), command, text=text,
                          help=Content(help_text))  # type: ignore[arg-type]
