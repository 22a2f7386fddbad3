"""@frozen (tui.values) behaves as @dataclass(frozen=True): the same ==, hash() and repr().

Its three methods are shared functions rather than the ones a dataclass compiles for each class:
these tests hold them to what a dataclass would have done.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field, replace

import pytest

from tui.content import load_library
from tui.content.models import Context, Step, When
from tui.values import frozen
from tui.walk.engine import Walk


def _twins() -> tuple[type, type]:
    def body() -> dict:
        return {"__annotations__": {"a": "int", "b": "str", "hidden": "list",
                                    "unhashed": "int", "only_hash": "int"},
                "b": "x",
                "hidden": field(default_factory=list, compare=False, repr=False),
                "unhashed": field(default=0, hash=False),
                "only_hash": field(default=0, compare=False, hash=True)}

    return (frozen(type("Value", (), body())),
            dataclass(frozen=True)(type("Value", (), body())))


MAKE = [dict(a=1), dict(a=1, b="y"), dict(a=1, hidden=[1]), dict(a=2, hidden=[1]),
        dict(a=1, unhashed=5), dict(a=1, only_hash=7), dict(a=1, b="it's \"quoted\"\n")]


@pytest.mark.parametrize("one", MAKE)
@pytest.mark.parametrize("other", MAKE)
def test_equality_hash_and_repr_are_a_dataclass_s(one, other):
    ours, theirs = _twins()
    assert (ours(**one) == ours(**other)) == (theirs(**one) == theirs(**other))
    assert (ours(**one) != ours(**other)) == (theirs(**one) != theirs(**other))
    assert hash(ours(**one)) == hash(theirs(**one))
    assert repr(ours(**one)) == repr(theirs(**one))


def test_a_value_never_equals_another_class_with_the_same_fields():
    ours, theirs = _twins()
    assert ours(a=1) != theirs(a=1)
    assert ours(a=1) != (1, "x")


def test_values_stay_frozen_and_keep_the_dataclass_tools():
    walk = Walk("calf", "stretch", Context())
    with pytest.raises(dataclasses.FrozenInstanceError):
        walk.step = "other"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        walk.extra = 1  # type: ignore[attr-defined]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del walk.step
    assert walk.step == "stretch" and not hasattr(walk, "extra")
    assert replace(walk, step="other").step == "other"
    assert dataclasses.asdict(When(helper=True))["helper"] is True
    with pytest.raises(TypeError):
        When(True)  # type: ignore[misc]  # content types take keywords only


def test_bundled_content_compares_by_value():
    library = load_library().library
    step = next(iter(library.flows.values())).steps[0]
    copy = replace(step)
    assert copy is not step and copy == step and hash(copy) == hash(step)
    assert replace(step, title=step.title + "!") != step
    assert repr(step).startswith(f"Step(id={step.id!r}, kind={step.kind!r},")
    assert isinstance(step, Step) and load_library().library == library
