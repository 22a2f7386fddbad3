"""The walk layer's own rules, without an adapter: what Backspace undoes, and the count of
"still cramping" answers that brings the blood-clot question for everyone."""

from __future__ import annotations

from tests.conftest import FakeClock
from tui.content import load_library
from tui.content.models import Context
from tui.settings import Settings
from tui.walk.session import Session

LIBRARY = load_library().library


def session() -> Session:
    walk = Session(LIBRARY, Settings(), clock=FakeClock())
    walk.begin("calf")
    return walk


def test_the_third_still_cramping_asks_the_clot_question():
    walk = session()
    assert walk.answer("n").hold_again and walk.answer("n").hold_again
    walk.answer("n")
    assert walk.view.qid == "safety:clot-check"


def test_back_undoes_a_still_cramping_and_its_count():
    walk = session()
    walk.answer("n")
    walk.answer("n")
    assert walk.back()
    walk.answer("n")  # the second again, not the third
    assert walk.view.qid == "calf:stretch"
    walk.answer("n")
    assert walk.view.qid == "safety:clot-check"


def test_back_from_an_ending_keeps_the_cramp_clock_running():
    clock = FakeClock()
    walk = Session(LIBRARY, Settings(), clock=clock)
    walk.begin("foot")
    walk.answer("y")  # eased: the clock stops
    clock.advance(30)
    assert walk.elapsed() == 0
    assert walk.back() and walk.view.qid == "foot:stretch"
    assert walk.elapsed() == 30  # it ran all along


def test_the_persons_hold_length_replaces_the_usual_one():
    walk = Session(LIBRARY, Settings(hold_seconds=8), clock=FakeClock())
    walk.begin("quad")
    assert walk.view.hold == 8
    assert session().view.hold == 5


def test_the_end_offers_each_known_page_once_on_a_number_key():
    walk = Session(LIBRARY, Settings(), Context(position="bed"), clock=FakeClock())
    walk.begin("calf")
    walk.answer("y")
    while not walk.finished:
        walk.answer("enter")
    offers = walk.view.pages
    assert [o.key for o in offers] == [str(n) for n in range(1, len(offers) + 1)]
    assert len({o.page for o in offers}) == len(offers) <= 9
    assert all(LIBRARY.pages[o.page].title == o.title for o in offers)
    assert offers[0].page == "night-cramps"  # a night cramp: the night page first
