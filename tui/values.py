"""`@frozen`: the frozen dataclass every immutable value in cramp is (content, walk, settings).

It is `@dataclass(frozen=True)` with the same ==, hash(), repr() and frozen fields, made from
functions written once here instead of compiled for each class: a dataclass compiles each method
it writes from source (six of them for a frozen one), and for the ~20 classes imported before
the first instruction that was a good part of every start (importing those modules: 22.8 ->
17.9 ms with ==, hash() and repr() shared; sharing the frozen fields' two as well: see
bench/RESULTS.md). Only __init__ is still compiled per class. Imports nothing of cramp.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError, dataclass, fields
from reprlib import recursive_repr
from typing import Any, Callable, TypeVar, dataclass_transform, overload

T = TypeVar("T")


def _getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    return lambda item: tuple(getattr(item, name) for name in names)


def _with_shared_methods(cls: type[T]) -> type[T]:
    """What dataclass(eq=True, frozen=True) and repr=True would add, per its rules: == compares
    the fields with compare=True, hash() hashes those (unless a field says hash=...), repr() shows
    the fields with repr=True, and no field can be assigned or deleted."""
    every = fields(cls)  # type: ignore[arg-type]
    names = frozenset(f.name for f in every)
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

    def __setattr__(self: Any, name: str, value: Any) -> None:
        # The __init__ a (not frozen) dataclass compiles sets each field once; once it returns,
        # every field is set, so every assignment is refused, as a frozen dataclass refuses it.
        if name in names and name not in self.__dict__:
            object.__setattr__(self, name, value)
        else:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self: Any, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    for method in (__eq__, __hash__, __repr__, __setattr__, __delattr__):
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
        if not cls.__doc__:  # dataclass would work one out with inspect (see tui/__init__.py)
            cls.__doc__ = f"{cls.__name__}: a frozen value."
        return _with_shared_methods(dataclass(kw_only=kw_only, eq=False, repr=False)(cls))

    return make if cls is None else make(cls)
