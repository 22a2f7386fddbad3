"""The one Markdown module (tui.content.markdown): what every layer reads from a page's tree, and
the Markdown problems `cramp check` reports at their file and line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tui.__main__ import main
from tui.content import bundled_guides_dir, check_dir, load_library
from tui.content.markdown import Link, Paragraph, parse, slug, text_of

PAGE = """# Leg cramps

Opening words with **bold** and `code`.

## The 10-minute rule

A paragraph that runs
over two lines and then [links to a section](other.md#the-wall-stretch)
on its third line, and [to this page](#notes).

## Notes

| Nutrient | Food sources |
|---|---|
| Iron | Beans, [greens](greens.md) |
| Calcium | Milk |

## Notes

> **Correction:** a quote.

- one
  - nested
3. third
"""


# -- slugs and sections -----------------------------------------------------------------------
@pytest.mark.parametrize("heading, anchor", [
    ("The 10-minute rule", "the-10-minute-rule"),
    ("Supplements: check first", "supplements-check-first"),
    ("What is a leg cramp?", "what-is-a-leg-cramp"),
    ("Vitamin D", "vitamin-d"),
    ("Café au lait", "café-au-lait"),
    ("  spaced   out  ", "spaced-out"),
])
def test_slug_is_githubs(heading, anchor):
    assert slug(heading) == anchor


def test_sections_follow_the_top_level_headings():
    document = parse(PAGE)
    assert [(h.level, h.text, h.anchor, h.line) for h in document.headings] == [
        (1, "Leg cramps", "leg-cramps", 1),
        (2, "The 10-minute rule", "the-10-minute-rule", 5),
        (2, "Notes", "notes", 11),
        (2, "Notes", "notes-1", 18),  # the same heading again: numbered, as GitHub does
    ]
    assert document.anchors == ["leg-cramps", "the-10-minute-rule", "notes", "notes-1"]
    opening = document.sections[0]
    assert opening.text == "Opening words with bold and code."  # no ** and no backticks
    assert document.section("notes-1").text == "Correction: a quote. one nested third"
    assert document.section("missing") is None


def test_a_heading_marked_up_slugs_by_its_words():
    document = parse("## See [the **wall** stretch](x.md) now\n")
    assert document.headings[0].text == "See the wall stretch now"
    assert document.anchors == ["see-the-wall-stretch-now"]


def test_hash_lines_in_code_and_quotes_are_not_sections():
    document = parse("# Title\n\n```\n# not a heading\n```\n\n> ## quoted heading\n")
    assert document.anchors == ["title"]
    assert "not a heading" in document.sections[0].text


def test_text_before_the_first_heading_is_a_section_without_one():
    document = parse("Lead-in text.\n\n# Title\n")
    assert document.sections[0].heading is None and document.sections[0].anchor == ""
    assert document.sections[0].text == "Lead-in text."


# -- links, lists, tables ---------------------------------------------------------------------
def test_links_keep_their_words_target_and_line():
    links = parse(PAGE).links
    assert [(link.text, link.href, link.line) for link in links] == [
        ("links to a section", "other.md#the-wall-stretch", 8),
        ("to this page", "#notes", 9),
        ("greens", "greens.md", 15),
    ]


def test_a_link_is_kept_as_written_not_percent_encoded():
    document = parse("## Café au lait\n\nSee [it](#café-au-lait) and [x](other page.md).\n")
    assert [link.href for link in document.links] == ["#café-au-lait"]
    assert document.links[0].href.removeprefix("#") in document.anchors


def test_paragraph_runs_put_links_in_place():
    paragraph = parse("See [the wall](wall.md) now.\n").sections[0].blocks[0]
    assert isinstance(paragraph, Paragraph)
    assert paragraph.runs == ("See ", Link("the wall", "wall.md", 1), " now.")
    assert text_of(paragraph.runs) == "See the wall now."


def test_list_items_and_quotes_say_what_they_are():
    blocks = parse(PAGE).section("notes-1").blocks
    assert [(b.marker, b.depth, b.quoted, b.text) for b in blocks] == [
        ("", 0, True, "Correction: a quote."),
        ("-", 1, False, "one"),
        ("-", 2, False, "nested"),
        ("3.", 1, False, "third"),
    ]


def test_tables_read_as_column_value_pairs():
    (table,) = parse(PAGE).tables
    assert table.line == 13
    assert table.pairs() == [
        [("Nutrient", "Iron"), ("Food sources", "Beans, greens")],
        [("Nutrient", "Calcium"), ("Food sources", "Milk")],
    ]
    assert parse(PAGE).section("notes").text == \
        "Nutrient · Food sources Iron · Beans, greens Calcium · Milk"


def test_the_same_text_is_parsed_once():
    assert parse(PAGE) is parse(PAGE)


# -- problems ---------------------------------------------------------------------------------
@pytest.mark.parametrize("markdown, line, where, words", [
    ("Text.\n\n![a leg](leg.png)\n", 3, "image", "cannot be shown"),
    ("Text.\n\n<div>boxed</div>\n", 3, "HTML", "shown as it is written"),
    ("Some <b>bold</b> text.\n", 1, "HTML", "shown as it is written"),
    ("One line.\nA **bold start never\nends.\n", 2, "emphasis", "'**' is not closed"),
    ("See [the page] (page.md) or\n[this](page.md\n", 1, "link", "broken link"),
    ("Go [](page.md).\n", 1, "link", "no words"),
    ("# Title\n\n#\n", 3, "heading", "no text"),
    ("| a | b |\n|---|---|\n| 1 | 2 |\n| 1 | 2 | 3 |\n", 4, "table", "3 cells"),
    ("| a | b |\n|---|---|\n| 1 |\n", 3, "table", "1 cells; the table has 2"),
])
def test_markdown_problems_have_their_line(markdown, line, where, words):
    flaws = parse(markdown).flaws
    assert [(f.line, f.where) for f in flaws] == [(line, where)], flaws
    assert words in flaws[0].message


def test_bundled_pages_have_no_markdown_problems():
    library = load_library().library
    for page_id in library.pages:
        assert library.document(page_id).flaws == (), page_id


# -- through `cramp check`: the file and the line in it ------------------------------------------
@pytest.fixture
def guides(tmp_path) -> Path:
    root = tmp_path / "guides"
    shutil.copytree(bundled_guides_dir(), root)
    return root


def _add_after(path: Path, marker: str, text: str) -> int:
    """Put `text` on the line after the first line holding `marker`; its line number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(n for n, line in enumerate(lines) if marker in line) + 1
    lines[at:at] = ["", text, ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return at + 2


def test_check_names_the_file_and_line_of_each_markdown_problem(guides, capsys):
    page = guides / "pages" / "quinine.md"
    image = _add_after(page, "Here is why.", "![a bottle](bottle.png)")
    broken = _add_after(page, "Here is why.", "Read [the night page](night-cramps.md#nope).")
    image += 3  # pushed down by the lines added above it
    assert main(["check", str(guides)]) == 1
    out = capsys.readouterr().out
    assert f"{page}:{broken}: link: 'night-cramps.md#nope' points to section '#nope'" in out
    assert f"{page}:{image}: image: an image cannot be shown" in out


def test_a_link_to_the_second_of_two_same_headings_is_valid(guides):
    page = guides / "pages" / "quinine.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "\n## Twice\n\nOne.\n\n## Twice\n\nTwo, see [above](#twice-1).\n",
                    encoding="utf-8")
    assert check_dir(guides) == []


def test_search_imports_neither_pydantic_nor_markdown_it():
    """The first / pays for neither: the index reads the trees the content cache carries."""
    code = ("import sys, tui.content.search\n"
            "sys.exit(any(m in sys.modules for m in ('pydantic', 'markdown_it', 'textual')))")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_a_page_is_parsed_once_and_kept():
    library = load_library().library
    first = library.document("night-cramps")
    assert library.document("night-cramps") is first
