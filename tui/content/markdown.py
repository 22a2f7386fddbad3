"""A page's Markdown, parsed once (markdown-it-py) into a small tree every layer reads.

A Document is a list of sections, one per top-level heading, each holding its blocks: headings,
paragraphs (list items and quotes are paragraphs with a marker), tables and code. Inline text is a
tuple of runs: plain strings (emphasis and code marks already dropped) and Links. From that tree
come the anchors `cramp check` validates links against, the links themselves with their lines,
the plain text search indexes, the tables, and the Markdown problems an author must fix.

Pure data, no Textual and no Rich. markdown-it (tui.content.markdown_build) is imported only when
a page is parsed: a Library read back from the content cache carries its parsed Documents, so
search and plain mode never pay for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, Union

__all__ = ["Block", "Code", "Document", "Flaw", "Heading", "Link", "Paragraph", "Run", "Runs",
           "Section", "Slugger", "Table", "parse", "slug", "text_of"]


# -- the tree --------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Link:
    text: str  # what the reader sees, emphasis dropped
    href: str  # as written: "other.md#section", "#section", "https://..."
    line: int  # 1-based, in the parsed text


Run = Union[str, Link]
Runs = tuple[Run, ...]


def text_of(runs: Runs) -> str:
    """Runs as the reader sees them: link text in place, one space between words."""
    return " ".join("".join(r if isinstance(r, str) else r.text for r in runs).split())


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    runs: Runs
    anchor: str  # the GitHub-style slug, numbered when the same heading comes again
    line: int

    @property
    def text(self) -> str:
        return text_of(self.runs)


@dataclass(frozen=True, slots=True)
class Paragraph:
    runs: Runs
    line: int
    marker: str = ""  # "-" or "3." on the first paragraph of a list item
    depth: int = 0  # list nesting: 0 outside a list, 1 in a list, 2 in a list in a list...
    quoted: bool = False  # inside a "> " quote

    @property
    def text(self) -> str:
        return text_of(self.runs)


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[Runs, ...]
    rows: tuple[tuple[Runs, ...], ...]
    line: int

    def pairs(self) -> list[list[tuple[str, str]]]:
        """Each row as (column, value) pairs, the way a table is read aloud."""
        names = [text_of(cell) for cell in self.header]
        return [[(name, text_of(cell)) for name, cell in zip(names, row)] for row in self.rows]


@dataclass(frozen=True, slots=True)
class Code:
    text: str
    line: int


Block = Union[Heading, Paragraph, Table, Code]


@dataclass(frozen=True, slots=True)
class Section:
    heading: Heading | None  # None for text before the first heading
    blocks: tuple[Block, ...]  # everything up to the next top-level heading

    @property
    def anchor(self) -> str:
        return self.heading.anchor if self.heading else ""

    @property
    def text(self) -> str:
        """The blocks as plain text, one space between words: what search reads. Worked out
        when asked (search indexes each section once), not while loading the guides, where it
        took about 1 ms of the 13 ms building the bundled pages' Documents."""
        parts: list[str] = []
        for block in self.blocks:
            if isinstance(block, (Heading, Paragraph)):
                parts.append(block.text)
            elif isinstance(block, Table):
                for row in (block.header, *block.rows):
                    parts.append(" · ".join(t for t in map(text_of, row) if t))
            else:
                parts.append(block.text)
        return " ".join(" ".join(parts).split())


@dataclass(frozen=True, slots=True)
class Flaw:
    """Something in the Markdown a reader would see wrong (a problem for `cramp check`)."""

    line: int
    where: str  # "link", "image", "HTML", "table", "heading", "emphasis"
    message: str


@dataclass(frozen=True, slots=True)
class Document:
    sections: tuple[Section, ...]
    flaws: tuple[Flaw, ...]

    @property
    def headings(self) -> list[Heading]:
        """The top-level headings in order (the page's table of contents)."""
        return [s.heading for s in self.sections if s.heading is not None]

    @property
    def anchors(self) -> list[str]:
        return [h.anchor for h in self.headings]

    def section(self, anchor: str) -> Section | None:
        return next((s for s in self.sections if s.heading and s.anchor == anchor), None)

    def blocks(self) -> Iterator[Block]:
        for section in self.sections:
            if section.heading is not None:
                yield section.heading
            yield from section.blocks

    @property
    def links(self) -> list[Link]:
        return [run for runs in self._all_runs() for run in runs if isinstance(run, Link)]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks() if isinstance(b, Table)]

    def _all_runs(self) -> Iterator[Runs]:
        for block in self.blocks():
            if isinstance(block, (Heading, Paragraph)):
                yield block.runs
            elif isinstance(block, Table):
                yield from block.header
                for row in block.rows:
                    yield from row


# -- slugs -----------------------------------------------------------------------------------
_NOT_SLUG = re.compile(r"[^\w\s-]")
_SPACES = re.compile(r"\s+")


def slug(heading: str) -> str:
    """The GitHub-style anchor of a heading's text: lower case, punctuation dropped, spaces as
    hyphens ("The 10-minute rule" -> "the-10-minute-rule")."""
    return _SPACES.sub("-", _NOT_SLUG.sub("", heading.lower()).strip())


class Slugger:
    """Anchors for one document: the second "Notes" heading is "notes-1", as on GitHub."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def __call__(self, heading: str) -> str:
        anchor = slug(heading)
        count = self.seen.get(anchor, 0)
        self.seen[anchor] = count + 1
        return f"{anchor}-{count}" if count else anchor


@lru_cache(maxsize=4096)
def parse(text: str) -> Document:
    """The Document of a Markdown text. The same text gives the same (immutable) Document, so
    validating a page and then indexing it parses it once."""
    from tui.content.markdown_build import build

    return build(text)
