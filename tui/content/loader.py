"""Read guides/ from disk into models. Every problem is collected, never raised half-way, so
`cramp check` can report all of them at once, each with its file and place."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.content.files import guide_files
from tui.safe_files import TOO_DEEP, UnreadableFile, read_text
from tui.content.models import Danger, Flow, Page, Source, first_control
from tui.content.schema import SINGULAR, GuideModel, ValidationError, validate
from tui.content.problems import LineFinder, Problem


@dataclass
class Parsed:
    """What one guides directory holds, before the cross-file checks."""

    sources: list[tuple[Path, Source]] = field(default_factory=list)
    flows: list[tuple[Path, Flow]] = field(default_factory=list)
    pages: list[tuple[Path, Page]] = field(default_factory=list)
    danger: tuple[Path, Danger] | None = None
    problems: list[Problem] = field(default_factory=list)
    # The text of every file read, so later checks never open a file a second time.
    texts: dict[Path, str] = field(default_factory=dict)


def _where(loc: tuple[Any, ...], data: Any, lines: LineFinder) -> tuple[int | None, str]:
    """Turn a pydantic error location into a line and a name an author recognises."""
    if len(loc) >= 2 and loc[0] in ("step", "steps") and isinstance(loc[1], int):
        steps = data.get("step") if isinstance(data, dict) else None
        step = steps[loc[1]] if isinstance(steps, list) and loc[1] < len(steps) else {}
        step_id = step.get("id") if isinstance(step, dict) else None
        name = f"step '{step_id}'" if isinstance(step_id, str) else f"step #{loc[1] + 1}"
        line = lines.table("step", loc[1])
        rest = loc[2:]
        if len(rest) >= 2 and rest[0] in ("variant", "variants", "choice", "choices"):
            sub = "variant" if rest[0].startswith("variant") else "choice"
            name += f", {sub} #{rest[1] + 1}"
            line = lines.table(f"step.{sub}", rest[1], after=line or 0) or line
            rest = rest[2:]
        if rest and isinstance(rest[0], str):
            line = lines.key(rest[0], after=line or 0) or line
            name += f", field '{'.'.join(str(r) for r in rest)}'"
        return line, name
    if len(loc) >= 2 and isinstance(loc[1], int):  # [[source]], [[section]]
        table = SINGULAR.get(str(loc[0]), str(loc[0]))
        line = lines.table(table, loc[1])
        return line, f"{table} #{loc[1] + 1}" + (f", field '{loc[2]}'" if len(loc) > 2 else "")
    if loc and isinstance(loc[0], str):
        return lines.key(loc[0]), f"field '{loc[0]}'"
    return None, ""


def _invalid(path: Path, error: ValidationError, data: Any, lines: LineFinder) -> list[Problem]:
    problems = []
    errors = error.errors()
    inner = [tuple(item["loc"]) for item in errors]
    for item in errors:
        loc = tuple(item["loc"])
        # pydantic counts only the valid items of a tuple: one broken step also reports "Tuple
        # should have at least 1 item", which is not true of the file. The item's own error says it.
        if item["type"] == "too_short" and any(len(o) > len(loc) and o[: len(loc)] == loc
                                               for o in inner):
            continue
        line, where = _where(tuple(item["loc"]), data, lines)
        message = item["msg"].removeprefix("Value error, ")
        if item["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
            message = "unknown field (check the spelling against guides/README.md)"
        elif item["type"] in ("missing", "missing_keyword_argument"):
            message = "this required field is missing"
        problems.append(Problem(path, line, where, message))
    return problems


# Guides nest at most 7 levels (a step's variant's condition's positions): deeper data is a
# mistake or an attack, and is refused before anything walks it recursively.
MAX_DEPTH = 32


def _depth(data: Any) -> int:
    """How deeply tables and arrays nest, counted without recursion."""
    if not isinstance(data, (dict, list)):
        return 0
    deepest, todo = 0, [(data, 1)]
    while todo:  # only tables and arrays are queued: the leaves (most of a file) are skipped
        item, depth = todo.pop()
        deepest = max(deepest, depth)
        if depth <= MAX_DEPTH:
            todo += [(child, depth + 1) for child in
                     (item.values() if isinstance(item, dict) else item)
                     if isinstance(child, (dict, list))]
    return deepest


def _read_toml(path: Path, text: str, first_line: int = 1) -> dict[str, Any] | Problem:
    """The parsed table, or the one Problem that stops it being read."""
    try:
        data = tomllib.loads(text)
    except RecursionError:  # tomllib recurses once per nested array or inline table
        return Problem(path, None, "", f"not valid TOML: arrays or tables {TOO_DEEP}")
    except tomllib.TOMLDecodeError as error:
        # tomllib says "... (at line N, column M)"; shift N when the TOML sits inside a page.
        message = str(error)
        line = None
        if "(at line " in message:
            head, _, tail = message.rpartition("(at line ")
            number = tail.split(",")[0].rstrip(")")
            if number.isdigit():
                line = int(number) + first_line - 1
                message = head.strip()
        return Problem(path, line, "", f"not valid TOML: {message}")
    if _depth(data) > MAX_DEPTH:
        return Problem(path, None, "", f"arrays or tables {TOO_DEEP} (more than "
                       f"{MAX_DEPTH} levels)")
    return data


def _read_text(path: Path, parsed: Parsed) -> str | None:
    try:
        text = read_text(path)
    except UnreadableFile as error:
        parsed.problems.append(Problem(path, None, "", str(error)))
        return None
    parsed.texts[path] = text
    return text


def _load_model(path: Path, model: type[GuideModel], parsed: Parsed) -> GuideModel | None:
    text = _read_text(path, parsed)
    if text is None:
        return None
    data = _read_toml(path, text)
    if isinstance(data, Problem):
        parsed.problems.append(data)
        return None
    try:
        return validate(model, data)
    except ValidationError as error:
        parsed.problems.extend(_invalid(path, error, data, LineFinder(text)))
        return None


def _body_line(rest: str, end: int) -> int:
    """The line the body starts on (1-based): after the closing +++ (0-based line `end`) and any
    blank lines, which the body is stripped of."""
    return end + 2 + rest[: len(rest) - len(rest.lstrip())].count("\n")


def page_body_line(text: str) -> int:
    """Where a page file's body starts: line numbers in its Markdown count from there."""
    lines = text.split("\n")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "+++"), 0)
    return _body_line("\n".join(lines[end + 1:]), end)


def _load_page(path: Path, parsed: Parsed) -> Page | None:
    text = _read_text(path, parsed)
    if text is None:
        return None
    lines = text.split("\n")
    if not lines or lines[0].strip() != "+++":
        parsed.problems.append(Problem(path, 1, "front matter",
                                       "a page must start with a +++ line"))
        return None
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "+++")
    except StopIteration:
        parsed.problems.append(Problem(path, 1, "front matter", "no closing +++ line"))
        return None
    front = "\n".join(lines[1:end])
    data = _read_toml(path, front, first_line=2)
    if isinstance(data, Problem):
        parsed.problems.append(data)
        return None
    rest = "\n".join(lines[end + 1 :])
    body = rest.strip()
    body_line = _body_line(rest, end)
    try:
        return validate(Page, {**data, "body": body})
    except ValidationError as error:
        for p in _invalid(path, error, data, LineFinder(front, first_line=2)):
            if p.message == "the page has no text":
                parsed.problems.append(Problem(p.file, end + 2, "body", p.message))
            elif p.where != "field 'body'":
                parsed.problems.append(Problem(p.file, p.line or end + 2,
                                               p.where or "front matter", p.message))
            else:  # a control character in the text: name its line
                index = first_control(body) or 0
                parsed.problems.append(Problem(p.file, body_line + body[:index].count("\n"),
                                               "body", p.message))
        return None


def parse_dir(root: Path) -> Parsed:
    """Parse every content file under one guides directory."""
    parsed = Parsed()
    if not root.is_dir():
        parsed.problems.append(Problem(root, None, "", "not a directory"))
        return parsed
    files = guide_files(root)
    sources_file = root / "sources.toml"
    if sources_file in files:
        text = _read_text(sources_file, parsed)
        if text is not None:
            data = _read_toml(sources_file, text)
            if isinstance(data, Problem):
                parsed.problems.append(data)
            else:
                lines = LineFinder(text)
                items = data.get("source", [])
                if not (isinstance(items, list) and all(isinstance(i, dict) for i in items)):
                    parsed.problems.append(Problem(sources_file, lines.key("source"),
                                                   "field 'source'", "must be [[source]] tables"))
                    items = []
                for index, item in enumerate(items):
                    try:
                        parsed.sources.append((sources_file, validate(Source, item)))
                    except ValidationError as error:
                        line = lines.table("source", index)
                        parsed.problems.extend(
                            Problem(sources_file, line, f"source #{index + 1}", e["msg"])
                            for e in error.errors()
                        )
                unknown = set(data) - {"source"}
                for key in sorted(unknown):
                    parsed.problems.append(Problem(
                        sources_file, lines.key(key), f"field '{key}'",
                        "unknown field (only [[source]] tables belong here)"))
    danger_file = root / "danger.toml"
    if danger_file in files:
        danger = _load_model(danger_file, Danger, parsed)
        if danger is not None:
            parsed.danger = (danger_file, danger)
    flows, pages = root / "flows", root / "pages"
    for path in files:
        if path.parent == flows:
            flow = _load_model(path, Flow, parsed)
            if flow is not None:
                parsed.flows.append((path, flow))
        elif path.parent == pages:
            page = _load_page(path, parsed)
            if page is not None:
                parsed.pages.append((path, page))
    return parsed
