"""Frozen pydantic models for everything under guides/.

Only this module knows the shape of the files; the loader turns TOML into these models and the
validator checks what a single model cannot (the flow graph, cited sources).
"""

from __future__ import annotations

import math
import unicodedata
from typing import Annotated, Literal

from pydantic import (AfterValidator, BaseModel, ConfigDict, Field, field_validator,
                      model_validator)

Position = Literal["bed", "sitting", "standing"]
Trust = Literal["A", "B", "C", "seed"]


def first_control(value: str) -> int | None:
    """Index of the first control character (other than newline and tab), or None."""
    for index, char in enumerate(value):
        if char not in "\n\t" and unicodedata.category(char) in ("Cc", "Cf"):
            return index
    return None


def _printable(value: str) -> str:
    """Reject control characters: content is written to a terminal, and an escape sequence in a
    guide file must never reach it."""
    index = first_control(value)
    if index is not None:
        raise ValueError(f"control character {value[index]!r} at character {index + 1}")
    return value


Text = Annotated[str, AfterValidator(_printable)]
Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
# A step target: "step-id" in the same flow, or "flow-id:step-id" in another flow.
Target = Annotated[str, Field(pattern=r"^([a-z0-9][a-z0-9-]*:)?[a-z0-9][a-z0-9-]*$")]


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Source(Model):
    id: Text
    title: Text
    trust: Trust
    urls: tuple[Text, ...] = ()


class Context(Model):
    """What the app knows about the person right now. None means not known."""

    helper: bool = False
    position: Position | None = None
    pregnant: bool = False


class When(Model):
    """A condition on the Context; every key given must match."""

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


class Variant(Model):
    """Replaces some of a step's text when its condition matches the context."""

    when: When
    title: Text | None = None
    do: Text | None = None
    how: Text | None = None
    why: Text | None = None
    text: Text | None = None


class Choice(Model):
    key: Annotated[str, Field(pattern=r"^[a-z0-9]$")]
    label: Text
    # A gate's choice without a target continues to the stretch the gate was guarding.
    next: Target | None = None


StepKind = Literal["stretch", "question", "info", "end"]
Outcome = Literal["eased", "urgent", "emergency", "stopped"]


class Step(Model):
    id: Id
    kind: StepKind
    title: Text
    text: Text = ""
    # Stretch steps: what to do, how, and why it works.
    do: Text = ""
    how: Text = ""
    why: Text = ""
    hold: float | None = None
    eased: Target | None = None
    # Question steps.
    choices: tuple[Choice, ...] = Field(default=(), alias="choice")
    default: str | None = None
    # A gate is a safety question asked before the first stretch of a walk whenever `when` holds.
    gate: bool = False
    # Info steps: where Enter goes.
    next: Target | None = None
    # Only shown when the context matches; otherwise the walk goes on to skip_to (or next).
    when: When | None = None
    skip_to: Target | None = None
    # End steps: how the walk ended.
    outcome: Outcome | None = None
    pages: tuple[Id, ...] = ()
    variants: tuple[Variant, ...] = Field(default=(), alias="variant")

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    @field_validator("hold")
    @classmethod
    def _hold_positive(cls, hold: float | None) -> float | None:
        # On the field, so a problem points at the `hold = ...` line; nan and inf are no timer.
        if hold is not None and not (math.isfinite(hold) and hold > 0):
            raise ValueError(f"hold must be a positive number of seconds, not {hold:g}")
        return hold

    @model_validator(mode="after")
    def _fields_fit_kind(self) -> Step:
        need: dict[str, tuple[str, ...]] = {
            "stretch": ("hold", "eased", "do"),
            "question": ("choices",),
            "info": ("next",),
            "end": ("outcome",),
        }
        for name in need[self.kind]:
            # A hold of 0 is there but wrong: the 'hold' validator says so, not "needs 'hold'".
            if getattr(self, name) in (None, "", ()):
                raise ValueError(f"a {self.kind} step needs '{name}'")
        keys = [choice.key for choice in self.choices]
        if len(keys) != len(set(keys)):
            raise ValueError(f"two choices share a key: {keys}")
        if self.default is not None and self.default not in keys:
            raise ValueError(f"default '{self.default}' is not one of the choice keys {keys}")
        if self.when is not None and not self.gate and not (self.skip_to or self.next):
            raise ValueError("a step with 'when' needs 'skip_to' (where to go when it does not apply)")
        if not self.gate and any(choice.next is None for choice in self.choices):
            raise ValueError("every choice needs 'next' (only a gate's choice may leave it out)")
        return self

    def resolved(self, ctx: Context) -> Step:
        """This step with the text of its best-matching variant applied."""
        best = max(
            (v for v in self.variants if v.when.matches(ctx)),
            key=lambda v: v.when.weight,
            default=None,
        )
        if best is None:
            return self
        patch = best.model_dump(exclude={"when"}, exclude_none=True)
        return self.model_copy(update=patch)


class Flow(Model):
    id: Id
    title: Text
    summary: Text = ""
    # Site flows answer "where is the cramp?"; shared flows (aftercare, safety) leave these out.
    site: Id | None = None
    site_label: Text = ""
    key: Annotated[str, Field(pattern=r"^[a-z0-9]$")] | None = None
    start: Id
    sources: tuple[Text, ...] = Field(min_length=1)
    pages: tuple[Id, ...] = ()
    steps: tuple[Step, ...] = Field(alias="step", min_length=1)

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    @model_validator(mode="after")
    def _site_fields_together(self) -> Flow:
        if self.site and not (self.site_label and self.key):
            raise ValueError("a site flow needs 'site_label' and 'key'")
        return self


class DangerSection(Model):
    level: Literal["emergency", "urgent", "doctor"]
    heading: Text
    items: tuple[Text, ...] = Field(min_length=1)


class Danger(Model):
    """The danger-signs sheet and the long-cramp warning, reachable from every screen."""

    title: Text
    intro: Text = ""
    sources: tuple[Text, ...] = Field(min_length=1)
    sections: tuple[DangerSection, ...] = Field(alias="section", min_length=1)
    long_cramp_title: Text
    long_cramp_text: Text
    # One line shown on every stretch screen: when not to stretch at all.
    stretch_warning: Text
    disclaimer: Text

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Page(Model):
    """A library page: TOML front matter plus a Markdown body."""

    id: Id
    title: Text
    summary: Text
    sources: tuple[Text, ...] = Field(min_length=1)
    related: tuple[Id, ...] = ()
    body: Text = Field(min_length=1)
