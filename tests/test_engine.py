"""The flow engine over the bundled guides: every path of every site flow in every context ends,
the blood-clot gate comes before any stretch in pregnancy, and refine() follows what the person
tells us mid-walk. No screen: the engine is pure Python."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.content import load_library
from tui.content.models import Context, When
from tui.walk.engine import AGAIN, CONTINUE, EASED, Engine, Walk, WalkError

LIB = load_library().library
SITES = [flow.site for flow in LIB.site_flows]
GATE = "safety:clot-check"
MAX_MOVES = 30

CONTEXTS = [
    Context(helper=helper, position=position, pregnant=pregnant)
    for helper, position, pregnant in itertools.product(
        (False, True), (None, "bed", "sitting", "standing"), (False, True))
]


def ctx_id(ctx: Context) -> str:
    return f"helper={ctx.helper}-{ctx.position}-pregnant={ctx.pregnant}"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(LIB)


def stretch_qid(site: str) -> str:
    flow = LIB.site_flow(site)
    return f"{flow.id}:{flow.start}"


def kind(engine: Engine, walk: Walk) -> str:
    return engine.raw_step(walk).kind


def finish(engine: Engine, walk: Walk) -> Walk:
    """The shortest happy way on: it eased, no clot signs, continue."""
    for _ in range(MAX_MOVES):
        if engine.finished(walk):
            return walk
        step = engine.raw_step(walk)
        key = {"stretch": EASED, "info": CONTINUE}.get(step.kind, "n")
        walk = engine.answer(walk, key)
    raise AssertionError(f"no end after {MAX_MOVES} moves: {walk.visited}")


def all_paths(engine: Engine, site: str, ctx: Context) -> list[tuple[tuple[str, ...], Walk, bool]]:
    """DFS over every answer from start(site) to an end. "Still cramping" on a stretch repeats
    it: that self-loop is followed once per stretch. Returns (keys, final walk, eased?)."""
    ends = []
    todo = [(engine.start(site, ctx), (), frozenset(), False)]
    while todo:
        walk, keys, repeated, eased = todo.pop()
        assert len(keys) <= MAX_MOVES, f"{site} {ctx_id(ctx)}: no end after {keys}"
        if engine.finished(walk):
            ends.append((keys, walk, eased))
            continue
        answers = engine.answers(walk)
        assert answers, f"{walk.qid} is not an end step but takes no answer"
        is_stretch = kind(engine, walk) == "stretch"
        for answer in answers:
            nxt = engine.answer(walk, answer.key)
            if is_stretch and answer.key == AGAIN:
                assert nxt.qid == walk.qid, "still cramping must repeat the same stretch"
                assert nxt.visited == walk.visited
                if walk.qid in repeated:
                    continue
                todo.append((nxt, keys + (answer.key,), repeated | {walk.qid}, eased))
            else:
                todo.append((nxt, keys + (answer.key,), repeated,
                             eased or (is_stretch and answer.key == EASED)))
    return ends


# -- every path ends ---------------------------------------------------------------------------

@pytest.mark.parametrize("ctx", CONTEXTS, ids=ctx_id)
@pytest.mark.parametrize("site", SITES)
def test_every_path_ends(engine: Engine, site: str, ctx: Context):
    ends = all_paths(engine, site, ctx)
    assert ends
    outcomes = set()
    for keys, walk, eased in ends:
        step = engine.step(walk)
        assert step.kind == "end", (keys, walk.qid)
        assert engine.answers(walk) == []
        outcomes.add(step.outcome)
        if eased:
            assert step.outcome == "eased", (keys, walk.qid)
        else:
            # The only way to an end without easing is the clot gate's "yes".
            assert step.outcome == "urgent" and walk.qid.startswith("safety:"), keys
            assert not any(q.endswith(":stretch") for q in walk.visited), walk.visited
    assert outcomes == ({"eased", "urgent"} if ctx.pregnant else {"eased"})
    # Eased, repeated-then-eased, and (pregnant) the urgent ending.
    assert len(ends) == (3 if ctx.pregnant else 2)


@pytest.mark.parametrize("ctx", CONTEXTS, ids=ctx_id)
def test_aftercare_steps_follow_the_context(engine: Engine, ctx: Context):
    for site in SITES:
        walk = finish(engine, engine.start(site, ctx))
        visited = set(walk.visited)
        assert walk.qid == "aftercare:done"
        assert engine.step(walk).outcome == "eased"
        assert ("aftercare:heels" in visited) == (ctx.position == "bed")
        assert ("aftercare:night" in visited) == (ctx.position == "bed")
        assert ("aftercare:pregnancy" in visited) == ctx.pregnant
        assert "aftercare:start" in visited


# -- the safety gate in pregnancy ------------------------------------------------------------

@pytest.mark.parametrize("site", SITES)
def test_pregnant_start_asks_the_clot_gate_first(engine: Engine, site: str):
    walk = engine.start(site, Context(pregnant=True))
    step = engine.raw_step(walk)
    assert walk.qid == GATE
    assert step.gate and step.kind == "question"
    assert walk.pending == stretch_qid(site)
    assert walk.visited == (GATE,), "no stretch may be shown before the gate"
    assert {a.key for a in engine.answers(walk)} == {"y", "n"}


@pytest.mark.parametrize("site", SITES)
@pytest.mark.parametrize("helper", [False, True])
def test_clot_signs_end_urgent_without_a_stretch(engine: Engine, site: str, helper: bool):
    walk = engine.answer(engine.start(site, Context(pregnant=True, helper=helper)), "y")
    step = engine.step(walk)
    assert engine.finished(walk)
    assert step.kind == "end" and step.outcome == "urgent"
    assert "don't stretch" in step.text.lower() or "do not stretch" in step.text.lower()
    assert all(LIB.step(*q.split(":")).kind != "stretch" for q in walk.visited)


@pytest.mark.parametrize("site", SITES)
def test_no_clot_signs_continue_to_the_stretch(engine: Engine, site: str):
    walk = engine.answer(engine.start(site, Context(pregnant=True)), "n")
    assert walk.qid == stretch_qid(site)
    assert kind(engine, walk) == "stretch"
    assert walk.pending is None and GATE in walk.gates_done
    # Still cramping: the same stretch again, the gate is not asked twice.
    again = engine.answer(walk, AGAIN)
    assert again.qid == walk.qid


@pytest.mark.parametrize("site", SITES)
@pytest.mark.parametrize("position", [None, "bed", "sitting", "standing"])
def test_not_pregnant_starts_at_the_stretch(engine: Engine, site: str, position):
    walk = engine.start(site, Context(position=position))
    assert walk.qid == stretch_qid(site)
    assert kind(engine, walk) == "stretch"
    assert walk.visited == (walk.qid,)


# -- refine: the person tells us more mid-walk -------------------------------------------------

@pytest.mark.parametrize("site", SITES)
def test_saying_pregnant_on_a_stretch_asks_the_gate_then_returns(engine: Engine, site: str):
    walk = engine.start(site, Context())
    gated = engine.refine(walk, Context(pregnant=True))
    assert gated.qid == GATE
    assert gated.pending == walk.qid
    back = engine.answer(gated, "n")
    assert back.qid == walk.qid and back.ctx.pregnant
    # Already answered: saying it again does not ask again.
    assert engine.refine(back, Context(pregnant=True, helper=True)).qid == walk.qid
    urgent = engine.answer(gated, "y")
    assert engine.step(urgent).outcome == "urgent"


@pytest.mark.parametrize("site", SITES)
def test_taking_back_pregnant_at_the_gate_returns_to_the_stretch(engine: Engine, site: str):
    walk = engine.start(site, Context(pregnant=True))
    assert walk.qid == GATE
    back = engine.refine(walk, Context(pregnant=False))
    assert back.qid == stretch_qid(site)
    assert back.pending is None


@pytest.mark.parametrize("site", SITES)
def test_helper_switches_the_stretch_text(engine: Engine, site: str):
    walk = engine.start(site, Context())
    alone = engine.step(walk)
    helped_walk = engine.refine(walk, Context(helper=True))
    helped = engine.step(helped_walk)
    assert helped_walk.qid == walk.qid
    variant = next(v for v in engine.raw_step(walk).variants if v.when == When(helper=True))
    assert helped.title == variant.title and helped.do == variant.do
    assert helped.do != alone.do and helped.title != alone.title
    assert "help them" in f"{helped.title} {helped.do}".lower()
    assert helped.hold == alone.hold  # the same hold: the usual 5 s or the person's own
    # And back again.
    assert engine.step(engine.refine(helped_walk, Context())).do == alone.do


@pytest.mark.parametrize("site", SITES)
def test_position_switches_the_stretch_text(engine: Engine, site: str):
    walk = engine.start(site, Context())
    texts = {engine.step(engine.refine(walk, Context(position=p))).do
             for p in (None, "bed", "sitting", "standing")}
    assert len(texts) >= 3, "position variants must change what to do"


@pytest.mark.parametrize("site", SITES)
def test_refining_to_bed_mid_walk_adds_the_night_steps(engine: Engine, site: str):
    walk = engine.refine(engine.start(site, Context()), Context(position="bed"))
    done = finish(engine, walk)
    assert {"aftercare:heels", "aftercare:night"} <= set(done.visited)
    plain = finish(engine, engine.start(site, Context()))
    assert not {"aftercare:heels", "aftercare:night"} & set(plain.visited)


# -- pages offered at the end ------------------------------------------------------------------

@pytest.mark.parametrize("site", SITES)
def test_pages_at_the_end(engine: Engine, site: str):
    bed = finish(engine, engine.start(site, Context(position="bed")))
    pregnant = finish(engine, engine.start(site, Context(pregnant=True)))
    plain = finish(engine, engine.start(site, Context(position="sitting")))
    assert "night-cramps" in engine.pages(bed)
    assert "pregnancy" in engine.pages(pregnant)
    assert "night-cramps" not in engine.pages(plain)
    assert "pregnancy" not in engine.pages(plain)
    for walk in (bed, pregnant, plain):
        pages = engine.pages(walk)
        assert len(pages) == len(set(pages))
        assert set(pages) <= set(LIB.pages)


# -- bad answers -------------------------------------------------------------------------------

def test_answers_a_step_does_not_take_raise_walkerror(engine: Engine):
    stretch = engine.start("calf", Context())
    gate = engine.start("calf", Context(pregnant=True))
    info = engine.answer(stretch, EASED)
    end = finish(engine, stretch)
    assert kind(engine, info) == "info"
    cases = [(stretch, "x"), (stretch, CONTINUE), (stretch, ""), (gate, CONTINUE), (gate, "1"),
             (info, EASED), (info, AGAIN), (end, EASED), (end, CONTINUE), (end, "n")]
    for walk, key in cases:
        with pytest.raises(WalkError):
            engine.answer(walk, key)
    assert issubclass(WalkError, ValueError)


def test_unknown_site_is_a_keyerror(engine: Engine):
    with pytest.raises(KeyError):
        engine.start("elbow", Context())


# -- any sequence of answers and refinements -------------------------------------------------

contexts = st.builds(Context, helper=st.booleans(),
                     position=st.sampled_from([None, "bed", "sitting", "standing"]),
                     pregnant=st.booleans())
actions = st.lists(st.one_of(st.tuples(st.just("answer"), st.integers(0, 3)),
                             st.tuples(st.just("refine"), contexts)), max_size=25)


@settings(max_examples=150, deadline=None)
@given(site=st.sampled_from(SITES), ctx=contexts, steps=actions)
def test_any_sequence_keeps_the_walk_sound(site: str, ctx: Context, steps):
    engine = Engine(LIB)
    walk = engine.start(site, ctx)
    for action, arg in steps:
        if engine.finished(walk):
            break
        if action == "answer":
            answers = engine.answers(walk)
            walk = engine.answer(walk, answers[arg % len(answers)].key)
        else:
            walk = engine.refine(walk, arg)
        step = engine.step(walk)  # the step exists and resolves
        assert walk.visited[-1] == walk.qid
        if step.kind == "stretch" and walk.ctx.pregnant:
            assert GATE in walk.gates_done, "a stretch shown in pregnancy before the clot gate"
        if engine.raw_step(walk).gate:
            assert walk.pending and LIB.step(*walk.pending.split(":")).kind == "stretch"
    end = finish(engine, walk)
    assert engine.step(end).outcome in ("eased", "urgent")
