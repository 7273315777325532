"""`argmap check MAP…`: report every problem with its file, line and column."""

from __future__ import annotations

import argparse
import sys

from argmap.commands import EXIT_INVALID, EXIT_OK, EXIT_USAGE, plural, shown


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help="check maps and report problems with their line and column",
        description="Check maps and report every problem as FILE:LINE:COLUMN. A folder stands for "
        "every map under it: the .yaml and .yml files, at any depth, whose top level has `argmap:`.",
    )
    p.add_argument("maps", nargs="+", metavar="MAP", help="map files, or folders of maps, to check")
    p.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="output format: text (default), json, or github (GitHub Actions annotations)",
    )
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    p.add_argument("-q", "--quiet", action="store_true", help="print only the problems, no summary")
    p.add_argument(
        "--maps-only",
        action="store_true",
        help="skip the files named that are not maps (no top-level `argmap:`), as a folder's are; "
        "for hooks that pass every YAML file",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from argmap.check import SourceCache, check_file
    from argmap.diagnostics import Severity, count, to_github, to_json

    paths = expand(args.maps, maps_only=args.maps_only)
    if paths is None:
        return EXIT_USAGE
    sources = SourceCache()
    docs = [check_file(path, sources=sources) for path in paths]
    diagnostics = [d for doc in docs for d in doc.diagnostics]
    errors = count(diagnostics, Severity.ERROR)
    warnings = count(diagnostics, Severity.WARNING)
    if args.format == "json":
        print(to_json(diagnostics))
    else:
        for d in diagnostics:
            print(to_github(d) if args.format == "github" else d.format())
    if args.format != "json" and not args.quiet:
        if len(docs) == 1 and not diagnostics and docs[0].model is not None:
            model = docs[0].model
            size = plural(len(model.claims), "claim")
            if model.arguments:
                size += f", {plural(len(model.arguments), 'argument')}"
            print(f"{shown(docs[0].file)}: ok ({size})", file=sys.stderr)
        else:
            summary = f"{plural(errors, 'error')}, {plural(warnings, 'warning')}"
            print(f"{summary} in {plural(len(docs), 'file')}", file=sys.stderr)
    if any(d.code == "no-file" for d in diagnostics):
        return EXIT_USAGE
    return EXIT_INVALID if errors or (args.strict and warnings) else EXIT_OK


def expand(names: list[str], maps_only: bool = False) -> list[str] | None:
    """The map files named: a folder gives the maps under it.

    None, having said why, when a folder holds no map; with `maps_only`, a named
    file that is not a map is skipped.  A missing file is kept: checking it
    reports it, as for any unreadable map.
    """
    from pathlib import Path

    from argmap.discover import find_maps, is_map, no_maps

    paths: list[str] = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            found = find_maps(path)
            if not found:
                print(no_maps(name), file=sys.stderr)
                return None
            paths.extend(str(p) for p in found)
        elif maps_only and path.is_file() and not is_map(path):
            continue
        else:
            paths.append(name)
    return paths
