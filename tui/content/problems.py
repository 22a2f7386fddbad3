"""A content problem names the file and the place in it, so an author can go straight there."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    file: Path
    line: int | None
    where: str  # e.g. "step 'stretch'", "front matter", "" for the whole file
    message: str

    def __str__(self) -> str:
        place = f"{self.file}:{self.line}" if self.line else str(self.file)
        where = f" {self.where}:" if self.where else ""
        return f"{place}:{where} {self.message}"


class ContentError(Exception):
    """Raised when the bundled guides are broken: the app cannot give first aid without them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class LineFinder:
    """Finds the line of a table or key in TOML text; tomllib reports no positions for values."""

    def __init__(self, text: str, first_line: int = 1) -> None:
        self.lines = text.splitlines()
        self.first_line = first_line

    def _at(self, index: int) -> int:
        return index + self.first_line

    def key(self, name: str, after: int = 0) -> int | None:
        pattern = re.compile(rf"^\s*{re.escape(name)}\s*=")
        for index in range(max(after - self.first_line, 0), len(self.lines)):
            if pattern.match(self.lines[index]):
                return self._at(index)
        return None

    def table(self, header: str, nth: int, after: int = 0) -> int | None:
        """Line of the nth (0-based) `[[header]]` at or after line `after`."""
        seen = -1
        for index in range(max(after - self.first_line, 0), len(self.lines)):
            if self.lines[index].strip() == f"[[{header}]]":
                seen += 1
                if seen == nth:
                    return self._at(index)
        return None

    def step(self, step_id: str) -> int | None:
        pattern = re.compile(rf'^\s*id\s*=\s*"{re.escape(step_id)}"')
        for index, line in enumerate(self.lines):
            if pattern.match(line):
                return self._at(index)
        return None
