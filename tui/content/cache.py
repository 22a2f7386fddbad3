"""A cache of the validated Library, so that opening cramp mid-cramp does not pay for pydantic.

The key is a hash of every guide file's bytes (bundled and extra) with the versions of cramp and
Python: any edit to any file, however small, means a full parse and validation. The cache holds
frozen dataclasses pickled by this program into the user's own cache directory (owner-only).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path

from tui import __version__

_SUFFIXES = {".toml", ".md"}


def cache_path() -> Path:
    base = os.environ.get("CRAMP_CACHE_DIR")
    if not base:
        from platformdirs import user_cache_dir

        base = user_cache_dir("cramp")
    return Path(base) / "library.pickle"


def content_key(dirs: list[Path]) -> str:
    digest = hashlib.blake2b(f"{__version__} {sys.version}".encode(), digest_size=20)
    for root in dirs:
        digest.update(f"\0dir {root.resolve()}".encode())
        if not root.is_dir():
            continue
        for path in sorted(p for p in root.rglob("*") if p.suffix in _SUFFIXES):
            digest.update(f"\0{path.relative_to(root)}\0".encode())
            try:
                digest.update(path.read_bytes())
            except OSError:
                digest.update(b"\0unreadable")
    return digest.hexdigest()


def read(key: str):
    """The cached (library, warnings) for this key, or None."""
    try:
        with cache_path().open("rb") as file:
            stored_key, value = pickle.load(file)
    except Exception:  # no cache, an old or damaged one: validate from the files instead
        return None
    return value if stored_key == key else None


def write(key: str, value) -> None:
    path = cache_path()
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".library-")
        with os.fdopen(fd, "wb") as file:
            pickle.dump((key, value), file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home still gets first aid, just without the speed-up
