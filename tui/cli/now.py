"""`cramp now`: straight into first aid, skipping every question the options answer."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.content import Library


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from tui.cli.parser import add_common

    # Any site the loaded guides define (a guide may add one): checked in run(), not by argparse.
    parser.add_argument("--where", metavar="SITE",
                        help="where the cramp is, e.g. calf (any site the guides define)")
    parser.add_argument("--helper", action="store_true", help="someone is there to help")
    position = parser.add_mutually_exclusive_group()
    for flag, value in (("--in-bed", "bed"), ("--sitting", "sitting"), ("--standing", "standing")):
        position.add_argument(flag, dest="position", action="store_const", const=value)
    parser.add_argument("--pregnant", action="store_true",
                        help="pregnant, or gave birth in the last 6 weeks")
    add_common(parser)
    parser.set_defaults(run=run)


def known_site(wanted: str, library: Library) -> str | None:
    """The site `wanted` names among those the guides define, or None after saying why not."""
    sites = [flow.site for flow in library.site_flows if flow.site]
    site = wanted.strip().casefold()
    if site in sites:
        return site
    import difflib  # only for a site that is not there: `cramp now` starts ~1.5 ms sooner

    from tui.cli.visible import quoted

    close = difflib.get_close_matches(site, sites, n=1)
    hint = f" Did you mean {close[0]}?" if close else ""
    print(f"cramp now: --where: there is no cramp site {quoted(wanted)} in the guides.{hint} "
          f"Choose one of: {', '.join(sites)}", file=sys.stderr)
    return None


def run(args: argparse.Namespace) -> int:
    from tui.cli.launch import launch
    from tui.content import ContentError, load_library
    from tui.content.models import Context
    from tui.walk.start import Start

    site, loaded = args.where, None
    if site is not None:
        try:
            loaded = load_library(args.guides)
        except ContentError:
            pass  # not judged here: the walk that follows reports broken bundled guides
        else:
            site = known_site(site, loaded.library)
            if site is None:
                return 2
    ctx = Context(helper=args.helper, position=args.position, pregnant=args.pregnant)
    return launch(args, start=Start(site=site, ctx=ctx), loaded=loaded)
