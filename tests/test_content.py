"""The bundled guides: they load and check clean, every claim cites a source, and the text obeys the
safety rules of design.md in every context the engine can resolve.

Each safety check is a function over a Library that returns the violations it finds. The bundled
guides must give none; the `test_*_catches_*` cases break a copy of the guides in tmp_path the
unsafe way and prove the same function then complains (a check that cannot fail is no check).
"""

from __future__ import annotations

import itertools
import re
import shutil
from pathlib import Path

import pytest

from tui.content import Library, bundled_guides_dir, check_dir, load_library
from tui.content.loader import parse_dir
from tui.content.models import Context, Flow, Step

GUIDES = bundled_guides_dir()
SEED = re.compile(r"\.txt$")

CONTEXTS = [
    Context(helper=helper, position=position, pregnant=pregnant)
    for helper, position, pregnant in itertools.product(
        (False, True), (None, "bed", "sitting", "standing"), (False, True))
]

# Safety rule 1: calf and foot are stretched with the foot and toes UP toward the shin.
TOWARD_SHIN = re.compile(r"\btoward (your|the) shin\b|\bup toward\b|\btoes up\b", re.I)
# ... never by curling the toes toward the sole or pointing the foot: the cramp's own position.
CRAMP_POSITION = ("toward the sole", "curl", "point your toes", "point the foot", "point your foot")
# Safety rule 2: one hold is a repetition, repeated until the cramp eases.
REPEAT = re.compile(r"\b(repeat|again|keep going)\b", re.I)
UNTIL = re.compile(r"\buntil\b", re.I)
# A helper never forces.
NO_FORCE = re.compile(r"\bforce|\bnever push\b", re.I)
# Safety rules 5 and 6: never "stop your medicine"; no salt water, quinine or tonic water advice.
NEVER_ANYWHERE = re.compile(r"stop taking|stop your (medicine|medication|tablets)", re.I)
REMEDY = re.compile(r"salt water|tonic water|quinine", re.I)
NEGATION = re.compile(r"\b(not|never|no|don't|isn't|left out)\b", re.I)


# -- helpers ----------------------------------------------------------------------------------

def library_from(root: Path) -> Library:
    """A Library built from any guides directory (load_library only loads the bundled one)."""
    parsed = parse_dir(root)
    assert not parsed.problems, [str(p) for p in parsed.problems]
    return Library.build([s for _, s in parsed.sources], [f for _, f in parsed.flows],
                         [p for _, p in parsed.pages], parsed.danger[1] if parsed.danger else None)


def resolved_stretches(lib: Library):
    """Every stretch step of every site flow, as every context resolves it."""
    for flow in lib.site_flows:
        for step in flow.steps:
            if step.kind == "stretch":
                for ctx in CONTEXTS:
                    yield flow, ctx, step.resolved(ctx)


def where(flow: Flow, ctx: Context, step: Step) -> str:
    return (f"{flow.id}:{step.id} (helper={ctx.helper}, position={ctx.position}, "
            f"pregnant={ctx.pregnant})")


def stretch_problems(lib: Library) -> list[str]:
    """Every way a resolved stretch breaks safety rules 1 and 2 (and 'a helper never forces')."""
    problems = []
    for flow, ctx, step in resolved_stretches(lib):
        at = where(flow, ctx, step)
        everything = " ".join((step.title, step.do, step.how, step.why)).lower()
        if flow.site in ("calf", "foot"):
            if not TOWARD_SHIN.search(f"{step.do} {step.how}"):
                problems.append(f"{at}: does not say to bring the toes up toward the shin")
            for phrase in CRAMP_POSITION:
                if phrase in everything:
                    problems.append(f"{at}: says {phrase!r} (the cramp's own position)")
        if "gently" not in step.how.lower() or "never into pain" not in step.how.lower():
            problems.append(f"{at}: 'how' does not say gently, never into pain: {step.how!r}")
        if step.hold not in (None, 5):  # None: the usual 5 s (or the person's own length)
            problems.append(f"{at}: hold is {step.hold}, not 5 seconds")
        if not (REPEAT.search(step.do) and UNTIL.search(step.do)):
            problems.append(f"{at}: does not say to repeat until it eases: {step.do!r}")
        if ctx.helper and not NO_FORCE.search(step.how):
            problems.append(f"{at}: a helper is not told never to force: {step.how!r}")
    return problems


def step_texts(step: Step) -> list[str]:
    texts = [step.title, step.text, step.do, step.how, step.why]
    texts += [c.label for c in step.choices]
    for variant in step.variants:
        fields = (variant.title, variant.do, variant.how, variant.why, variant.text)
        texts += [t for t in fields if t]
    return texts


def blocks(body: str) -> list[str]:
    """Markdown paragraphs, each heading joined to the paragraph under it."""
    found, heading = [], ""
    for block in re.split(r"\n\s*\n", body):
        if block.lstrip().startswith("#"):
            heading += block + "\n"
        else:
            found.append(heading + block)
            heading = ""
    return found + ([heading] if heading else [])


def remedy_problems(lib: Library) -> list[str]:
    """Salt water, quinine, tonic water, "stop taking": never in a flow or the danger sheet; in a
    page only where it is warned against (or on the quinine page, which is all about why not)."""
    problems = []
    fixed: list[tuple[str, str]] = []  # text the app shows as an instruction
    for flow in lib.flows.values():
        fixed += [(f"flow {flow.id}", t) for t in (flow.title, flow.summary, flow.site_label)]
        fixed += [(f"flow {flow.id} step {s.id}", t) for s in flow.steps for t in step_texts(s)]
    danger = lib.danger
    assert danger is not None
    fixed += [("danger", t) for t in (danger.title, danger.intro, danger.long_cramp_title,
                                      danger.long_cramp_text, danger.stretch_warning,
                                      danger.disclaimer)]
    fixed += [("danger", t) for s in danger.sections for t in (s.heading, *s.items)]
    for place, text in fixed:
        if NEVER_ANYWHERE.search(text) or REMEDY.search(text):
            problems.append(f"{place}: {text!r}")
    for page in lib.pages.values():
        for block in [page.title, page.summary, *blocks(page.body)]:
            if NEVER_ANYWHERE.search(block):
                problems.append(f"page {page.id}: {block!r}")
            for match in REMEDY.finditer(block):
                if page.id == "quinine" and match.group().lower() != "salt water":
                    continue
                if not NEGATION.search(block):
                    problems.append(f"page {page.id}: {match.group()!r} without a warning: "
                                    f"{block!r}")
    return problems


# -- the bundled guides load and check clean ---------------------------------------------------

def test_bundled_guides_load_without_warnings():
    loaded = load_library()
    assert loaded.warnings == ()
    lib = loaded.library
    assert {f.site for f in lib.site_flows} == {"calf", "hamstring", "quad", "foot"}
    assert {"aftercare", "safety"} <= set(lib.flows)
    assert lib.danger is not None
    assert lib.pages and lib.sources


def test_bundled_guides_check_clean():
    assert [str(p) for p in check_dir(GUIDES)] == []


def test_every_file_on_disk_is_in_the_library():
    lib = load_library().library
    flows = {f.id for _, f in parse_dir(GUIDES).flows}
    assert len(list((GUIDES / "flows").glob("*.toml"))) == len(lib.flows) == len(flows)
    assert {p.stem for p in (GUIDES / "pages").glob("*.md")} == set(lib.pages)


# -- sources -----------------------------------------------------------------------------------

def test_every_flow_page_and_the_danger_sheet_cite_known_sources():
    lib = load_library().library
    cited = [(f"flow {f.id}", f.sources) for f in lib.flows.values()]
    cited += [(f"page {p.id}", p.sources) for p in lib.pages.values()]
    cited.append(("danger", lib.danger.sources))
    for place, sources in cited:
        assert sources, f"{place} cites no source"
        unknown = [s for s in sources if s not in lib.sources]
        assert not unknown, f"{place} cites unknown sources {unknown}"


def test_every_seed_file_is_cited():
    lib = load_library().library
    seeds = {s for s in lib.sources if SEED.search(s)}
    assert len(seeds) == 5
    assert all(lib.sources[s].trust == "seed" for s in seeds)
    cited = {s for f in lib.flows.values() for s in f.sources}
    cited |= {s for p in lib.pages.values() for s in p.sources}
    assert seeds - cited == set()


# -- safety: the stretch text ------------------------------------------------------------------

def test_every_resolved_stretch_is_safe():
    lib = load_library().library
    checked = list(resolved_stretches(lib))
    # 4 site flows x 16 contexts, every one looked at.
    assert len(checked) >= 4 * len(CONTEXTS)
    assert stretch_problems(lib) == []


def test_calf_and_foot_say_toward_the_shin_in_every_context():
    """Spelled out for the rule that matters most: the direction of the calf and foot stretch."""
    lib = load_library().library
    for flow, ctx, step in resolved_stretches(lib):
        if flow.site in ("calf", "foot"):
            text = f"{step.title} {step.do} {step.how}"
            assert TOWARD_SHIN.search(text), where(flow, ctx, step)
            assert "sole" not in text.lower(), where(flow, ctx, step)
            assert "curl" not in text.lower(), where(flow, ctx, step)


def test_stretch_holds_are_five_seconds_in_the_files():
    for path in sorted((GUIDES / "flows").glob("*.toml")):
        holds = re.findall(r"^\s*hold\s*=\s*(.+?)\s*$", path.read_text(encoding="utf-8"), re.M)
        assert all(h == "5" for h in holds), (path.name, holds)


def test_no_two_variants_tie_for_any_context():
    """With a tie the text would depend on the order of the variants in the file."""
    lib = load_library().library
    for flow in lib.flows.values():
        for step in flow.steps:
            for ctx in CONTEXTS:
                weights = [v.when.weight for v in step.variants if v.when.matches(ctx)]
                if weights:
                    best = max(weights)
                    assert weights.count(best) == 1, (flow.id, step.id, ctx)


# -- safety: remedies and medicines ------------------------------------------------------------

def test_no_salt_water_quinine_tonic_or_stop_taking_advice():
    assert remedy_problems(load_library().library) == []


def test_quinine_and_salt_water_pages_warn_against_them():
    """The corrections the seeds need are there (design.md rule 6)."""
    lib = load_library().library
    assert "quinine" in lib.pages
    body = lib.pages["quinine"].body.lower()
    assert "tonic water" in body and NEGATION.search(body)
    warned = [p.id for p in lib.pages.values()
              for b in blocks(p.body) if "salt water" in b.lower() and NEGATION.search(b)]
    assert warned, "no page warns against the seed's bedtime salt water"


# -- the checks above fail on unsafe text --------------------------------------------------------

@pytest.fixture
def guides_copy(tmp_path: Path) -> Path:
    root = tmp_path / "guides"
    shutil.copytree(GUIDES, root)
    return root


def replace_first(path: Path, pattern: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    changed, n = re.subn(pattern, lambda _: new, text, count=count, flags=re.M)
    assert n, f"{pattern!r} not found in {path}"
    path.write_text(changed, encoding="utf-8")


def replace_in_variant(path: Path, when: str, field: str, new: str) -> None:
    """Replace one field of the variant whose `when = {...}` line is exactly `when`."""
    text = path.read_text(encoding="utf-8")
    start = text.index(f"when = {when}\n")
    line = re.compile(rf"^\s*{field} = \".*\"$", re.M).search(text, start)
    assert line, (path, when, field)
    path.write_text(text[: line.start()] + f'  {field} = "{new}"' + text[line.end():],
                    encoding="utf-8")


UNSAFE_STRETCHES = {
    "calf curls the toes toward the sole": (
        "calf.toml", r'^do = ".*"$',
        'do = "Sit with the leg straight. Curl your toes toward the sole and hold. '
        'Repeat until it eases."',
        "toward the sole"),
    "foot points the toes": (
        "foot.toml", r'^do = ".*"$',
        'do = "Sit down. Point your toes and hold. Repeat until it eases."',
        "point your toes"),
    "calf gives no direction": (
        "calf.toml", r'^do = ".*"$',
        'do = "Sit with the leg straight and stretch the calf. Repeat until it eases."',
        "up toward the shin"),
    "how drops gently": (
        "hamstring.toml", r'^how = ".*"$',
        'how = "Pull as hard as you can; push through the pain."', "gently"),
    "hold is not 5": ("quad.toml", r'^eased = ".*"$', 'eased = "aftercare:start"\nhold = 10',
                      "not 5 seconds"),
    "no repeat until it eases": (
        "quad.toml", r'^do = ".*"$',
        'do = "Lie on your side. Bend the knee and draw the heel toward your buttock once."',
        "repeat until"),
}


@pytest.mark.parametrize("case", UNSAFE_STRETCHES, ids=list(UNSAFE_STRETCHES))
def test_stretch_check_catches_unsafe_text(guides_copy: Path, case: str):
    file, pattern, new, expected = UNSAFE_STRETCHES[case]
    assert stretch_problems(library_from(guides_copy)) == []
    replace_first(guides_copy / "flows" / file, pattern, new)
    problems = stretch_problems(library_from(guides_copy))
    assert problems and any(expected in p for p in problems), problems


def test_stretch_check_catches_an_unsafe_variant(guides_copy: Path):
    """A variant that only some contexts see is checked in those contexts."""
    replace_in_variant(guides_copy / "flows" / "foot.toml", "{ helper = true, pregnant = true }",
                       "do", "Hold the foot and curl the toes down toward the sole.")
    problems = stretch_problems(library_from(guides_copy))
    assert problems
    assert all("helper=True" in p and "pregnant=True" in p for p in problems), problems
    assert any("curl" in p for p in problems) and any("repeat until" in p for p in problems)


def test_stretch_check_catches_a_forcing_helper(guides_copy: Path):
    replace_in_variant(guides_copy / "flows" / "quad.toml", "{ helper = true }", "how",
                       "Gently, never into pain. Press the heel down to the buttock firmly.")
    problems = stretch_problems(library_from(guides_copy))
    assert problems and all("never to force" in p for p in problems), problems


UNSAFE_REMEDIES = {
    "salt water at bedtime in a flow": (
        "flows/aftercare.toml", r"^- enough to drink through the day$",
        "- a glass of salt water at bedtime"),
    "quinine in a flow": (
        "flows/aftercare.toml", r"^Most cramps are harmless and pass on their own\.$",
        "Most cramps are harmless. Quinine tablets help them pass."),
    "stop taking in the danger sheet": (
        "danger.toml", r"^items = \[$",
        'items = [\n    "Stop taking any medicine that causes cramps.",'),
    "tonic water recommended in a page": (
        "pages/night-cramps.md", r"^# Cramps at night$",
        "# Cramps at night\n\nA glass of tonic water at bedtime helps prevent cramps."),
    "salt water recommended on the quinine page": (
        "pages/quinine.md", r"^never suggests either\. Here is why\.$",
        "never suggests either. Here is why.\n\nDrink salt water at bedtime instead; it helps."),
    "stop taking in a page": (
        "pages/pregnancy.md", r"^# Leg cramps in pregnancy$",
        "# Leg cramps in pregnancy\n\nIf you have cramps, stop taking your iron tablets."),
}


@pytest.mark.parametrize("case", UNSAFE_REMEDIES, ids=list(UNSAFE_REMEDIES))
def test_remedy_check_catches_unsafe_text(guides_copy: Path, case: str):
    file, pattern, new = UNSAFE_REMEDIES[case]
    assert remedy_problems(library_from(guides_copy)) == []
    replace_first(guides_copy / file, pattern, new)
    problems = remedy_problems(library_from(guides_copy))
    assert len(problems) == 1, problems
