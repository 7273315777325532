"""Map → DOT (`render.dot`) → laid out by Graphviz `dot` (`render.layout`)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from argmap.render.dot import RenderOptions, to_dot
from argmap.render.layout import FORMATS, GraphvizError, GraphvizMissing, Layout

if TYPE_CHECKING:
    from argmap.check import SourceCache
    from argmap.load import Document

__all__ = [
    "FORMATS",
    "GraphvizError",
    "GraphvizMissing",
    "Layout",
    "RenderOptions",
    "UnknownFormat",
    "output_format",
    "render",
    "start_render",
    "to_dot",
]


class UnknownFormat(ValueError):
    """An output file whose suffix names no format we write (and no --format was given)."""


def output_format(fmt: str | None, output: str | None) -> str:
    """The format asked for, else the output file's suffix, else svg.

    A suffix we do not write (`map.gif`) is refused rather than filled with
    SVG the name would misdescribe; a name with no suffix gets SVG.
    """
    if fmt:
        return fmt
    if output and output != "-":
        name = output.replace("\\", "/").rsplit("/", 1)[-1]
        suffix = name.rsplit(".", 1)[-1].lower() if "." in name.lstrip(".") else ""
        if suffix in FORMATS:
            return suffix
        if suffix:
            raise UnknownFormat(
                f"cannot tell the format from '.{suffix}': argmap writes {', '.join(FORMATS)}"
                f" — name the file with one of those suffixes, or add --format"
            )
    return "svg"


def render(doc: Document, fmt: str, options: RenderOptions, sources: SourceCache | None = None) -> bytes:
    """A valid map drawn in `fmt` (svg, png, pdf, or dot for the DOT source itself)."""
    return start_render(doc, fmt, options, sources).result()


class _Ready:
    """A rendering that needs no layout (`--format dot`)."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def result(self) -> bytes:
        return self.data

    def cancel(self) -> None:
        pass


def start_render(
    doc: Document, fmt: str, options: RenderOptions, sources: SourceCache | None = None
) -> Layout | _Ready:
    """Build the DOT of a loaded map and start laying it out; `.result()` gives the bytes.

    The map need only have loaded: the caller may run the remaining checks while
    Graphviz works, and `.cancel()` the layout if they fail.
    """
    from argmap.check import SourceProblem, open_source

    assert doc.model is not None, "render needs a map that loaded"
    locate = None
    source = open_source(doc, sources)
    if source is not None and not isinstance(source, SourceProblem):
        article = source

        def locate(quote: str) -> str | None:
            passage = article.find(quote)
            return passage.text if passage else None

    dot_source = to_dot(doc.model, replace(options, xml_links=fmt == "svg"), locate)
    if fmt == "dot":
        return _Ready(dot_source.encode("utf-8"))
    return Layout(dot_source, fmt)
