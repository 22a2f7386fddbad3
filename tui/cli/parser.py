"""The argument parser: every subcommand registers itself here."""

from __future__ import annotations

import argparse
from pathlib import Path

from tui import __version__
from tui.cli import check, log, now, read, serve, tui_home

SITES = ("calf", "hamstring", "quad", "foot")


def add_common(parser: argparse.ArgumentParser) -> None:
    """Options every way of opening the app understands."""
    parser.add_argument(
        "--guides", type=Path, action="append", default=[], metavar="DIR",
        help="extra guides to load beside the bundled ones (a broken one is skipped with a warning)",
    )
    parser.add_argument("--plain", action="store_true", help="linear text, no full-screen interface")
    parser.add_argument("--speak", action="store_true",
                        help="say the steps and count the hold aloud (offline)")
    parser.add_argument("--theme", metavar="NAME",
                        help="colour theme, e.g. cramp-high-contrast, ansi-dark (remembered)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cramp",
        description="Offline first aid for leg cramps. Information, not a diagnosis.",
    )
    parser.add_argument("--version", action="version", version=f"cramp {__version__}")
    add_common(parser)
    parser.set_defaults(run=tui_home.run)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    for module in (now, check, log, serve, read):
        module.add_parser(sub)
    return parser
