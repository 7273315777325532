"""The live preview of a map being edited in `argmap edit`: the browser follows the editor's map.

The editor hands over the map's text as it is in memory after every change,
saved or not, and the claim the cursor is on; the page redraws and centres that
claim.  The server and the builds run on threads of their own, so the editor
never waits for Graphviz.  Nothing here knows of Textual: the editor calls
`show` and `select`, and `close` when it quits.
"""

from __future__ import annotations

from pathlib import Path

from argmap.check import SourceCache
from argmap.load import load_text
from argmap.preview.build import View, build
from argmap.preview.data import argument_node, claim_node, question_node
from argmap.preview.live import Live, Rebuilder
from argmap.preview.server import PreviewServer


class EditorPreview:
    """A preview server for an editor's in-memory map, on 127.0.0.1 (port 0: any free port).

    OSError when the port cannot be had.
    """

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

    def select(self, item: str | None) -> None:
        """Centre the claim (or argument, or further question) with this id in the page.

        `None` is the map's main question.  The page waits for a node it does not
        have yet (one just added, still being drawn).
        """
        node = self.node_for(item)
        if node != self._selected:
            self._selected = node
            self.live.select(node)

    def node_for(self, item: str | None) -> str:
        if item is None:
            return question_node(None)
        data = self.live.data or {}
        nodes = data.get("nodes", {})
        for node in (claim_node(item), argument_node(item), question_node(item)):
            if node in nodes:
                return node
        return claim_node(item)

    def idle(self, timeout: float | None = None) -> bool:
        """Wait until the newest text is drawn (for tests)."""
        return self.rebuilder.idle(timeout)

    def close(self) -> None:
        self.rebuilder.stop()
        self.server.close()
