"""`@frozen`: the frozen dataclass every immutable value in cramp is (content, walk, settings).

It is `@dataclass(frozen=True)` with the same ==, hash() and repr(), made from three functions
written once here instead of compiled for each class: a dataclass compiles each method it writes
from source, and these three for the ~20 classes imported before plain mode's first instruction
cost about 5 ms of every start (importing those modules: 22.8 -> 17.9 ms, median of 25).
Imports nothing of cramp.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from reprlib import recursive_repr
from typing import Any, Callable, TypeVar, dataclass_transform, overload

T = TypeVar("T")


def _getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    return lambda item: tuple(getattr(item, name) for name in names)


def _with_shared_methods(cls: type[T]) -> type[T]:
    """What dataclass(eq=True, frozen=True) and repr=True would add, per its rules: == compares
    the fields with compare=True, hash() hashes those (unless a field says hash=...), repr() shows
    the fields with repr=True."""
    every = fields(cls)  # type: ignore[arg-type]
    compared = _getter(tuple(f.name for f in every if f.compare))
    hashed = _getter(tuple(f.name for f in every
                           if (f.compare if f.hash is None else f.hash)))
    shown = tuple(f.name for f in every if f.repr)

    def __eq__(self: Any, other: object) -> bool:
        if other.__class__ is self.__class__:
            return compared(self) == compared(other)
        return NotImplemented

    def __hash__(self: Any) -> int:
        return hash(hashed(self))

    @recursive_repr()
    def __repr__(self: Any) -> str:
        return (f"{self.__class__.__qualname__}("
                + ", ".join(f"{name}={getattr(self, name)!r}" for name in shown) + ")")

    for method in (__eq__, __hash__, __repr__):
        if method.__name__ not in cls.__dict__:  # as dataclass does: the class's own one stays
            method.__qualname__ = f"{cls.__qualname__}.{method.__name__}"
            setattr(cls, method.__name__, method)
    return cls


@overload
def frozen(cls: type[T], /) -> type[T]: ...


@overload
def frozen(*, kw_only: bool = False) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(frozen_default=True)
def frozen(cls: type[T] | None = None, /, *,
           kw_only: bool = False) -> type[T] | Callable[[type[T]], type[T]]:
    """`@frozen` or `@frozen(kw_only=True)`: a frozen dataclass (type checkers see it as one)."""
    def make(cls: type[T]) -> type[T]:
        return _with_shared_methods(
            dataclass(frozen=True, kw_only=kw_only, eq=False, repr=False)(cls))

    return make if cls is None else make(cls)
