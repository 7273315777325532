"""The article panel: the source text, read-only, with every quoted passage highlighted.

The selected claim's quotes are drawn brighter and scrolled into view.  A passage is
selected with the mouse, shift+arrows, or the panel's own keys: `s` the sentence under
the cursor, `)` / `(` a sentence more, `w` / `b` a word more or less.  The actions that
add a claim take the selection, widened to whole words, as the new claim's quote.

The cursor is drawn in a colour of its own and, when the panel gets the focus, starts
at the selected claim's quote if it is in view (else at the top of what is in view), so
the first shift+→ selects from there, not from the top of the article.
"""

from __future__ import annotations

from collections import defaultdict
from typing import ClassVar

from rich.text import Text as RichText
from textual.binding import BindingType
from textual.geometry import Region
from textual.widgets import TextArea
from textual.widgets.text_area import Selection

from argmap.tui.keys import ARTICLE_KEYS
from argmap.tui.passages import Span, Text, as_quote


class ArticleView(TextArea):
    """A read-only `TextArea` that paints quote highlights over the lines it draws."""

    DEFAULT_CSS = """
    ArticleView {
        & > .article--quote { background: $warning-muted; }
        & > .article--quote-selected { background: $warning; color: $background; text-style: bold; }
        &.-read-only > .text-area--cursor {
            background: $accent; color: $text-accent; text-style: bold reverse;
        }
        & > .text-area--selection { background: $accent 60%; }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [key.binding() for key in ARTICLE_KEYS]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"article--quote", "article--quote-selected"}

    def __init__(self, *, id: str | None = None) -> None:
        # No highlight of the cursor's line: it is a whole paragraph, and it hid the quotes in it.
        super().__init__(
            "", read_only=True, soft_wrap=True, show_line_numbers=False, highlight_cursor_line=False, id=id
        )
        self.spans: dict[str, list[Span]] = {}
        self.current: str | None = None
        #: row -> (start column, end column or None for the line's end, claim id)
        self._by_row: dict[int, list[tuple[int, int | None, str]]] = {}
        self._text = Text("")
        #: the claim whose quote the cursor was last put at (on focus), so it is done once per claim
        self._placed_for: str | None = None

    def show_article(self, text: str, placeholder: str = "") -> None:
        """Load the article (or, when there is none, an explanation in its place)."""
        self.placeholder = placeholder
        if text != self.text:
            self.load_text(text)
            self._text = Text(text)

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

    def get_line(self, line_index: int) -> RichText:
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

    # -- the cursor starts where the reader is looking -----------------------------------------

    def on_focus(self) -> None:
        """The cursor goes to the selected claim's quote when it is in view (unless it was put
        somewhere for this claim already), else to the top of the view if it is out of sight."""
        if self.selection.start != self.selection.end:
            return
        if self._placed_for != self.current:
            for span in self.spans.get(self.current or "", []):
                if self._in_view(span.start):
                    self.move_cursor(span.start)
                    self._placed_for = self.current
                    return
        if not self._in_view(self.cursor_location):
            self.move_cursor(self.wrapped_document.offset_to_location(self.scroll_offset))
        self._placed_for = self.current

    def _in_view(self, location: tuple[int, int]) -> bool:
        y = self.wrapped_document.location_to_offset(location).y
        top = round(self.scroll_y)
        return top <= y < top + self.scrollable_content_region.height

    # -- selecting by words and sentences ------------------------------------------------------

    def _range(self) -> tuple[int, int]:
        sel = self.selection
        a, b = self._text.offset(sel.start), self._text.offset(sel.end)
        return min(a, b), max(a, b)

    def _select(self, start: int, end: int) -> None:
        text = self._text
        self.selection = Selection(text.location(start), text.location(end))

    def action_select_sentence(self) -> None:
        """`s`: the sentence under the cursor (pressed again on a selection: one sentence more)."""
        start, end = self._range()
        if start != end:
            self.action_extend_sentence(1)
            return
        sentence = self._text.sentence_at(end)
        if sentence is not None:
            self._select(*sentence)

    def action_extend_sentence(self, direction: int) -> None:
        start, end = self._range()
        if start == end:
            self.action_select_sentence()
            return
        if direction > 0:
            end = self._text.next_sentence_end(end)
        else:
            start = self._text.previous_sentence_start(start)
        self._select(*self._text.snap(start, end))

    def action_extend_word(self, direction: int) -> None:
        start, end = self._range()
        if direction > 0:
            start, end = self._text.snap(start, start) if start == end else (start, end)
            end = self._text.next_word_end(end)
        else:
            end = self._text.previous_word_end(end, start)
        self._select(*self._text.snap(start, end) if end > start else (start, start))

    # -- taking the selection as a quote -------------------------------------------------------

    @property
    def passage(self) -> str:
        """The selection widened to whole words, as a quote ('' when nothing is selected)."""
        start, end = self._range()
        if start == end:
            return ""
        start, end = self._text.snap(start, end)
        return as_quote(self._text.text[start:end])

    def take_passage(self) -> str:
        """The quote of `passage`, with the selection shown widened to it."""
        start, end = self._range()
        if start == end:
            return ""
        self._select(*self._text.snap(start, end))
        return self.passage
