"""Where links go and the reader's back/forward history (tui.content.navigation, no Textual)."""

from __future__ import annotations

import pytest

from tui.content import load_library
from tui.content.navigation import (History, Navigator, Place, Refused, Target, page_links,
                                    resolve_link)


@pytest.fixture(scope="module")
def library():
    return load_library().library


def test_resolve_link():
    pages = {"a": 1, "b": 2}
    assert resolve_link("b.md#x", "a", pages) == Target("b", "x")
    assert resolve_link("b.md", "a", pages) == ("b", "")
    assert resolve_link("./b.md", "a", pages) == ("b", "")
    assert resolve_link("#x", "a", pages) == ("a", "x")
    assert resolve_link("c.md", "a", pages) is None
    assert resolve_link("https://b.md", "a", pages) is None
    assert resolve_link("mailto:b@example.org", "a", pages) is None


def test_history_drops_the_forward_places_on_a_new_visit():
    history = History()
    for page in "abc":
        history.visit(Place(page))
    assert history.back().page_id == "b" and history.back().page_id == "a"
    assert history.back() is None and history.can_forward and not history.can_back
    assert history.forward().page_id == "b"
    history.visit(Place("d"))
    assert not history.can_forward and [p.page_id for p in history.places] == ["a", "b", "d"]


def test_navigator_follows_links_and_comes_back_to_the_same_spot(library):
    nav = Navigator(library)
    assert nav.open("night-cramps") == Place("night-cramps")
    nav.remember(12.0)  # the reader scrolled down before following a link
    place = nav.follow("prevention-stretches.md#the-bedtime-stretch-routine")
    assert (place.page_id, place.anchor) == ("prevention-stretches", "the-bedtime-stretch-routine")
    same_page = nav.follow("#the-wall-calf-stretch")
    assert (same_page.page_id, same_page.anchor) == ("prevention-stretches",
                                                     "the-wall-calf-stretch")
    assert nav.back().anchor == "the-bedtime-stretch-routine"
    back = nav.back()
    assert (back.page_id, back.scroll_y) == ("night-cramps", 12.0)
    assert nav.back() is None
    assert nav.forward().page_id == "prevention-stretches"


def test_navigator_refuses_the_web_and_missing_pages(library):
    nav = Navigator(library)
    nav.open("quinine")
    web = nav.follow("https://example.org/quinine")
    assert isinstance(web, Refused) and web.external and "offline" in web.message
    assert "https://example.org/quinine" in web.message
    missing = nav.follow("no-such-page.md")
    assert isinstance(missing, Refused) and not missing.external
    assert "no-such-page.md" in missing.message
    unknown = nav.open("no-such-page")
    assert isinstance(unknown, Refused) and "no page 'no-such-page'" in unknown.message
    assert not nav.history.can_back  # nothing refused became a place to go back to


def test_page_links_list_each_target_once_with_where_it_goes(library):
    links = page_links(library, "night-cramps")
    hrefs = [link.href for link in links]
    assert hrefs[0] == "pregnancy.md"  # the first link in the text
    assert len(hrefs) == len(set(hrefs))
    by_href = {link.href: link for link in links}
    section = by_href["prevention-stretches.md#the-bedtime-stretch-routine"]
    assert section.label == ("the bedtime stretch routine  →  Stretches to prevent cramps › "
                             "The bedtime stretch routine")
    assert section.target == Target("prevention-stretches", "the-bedtime-stretch-routine")
    # Related pages ("See also") come after the text's own links, labelled by their titles.
    assert (links[-1].label, links[-1].href) == ("What is a leg cramp?", "what-is-a-cramp.md")
    assert "what-is-a-cramp" in library.pages["night-cramps"].related
