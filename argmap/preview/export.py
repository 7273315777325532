"""`argmap export MAP --to html`: the viewer page as one file that needs nothing else.

The diagram, the map's data, the viewer's script and its style are all inside
the file; its Content Security Policy forbids every request, so opened from
disk, offline, or attached to an email, it works the same and fetches nothing.
"""

from __future__ import annotations

from argmap.check import SourceCache
from argmap.load import Document
from argmap.model import ArgMap
from argmap.preview.build import build
from argmap.preview.page import page


class ExportError(RuntimeError):
    """The page could not be made (Graphviz missing or failing)."""


def export_document(doc: Document, sources: SourceCache | None = None, evaluate: bool = False) -> str:
    """The page of a checked map with no errors; the article it quotes (if any) is read for its
    paragraphs.  ExportError when Graphviz cannot draw it."""
    view = build(doc, sources, evaluate=evaluate, checked=True)
    if not view.ok:
        raise ExportError("; ".join(d.message for d in view.problems if d.severity == "error"))
    return page(view.svg, view.data, fallback_title=doc.file)


def export(model: ArgMap) -> str:
    """The page of a valid map on its own (the article's paragraphs need `export_document`)."""
    return export_document(Document(file="<map>", path=None, model=model))
