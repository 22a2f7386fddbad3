"""`cramp` with no command: Home.

`cramp` alone is what a person in pain types, and its first frame is measured against a bare
Textual app: it skips argparse and the subcommands' parsers (about 20 ms) by starting from the
same defaults the parser gives (tests/test_cli.py pins them equal)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse


def home_args() -> Any:
    """What `build_parser().parse_args([])` returns, without building the parser."""
    return SimpleNamespace(guides=[], plain=False, speak=False, theme=None, run=run)


def run(args: argparse.Namespace) -> int:
    from tui.cli.launch import launch

    return launch(args, start=None)
