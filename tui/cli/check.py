"""`cramp check [DIR]`: lint guides like a compiler, every problem with its file and place."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", nargs="?", type=Path, help="a guides directory (default: bundled)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from tui.cli.visible import visible
    from tui.content import bundled_guides_dir, check_dir
    from tui.content.loader import parse_dir

    root = args.dir or bundled_guides_dir()
    shown = visible(str(root))  # the directory as typed: never an escape sequence
    try:
        problems = check_dir(root)
    except Exception as error:  # a linter reports, it never shows a traceback
        reason = visible(f"{type(error).__name__}: {error}")
        print(f"{shown}: could not be checked: {reason}", file=sys.stderr)
        return 1
    for problem in problems:
        print(problem)
    if problems:
        noun = "problem" if len(problems) == 1 else "problems"
        print(f"{len(problems)} {noun} in {shown}", file=sys.stderr)
        return 1
    parsed = parse_dir(root)
    from tui.content.readability import warnings

    for warning in warnings(parsed.flows):  # worth fixing, but not an error
        print(f"warning: {warning}")
    steps = sum(len(flow.steps) for _, flow in parsed.flows)
    print(f"{shown}: ok ({len(parsed.flows)} flows, {steps} steps, {len(parsed.pages)} pages, "
          f"{len(parsed.sources)} sources)")
    return 0
