"""The argument parser: every subcommand is listed here, and adds its own arguments.

Each subcommand's module (with its arguments) is imported only when that subcommand is chosen:
`cramp now --plain` builds two parsers, not fourteen, and imports none of the other commands
(about 6 ms of its start-up, measured). `cramp --help` still lists them all, from COMMANDS.

The options every way of opening the app shares (--guides, --plain, --speak, --theme) mean the
same before and after the subcommand: `cramp --plain now` is `cramp now --plain`. argparse alone
would let the subcommand's defaults overwrite what was written before it, so the subcommand action
merges them.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NoReturn, cast

from tui import __version__
from tui.cli import tui_home

# Every subcommand, in the order `cramp --help` lists them: (module, help). Each module has
# add_arguments(parser) and run(args).
COMMANDS = {
    "now": ("tui.cli.now", "first aid for a cramp right now"),
    "check": ("tui.cli.check", "validate guides (the bundled ones, or DIR)"),
    "log": ("tui.cli.log", "the cramp diary"),
    "serve": ("tui.cli.serve", "serve the app to a web browser (needs the [web] extra)"),
    "read": ("tui.cli.read", "read a library page (or --list them)"),
}
COMMON_DESTS = ("guides", "plain", "speak", "theme")  # every option add_common() adds


def terminal_width() -> int:
    """shutil.get_terminal_size().columns, without importing shutil (which imports zlib, bz2 and
    lzma): argparse makes a formatter, which asks shutil for the width, for every argument it
    adds. Reading it here saves plain mode ~2 ms of its start-up (measured)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):  # no stdout, closed, or not a terminal
        return 80


class CrampParser(argparse.ArgumentParser):
    """argparse, with its error messages (which quote what was typed) made safe to print, and
    its output errors (`cramp --help > /dev/full`) passed on to be reported, not swallowed."""

    def _get_formatter(self) -> argparse.HelpFormatter:
        # argparse's own, with the width it would have asked shutil for (see terminal_width)
        formatter = cast("type[argparse.HelpFormatter]", self.formatter_class)
        return formatter(prog=self.prog, width=terminal_width() - 2)

    def _print_message(self, message: str, file: Any = None) -> None:
        if message:
            (file or sys.stderr).write(message)

    def error(self, message: str) -> NoReturn:
        from tui.cli.visible import visible

        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {visible(message)}\n")


def _merged(before: Any, after: Any) -> Any:
    """A common option given on both sides of the subcommand: lists add up, a flag set on either
    side stays set, and a value given after the subcommand wins (as a repeated option would)."""
    if isinstance(before, list) and isinstance(after, list):
        return [*before, *after]
    if isinstance(before, bool) and isinstance(after, bool):
        return before or after
    return before if after is None else after


if TYPE_CHECKING:  # generic only to a type checker
    _SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]
else:
    _SubParsers = argparse._SubParsersAction


class _Subcommands(_SubParsers):
    """Builds the chosen subcommand's parser and runs it, then merges the common options it
    shares with the top."""

    def add_command(self, name: str) -> None:
        """List `name` in --help; its parser is built when it is chosen (or by build())."""
        module, help = COMMANDS[name]
        self._choices_actions.append(self._ChoicesPseudoAction(name, (), help))
        # Until build(), the map holds the module's name: argparse only checks that the command
        # is among its keys before __call__ (below) looks the parser up.
        self._name_parser_map[name] = module  # type: ignore[assignment]

    def build(self, name: str) -> argparse.ArgumentParser:
        """The subcommand's parser with its arguments (what add_parser would have made)."""
        parser = self._name_parser_map[name]
        if isinstance(parser, str):
            module = importlib.import_module(parser)
            parser = self._parser_class(prog=f"{self._prog_prefix} {name}")
            module.add_arguments(parser)
            self._name_parser_map[name] = parser
        return parser

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: str | Sequence[Any] | None, option_string: str | None = None) -> None:
        before = {dest: getattr(namespace, dest) for dest in COMMON_DESTS
                  if hasattr(namespace, dest)}
        if values and values[0] in self._name_parser_map:  # an unknown one: argparse says so
            self.build(values[0])
        super().__call__(parser, namespace, values, option_string)
        for dest, value in before.items():
            after = getattr(namespace, dest, value)
            if after is not value:  # the subcommand has this option too: merge, never drop
                setattr(namespace, dest, _merged(value, after))


def add_common(parser: argparse.ArgumentParser) -> None:
    """Options every way of opening the app understands."""
    parser.add_argument(
        "--guides", type=Path, action="append", default=[], metavar="DIR",
        help="extra guides to load beside the bundled ones (a broken one is skipped with a "
             "warning)",
    )
    parser.add_argument("--plain", action="store_true",
                        help="linear text, no full-screen interface (chosen by itself when "
                             "input or output is not a terminal, or TERM=dumb)")
    parser.add_argument("--speak", action="store_true",
                        help="say the steps and count the hold aloud (offline)")
    parser.add_argument("--theme", metavar="NAME",
                        help="colour theme, e.g. cramp-high-contrast, ansi-dark (remembered)")


def build_parser(*, every_command: bool = True) -> argparse.ArgumentParser:
    """every_command=False leaves each subcommand's parser to be built when it is chosen: for
    parsing one command line, where the others would only cost time."""
    parser = CrampParser(
        prog="cramp",
        description="Offline first aid for leg cramps. Information, not a diagnosis.",
    )
    parser.add_argument("--version", action="version", version=f"cramp {__version__}")
    add_common(parser)
    parser.set_defaults(run=tui_home.run)
    # prog: what argparse would work out by formatting a usage line (there are no positionals)
    sub = cast(_Subcommands, parser.add_subparsers(title="commands", metavar="COMMAND",
                                                   action=_Subcommands, prog=parser.prog))
    for name in COMMANDS:
        sub.add_command(name)
        if every_command:
            sub.build(name)
    return parser
