"""A content problem names the file and the place in it, so an author can go straight there."""

from __future__ import annotations

import re
import unicodedata
from functools import total_ordering
from pathlib import Path

from tui.values import frozen


def _visible(text: str) -> str:
    """Control characters written as escapes: a problem may quote a bad key or file name, and an
    escape sequence in it must not reach the terminal."""
    return "".join(
        char.encode("unicode_escape").decode("ascii")
        if unicodedata.category(char) in ("Cc", "Cf") else char
        for char in text
    )


@total_ordering
@frozen
class Problem:
    file: Path
    line: int | None
    where: str  # e.g. "step 'stretch'", "front matter", "" for the whole file
    message: str

    def _key(self) -> tuple[str, int, str, str]:
        # A file's problems with no line come first; None never meets an int in a comparison.
        return (str(self.file), self.line or 0, self.where, self.message)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return self._key() < other._key()

    def __str__(self) -> str:
        place = f"{self.file}:{self.line}" if self.line else str(self.file)
        where = f" {self.where}:" if self.where else ""
        return _visible(f"{place}:{where} {self.message}")


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
