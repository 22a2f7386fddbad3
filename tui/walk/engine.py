"""The flow engine: pure state transitions, no UI. The TUI and plain mode both drive it.

A Walk is one person's way through the guides: where they are, what we know about them, and which
safety gates they have already answered. Every method returns a new Walk.
"""

from __future__ import annotations

from dataclasses import field, replace

from tui.content.library import Library, split_target
from tui.content.models import Context, Step
from tui.values import frozen

# Answers that are not a question's own choice keys.
EASED, AGAIN, CONTINUE = "y", "n", "enter"


@frozen
class Answer:
    """An answer the current step takes: the key that gives it and its label."""

    key: str
    label: str


@frozen
class Walk:
    """Where one person is in the guides, and what the walk has learnt on the way."""

    flow: str
    step: str
    ctx: Context
    # The stretch a safety gate is standing in front of: where "no, none of those" continues.
    pending: str | None = None
    # The gate was asked because the cramp will not ease or hurts more, not for the context:
    # telling us more (not pregnant after all) must not skip it.
    gate_forced: bool = False
    gates_done: frozenset[str] = frozenset()
    visited: tuple[str, ...] = field(default=())

    @property
    def qid(self) -> str:
        return f"{self.flow}:{self.step}"


class WalkError(ValueError):
    """An answer the current step does not take."""


class Engine:
    def __init__(self, library: Library) -> None:
        self.library = library

    # -- reading --------------------------------------------------------------------------
    def raw_step(self, walk: Walk) -> Step:
        return self.library.step(walk.flow, walk.step)

    def step(self, walk: Walk) -> Step:
        """The current step as the person should see it: its best-matching variant applied."""
        return self.raw_step(walk).resolved(walk.ctx)

    def answers(self, walk: Walk) -> list[Answer]:
        step = self.raw_step(walk)
        if step.kind == "stretch":
            return [Answer(EASED, "Eased"), Answer(AGAIN, "Still cramping")]
        if step.kind == "question":
            return [Answer(c.key, c.label) for c in step.choices]
        if step.kind == "info":
            return [Answer(CONTINUE, "Continue")]
        return []

    def finished(self, walk: Walk) -> bool:
        return self.raw_step(walk).kind == "end"

    def site(self, walk: Walk) -> str | None:
        """Where the cramp is: the site of the first site flow this walk went through."""
        for qid in walk.visited:
            flow = self.library.flows[qid.split(":", 1)[0]]
            if flow.site:
                return flow.site
        return None

    def pages(self, walk: Walk) -> tuple[str, ...]:
        """Pages to offer at the end: those of every step visited, then the flows'."""
        found: list[str] = []
        for qid in walk.visited:
            flow_id, step_id = qid.split(":", 1)
            found += self.library.step(flow_id, step_id).pages
        for qid in walk.visited:
            found += self.library.flows[qid.split(":", 1)[0]].pages
        return tuple(dict.fromkeys(found))

    # -- moving ---------------------------------------------------------------------------
    def start(self, site: str, ctx: Context) -> Walk:
        flow = self.library.site_flow(site)
        return self._enter(Walk(flow.id, flow.start, ctx), f"{flow.id}:{flow.start}")

    def answer(self, walk: Walk, key: str) -> Walk:
        step = self.raw_step(walk)
        if key not in {a.key for a in self.answers(walk)}:
            raise WalkError(f"'{key}' is not an answer to step {walk.qid}")
        if step.kind == "stretch":
            target = _given(step.eased) if key == EASED else step.id
            return self._enter(walk, self._qualify(walk, target))
        if step.kind == "info":
            return self._enter(walk, self._qualify(walk, _given(step.next)))
        choice = next(c for c in step.choices if c.key == key)
        if step.gate:
            walk = replace(walk, gates_done=walk.gates_done | {walk.qid})
            if choice.next is None:
                return self._enter(replace(walk, pending=None, gate_forced=False),
                                   _given(walk.pending))
        return self._enter(replace(walk, pending=None, gate_forced=False),
                           self._qualify(walk, _given(choice.next)))

    def ask_gate(self, walk: Walk, then: str, *, again: bool = True) -> Walk:
        """Ask the first safety gate now, whatever its condition; "no" continues to `then`.
        With again=False a gate this walk already answered is not asked twice."""
        for flow_id, gate in self.library.gates():
            gate_qid = f"{flow_id}:{gate.id}"
            if again or gate_qid not in walk.gates_done:
                return self._arrive(replace(walk, pending=then, gate_forced=True), gate_qid)
        return self._enter(walk, then)

    def refine(self, walk: Walk, ctx: Context) -> Walk:
        """The person told us more (helper, position, pregnant). The step's text follows; and if a
        safety gate now applies before a stretch, it is asked first."""
        walk = replace(walk, ctx=ctx)
        step = self.raw_step(walk)
        if step.kind == "stretch":
            return self._gate_or(walk, walk.qid)
        if step.gate and step.when and not step.when.matches(ctx) and walk.pending \
                and not walk.gate_forced:
            return self._enter(replace(walk, pending=None), walk.pending)
        return walk

    # -- internals ------------------------------------------------------------------------
    @staticmethod
    def _qualify(walk: Walk, target: str) -> str:
        return ":".join(split_target(target, walk.flow))

    def _enter(self, walk: Walk, qid: str) -> Walk:
        # Skip steps whose condition does not hold; the validator guarantees the chain ends and
        # that no target is a gate (gates are only ever reached through _gate_or).
        flow_id, step_id = qid.split(":", 1)
        step = self.library.step(flow_id, step_id)
        while step.when is not None and not step.when.matches(walk.ctx):
            qid = ":".join(split_target(_given(step.skip_to or step.next), flow_id))
            flow_id, step_id = qid.split(":", 1)
            step = self.library.step(flow_id, step_id)
        if step.kind == "stretch":
            return self._gate_or(walk, qid)
        return self._arrive(walk, qid)

    def _gate_or(self, walk: Walk, stretch_qid: str) -> Walk:
        for flow_id, gate in self.library.gates():
            gate_qid = f"{flow_id}:{gate.id}"
            if gate_qid in walk.gates_done or (gate.when and not gate.when.matches(walk.ctx)):
                continue
            return self._arrive(replace(walk, pending=stretch_qid), gate_qid)
        return self._arrive(walk, stretch_qid)

    def _arrive(self, walk: Walk, qid: str) -> Walk:
        flow_id, step_id = qid.split(":", 1)
        visited = walk.visited if walk.visited[-1:] == (qid,) else walk.visited + (qid,)
        return replace(walk, flow=flow_id, step=step_id, visited=visited)


def _given(target: str | None) -> str:
    """A target the validator guarantees is there (a stretch's `eased`, an info step's `next`,
    a conditional step's `skip_to`, the stretch a gate stands in front of)."""
    if target is None:
        raise WalkError("the guides lack a target the validator requires")
    return target
