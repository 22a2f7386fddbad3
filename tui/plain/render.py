"""Plain mode's words: steps, choices, danger signs and endings as lines of text.

Pure functions from content to lines; no input, no output, no Textual. Nothing here adds an escape
sequence, and clean() strips any control character a setting or an extra guide could smuggle in.
"""

from __future__ import annotations

from collections.abc import Iterable

from tui.content.library import Library
from tui.content.models import Context, Danger, Step

# Every C0 and C1 control character except newline and tab, and DEL: no escape sequence, bell or
# carriage return can reach the output through text.
_CONTROLS = {c: None for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)] if c not in (9, 10)}

COMMANDS = ("Commands: h helper on/off, b in bed, s sitting, t standing, "
            "p pregnant on/off, ! danger signs, q quit.")
POSITIONS = {"b": "bed", "s": "sitting", "t": "standing"}
POSITION_WORDS = {"bed": "in bed", "sitting": "sitting", "standing": "standing"}


def clean(text: str) -> str:
    return text.translate(_CONTROLS)


def fill(text: str, emergency: str) -> str:
    """Content text with the emergency number in place, trimmed of surrounding blank lines."""
    return text.replace("{emergency}", emergency).strip()


def seconds(value: float) -> str:
    return f"{value:g}"


def step_lines(step: Step, emergency: str) -> list[str]:
    """A step as it is read: a blank line, the title, then what to do (or the step's text)."""
    lines = ["", fill(step.title, emergency)]
    if step.kind == "stretch":
        for label, value in (("Do", step.do), ("How", step.how), ("Why", step.why)):
            if value:
                lines.append(f"{label}: {fill(value, emergency)}")
    elif step.text:
        lines.append(fill(step.text, emergency))
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


def danger_lines(danger: Danger | None, library: Library, emergency: str) -> list[str]:
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


def long_cramp_lines(danger: Danger | None, emergency: str) -> list[str]:
    if danger is None:
        return ["", "Cramp for more than 10 minutes: get urgent medical advice."]
    return ["", fill(danger.long_cramp_title, emergency), fill(danger.long_cramp_text, emergency)]


def source_lines(library: Library, ids: Iterable[str]) -> list[str]:
    lines = ["Sources:"]
    for source_id in dict.fromkeys(ids):
        source = library.sources.get(source_id)
        if source is None:
            lines.append(f"- {source_id}")
        else:
            lines.append(f"- {source.citation}")
    return lines


def log_line(site: str, ctx: Context, seconds: float) -> str:
    """The `cramp log add` command that records this cramp in the diary."""
    took = f"--seconds {max(1, round(seconds))}" if seconds < 60 \
        else f"--minutes {seconds / 60:.1f}"
    flags = [f for f, on in (("--in-bed", ctx.position == "bed"), ("--pregnant", ctx.pregnant),
                             ("--helper", ctx.helper)) if on]
    return " ".join(["To log this cramp in your diary: cramp log add --where", site, took, *flags])


def end_lines(library: Library, pages: Iterable[str], flows: Iterable[str],
              emergency: str, log: str | None = None) -> list[str]:
    """What follows an ending: the diary offer, pages to read, the sources of every flow walked,
    and the disclaimer."""
    lines: list[str] = ["", log] if log else []
    offered = [p for p in pages if p in library.pages]
    if offered:
        lines += ["", "To read more (offline):"]
        lines += [f"- {library.pages[p].title} (cramp read {p})" for p in offered]
    cited = [s for f in flows if f in library.flows for s in library.flows[f].sources]
    if cited:
        lines += [""] + source_lines(library, cited)
    if library.danger is not None:
        lines += ["", fill(library.danger.disclaimer, emergency)]
    return lines
