"""Browsing the library in plain mode: list the pages, search them, open one by its number.

No input or output here: PlainLibrary takes what was typed and gives back the lines to print, so
the plain walker's first prompt and `cramp read --plain` share it. No Textual, no Rich.
"""

from __future__ import annotations

from tui.content.library import Library
from tui.plain.page_text import page_lines
from tui.plain.render import clean

__all__ = ["HELP", "PlainLibrary"]

HELP = "l lists pages, /words searches, ! danger signs, q quits"
PICK = "Type a number to read that page."


class PlainLibrary:
    def __init__(self, library: Library, emergency: str) -> None:
        self.library, self.emergency = library, emergency
        self.listed: list[str] = []  # page ids of the listing just shown, numbered from 1

    def help_line(self) -> str:
        """What the prompt takes, besides its own answers."""
        return HELP

    def handle(self, typed: str) -> list[str] | None:
        """The lines answering a library command, or None when `typed` is not one (the caller
        treats it as its own answer). A number is a library command only right after a
        listing: anywhere else it stays the caller's."""
        lines = self._answer(typed.strip())
        return None if lines is None else [clean(line) for line in lines]

    def _answer(self, text: str) -> list[str] | None:
        listed, self.listed = self.listed, []
        if text.lower() == "l":
            return self.pages()
        if text.startswith("/"):
            return self.search(text[1:])
        if listed and text.isdigit():
            number = int(text)
            if 1 <= number <= len(listed):
                page_id = listed[number - 1]
                return ["", *page_lines(self.library, page_id, self.emergency), "",
                        f"End of {self.library.pages[page_id].title}. {HELP}."]
            self.listed = listed  # still choosing from the same list
            return [f"There is no number {number} in the list: type a number from 1 to "
                    f"{len(listed)}."]
        return None

    def pages(self) -> list[str]:
        """Every page, by title, numbered."""
        pages = self.library.pages
        self.listed = sorted(pages, key=lambda p: pages[p].title.casefold())
        if not self.listed:
            return ["The library has no pages."]
        lines = ["", f"Library: {len(self.listed)} pages."]
        lines += [f"{n}. {pages[p].title}" for n, p in enumerate(self.listed, start=1)]
        return [*lines, PICK]

    def search(self, words: str) -> list[str]:
        """Pages that have every word, best first, each with the section that matched."""
        from tui.content.search import search

        if not words.strip():
            return ["Type the words to look for after the slash, for example: /night"]
        hits = search(self.library, words, limit=9)
        if not hits:
            return [f"No page has every word of '{words.strip()}'. Type l to list every page."]
        self.listed = [hit.page_id for hit in hits]
        lines = ["", f"Pages about '{words.strip()}', best first:"]
        for n, hit in enumerate(hits, start=1):
            title = self.library.pages[hit.page_id].title
            lines.append(f"{n}. {title}" + (f", section: {hit.heading}" if hit.heading else ""))
            if hit.snippet:
                lines.append(f"   {hit.snippet}")
        return [*lines, PICK]
