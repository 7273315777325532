"""A loaded map → what the viewer shows: the diagram as SVG and the page data, or the problems.

One function, `build`, used by the live preview (on every save, or every edit
in the editor) and by `argmap export --to html`, so the two show the same.
Graphviz starts laying the map out as soon as it has loaded; the checks and
the page data are worked out while `dot` runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from argmap.check import SourceCache, check, source_path
from argmap.diagnostics import Diagnostic, Severity
from argmap.load import Document
from argmap.preview.data import page_data
from argmap.quotes import Source


@dataclass(frozen=True)
class View:
    """One state of a map as the viewer shows it.

    `svg` and `data` are None when the map has errors; `problems` then says
    which (the page keeps showing the last good diagram under them).
    """

    svg: str | None
    data: dict | None
    problems: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.svg is not None


def build(
    doc: Document, sources: SourceCache | None = None, evaluate: bool = False, checked: bool = False
) -> View:
    """Check a loaded map and, when it has no errors, draw it and gather its page data.

    `checked` says the caller has run the checks on `doc` already.

    A map whose Graphviz layout fails, or with Graphviz missing, gives a View
    with that failure as its one problem: the preview shows it in its banner.
    """
    from argmap.render import GraphvizError, GraphvizMissing, RenderOptions, start_render

    sources = sources or SourceCache()
    rendering = None
    failure: str | None = None
    if doc.model is not None and doc.ok:
        try:
            rendering = start_render(doc, "svg", RenderOptions(evaluate=evaluate), sources)
        except GraphvizMissing as exc:
            failure = str(exc)
    if not checked:
        check(doc, sources)
    if doc.model is None or not doc.ok:
        if rendering is not None:
            rendering.cancel()
        return View(None, None, list(doc.diagnostics))
    evaluation = None
    if evaluate:
        from argmap.evaluate import evaluate as run_evaluation

        evaluation = run_evaluation(doc.model)
    data = page_data(doc.model, _source(doc, sources), evaluation)
    if rendering is not None:
        try:
            svg = inline_svg(rendering.result().decode("utf-8"))
        except GraphvizError as exc:
            failure = str(exc)
    if failure is not None:
        problem = Diagnostic(doc.file, None, Severity.ERROR, "graphviz", failure)
        return View(None, None, [*doc.diagnostics, problem])
    return View(svg, data, list(doc.diagnostics))


def _source(doc: Document, sources: SourceCache) -> Source | None:
    path = source_path(doc)
    if path is None:
        return None
    source = sources.get(path)
    return None if isinstance(source, Exception) else source


_PROLOGUE = re.compile(r"^.*?(?=<svg\b)", re.DOTALL)


def inline_svg(svg: str) -> str:
    """Graphviz's SVG document as an element to put inside an HTML page.

    The XML declaration, the DOCTYPE and Graphviz's comment before `<svg` go;
    the element itself is kept exactly as Graphviz wrote it, so the text in it
    is escaped exactly as in the SVG file `argmap render` writes.
    """
    return _PROLOGUE.sub("", svg, count=1).strip() + "\n"
