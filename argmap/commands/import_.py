"""`argmap import FILE --from argdown|aif`: turn an Argdown or AIF file into a map.

The module is `import_` because `import` is a keyword; the command is `import`.
Nothing is written unless the whole file was read without errors and the map it
gives passes `argmap check`, and an existing map is never replaced without
--force.  `--report` prints what was kept, mapped and left out, by construct.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from argmap.commands import EXIT_INVALID, EXIT_OK, EXIT_USAGE, shown

#: Mirrors argmap.formats.IMPORT_FORMATS (kept here so `--help` needs no imports).
FORMATS = ("argdown", "aif")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import",
        help="make a map from an Argdown or AIF JSON file",
        description="Read an Argdown or AIF JSON file and write it as an argmap YAML map. "
        "Problems are reported with their line and column; nothing is written if there are errors.",
    )
    p.add_argument("file", metavar="FILE", help="the Argdown or AIF JSON file to read")
    p.add_argument(
        "--from",
        dest="fmt",
        choices=FORMATS,
        metavar="FORMAT",
        help="argdown or aif (default: from FILE's suffix: .argdown/.ad → argdown, .json → aif)",
    )
    p.add_argument(
        "-o", "--output", metavar="MAP", help="map file to write (default: FILE with suffix .yaml)"
    )
    p.add_argument("--force", action="store_true", help="replace MAP if it exists")
    p.add_argument(
        "--report",
        action="store_true",
        help="print what was kept, mapped and left out, counted by construct (on standard output)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from argmap.formats import guess_format

    fmt = args.fmt or guess_format(args.file)
    if fmt is None:
        print(
            f"argmap: cannot tell the format of {shown(args.file)}: give --from argdown or --from aif",
            file=sys.stderr,
        )
        return EXIT_USAGE
    out = Path(args.output) if args.output else Path(args.file).with_suffix(".yaml")
    if _same_file(out, args.file):
        print(f"argmap: {shown(out)} is the input file; choose another with -o", file=sys.stderr)
        return EXIT_USAGE
    if os.path.lexists(out) and not args.force:
        print(
            f"argmap: {shown(out)} exists; use --force to replace it, or -o to write elsewhere",
            file=sys.stderr,
        )
        return EXIT_USAGE
    text = _read(args.file)
    if text is None:
        return EXIT_INVALID
    return _convert(args.file, text, fmt, out, report=args.report)


def _same_file(a: Path, b: str) -> bool:
    """Whether two paths name one file (through symlinks or hard links)."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def _read(file: str) -> str | None:
    """The file's text, or None after a located message saying why it cannot be read."""
    from argmap.diagnostics import Diagnostic, Severity
    from argmap.load import not_utf8
    from argmap.store import read_bytes, reason

    try:
        raw = read_bytes(file)  # a regular file of at most 16 MB: never a FIFO or a device
    except OSError as exc:
        message = f"cannot read the file: {reason(exc)}"
        print(Diagnostic(file, None, Severity.ERROR, "no-file", message).format(), file=sys.stderr)
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        pos, message = not_utf8(raw, exc)
        print(
            Diagnostic(file, pos, Severity.ERROR, "not-utf8", message, "save it as UTF-8").format(),
            file=sys.stderr,
        )
        return None


def _convert(file: str, text: str, fmt: str, out: Path, *, report: bool = False) -> int:
    from argmap.check import check
    from argmap.commands import plural
    from argmap.diagnostics import Diagnostic, Severity, sort_key
    from argmap.dump import dump_map
    from argmap.formats import parse
    from argmap.formats.paths import rebase_source, source_path
    from argmap.load import load_text
    from argmap.store import reason, write_file

    imported = parse(text, fmt, file)
    diagnostics = list(imported.diagnostics)
    model = imported.model
    if imported.ok and model is not None:
        # the article is named relative to the imported file: name it relative to the map
        model = rebase_source(model, Path(file).parent, out.parent)
        found = source_path(model, out.parent)
        if found is not None and not found.is_file():
            assert model.source is not None
            diagnostics.append(
                Diagnostic(
                    file,
                    None,
                    Severity.WARNING,
                    "source-not-found",
                    f"the article '{model.source.file}' (source.file, seen from {out.name}) "
                    "does not exist; "
                    "left out of the map",
                    "put the article there and add `file:` under `source:` again, to have the quotes checked",
                )
            )
            model = model.model_copy(update={"source": model.source.model_copy(update={"file": None})})
            if model.source is not None and not model.source.model_dump(exclude_none=True):
                model = model.model_copy(update={"source": None})
    for d in sorted(diagnostics, key=sort_key):
        print(d.format(), file=sys.stderr)
    if not imported.ok or model is None:
        print(f"argmap: nothing written: {shown(file)} has errors", file=sys.stderr)
        return EXIT_INVALID
    yaml_text = dump_map(model, header=f"Imported from {Path(file).name} ({fmt}) by `argmap import`.")
    doc = check(load_text(yaml_text, file=str(out), path=out))
    if doc.model != model:  # pragma: no cover - dump_map round-trips every valid model
        print(
            f"argmap: internal error: the map written for {shown(file)} would not read back the same",
            file=sys.stderr,
        )
        return EXIT_INVALID
    if not doc.ok:
        for d in doc.diagnostics:
            print(d.format(), file=sys.stderr)
        print(
            f"argmap: nothing written: the map made from {shown(file)} does not pass `argmap check`",
            file=sys.stderr,
        )
        return EXIT_INVALID
    try:
        write_file(out, yaml_text.encode("utf-8"), protect_inputs=True)
    except OSError as exc:
        print(f"argmap: cannot write {shown(out)}: {reason(exc)}", file=sys.stderr)
        return EXIT_USAGE
    for d in doc.diagnostics:
        print(d.format(), file=sys.stderr)
    size = plural(len(doc.model.claims), "claim")
    if doc.model.arguments:
        size += f", {plural(len(doc.model.arguments), 'argument')}"
    print(f"wrote {shown(out)} ({size})", file=sys.stderr)
    if report:
        print(imported.report.format(f"{file} → {out} ({fmt}): what the map keeps"))
    return EXIT_OK
