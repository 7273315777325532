"""`argmap render MAP`: draw the map with Graphviz."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from argmap.commands import EXIT_INVALID, EXIT_USAGE, refuse_invalid, shown, write_output


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
        print(f"argmap: {shown(exc)}", file=sys.stderr)
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
    refused = refuse_invalid(doc, "rendered")
    if refused is not None:
        if rendering is not None:
            rendering.cancel()
        return refused
    if missing is not None:
        print(f"argmap: {shown(missing)}", file=sys.stderr)
        return EXIT_USAGE
    assert rendering is not None
    try:
        data = rendering.result()
    except GraphvizError as exc:
        print(f"argmap: {shown(exc)}", file=sys.stderr)
        return EXIT_INVALID
    return write_output(out, data)
