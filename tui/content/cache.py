"""A cache of the validated Library, so that opening cramp mid-cramp does not pay for pydantic.

The key is a hash of every guide file's bytes (bundled and extra) with the versions of cramp and
Python: any edit to any file, however small, means a full parse and validation.

The cache is data, never code: JSON of the frozen dataclasses, decoded field by field into the
types the models declare (anything else is a miss, and the guides are validated again). The key
is the file's first line and is compared before anything else is decoded. The file lives in the
user's own cache directory (owner-only) and is used only if it is a regular file of this user's
that nobody else can write.
"""

from __future__ import annotations

import json
import os
import sys
import typing
from dataclasses import fields, is_dataclass
from functools import cache as memo
from pathlib import Path
from typing import Any, Callable

from tui import __version__
from tui.content import models
from tui.content.files import guide_files
from tui.content.library import Library
from tui.safe_files import UnreadableFile, read_bytes

try:  # hashlib.blake2b is this very function; importing hashlib also loads OpenSSL (~3 ms)
    from _blake2 import blake2b
except ImportError:  # a Python built without it
    from hashlib import blake2b

FORMAT = b"cramp-library-cache 1 "
MAX_CACHE_BYTES = 256 * 1024 * 1024  # far above 1,000 flows and pages; a bound on a planted file

if typing.TYPE_CHECKING:
    from tui.content import Loaded


def cache_path() -> Path:
    base = os.environ.get("CRAMP_CACHE_DIR")
    if not base:
        from platformdirs import user_cache_dir

        base = user_cache_dir("cramp")
    return Path(base) / "library.json"


def content_key(dirs: list[Path]) -> str:
    """A hash of exactly the files the loader reads, read the same safe way (a FIFO or a device
    among them is hashed as unreadable, never opened for reading)."""
    digest = blake2b(f"{__version__} {sys.version}".encode(), digest_size=20)
    for root in dirs:
        digest.update(b"\0dir " + os.fsencode(root.resolve()))  # any bytes a path may hold
        if not root.is_dir():
            continue
        for path in guide_files(root):
            digest.update(b"\0" + os.fsencode(path.relative_to(root)) + b"\0")
            try:
                digest.update(read_bytes(path))
            except UnreadableFile as error:
                digest.update(f"\0unreadable {error}".encode())
    return digest.hexdigest()


# -- decoding: JSON values back into the models, checked against their declared types ------------

_STRINGS = {"str", "Text", "Title", "Id", "Target", "Key"}
_CLASSES = {cls.__name__: cls for cls in (models.Source, models.When, models.Variant,
                                          models.Choice, models.Step, models.Flow,
                                          models.DangerSection, models.Danger, models.Page)}
Decode = Callable[[Any], Any]


class _Miss(Exception):
    """The cached data does not fit the models: validate the guides again."""


def _string(value: Any) -> str:
    if type(value) is not str:
        raise _Miss
    return value


def _one(name: str) -> Decode:
    if name in _STRINGS:
        return _string
    if name == "bool":
        return lambda v: v if type(v) is bool else _fail()
    if name in ("float", "Seconds"):
        return lambda v: float(v) if type(v) in (int, float) else _fail()
    if name.startswith("tuple[") and name.endswith(", ...]"):
        item = _decoder(name[len("tuple["):-len(", ...]")])
        return lambda v: tuple(item(x) for x in v) if type(v) is list else _fail()
    if name in _CLASSES:
        return _dataclass(_CLASSES[name])
    if name.startswith("Literal[") and name.endswith("]"):
        allowed = tuple(part.strip().strip("\"'") for part in name[len("Literal["):-1].split(","))
    else:
        literal = getattr(models, name, None)
        if typing.get_origin(literal) is not typing.Literal:
            raise TypeError(f"the cache cannot decode the type {name!r}")
        allowed = typing.get_args(literal)
    return lambda v: v if type(v) is str and v in allowed else _fail()


def _fail() -> Any:
    raise _Miss


@memo
def _decoder(annotation: str) -> Decode:
    options = [part.strip() for part in annotation.split(" | ")]
    optional = "None" in options
    decoders = [_one(part) for part in options if part != "None"]

    def decode(value: Any) -> Any:
        if value is None and optional:
            return None
        for index, one in enumerate(decoders):
            try:
                return one(value)
            except _Miss:
                if index == len(decoders) - 1:
                    raise
        raise _Miss

    return decoders[0] if len(decoders) == 1 and not optional else decode


@memo
def _dataclass(cls: type) -> Decode:
    plan = [(f.name, _decoder(str(f.type))) for f in fields(cls)]

    def decode(value: Any) -> Any:
        if type(value) is not dict or len(value) != len(plan):
            raise _Miss
        try:
            return cls(**{name: one(value[name]) for name, one in plan})
        except (KeyError, TypeError, ValueError):  # a missing field, or __post_init__ refused
            raise _Miss from None

    return decode


def _decode(data: Any) -> Loaded:
    from tui.content import Loaded

    if type(data) is not dict:
        raise _Miss
    library, warnings = data.get("library"), data.get("warnings")
    if type(library) is not dict or type(warnings) is not list:
        raise _Miss
    lists = {}
    for name, cls in (("sources", models.Source), ("flows", models.Flow),
                      ("pages", models.Page)):
        items = library.get(name)
        if type(items) is not list:
            raise _Miss
        lists[name] = [_dataclass(cls)(item) for item in items]
    danger = library.get("danger")
    return Loaded(
        Library.build(lists["sources"], lists["flows"], lists["pages"],
                      None if danger is None else _dataclass(models.Danger)(danger)),
        tuple(_string(w) for w in warnings))


def _fields(item: Any) -> dict[str, Any]:
    """One model as a JSON object, field by field (json.dumps calls this for each dataclass it
    meets). The fields stay as they are: json writes tuples as lists itself. The same bytes as
    json of dataclasses.asdict, which copies every nested value first: 0.54 ms instead of 1.7 ms
    for the bundled guides (best of 15)."""
    cls: type = type(item)
    if not is_dataclass(cls):
        raise TypeError(f"the cache cannot encode {cls.__name__}")
    return {name: getattr(item, name) for name in _names(cls)}


@memo
def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _encode(loaded: Loaded) -> str:
    """The JSON of a Loaded: the models (dataclasses made by models.model) by their fields."""
    lib = loaded.library
    return json.dumps({"library": {"sources": list(lib.sources.values()),
                                   "flows": list(lib.flows.values()),
                                   "pages": list(lib.pages.values()),
                                   "danger": lib.danger},
                       "warnings": list(loaded.warnings)},
                      separators=(",", ":"), default=_fields)


# -- the file ---------------------------------------------------------------------------------

def _trusted(path: Path) -> bool:
    """A regular file of this user's that no one else can write."""
    try:
        info = os.stat(path)
    except OSError:
        return False
    return (info.st_mode & 0o022) == 0 and (not hasattr(os, "getuid")
                                            or info.st_uid == os.getuid())


def read(key: str) -> Loaded | None:
    """The cached Loaded for this key, or None."""
    path = cache_path()
    if not _trusted(path):
        return None
    try:
        data = read_bytes(path, MAX_CACHE_BYTES)
    except UnreadableFile:
        return None
    header, _, body = data.partition(b"\n")
    if header != FORMAT + key.encode("ascii"):  # another key or format: nothing else is read
        return None
    try:
        return _decode(json.loads(body))
    except Exception:  # noqa: BLE001 - a damaged cache never stops first aid: validate again
        return None


def write(key: str, value: Loaded) -> None:
    import tempfile  # only on a miss: a start-up with the cache in place never needs it

    path = cache_path()
    tmp: str | None = None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # ASCII: a path in a warning may hold a lone surrogate (bytes that are not UTF-8).
        body = _encode(value)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".library-")
        with os.fdopen(fd, "wb") as file:
            file.write(FORMAT + key.encode("ascii") + b"\n" + body.encode("ascii"))
        os.replace(tmp, path)
    except (OSError, ValueError):
        pass  # a read-only home still gets first aid, just without the speed-up
    finally:  # a failed write or replace never leaves its temp file behind
        if tmp is not None and os.path.lexists(tmp):
            try:
                os.unlink(tmp)
            except OSError:
                pass
