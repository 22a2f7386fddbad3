"""One fact, one wording: no two places in the guides disagree.

Red flags and their urgency live once, in danger.toml: each named sign below is found in exactly
one of its sections, and that section's heading says how urgent it is. Every other sentence in
every page, flow step (in every context) and the danger sheet that names the sign must then use
the same level of urgency, or none. A few other facts have one wording each: massage pressure,
"stop if it hurts more" on every stretch, the verdict on vitamin B complex, and the calcium upper
limit for people over 50.

Each check returns the problems it finds; the bundled guides must give none, and the
`*_finds_*` tests break a copy of the guides the way the review found them broken and prove the
same check complains.
"""

from __future__ import annotations

import itertools
import re
import shutil
from pathlib import Path

import pytest

from tui.content import Library, bundled_guides_dir, load_library
from tui.content.loader import parse_dir
from tui.content.models import Context

CONTEXTS = [Context(helper=h, position=p, pregnant=g) for h, p, g in itertools.product(
    (False, True), (None, "bed", "sitting", "standing"), (False, True))]

# Urgency words and the levels each allows. Words of immediacy fit an emergency and urgent care.
LEVELS = ("emergency", "urgent", "soon", "routine")
URGENCY = [
    (re.compile(r"emergency number|\{emergency\}|\b(?:999|112|911)\b", re.I), {"emergency"}),
    (re.compile(r"\burgent(?:ly)?\b|\btoday\b|same day|\b111\b", re.I), {"urgent"}),
    (re.compile(r"straight away|right away|immediately|at once|\bnow\b", re.I),
     {"emergency", "urgent"}),
    (re.compile(r"within a day or two", re.I), {"soon"}),
    (re.compile(r"\broutine\b|without urgency", re.I), {"routine"}),
]

# Named red flags: how any text mentions them. Their urgency is not here: it is danger.toml's.
SIGNS = {
    "chest pain": r"chest pain|pain or tightness in the chest|chest pain or tightness",
    "breathlessness": r"breathless|difficulty breathing|trouble breathing",
    "coughing blood": r"cough(?:ing)? (?:up )?blood",
    "a swollen, red leg": r"swollen, red|red and swollen|red, swollen",
    "over 10 minutes": r"(?:more|longer) than 10 minutes|over 10 minutes",
    "severe cramping that continues": r"severe cramping",
    "lead or mercury": r"lead or mercury",
    "dirt in a wound": r"dirt (?:got )?into a cut",
    "numbness": r"\bnumbness\b|loss of feeling",
    "cramps in the chest, arms or belly": r"chest, arms or belly|arms, chest or belly",
    "heavy fluid loss": r"heavy fluid loss",
    "pain on walking": r"when (?:you )?walk\w*[^.]{0,40}?(?:stops?|goes away) when (?:you )?"
                       r"(?:stop|rest)",
    "a new medicine": r"new medicine",
    "heavy drinking": r"drink (?:a lot of alcohol|heavily)",
    "muscles weaker or smaller": r"weaker or smaller",
    "disturbed sleep": r"disturb (?:your )?sleep",
}
SIGN_PATTERNS = {name: re.compile(pattern, re.I) for name, pattern in SIGNS.items()}

RUB = re.compile(r"\b(?:rub|rubs|rubbing|massage|massaging)\b", re.I)
PRESSURE = re.compile(r"\b(?:gently|gentle|firmly|firm|hard|lightly|softly|vigorously)\b", re.I)
STOP_IF_WORSE = "stop if it hurts more"
B_COMPLEX = re.compile(r"\bB complex\b|\bB vitamins\b|\bvitamin B\b", re.I)
B_VERDICTS = {
    "weak": re.compile(r"\bweak\b|\blimited\b|more research|low certainty", re.I),
    "does not work": re.compile(r"do(?:es)? not (?:seem|appear) to (?:work|be effective)"
                                r"|not effective|no benefit", re.I),
    "works": re.compile(r"may be considered|may help|\bworks\b", re.I),
}


# -- the text, as sentences with the context that governs them ---------------------------------

def sentences(text: str) -> list[str]:
    """Sentences; one that begins "This", "These", "That" or "It" is read with the sentence before
    it, which it refers back to."""
    parts = [p.strip() for p in re.split(r"(?<=[.!?])\s+|\n+", text) if p.strip()]
    joined: list[str] = []
    for part in parts:
        if joined and re.match(r"(?:This|These|That|It)\b", part):
            joined[-1] += " " + part
        else:
            joined.append(part)
    return joined


def page_statements(body: str) -> list[tuple[str, str]]:
    """(context, sentence) for a Markdown body. The context is the section heading and, for a list
    item, the sentence that introduces the list ("... if:"). Each table row stands alone."""
    found: list[tuple[str, str]] = []
    heading = lead_in = ""
    for block in re.split(r"\n\s*\n", body):
        block = block.strip()
        if block.startswith("#"):
            heading, lead_in = block.lstrip("#").strip(), ""
            continue
        items = re.split(r"\n(?=\s*(?:[-*]|\d+\.)\s|\|)", block)  # list items, table rows
        is_list = bool(re.match(r"\s*(?:[-*]|\d+\.)\s", items[0]))
        for item in items:
            text = re.sub(r"\s*\n\s*", " ", item.strip())
            context = heading + (" / " + lead_in if is_list and lead_in else "")
            found += [(context, sentence) for sentence in sentences(text)]
        if not is_list:
            lead_in = block.splitlines()[-1] if block.rstrip().endswith(":") else ""
    return found


def statements(lib: Library) -> list[tuple[str, str, str]]:
    """(where, context, sentence) for everything the guides say to a person."""
    found = []
    for page in lib.pages.values():
        found += [(f"page {page.id}", c, s) for c, s in page_statements(page.body)]
    for flow in lib.flows.values():
        for step in flow.steps:
            texts = {(step.resolved(ctx).title, step.resolved(ctx).text, step.resolved(ctx).do,
                      step.resolved(ctx).how, step.resolved(ctx).why) for ctx in CONTEXTS}
            for text in {t for group in texts for t in group if t}:
                found += [(f"flow {flow.id}:{step.id}", step.title, s) for s in sentences(text)]
    danger = lib.danger
    assert danger is not None
    for text in (danger.intro, danger.long_cramp_text, danger.stretch_warning):
        found += [("danger", danger.long_cramp_title, s) for s in sentences(text)]
    for section in danger.sections:
        for item in section.items:
            found += [("danger", section.heading, s) for s in sentences(item)]
    return found


def allowed_levels(text: str) -> set[str]:
    allowed = set(LEVELS)
    for pattern, levels in URGENCY:
        if pattern.search(text):
            allowed &= levels
    return allowed


def danger_levels(lib: Library) -> tuple[dict[str, str], list[str]]:
    """Each named sign's level, from the one danger.toml section that names it."""
    assert lib.danger is not None
    levels, problems = {}, []
    for name, pattern in SIGN_PATTERNS.items():
        homes = []
        for section in lib.danger.sections:
            if any(pattern.search(item) for item in section.items):
                heading_levels = allowed_levels(section.heading)
                if len(heading_levels) != 1:
                    problems.append(f"danger heading {section.heading!r} does not name one "
                                    f"level of urgency: {sorted(heading_levels)}")
                homes.append(min(heading_levels, key=LEVELS.index))
        if len(homes) != 1:
            problems.append(f"{name!r} is in {len(homes)} danger.toml sections, not exactly one")
        else:
            levels[name] = homes[0]
    return levels, problems


# -- the checks --------------------------------------------------------------------------------

def urgency_problems(lib: Library) -> list[str]:
    levels, problems = danger_levels(lib)
    for where, context, sentence in statements(lib):
        named = {name for name, p in SIGN_PATTERNS.items() if name in levels and p.search(sentence)}
        if not named:
            continue
        wanted = {levels[name] for name in named}
        allowed = allowed_levels(f"{context} {sentence}")
        if len(wanted) > 1:
            problems.append(f"{where}: one sentence names signs of different urgency "
                            f"({', '.join(sorted(named))}): {sentence!r}")
        elif not wanted <= allowed:
            problems.append(f"{where}: {', '.join(sorted(named))} is {wanted.pop()} in "
                            f"danger.toml, but here ({context!r}): {sentence!r}")
    return problems


def wording_problems(lib: Library) -> list[str]:
    problems = []
    verdicts: dict[str, list[str]] = {}
    for where, _, sentence in statements(lib):
        if RUB.search(sentence):
            pressure = {w.lower() for w in PRESSURE.findall(sentence)}
            if pressure - {"firmly"}:
                problems.append(f"{where}: massage pressure is 'firmly' everywhere, not "
                                f"{sorted(pressure)}: {sentence!r}")
        if B_COMPLEX.search(sentence):
            for verdict, pattern in B_VERDICTS.items():
                if pattern.search(sentence):
                    verdicts.setdefault(verdict, []).append(f"{where}: {sentence!r}")
    if len(verdicts) > 1:
        problems.append(f"vitamin B complex has more than one verdict: {verdicts}")
    for flow in lib.site_flows:
        for step, ctx in itertools.product(flow.steps, CONTEXTS):
            shown = step.resolved(ctx)
            if shown.kind == "stretch" and STOP_IF_WORSE not in f"{shown.do} {shown.how}".lower():
                problems.append(f"{flow.id}:{step.id} {ctx}: does not say {STOP_IF_WORSE!r}")
    for page in lib.pages.values():
        if page.id != "pregnancy" and "2,500 mg" in page.body and "2,000 mg" not in page.body:
            problems.append(f"page {page.id}: gives the 2,500 mg calcium upper limit but not "
                            "the 2,000 mg limit from age 51")
    return problems


def test_every_red_flag_lives_in_one_danger_section_and_everyone_agrees():
    assert urgency_problems(load_library().library) == []


def test_one_wording_for_massage_stopping_b_vitamins_and_calcium():
    assert wording_problems(load_library().library) == []


# -- the checks fail on the inconsistencies the review found --------------------------------------

@pytest.fixture
def guides_copy(tmp_path: Path) -> Path:
    root = tmp_path / "guides"
    shutil.copytree(bundled_guides_dir(), root)
    return root


def library_from(root: Path) -> Library:
    parsed = parse_dir(root)
    assert not parsed.problems, [str(p) for p in parsed.problems]
    return Library.build([s for _, s in parsed.sources], [f for _, f in parsed.flows],
                         [p for _, p in parsed.pages], parsed.danger[1] if parsed.danger else None)


def append_to_page(root: Path, page_id: str, markdown: str) -> None:
    path = root / "pages" / f"{page_id}.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + markdown + "\n", encoding="utf-8")


@pytest.mark.parametrize("markdown, complaint", [
    ("## Book a routine visit\n\n- calf pain comes when you walk and stops when you rest.",
     "pain on walking is soon"),
    ("Heavy fluid loss is ordinary: after heavy fluid loss, book a routine check.",
     "heavy fluid loss is urgent"),
    ("If you have numbness or swelling in the legs, mention it at a routine visit.",
     "numbness is urgent"),
    ("See a doctor if cramps disturb your sleep or you have numbness.",
     "signs of different urgency"),
    ("A cramp that lasts more than 10 minutes needs a doctor within a day or two.",
     "over 10 minutes is urgent"),
])
def test_urgency_check_finds_a_page_that_disagrees(guides_copy, markdown, complaint):
    append_to_page(guides_copy, "night-cramps", markdown)
    problems = urgency_problems(library_from(guides_copy))
    assert any(complaint in p for p in problems), problems


def test_urgency_check_finds_a_sign_listed_twice_in_danger_toml(guides_copy):
    path = guides_copy / "danger.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"Cramps come often, or get in the way of daily life.",',
                                 '"Cramps come often, or get in the way of daily life.",\n'
                                 '    "Cramps come with numbness.",'), encoding="utf-8")
    problems = urgency_problems(library_from(guides_copy))
    assert any("'numbness' is in 2 danger.toml sections" in p for p in problems), problems


@pytest.mark.parametrize("markdown, complaint", [
    ("Rub the muscle gently until it loosens.", "massage pressure"),
    ("A guideline says vitamin B complex may be considered.", "vitamin B complex"),
    ("The upper limit is 2,500 mg a day.", "2,000 mg"),
])
def test_wording_check_finds_a_second_wording(guides_copy, markdown, complaint):
    append_to_page(guides_copy, "after-calcium", markdown)
    text = (guides_copy / "pages/after-calcium.md").read_text(encoding="utf-8")
    (guides_copy / "pages/after-calcium.md").write_text(text.replace("2,000 mg", "two grams"),
                                                        encoding="utf-8")
    problems = wording_problems(library_from(guides_copy))
    assert any(complaint in p for p in problems), problems


def test_wording_check_finds_a_stretch_without_stop_if_it_hurts_more(guides_copy):
    path = guides_copy / "flows/quad.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("Stop if it hurts more. ", "", 1),
                    encoding="utf-8")
    problems = wording_problems(library_from(guides_copy))
    assert any(STOP_IF_WORSE in p for p in problems), problems


# -- what a stretch says agrees with where the person is ------------------------------------------

LIE_ON_BACK = re.compile(r"\b(?:lie|lying) (?:flat )?on (?:your|their) back", re.I)
HAMSTRING_STRETCH = re.compile(r"lean\w* forward|(?:raise|lift) the straight leg", re.I)


def position_problems(lib: Library) -> list[str]:
    """A person who said they are standing is never told to lie on their back (sitting, or lying
    on the side, is offered instead), and the back-of-thigh stretch really lengthens the back of
    the thigh in every context."""
    problems = []
    for flow in lib.site_flows:
        for step, ctx in itertools.product(flow.steps, CONTEXTS):
            shown = step.resolved(ctx)
            if shown.kind != "stretch":
                continue
            if ctx.position == "standing" and LIE_ON_BACK.search(f"{shown.title} {shown.do}"):
                problems.append(f"{flow.id} {ctx}: standing, but told to lie on the back: "
                                f"{shown.do!r}")
            if flow.site == "hamstring" and not HAMSTRING_STRETCH.search(f"{shown.do} {shown.how}"):
                problems.append(f"{flow.id} {ctx}: no lean forward or straight-leg raise: "
                                f"{shown.do!r}")
    return problems


def test_stretches_fit_the_position_and_the_hamstring_is_stretched():
    assert position_problems(load_library().library) == []


def test_position_check_finds_lying_down_when_standing_and_a_calf_stretch(guides_copy):
    path = guides_copy / "flows/hamstring.toml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'\[\[step\.variant\]\]\n  when = \{ helper = true, position = "standing", '
                  r'pregnant = false \}\n(  .*\n)+?\n', "", text)
    text = text.replace("Sit with the leg straight out in front. Lean forward from your hips until "
                        "the back of the thigh stretches.", "Sit with the leg straight. Pull your "
                        "toes toward you.")
    path.write_text(text, encoding="utf-8")
    problems = position_problems(library_from(guides_copy))
    assert any("standing, but told to lie on the back" in p for p in problems), problems
    assert any("no lean forward" in p for p in problems), problems
