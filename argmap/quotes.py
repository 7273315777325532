"""Matching quotes against the article they come from.

A quote matches when it is a substring of the source after both are
normalised: runs of whitespace (including no-break and thin spaces and line
breaks) become one space, curly quotes and apostrophes become straight ones,
every kind of dash becomes '-', and an ellipsis becomes three dots.  So a quote
typed on an ordinary keyboard matches an article set with typographic marks.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import defaultdict
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
_GONE = "".join(ch for ch, to in _CHAR_MAP.items() if not to)
#: what normalising changes the length of: runs of two or more white space characters
#: (with the invisible characters inside them), invisible characters, white space at the
#: start, and characters that become several (one white space character becomes one space)
_CHANGES = re.compile(
    f"([\\s{_GONE}]{{2,}}|[{_GONE}]|^\\s)|[{''.join(ch for ch, to in _CHAR_MAP.items() if len(to) > 1)}]"
)


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

    def span(self, quote: str) -> tuple[int, int] | None:
        """Where a matching quote stands in the original text, as [start, end) offsets."""
        q = normalise(quote)
        at = self._locate(q) if q else -1
        if at < 0:
            return None
        return self._original(at), self._original(at + len(q) - 1) + 1

    def closest(self, quote: str) -> Passage | None:
        """The passage of the source most like a quote that does not match (None: nothing is).

        Its cost grows about linearly with the article and the quote (see `_Words`),
        and the answer is remembered: the editor asks again after every edit.
        """
        q = normalise(quote)
        if q in self._closest:
            return self._closest[q]
        found = self._closest_span(q)
        passage = None if found is None else self._passage(*found)
        if len(self._closest) > 10_000:
            self._closest.clear()
        self._closest[q] = passage
        return passage

    @cached_property
    def _closest(self) -> dict[str, Passage | None]:
        return {}

    @cached_property
    def _words(self) -> _Words:
        return _Words(self.normalised)

    def _closest_span(self, q: str) -> tuple[int, int] | None:
        s = self.normalised
        if not q or not s:
            return None
        words = self._words
        qkeys = word_keys(q)
        best: tuple[float, int, int] | None = None
        for first, last in words.candidates(qkeys):
            start, end = words.span(first, last)
            score = _similarity(q, s[start:end], qkeys, words.keys[first : last + 1])
            if best is None or score > best[0]:
                best = (score, first, last)
        if best is not None:
            start, end = words.span(best[1], best[2])
            if len(q) <= _ALIGN_CHARS:  # exact ends: align the quote within the passage and a margin
                lo = words.span(max(0, best[1] - _MARGIN), best[1])[0]
                hi = words.span(best[2], min(len(words.tokens) - 1, best[2] + _MARGIN))[1]
                start, end = _align(q, s, lo, hi)
            score = best[0]
        elif len(q) <= _ALIGN_CHARS and len(s) <= _SCAN_CHARS:  # no word in common: typos throughout
            start, end = _align(q, s, 0, len(s))
            score = _ratio(q, s[start:end]) - (_CUTOFF_NO_WORDS - _CUTOFF)  # no word in common: ask more
        else:
            return None
        start, end = _widen_to_words(s, start, end)
        if score < _CUTOFF or end <= start:
            return None
        return start, end

    # -- mapping normalised offsets back to the original text ---------------------

    @cached_property
    def _origins(self) -> tuple[list[int], list[int]]:
        """Where the original text's offsets part from the normalised text's: (normalised, original).

        Between two such points the texts run in step, so a normalised offset n
        maps to `original[k] + n - normalised[k]` for the last point k at or before
        n.  Only runs of white space and characters whose normal form is longer or
        shorter make points: a few per line, not one per character.
        """
        text = self.text
        norm, orig = [0], [0]
        n = 0  # length of the normalised text so far
        done = 0  # original text consumed so far
        for m in _CHANGES.finditer(text):
            a, b = m.span()
            n += a - done  # characters that map one to one
            if m.group(1) is not None:  # white space and invisible characters
                space = a if text[a].isspace() else next((i for i in range(a, b) if text[i].isspace()), None)
                if space is not None and n > 0:
                    norm.append(n)
                    orig.append(space)
                    n += 1
            else:  # a character that becomes several
                for _ in range(len(m.group().translate(_TABLE))):
                    norm.append(n)
                    orig.append(a)
                    n += 1
            norm.append(n)
            orig.append(b)
            done = b
        return norm, orig

    def _original(self, n: int) -> int:
        """The original text's offset of normalised offset `n`."""
        norm, orig = self._origins
        k = bisect.bisect_right(norm, n) - 1
        return orig[k] + n - norm[k]

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0, *(m.end() for m in re.finditer("\n", self.text))]

    def _passage(self, start: int, end: int) -> Passage:
        a = self._original(start)
        b = self._original(end - 1) + 1 if end > start else a
        line = bisect.bisect_right(self._line_starts, a)
        col = a - self._line_starts[line - 1] + 1
        return Passage(self.text[a:b], line, col)


#: A passage must be at least this similar to the quote to be offered as the closest.
_CUTOFF = 0.3
#: ... and this similar when it has no word in common with the quote (typos throughout).
_CUTOFF_NO_WORDS = 0.6
#: Quotes up to this long get exact passage ends (a character alignment around the candidate).
_ALIGN_CHARS = 600
#: Words of margin around a candidate passage for that alignment.
_MARGIN = 8
#: Articles up to this long are scanned character by character when no word matches.
_SCAN_CHARS = 300_000
#: Occurrences of the quote's words looked at, per quote word and in all (rarest words first).
_POSTINGS_PER_WORD = 100
_POSTINGS_BASE = 2_000
_POSTINGS_MAX = 12_000
#: Candidate passages scored per quote.
_CANDIDATES = 6
_PUNCTUATION = "\"'()[]{}<>.,;:!?-*_/\\…"


class _Words:
    """The words of the normalised article, where each starts, and where each occurs.

    A misquote shares most of its words with the passage it misquotes, in the same
    order.  Each quote word's occurrences in the article vote for an alignment (the
    article's word position minus the quote's); rare words weigh more and are looked
    at first, within a budget that grows with the quote.  The best few alignments
    give candidate passages, which are then scored properly.  So the cost is about
    the number of words of the article (once, for the index) plus the quote's,
    never their product.
    """

    def __init__(self, s: str) -> None:
        self.tokens = s.split(" ")  # the normalised text has single spaces
        self.starts = [0, *itertools.accumulate(len(t) + 1 for t in self.tokens[:-1])]
        self.keys = word_keys(s)
        index: defaultdict[str, list[int]] = defaultdict(list)
        for i, key in enumerate(self.keys):
            index[key].append(i)
        index.pop("", None)  # punctuation alone
        self.index = dict(index)

    def _pairs(self, qkeys: list[str], budget: int) -> dict[tuple[str, str], list[int]]:
        """Where each two words in a row of the quote stand in a row in the article.

        Two words in a row are much rarer than either: fewer and surer votes.  Each
        pair is found by scanning the shorter of its words' occurrences, so the work
        is bounded by `budget` times a constant, not by the article's length.
        """
        index = self.index
        after, before = self._after, self._before
        found: dict[tuple[str, str], list[int]] = {}
        wanted = {(a, b) for a, b in itertools.pairwise(qkeys) if a in index and b in index}
        scanned = hits = 0
        for a, b in sorted(wanted, key=lambda ab: min(len(index[ab[0]]), len(index[ab[1]]))):
            first, second = index[a], index[b]
            if len(first) <= len(second):
                at = [p for p in first if after[p] == b]
            else:
                at = [p - 1 for p in second if before[p] == a]
            scanned += min(len(first), len(second))
            if at:
                found[(a, b)] = at
                hits += len(at)
            if hits > budget or scanned > 4 * budget:
                break
        return found

    @cached_property
    def _after(self) -> list[str]:
        """The key of the word after each word ("" after the last)."""
        return [*self.keys[1:], ""]

    @cached_property
    def _before(self) -> list[str]:
        return ["", *self.keys[:-1]]

    def span(self, first: int, last: int) -> tuple[int, int]:
        """The normalised text's offsets of words first..last."""
        return self.starts[first], self.starts[last] + len(self.tokens[last])

    def candidates(self, qkeys: list[str]) -> list[tuple[int, int]]:
        """Word spans (first, last) of the article most likely misquoted by the quote's words."""
        n = len(qkeys)
        if not n or not self.index:
            return []
        budget = min(_POSTINGS_PER_WORD * n + _POSTINGS_BASE, _POSTINGS_MAX)
        votes = _votes(self._pairs(qkeys, budget), qkeys, budget, pairs=True)
        if not votes:  # one word, or no two in a row as the article has them
            votes = _votes(self.index, qkeys, budget)
        if not votes:
            return []
        votes.sort()
        band = max(2, n // 6)  # insertions and deletions shift the alignment by a few words
        scored = []
        lo = 0
        total = 0.0
        for hi, vote in enumerate(votes):
            total += vote[2]
            while vote[0] - votes[lo][0] > band:
                total -= votes[lo][2]
                lo += 1
            scored.append((total, lo, hi))
        scored.sort(key=lambda t: -t[0])
        spans: list[tuple[int, int]] = []
        taken: list[tuple[int, int]] = []  # alignments already used
        last_word = len(self.tokens) - 1
        for _, lo, hi in scored:
            d_lo, d_hi = votes[lo][0], votes[hi][0]
            if any(not (d_hi < a or d_lo > b) for a, b in taken):
                continue  # the same alignment again, a little shifted
            taken.append((d_lo - band, d_hi + band))
            aligned = votes[lo : hi + 1]
            # From where the quote's first word would stand, by the alignment of the earliest
            # matching article word, to where its last would, by that of the latest.
            first = max(0, min(aligned, key=lambda v: v[1])[0])
            last = min(last_word, max(aligned, key=lambda v: v[1])[0] + n - 1)
            if first <= last:
                spans.append((first, last))
            if len(spans) == _CANDIDATES:
                break
        return spans


def _votes(index: dict, qkeys: list[str], budget: int, pairs: bool = False) -> list[tuple[int, int, float]]:
    """(alignment, article word, weight) for each occurrence in `index` of each quote word
    (or pair of words in a row), rarest first, weighted by rarity, until `budget` votes are cast."""
    keys = list(itertools.pairwise(qkeys)) if pairs else qkeys
    positions: dict = {}
    for j, key in enumerate(keys):
        if key in index:
            positions.setdefault(key, []).append(j)
    votes: list[tuple[int, int, float]] = []
    for key in sorted(positions, key=lambda k: len(index[k])):
        postings = index[key]
        if votes and len(votes) + len(postings) * len(positions[key]) > budget:
            break
        weight = 1.0 / len(postings)
        for j in positions[key]:
            votes.extend((p - j, p, weight) for p in postings)
    return votes


def word_keys(text: str) -> list[str]:
    """Each space-separated word of normalised text, lower-cased, without the punctuation around it."""
    return [t.strip(_PUNCTUATION) for t in text.lower().split(" ")]


def _lower(text: str) -> str:
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else text  # keep offsets where case changes length


# rapidfuzz is imported where it is used: only a quote that does not match needs it, and
# importing it cost every check, render and evaluate some 25 ms (python -X importtime).


def _ratio(a: str, b: str) -> float:
    from rapidfuzz.distance import Indel

    return Indel.normalized_similarity(_lower(a), _lower(b))


def _similarity(q: str, passage: str, qwords: list[str], pwords: list[str]) -> float:
    """How alike a quote and a passage are, in [0, 1]: by characters, or by words when both are long."""
    if len(q) * len(passage) <= 25_000_000:
        return _ratio(q, passage)
    from rapidfuzz.distance import Indel

    return Indel.normalized_similarity(qwords, pwords)


def _align(q: str, s: str, lo: int, hi: int) -> tuple[int, int]:
    """Where in s[lo:hi] the quote fits best (character offsets into s)."""
    window = s[lo:hi]
    if len(q) >= len(window):
        return lo, hi
    from rapidfuzz import fuzz

    found = fuzz.partial_ratio_alignment(_lower(q), _lower(window))
    if found is None:  # pragma: no cover - only with a score cutoff
        return lo, hi
    return lo + found.dest_start, lo + found.dest_end


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
