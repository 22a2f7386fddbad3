"""`cramp read [PAGE-ID]`: open a library page in the app; `cramp read --list` prints the pages.

`--list`, an unknown page and reading without a terminal (a pipe, --plain, TERM=dumb: the page
is printed as clean text; without a page, the pages are listed to choose from by number) import
no Textual.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from typing import TYPE_CHECKING

from tui import collector

if TYPE_CHECKING:
    from tui.content.library import Library

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from tui.cli.parser import add_common

    parser.description = "Open a library page: why cramps happen, prevention, when to see a doctor."
    parser.add_argument("page", nargs="?", metavar="PAGE-ID",
                        help="the page to open (default: the library's first page)")
    parser.add_argument("--list", action="store_true", help="print every page id and its title")
    add_common(parser)
    parser.set_defaults(run=run)


def close_matches(library: Library, wanted: str, n: int = 3) -> list[str]:
    """Page ids a mistyped id probably meant: similar ids, then ids or titles containing it."""
    from tui.content.search import search

    ids = sorted(library.pages)
    key = wanted.strip().lower()
    found = difflib.get_close_matches(key, ids, n=n, cutoff=0.6)
    words = [w for w in key.replace("-", " ").replace("_", " ").split() if len(w) >= 3]

    def similar(word: str, page_id: str) -> bool:
        title = library.pages[page_id].title.lower()
        if word in page_id or word in title:
            return True
        return any(difflib.SequenceMatcher(None, word, part).ratio() >= 0.66
                   for part in page_id.split("-") if len(part) >= 3)

    found += [p for p in ids if p not in found and any(similar(w, p) for w in words)]
    found += [h.page_id for h in search(library, " ".join(words)) if h.page_id not in found]
    return found[:n]


def run(args: argparse.Namespace) -> int:
    from tui.content import ContentError, load_library

    try:
        loaded = load_library(args.guides)
    except ContentError as error:
        print("cramp read: the bundled guides are broken:", file=sys.stderr)
        print(error, file=sys.stderr)
        return EXIT_FAIL
    for warning in loaded.warnings:
        print(f"cramp: {warning}", file=sys.stderr)
    library = loaded.library

    if args.list:
        width = max((len(p) for p in library.pages), default=0)
        for page_id in sorted(library.pages):
            print(f"{page_id:<{width}}  {library.pages[page_id].title}")
        return EXIT_OK

    page_id = args.page
    if page_id is not None and page_id not in library.pages:
        from tui.cli.visible import quoted

        close = close_matches(library, page_id)
        hint = f" Did you mean: {', '.join(close)}?" if close else ""
        print(f"cramp read: there is no page {quoted(page_id)}.{hint} "
              "See every page with: cramp read --list", file=sys.stderr)
        return EXIT_USAGE

    from tui.cli.launch import launch, wants_plain

    if wants_plain(args):  # a pipe, a screen reader, a dumb terminal: the page as text
        try:
            return _read_plain(library, page_id)
        except BrokenPipeError:  # `cramp read x | head`: the reader left, which is fine
            import os

            sys.stdout = open(os.devnull, "w")
            return EXIT_OK

    from tui.walk.start import Start

    return launch(args, start=Start(page=page_id or ""))


def _read_plain(library: Library, page_id: str | None) -> int:
    """A page as clean text; without a page, the list of pages to choose from by number."""
    from tui.plain.page_text import page_text
    from tui.settings import load_settings

    settings, problem = load_settings()
    if problem:
        print(f"cramp: {problem}", file=sys.stderr)
    if page_id is not None:
        sys.stdout.write(page_text(library, page_id, settings.emergency))
        sys.stdout.flush()
        return EXIT_OK
    if not library.pages:
        print("cramp read: the library has no pages.", file=sys.stderr)
        return EXIT_FAIL
    return browse(library, settings.emergency)


def browse(library: Library, emergency: str) -> int:
    """Choose pages by number, search with /words, a line at a time, until q or the end of
    input."""
    from tui.plain.library import PlainLibrary
    from tui.plain.render import clean, danger_lines

    shelf = PlainLibrary(library, emergency)
    stdin = sys.stdin
    for stream in (stdin, sys.stdout):  # bytes that are not UTF-8 are shown, never a traceback
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    # Piped answers are echoed, so the transcript reads whole.
    echo = stdin is not None and not stdin.isatty()

    def say(lines: list[str]) -> None:
        sys.stdout.write("".join(clean(line) + "\n" for line in lines))
        sys.stdout.flush()

    say(shelf.handle("l") or [])
    say([f"Also: {shelf.help_line()}."])
    collector.resume()  # the first page is out: cramp has started (tui/collector.py)
    while True:
        sys.stdout.write("> ")
        sys.stdout.flush()
        line = stdin.readline() if stdin is not None else ""  # no stdin at all: it has ended
        if not line:
            say(["", "Input ended."])
            return EXIT_OK
        if echo:
            say([line.rstrip("\r\n")])
        typed = line.strip()
        if typed.lower() == "q":
            return EXIT_OK
        if typed == "!":
            say([*danger_lines(library, emergency), ""])
            continue
        answer = shelf.handle(typed)
        say(answer if answer is not None else
            [f"'{typed}' is not a choice here: {shelf.help_line()}; a number after a list opens "
             "that page."])
