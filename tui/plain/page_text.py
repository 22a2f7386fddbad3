"""A library page as clean text, for a screen reader, a braille display or a pipe.

Rendered from the page's Markdown tree (tui.content.markdown), never from its source: headings
are lines of their own, emphasis and code marks are dropped, a link reads as the linked page's
title and the command that opens it, a table is read row by row as "column: value" pairs, and the
sources come last. No Textual, no Rich, no escape sequence.
"""

from __future__ import annotations

from tui.content.library import Library
from tui.content.markdown import Code, Heading, Link, Paragraph, Run, Table
from tui.content.navigation import is_external, resolve_link
from tui.content.page_view import cited_sources, disclaimer
from tui.plain.render import clean
from tui.walk.view import fill

__all__ = ["page_lines", "page_text", "read_command"]


def read_command(page_id: str) -> str:
    return f"cramp read {page_id}"


class _Page:
    def __init__(self, library: Library, page_id: str, emergency: str) -> None:
        self.library, self.page_id, self.emergency = library, page_id, emergency
        self.page = library.pages[page_id]
        self.lines: list[str] = []

    def say(self, text: str, indent: str = "") -> None:
        self.lines.append(indent + clean(fill(text, self.emergency)))

    def gap(self) -> None:
        if self.lines and self.lines[-1]:
            self.lines.append("")

    # -- inline ---------------------------------------------------------------------------------
    def link(self, link: Link) -> str:
        """A link as words a listener can act on: "Cramps at night (cramp read night-cramps)"."""
        if is_external(link.href):
            return f"{link.text} ({link.href})"
        target = resolve_link(link.href, self.page_id, self.library.pages)
        if target is None:
            return link.text
        section = self.library.document(target.page_id).section(target.anchor) \
            if target.anchor else None
        heading = section.heading.text if section and section.heading else ""
        if target.page_id == self.page_id:
            return f"the section {heading}" if heading else link.text
        title = self.library.pages[target.page_id].title
        where = f"{title}, section {heading}" if heading else title
        return f"{where} ({read_command(target.page_id)})"

    def text(self, runs: tuple[Run, ...]) -> str:
        joined = "".join(r if isinstance(r, str) else self.link(r) for r in runs)
        return " ".join(joined.split())

    # -- blocks ---------------------------------------------------------------------------------
    def render(self) -> list[str]:
        self.say(self.page.title)
        self.say(disclaimer(self.library))
        first = True
        listed = False  # the last line was a list item: the next item follows without a gap
        for block in self.library.document(self.page_id).blocks():
            if isinstance(block, Heading):
                if first and block.level == 1 and \
                        block.text.casefold() == self.page.title.casefold():
                    first = False
                    continue  # the page's own title, already said
                self.gap()
                self.say(self.text(block.runs))
                self.gap()
            elif isinstance(block, Paragraph):
                if not (listed and block.depth):
                    self.gap()
                # A nested item is indented under its parent; a later paragraph of an item,
                # under the item's words.
                indent = "  " * max(block.depth - 1, 0) + ("  " if block.depth and
                                                          not block.marker else "")
                marker = f"{block.marker} " if block.marker else ""
                self.say(marker + self.text(block.runs), indent)
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, Code):
                self.gap()
                for line in block.text.splitlines():
                    self.say(line)
            first = False
            listed = isinstance(block, Paragraph) and block.depth > 0
        self.see_also()
        self.sources()
        while self.lines and not self.lines[-1]:
            self.lines.pop()
        return self.lines

    def table(self, table: Table) -> None:
        """Row by row, each cell with its column's name: what a listener cannot see at a glance."""
        names = [self.text(cell) for cell in table.header]
        if not table.rows:  # a header alone is all the table says
            self.gap()
            self.say(", ".join(name for name in names if name))
        for row in table.rows:
            self.gap()
            for name, cell in zip(names, row):
                value = self.text(cell)
                if value:
                    self.say(f"{name}: {value}" if name else value)

    def see_also(self) -> None:
        related = [r for r in self.page.related if r in self.library.pages]
        if not related:
            return
        self.gap()
        self.say("See also:")
        for page_id in related:
            page = self.library.pages[page_id]
            self.say(f"- {page.title} ({read_command(page_id)}): {page.summary}")

    def sources(self) -> None:
        self.gap()
        self.say("Sources:")
        for cited in cited_sources(self.library, self.page.sources):
            self.say(f"- {cited.shown}")


def page_lines(library: Library, page_id: str, emergency: str) -> list[str]:
    """The page as lines of clean text (KeyError for an unknown page)."""
    return _Page(library, page_id, emergency).render()


def page_text(library: Library, page_id: str, emergency: str) -> str:
    return "\n".join(page_lines(library, page_id, emergency)) + "\n"
