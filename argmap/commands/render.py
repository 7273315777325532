"""`argmap render MAP`: draw the map with Graphviz."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from argmap.commands import EXIT_INVALID, EXIT_OK, EXIT_USAGE


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("render", help="draw a map as an SVG, PNG or PDF diagram with Graphviz")
    p.add_argument("map", metavar="MAP", help="map file to render")
    p.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="output file, or - for standard output (default: the map's name with the format's suffix)",
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
    p.add_argument(
        "--evaluate",
        action="store_true",
        help="show each claim's grounded label (border) and DF-QuAD strength (bar), "
        "and the verdict (see `argmap evaluate`)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from argmap.check import SourceCache, check
    from argmap.load import load_file
    from argmap.render import (
        GraphvizError,
        GraphvizMissing,
        RenderOptions,
        UnknownFormat,
        output_format,
        start_render,
    )

    sources = SourceCache()
    doc = load_file(args.map)
    try:
        fmt = output_format(args.format, args.output)
    except UnknownFormat as exc:
        print(f"argmap: {exc}", file=sys.stderr)
        return EXIT_USAGE
    out = args.output or str(Path(args.map).with_suffix(f".{fmt}"))
    options = RenderOptions(direction=args.direction, quotes=args.quotes, evaluate=args.evaluate)
    # Start Graphviz as soon as the map has loaded, and check quotes and
    # structure while it lays out; a map that fails the check is not drawn.
    rendering = missing = None
    if doc.model is not None and doc.ok:
        try:
            rendering = start_render(doc, fmt, options, sources)
        except GraphvizMissing as exc:
            missing = exc
    check(doc, sources)
    for d in doc.diagnostics:
        print(d.format(), file=sys.stderr)
    if doc.model is None or not doc.ok:
        if rendering is not None:
            rendering.cancel()
        if any(d.code == "no-file" for d in doc.diagnostics):
            return EXIT_USAGE
        print(f"argmap: not rendered: {doc.file} has errors", file=sys.stderr)
        return EXIT_INVALID
    if missing is not None:
        print(f"argmap: {missing}", file=sys.stderr)
        return EXIT_USAGE
    assert rendering is not None
    try:
        data = rendering.result()
    except GraphvizError as exc:
        print(f"argmap: {exc}", file=sys.stderr)
        return EXIT_INVALID
    return write_output(out, data)


def write_output(out: str, data: bytes) -> int:
    """Write to a file atomically (saying where), or to standard output for '-'."""
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
    print(f"wrote {out}", file=sys.stderr)
    return EXIT_OK
