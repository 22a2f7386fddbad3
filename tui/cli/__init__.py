"""Command-line entry points. Each subcommand module (listed in parser.COMMANDS) has
`add_arguments(parser)` and a `run(args)` that returns the exit code; heavy imports stay inside
`run`, and the module itself is imported only when its subcommand is chosen."""
