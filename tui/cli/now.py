"""`cramp now`: straight into first aid, skipping every question the options answer."""

from __future__ import annotations

import argparse

SITES = ("calf", "hamstring", "quad", "foot")


def add_parser(sub: argparse._SubParsersAction) -> None:
    from tui.cli.parser import add_common

    parser = sub.add_parser("now", help="first aid for a cramp right now")
    parser.add_argument("--where", choices=SITES, help="where the cramp is")
    parser.add_argument("--helper", action="store_true", help="someone is there to help")
    position = parser.add_mutually_exclusive_group()
    for flag, value in (("--in-bed", "bed"), ("--sitting", "sitting"), ("--standing", "standing")):
        position.add_argument(flag, dest="position", action="store_const", const=value)
    parser.add_argument("--pregnant", action="store_true",
                        help="pregnant, or gave birth in the last 6 weeks")
    add_common(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from tui.walk.start import Start
    from tui.cli.launch import launch
    from tui.content.models import Context

    ctx = Context(helper=args.helper, position=args.position, pregnant=args.pregnant)
    return launch(args, start=Start(site=args.where, ctx=ctx))
