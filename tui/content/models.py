"""The shapes of everything under guides/, as frozen dataclasses.

pydantic validates guide files into these types (tui.content.schema adds the field checks), but
nothing here imports it: content that was already validated and cached is read back without
pydantic, which keeps plain mode and `cramp now` fast. Checks that need more than one field live
in __post_init__, which pydantic runs and reports like any other validation error.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from typing import Literal, TypeVar, dataclass_transform

from tui.values import frozen

T = TypeVar("T")

Position = Literal["bed", "sitting", "standing"]
Trust = Literal["A", "B", "C", "seed"]
StepKind = Literal["stretch", "question", "info", "end"]
Outcome = Literal["eased", "urgent", "emergency", "stopped"]

# Constrained types. Plain at run time; tui.content.schema gives each its check (no control
# characters, not blank, id pattern, target pattern, one key, a hold of 1-60 seconds) before
# validating anything.
Text = str
Title = str  # a title, label or heading: Text that is not blank
Id = str
Target = str  # "step-id" in the same flow, or "flow-id:step-id" in another flow
Key = str
Seconds = float

# Read by pydantic: an unknown field in a guide file is an error, not silently ignored.
STRICT = {"extra": "forbid"}


@dataclass_transform(frozen_default=True, kw_only_default=True)
def model(cls: type[T]) -> type[T]:
    """Every content type: a frozen, keyword-only dataclass (type checkers see it as one)."""
    return frozen(kw_only=True)(cls)


def first_control(value: str) -> int | None:
    """Index of the first control character (other than newline and tab), or None."""
    # Fast path (a guide's text is mostly clean): str.isprintable() is False for every Cc and Cf
    # character, so text that passes it has none. It runs in C; the loop below took about half of
    # validating the bundled guides.
    if value.replace("\n", "").replace("\t", "").isprintable():
        return None
    for index, char in enumerate(value):
        if char not in "\n\t" and unicodedata.category(char) in ("Cc", "Cf"):
            return index
    return None


def _need(values: tuple[object, ...], what: str) -> None:
    if not values:
        raise ValueError(f"needs at least one {what}")


# The plain words a person sees for each trust level when a source does not name its own kind.
TRUST_WORDS = {
    "A": "health service or official guideline",
    "B": "medical reference",
    "C": "general health website",
    "seed": "general web article, not checked by a health body",
}


@model
class Source:
    """A source as cited in the files (id, trust code, the addresses read and research notes) and
    as shown to people: publisher, title, year, address and kind, through `citation` only."""

    __pydantic_config__ = STRICT
    id: Text
    title: Title
    trust: Trust
    # Shown: who published it, when, where to find it, and what kind of source it is in plain words.
    publisher: Text = ""
    year: Text = ""
    url: Text = ""
    kind: Text = ""
    # Not shown: every address it was actually read at (mirrors, syndication) and research notes.
    urls: tuple[Text, ...] = ()
    note: Text = ""

    def __post_init__(self) -> None:
        if self.url and not self.url.startswith(("https://", "http://")):
            raise ValueError(f"url must be a web address starting with https://, not {self.url!r}")

    @property
    def citation(self) -> str:
        """The one way a source is shown: "Publisher: Title, year. Kind. address"."""
        shown = f"{self.publisher}: {self.title}" if self.publisher else self.title
        if self.year:
            shown += f", {self.year}"
        kind = self.kind or TRUST_WORDS[self.trust]
        shown += " " if shown.endswith(("?", "!", ".")) else ". "
        shown += f"{kind[:1].upper()}{kind[1:]}."
        return f"{shown} {self.url}" if self.url else shown


@model
class Context:
    """What the app knows about the person right now. None means not known."""

    helper: bool = False
    position: Position | None = None
    pregnant: bool = False


@model
class When:
    """A condition on the Context; every key given must match."""

    __pydantic_config__ = STRICT
    helper: bool | None = None
    position: Position | tuple[Position, ...] | None = None
    pregnant: bool | None = None

    def matches(self, ctx: Context) -> bool:
        if self.helper is not None and ctx.helper != self.helper:
            return False
        if self.pregnant is not None and ctx.pregnant != self.pregnant:
            return False
        if self.position is not None:
            wanted = (self.position,) if isinstance(self.position, str) else self.position
            if ctx.position not in wanted:
                return False
        return True

    @property
    def weight(self) -> int:
        """How specific the condition is: the best-matching variant is the most specific one."""
        return sum(value is not None for value in (self.helper, self.position, self.pregnant))


TEXT_FIELDS = ("title", "do", "how", "why", "text")


@model
class Variant:
    """Replaces some of a step's text when its condition matches the context."""

    __pydantic_config__ = STRICT
    when: When
    title: Title | None = None
    do: Text | None = None
    how: Text | None = None
    why: Text | None = None
    text: Text | None = None


@model
class Choice:
    """One answer to a question step: the key typed, its label, and where it leads."""

    __pydantic_config__ = STRICT
    key: Key
    label: Title
    # A gate's choice without a target continues to the stretch the gate was guarding.
    next: Target | None = None


@model
class Step:
    """One screen of a flow: a stretch, a question, some information or an ending."""

    __pydantic_config__ = STRICT
    id: Id
    kind: StepKind
    title: Title
    text: Text = ""
    # Stretch steps: what to do, how, and why it works.
    do: Text = ""
    how: Text = ""
    why: Text = ""
    # Leave out for the usual hold (5 s, or the person's own length); give it only for a
    # stretch that needs a different one.
    hold: Seconds | None = None
    eased: Target | None = None
    # Question steps.
    choices: tuple[Choice, ...] = ()
    default: str | None = None
    # A gate is a safety question asked before the first stretch of a walk whenever `when` holds.
    gate: bool = False
    # A gate's "no" when it was asked because stretching hurts more: not back to the stretch.
    if_worse: Target | None = None
    # Info steps: where Enter goes.
    next: Target | None = None
    # Only shown when the context matches; otherwise the walk goes on to skip_to (or next).
    when: When | None = None
    skip_to: Target | None = None
    # End steps: how the walk ended.
    outcome: Outcome | None = None
    pages: tuple[Id, ...] = ()
    variants: tuple[Variant, ...] = ()

    def __post_init__(self) -> None:
        need = {"stretch": ("eased", "do"), "question": ("choices",), "info": ("next",),
                "end": ("outcome",)}
        for name in need[self.kind]:
            if getattr(self, name) in (None, "", ()):
                raise ValueError(f"a {self.kind} step needs '{name}'")
        keys = [choice.key for choice in self.choices]
        if len(keys) != len(set(keys)):
            raise ValueError(f"two choices share a key: {keys}")
        if self.default is not None and self.default not in keys:
            raise ValueError(f"default '{self.default}' is not one of the choice keys {keys}")
        if self.when is not None and not self.gate and not (self.skip_to or self.next):
            raise ValueError("a step with 'when' needs 'skip_to' (where to go when it does not "
                             "apply)")
        if self.if_worse and not self.gate:
            raise ValueError("only a safety gate ('gate = true') takes 'if_worse'")
        if not self.gate and any(choice.next is None for choice in self.choices):
            raise ValueError("every choice needs 'next' (only a gate's choice may leave it out)")

    def resolved(self, ctx: Context) -> Step:
        """This step with the text of its best-matching variant applied."""
        best = max((v for v in self.variants if v.when.matches(ctx)),
                   key=lambda v: v.when.weight, default=None)
        if best is None:
            return self
        patch = {name: getattr(best, name) for name in TEXT_FIELDS
                 if getattr(best, name) is not None}
        return dataclasses.replace(self, **patch)


@model
class Flow:
    """A walk through steps: for one cramp site, or shared (aftercare, safety)."""

    __pydantic_config__ = STRICT
    id: Id
    title: Title
    summary: Text = ""
    # Site flows answer "where is the cramp?"; shared flows (aftercare, safety) leave these out.
    site: Id | None = None
    site_label: Title = ""
    key: Key | None = None
    start: Id
    sources: tuple[Text, ...]
    pages: tuple[Id, ...] = ()
    steps: tuple[Step, ...]

    def __post_init__(self) -> None:
        _need(self.sources, "source")
        _need(self.steps, "[[step]]")
        if self.site and not (self.site_label and self.key):
            raise ValueError("a site flow needs 'site_label' and 'key'")


@model
class DangerSection:
    """One group of danger signs on the danger sheet, with how urgent they are."""

    __pydantic_config__ = STRICT
    level: Literal["emergency", "urgent", "doctor"]
    heading: Title
    items: tuple[Title, ...]

    def __post_init__(self) -> None:
        _need(self.items, "item")


@model
class Danger:
    """The danger-signs sheet and the long-cramp warning, reachable from every screen."""

    __pydantic_config__ = STRICT
    title: Title
    intro: Text = ""
    sources: tuple[Text, ...]
    sections: tuple[DangerSection, ...]
    long_cramp_title: Title
    long_cramp_text: Text
    # One line shown on every stretch screen: when not to stretch at all.
    stretch_warning: Text
    disclaimer: Text

    def __post_init__(self) -> None:
        _need(self.sources, "source")
        _need(self.sections, "[[section]]")


@model
class Page:
    """A library page: TOML front matter plus a Markdown body."""

    __pydantic_config__ = STRICT
    id: Id
    title: Title
    summary: Text
    sources: tuple[Text, ...]
    related: tuple[Id, ...] = ()
    body: Text

    def __post_init__(self) -> None:
        _need(self.sources, "source")
        if not self.body.strip():
            raise ValueError("the page has no text")
