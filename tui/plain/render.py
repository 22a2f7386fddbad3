"""Plain mode's words: steps, choices, danger signs and endings as lines of text.

Pure functions from content to lines; no input, no output, no Textual. Nothing here adds an escape
sequence, and clean() strips any control character a setting or an extra guide could smuggle in.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from tui.content.library import Library

from tui.walk.view import StepView, fill

if TYPE_CHECKING:
    from tui.diary.models import Entry

# Every C0 and C1 control character except newline and tab, and DEL: no escape sequence, bell or
# carriage return can reach the output through text.
_CONTROLS = {c: None for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)] if c not in (9, 10)}

COMMANDS = ("Commands: h helper on/off, b in bed, s sitting, t standing, "
            "p pregnant on/off, w it hurts more (stop), ! danger signs, q quit.")



def clean(text: str) -> str:
    return text.translate(_CONTROLS)


def seconds(value: float) -> str:
    return f"{value:g}"


def step_lines(view: StepView) -> list[str]:
    """A step as it is read: a blank line, the title, then what to do (or the step's text)."""
    lines = ["", view.title]
    if view.kind == "stretch":
        for label, value in (("Do", view.do), ("How", view.how), ("Why", view.why)):
            if value:
                lines.append(f"{label}: {value}")
    elif view.text:
        lines.append(view.text)
    return lines


def numbered(options: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(number, key, label) for each (key, label). Digit keys are their own numbers; otherwise
    the options are numbered 1, 2, ... and the key is shown beside the label."""
    if all(key.isdigit() for key, _ in options):
        return [(key, key, label) for key, label in options]
    return [(str(i), key, label) for i, (key, label) in enumerate(options, 1)]


def choice_lines(options: list[tuple[str, str, str]], default_label: str | None) -> list[str]:
    lines = [f"{num}. {label}" + ("" if key == num else f" ({key})")
             for num, key, label in options]
    hint = "Type the number" + ("" if all(k == n for n, k, _ in options) else " or the letter")
    lines.append(hint + (f"; Enter = {default_label}." if default_label else "."))
    return lines


def pick(options: list[tuple[str, str, str]], typed: str) -> str | None:
    """The key of the option a typed answer names: its key, its number or its label."""
    typed = typed.strip().lower()
    for num, key, label in options:
        if typed in (key, num, label.lower()):
            return key
    return None


def danger_lines(library: Library, emergency: str) -> list[str]:
    danger = library.danger
    if danger is None:
        return ["", f"Danger signs: if you are worried, call {emergency}."]
    lines = ["", fill(danger.title, emergency)]
    if danger.intro:
        lines.append(fill(danger.intro, emergency))
    for section in danger.sections:
        lines.append(fill(section.heading, emergency) + ":")
        lines += [f"- {fill(item, emergency)}" for item in section.items]
    lines += source_lines(library, danger.sources)
    return lines


def source_lines(library: Library, ids: Iterable[str]) -> list[str]:
    lines = ["Sources:"]
    for source_id in dict.fromkeys(ids):
        source = library.sources.get(source_id)
        if source is None:
            lines.append(f"- {source_id}")
        else:
            lines.append(f"- {source.citation}")
    return lines


def log_line(entry: Entry) -> str:
    """The `cramp log add` command that records this cramp in the diary."""
    took = entry.duration_seconds
    length = f"--seconds {took}" if took < 60 else f"--minutes {took / 60:.1f}"
    flags = [f for f, on in (("--in-bed", entry.in_bed), ("--pregnant", entry.pregnant),
                             ("--helper", entry.helper)) if on]
    return " ".join(["To log this cramp in your diary: cramp log add --where", entry.site,
                     length, *flags])


def end_lines(library: Library, view: StepView, emergency: str,
              log: str | None = None) -> list[str]:
    """What follows an ending: the diary offer, pages to read, the sources of every flow walked,
    and the disclaimer."""
    lines: list[str] = ["", log] if log else []
    if view.pages:
        lines += ["", "To read more (offline):"]
        lines += [f"{offer.key}. {offer.title} (cramp read {offer.page})"
                  for offer in view.pages]
    if view.sources:
        count = len(view.sources)
        lines += ["", f"This advice draws on {count} published source{'s' if count > 1 else ''}"
                  " (type s at the prompt to hear them)."]
    if library.danger is not None:
        lines += ["", fill(library.danger.disclaimer, emergency)]
    return lines
