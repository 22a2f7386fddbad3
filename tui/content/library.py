"""The immutable Library the rest of the app reads: sources, flows, pages and the danger sheet."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Mapping

from tui.content.models import Danger, Flow, Page, Source, Step

if TYPE_CHECKING:  # imported when a page is first read: `cramp now` never needs it
    from tui.content.markdown import Document


def split_target(target: str, flow_id: str) -> tuple[str, str]:
    """'step' in the current flow or 'flow:step' in another one."""
    if ":" in target:
        flow, step = target.split(":", 1)
        return flow, step
    return flow_id, target


class PageDocuments:
    """Each page's parsed Markdown, derived from the immutable bodies (so caching it changes
    nothing a reader sees). In the content cache it is packed as bytes and unpacked on first use:
    a start-up that reads no page (cramp now) pays nothing for it, and search and plain mode
    never import markdown-it."""

    def __init__(self, parsed: Mapping[str, Document] | None = None,
                 packed: bytes | None = None) -> None:
        self._parsed: dict[str, Document] | None = dict(parsed or {}) if packed is None else None
        self._packed = packed

    def _all(self) -> dict[str, Document]:
        if self._parsed is None:
            import pickle

            try:
                self._parsed = dict(pickle.loads(self._packed or b""))
            except Exception:  # a damaged cache: the pages are parsed again as they are read
                self._parsed = {}
        return self._parsed

    def get(self, page_id: str) -> Document | None:
        return self._all().get(page_id)

    def __setitem__(self, page_id: str, document: Document) -> None:
        self._all()[page_id] = document

    def __reduce__(self) -> tuple[Any, ...]:
        import pickle

        packed = self._packed if self._parsed is None else \
            pickle.dumps(self._parsed, protocol=pickle.HIGHEST_PROTOCOL)
        return (PageDocuments, (None, packed))


@dataclass(frozen=True)
class Library:
    sources: Mapping[str, Source]
    flows: Mapping[str, Flow]
    pages: Mapping[str, Page]
    danger: Danger | None
    documents: PageDocuments = field(default_factory=PageDocuments, compare=False, repr=False)

    @classmethod
    def build(cls, sources: list[Source], flows: list[Flow], pages: list[Page],
              danger: Danger | None,
              documents: Mapping[str, Document] | PageDocuments | None = None) -> Library:
        return cls(
            MappingProxyType({s.id: s for s in sources}),
            MappingProxyType({f.id: f for f in flows}),
            MappingProxyType({p.id: p for p in pages}),
            danger,
            documents if isinstance(documents, PageDocuments) else PageDocuments(documents),
        )

    def __reduce__(self) -> tuple[Any, ...]:
        # Read-only mappings do not pickle; rebuild them from their values (the content cache).
        return (Library.build, (list(self.sources.values()), list(self.flows.values()),
                                list(self.pages.values()), self.danger, self.documents))

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
