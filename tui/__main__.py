"""The `cramp` command. Parses arguments first and imports only what the chosen command needs:
Textual is not imported by `check`, `log`, `read --list`, plain mode or `--version`."""

from __future__ import annotations

import sys

from tui.cli.parser import build_parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
