"""The immutable Library the rest of the app reads: sources, flows, pages and the danger sheet."""

from __future__ import annotations

from dataclasses import field
from types import MappingProxyType
from typing import TYPE_CHECKING, Mapping

from tui.content.models import Danger, Flow, Page, Source, Step
from tui.values import frozen

if TYPE_CHECKING:  # imported when a page is first read: `cramp now` never needs it
    from tui.content.markdown import Document


def split_target(target: str, flow_id: str) -> tuple[str, str]:
    """'step' in the current flow or 'flow:step' in another one."""
    if ":" in target:
        flow, step = target.split(":", 1)
        return flow, step
    return flow_id, target


@frozen
class Library:
    """Every validated source, flow and page by id, and the danger sheet."""

    sources: Mapping[str, Source]
    flows: Mapping[str, Flow]
    pages: Mapping[str, Page]
    danger: Danger | None
    # Each page's Markdown as a tree, parsed on first read (derived from the immutable bodies,
    # so filling it in changes nothing a reader sees): `cramp now` never pays for markdown-it.
    documents: dict[str, Document] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def build(cls, sources: list[Source], flows: list[Flow], pages: list[Page],
              danger: Danger | None,
              documents: Mapping[str, Document] | None = None) -> Library:
        return cls(
            MappingProxyType({s.id: s for s in sources}),
            MappingProxyType({f.id: f for f in flows}),
            MappingProxyType({p.id: p for p in pages}),
            danger,
            dict(documents or {}),
        )

    def document(self, page_id: str) -> Document:
        """The page's Markdown as a tree (KeyError for an unknown page)."""
        found = self.documents.get(page_id)
        if found is None:
            from tui.content.markdown import parse

            found = parse(self.pages[page_id].body)
            self.documents[page_id] = found
        return found

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
