"""Building a Document (tui.content.markdown) from markdown-it-py's tokens: one pass over the
block tokens, and the inline parser only for text that has inline markup. Also finds the Markdown
problems a reader would see (Flaw), each at its line. Imported only when a page is parsed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable
from urllib.parse import unquote

from tui.content.markdown import (Block, Code, Document, Flaw, Heading, Link, Paragraph, Run,
                                  Runs, Section, Slugger, Table, text_of)

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# Inline text with none of these characters has no emphasis, link, code, entity, escape or HTML:
# it is taken as it is, without running the inline parser (most paragraphs of a long page).
_INLINE_SYNTAX = re.compile(r"[*_`\[\]<&\\~!]")
_CELL_BORDER = re.compile(r"(?<!\\)\|")
_LEFTOVERS = (
    (re.compile(r"\*\*|__"), "emphasis", "'{}' is not closed: bold text needs a pair of them"),
    (re.compile(r"\]\s*\("), "link", "this looks like a broken link: write [words](page.md)"),
)


# markdown-it tries every block rule on every line, and that is most of the time spent loading
# the guides. Each rule below needs something a text without it cannot have (a table's header
# row has a pipe; a setext underline or a rule ends its line with - = * or _), so a text without
# it is parsed without the rule: the same tokens (tests/test_markdown_gates.py), in about two
# thirds of the time for the bundled pages (9.2 -> 6.0 ms, median of 60, same run).
# Each test gets the text and the last character of each of its lines (trailing spaces aside;
# splitlines() splits on more characters than markdown-it does, never fewer).
_BLOCK_RULE_NEEDS: dict[str, Callable[[str, set[str]], bool]] = {
    "table": lambda text, ends: "|" in text,
    "fence": lambda text, ends: "```" in text or "~~~" in text,
    "blockquote": lambda text, ends: ">" in text,
    "reference": lambda text, ends: "]:" in text,  # [label]: address
    "html_block": lambda text, ends: "<" in text,
    "lheading": lambda text, ends: not ends.isdisjoint("-="),
    "hr": lambda text, ends: not ends.isdisjoint("-*_"),
}


def _parser_for(text: str) -> MarkdownIt:
    """The parser for `text`: block rules it cannot use are left out."""
    ends = {line.rstrip()[-1:] for line in text.splitlines()}
    return _parser(frozenset(rule for rule, needed in _BLOCK_RULE_NEEDS.items()
                             if not needed(text, ends)))


@lru_cache(maxsize=None)  # at most one per subset of _BLOCK_RULE_NEEDS; a few in practice
def _parser(without: frozenset[str] = frozenset()) -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    md.core.ruler.disable("inline")  # run per block, only where needed (see _runs)
    if without:
        md.block.ruler.disable(sorted(without))
    return md


def build(text: str) -> Document:
    """The Document of a Markdown text (tui.content.markdown.parse memoizes it)."""
    return _Builder(text).build()


class _Builder:
    def __init__(self, text: str) -> None:
        self.text = text
        self.md = _parser_for(text)
        self.env: dict[str, Any] = {}
        self.flaws: list[Flaw] = []
        self.slugger = Slugger()
        self.sections: list[Section] = []
        self.heading: Heading | None = None
        self.blocks: list[Block] = []
        self.lines: list[str] = []  # the text's lines, split when a table needs them

    def build(self) -> Document:
        lists: list[str] = []  # "-" or "." for each open list, innermost last
        quotes = 0
        marker = ""  # the list marker waiting for the first paragraph of an item
        table: list[list[Runs]] | None = None
        table_line = row_line = 0
        heading: tuple[int, int] | None = None  # (level, line) of an open top-level heading
        for token in self.md.parse(self.text, self.env):
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
            self.sections.append(Section(self.heading, tuple(self.blocks)))
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
            words = " ".join(content.split())
            return (words,) if words else ()
        children: list[Token] = []
        self.md.inline.parse(content, self.md, self.env, children)
        return _Inline(self, line).runs(children)


class _Inline:
    """One block's inline tokens -> runs; counts line breaks so a link knows its line. The runs
    keep the spaces around links ("see [x](y) now" -> "see ", Link, " now"); text_of and the
    renderers tidy whitespace when they join them."""

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
            elif kind == "link_open":  # markdown-it percent-encodes the address: as written
                self.link = (unquote(str(child.attrs.get("href", ""))), [], self.line)
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

