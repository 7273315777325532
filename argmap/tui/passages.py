"""Where quotes stand in the article, and the words and sentences a selection snaps to.

Nothing here is a widget: `Passages` remembers where each quote of the map was
found (most quotes are the same from one edit to the next), and the functions
below answer questions about the article's text that the article panel's
keys ask — the sentence under the cursor, the next word — on plain offsets,
so they are tested without a screen.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

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


def as_quote(text: str) -> str:
    """A selected passage as a quote: its words, with every run of white space (a paragraph
    break too) written as one space — the quote check treats all white space alike, and the
    Quotes field holds one quote a line."""
    return " ".join(text.split())


# --- words and sentences --------------------------------------------------------------------

#: A sentence ends with . ! or ? (and any closing quotes or brackets) before white space.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)")
#: Words that end with a full stop without ending a sentence.
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sen",
        "rep",
        "gen",
        "gov",
        "col",
        "lt",
        "sgt",
        "st",
        "jr",
        "sr",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "cf",
        "no",
        "nos",
        "vol",
        "pp",
        "fig",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "univ",
        "approx",
    ]
)
_WORD = re.compile(r"\w[\w'’\-]*\w|\w")


class Text:
    """An article's text with conversions between (row, column) locations and offsets."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def _starts(self) -> list[int]:
        return [0, *(m.end() for m in re.finditer("\n", self.text))]

    def offset(self, location: Location) -> int:
        row, col = location
        starts = self._starts
        row = max(0, min(row, len(starts) - 1))
        return min(starts[row] + col, len(self.text))

    def location(self, offset: int) -> Location:
        row = bisect.bisect_right(self._starts, offset) - 1
        return row, offset - self._starts[row]

    # -- words ---------------------------------------------------------------------------

    def snap(self, start: int, end: int) -> tuple[int, int]:
        """`start`–`end` widened to whole words and trimmed of the white space at its ends."""
        text = self.text
        start, end = min(start, end), max(start, end)
        while start > 0 and _in_word(text, start - 1) and _in_word(text, start):
            start -= 1
        while end < len(text) and end > 0 and _in_word(text, end - 1) and _in_word(text, end):
            end += 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end

    def next_word_end(self, offset: int) -> int:
        """The end of the word after `offset` (with the punctuation stuck to it)."""
        m = re.compile(r"\s*\S+").match(self.text, offset)
        return m.end() if m else len(self.text)

    def previous_word_end(self, offset: int, floor: int) -> int:
        """Where a selection ending at `offset` ends with one word fewer (not before `floor`)."""
        text = self.text
        i = offset
        while i > floor and not text[i - 1].isspace():
            i -= 1
        while i > floor and text[i - 1].isspace():
            i -= 1
        return i

    # -- sentences -----------------------------------------------------------------------

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Every sentence as (start, end) offsets, in order; a paragraph break ends one too."""
        out: list[tuple[int, int]] = []
        for para in re.finditer(r"[^\n]+", self.text):
            p0, p1 = para.start(), para.end()
            start = p0
            for m in _SENTENCE_END.finditer(self.text, p0, p1):
                if self._abbreviation(m.start(), m.end(), p1):
                    continue
                out.append((start, m.end()))
                start = m.end()
            if self.text[start:p1].strip():
                out.append((start, p1))
        return [self.snap(a, b) for a, b in out if self.text[a:b].strip()]

    def _abbreviation(self, dot: int, end: int, para_end: int) -> bool:
        """Whether the full stop at `dot` belongs to an abbreviation or an initialism, or is
        followed by a word in lower case or a number (so the sentence goes on)."""
        text = self.text
        if text[dot:end].rstrip("\"'”’)]") != ".":
            return False
        word = re.search(r"[\w.]*$", text[max(0, dot - 12) : dot])
        before = word.group(0).lower() if word else ""
        if before in ABBREVIATIONS or (
            re.fullmatch(r"(\w\.)*\w", before) and len(before) <= 5 and "." in before
        ):
            return True
        if len(before) == 1 and before.isalpha() and before.upper() == text[dot - 1]:
            return True  # an initial: "Kim J. Un"
        following = re.match(r"\s*(\S)", text[end:para_end])
        return bool(following and (following.group(1).islower() or following.group(1).isdigit()))

    def sentence_at(self, offset: int) -> tuple[int, int] | None:
        """The sentence holding `offset` (or the next one, from white space between)."""
        sentences = self.sentences
        i = bisect.bisect_right(sentences, (offset, len(self.text) + 1)) - 1
        if i >= 0 and sentences[i][0] <= offset < sentences[i][1]:
            return sentences[i]
        return sentences[i + 1] if i + 1 < len(sentences) else (sentences[-1] if sentences else None)

    def next_sentence_end(self, offset: int) -> int:
        """The end of the first sentence that ends after `offset`."""
        for _, end in self.sentences:
            if end > offset:
                return end
        return offset

    def previous_sentence_start(self, offset: int) -> int:
        """The start of the last sentence that starts before `offset`."""
        best = offset
        for start, _ in self.sentences:
            if start >= offset:
                break
            best = start
        return best


def _in_word(text: str, i: int) -> bool:
    """Whether text[i] is part of a word: a letter or digit, or an apostrophe or hyphen inside one."""
    ch = text[i]
    if ch.isalnum():
        return True
    return ch in "'’-_" and 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()
