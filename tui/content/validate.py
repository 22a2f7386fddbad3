"""Checks that span files: unique ids, targets, reachability, dead ends, sources, page links."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from tui.content.library import split_target
from tui.content.loader import Parsed, page_body_line
from tui.content.markdown import Document, parse
from tui.content.models import Flow, Step
from tui.content.problems import LineFinder, Problem


def _edges(flow: Flow, step: Step) -> list[str]:
    targets = [c.next for c in step.choices if c.next]
    targets += [t for t in (step.next, step.eased, step.skip_to, step.if_worse) if t]
    return [":".join(split_target(t, flow.id)) for t in targets]


class _Checker:
    def __init__(self, parsed: Parsed) -> None:
        self.parsed = parsed
        self.problems: list[Problem] = []
        self._lines: dict[Path, LineFinder] = {}

    def text(self, path: Path) -> str:
        text = self.parsed.texts.get(path)  # never open a guide file a second time
        return path.read_text(encoding="utf-8") if text is None else text

    def lines(self, path: Path) -> LineFinder:
        if path not in self._lines:
            self._lines[path] = LineFinder(self.text(path))
        return self._lines[path]

    def report(self, path: Path, where: str, message: str, step_id: str | None = None,
               key: str | None = None) -> None:
        line = None
        if step_id:
            line = self.lines(path).step(step_id)
        if key:
            line = self.lines(path).key(key, after=line or 0) or line
        self.problems.append(Problem(path, line, where, message))

    def run(self) -> list[Problem]:
        self.unique_ids()
        self.sources_exist()
        self.graph()
        self.pages()
        return self.problems

    def unique_ids(self) -> None:
        seen: dict[str, Path] = {}
        for path, flow in self.parsed.flows:
            if flow.id in seen:
                self.report(path, "", f"flow id '{flow.id}' is already used in {seen[flow.id]}",
                            key="id")
            seen[flow.id] = path
            ids: set[str] = set()
            for index, step in enumerate(flow.steps):
                if step.id in ids:  # the line of this second [[step]], not of the first one
                    self.problems.append(Problem(path, self.lines(path).table("step", index),
                                                 f"step '{step.id}'",
                                                 "duplicate step id in this flow"))
                ids.add(step.id)
        for attr in ("site", "key"):
            owners: dict[str, str] = {}
            for path, flow in self.parsed.flows:
                value = getattr(flow, attr)
                if value and value in owners:
                    self.report(path, "", f"{attr} '{value}' is already taken by flow "
                                f"'{owners[value]}'", key=attr)
                elif value:
                    owners[value] = flow.id
        source_ids: set[str] = set()
        for path, source in self.parsed.sources:
            if source.id in source_ids:
                self.report(path, f"source '{source.id}'", "duplicate source id")
            source_ids.add(source.id)
        page_ids: dict[str, Path] = {}
        for path, page in self.parsed.pages:
            if page.id in page_ids:
                self.report(path, "front matter", f"page id '{page.id}' is already used in "
                            f"{page_ids[page.id]}")
            page_ids[page.id] = path

    def sources_exist(self) -> None:
        known = {source.id for _, source in self.parsed.sources}
        cited = [(p, "", f.sources) for p, f in self.parsed.flows]
        cited += [(p, "front matter", pg.sources) for p, pg in self.parsed.pages]
        if self.parsed.danger:
            cited.append((self.parsed.danger[0], "", self.parsed.danger[1].sources))
        for path, where, ids in cited:
            for source in ids:
                if source not in known:
                    self.report(path, where, f"cites unknown source '{source}' "
                                "(add it to sources.toml)", key="sources")

    def graph(self) -> None:
        flows = {flow.id: (path, flow) for path, flow in self.parsed.flows}
        steps = {f"{f.id}:{s.id}": (path, f, s) for path, f in flows.values() for s in f.steps}
        edges: dict[str, list[str]] = defaultdict(list)
        for qid, (path, flow, step) in steps.items():
            for target in _edges(flow, step):
                if target not in steps:
                    self.report(path, f"step '{step.id}'", f"goes to '{target}', which does not "
                                "exist", step_id=step.id)
                elif steps[target][2].gate:
                    self.report(path, f"step '{step.id}'", f"goes to the safety gate '{target}'; "
                                "gates are asked by themselves before a stretch", step_id=step.id)
                else:
                    edges[qid].append(target)
        for path, flow in flows.values():
            if flow.site and f"{flow.id}:{flow.start}" in steps \
                    and steps[f"{flow.id}:{flow.start}"][2].gate:
                self.report(path, "", "a site flow cannot start at a safety gate", key="start")
            if f"{flow.id}:{flow.start}" not in steps:
                self.report(path, "", f"start step '{flow.start}' does not exist", key="start")
        self.site_flows_stretch(flows, steps, edges)
        roots = [f"{f.id}:{f.start}" for _, f in flows.values() if f.site]
        roots += [q for q, (_, _, s) in steps.items() if s.gate]
        reached = _walk(roots, edges)
        for qid, (path, _, step) in steps.items():
            if qid not in reached:
                self.report(path, f"step '{step.id}'", "cannot be reached from any start",
                            step_id=step.id)
        # A gate's open choice continues to a stretch, which has its own way out.
        ends = {q for q, (_, _, s) in steps.items()
                if s.kind == "end" or (s.gate and any(c.next is None for c in s.choices))}
        reverse: dict[str, list[str]] = defaultdict(list)
        for source, targets in edges.items():
            for target in targets:
                reverse[target].append(source)
        can_end = _walk(list(ends), reverse)
        for qid in sorted(reached - can_end):
            path, _, step = steps[qid]
            self.report(path, f"step '{step.id}'", "no path from here reaches an end step",
                        step_id=step.id)

    def site_flows_stretch(self, flows: dict[str, tuple[Path, Flow]],
                           steps: dict[str, tuple[Path, Flow, Step]],
                           edges: dict[str, list[str]]) -> None:
        """First aid for a site is a stretch: a site flow that only ever says "nothing to do"
        would pass every other check."""
        for path, flow in flows.values():
            start = f"{flow.id}:{flow.start}"
            if not flow.site or start not in steps \
                    or len({s.id for s in flow.steps}) != len(flow.steps):  # reported already
                continue
            if not any(steps[q][2].kind == "stretch" for q in _walk([start], edges)):
                self.report(path, "field 'start'", "a site flow must lead to a stretch step",
                            key="start")

    def pages(self) -> None:
        documents = {page.id: parse(page.body) for _, page in self.parsed.pages}
        anchors = {page_id: set(doc.anchors) for page_id, doc in documents.items()}
        for path, flow in self.parsed.flows:
            for page_id in flow.pages:
                if page_id not in anchors:
                    self.report(path, "", f"links to page '{page_id}', which does not exist",
                                key="pages")
            for step in flow.steps:
                for page_id in step.pages:
                    if page_id not in anchors:
                        self.report(path, f"step '{step.id}'", f"links to page '{page_id}', "
                                    "which does not exist", step_id=step.id, key="pages")
        for path, page in self.parsed.pages:
            for related in page.related:
                if related not in anchors:
                    self.report(path, "front matter", f"related page '{related}' does not exist",
                                key="related")
            self.markdown(path, page.id, documents[page.id], anchors)

    def markdown(self, path: Path, page_id: str, document: Document,
                 anchors: dict[str, set[str]]) -> None:
        """The page's Markdown problems and links that go nowhere, each at its line."""
        first = page_body_line(self.text(path)) - 1
        for flaw in document.flaws:
            self.problems.append(Problem(path, first + flaw.line, flaw.where, flaw.message))
        for link in document.links:
            problem = link_problem(link.href, anchors, page_id=page_id)
            if problem:
                self.problems.append(Problem(path, first + link.line, "link", problem))


def link_problem(link: str, anchors: dict[str, set[str]], page_id: str) -> str | None:
    """Why an internal link in a page does not resolve, or None when it does."""
    from tui.content.navigation import is_external, link_target

    if is_external(link):
        return f"'{link}' leaves the app: pages link only to other pages (offline)"
    target = link_target(link, page_id)
    if target.page_id not in anchors:
        return f"'{link}' points to page '{target.page_id}', which does not exist"
    if target.anchor and target.anchor not in anchors[target.page_id]:
        return (f"'{link}' points to section '#{target.anchor}', which page "
                f"'{target.page_id}' does not have")
    return None


def _walk(roots: list[str], edges: dict[str, list[str]]) -> set[str]:
    seen, todo = set(), list(roots)
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo.extend(edges.get(node, ()))
    return seen


def check(parsed: Parsed) -> list[Problem]:
    """All cross-file problems of one parsed guides directory."""
    return _Checker(parsed).run()
