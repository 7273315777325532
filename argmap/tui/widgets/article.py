"""The article panel: the source text, read-only, with every quoted passage highlighted.

The selected claim's quotes are drawn brighter and scrolled into view.  The
text can be selected with the mouse or shift+arrows; the actions that add a
claim take the selection, verbatim, as the new claim's quote.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.geometry import Region
from textual.widgets import TextArea

from argmap.model import ArgMap
from argmap.quotes import Source

Location = tuple[int, int]


@dataclass(frozen=True)
class Span:
    """Where one quote stands in the article (rows and columns from 0, end exclusive)."""

    start: Location
    end: Location


class Passages:
    """Where quotes stand in one article, remembered: most quotes are the same from one edit to the next."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self._found: dict[str, Span | None] = {}

    def unknown(self, model: ArgMap) -> int:
        """How many of the map's quotes have not been looked up yet."""
        return sum(quote not in self._found for claim in model.claims.values() for quote in claim.quote)

    def span(self, quote: str) -> Span | None:
        if quote not in self._found:
            self._found[quote] = self._locate(quote)
        return self._found[quote]

    def _locate(self, quote: str) -> Span | None:
        passage = self.source.find(quote)
        if passage is None:
            return None
        lines = passage.text.split("\n")
        row, col = passage.line - 1, passage.col - 1
        end = (row, col + len(lines[0])) if len(lines) == 1 else (row + len(lines) - 1, len(lines[-1]))
        return Span((row, col), end)


def quote_spans(passages: Passages, model: ArgMap) -> dict[str, list[Span]]:
    """For each claim, where its quotes stand in the article (quotes not found there are left out)."""
    spans: dict[str, list[Span]] = {}
    for cid, claim in model.claims.items():
        for quote in claim.quote:
            span = passages.span(quote)
            if span is not None:
                spans.setdefault(cid, []).append(span)
    return spans


class ArticleView(TextArea):
    """A read-only `TextArea` that paints quote highlights over the lines it draws."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"article--quote", "article--quote-selected"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", read_only=True, soft_wrap=True, show_line_numbers=False, id=id)
        self.spans: dict[str, list[Span]] = {}
        self.current: str | None = None
        #: row -> (start column, end column or None for the line's end, claim id)
        self._by_row: dict[int, list[tuple[int, int | None, str]]] = {}

    def show_article(self, text: str, placeholder: str = "") -> None:
        """Load the article (or, when there is none, an explanation in its place)."""
        self.placeholder = placeholder
        if text != self.text:
            self.load_text(text)

    def set_spans(self, spans: dict[str, list[Span]]) -> None:
        self.spans = spans
        by_row: dict[int, list[tuple[int, int | None, str]]] = defaultdict(list)
        for cid, claim_spans in spans.items():
            for span in claim_spans:
                (r0, c0), (r1, c1) = span.start, span.end
                for row in range(r0, r1 + 1):
                    by_row[row].append((c0 if row == r0 else 0, c1 if row == r1 else None, cid))
        self._by_row = dict(by_row)
        self.notify_style_update()

    def select_claim(self, cid: str | None) -> None:
        """Make `cid`'s quotes the bright ones and bring the first into view."""
        if cid != self.current:
            self.current = cid
            self.notify_style_update()
        first = self.spans.get(cid or "", [])
        if first:
            self.scroll_to_passage(first[0])

    def scroll_to_passage(self, span: Span) -> None:
        top = self.wrapped_document.location_to_offset(span.start)
        bottom = self.wrapped_document.location_to_offset(span.end)
        height = max(1, bottom.y - top.y + 1)
        self.scroll_to_region(Region(0, top.y, 1, height), animate=False, force=True, center=True)

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        marks = self._by_row.get(line_index)
        if marks:
            quote = self.get_component_rich_style("article--quote", partial=True)
            bright = self.get_component_rich_style("article--quote-selected", partial=True)
            for start, end, cid in marks:
                if cid != self.current:
                    line.stylize(quote, start, end)
            for start, end, cid in marks:
                if cid == self.current:
                    line.stylize(bright, start, end)
        return line

    @property
    def passage(self) -> str:
        """The selected text, trimmed of the blank space around it ('' when nothing is selected)."""
        return self.selected_text.strip()
