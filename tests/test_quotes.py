from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.quotes import _TABLE, Source, normalise, shorten
from tests.conftest import REPO

ARTICLE = (
    "First line.\n"
    "Pyongyang\u00a0is intent on developing its missile program – to enhance national security.\n"
    "They are exactly what they appear to be: weapons tests designed to further the North’s\n"
    "military capabilities. “Hostile policies” matter…\n"
)


def test_normalise_folds_typography():
    assert normalise("“It’s”\u00a0\u00a0a – test…\n\tok") == '"It\'s" a - test... ok'


def test_straight_apostrophe_matches_curly_and_line_breaks():
    src = Source(ARTICLE)
    assert src.contains("further the North's military capabilities")
    assert src.contains('"Hostile policies" matter...')
    assert src.contains("Pyongyang is intent on developing its missile program - to enhance")


def test_quote_must_be_verbatim():
    src = Source(ARTICLE)
    assert not src.contains("further the North's military capability ")
    assert not src.contains("pyongyang is intent")  # case matters
    assert not src.contains("   ")


def test_find_returns_the_passage_as_written_with_its_line():
    passage = Source(ARTICLE).find("designed to further the North's military")
    assert passage is not None
    assert passage.text == "designed to further the North’s\nmilitary"
    assert (passage.line, passage.col) == (3, 56)


def test_closest_passage_for_a_misquote():
    passage = Source(ARTICLE).closest("weapon tests designed to further the North's military capability")
    assert passage is not None
    assert passage.line == 3
    assert "weapons tests designed to further the North’s" in passage.text


def test_nothing_close_gives_no_passage():
    assert Source(ARTICLE).closest("zzzz qqqq xxxx") is None


def test_shorten():
    assert shorten("a  b\nc") == "a b c"
    assert shorten("x" * 200, 10) == "x" * 9 + "…"


# --- the closest passage (issue 9, defect 5): linear, and as good as difflib was ------------------

SEED_ARTICLE = (REPO / "seeds" / "north-korea-missile-launches.txt").read_text(encoding="utf-8")


def _origins_by_character(text: str) -> list[int]:
    """The reference: each normalised character's index in the original text, one by one."""
    origins: list[int] = []
    pending: int | None = None
    for i, ch in enumerate(text):
        if ch.isspace():
            if origins and pending is None:
                pending = i
            continue
        mapped = ch.translate(_TABLE)
        if not mapped:
            continue
        if pending is not None:
            origins.append(pending)
            pending = None
        origins.extend([i] * len(mapped))
    return origins


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .,\n\t\xa0…’—\u200b\u00ad\ufeff\u2028")), max_size=40))
def test_offsets_map_back_to_the_original_text(text):
    src = Source(text)
    expected = _origins_by_character(text)
    assert len(expected) == len(src.normalised)
    assert [src._original(n) for n in range(len(expected))] == expected


def _mutate(rng: random.Random, words: list[str], pool: list[str]) -> str:
    ws = list(words)
    for _ in range(rng.randint(1, 3)):
        op = rng.choice(["drop", "change", "case", "swap", "typo", "insert"])
        i = rng.randrange(len(ws))
        if op == "drop" and len(ws) > 3:
            del ws[i]
        elif op == "change":
            ws[i] = rng.choice(pool)
        elif op == "case":
            ws[i] = ws[i].upper()
        elif op == "swap" and len(ws) > 2:
            j = rng.randrange(len(ws))
            ws[i], ws[j] = ws[j], ws[i]
        elif op == "typo" and len(ws[i]) > 2:
            k = rng.randrange(len(ws[i]))
            ws[i] = ws[i][:k] + ws[i][k + 1 :]
        elif op == "insert":
            ws.insert(i, rng.choice(pool))
    return " ".join(ws)


def test_misquotes_find_the_passage_they_misquote():
    """300 misquotes of the seed article (words dropped, changed, swapped, mistyped, upper-cased):
    the closest passage overlaps the one misquoted at least as often as difflib's did (288/300)."""
    src = Source(SEED_ARTICLE)
    words = src.normalised.split(" ")
    rng = random.Random(2)
    hits = tried = 0
    while tried < 300:
        n = rng.randint(3, 40)
        i = rng.randrange(len(words) - n)
        original = " ".join(words[i : i + n])
        quote = _mutate(rng, words[i : i + n], words)
        if src.contains(quote):
            continue
        tried += 1
        at = src.normalised.find(original)
        want = src._passage(at, at + len(original))
        got = src.closest(quote)
        if got is None:
            continue
        a, b = SEED_ARTICLE.find(got.text), SEED_ARTICLE.find(want.text)
        hits += a < b + len(want.text) and b < a + len(got.text) and len(got.text) < 3 * len(want.text) + 40
    assert hits >= 288


def test_a_long_unmatched_quote_still_gets_a_passage_and_is_remembered():
    src = Source(SEED_ARTICLE)
    words = SEED_ARTICLE.split()
    rng = random.Random(3)
    quote = " ".join(rng.choice(words) for _ in range(1700))  # about 10 KB
    first = src.closest(quote)
    assert src.closest(quote) is first  # the editor asks again after every edit


def test_typos_in_every_word_still_find_the_passage():
    passage = Source(ARTICLE).closest("weapns tets desined to furter the Nrth's militry capabilitis")
    assert passage is not None and passage.line == 3
