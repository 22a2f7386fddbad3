"""Open the full-screen app, or the plain text mode where a full screen cannot work."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse

    from tui.app.app import CrampApp
    from tui.content import Loaded
    from tui.walk.start import Start

# Signals that end the full-screen app the way q does, so the terminal is given back (alternate
# screen off, mouse reporting off, cursor shown). SIGINT already does: Textual turns it into a key.
_CLEAN_EXIT_SIGNALS = ("SIGTERM", "SIGHUP")


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):  # None, closed, or not a real file
        return False


def wants_plain(args: argparse.Namespace) -> bool:
    """Linear text for a screen reader, a braille display, a dumb terminal or a pipe. The full
    screen needs a terminal on every side: it reads keys from stdin and draws on stderr (Textual),
    and a stdout that is not a terminal means a pipe that expects text."""
    return (getattr(args, "plain", False)
            or os.environ.get("TERM") == "dumb"
            or not all(_is_terminal(s) for s in (sys.stdin, sys.stdout, sys.stderr)))


@contextmanager
def exit_cleanly_on_signals(app: CrampApp) -> Iterator[None]:
    """While the app runs, SIGTERM or SIGHUP asks it to exit (128 + the signal number), which
    restores the terminal. A second signal of the same kind is obeyed at once."""
    import asyncio
    import signal

    def ask_to_exit(signum: int, frame: object) -> None:
        signal.signal(signum, signal.SIG_DFL)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # not running yet, or already stopped: nothing to restore
            raise SystemExit(128 + signum) from None
        # call_soon_threadsafe is safe from a signal handler; waiting for the next refresh lets a
        # screen that is being mounted finish first (exiting in the middle of it raises).
        loop.call_soon_threadsafe(app.call_after_refresh, app.exit, None, 128 + signum)

    previous = {signum: signal.signal(signum, ask_to_exit)
                for signum in (getattr(signal, name, None) for name in _CLEAN_EXIT_SIGNALS)
                if signum is not None}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def launch(args: argparse.Namespace, start: Start | None, loaded: Loaded | None = None) -> int:
    """`loaded`: the guides, if the command already loaded them (the full screen uses them)."""
    if wants_plain(args):  # no Textual on this path
        from tui.plain.walker import main as plain_main

        return plain_main(start.site if start else None, start.ctx if start else None,
                          args.guides, speak=getattr(args, "speak", False), loaded=loaded)
    library = None
    if start and start.site:
        # The first screen needs the guides: load them first so a broken guide is reported here,
        # in plain words, rather than inside a half-drawn screen.
        from tui.content import load_for_first_aid

        library = load_for_first_aid(args.guides, lambda line: print(line, file=sys.stderr),
                                     loaded)
        if library is None:
            return 1
    # Textual draws at most 60 frames a second, so a change waits up to 17 ms for its frame: the
    # word Release and every key's answer. 120 halves that wait (measured: bench/RESULTS.md);
    # the app is idle between changes, so it costs nothing then. Read when Textual is imported.
    os.environ.setdefault("TEXTUAL_FPS", "120")
    # Textual hands each frame to a thread that writes it to the terminal, and reads keys in
    # another. Python lets a waiting thread run only every 5 ms while the app's thread works on,
    # so a finished frame often waited that long to be written. Every 0.5 ms instead (measured:
    # bench/RESULTS.md).
    sys.setswitchinterval(0.0005)
    from tui.app.app import make_app
    from tui.cli.visible import quoted

    app = make_app(start=start, guides=tuple(args.guides), library=library,
                   theme=getattr(args, "theme", None))
    if app.theme_asked_unknown:
        names = ", ".join(sorted(app.available_themes))
        print(f"cramp: --theme: no theme called {quoted(app.theme_asked_unknown)}. "
              f"Choose one of: {names}", file=sys.stderr)
        return 2
    if getattr(args, "speak", False):
        _speak(app)
    with exit_cleanly_on_signals(app):
        app.run()
    return app.return_code or 0


def _speak(app: CrampApp) -> None:
    """--speak: speech on for this run (the setting turns it on for every run). Without an
    engine, one line says what to install and cramp carries on silently."""
    from tui.voice.choose import Voice

    app.voice = Voice(forced=True)
    _, problem = app.voice.speaker(app.settings)
    if problem:
        print(f"cramp: {problem}", file=sys.stderr)
