"""Files the diary writes for the person: owner-only (health data), whole or not at all, and
never over a file that is already there."""

from __future__ import annotations

import os
from pathlib import Path


def write_new_private(directory: Path, stem: str, text: str) -> Path:
    """Write `text` owner-only (it is health data) to a new file `stem.md` in `directory`, or
    `stem-2.md`, `stem-3.md`...: never over an existing file. All or nothing: the text goes to
    a temporary file first and is linked in under a name nobody has taken."""
    import tempfile

    fd, temp = tempfile.mkstemp(dir=directory, prefix=f".{stem}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o600)
        for n in range(1, 1000):
            path = directory / (f"{stem}.md" if n == 1 else f"{stem}-{n}.md")
            try:
                os.link(temp, path)  # fails if the name exists, whoever made it meanwhile
            except FileExistsError:
                continue
            return path.absolute()
        raise FileExistsError(f"{directory / stem}.md and 998 more names are taken")
    finally:
        os.unlink(temp)
