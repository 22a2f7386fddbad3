"""Reading the library in plain mode (screen readers, braille displays, pipes): clean page text
rendered from the Markdown tree, and browsing by number and by search."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tui.content import load_library
from tui.content.search import search
from tui.plain.library import PlainLibrary
from tui.plain.page_text import page_lines, page_text

MARKUP = ("**", "](", ".md", "`", "> ", "|", "##")


@pytest.fixture(scope="module")
def library():
    return load_library().library


def cramp(*argv: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """The real command, with the test's private config, data and cache dirs (conftest)."""
    return subprocess.run([sys.executable, "-m", "tui", *argv], input=stdin, capture_output=True,
                          text=True, timeout=60, env={**os.environ, "TERM": "xterm"})


# -- a page as clean text -----------------------------------------------------------------------
def test_read_night_cramps_plain_has_no_markup():
    done = cramp("read", "night-cramps", "--plain")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for mark in MARKUP:
        assert mark not in out, [line for line in out.splitlines() if mark in line][:2]
    lines = out.splitlines()
    assert lines[0] == "Cramps at night"
    assert "not a diagnosis" in lines[1]
    # Headings are lines of their own, between blank lines; emphasis is dropped, words kept.
    heading = lines.index("Why cramps come at night")
    assert lines[heading - 1] == lines[heading + 1] == ""
    assert "- Feet pointing down. Lying with the knees bent" in out
    # A link reads as the page's title and the command that opens it.
    assert "(see Leg cramps in pregnancy (cramp read pregnancy))" in out
    assert ("see Stretches to prevent cramps, section The bedtime stretch routine "
            "(cramp read prevention-stretches)") in out
    # See also, then the sources, last.
    assert lines.index("See also:") < lines.index("Sources:")
    last = lines[-1]  # a source, as people read it: title, then what kind of source it is
    assert last.startswith("- ") and last.removeprefix("- ") in {
        source.citation for source in load_library().library.sources.values()}


def test_every_page_reads_clean(library):
    for page_id in library.pages:
        text = page_text(library, page_id, "999")
        for mark in MARKUP:
            assert mark not in text, (page_id, mark)


def test_a_table_reads_row_by_row_as_pairs(library):
    lines = page_lines(library, "vitamins-minerals", "999")
    row = lines.index("Nutrient: Magnesium")
    assert lines[row - 1] == ""  # each row starts apart from the one before
    assert lines[row + 1].startswith("What it does for muscles and nerves: Lets a muscle loosen")
    assert lines[row + 2].startswith("Good food sources: Nuts, seeds")
    assert lines[row + 3].startswith("Evidence for cramps: A Cochrane review found no benefit")
    assert lines[row + 4] == ""


def test_a_table_page_reads_as_pairs_from_the_command():
    out = cramp("read", "pregnancy", "--plain").stdout
    assert "Age: 19 to 50" in out and "Upper limit a day: 2,500 mg" in out


def test_sources_come_last_by_name_and_trust_in_words(library):
    lines = page_lines(library, "quinine", "999")
    start = lines.index("Sources:")
    shown = lines[start + 1:]
    assert len(shown) == len(library.pages["quinine"].sources)
    first = library.sources[library.pages["quinine"].sources[0]]
    assert any(first.title in line for line in shown)
    assert shown == [f"- {library.sources[s].citation}" for s in sorted(
        library.pages["quinine"].sources, key=lambda s: library.sources[s].trust)]


# -- browsing: l, /words, a number ----------------------------------------------------------------
def test_l_lists_every_page_numbered(library):
    shelf = PlainLibrary(library, "999")
    lines = shelf.handle("l")
    titles = sorted((p.title for p in library.pages.values()), key=str.casefold)
    numbered = [line for line in lines if line[:1].isdigit()]
    assert numbered == [f"{n}. {t}" for n, t in enumerate(titles, start=1)]
    assert "number" in lines[-1]


def test_a_number_after_the_list_opens_that_page(library):
    shelf = PlainLibrary(library, "999")
    shelf.handle("l")
    lines = shelf.handle("1")
    first = min(library.pages.values(), key=lambda p: p.title.casefold())
    assert first.title in lines[:3]
    page = page_lines(library, first.id, "999")
    assert lines[1:len(page) + 1] == page
    # The number was for that list only: the next number is the caller's (a walk's answer).
    assert shelf.handle("1") is None


def test_slash_words_lists_results_with_their_section(library):
    shelf = PlainLibrary(library, "999")
    lines = shelf.handle("/night")
    hits = search(library, "night", limit=9)
    first = next(line for line in lines if line.startswith("1. "))
    assert first == f"1. Cramps at night, section: {hits[0].heading}"
    assert hits[0].heading and hits[0].page_id == "night-cramps"
    assert sum(line[:2].rstrip(".").isdigit() for line in lines) == len(hits)
    assert shelf.handle("1")[1] == "Cramps at night"


def test_what_is_not_a_library_command_is_left_to_the_caller(library):
    shelf = PlainLibrary(library, "999")
    for typed in ("1", "", "y", "calf", "!", "q"):
        assert shelf.handle(typed) is None, typed
    assert "l lists pages" in shelf.help_line() and "/words" in shelf.help_line()


def test_wrong_number_and_empty_search_say_what_to_do(library):
    shelf = PlainLibrary(library, "999")
    shelf.handle("l")
    assert "from 1 to" in shelf.handle("99")[0]
    second = sorted((p.title for p in library.pages.values()), key=str.casefold)[1]
    assert shelf.handle("2")[1] == second  # a wrong number kept the list to choose from
    assert "/night" in shelf.handle("/")[0]
    nothing = shelf.handle("/xyzzy")
    assert "No page" in nothing[0] and shelf.handle("1") is None


def test_control_characters_typed_never_come_back(library):
    lines = PlainLibrary(library, "999").handle("/\x1b[2Jxyzzy")
    assert all("\x1b" not in line for line in lines)


# -- `cramp read --plain`: the list, a number, the end of input ------------------------------------
def test_read_plain_without_a_page_lists_and_opens_by_number():
    done = cramp("read", "--plain", stdin="1\n")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "1. Cramps at night" in out and "10. Why not quinine or tonic water" in out
    opened = out.index("> 1\n")  # the piped answer is echoed, so the transcript reads whole
    assert "\nCramps at night\n" in out[opened:] and "Sources:" in out[opened:]
    assert out.rstrip().endswith("Input ended.") and "Traceback" not in done.stderr


def test_read_plain_search_then_quit():
    done = cramp("read", "--plain", stdin="/salt\n1\nq\n")
    assert done.returncode == 0
    assert "1. Sodium, water and cramps" in done.stdout
    assert "\nSodium, water and cramps\n" in done.stdout
    assert "Input ended." not in done.stdout  # q, not the end of input, ended it


def test_read_plain_bang_shows_the_danger_signs_and_carries_on(library):
    done = cramp("read", "--plain", stdin="!\nq\n")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    shown = done.stdout[done.stdout.index("> !\n"):]
    assert library.danger is not None and library.danger.title in shown
    assert "Input ended." not in done.stdout  # q was still read after the danger signs


# -- the plain walker's first prompt (the lead wires PlainLibrary into tui/plain/walker.py) ------
def test_plain_first_prompt_lists_pages_and_opens_the_first():
    done = cramp("--plain", stdin="l\n1\nq\n")
    assert done.returncode == 0
    assert "1. Cramps at night" in done.stdout
    assert "\nCramps at night\n" in done.stdout and "Sources:" in done.stdout


def test_plain_first_prompt_searches_and_opens_night_cramps():
    done = cramp("--plain", stdin="/night\n1\nq\n")
    assert done.returncode == 0
    assert "1. Cramps at night, section:" in done.stdout
    assert "\nCramps at night\n" in done.stdout
    assert "(cramp read pregnancy)" in done.stdout  # the page's clean text, not its Markdown


def test_links_tables_and_lists_of_any_page_read_clean():
    from tui.content.library import Library
    from tui.content.models import Page, Source

    body = ("# Home\n\nSee [below](#the-table), [the other page](other.md#part-two) and "
            "[it again](other.md).\n\n## The table\n\n| Food | Calcium |\n|---|---|\n"
            "| Milk | **high** |\n| Kale | `some` |\n\n| Only | A header |\n|---|---|\n\n"
            "1. first\n2. second\n   - inner\n")
    pages = [Page(id="home", title="Home", summary="s", sources=("S",), related=("other",),
                  body=body),
             Page(id="other", title="Other page", summary="About the other.", sources=("S",),
                  body="# Other page\n\n## Part two\n\nText.\n")]
    library = Library.build([Source(id="S", title="A source", trust="A")], [], pages, None)
    assert page_lines(library, "home", "112") == [
        "Home",
        "Information, not a diagnosis.",
        "",
        "See the section The table, Other page, section Part two (cramp read other) and "
        "Other page (cramp read other).",
        "",
        "The table",
        "",
        "Food: Milk",
        "Calcium: high",
        "",
        "Food: Kale",
        "Calcium: some",
        "",
        "Only, A header",
        "",
        "1. first",
        "2. second",
        "  - inner",
        "",
        "See also:",
        "- Other page (cramp read other): About the other.",
        "",
        "Sources:",
        "- A source. Health service or official guideline.",
    ]


def test_plain_reading_imports_no_screen_library_and_no_pydantic():
    code = ("import sys, tui.plain.library, tui.plain.page_text, tui.content.navigation\n"
            "sys.exit(sorted(m for m in sys.modules\n"
            "                if m.split('.')[0] in ('textual', 'rich', 'pydantic')) or None)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
