"""A test-only trace: with CRAMP_TRACE=FILE set, the app appends one line per screen change
("screen HomeScreen") and per key it receives ("key enter") to FILE.

The browser test needs it: textual-serve draws the terminal on a canvas, so the browser's DOM holds
no text to assert on, but textual-serve passes its environment to every app process it starts, so
the test can read what the app really saw. With the variable unset, install() returns at once and
nothing is hooked.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App

VARIABLE = "CRAMP_TRACE"


def install(app: App[Any]) -> None:
    """Hook `app` to the trace file named by CRAMP_TRACE; call it first thing in on_mount."""
    path = os.environ.get(VARIABLE)
    if not path:
        return
    from textual import events

    def write(line: str) -> None:
        try:
            with open(path, "a", encoding="utf-8") as file:
                file.write(line + "\n")
        except OSError:
            pass  # a trace must never break the app

    write(f"screen {type(app.screen).__name__}")  # the default screen came before on_mount
    app.screen_change_signal.subscribe(
        app, lambda screen: write(f"screen {type(screen).__name__}"), immediate=True)

    # Every key from the driver (terminal or browser) reaches App.on_event first, unforwarded.
    on_event = app.on_event

    async def traced_on_event(event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            write(f"key {event.key}")
        await on_event(event)

    app.on_event = traced_on_event  # type: ignore[method-assign]
