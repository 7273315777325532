"""Map → DOT (`render.dot`) → laid out by Graphviz `dot` (`render.layout`)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from argmap.render.dot import RenderOptions, to_dot
from argmap.render.layout import FORMATS, GraphvizError, GraphvizMissing, layout

if TYPE_CHECKING:
    from argmap.check import SourceCache
    from argmap.load import Document

__all__ = [
    "FORMATS",
    "GraphvizError",
    "GraphvizMissing",
    "RenderOptions",
    "output_format",
    "render",
    "to_dot",
]


def output_format(fmt: str | None, output: str | None) -> str:
    """The format asked for, else the output file's suffix, else svg."""
    if fmt:
        return fmt
    if output and output != "-":
        suffix = output.rsplit(".", 1)[-1].lower() if "." in output else ""
        if suffix in FORMATS:
            return suffix
    return "svg"


def render(doc: Document, fmt: str, options: RenderOptions, sources: SourceCache | None = None) -> bytes:
    """A valid map drawn in `fmt` (svg, png, pdf, or dot for the DOT source itself)."""
    from argmap.check import SourceCache, source_path

    assert doc.model is not None, "render needs a map that loaded"
    locate = None
    path = source_path(doc)
    if path is not None:
        source = (sources or SourceCache()).get(path)
        if not isinstance(source, Exception):

            def locate(quote: str) -> str | None:
                passage = source.find(quote)
                return passage.text if passage else None

    dot_source = to_dot(doc.model, replace(options, xml_links=fmt == "svg"), locate)
    if fmt == "dot":
        return dot_source.encode("utf-8")
    return layout(dot_source, fmt)
