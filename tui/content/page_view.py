"""What a library page shows, whichever adapter shows it: its Markdown for the full-screen reader
(the page, "See also" and, last, "Sources"), and the sources it cites, most trusted first."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from tui.content.library import Library
    from tui.content.models import Source

__all__ = ["NOT_A_DIAGNOSIS", "Cited", "cited_sources", "disclaimer", "page_markdown"]

_TRUST_ORDER = {"A": 0, "B": 1, "C": 2, "seed": 3}


class Cited(NamedTuple):
    source_id: str
    source: Source | None  # None: the id is not in sources.toml (`cramp check` reports it)

    @property
    def shown(self) -> str:
        """The source as people read it (Source.citation), or the unknown id."""
        return self.source.citation if self.source else f"{self.source_id} (not in sources.toml)"


def cited_sources(library: Library, source_ids: tuple[str, ...] | list[str]) -> list[Cited]:
    """Each source once, the most trusted first (the order they are cited within a level)."""
    cited = [Cited(s, library.sources.get(s)) for s in dict.fromkeys(source_ids)]
    return sorted(cited, key=lambda c: _TRUST_ORDER.get(c.source.trust, 9) if c.source else 9)


def page_markdown(library: Library, page_id: str) -> str:
    """The page's Markdown, then "See also" (its related pages) and, last, "Sources": every source
    it cites as Source.citation shows it, most trusted first. Used by the library screen.
    Addresses are shown as code, never as links: the app does not go online."""
    page = library.pages[page_id]
    parts = [page.body.rstrip(), ""]
    related = [library.pages[r] for r in page.related if r in library.pages]
    if related:
        parts += ["## See also", ""]
        parts += [f"- [{r.title}]({r.id}.md): {r.summary}" for r in related]
        parts.append("")
    parts += ["## Sources", "", "Most trusted first; each says what kind of source it is.", ""]
    for cited in cited_sources(library, page.sources):
        line = f"- {cited.shown}"
        if cited.source and cited.source.url:  # as code, so Markdown never makes it a link
            line = line.replace(cited.source.url, f"`{cited.source.url}`")
        parts.append(line)
    return "\n".join(parts) + "\n"


NOT_A_DIAGNOSIS = "Information, not a diagnosis."


def disclaimer(library: Library) -> str:
    """The line every page shows: the danger sheet's disclaimer ({emergency} still to fill)."""
    if library.danger is not None and library.danger.disclaimer.strip():
        return library.danger.disclaimer
    return NOT_A_DIAGNOSIS
