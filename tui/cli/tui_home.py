"""`cramp` with no command: Home."""

from __future__ import annotations

import argparse


def run(args: argparse.Namespace) -> int:
    from tui.cli.launch import launch

    return launch(args, start=None)
