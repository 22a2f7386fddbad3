"""`python -m tests.fast_cramp ARGS`: the real `cramp` command on a clock that moves only when
slept on, so every hold counts through at once. Test-only: the shipped package has no such hook.
Run it from the repository root (the subprocess helpers in the tests do)."""

import sys
import time

_now = [0.0]


def _monotonic() -> float:
    return _now[0]


def _sleep(seconds: float) -> None:
    _now[0] += max(seconds, 0.0)


# Patched before cramp is imported, so its default clocks are these.
time.monotonic = _monotonic
time.sleep = _sleep

from tui.__main__ import main  # noqa: E402

sys.exit(main(sys.argv[1:]))
