"""`argmap schema`: print the JSON Schema of the map format."""

from __future__ import annotations

import argparse

from argmap.commands import write_output


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schema", help="print the JSON Schema of the map format (for editors)")
    p.add_argument("-o", "--output", metavar="OUT", help="write to a file instead of standard output")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from argmap.schema import schema_json

    return write_output(args.output, schema_json().encode("utf-8"))
