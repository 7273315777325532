"""The viewer page: one HTML document holding the diagram, the map's data, the style and the script.

The live preview serves it and the HTML export writes it to a file; they differ
only in `live` (the preview's page listens to its server for updates) and in
the Content Security Policy that says so.  Nothing in the page is fetched: the
style and the script are inline, and the policy allows exactly those two (by
their SHA-256) and, in the preview, a connection back to the page's own server.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from functools import cache
from importlib import resources

from argmap.diagnostics import Diagnostic


@cache
def asset(name: str) -> str:
    """The text of one of the viewer's files (`viewer.js`, `viewer.css`)."""
    return resources.files("argmap.preview").joinpath("assets", name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def content_security_policy(live: bool) -> str:
    """What the page may do: run its own script and style, and in the preview talk to its server."""
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src '{_sha256(asset('viewer.js'))}'",
            f"style-src '{_sha256(asset('viewer.css'))}'",
            "img-src data:",
            "connect-src 'self'" if live else "connect-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


def problem_json(d: Diagnostic) -> dict[str, object]:
    return {"text": d.format(), "severity": str(d.severity), "line": d.pos.line if d.pos else None}


def script_json(value: object) -> str:
    """JSON that can stand inside a <script> element: nothing in it can close the element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def page(
    svg: str | None,
    data: dict | None,
    problems: list[Diagnostic] = (),  # type: ignore[assignment]
    *,
    live: bool = False,
    version: int = 0,
    fallback_title: str | None = None,
) -> str:
    """The whole HTML document.

    `svg` is the diagram as an element (`build.inline_svg`), put into the page
    as Graphviz wrote it; `data` is `data.page_data(...)`.  With no diagram
    yet (a map broken from the start) the page says so under its problems,
    and is titled `fallback_title` (the file's name).
    """
    state = {
        "live": live,
        "version": version,
        "data": data,
        "problems": [problem_json(d) for d in problems],
    }
    heading = (data or {}).get("title") or fallback_title or "argmap"
    return "".join(
        [
            "<!DOCTYPE html>\n",
            '<html lang="en">\n<head>\n<meta charset="utf-8">\n',
            f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(live)}">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            '<meta name="referrer" content="no-referrer">\n',
            '<meta name="generator" content="argmap">\n',
            f"<title>{html.escape(heading)}</title>\n",
            '<link rel="icon" href="data:,">\n',
            f"<style>{asset('viewer.css')}</style>\n",
            "</head>\n<body>\n",
            '<header id="am-bar">\n',
            f'<h1 id="am-title" title="{html.escape(heading)}">{html.escape(heading)}</h1>\n',
            '<div id="am-tools">\n',
            '<input id="am-search" type="search" placeholder="Search claims  ( / )" '
            'aria-label="Search the claims by id, text or quote" autocomplete="off" spellcheck="false">\n',
            '<span id="am-count" aria-live="polite"></span>\n',
            '<button id="am-zoom-out" type="button" title="Zoom out ( - )" aria-label="Zoom out">'
            "−</button>\n",
            '<button id="am-zoom-in" type="button" title="Zoom in ( + )" aria-label="Zoom in">+</button>\n',
            '<button id="am-fit" type="button" title="Fit to the window ( 0 )">Fit</button>\n',
            "</div>\n",
            '<span id="am-status"></span>\n',
            "</header>\n",
            '<div id="am-banner" role="alert" hidden></div>\n',
            '<div id="am-main">\n',
            '<div id="am-view" tabindex="0" aria-label="The argument map: drag to pan, '
            'wheel or + and - to zoom, 0 to fit, click a claim for its details">\n',
            '<div id="am-diagram">\n',
            svg or "",
            "</div>\n</div>\n",
            '<aside id="am-panel" hidden aria-label="The selected claim">\n',
            '<button id="am-panel-close" type="button" title="Close ( Esc )" aria-label="Close">×</button>\n',
            '<div id="am-panel-body"></div>\n',
            "</aside>\n</div>\n",
            f'<script type="application/json" id="am-state">{script_json(state)}</script>\n',
            f"<script>{asset('viewer.js')}</script>\n",
            "</body>\n</html>\n",
        ]
    )
