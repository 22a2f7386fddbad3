"""The content layer: guides/ on disk -> a validated, immutable Library.

No Textual or Rich here: plain mode, `cramp check` and the engine use it without a screen.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from tui.content.library import Library
from tui.content.problems import ContentError, Problem
from tui.values import frozen

if TYPE_CHECKING:  # the loader and validator import pydantic: only when files must be read
    from typing import Protocol, TypeVar

    from tui.content.loader import Parsed

    class _HasId(Protocol):  # for the type checker only: a Protocol costs ~0.2 ms to create
        @property
        def id(self) -> str: ...

    _Item = TypeVar("_Item", bound=_HasId)  # a source, flow or page: the overlay replaces by id


__all__ = ["ContentError", "Library", "Loaded", "Problem", "bundled_guides_dir", "check_dir",
           "load_for_first_aid", "load_library"]


def bundled_guides_dir() -> Path:
    """guides/ inside the installed package, or beside it in a source checkout."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "guides"
    return installed if installed.is_dir() else here.parent / "guides"


def _overlay(base: Parsed, extra: Parsed) -> Parsed:
    """Extra guides add to the bundled ones; an extra file with a bundled id replaces it."""
    from tui.content.loader import Parsed

    def keep(ours: list[tuple[Path, _Item]],
             theirs: list[tuple[Path, _Item]]) -> list[tuple[Path, _Item]]:
        replaced = {item.id for _, item in theirs}
        return [(p, i) for p, i in ours if i.id not in replaced]

    merged = Parsed(
        sources=keep(base.sources, extra.sources) + extra.sources,
        flows=keep(base.flows, extra.flows) + extra.flows,
        pages=keep(base.pages, extra.pages) + extra.pages,
        danger=extra.danger or base.danger,
        texts={**base.texts, **extra.texts},
    )
    return merged


def _protect(base: Parsed, extra: Parsed) -> tuple[Parsed, list[Problem]]:
    """Extra guides add to the bundled ones and never change the safety content: the danger
    sheet, the flows holding the safety gates, and the sources bundled advice cites. What would is
    left out, each with a problem saying so. Extra gates are left out too: a gate runs before
    every stretch, so an extra one could stand between a person and first aid."""
    from tui.content.loader import Parsed

    problems: list[Problem] = []
    if extra.danger:
        problems.append(Problem(extra.danger[0], None, "",
                                "ignored: the bundled danger signs cannot be replaced"))
    safety = {f.id for _, f in base.flows if any(step.gate for step in f.steps)}
    flows = []
    for path, flow in extra.flows:
        if flow.id in safety:
            problems.append(Problem(path, None, "", f"ignored: the bundled safety flow "
                                    f"'{flow.id}' cannot be replaced"))
        elif any(step.gate for step in flow.steps):
            problems.append(Problem(path, None, "",
                                    "ignored: safety gates come only from the bundled guides"))
        else:
            flows.append((path, flow))
    bundled_sources = {s.id: s for _, s in base.sources}
    sources = []
    for path, source in extra.sources:
        if source.id not in bundled_sources:
            sources.append((path, source))
        elif source != bundled_sources[source.id]:  # a copy of the bundled one is no change
            problems.append(Problem(path, None, f"source '{source.id}'", "ignored: a bundled "
                                    "source cannot be replaced (the bundled one is used)"))
    kept = Parsed(sources=sources, flows=flows, pages=list(extra.pages), danger=None,
                  problems=list(extra.problems), texts=extra.texts)
    return kept, problems


def _replacement_notices(base: Parsed, extra: Parsed) -> list[str]:
    """A visible notice for every bundled flow or page an extra file replaces."""
    flows = {f.id for _, f in base.flows}
    pages = {p.id for _, p in base.pages}
    notices = [Problem(path, None, "", f"replaces the bundled flow '{f.id}'")
               for path, f in extra.flows if f.id in flows]
    notices += [Problem(path, None, "", f"replaces the bundled page '{p.id}'")
                for path, p in extra.pages if p.id in pages]
    return [str(notice) for notice in notices]  # str() escapes control characters in a path


def _library(parsed: Parsed) -> Library:
    from tui.content.markdown import parse

    pages = [p for _, p in parsed.pages]
    return Library.build(
        [s for _, s in parsed.sources], [f for _, f in parsed.flows],
        pages, parsed.danger[1] if parsed.danger else None,
        {page.id: parse(page.body) for page in pages},  # parsed once already, to validate
    )


def check_dir(root: Path) -> list[Problem]:
    """Every problem in a guides directory. A directory with its own sources.toml is a complete
    set of guides; one without is checked as an extension of the bundled guides."""
    from tui.content.loader import parse_dir
    from tui.content.validate import check

    parsed = parse_dir(root)
    if (root / "sources.toml").exists() or root.resolve() == bundled_guides_dir().resolve():
        if parsed.danger is None and not parsed.problems:
            parsed.problems.append(Problem(root / "danger.toml", None, "", "missing: the "
                                           "danger-signs sheet is required"))
        return sorted(parsed.problems + check(parsed))
    base = parse_dir(bundled_guides_dir())
    inside = root.resolve()
    parsed, ignored = _protect(base, parsed)
    problems = parsed.problems + ignored + check(_overlay(base, parsed))
    mine = [p for p in problems if inside in p.file.resolve().parents or p.file == root]
    # A problem in a bundled file that the bundled guides do not have alone comes from this
    # directory: a file here replaces a bundled flow or page and drops what others point to.
    known = set(base.problems + check(base))
    broken = [p for p in problems if p not in mine and p not in known]
    blame = sorted(_replacing(base, parsed)) or [root]
    mine += [Problem(file, None, "", f"replaces part of the bundled guides and breaks them: {p}")
             for p in broken for file in blame]
    return sorted(mine)


@frozen
class Loaded:
    """The Library, and a warning for each extra guide file left out or replacing one."""

    library: Library
    warnings: tuple[str, ...] = ()


def load_library(extra_dirs: tuple[Path, ...] | list[Path] = ()) -> Loaded:
    """The bundled guides plus any extra ones. Broken bundled guides raise ContentError (first aid
    cannot be trusted then); a broken extra file is left out with a warning naming the problem.
    Validated content is cached, keyed by every file's bytes."""
    from tui.content import cache

    key = cache.content_key([bundled_guides_dir(), *extra_dirs])
    loaded = cache.read(key)
    if loaded is None:
        loaded = _load_and_validate(list(extra_dirs))
        cache.write(key, loaded)
    return loaded


def _load_and_validate(extra_dirs: list[Path]) -> Loaded:
    from tui.content.loader import parse_dir
    from tui.content.validate import check

    parsed = parse_dir(bundled_guides_dir())
    problems = parsed.problems + check(parsed)
    if problems:
        raise ContentError(problems)
    bundled = parsed
    warnings: list[str] = []
    for root in extra_dirs:
        try:
            parsed = _add_extra(bundled, parsed, root, warnings)
        except Exception as error:  # noqa: BLE001 - an extra guide never stops first aid
            why = f"could not be loaded ({type(error).__name__}: {error})"
            warnings.append(f"skipped: {Problem(root, None, '', why)}")
    return Loaded(_library(parsed), tuple(warnings))


def _add_extra(bundled: Parsed, parsed: Parsed, root: Path, warnings: list[str]) -> Parsed:
    """`parsed` with the good files of one extra directory added; a warning for each file left
    out and for each bundled flow or page replaced."""
    from tui.content.loader import parse_dir
    from tui.content.validate import check

    extra, ignored = _protect(bundled, parse_dir(root))
    bad = {p.file for p in extra.problems}
    warnings += [f"skipped: {p}" for p in extra.problems] + [str(p) for p in ignored]
    files = {f for f, _ in _files(extra)}
    # Every round either accepts the candidate or leaves out at least one more file; with all
    # extra files left out the candidate is the checked library itself, which has no problems.
    for _ in range(len(files) + 1):
        kept = _without(extra, bad)
        candidate = _overlay(parsed, kept)
        found = check(candidate)
        if not found:
            warnings += _replacement_notices(bundled, kept)
            return candidate
        extra_found = [p for p in found if p.file in files]
        if extra_found:
            bad |= {p.file for p in extra_found}
            warnings += [f"skipped: {p}" for p in extra_found]
            continue
        # Only the bundled files are broken now: an extra file replaced a bundled flow or
        # page and dropped something they point to. Never accept that: leave those files out.
        culprits = (_replacing(parsed, extra) - bad) or (files - bad)
        bad |= culprits
        warnings += [f"skipped: {file}: replaces part of the bundled guides and breaks them: "
                     f"{found[0]}" for file in sorted(culprits)]
    return parsed


def _replacing(base: Parsed, extra: Parsed) -> set[Path]:
    """The extra files that replace a bundled flow, page or source (same id)."""
    flows = {f.id for _, f in base.flows}
    pages = {p.id for _, p in base.pages}
    sources = {s.id for _, s in base.sources}
    return ({path for path, f in extra.flows if f.id in flows}
            | {path for path, p in extra.pages if p.id in pages}
            | {path for path, s in extra.sources if s.id in sources})


def _files(parsed: Parsed) -> Iterator[tuple[Path, object]]:
    yield from parsed.sources
    yield from parsed.flows
    yield from parsed.pages
    if parsed.danger:
        yield parsed.danger


def _without(parsed: Parsed, bad: set[Path]) -> Parsed:
    from tui.content.loader import Parsed

    return Parsed(
        sources=[(p, s) for p, s in parsed.sources if p not in bad],
        flows=[(p, f) for p, f in parsed.flows if p not in bad],
        pages=[(p, pg) for p, pg in parsed.pages if p not in bad],
        danger=parsed.danger if parsed.danger and parsed.danger[0] not in bad else None,
        texts=parsed.texts,
    )


def load_for_first_aid(extra_dirs: tuple[Path, ...] | list[Path],
                       report: Callable[[str], None],
                       loaded: Loaded | None = None) -> Library | None:
    """load_library() for a command about to give first aid: each warning, or why the bundled
    guides cannot be used, goes to `report` as one "cramp: ..." line; None when they are broken.
    `loaded`: the guides, if the command already loaded them (`now --where` checks the site)."""
    if loaded is None:
        try:
            loaded = load_library(extra_dirs)
        except ContentError as error:
            report("cramp: the bundled guides are broken; no first aid can be shown:")
            report(str(error))
            return None
    for warning in loaded.warnings:
        report(f"cramp: {warning}")
    return loaded.library
