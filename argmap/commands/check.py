"""`argmap check MAP…`: report every problem with its file, line and column."""

from __future__ import annotations

import argparse
import sys

from argmap.commands import EXIT_INVALID, EXIT_OK, EXIT_USAGE, plural, shown


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="check maps and report problems with their line and column")
    p.add_argument("maps", nargs="+", metavar="MAP", help="map files to check")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    p.add_argument("-q", "--quiet", action="store_true", help="print only the problems, no summary")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from argmap.check import SourceCache, check_file
    from argmap.diagnostics import Severity, count, to_json

    sources = SourceCache()
    docs = [check_file(path, sources=sources) for path in args.maps]
    diagnostics = [d for doc in docs for d in doc.diagnostics]
    errors = count(diagnostics, Severity.ERROR)
    warnings = count(diagnostics, Severity.WARNING)
    if args.format == "json":
        print(to_json(diagnostics))
    else:
        for d in diagnostics:
            print(d.format())
        if not args.quiet:
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
