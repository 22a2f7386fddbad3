"""`cramp serve [--host 127.0.0.1] [--port 8000] [--token SECRET]`: the same app in a web browser.

Needs the optional [web] extra (textual-serve); only run() imports it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui import collector

INSTALL_HINT = ("cramp serve needs textual-serve: pip install 'cramp[web]' "
                "(from a checkout: .venv/bin/pip install '.[web]')")


def port_number(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number (1-65535): {text!r}")
    return port


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Serve cramp to a web browser, one app per tab. Listens on this machine only (127.0.0.1) "
        "unless --host says otherwise, and lets in only whoever opens the address it prints: that "
        "address holds a secret, new for every run.")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1: this machine only; "
                             "0.0.0.0 lets other machines in, and whoever has the address can "
                             "read and change your diary)")
    parser.add_argument("--port", type=port_number, default=8000, help="port (default 8000)")
    parser.add_argument("--public-url", metavar="URL",
                        help="the address browsers use, if not http://HOST:PORT "
                             "(behind a proxy, or --host 0.0.0.0 for other machines)")
    parser.add_argument("--token", metavar="SECRET",
                        help="your own secret instead of a new random one each run, for a "
                             "bookmark (8-256 visible ASCII characters; other users of this "
                             "machine can see a command's arguments)")
    parser.add_argument(
        "--guides", type=Path, action="append", default=argparse.SUPPRESS, metavar="DIR",
        help="extra guides to load beside the bundled ones (a broken one is skipped with a "
             "warning)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from tui.web.address import origin_of
    from tui.web.secret import token_problem

    if args.token is not None and (problem := token_problem(args.token)):
        print(f"cramp serve: --token {problem}", file=sys.stderr)
        return 2
    if args.public_url is not None and origin_of(args.public_url) is None:
        print("cramp serve: --public-url must be an http:// or https:// address with a host, "
              "e.g. http://192.168.1.20:8000", file=sys.stderr)
        return 2
    try:
        from tui.web.serve import serve

        import textual_serve.server  # noqa: F401  (only to tell a missing extra apart, here)
    except ImportError:
        print(INSTALL_HINT, file=sys.stderr)
        return 2
    collector.resume()  # a server runs for hours: collected as usual (tui/collector.py)
    try:
        return serve(host=args.host, port=args.port, guides=getattr(args, "guides", []),
                     url=args.public_url, token=args.token)
    except OSError as error:  # the port is taken, the host is not an address of this machine...
        print(f"cramp serve: cannot listen on {args.host}:{args.port}: {error.strerror or error}",
              file=sys.stderr)
        return 1
