"""The live preview of a map being edited in `argmap edit`: the browser follows the editor's map.

The editor hands over the map's text as it is in memory after every change,
saved or not, and the claim the cursor is on; the page redraws and centres that
claim.  The server and the builds run on threads of their own, so the editor
never waits for Graphviz.  Nothing here knows of Textual: the editor calls
`show` and `select`, and `close` when it quits.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.check import SourceCache
from argmap.load import load_text
from argmap.preview.build import View, build
from argmap.preview.live import Live, Rebuilder
from argmap.preview.server import PreviewServer
from argmap.render.dot import argument_svg_id, claim_svg_id, question_svg_id

if TYPE_CHECKING:
    from argmap.model import ArgMap


class PreviewUnavailable(RuntimeError):
    """The preview cannot start (Graphviz missing, no port); the message says why."""


class EditorPreview:
    """A preview server for an editor's in-memory map, on 127.0.0.1 (port 0: any free port).

    OSError when the port cannot be had.
    """

    @classmethod
    def start(cls, file: str, path: Path | None, port: int = 0) -> EditorPreview:
        """A running preview; PreviewUnavailable, worded for the user, when it cannot run."""
        from argmap.render.layout import INSTALL_HINT

        if shutil.which("dot") is None:
            raise PreviewUnavailable(f"Graphviz's `dot` program was not found — {INSTALL_HINT}")
        try:
            return cls(file, path, port)
        except OSError as exc:
            raise PreviewUnavailable(f"cannot serve on 127.0.0.1: {exc.strerror or exc}") from exc

    def __init__(self, file: str, path: Path | None, port: int = 0, evaluate: bool = False) -> None:
        self.file = file
        self.path = path
        self.evaluate = evaluate
        self.live = Live(title=Path(file).name)
        self.server = PreviewServer(self.live, port)
        self.rebuilder = Rebuilder(self.live)
        self.server.start()
        self._text: str | None = None
        self._selected: str | None = None

    @property
    def url(self) -> str:
        return self.server.url

    def show(self, text: str) -> None:
        """The map as it is now in the editor; it is drawn on a thread, the newest text first."""
        if text == self._text:
            return
        self._text = text

        def job() -> View:
            doc = load_text(text, file=self.file, path=self.path)
            return build(doc, SourceCache(), evaluate=self.evaluate)

        self.rebuilder.request(job)

    def follow(self, text: str, item: str | None, model: ArgMap | None, path: Path | None = None) -> None:
        """What the editor shows now: its map's text and the item at its cursor (None: the question);
        `path` when the map was saved elsewhere since (its article is found from there)."""
        if path is not None and path != self.path:
            self.path, self.file, self._text = path, path.name, None
        self.show(text)
        self.select(item, model)

    def select(self, item: str | None, model: ArgMap | None = None) -> None:
        """Centre the claim (or argument, or further question) with this id in the page.

        `None` is the map's main question.  The page waits for a node it does not
        have yet (one just added, still being drawn).
        """
        node = self.node_for(item, model)
        if node != self._selected:
            self._selected = node
            self.live.select(node)

    def node_for(self, item: str | None, model: ArgMap | None = None) -> str:
        """The page's node for an id of the map: what the model says it is, else what was drawn."""
        if item is None:
            return question_svg_id(None)
        if model is not None:
            if item in model.arguments:
                return argument_svg_id(item)
            if item in model.claims:
                return claim_svg_id(item)
            return question_svg_id(item if item in model.questions else None)
        data = self.live.data or {}
        nodes = data.get("nodes", {})
        for node in (claim_svg_id(item), argument_svg_id(item), question_svg_id(item)):
            if node in nodes:
                return node
        return claim_svg_id(item)

    def idle(self, timeout: float | None = None) -> bool:
        """Wait until the newest text is drawn (for tests)."""
        return self.rebuilder.idle(timeout)

    def close(self) -> None:
        self.rebuilder.stop()
        self.server.close()
