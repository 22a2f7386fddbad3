"""cramp: an offline terminal first-aid guide for leg cramps.

Imports nothing of cramp on purpose: `cramp --version`, plain mode and the content layer stay
fast.
"""

import sys
import types

__version__ = "0.1.0"


class _InspectOnFirstUse(types.ModuleType):
    """Stands in for the inspect module until a name of it is first used, then becomes it.

    dataclasses imports inspect (6-7 ms, a sixth of plain mode's start) for one thing: the
    docstring of a dataclass that has none, and every cramp value has one (tui.values.frozen
    sees to it). So plain mode, `check` and `log` never load it; Textual and pydantic use it as
    they are imported, and get the real module."""

    def __getattr__(self, name: str) -> object:
        # Only names not set yet come here: the first use of any of them loads inspect.
        import importlib

        if sys.modules.get("inspect") is self:
            del sys.modules["inspect"]
        real = importlib.import_module("inspect")
        vars(self).update(vars(real))  # whoever imported this object sees the real names now
        return getattr(real, name)


def _defer_inspect() -> None:
    if "inspect" in sys.modules:  # loaded already (tests, a program embedding cramp)
        return
    import importlib.util

    spec = importlib.util.find_spec("inspect")
    if spec is not None:
        stand_in = _InspectOnFirstUse("inspect")
        stand_in.__spec__ = spec  # what `import inspect` checks: no load for that
        sys.modules["inspect"] = stand_in


_defer_inspect()
