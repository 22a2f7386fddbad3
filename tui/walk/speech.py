"""What cramp says aloud, decided once for every adapter: pure functions from what is on screen
to a list of utterances (one sentence or phrase each, in order).

The app and plain mode call these at the same moments (a step shown, each number of the hold, the
release, the 10-minute advice, the danger signs) and hand the result to tui/voice, which only
speaks it. No Textual, no I/O.
"""

from __future__ import annotations

import math
import re

from tui.content.models import Danger
from tui.walk.view import StepView, fill

NUMBER_WORDS = ("Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine")
HOLD = "Hold."
RELEASE = "Release. Did it ease?"
PAUSED = "Paused."
# A run of three or more digits is a phone number (112, 999, 111): read digit by digit, as
# people say them. Shorter ones (10 minutes, 6 weeks) are read as numbers.
_PHONE_DIGITS = re.compile(r"(?<![\d.,])\d{3,}(?![.,]?\d)")


def digits(number: str) -> str:
    """A phone number as it is said: "112 / 999 / 911" -> "one one two, or nine nine nine, or
    nine one one"; "+44 20" -> "plus four four, two zero"."""
    alternatives = []
    for part in number.split("/"):
        groups = []
        for group in part.split():
            words = ["plus" if c == "+" else NUMBER_WORDS[int(c)].lower()
                     for c in group if c.isdigit() or c == "+"]
            if words:
                groups.append(" ".join(words))
        if groups:
            alternatives.append(", ".join(groups))
    return ", or ".join(alternatives)


def spoken(text: str, emergency: str = "") -> str:
    """Text made for the ear: the emergency number and other phone numbers digit by digit, list
    dashes and line breaks as pauses."""
    if emergency and any(c.isdigit() for c in emergency):
        # Only the number standing alone: an emergency number "1" leaves "10 minutes" alone.
        text = re.sub(rf"(?<!\d){re.escape(emergency.strip())}(?!\d)",
                      lambda _: digits(emergency), text)
    text = _PHONE_DIGITS.sub(lambda m: digits(m.group(0)), text)
    return " ".join(text.split())


def _sentences(text: str, emergency: str) -> list[str]:
    """Each paragraph of a text as one utterance, so a key can interrupt between them."""
    return [spoken(paragraph, emergency) for paragraph in text.split("\n\n") if paragraph.strip()]


def step(view: StepView, emergency: str) -> list[str]:
    """A step when it is shown: the title and the Do line for a stretch (the helper's version when
    there is a helper: the view is already resolved), the text and the answers otherwise."""
    said = [spoken(view.title, emergency)]
    if view.kind == "stretch":
        if view.do:
            said.append(spoken(view.do, emergency))
        return said
    said += _sentences(view.text, emergency)
    if view.kind == "question":
        said += [f"{spoken(a.label, emergency)}: press {a.key}." for a in view.answers]
    return said


def count(remaining: float, *, first: bool) -> list[str]:
    """A number of the hold as the timer shows it (the seconds left, rounded up); the first
    number of a hold starts with "Hold."."""
    number = max(0, math.ceil(remaining - 1e-9))
    word = NUMBER_WORDS[number] if number < len(NUMBER_WORDS) else str(number)
    return [HOLD, word] if first else [word]


def hold(seconds: float) -> list[str]:
    """A whole hold in order, as it is said: Hold, each number, Release."""
    numbers = range(max(1, math.ceil(seconds - 1e-9)), 0, -1)
    return [HOLD, *(count(n, first=False)[0] for n in numbers), RELEASE]


def long_cramp(advice: tuple[str, str], emergency: str) -> list[str]:
    """The urgent-care advice when a cramp passes 10 minutes (Session.long_cramp_due)."""
    title, text = advice
    return [spoken(title, emergency), *_sentences(text, emergency)]


def danger(sheet: Danger | None, emergency: str) -> list[str]:
    """The danger signs: each heading, then its items."""
    if sheet is None:
        return [f"Danger signs: if you are worried, call {digits(emergency)}."]
    said = [spoken(fill(sheet.title, emergency), emergency)]
    if sheet.intro:
        said += _sentences(fill(sheet.intro, emergency), emergency)
    for section in sheet.sections:
        said.append(spoken(fill(section.heading, emergency), emergency) + ".")
        said += [spoken(fill(item, emergency), emergency) for item in section.items]
    return said
