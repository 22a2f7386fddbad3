"""Open the full-screen app, or the plain text mode where a full screen cannot work."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.walk.start import Start


def wants_plain(args: argparse.Namespace) -> bool:
    """Linear text for a screen reader, a braille display, a dumb terminal or a pipe."""
    return args.plain or not sys.stdout.isatty() or os.environ.get("TERM") == "dumb"


def launch(args: argparse.Namespace, start: Start | None) -> int:
    if wants_plain(args):  # no Textual on this path
        from tui.plain.walker import main as plain_main

        return plain_main(start.site if start else None, start.ctx if start else None,
                          args.guides, speak=getattr(args, "speak", False))
    library = None
    if start and start.site:
        # The first screen needs the guides: load them first so a broken guide is reported here,
        # in plain words, rather than inside a half-drawn screen.
        from tui.content import ContentError, load_library

        try:
            loaded = load_library(args.guides)
        except ContentError as error:
            print("cramp: the bundled guides are broken; no first aid can be shown:",
                  file=sys.stderr)
            print(error, file=sys.stderr)
            return 1
        for warning in loaded.warnings:
            print(f"cramp: {warning}", file=sys.stderr)
        library = loaded.library
    from tui.app.app import make_app

    app = make_app(start=start, guides=tuple(args.guides), library=library,
                   theme=getattr(args, "theme", None))
    if app.theme_asked_unknown:
        names = ", ".join(sorted(app.available_themes))
        print(f"cramp: --theme: no theme called '{app.theme_asked_unknown}'. Choose one of: {names}",
              file=sys.stderr)
        return 2
    if getattr(args, "speak", False):
        _speak(app)
    app.run()
    return app.return_code or 0


def _speak(app) -> None:
    """--speak: speech on for this run (the setting turns it on for every run). Without an
    engine, one line says what to install and cramp carries on silently."""
    from tui.voice.choose import Voice

    app.voice = Voice(forced=True)
    _, problem = app.voice.speaker(app.settings)
    if problem:
        print(f"cramp: {problem}", file=sys.stderr)
