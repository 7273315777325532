"""`argmap render MAP`: draw the map with Graphviz (`argmap render DIR`: every map under the folder)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.commands import EXIT_INVALID, EXIT_OK, EXIT_USAGE, plural, refuse_invalid, shown, write_output

if TYPE_CHECKING:
    from argmap.check import SourceCache
    from argmap.render import RenderOptions


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "render",
        help="draw a map as an SVG, PNG or PDF diagram with Graphviz",
        description="Draw a map with Graphviz. A folder stands for every map under it (the .yaml and "
        ".yml files whose top level has `argmap:`); each is drawn beside itself, or with -o OUTDIR "
        "into OUTDIR, in the same sub-folders.",
    )
    p.add_argument("map", metavar="MAP", help="map file to render, or a folder of maps")
    p.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="output file, or - for standard output (default: the map's name with the format's suffix); "
        "for a folder of maps, the folder to write into",
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
    from argmap.check import SourceCache
    from argmap.render import RenderOptions, UnknownFormat, output_format

    options = RenderOptions(direction=args.direction, quotes=args.quotes, evaluate=args.evaluate)
    if Path(args.map).is_dir():
        return render_folder(args, options)
    try:
        fmt = output_format(args.format, args.output)
    except UnknownFormat as exc:
        print(f"argmap: {shown(exc)}", file=sys.stderr)
        return EXIT_USAGE
    out = args.output or str(Path(args.map).with_suffix(f".{fmt}"))
    return render_one(args.map, out, fmt, options, SourceCache())


def render_folder(args: argparse.Namespace, options: RenderOptions) -> int:
    """Every map under the folder, each beside itself or into the output folder; one summary."""
    from argmap.check import SourceCache
    from argmap.discover import find_maps, no_maps

    if args.output == "-":
        print("argmap: a folder of maps cannot go to standard output — give -o OUTDIR", file=sys.stderr)
        return EXIT_USAGE
    fmt = args.format or "svg"
    folder = Path(args.map)
    outdir = Path(args.output) if args.output else None
    if outdir is not None and outdir.exists() and not outdir.is_dir():
        print(f"argmap: {shown(args.output)} is a file — -o names the folder to write into", file=sys.stderr)
        return EXIT_USAGE
    maps = find_maps(folder)
    if not maps:
        print(no_maps(args.map), file=sys.stderr)
        return EXIT_USAGE
    sources = SourceCache()
    rendered = failed = 0
    worst = EXIT_OK
    for path in maps:
        target = path.with_suffix(f".{fmt}")
        if outdir is not None:
            target = outdir / target.relative_to(folder)
        code = render_one(str(path), str(target), fmt, options, sources, make_folder=outdir is not None)
        if code == EXIT_OK:
            rendered += 1
            continue
        failed += 1
        worst = max(worst, code)
        if code == EXIT_USAGE:  # Graphviz missing, or the output cannot be written: stop here
            break
    where = f" into {shown(args.output)}" if outdir is not None else ""
    summary = f"rendered {plural(rendered, 'map')}{where}"
    if failed:
        summary += f"; {failed} not rendered"
    if rendered + failed < len(maps):
        summary += f"; stopped before the other {len(maps) - rendered - failed}"
    print(summary, file=sys.stderr)
    return worst


def render_one(
    map_file: str, out: str, fmt: str, options: RenderOptions, sources: SourceCache, make_folder: bool = False
) -> int:
    """Draw one map into `out` (making its folder first, if asked); the exit code."""
    from argmap.check import check
    from argmap.load import load_file
    from argmap.render import GraphvizError, GraphvizMissing, start_render

    doc = load_file(map_file)
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
    if make_folder:
        try:
            Path(out).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            print(
                f"argmap: cannot make folder {shown(Path(out).parent)}: {shown(exc.strerror or exc)}",
                file=sys.stderr,
            )
            return EXIT_USAGE
    return write_output(out, data)
