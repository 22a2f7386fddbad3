"""The immutable Library the rest of the app reads: sources, flows, pages and the danger sheet."""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

from tui.content.models import Danger, Flow, Page, Source, Step


def split_target(target: str, flow_id: str) -> tuple[str, str]:
    """'step' in the current flow or 'flow:step' in another one."""
    if ":" in target:
        flow, step = target.split(":", 1)
        return flow, step
    return flow_id, target


@dataclass(frozen=True)
class Library:
    sources: Mapping[str, Source]
    flows: Mapping[str, Flow]
    pages: Mapping[str, Page]
    danger: Danger | None

    @classmethod
    def build(cls, sources: list[Source], flows: list[Flow], pages: list[Page],
              danger: Danger | None) -> Library:
        return cls(
            MappingProxyType({s.id: s for s in sources}),
            MappingProxyType({f.id: f for f in flows}),
            MappingProxyType({p.id: p for p in pages}),
            danger,
        )

    def __reduce__(self):
        # Read-only mappings do not pickle; rebuild them from their values (the content cache).
        return (Library.build, (list(self.sources.values()), list(self.flows.values()),
                                list(self.pages.values()), self.danger))

    @property
    def site_flows(self) -> list[Flow]:
        """The flows that answer "where is the cramp?", in the order of their keys."""
        return sorted((f for f in self.flows.values() if f.site), key=lambda f: f.key or "")

    def site_flow(self, site: str) -> Flow:
        for flow in self.flows.values():
            if flow.site == site:
                return flow
        raise KeyError(site)

    def step(self, flow_id: str, step_id: str) -> Step:
        for step in self.flows[flow_id].steps:
            if step.id == step_id:
                return step
        raise KeyError(f"{flow_id}:{step_id}")

    def gates(self) -> list[tuple[str, Step]]:
        """Every safety gate, with the flow that holds it."""
        return [(f.id, s) for f in self.flows.values() for s in f.steps if s.gate]
