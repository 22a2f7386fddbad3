"""Warnings, not errors: stretch steps short enough to read at arm's length, mid-cramp.

The NHS content style aims at a reading age of 9 to 11. On the stretch screen the title is the
instruction itself and "Do" is read while in pain, so `cramp check` warns (with file and line)
when a stretch step, or any of its variants, runs longer than these limits. How and Why may be
longer: they are read between holds.
"""

from __future__ import annotations

import re
from pathlib import Path

from tui.content.models import Flow, Step, Variant
from tui.content.problems import LineFinder, Problem

TITLE_WORDS = 8
DO_WORDS = 25
DO_SENTENCES = 3

_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def words(text: str) -> int:
    return len(text.split())


def sentences(text: str) -> int:
    return len(_SENTENCE_END.findall(text.strip())) or (1 if text.strip() else 0)


def too_long(title: str | None, do: str | None) -> list[str]:
    """What is over the limits, in words a writer can act on."""
    found = []
    if title and words(title) > TITLE_WORDS:
        found.append(f"title has {words(title)} words (at most {TITLE_WORDS}): {title!r}")
    if do and words(do) > DO_WORDS:
        found.append(f"'do' has {words(do)} words (at most {DO_WORDS})")
    if do and sentences(do) > DO_SENTENCES:
        found.append(f"'do' has {sentences(do)} sentences (at most {DO_SENTENCES})")
    return found


def warnings(flows: list[tuple[Path, Flow]]) -> list[Problem]:
    """Every stretch step, and every variant of one, over the reading limits."""
    found: list[Problem] = []
    for path, flow in flows:
        lines: LineFinder | None = None
        for step in flow.steps:
            if step.kind != "stretch":
                continue
            parts: list[tuple[str, Step | Variant]] = [(f"step '{step.id}'", step)]
            parts += [(f"step '{step.id}' variant {n}", v)
                      for n, v in enumerate(step.variants, start=1)]
            for where, part in parts:
                for message in too_long(part.title, part.do):
                    if lines is None:
                        lines = LineFinder(path.read_text(encoding="utf-8"))
                    found.append(Problem(path, lines.step(step.id), where,
                                         f"hard to read mid-cramp: {message}"))
    return sorted(found)
