"""`argmap edit MAP`: the terminal editor (Textual), beside the article."""

from __future__ import annotations

import argparse
import sys

from argmap.commands import EXIT_INVALID, EXIT_OK, EXIT_USAGE, shown


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
