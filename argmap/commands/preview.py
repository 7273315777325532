"""`argmap preview MAP`: the map in a browser, redrawn each time the file or its article is saved."""

from __future__ import annotations

import argparse
import sys

from argmap.commands import EXIT_OK, EXIT_USAGE, plural, shown

DEFAULT_PORT = 8717  # mirrors argmap.preview.server.DEFAULT_PORT (kept here so `--help` needs no imports)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "preview",
        help="show a map in the browser, updated each time it is saved",
        description="Serve a map's diagram on 127.0.0.1 and open it in the browser: pan and zoom, "
        "search, and a panel with each claim's details and its quote in the article. The page "
        "follows the map file and its article: each save redraws it within a second, keeping the "
        "view; a map with errors shows them over the last good diagram. Ctrl+C stops it.",
    )
    p.add_argument("map", metavar="MAP", help="map file to preview")
    p.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        metavar="N",
        help=f"port on 127.0.0.1 to serve on (default: {DEFAULT_PORT}; 0: any free port)",
    )
    p.add_argument(
        "--no-browser", action="store_true", help="print the page's address instead of opening a browser"
    )
    p.add_argument(
        "--evaluate",
        action="store_true",
        help="show each claim's grounded label and DF-QuAD strength (see `argmap evaluate`)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import shutil
    import signal
    import time
    from pathlib import Path

    from argmap.check import SourceCache, source_path
    from argmap.load import load_file
    from argmap.preview.browser import open_in_browser
    from argmap.preview.build import View, build
    from argmap.preview.live import Live, Rebuilder
    from argmap.preview.server import PreviewServer
    from argmap.preview.watch import FileWatcher
    from argmap.render.layout import INSTALL_HINT

    path = Path(args.map)
    if not path.is_file():
        what = "is a directory, not a map file" if path.is_dir() else "no such file — check the path"
        print(f"{shown(args.map)}: error: {what}", file=sys.stderr)
        return EXIT_USAGE
    if not 0 <= args.port <= 65535:
        print(
            f"argmap: --port {args.port} is not a port — give 1 to 65535, or 0 for any free port",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if shutil.which("dot") is None:
        print(f"argmap: Graphviz's `dot` program was not found on PATH — {INSTALL_HINT}", file=sys.stderr)
        return EXIT_USAGE

    live = Live(title=path.name)
    try:
        server = PreviewServer(live, args.port)
    except OSError as exc:
        if args.port and exc.errno in (98, 48, 10048):  # EADDRINUSE on Linux, macOS, Windows
            print(
                f"argmap: port {args.port} is in use — stop what uses it, "
                "or pass --port N (--port 0 picks a free one)",
                file=sys.stderr,
            )
        else:
            print(
                f"argmap: cannot serve on 127.0.0.1:{args.port}: {shown(exc.strerror or exc)}",
                file=sys.stderr,
            )
        return EXIT_USAGE

    article: list[Path] = []  # the article the map named when last loaded

    def load() -> View:
        started = time.perf_counter()
        doc = load_file(path, args.map)
        view = build(doc, SourceCache(), evaluate=args.evaluate)
        found = source_path(doc)
        article[:] = [found] if found is not None else []
        report(view, time.perf_counter() - started)
        return view

    def report(view: View, took: float) -> None:
        errors = [d for d in view.problems if d.severity == "error"]
        if view.ok:
            n = len(view.data["nodes"]) if view.data else 0
            warnings = len(view.problems)
            extra = f", {plural(warnings, 'warning')}" if warnings else ""
            print(
                f"argmap preview: {shown(args.map)}: drawn in {took:.2f} s ({plural(n, 'node')}{extra})",
                file=sys.stderr,
            )
        else:
            for d in errors:
                print(d.format(), file=sys.stderr)
            print(
                f"argmap preview: {shown(args.map)}: {plural(len(errors), 'error')},"
                " shown over the last good diagram",
                file=sys.stderr,
            )

    live.publish(load())
    rebuilder = Rebuilder(live, on_error=lambda exc: print(f"argmap preview: {exc!r}", file=sys.stderr))
    watcher = FileWatcher(lambda: [path, *article], lambda: rebuilder.request(load))
    watcher.start()

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    # Both ways to stop are in place before the address is printed: whoever reads the address
    # (a person, a test, a script) may stop the preview at once.
    previous = signal.signal(signal.SIGTERM, stop)
    try:
        print(f"argmap preview: {shown(args.map)} at {server.url} — Ctrl+C to stop", flush=True)
        if not args.no_browser and not open_in_browser(server.url):
            print("argmap preview: no graphical browser here: open the address above in one", file=sys.stderr)
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        watcher.stop()
        rebuilder.stop()
        server.close()
    print("argmap preview: stopped", file=sys.stderr)
    return EXIT_OK
