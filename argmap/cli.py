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
import os
import sys
from collections.abc import Sequence

from argmap import __version__
from argmap.commands import EXIT_OK, EXIT_USAGE, OutputError, guard_streams, silence_stdout

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
    parser.add_argument(
        "--source-root",
        metavar="DIR",
        help="let maps read articles (and be symlinks to files) anywhere under DIR; by default "
        "only inside the repository that holds the map, or the map's folder when there is none",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"argmap.commands.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    original = guard_streams()
    try:
        return _main(argv)
    except SystemExit:  # --help, --version, a usage error: what they printed must get out too
        try:
            sys.stdout.flush()
        except OutputError as exc:
            return _output_failed(exc)
        raise
    except OutputError as exc:
        return _output_failed(exc)
    except KeyboardInterrupt:
        return 130
    finally:
        sys.stdout, sys.stderr = original


def _output_failed(exc: OutputError) -> int:
    """One line for a standard output that could not be written, and exit 2."""
    silence_stdout()
    if exc.broken_pipe:  # `argmap check … | head`: the reader has all it wanted
        return EXIT_OK
    print(f"argmap: cannot write to standard output: {exc}", file=sys.stderr)
    return EXIT_USAGE


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        sys.stdout.flush()
        return EXIT_USAGE
    if args.source_root is not None:
        from argmap.access import ROOT_VARIABLE

        if not os.path.isdir(args.source_root):
            parser.error(f"--source-root {args.source_root}: not a folder")
        os.environ[ROOT_VARIABLE] = os.path.abspath(args.source_root)
    code = args.run(args)
    sys.stdout.flush()
    return code
