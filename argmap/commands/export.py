"""`argmap export MAP --to FORMAT`: write a map in another tool's format."""

from __future__ import annotations

import argparse
import sys

from argmap.commands import EXIT_USAGE, refuse_invalid, write_output

#: Mirrors argmap.formats.EXPORT_FORMATS (kept here so `--help` needs no imports).
FORMATS = ("argdown", "aif", "json", "markdown", "dot", "html")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export",
        help="write a map as Argdown, AIF JSON, JSON, a Markdown outline, Graphviz DOT or an HTML page",
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
    from argmap.check import SourceCache, check_file
    from argmap.formats import export

    sources = SourceCache()
    doc = check_file(args.map, sources=sources)
    refused = refuse_invalid(doc, "exported")
    if refused is not None:
        return refused
    assert doc.model is not None  # refuse_invalid returned None: the map loaded
    if args.to == "html":  # the page reads the article too, for the passages around the quotes
        from argmap.preview.export import ExportError, export_document

        try:
            text = export_document(doc, sources)
        except ExportError as exc:
            print(f"argmap: not exported: {exc}", file=sys.stderr)
            return EXIT_USAGE
        return write_output(args.output, text.encode("utf-8"))
    return write_output(args.output, export(doc.model, args.to).encode("utf-8"))
