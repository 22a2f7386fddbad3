"""Command-line entry points. Each subcommand module has `add_parser(subparsers)` and a `run(args)`
that returns the exit code; heavy imports stay inside `run`."""
