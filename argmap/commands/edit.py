"""`argmap edit MAP`: the terminal editor (Textual), beside the article."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.commands import EXIT_INVALID, EXIT_OK, EXIT_USAGE, shown

if TYPE_CHECKING:
    from argmap.editing import MapEditor


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "edit",
        help="edit a map in the terminal, beside its article",
        description="Edit a map in the terminal: the argument as a tree, the claim's fields, the article "
        "with every quote highlighted, and the checker's problems. A MAP that does not exist yet "
        "is started empty (and created on the first save). Press ? in the editor for the keys.",
    )
    p.add_argument("map", metavar="MAP", help="map file to edit (created on save if missing)")
    p.add_argument(
        "--source",
        metavar="FILE",
        help="the article (plain text) a new map analyses; quotes are checked against it",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from argmap.editing import EditError, MapEditor, MapUnreadable

    if args.source is not None and not Path(args.source).is_file():
        what = "is a folder" if Path(args.source).is_dir() else "does not exist"
        print(f"argmap: the article {args.source} (--source) {what}: check the path", file=sys.stderr)
        return EXIT_USAGE
    try:
        editor = MapEditor.open(args.map, source=args.source)
    except MapUnreadable as exc:
        for d in exc.diagnostics:
            print(d.format(), file=sys.stderr)
        if any(d.code == "no-file" for d in exc.diagnostics):
            return EXIT_USAGE  # not a file we can read at all, as `argmap check` says too
        print(
            f"argmap: not opened: {shown(args.map)} does not parse; fix it, then run `argmap edit` again",
            file=sys.stderr,
        )
        return EXIT_INVALID
    except (EditError, OSError) as exc:
        from argmap.store import reason

        print(f"argmap: cannot edit {shown(args.map)}: {shown(reason(exc))}", file=sys.stderr)
        return EXIT_USAGE
    if args.source is not None:
        problem = _use_source(editor, args.source)
        if problem:
            print(f"argmap: {problem}", file=sys.stderr)
            return EXIT_USAGE
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        print(
            "argmap: `argmap edit` needs a terminal (stdin and stdout must not be redirected)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    from argmap.tui.app import EditorApp

    app = EditorApp(editor)
    app.run()
    return app.return_code or EXIT_OK


def _use_source(editor: MapEditor, source: str) -> str | None:
    """Give a map `--source` as its article, or say why not: a map that names another article
    keeps it (changing it is an edit, made in the editor)."""
    from argmap.editing import EditError

    data = editor.document.data if isinstance(editor.document.data, dict) else {}
    current = data.get("source", {}).get("file") if isinstance(data.get("source"), dict) else None
    if not current:
        try:
            editor.set_map_field(("source", "file"), Path(source))  # an unsaved edit, undoable
        except EditError as exc:
            return f"cannot use {source} as the article: {exc}"
        return None
    named = (Path(editor.path).absolute().parent / current).resolve()
    if named == Path(source).resolve():
        return None
    return (
        f"{editor.path} already names its article: {current}. To read {source} instead, change "
        "the map's Article file in the editor (select the question, press e), or leave out --source"
    )
