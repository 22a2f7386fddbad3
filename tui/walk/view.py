"""What a step looks like to the person, decided once for every adapter: the texts with the
emergency number filled in, the answers it takes, the hold length, the warning, what is offered at
the end. Adapters only lay it out (Textual) or read it out (plain mode)."""

from __future__ import annotations

from tui.content.models import Outcome, StepKind
from tui.values import frozen
from tui.walk.engine import Answer


def fill(text: str, emergency: str) -> str:
    """Content text with the emergency number in place, trimmed of surrounding blank lines."""
    return text.replace("{emergency}", emergency).strip()


@frozen
class PageOffer:
    """A library page offered at the end of a walk, on a number key."""

    key: str
    page: str
    title: str


@frozen
class StepView:
    """A step as every adapter shows it."""

    qid: str  # "flow:step": which step this is (tests and traces compare these)
    kind: StepKind
    flow_title: str
    title: str
    do: str  # stretch steps: what to do, how, and why it works
    how: str
    why: str
    text: str  # questions, information and endings
    answers: tuple[Answer, ...]
    default: str | None  # the answer Enter gives
    outcome: Outcome | None  # how an ending ended
    hold: float | None  # stretch steps: seconds of one repetition
    warning: str  # stretch steps: when not to stretch at all
    pages: tuple[PageOffer, ...]  # endings: what to read next
    can_log: bool  # endings of an eased cramp: offer the diary
    sources: tuple[str, ...]  # endings: source ids of every flow walked

    @property
    def urgent(self) -> bool:
        return self.kind == "end" and self.outcome in ("urgent", "emergency")
