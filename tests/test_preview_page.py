"""The viewer page's data (pure, from the model) and the page itself, without a browser."""

from __future__ import annotations

import html
import html.parser
import json
import re
import shutil
import xml.etree.ElementTree as ET

import pytest

from argmap.check import SourceCache, check_file
from argmap.evaluate import evaluate
from argmap.load import load_file, load_text
from argmap.preview.build import build, inline_svg
from argmap.preview.data import page_data, paragraph_bounds, paragraph_breaks
from argmap.preview.page import asset, content_security_policy, page, script_json
from argmap.quotes import Source
from tests.conftest import SEED_MAP, run_cli

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")

ARTICLE = """\
A headline

The launches are tests. They were
planned for months.

Talks will come soon, say the 😀 diplomats. Nobody knows <why> & "how".
"""

MAP = """\
argmap: 1
title: A small map
question: What do the launches mean?
questions:
  next: What comes next?
source:
  file: article.txt
  url: https://example.org/article
claims:
  tests:
    kind: position
    text: The launches are weapons tests.
    quote: ["The launches are tests.", "They were planned for months."]
    by: author
    tags: [military, timing]
    note: a note
    weight: 0.8
  talks:
    kind: position
    answers: next
    text: Talks will come soon.
    quote: say the 😀 diplomats
    by: the diplomats
    opposes: [tests]
  unknown:
    kind: evidence
    text: Nobody knows <b>why</b>.
    quote: Nobody knows <why> & "how".
    supports: [talks]
"""


@pytest.fixture
def small(write_map):
    path = write_map(MAP, article=ARTICLE)
    doc = load_file(path)
    assert doc.model is not None
    return doc, Source(ARTICLE)


def test_nodes_are_keyed_by_their_svg_ids_with_relations_both_ways(small):
    doc, source = small
    data = page_data(doc.model, source)
    nodes = data["nodes"]
    assert set(nodes) == {"question", "question-next", "claim-tests", "claim-talks", "claim-unknown"}
    tests = nodes["claim-tests"]
    assert tests["kind"] == "position" and tests["text"] == "The launches are weapons tests."
    assert tests["facts"] == [
        ["by", "the author"],
        ["tags", "military, timing"],
        ["weight", "0.80"],
        ["note", "a note"],
    ]
    assert tests["links"] == [["answers", ["question"]], ["opposed by", ["claim-talks"]]]
    assert nodes["claim-talks"]["links"] == [
        ["answers", ["question-next"]],
        ["opposes", ["claim-tests"]],
        ["supported by", ["claim-unknown"]],
    ]
    assert nodes["question-next"]["links"] == [["answered by", ["claim-talks"]]]
    assert data["title"] == "A small map"


ARGUMENTS = """\
argmap: 1
question: Q?
claims:
  p: {kind: position, text: P}
  a: {text: A}
  b: {text: B}
  u: {text: U, undercuts: [step]}
arguments:
  step:
    premises: [a, b]
    supports: p
    text: A and B together give P.
    scheme: modus ponens
    by: author
    quote: A and B
  counter:
    premises: u
    undercuts: step
"""


def test_arguments_show_premises_conclusion_scheme_and_undercutters(write_map):
    path = write_map(ARGUMENTS, article="A and B, so P.\n")
    doc = load_file(path)
    assert doc.model is not None, doc.diagnostics
    data = page_data(doc.model, Source("A and B, so P.\n"))
    step = data["nodes"]["argument-step"]
    assert step["type"] == "argument" and step["text"] == "A and B together give P."
    assert step["facts"] == [["scheme", "modus ponens"], ["by", "the author"]]
    assert step["links"] == [
        ["premises", ["claim-a", "claim-b"]],
        ["supports", ["claim-p"]],
        ["undercut by", ["claim-u", "argument-counter"]],
    ]
    assert step["quotes"][0]["passage"]["start"] == 0
    assert data["nodes"]["argument-counter"]["links"] == [
        ["premises", ["claim-u"]],
        ["undercuts", ["argument-step"]],
    ]
    assert data["nodes"]["claim-a"]["links"] == [["premise of", ["argument-step"]]]
    assert data["nodes"]["claim-u"]["links"] == [
        ["undercuts", ["argument-step"]],
        ["premise of", ["argument-counter"]],
    ]
    evaluated = page_data(doc.model, None, evaluate(doc.model))
    assert evaluated["nodes"]["argument-step"]["evaluation"]["label"] in {"in", "out", "undec"}


@needs_dot
def test_argument_nodes_of_the_svg_are_in_the_data(write_map):
    path = write_map(ARGUMENTS, article="A and B, so P.\n")
    view = build(load_file(path), SourceCache())
    assert view.ok, view.problems
    ids = {
        g.get("id")
        for g in ET.fromstring(view.svg).iter("{http://www.w3.org/2000/svg}g")
        if "node" in (g.get("class") or "").split()
    }
    selectable = {i for i in ids if i.startswith(("claim-", "argument-", "question"))}
    assert {"argument-step", "argument-counter", "claim-u"} <= selectable
    assert selectable <= set(view.data["nodes"])


def test_a_quote_carries_its_paragraph_once_and_its_offsets_in_utf16(small):
    doc, source = small
    data = page_data(doc.model, source)
    paragraphs = data["paragraphs"]
    first, second = data["nodes"]["claim-tests"]["quotes"]
    # both quotes of the claim stand in one paragraph, kept once
    assert first["passage"]["paragraph"] == second["passage"]["paragraph"]
    text = paragraphs[first["passage"]["paragraph"]]
    assert text == "The launches are tests. They were\nplanned for months."
    assert text[first["passage"]["start"] : first["passage"]["end"]] == "The launches are tests."
    assert first["passage"]["line"] == 3 and second["passage"]["line"] == 3
    # the quote spans a line break in the article; the offsets say where, as the article writes it
    assert text[second["passage"]["start"] : second["passage"]["end"]] == "They were\nplanned for months."
    # after an astral character, JavaScript counts two units: offsets are in UTF-16 code units
    talks = data["nodes"]["claim-talks"]["quotes"][0]["passage"]
    para = paragraphs[talks["paragraph"]]
    units = para.encode("utf-16-le")
    assert units[2 * talks["start"] : 2 * talks["end"]].decode("utf-16-le") == "say the 😀 diplomats"
    unknown = data["nodes"]["claim-unknown"]["quotes"][0]["passage"]
    units = paragraphs[unknown["paragraph"]].encode("utf-16-le")
    assert (
        units[2 * unknown["start"] : 2 * unknown["end"]].decode("utf-16-le") == 'Nobody knows <why> & "how".'
    )
    assert len(paragraphs) == 2


def test_quote_links_use_text_fragments_of_the_words_as_written(small):
    doc, source = small
    quote = page_data(doc.model, source)["nodes"]["claim-tests"]["quotes"][1]
    assert quote["link"] == "https://example.org/article#:~:text=They%20were%20planned%20for%20months."


def test_without_the_article_quotes_have_no_passage(small):
    doc, _ = small
    quote = page_data(doc.model, None)["nodes"]["claim-tests"]["quotes"][0]
    assert quote == {"quote": "The launches are tests.", "link": quote["link"]}


def test_evaluation_is_given_per_claim_when_asked(small):
    doc, source = small
    plain = page_data(doc.model, source)
    assert "evaluation" not in plain["nodes"]["claim-tests"] and plain["verdict"] is None
    data = page_data(doc.model, source, evaluate(doc.model))
    ev = data["nodes"]["claim-tests"]["evaluation"]
    assert ev["label"] in {"in", "out", "undec"} and re.fullmatch(r"\d\.\d\d", ev["strength"])
    assert data["verdict"]


@pytest.mark.parametrize(
    ("text", "quote", "expected"),
    [
        ("one\n\ntwo three\n\nfour", "three", "two three"),
        ("one\n  \ntwo three\n\t\nfour", "two", "two three"),  # blank lines may hold spaces
        ("one\ntwo three\nfour", "three", "two three"),  # no blank line: a line is a paragraph
        ("one\n\ntwo\n\nthree", "two\n\nthree", "two\n\nthree"),  # a quote across paragraphs takes both
        ("only", "only", "only"),
        ("  padded  \n\nnext", "padded", "padded"),
    ],
)
def test_paragraph_bounds(text, quote, expected):
    start = text.index(quote)
    a, b = paragraph_bounds(text, start, start + len(quote), paragraph_breaks(text))
    assert text[a:b] == expected


def test_script_json_cannot_close_its_element():
    hostile = {"t": "</script><script>alert(1)</script><!-- & \u2028"}
    text = script_json(hostile)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == hostile


class _Collector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


@needs_dot
def test_the_page_is_self_contained_and_allows_only_its_own_script(small):
    doc, _ = small
    view = build(doc, SourceCache())
    assert view.ok, view.problems
    text = page(view.svg, view.data)
    parsed = _Collector()
    parsed.feed(text)
    # nothing to fetch: no src, no stylesheet link, the icon is inline
    for tag, attrs in parsed.tags:
        assert "src" not in attrs, tag
        if tag == "link":
            assert attrs["href"].startswith("data:")
    # the user's markup-like text is text: in the SVG as Graphviz escapes it, in the JSON escaped
    assert "<b>why</b>" not in text and "Nobody knows &lt;b&gt;why&lt;/b&gt;." in text
    scripts = [tag for tag, _ in parsed.tags if tag == "script"]
    assert len(scripts) == 2  # the JSON state and the viewer
    csp = content_security_policy(live=False)
    assert f'content="{csp}"' in text
    assert "connect-src 'none'" in csp and "default-src 'none'" in csp
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert "connect-src 'self'" in content_security_policy(live=True)
    assert asset("viewer.js") in parsed.scripts


def test_inline_svg_drops_the_prologue_only():
    svg = '<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "x" "y">\n<!-- by dot -->\n<svg a="1">\n<g/>\n</svg>\n'
    assert inline_svg(svg) == '<svg a="1">\n<g/>\n</svg>\n'


@needs_dot
def test_build_gives_problems_and_no_diagram_for_a_broken_map(write_map):
    path = write_map(MAP.replace("supports: [talks]", "supports: [talk]"), article=ARTICLE)
    view = build(load_file(path), SourceCache())
    assert not view.ok and view.svg is None and view.data is None
    assert [d.code for d in view.problems] == ["unknown-ref"]


@needs_dot
def test_build_of_the_seed_map_has_every_claim_in_svg_and_data():
    doc = load_file(SEED_MAP)
    view = build(doc, SourceCache())
    assert view.ok
    ids = {g.get("id") for g in ET.fromstring(view.svg).iter("{http://www.w3.org/2000/svg}g")}
    for cid in doc.model.claims:
        assert f"claim-{cid}" in ids
        assert f"claim-{cid}" in view.data["nodes"]
    quoted = [q for n in view.data["nodes"].values() for q in n["quotes"]]
    assert quoted and all("passage" in q for q in quoted)  # every quote of the seed map is in the article


# --- argmap export --to html --------------------------------------------------------------------


@needs_dot
def test_export_html_writes_one_file_with_the_map(small, tmp_path):
    doc, _ = small
    out = tmp_path / "map.html"
    result = run_cli("export", str(doc.path), "--to", "html", "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and 'id="claim-tests"' in html.unescape(text)
    state = re.search(r'<script type="application/json" id="am-state">(.*?)</script>', text, re.S)
    assert state is not None
    data = json.loads(state.group(1))
    assert data["live"] is False and "claim-unknown" in data["data"]["nodes"]


def test_export_html_refuses_a_map_with_errors(write_map, tmp_path):
    path = write_map(MAP.replace("supports: [talks]", "supports: [talk]"), article=ARTICLE)
    out = tmp_path / "map.html"
    result = run_cli("export", str(path), "--to", "html", "-o", str(out))
    assert result.returncode == 1
    assert "no claim 'talk'" in result.stderr and "not exported" in result.stderr
    assert not out.exists()


@needs_dot
def test_export_html_through_the_format_registry_needs_only_the_model():
    from argmap.formats import export

    doc = check_file(SEED_MAP)
    text = export(doc.model, "html")
    assert 'id="claim-business-as-usual"' in html.unescape(text)


def test_load_text_map_previews_like_a_file(small):
    doc, source = small
    again = load_text(doc.text, file=doc.file, path=doc.path)
    assert page_data(again.model, source) == page_data(doc.model, source)
