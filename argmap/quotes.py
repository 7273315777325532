"""Matching quotes against the article they come from.

A quote matches when it is a substring of the source after both are
normalised: runs of whitespace (including no-break and thin spaces and line
breaks) become one space, curly quotes and apostrophes become straight ones,
every kind of dash becomes '-', and an ellipsis becomes three dots.  So a quote
typed on an ordinary keyboard matches an article set with typographic marks.
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

_CHAR_MAP = {
    **dict.fromkeys("‘’‚‛′`´", "'"),
    **dict.fromkeys("“”„‟″«»", '"'),
    **dict.fromkeys("‐‑‒–—―−﹘﹣－", "-"),
    "…": "...",
    "\u00ad": "",  # soft hyphen
    "\u200b": "",  # zero-width space
    "\u2060": "",  # word joiner
    "\ufeff": "",
}
_TABLE = str.maketrans(_CHAR_MAP)
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """The form in which quotes and source are compared."""
    return _SPACE.sub(" ", text.translate(_TABLE)).strip()


@dataclass(frozen=True)
class Passage:
    """A stretch of the source, as written there, and the line it starts on."""

    text: str
    line: int
    col: int


_KEY = 8
#: the start of a word, or of a run of non-space (a quote may open with punctuation)
_WORD_START = re.compile(r"(?<!\w)\w|(?<!\S)\S")


class Source:
    """An article's text, prepared for quote look-ups."""

    def __init__(self, text: str, path: Path | None = None):
        self.text = text
        self.path = path

    @cached_property
    def normalised(self) -> str:
        return normalise(self.text)

    @cached_property
    def _word_starts(self) -> dict[str, list[int]]:
        """Where each word of the normalised text starts, keyed by its first few characters.

        Quotes nearly always begin at a word, so a quote is checked with a dict
        look-up and a `startswith` or two instead of a scan of the whole article
        (which, for thousands of quotes of a long article, was most of `check`).
        """
        s = self.normalised
        index: dict[str, list[int]] = {}
        for m in _WORD_START.finditer(s):
            index.setdefault(s[m.start() : m.start() + _KEY], []).append(m.start())
        return index

    def _locate(self, q: str) -> int:
        """Where the normalised quote `q` starts in the normalised text, or -1."""
        s = self.normalised
        if len(q) >= _KEY:
            for at in self._word_starts.get(q[:_KEY], ()):
                if s.startswith(q, at):
                    return at
        return s.find(q)  # a quote that starts inside a word, or is not there at all

    def contains(self, quote: str) -> bool:
        q = normalise(quote)
        return bool(q) and self._locate(q) >= 0

    def find(self, quote: str) -> Passage | None:
        """Where a matching quote stands in the original text."""
        q = normalise(quote)
        at = self._locate(q) if q else -1
        return None if at < 0 else self._passage(at, at + len(q))

    def closest(self, quote: str) -> Passage | None:
        """The passage of the source most like a quote that does not match."""
        q = normalise(quote)
        s = self.normalised
        if not q or not s:
            return None
        matcher = difflib.SequenceMatcher(None, s, q, autojunk=False)
        best: tuple[float, int, int] | None = None
        blocks = sorted(matcher.get_matching_blocks(), key=lambda b: -b.size)[:8]
        for block in blocks:
            if block.size == 0:
                continue
            start = max(0, block.a - block.b)
            end = min(len(s), start + len(q))
            start, end = _widen_to_words(s, start, end)
            ratio = difflib.SequenceMatcher(None, s[start:end], q, autojunk=False).ratio()
            if best is None or ratio > best[0]:
                best = (ratio, start, end)
        if best is None or best[0] < 0.3:
            return None
        return self._passage(best[1], best[2])

    # -- mapping normalised offsets back to the original text ---------------------

    @cached_property
    def _origins(self) -> list[int]:
        """For each character of `normalised`, its index in the original text."""
        origins: list[int] = []
        pending_space: int | None = None
        for i, ch in enumerate(self.text):
            if ch.isspace():
                if origins and pending_space is None:
                    pending_space = i
                continue
            mapped = ch.translate(_TABLE)
            if not mapped:
                continue
            if pending_space is not None:
                origins.append(pending_space)
                pending_space = None
            origins.extend([i] * len(mapped))
        return origins

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0, *(m.end() for m in re.finditer("\n", self.text))]

    def _passage(self, start: int, end: int) -> Passage:
        origins = self._origins
        a = origins[start]
        b = origins[end - 1] + 1 if end > start else a
        line = bisect.bisect_right(self._line_starts, a)
        col = a - self._line_starts[line - 1] + 1
        return Passage(self.text[a:b], line, col)


def _widen_to_words(s: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and s[start - 1] != " ":
        start -= 1
    while end < len(s) and s[end] != " ":
        end += 1
    return start, end


def read_source(path: Path) -> Source:
    """Read an article as UTF-8 (raises OSError or UnicodeDecodeError).

    Only a regular file of at most 16 MB is read, never blocking (`store.read_file`).
    """
    from argmap.store import read_bytes

    return Source(read_bytes(path).decode("utf-8").removeprefix("\ufeff"), path)


def shorten(text: str, limit: int = 160) -> str:
    text = _SPACE.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
