"""No garbage collection while cramp starts.

Starting makes objects that live for the whole run: Textual, the guides, the first screen. Python's
collector walked them again and again as they piled up: about 4% of a first frame and a tenth of
plain mode's first instruction (bench/RESULTS.md). So `main` pauses it, and it resumes once cramp
waits for the person: the first frame drawn (CrampApp), the first answer asked for (plain mode,
`cramp read`), the server listening (`cramp serve`); at the latest when `main` returns.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Collection as before the pause (nothing if it was not paused here)."""
    global _paused
    if _paused:
        _paused = False
        gc.enable()
