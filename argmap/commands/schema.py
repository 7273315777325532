"""`argmap schema`: print the JSON Schema of the map format."""

from __future__ import annotations

import argparse
import sys

from argmap.commands import EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schema", help="print the JSON Schema of the map format (for editors)")
    p.add_argument("-o", "--output", metavar="OUT", help="write to a file instead of standard output")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from argmap.schema import schema_json

    text = schema_json()
    if args.output:
        from argmap.commands.render import write_output

        return write_output(args.output, text.encode("utf-8"))
    sys.stdout.write(text)
    return EXIT_OK
