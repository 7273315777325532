"""The `argmap` command line: parses arguments and hands over to the pipeline.

Imports of the heavier modules (pydantic, graphviz, textual) happen inside
the command functions, so `argmap --help` starts as fast as Python does.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from argmap import __version__

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2

DESCRIPTION = """\
Map the argument of an article: claims, who makes them, and how they
support or oppose each other, each tied to the article's exact words.
A map is a YAML file; see the README for the format."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="argmap",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"argmap {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("check", help="check maps and report problems with their line and column")
    p.add_argument("maps", nargs="+", metavar="MAP", help="map files to check")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    p.add_argument("-q", "--quiet", action="store_true", help="print only problems, no summary")
    p.set_defaults(run=_check)

    p = sub.add_parser("render", help="draw a map as an SVG, PNG or PDF diagram with Graphviz")
    p.add_argument("map", metavar="MAP", help="map file to render")
    p.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="output file, or - for standard output "
        "(default: the map's name with the format's suffix, beside it)",
    )
    p.add_argument(
        "--format",
        choices=("svg", "png", "pdf", "dot"),
        help="output format (default: from the output's suffix, else svg)",
    )
    p.add_argument(
        "--direction",
        choices=("TB", "BT", "LR", "RL"),
        default="TB",
        help="where the question stands: TB top (default), BT bottom, LR left, RL right",
    )
    p.add_argument("--quotes", action="store_true", help="print each claim's quote in its box")
    p.set_defaults(run=_render)

    p = sub.add_parser("schema", help="print the JSON Schema of the map format")
    p.add_argument("-o", "--output", metavar="OUT", help="write to a file instead of standard output")
    p.set_defaults(run=_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
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


# --- commands -----------------------------------------------------------------------


def _check(args: argparse.Namespace) -> int:
    from argmap.check import SourceCache, check_file
    from argmap.diagnostics import Severity, count, to_json

    sources = SourceCache()
    docs = [check_file(path, sources=sources) for path in args.maps]
    diagnostics = [d for doc in docs for d in doc.diagnostics]
    if args.format == "json":
        print(to_json(diagnostics))
    else:
        for d in diagnostics:
            print(d.format())
        if not args.quiet:
            _summary(docs, diagnostics)
    if any(d.code == "no-file" for d in diagnostics):
        return EXIT_USAGE
    errors = count(diagnostics, Severity.ERROR)
    warnings = count(diagnostics, Severity.WARNING)
    return EXIT_INVALID if errors or (args.strict and warnings) else EXIT_OK


def _summary(docs: list, diagnostics: list) -> None:
    from argmap.diagnostics import Severity, count

    errors = count(diagnostics, Severity.ERROR)
    warnings = count(diagnostics, Severity.WARNING)
    if len(docs) == 1 and not diagnostics and docs[0].model is not None:
        n = len(docs[0].model.claims)
        print(f"{docs[0].file}: ok ({n} claim{'s' * (n != 1)})", file=sys.stderr)
        return
    print(
        f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')} in {_plural(len(docs), 'file')}",
        file=sys.stderr,
    )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def _render(args: argparse.Namespace) -> int:
    from argmap.check import check_file
    from argmap.diagnostics import Severity
    from argmap.render import GraphvizError, GraphvizMissing, RenderOptions, output_format, render

    doc = check_file(args.map)
    for d in doc.diagnostics:
        print(d.format(), file=sys.stderr)
    if any(d.code == "no-file" for d in doc.diagnostics):
        return EXIT_USAGE
    if doc.model is None or any(d.severity is Severity.ERROR for d in doc.diagnostics):
        print(f"argmap: not rendered: {doc.file} has errors", file=sys.stderr)
        return EXIT_INVALID
    fmt = output_format(args.format, args.output)
    out = args.output or str(Path(args.map).with_suffix(f".{fmt}"))
    options = RenderOptions(direction=args.direction, quotes=args.quotes)
    try:
        data = render(doc, fmt, options)
    except GraphvizMissing as exc:
        print(f"argmap: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except GraphvizError as exc:
        print(f"argmap: {exc}", file=sys.stderr)
        return EXIT_INVALID
    if out == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return EXIT_OK
    from argmap.store import write_atomic

    try:
        write_atomic(Path(out), data)
    except OSError as exc:
        print(f"argmap: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"{out}", file=sys.stderr)
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from argmap.schema import schema_json

    text = schema_json()
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return EXIT_OK
