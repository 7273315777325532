"""`argmap export MAP --to FORMAT`: write a map in another tool's format."""

from __future__ import annotations

import argparse
import sys

from argmap.commands import EXIT_INVALID, EXIT_OK, EXIT_USAGE

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
    from argmap.check import SourceCache, check_file
    from argmap.formats import export

    doc = check_file(args.map, sources=SourceCache())
    for d in doc.diagnostics:
        print(d.format(), file=sys.stderr)
    if any(d.code == "no-file" for d in doc.diagnostics):
        return EXIT_USAGE
    if doc.model is None or not doc.ok:
        print(f"argmap: not exported: {doc.file} has errors", file=sys.stderr)
        return EXIT_INVALID
    text = export(doc.model, args.to)
    if not args.output or args.output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return EXIT_OK
    from pathlib import Path

    from argmap.store import write_atomic

    try:
        write_atomic(Path(args.output), text.encode("utf-8"))
    except OSError as exc:
        print(f"argmap: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK
