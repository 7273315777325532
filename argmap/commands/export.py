"""`argmap export MAP --to FORMAT`: write a map in another tool's format."""

from __future__ import annotations

import argparse

from argmap.commands import refuse_invalid, write_output

#: Mirrors argmap.formats.EXPORT_FORMATS (kept here so `--help` needs no imports).
FORMATS = ("argdown", "aif", "json", "markdown", "dot")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export",
        help="write a map as Argdown, AIF JSON, JSON, a Markdown outline or Graphviz DOT",
        description="Write a map in another format. The map is checked first; a map with errors "
        "is not exported. See the README for what each format keeps.",
    )
    p.add_argument("map", metavar="MAP", help="map file to export")
    p.add_argument(
        "--to", required=True, choices=FORMATS, metavar="FORMAT", help=f"one of: {', '.join(FORMATS)}"
    )
    p.add_argument(
        "-o", "--output", metavar="OUT", help="write to this file (atomically) instead of standard output"
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from argmap.check import SourceCache, check_file
    from argmap.formats import export
    from argmap.formats.paths import rebase_source

    doc = check_file(args.map, sources=SourceCache())
    refused = refuse_invalid(doc, "exported")
    if refused is not None:
        return refused
    assert doc.model is not None  # refuse_invalid returned None: the map loaded
    # `source.file` is relative to the map; in the export, relative to where the export goes
    # (the current folder for standard output), so that importing it there finds the article
    to_dir = Path(args.output).parent if args.output and args.output != "-" else Path.cwd()
    model = rebase_source(doc.model, Path(args.map).parent, to_dir)
    return write_output(args.output, export(model, args.to).encode("utf-8"))
