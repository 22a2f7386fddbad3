"""A page's Markdown, parsed once (markdown-it-py) into a small tree every layer reads.

A Document is a list of sections, one per top-level heading, each holding its blocks: headings,
paragraphs (list items and quotes are paragraphs with a marker), tables and code. Inline text is a
tuple of runs: plain strings (emphasis and code marks already dropped) and Links. From that tree
come the anchors `cramp check` validates links against, the links themselves with their lines,
the plain text search indexes, the tables, and the Markdown problems an author must fix.

Pure data, no Textual and no Rich. markdown-it is imported only when a page is parsed: a Library
read back from the content cache carries its parsed Documents, so search and plain mode never
pay for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterator, Union

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

__all__ = ["Code", "Document", "Flaw", "Heading", "Link", "Paragraph", "Run", "Section", "Table",
           "Slugger", "parse", "slug", "text_of"]


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
    text: str  # the blocks as plain text, one space between words: what search reads

    @property
    def anchor(self) -> str:
        return self.heading.anchor if self.heading else ""


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


# -- parsing ---------------------------------------------------------------------------------
# Inline text with none of these characters has no emphasis, link, code, entity, escape or HTML:
# it is taken as it is, without running the inline parser (most paragraphs of a long page).
_INLINE_SYNTAX = re.compile(r"[*_`\[\]<&\\~!]")
_CELL_BORDER = re.compile(r"(?<!\\)\|")
_LEFTOVERS = (
    (re.compile(r"\*\*|__"), "emphasis", "'{}' is not closed: bold text needs a pair of them"),
    (re.compile(r"\]\s*\("), "link", "this looks like a broken link: write [words](page.md)"),
)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    md.core.ruler.disable("inline")  # run per block, only where needed (see _runs)
    return md


@lru_cache(maxsize=4096)
def parse(text: str) -> Document:
    """The Document of a Markdown text. The same text gives the same (immutable) Document, so
    validating a page and then indexing it parses it once."""
    return _Builder(text).build()


class _Builder:
    def __init__(self, text: str) -> None:
        self.text = text
        self.env: dict[str, Any] = {}
        self.flaws: list[Flaw] = []
        self.slugger = Slugger()
        self.sections: list[Section] = []
        self.heading: Heading | None = None
        self.blocks: list[Block] = []
        self.lines: list[str] = []  # the text's lines, split when a table needs them

    def build(self) -> Document:
        md = _parser()
        lists: list[str] = []  # "-" or "." for each open list, innermost last
        quotes = 0
        marker = ""  # the list marker waiting for the first paragraph of an item
        table: list[list[Runs]] | None = None
        table_line = row_line = 0
        heading: tuple[int, int] | None = None  # (level, line) of an open top-level heading
        for token in md.parse(self.text, self.env):
            kind = token.type
            line = token.map[0] + 1 if token.map else row_line
            if kind == "heading_open" and token.level == 0:
                heading = (int(token.tag[1:]), line)  # in a quote or list it is just text
            elif kind in ("bullet_list_open", "ordered_list_open"):
                lists.append("-" if kind == "bullet_list_open" else ".")
            elif kind in ("bullet_list_close", "ordered_list_close"):
                lists.pop()
            elif kind == "list_item_open":
                marker = "-" if lists[-1] == "-" else f"{token.info}{token.markup}"
            elif kind == "blockquote_open":
                quotes += 1
            elif kind == "blockquote_close":
                quotes -= 1
            elif kind == "table_open":
                table, table_line = [], line
            elif kind == "tr_open" and table is not None:
                row_line = line
                if table:
                    self._check_row(token, len(table[0]))
                table.append([])
            elif kind == "table_close" and table is not None:
                header, *rows = table
                self.blocks.append(Table(tuple(header), tuple(tuple(r) for r in rows),
                                         table_line))
                table = None
            elif kind == "inline":
                runs = self._runs(token, line)
                if table is not None:
                    table[-1].append(runs)
                elif heading is not None:
                    text = text_of(runs)
                    if not text:
                        self.flaws.append(Flaw(heading[1], "heading", "a heading with no text"))
                    self._start_section(Heading(heading[0], runs, self.slugger(text), heading[1]))
                    heading = None
                else:
                    self.blocks.append(Paragraph(runs, line, marker, len(lists), quotes > 0))
                    marker = ""
            elif kind in ("fence", "code_block"):
                self.blocks.append(Code(token.content.rstrip("\n"), line))
            elif kind == "html_block":
                self.flaws.append(Flaw(line, "HTML", "HTML is shown as it is written, not as "
                                       "formatting: use Markdown instead"))
        self._start_section(None)
        # One flaw of a kind per line is enough to send the author there.
        flaws = {(f.line, f.where): f for f in reversed(self.flaws)}
        return Document(tuple(self.sections), tuple(sorted(flaws.values(),
                                                           key=lambda f: f.line)))

    def _start_section(self, heading: Heading | None) -> None:
        """Close the section being built; a heading (or the end, None) starts the next one."""
        if self.heading is not None or self.blocks:
            self.sections.append(Section(self.heading, tuple(self.blocks),
                                         _section_text(self.blocks)))
        self.heading, self.blocks = heading, []

    def _check_row(self, row: Token, columns: int) -> None:
        """markdown-it pads a short row and drops a long row's extra cells without a word: a
        reader would lose them."""
        if not row.map:
            return
        if not self.lines:
            self.lines = self.text.split("\n")
        source = self.lines[row.map[0]].strip()
        source = source[1:] if source.startswith("|") else source
        source = source[:-1] if source.endswith("|") and not source.endswith("\\|") else source
        written = len(_CELL_BORDER.split(source))
        if written != columns:
            self.flaws.append(Flaw(row.map[0] + 1, "table", f"this row has {written} cells; the "
                                   f"table has {columns} columns"))

    def _runs(self, token: Token, line: int) -> Runs:
        content = token.content
        if not _INLINE_SYNTAX.search(content):
            return (" ".join(content.split()),) if content.strip() else ()
        children: list[Token] = []
        _parser().inline.parse(content, _parser(), self.env, children)
        return _Inline(self, line).runs(children)


class _Inline:
    """One block's inline tokens -> runs; counts line breaks so a link knows its line."""

    def __init__(self, builder: _Builder, line: int) -> None:
        self.builder, self.line = builder, line
        self.out: list[Run] = []
        self.text: list[str] = []  # plain text waiting to become a run
        self.link: tuple[str, list[str], int] | None = None  # (href, its text, its line)
        self.seen: list[tuple[int, str]] = []  # every piece of text with its line

    def add(self, text: str) -> None:
        (self.link[1] if self.link else self.text).append(text)
        self.seen.append((self.line, text))

    def flaw(self, where: str, message: str) -> None:
        self.builder.flaws.append(Flaw(self.line, where, message))

    def runs(self, children: list[Token]) -> Runs:
        for child in children:
            kind = child.type
            if kind in ("text", "text_special"):
                self.add(child.content)
            elif kind == "code_inline":
                self.add(child.content)
            elif kind in ("softbreak", "hardbreak"):
                self.add(" ")
                self.line += 1
            elif kind == "link_open":
                self.link = (str(child.attrs.get("href", "")), [], self.line)
            elif kind == "link_close" and self.link is not None:
                href, words, line = self.link
                self.link = None
                text = " ".join("".join(words).split())
                if not text:
                    self.builder.flaws.append(Flaw(line, "link", f"the link to '{href}' has no "
                                                   "words to show"))
                self._flush()
                self.out.append(Link(text, href, line))
            elif kind == "image":
                self.add(child.content)
                self.flaw("image", "an image cannot be shown in a terminal: say it in words")
            elif kind == "html_inline":
                self.flaw("HTML", f"'{child.content}' is shown as it is written, not as "
                          "formatting: use Markdown instead")
        self._flush()
        self._leftovers()
        return tuple(self.out)

    def _leftovers(self) -> None:
        """Markup markdown-it could not read is left in the text, where a reader would see it."""
        text = "".join(piece for _, piece in self.seen)
        for pattern, where, message in _LEFTOVERS:
            found = pattern.search(text)
            if found:
                at, line = found.start(), self.line
                for line, piece in self.seen:  # noqa: B007 (the line the match falls on)
                    if at < len(piece):
                        break
                    at -= len(piece)
                self.builder.flaws.append(Flaw(line, where, message.format(found.group())))

    def _flush(self) -> None:
        text = "".join(self.text)
        self.text = []
        if not text:
            return
        last = self.out[-1] if self.out else None
        if isinstance(last, str):
            self.out[-1] = last + text
        else:
            self.out.append(text)

    # The runs keep the spaces around links ("see [x](y) now" -> "see ", Link, " now"); text_of
    # and the renderers tidy whitespace when they join them.


def _section_text(blocks: list[Block]) -> str:
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, (Heading, Paragraph)):
            parts.append(block.text)
        elif isinstance(block, Table):
            for row in (block.header, *block.rows):
                parts.append(" · ".join(t for t in map(text_of, row) if t))
        else:
            parts.append(block.text)
    return " ".join(" ".join(parts).split())
