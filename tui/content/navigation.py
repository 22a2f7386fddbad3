"""Moving around the library: where a link in a page goes, the links a page offers, and the
reader's back and forward history. No Textual: the library screen only shows what this decides.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from tui.content.library import Library

__all__ = ["History", "Navigator", "PageLink", "Place", "Refused", "Target", "is_external",
           "link_target", "page_links", "resolve_link"]


class Target(NamedTuple):
    page_id: str
    anchor: str = ""  # "" is the top of the page


class Refused(NamedTuple):
    """A link that is not followed, and what to tell the reader instead."""

    message: str
    external: bool  # a web or mail address (cramp is offline), not a broken link


def is_external(href: str) -> bool:
    return "://" in href or href.startswith(("mailto:", "tel:", "www."))


def link_target(href: str, current: str) -> Target:
    """Where an internal link points, whether or not that page exists: "other.md#section",
    "other.md", "./other.md", "#section" (a section of the current page)."""
    target, _, anchor = href.strip().partition("#")
    page_id = PurePosixPath(target).name.removesuffix(".md") if target else current
    return Target(page_id, anchor)


def resolve_link(href: str, current: str, pages: Container[str]) -> Target | None:
    """The page (and section) a link opens, or None when it leaves the app or names no page."""
    if is_external(href):
        return None
    target = link_target(href, current)
    return target if target.page_id in pages else None


def refusal(href: str) -> Refused:
    if is_external(href):
        return Refused(f"cramp works offline and opens no web pages. The address is: {href}",
                       external=True)
    return Refused(f"The link '{href}' names no page in the library.", external=False)


# -- the links of a page ------------------------------------------------------------------------
@dataclass(frozen=True)
class PageLink:
    label: str  # the link's words, and where it goes when they do not say it
    href: str
    target: Target


def page_links(library: Library, page_id: str) -> list[PageLink]:
    """Every link on a page that stays in the library, once each, in the order of the page: its
    text, then its related pages ("See also")."""
    found: dict[str, PageLink] = {}
    hrefs = [(link.text, link.href) for link in library.document(page_id).links]
    page = library.pages[page_id]
    hrefs += [(library.pages[r].title, f"{r}.md") for r in page.related if r in library.pages]
    for text, href in hrefs:
        target = resolve_link(href, page_id, library.pages)
        if target is None or href in found:
            continue
        where = library.pages[target.page_id].title if target.page_id != page_id else "this page"
        if target.anchor:
            section = library.document(target.page_id).section(target.anchor)
            where += f" › {section.heading.text if section and section.heading else target.anchor}"
        label = text if text.casefold() == where.casefold() else f"{text}  →  {where}"
        found[href] = PageLink(label, href, target)
    return list(found.values())


# -- history ----------------------------------------------------------------------------------
@dataclass
class Place:
    page_id: str
    anchor: str = ""
    scroll_y: float | None = None  # where the reader was when it left this place


@dataclass
class History:
    places: list[Place] = field(default_factory=list)
    index: int = -1

    @property
    def current(self) -> Place | None:
        return self.places[self.index] if self.places else None

    def visit(self, place: Place) -> None:
        """A new place: what was ahead of the current one (forward) is dropped."""
        del self.places[self.index + 1:]
        self.places.append(place)
        self.index = len(self.places) - 1

    @property
    def can_back(self) -> bool:
        return self.index > 0

    @property
    def can_forward(self) -> bool:
        return self.index < len(self.places) - 1

    def back(self) -> Place | None:
        if not self.can_back:
            return None
        self.index -= 1
        return self.places[self.index]

    def forward(self) -> Place | None:
        if not self.can_forward:
            return None
        self.index += 1
        return self.places[self.index]


class Navigator:
    """One reader's way through a library: opening pages, following links, back and forward.
    The screen asks, then shows the place it gets back (or the refusal's message)."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.history = History()

    @property
    def current(self) -> Place | None:
        return self.history.current

    def remember(self, scroll_y: float) -> None:
        """Where the reader is on the current page, for coming back to it."""
        if self.history.current is not None:
            self.history.current.scroll_y = scroll_y

    def open(self, page_id: str, anchor: str = "") -> Place | Refused:
        if page_id not in self.library.pages:
            return Refused(f"There is no page '{page_id}'.", external=False)
        place = Place(page_id, anchor)
        self.history.visit(place)
        return place

    def follow(self, href: str) -> Place | Refused:
        """A link on the current page: another page (at a section), a section of this one."""
        current = self.history.current
        target = resolve_link(href, current.page_id if current else "", self.library.pages)
        if target is None:
            return refusal(href)
        return self.open(*target)

    def back(self) -> Place | None:
        return self.history.back()

    def forward(self) -> Place | None:
        return self.history.forward()
