"""Library search: the pure index in tui.content.search (no Textual), on the real bundled pages.

Speed is measured by bench/ (run with the other figures); here only what it finds.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from tui.content import load_library
from tui.content.library import Library
from tui.content.models import Page
from tui.content.search import Index, index_for, marks, page_markdown, search, split_sections, stem


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library().library


def top(library: Library, query: str):
    hits = search(library, query)
    assert hits, f"nothing found for {query!r}"
    return hits[0]


# -- the queries people type --------------------------------------------------------------------
def test_magnesium_opens_the_magnesium_section(library):
    # Only one page has a section about magnesium (after-calcium, "## Magnesium": what it does,
    # low levels, food, the Cochrane review). vitamins-minerals mentions it in a table row.
    hit = top(library, "magnesium")
    assert (hit.page_id, hit.anchor, hit.heading) == ("after-calcium", "magnesium", "Magnesium")
    assert "vitamins-minerals" in [h.page_id for h in search(library, "magnesium")]


def test_night_finds_night_cramps(library):
    hit = top(library, "night")
    assert hit.page_id == "night-cramps"
    assert "night" in (hit.heading + hit.snippet).lower()


def test_pregnant_finds_the_pregnancy_page(library):
    # "pregnant" is not a prefix of "pregnancy": the light stemmer joins them.
    assert top(library, "pregnant").page_id == "pregnancy"
    assert stem("pregnant") == stem("pregnancy") == stem("pregnancies")


def test_vitamin_d_opens_the_vitamin_d_section(library):
    # after-calcium has a section headed exactly "Vitamin D" (9 mentions); pregnancy's is
    # "Sunlight and vitamin D"; vitamins-minerals only has it in its title word "Vitamins".
    hit = top(library, "vitamin D")
    assert (hit.page_id, hit.anchor) == ("after-calcium", "vitamin-d")
    pages = [h.page_id for h in search(library, "vitamin d")]
    assert pages.index("pregnancy") < pages.index("vitamins-minerals")


def test_salt_finds_sodium_and_water(library):
    hit = top(library, "salt")
    assert hit.page_id == "sodium-water"
    assert hit.anchor == "no-salt-water-before-bed"


@pytest.mark.parametrize("query, page", [
    ("quinine", "quinine"),
    ("tonic water", "quinine"),
    ("blood clot", "when-to-see-a-doctor"),
    ("wall calf stretch", "prevention-stretches"),
    ("what to do during a cramp", "during-a-cramp"),
    ("10 minute rule", "when-to-see-a-doctor"),
])
def test_more_queries(library, query, page):
    assert top(library, query).page_id == page


def test_no_match_returns_nothing(library):
    assert search(library, "xyzzy") == []
    assert search(library, "night xyzzy") == []  # every word is required
    assert search(library, "") == []
    assert search(library, "   ,.;  ") == []


def test_heading_anchor_is_a_real_slug_of_the_page(library):
    for query in ("magnesium", "night", "salt", "vitamin d", "blood clot", "wall", "tonic"):
        for hit in search(library, query):
            if hit.heading:
                assert hit.anchor in library.document(hit.page_id).anchors, hit


def test_every_anchor_is_a_slug_or_the_top(library):
    for query in ("cramp", "calf", "doctor", "sleep"):
        for hit in search(library, query):
            slugs = library.document(hit.page_id).anchors
            assert hit.anchor == "" or hit.anchor in slugs


def test_title_beats_heading_beats_body(library):
    # "quinine" is in the quinine page's title, a pregnancy heading, and night-cramps' body.
    hits = {h.page_id: h.score for h in search(library, "quinine")}
    assert hits["quinine"] > hits["pregnancy"] > hits["night-cramps"]


def test_one_result_per_page_ranked_best_first(library):
    hits = search(library, "cramp")
    assert len({h.page_id for h in hits}) == len(hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert len(search(library, "cramp", limit=3)) == 3


def test_word_prefix_matching(library):
    assert top(library, "magnes").page_id == "after-calcium"
    assert top(library, "quin").page_id == "quinine"


def test_snippet_shows_the_match(library):
    hit = top(library, "tonic")
    assert "tonic" in hit.snippet.lower()
    assert len(hit.snippet) <= 120
    assert marks(hit.snippet, "tonic")


def test_marks_are_the_matching_words():
    text = "Pregnancy raises the risk; if you are pregnant, ask."
    spans = [text[a:b] for a, b in marks(text, "pregnant risk")]
    assert spans == ["Pregnancy", "risk", "pregnant"]
    assert marks(text, "") == []


def test_index_is_built_once_per_library(library):
    assert index_for(library) is index_for(library)


def test_markdown_is_read_as_text():
    page = Page(id="p", title="Page", summary="s", sources=("X",), body=(
        "# Page\n\nSee [the **wall** stretch](other.md#wall) and `code`.\n\n"
        "## A table\n\n| Nutrient | Food |\n|---|---|\n| Iron | Beans |\n\n"
        "## A table\n\n> **Note:** twice.\n"))
    sections = split_sections(0, page.title, page.body)
    assert [(s.anchor, s.heading) for s in sections] == [
        ("page", ""), ("a-table", "A table"), ("a-table-1", "A table")]
    assert sections[0].text == "See the wall stretch and code."
    assert sections[1].text == "Nutrient · Food Iron · Beans"
    assert sections[2].text == "Note: twice."


def test_generated_pages(library):
    """Many pages: still every word required, still one hit per page."""
    pages = [Page(id=f"g{i}", title=f"Generated {i}", summary="s", sources=("X",),
                  body=f"# Generated {i}\n\n## Part {i % 7}\n\nwords w{i}end common text\n")
             for i in range(300)]
    index = Index(pages)
    assert len(index.search("common", limit=50)) == 50
    assert [h.page_id for h in index.search("w17end")] == ["g17"]
    assert [h.page_id for h in index.search("generated 42")][0] == "g42"
    assert index.search("common nothing") == []


# -- what a page shows at its end ---------------------------------------------------------------
def test_page_ends_with_its_sources_as_people_read_them(library):
    for page_id, page in library.pages.items():
        text = page_markdown(library, page_id)
        sources = text[text.rindex("## Sources"):]
        assert "## " not in sources[3:], f"{page_id}: Sources is not the last section"
        for source_id in page.sources:
            source = library.sources[source_id]
            # Publisher, title, year and plain-words kind as Source.citation says them; the
            # address follows as code.
            assert f"- {source.citation.removesuffix(source.url).rstrip()}" in sources
        assert "](http" not in sources  # addresses are text, never links
        assert "**A**" not in sources and "trust A" not in sources and ".txt" not in sources


def test_search_module_imports_no_textual():
    code = ("import sys, tui.content.search\n"
            "sys.exit(any(m in sys.modules for m in ('textual', 'rich', 'pydantic')))")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_an_index_built_while_another_thread_asks_is_built_once():
    """The app builds the index in a thread while Home is shown; a search typed meanwhile
    waits for that build and gets the same index."""
    import threading

    fresh = load_library().library
    built: list[object] = []
    threads = [threading.Thread(target=lambda: built.append(index_for(fresh))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(built) == 4 and all(index is built[0] for index in built)
    assert index_for(fresh) is built[0]
