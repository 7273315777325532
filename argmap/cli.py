"""The `argmap` command line: a thin dispatcher over `argmap.commands`.

Each command lives in its own module under `argmap/commands/` with a
`register(subparsers)` that declares its arguments and a `run(args)` that does
the work.  Those modules import only argparse at the top; the pipeline
(pydantic, graphviz, textual) is imported inside `run`, so `argmap --help`
starts as fast as Python does.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Sequence

from argmap import __version__
from argmap.commands import EXIT_OK, EXIT_USAGE

#: The commands, in the order `argmap --help` lists them.
COMMANDS = ("check", "render", "preview", "evaluate", "edit", "export", "import_", "schema")

DESCRIPTION = """\
Map the argument of an article: claims, who makes them, and how they
support or oppose each other, each tied to the article's exact words.
A map is a YAML file; see the README for the format."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="argmap",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"argmap {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"argmap.commands.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
