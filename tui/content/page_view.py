"""What a library page shows, whichever adapter shows it: its Markdown for the full-screen reader
(the page, "See also" and, last, "Sources"), and the sources it cites, most trusted first."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from tui.content.library import Library
    from tui.content.models import Source

__all__ = ["NOT_A_DIAGNOSIS", "TRUST_LABELS", "Cited", "cited_sources", "disclaimer",
           "page_markdown"]

TRUST_LABELS = {
    "A": "official health body or guideline",
    "B": "major clinic or medical reference",
    "C": "other source",
    "seed": "unverified seed article",
}
_TRUST_ORDER = {"A": 0, "B": 1, "C": 2, "seed": 3}


class Cited(NamedTuple):
    source_id: str
    source: Source | None  # None: the id is not in sources.toml (`cramp check` reports it)

    @property
    def label(self) -> str:
        """The trust level in words."""
        if self.source is None:
            return "not in sources.toml"
        return TRUST_LABELS.get(self.source.trust, self.source.trust)


def cited_sources(library: Library, source_ids: tuple[str, ...] | list[str]) -> list[Cited]:
    """Each source once, the most trusted first (the order they are cited within a level)."""
    cited = [Cited(s, library.sources.get(s)) for s in dict.fromkeys(source_ids)]
    return sorted(cited, key=lambda c: _TRUST_ORDER.get(c.source.trust, 9) if c.source else 9)


def page_markdown(library: Library, page_id: str) -> str:
    """The page's Markdown, then "See also" (its related pages) and, last, "Sources": every source
    it cites with its trust level. Used by the library screen. Addresses are shown as code, never
    as links: the app does not go online."""
    page = library.pages[page_id]
    parts = [page.body.rstrip(), ""]
    related = [library.pages[r] for r in page.related if r in library.pages]
    if related:
        parts += ["## See also", ""]
        parts += [f"- [{r.title}]({r.id}.md): {r.summary}" for r in related]
        parts.append("")
    parts += ["## Sources", "",
              "Trust levels: " + "; ".join(f"**{k}** {v}" for k, v in TRUST_LABELS.items())
              + ".", ""]
    for cited in cited_sources(library, page.sources):
        if cited.source is None:
            parts.append(f"- **?** {cited.source_id} (not in sources.toml)")
            continue
        line = f"- **{cited.source.trust}** ({cited.label}): {cited.source.title}"
        if cited.source.urls:
            line += " " + " ".join(f"`{url}`" for url in cited.source.urls)
        parts.append(line)
    return "\n".join(parts) + "\n"


NOT_A_DIAGNOSIS = "Information, not a diagnosis."


def disclaimer(library: Library) -> str:
    """The line every page shows: the danger sheet's disclaimer ({emergency} still to fill)."""
    if library.danger is not None and library.danger.disclaimer.strip():
        return library.danger.disclaimer
    return NOT_A_DIAGNOSIS
