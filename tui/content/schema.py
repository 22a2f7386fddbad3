"""pydantic validation of guide files into the models. Imported only when files are read: content
served from the validated cache never pays for pydantic."""

from __future__ import annotations

import math
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, Field, TypeAdapter, ValidationError

from tui.content import models


def _printable(value: str) -> str:
    """Content is written to a terminal: an escape sequence in a guide must never reach it."""
    if value.isprintable():  # no control character at all, and no newline or tab (most fields)
        return value
    index = models.first_control(value)
    if index is not None:
        raise ValueError(f"control character {value[index]!r} at character {index + 1}")
    return value


# One repetition of a stretch: the guides give 5 s; prevention holds go up to 30 s. Past a minute
# the number is a mistake (or 1e308), and the timer would never end in practice.
MIN_HOLD, MAX_HOLD = 1, 60


def _hold(seconds: float) -> float:
    if not (math.isfinite(seconds) and MIN_HOLD <= seconds <= MAX_HOLD):
        raise ValueError(f"a hold must be from {MIN_HOLD} to {MAX_HOLD} seconds, "
                         f"not {seconds:g}")
    return seconds


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


# The models' annotations are strings naming these; pydantic resolves them in the models module
# when the adapters below are built, so the checks are installed there first.
# (Through the module's namespace: to a type checker the names stay the plain str and float.)
vars(models).update(
    Text=Annotated[str, AfterValidator(_printable)],
    Title=Annotated[str, AfterValidator(_printable), AfterValidator(_not_blank)],
    Id=Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")],
    Target=Annotated[str, Field(pattern=r"^([a-z0-9][a-z0-9-]*:)?[a-z0-9][a-z0-9-]*$")],
    Key=Annotated[str, Field(pattern=r"^[a-z0-9]$")],
    Seconds=Annotated[float, AfterValidator(_hold)],
)

# The TOML uses the singular table names ([[step]], [[step.choice]]); the models the plural.
PLURAL = {"step": "steps", "choice": "choices", "variant": "variants", "section": "sections"}
SINGULAR = {plural: singular for singular, plural in PLURAL.items()}

# One of the four things a guide file holds: validate() returns the class it was given.
GuideModel = TypeVar("GuideModel", models.Source, models.Flow, models.Danger, models.Page)
_ADAPTERS: dict[type, TypeAdapter[Any]] = {cls: TypeAdapter(cls) for cls in
             (models.Source, models.Flow, models.Danger, models.Page)}


def _plural(data: Any) -> Any:
    # Only tables and arrays are walked into: a call per leaf was a tenth of loading the guides.
    if isinstance(data, dict):
        return {PLURAL.get(key, key): _plural(value) if isinstance(value, (dict, list)) else value
                for key, value in data.items()}
    if isinstance(data, list):
        return [_plural(item) if isinstance(item, (dict, list)) else item for item in data]
    return data


def validate(cls: type[GuideModel], data: Any) -> GuideModel:
    """Validate TOML data into `cls`; raises pydantic's ValidationError with the file's names."""
    model = _ADAPTERS[cls].validate_python(_plural(data))
    assert isinstance(model, cls)  # each class has its own adapter
    return model


__all__ = ["SINGULAR", "GuideModel", "ValidationError", "validate"]
