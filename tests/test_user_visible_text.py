"""Nothing a person reads names a seed file, says "seed", shows a research note or a trust code.

File names, trust codes and research notes belong in the guide files (ids, `trust`, `urls`,
`note`, comments); people see publishers, titles and plain words (design.md safety rule 7). The
visible text is gathered the way the app shows it: every page (title, summary, body and the
Markdown the library renders with its sources), every step of every flow as each context resolves
it, the danger sheet, and every source through Source.citation and the plain-mode source lines.
"""

from __future__ import annotations

import itertools
import re

import pytest

from tui.content import Library, load_library
from tui.content.models import Context, Source
from tui.content.search import page_markdown
from tui.plain.render import danger_lines, source_lines

CONTEXTS = [Context(helper=h, position=p, pregnant=g) for h, p, g in itertools.product(
    (False, True), (None, "bed", "sitting", "standing"), (False, True))]

# What must never reach a person: a file name, the word "seed" (as in a seed article; the food
# "seeds" is fine), a research marker, or a trust code however it was once printed.
LEAKS = {
    "a file name": re.compile(r"\.txt\b|\b\d{3}_[0-9a-f]{8,}"),
    '"seed"': re.compile(r"\bseed\b|\bseeds? (?:article|text|file|document)s?\b", re.I),
    '"NOT FOUND"': re.compile(r"NOT FOUND"),
    "a research note": re.compile(r"syndication|\bmirror(?:ed|s)?\b|\bvia mirrors?\b", re.I),
    "a trust code": re.compile(
        r"\[(?:[ABC]|seed)(?:[,\]\s]| via)|\btrust:?\s+(?:[ABC]|seed)\b|\*\*(?:[ABC]|seed)\*\*"
        r"|\((?:A|B|C)\)|\btrust levels?\b", re.I),
}


def leaks(text: str, library: Library | None = None) -> list[str]:
    """Every kind of leak in `text`; with a library, also any source id that is not a plain word
    (MAYO-N, NHS-DVTP, a seed's file name)."""
    found = [what for what, pattern in LEAKS.items() if pattern.search(text)]
    if library is not None:
        found += [f"source id {sid!r}" for sid in library.sources
                  if re.search(r"[-_.]", sid) and re.search(rf"(?<![\w-]){re.escape(sid)}(?![\w-])",
                                                            text)]
    return found


def visible_texts(library: Library, emergency: str = "999"):
    """(where, text) for everything the app shows from the guides."""
    for page in library.pages.values():
        yield f"page {page.id} title", page.title
        yield f"page {page.id} summary", page.summary
        yield f"page {page.id} as shown", page_markdown(library, page.id)
    for flow in library.flows.values():
        for name in ("title", "summary", "site_label"):
            yield f"flow {flow.id} {name}", getattr(flow, name)
        for step, ctx in itertools.product(flow.steps, CONTEXTS):
            shown = step.resolved(ctx)
            at = f"{flow.id}:{step.id} {ctx}"
            for name in ("title", "text", "do", "how", "why"):
                yield f"{at} {name}", getattr(shown, name).replace("{emergency}", emergency)
            for choice in shown.choices:
                yield f"{at} choice {choice.key}", choice.label
    yield "danger sheet (plain)", "\n".join(danger_lines(library, emergency))
    danger = library.danger
    assert danger is not None
    for name in ("long_cramp_title", "long_cramp_text", "stretch_warning", "disclaimer"):
        yield f"danger {name}", getattr(danger, name)
    for source in library.sources.values():
        yield f"source {source.id}", source.citation
    yield "plain-mode sources", "\n".join(source_lines(library, library.sources))


def test_no_user_visible_text_names_a_file_seed_note_or_trust_code():
    library = load_library().library
    problems = [f"{where}: {found}" for where, text in visible_texts(library)
                if (found := leaks(text, library))]
    assert problems == []


def test_every_source_is_shown_by_publisher_or_title_with_a_plain_kind():
    library = load_library().library
    for source in library.sources.values():
        shown = source.citation
        assert source.title in shown
        assert source.publisher in shown
        assert source.kind or source.trust == "seed", f"{source.id} has no plain-words kind"
        if source.url:
            assert shown.endswith(source.url)
        assert source.note not in shown or not source.note


# -- the check finds what it is for (a check that cannot fail is no check) ----------------------

@pytest.mark.parametrize("text", [
    "- Seed 000: causes of leg cramps [000_abf1707212c7f4f9.txt, trust seed]",
    "- AAOS advice (OrthoInfo page itself NOT FOUND) [AAOS, trust B]",
    "- NHS 'Leg cramps' (NHS syndication widget, current text)",
    "- **A** (official health body or guideline): NHS 'Leg cramps'",
    "Sources: Mayo Clinic 'Muscle cramp' [B]",
    "> **Correction:** one seed article says to curl the toes.",
    "Mayo Clinic page, read only via mirrors quoting it [B via C]",
])
def test_leaks_are_found(text):
    assert leaks(text)


def test_a_source_id_or_seed_title_is_found_in_shown_text():
    library = load_library().library
    assert leaks("as the MAYO-N page says", library) == ["source id 'MAYO-N'"]
    old = Source(id="000_abf1707212c7f4f9.txt", title="Seed 000: causes of leg cramps",
                 trust="seed")
    assert '"seed"' in leaks(old.citation)


def test_food_seeds_and_plain_words_are_not_leaks():
    assert leaks("Nuts and seeds, sesame seeds and sunflower seeds hold magnesium.") == []
    assert leaks("Cochrane: Quinine for muscle cramps, 2015. Medical research review.") == []
