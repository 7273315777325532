"""What the viewer page knows about a map, beyond the picture: one pure function of the model.

`page_data(model, source, evaluation)` gives a JSON-ready dict that both the
live preview (`argmap preview`, the editor's preview) and the self-contained
HTML export (`argmap export --to html`) hand to the same viewer script.  It
reads no file and runs no program: the caller passes the article, already
read, and the evaluation, when one is wanted.

Every node of the diagram the viewer can select is keyed by its SVG element
id (`claim-ID`, `question`, `question-QID`, and `argument-ID` once a map has
arguments), so the viewer never needs to know what kinds of node exist: it
shows a node's `kind`, `text`, `facts` (label, value), `links` (label, node
ids) and `quotes` as they come.  Text is given as plain strings; the viewer
puts it into the page as text, never as markup.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from argmap.evaluate import Evaluation, format_strength
from argmap.graph import Graph
from argmap.model import ArgMap, Argument, Claim, Kind
from argmap.quotes import Source
from argmap.render import style
from argmap.render.dot import (
    argument_svg_id,
    attribution,
    claim_svg_id,
    question_svg_id,
    text_fragment,
    web_address,
)

#: Relation → (label on the giving node, label on the receiving node).
_RELATION_LABELS = {
    "supports": ("supports", "supported by"),
    "opposes": ("opposes", "opposed by"),
    "undercuts": ("undercuts", "undercut by"),
    "premise": ("premise of", "premises"),  # a claim → the argument it is a premise of
}
_KIND_WORD = {Kind.POSITION: "position", Kind.CLAIM: "claim", Kind.EVIDENCE: "evidence"}


def page_data(model: ArgMap, source: Source | None = None, evaluation: Evaluation | None = None) -> dict:
    """The map as the viewer shows it in its side panel and searches it."""
    graph = Graph.of(model)
    arguments = set(graph.arguments)

    def node_id(item: str) -> str:
        return argument_svg_id(item) if item in arguments else claim_svg_id(item)

    article = _Article(source)
    nodes: dict[str, dict[str, Any]] = {}
    for group in model.question_groups():
        if group.text:
            nodes[question_svg_id(group.id)] = {
                "type": "question",
                "id": group.id or "question",
                "kind": "question",
                "text": group.text,
                "facts": [],
                "links": _links([("answered by", [claim_svg_id(p) for p in group.positions])]),
                "quotes": [],
            }
    answered_by = {
        cid: question_svg_id(group.id)
        for group in model.question_groups()
        if group.text
        for cid in group.positions
    }
    for cid, claim in model.claims.items():
        nodes[claim_svg_id(cid)] = _claim(model, cid, claim, graph, node_id, article, answered_by.get(cid))
    for aid in graph.arguments:
        nodes[argument_svg_id(aid)] = _argument(model, aid, model.arguments[aid], graph, node_id, article)
    if evaluation is not None:
        for cid, result in evaluation.claims.items():
            if claim_svg_id(cid) in nodes:
                nodes[claim_svg_id(cid)]["evaluation"] = _evaluated(result.label, result.strength)
        for aid, outcome in evaluation.arguments.items():
            if argument_svg_id(aid) in nodes:
                nodes[argument_svg_id(aid)]["evaluation"] = _evaluated(outcome.label, outcome.strength)
    src = model.source
    return {
        "title": model.title or model.question or "Argument map",
        "question": model.question,
        "source": None
        if src is None
        else {
            "title": src.title,
            "publisher": src.publisher,
            "author": src.author,
            "date": src.date,
            "url": _safe_url(src.url),
        },
        "verdict": evaluation.verdict() if evaluation is not None else None,
        "nodes": nodes,
        "paragraphs": article.paragraphs,
    }


def _claim(
    model: ArgMap,
    cid: str,
    claim: Claim,
    graph: Graph,
    node_id,
    article: _Article,
    question: str | None,
) -> dict[str, Any]:
    facts: list[list[str]] = []
    if claim.by:
        facts.append(["by", attribution(claim.by)])
    if claim.tags:
        facts.append(["tags", ", ".join(claim.tags)])
    if claim.weight is not None:
        facts.append(["weight", format_strength(claim.weight)])
    if claim.note:
        facts.append(["note", claim.note])
    links: list[tuple[str, list[str]]] = []
    if question is not None:
        links.append(("answers", [question]))
    links += _relations(graph, cid, node_id)
    return {
        "type": "claim",
        "id": cid,
        "kind": _KIND_WORD.get(claim.kind, str(claim.kind)),
        "text": claim.text,
        "facts": facts,
        "links": _links(links),
        "quotes": _quotes(model, claim.quote, article),
    }


def _argument(
    model: ArgMap, aid: str, argument: Argument, graph: Graph, node_id, article: _Article
) -> dict[str, Any]:
    """An inference: its premises, its conclusion, its gist, scheme and who draws it, what undercuts it."""
    facts: list[list[str]] = []
    if argument.scheme:
        facts.append(["scheme", argument.scheme])
    if argument.by:
        facts.append(["by", attribution(argument.by)])
    if argument.tags:
        facts.append(["tags", ", ".join(argument.tags)])
    if argument.note:
        facts.append(["note", argument.note])
    links = sorted(_relations(graph, aid, node_id), key=lambda pair: pair[0] != "premises")
    return {
        "type": "argument",
        "id": aid,
        "kind": "argument",
        "text": argument.text or "",
        "facts": facts,
        "links": _links(links),
        "quotes": _quotes(model, argument.quote, article),
    }


def _relations(graph: Graph, cid: str, node_id) -> list[tuple[str, list[str]]]:
    """What the claim does to others, then what others do to it, grouped by relation."""
    out: dict[str, list[str]] = {}
    into: dict[str, list[str]] = {}
    for e in graph.out.get(cid, []):
        out.setdefault(_RELATION_LABELS.get(e.relation, (e.relation, e.relation))[0], []).append(
            node_id(e.target)
        )
    for e in graph.into.get(cid, []):
        into.setdefault(_RELATION_LABELS.get(e.relation, (e.relation, e.relation))[1], []).append(
            node_id(e.source)
        )
    return [*out.items(), *into.items()]


def _links(pairs: list[tuple[str, list[str]]]) -> list[list[Any]]:
    return [[label, targets] for label, targets in pairs if targets]


def _evaluated(label: str, strength: float) -> dict[str, str]:
    return {
        "label": label,
        "word": style.LABEL_WORD[label],
        "meaning": style.LABEL_MEANING[label],
        "strength": format_strength(strength),
    }


def _safe_url(url: str | None) -> str | None:
    return web_address(url, for_xml=False) if url else None


class _Article:
    """The paragraphs of the article that quotes stand in, each kept once however often quoted."""

    def __init__(self, source: Source | None) -> None:
        self.source = source
        self.paragraphs: dict[str, str] = {}
        self._breaks: list[tuple[int, int]] | None = None

    def passage(self, quote: str) -> tuple[dict[str, Any], str] | None:
        """Where the quote stands (its paragraph's key, its offsets in it in UTF-16 units, as
        JavaScript counts, and its line in the article), and its words as the article has them."""
        if self.source is None:
            return None
        span = self.source.span(quote)
        if span is None:
            return None
        text = self.source.text
        start, end = span
        p_start, p_end = paragraph_bounds(text, start, end, self._paragraph_breaks())
        key = f"{p_start}-{p_end}"
        self.paragraphs.setdefault(key, text[p_start:p_end])
        where = {
            "paragraph": key,
            "start": _utf16_len(text[p_start:start]),
            "end": _utf16_len(text[p_start:end]),
            "line": text.count("\n", 0, start) + 1,
        }
        return where, text[start:end]

    def _paragraph_breaks(self) -> list[tuple[int, int]]:
        if self._breaks is None:
            assert self.source is not None
            self._breaks = paragraph_breaks(self.source.text)
        return self._breaks


def _quotes(model: ArgMap, quotes: list[str], article: _Article) -> list[dict[str, Any]]:
    """Each quote, where it stands in the article, and a link to it on the web."""
    url = model.source.url if model.source else None
    result = []
    for quote in quotes:
        item: dict[str, Any] = {"quote": quote}
        found = article.passage(quote)
        written = quote
        if found is not None:
            item["passage"], written = found
        if url:
            joiner = ":~:text=" if "#" in url else "#:~:text="
            item["link"] = _safe_url(url + joiner + text_fragment(written))
        result.append(item)
    return result


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


def paragraph_breaks(text: str) -> list[tuple[int, int]]:
    """The [start, end) of each paragraph break: blank lines, or every line break in an
    article that has no blank line at all."""
    pattern = _BLANK_LINE if _BLANK_LINE.search(text) else re.compile(r"\n")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def paragraph_bounds(text: str, start: int, end: int, breaks: list[tuple[int, int]]) -> tuple[int, int]:
    """The paragraph (or run of paragraphs) holding `text[start:end]`, without its outer space.

    `breaks` is `paragraph_breaks(text)`.
    """
    ends = [b for _, b in breaks]
    i = bisect.bisect_right(ends, start)  # breaks ending at or before the quote's start
    p_start = ends[i - 1] if i else 0
    p_end = len(text)
    for a, _ in breaks[i:]:
        if a >= end:
            p_end = a
            break
    while p_start < start and text[p_start].isspace():
        p_start += 1
    while p_end > end and text[p_end - 1].isspace():
        p_end -= 1
    return p_start, p_end
