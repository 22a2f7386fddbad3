"""Which files of a guides directory are content: the loader reads these and nothing else, and
the content cache's key covers exactly these."""

from __future__ import annotations

import os
from pathlib import Path

GUIDE_FILES = ("sources.toml", "danger.toml")
GUIDE_GLOBS = (("flows", "*.toml"), ("pages", "*.md"))


def guide_files(root: Path) -> list[Path]:
    """The content files of one guides directory, in a fixed order. Paths that exist in any form
    (a FIFO named flows/x.toml is listed, and refused when read); nothing else under root is
    ever opened."""
    found = [root / name for name in GUIDE_FILES if os.path.lexists(root / name)]
    for folder, pattern in GUIDE_GLOBS:
        if (root / folder).is_dir():
            found += sorted((root / folder).glob(pattern))
    return found
