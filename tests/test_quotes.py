from __future__ import annotations

from argmap.quotes import Source, normalise, shorten

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
