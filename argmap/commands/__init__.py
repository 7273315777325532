"""One module per `argmap` command: `register(subparsers)` and `run(args) -> exit code`."""

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
