"""One diary entry: a frozen value, validated when it is made, so the store and the screens never
see a half-valid cramp."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from typing import Iterable

# Sites are not listed here: the guides define them (a flow's `site`), and the diary accepts any
# site a guide may define, so a new guide's cramp can be logged. Same pattern as a guide id.
SITE_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
TRIGGERS = ("exercise", "cold", "long-standing", "little-water", "new-medicine", "other")
SEVERITY_RANGE = range(1, 11)
MAX_DURATION_SECONDS = 24 * 60 * 60  # longer is a typo, not a cramp
MAX_NOTE_CHARS = 2000

# What a note may not hold, as the guides may not: C0/C1 control characters but tab and newline
# (an escape sequence must not repaint or retitle a terminal), and every format character
# (category Cf): bidi overrides and isolates (U+202A-202E, U+2066-2069) can make "3 min" read as
# "nim 3" or hide words, and zero-width ones (U+200B-200D, U+2060, U+FEFF) hide text from
# search and from the reader. Lone surrogates (undecodable bytes from an argument) go too.
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029]")  # to "\n": a break stays a visible break
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs"})


class DiaryError(Exception):
    """Base of every error the diary raises on purpose."""


class InvalidEntry(DiaryError, ValueError):
    """A field value the diary cannot accept. `field` names it, so a form or the CLI can point at
    the right input."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def clean_text(text: str) -> str:
    """`text` without control, format and surrogate characters, line breaks as "\\n". The one
    cleaning for diary text: notes on the way in (Entry) and out (list, every export)."""
    text = _LINE_BREAKS.sub("\n", text)
    if text.isascii() and text.isprintable():
        return text  # the common case: nothing to look at character by character
    return "".join(
        char for char in text
        if char in "\n\t" or unicodedata.category(char) not in _INVISIBLE_CATEGORIES
    )


def clean_note(text: str) -> str:
    return clean_text(text).strip()


def _triggers(value: Iterable[str] | str | None) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str):  # "exercise,cold" as stored and as typed
        value = [part for part in value.split(",") if part.strip()]
    items = frozenset(part.strip() for part in value)
    unknown = sorted(items - set(TRIGGERS))
    if unknown:
        raise InvalidEntry(
            "preceded_by", f"unknown {', '.join(unknown)} (choose from {', '.join(TRIGGERS)})"
        )
    return items


@dataclass(frozen=True, slots=True)
class Entry:
    started_at: datetime  # aware: the wall-clock time and offset where the cramp happened
    site: str
    duration_seconds: int
    in_bed: bool = False
    pregnant: bool = False
    helper: bool = False
    preceded_by: frozenset[str] = field(default_factory=frozenset)
    severity: int | None = None
    note: str = ""
    id: int | None = None  # set by the store
    created_at: datetime | None = None  # set by the store

    def __post_init__(self) -> None:
        # Normalise in place (frozen, so through object.__setattr__) and refuse what cannot be
        # stored faithfully.
        set_ = object.__setattr__
        if not isinstance(self.started_at, datetime):
            raise InvalidEntry("started_at", "must be a date and time")
        if self.started_at.utcoffset() is None:
            raise InvalidEntry("started_at", "needs a time zone offset (use .astimezone())")
        set_(self, "started_at", self.started_at.replace(microsecond=0))
        if not isinstance(self.site, str) or not SITE_PATTERN.fullmatch(self.site):
            raise InvalidEntry(
                "site", "must be a site name: lower-case letters, digits and hyphens, "
                f"up to 40 (got {self.site!r})"
            )
        d = self.duration_seconds
        if isinstance(d, bool) or not isinstance(d, int):
            raise InvalidEntry("duration_seconds", "must be a whole number of seconds")
        if not 0 < d <= MAX_DURATION_SECONDS:
            raise InvalidEntry("duration_seconds", f"must be from 1 to {MAX_DURATION_SECONDS}")
        for name in ("in_bed", "pregnant", "helper"):
            if not isinstance(getattr(self, name), bool):
                raise InvalidEntry(name, "must be true or false")
        set_(self, "preceded_by", _triggers(self.preceded_by))
        s = self.severity
        bad = isinstance(s, bool) or not isinstance(s, int) or s not in SEVERITY_RANGE
        if s is not None and bad:
            raise InvalidEntry("severity", "must be a whole number from 1 to 10, or none")
        if not isinstance(self.note, str):
            raise InvalidEntry("note", "must be text")
        note = clean_note(self.note)
        if len(note) > MAX_NOTE_CHARS:
            raise InvalidEntry("note", f"is longer than {MAX_NOTE_CHARS} characters")
        set_(self, "note", note)
        if self.created_at is not None and self.created_at.utcoffset() is None:
            raise InvalidEntry("created_at", "needs a time zone offset")

    @property
    def triggers(self) -> tuple[str, ...]:
        """`preceded_by` in the fixed TRIGGERS order: stable output for lists and exports."""
        return tuple(t for t in TRIGGERS if t in self.preceded_by)

    @property
    def at_night(self) -> bool:
        """Started between 22:00 and 06:59 on the local clock where it happened, or in bed."""
        hour = self.started_at.hour
        return self.in_bed or hour >= 22 or hour < 7
