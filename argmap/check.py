"""Checks of a loaded map beyond its shape: references, quotes and the argument's structure.

Errors make a map invalid; warnings point at likely flaws in the analysis
(circular reasoning, loose claims) that a person may still choose to keep.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from argmap.diagnostics import sort_key
from argmap.graph import Graph
from argmap.load import Document, load_file
from argmap.model import ArgMap, Claim, Kind
from argmap.quotes import Source, read_source, shorten
from argmap.suggest import did_you_mean, one_of

RELATIONS = ("supports", "opposes")


class SourceCache:
    """Articles read once per run, however many maps quote them."""

    def __init__(self) -> None:
        self._sources: dict[Path, Source | Exception] = {}

    def get(self, path: Path) -> Source | Exception:
        key = path.resolve()
        if key not in self._sources:
            try:
                self._sources[key] = read_source(key)
            except (OSError, UnicodeDecodeError) as exc:
                self._sources[key] = exc
        return self._sources[key]


def check_file(path: str | Path, display: str | None = None, sources: SourceCache | None = None) -> Document:
    """Load a map and run every check on it."""
    doc = load_file(path, display)
    check(doc, sources)
    return doc


def check(doc: Document, sources: SourceCache | None = None) -> Document:
    """Add the findings of every check to `doc.diagnostics`, sorted by place."""
    if doc.model is not None:
        _references(doc, doc.model)
        _quotes(doc, doc.model, sources or SourceCache())
        if doc.ok:  # structure warnings would only echo the errors' consequences
            _structure(doc, doc.model)
    doc.diagnostics.sort(key=sort_key)
    return doc


def source_path(doc: Document) -> Path | None:
    """The article's file, resolved against the map's folder."""
    model = doc.model
    if model is None or model.source is None or model.source.file is None:
        return None
    base = doc.path.parent if doc.path is not None else Path.cwd()
    return base / model.source.file


# --- references -----------------------------------------------------------------


def _references(doc: Document, model: ArgMap) -> None:
    ids = model.claims.keys()
    known = ids | doc.broken
    for cid, claim in model.claims.items():
        for rel in RELATIONS:
            seen: set[str] = set()
            for i, target in enumerate(getattr(claim, rel)):
                pos = doc.locations.value(("claims", cid, rel, i))
                if target == cid:
                    doc.error(
                        pos,
                        "self-reference",
                        f"claim '{cid}' {rel} itself",
                        f"remove '{cid}' from its '{rel}'",
                    )
                elif target not in known:
                    hint = did_you_mean(target, ids) or "add a claim with that id, or fix the reference"
                    doc.error(pos, "unknown-ref", f"no claim '{target}' (in '{rel}' of claim '{cid}')", hint)
                elif target in seen:
                    doc.warning(
                        pos,
                        "repeated-ref",
                        f"'{target}' is listed twice in '{rel}' of claim '{cid}'",
                        "remove one",
                    )
                seen.add(target)
        if claim.answers is not None:
            _answers(doc, model, cid, claim)
        for i, target in enumerate(claim.opposes):
            if target in claim.supports and target != cid:
                doc.error(
                    doc.locations.value(("claims", cid, "opposes", i)),
                    "supports-and-opposes",
                    f"claim '{cid}' both supports and opposes '{target}'",
                    "keep the relation the article makes; split the claim if it does both",
                )


def _answers(doc: Document, model: ArgMap, cid: str, claim: Claim) -> None:
    pos = doc.locations.value(("claims", cid, "answers"))
    if claim.kind is not Kind.POSITION:
        doc.error(
            pos,
            "answers-not-position",
            f"claim '{cid}' answers a question but is not a position",
            "add `kind: position`, or remove `answers`",
        )
    elif claim.answers not in model.questions:
        if model.questions:
            hint = did_you_mean(claim.answers, model.questions) or f"questions: {one_of(model.questions)}"
        else:
            hint = f"add `questions: {{{claim.answers}: …}}` to the map, or remove `answers`"
        doc.error(pos, "unknown-question", f"no question '{claim.answers}' in `questions`", hint)


# --- quotes ---------------------------------------------------------------------


def _quotes(doc: Document, model: ArgMap, sources: SourceCache) -> None:
    quoted = [(cid, i, q) for cid, c in model.claims.items() for i, q in enumerate(c.quote)]
    path = source_path(doc)
    if path is None:
        if quoted:
            cid, i, _ = quoted[0]
            doc.warning(
                _quote_pos(doc, cid, i),
                "unchecked-quotes",
                "quotes cannot be checked: the map names no source file",
                "add `source: {file: path/to/article.txt}` (relative to the map)",
            )
        return
    source = sources.get(path)
    if isinstance(source, Exception):
        _source_problem(doc, path, source)
        return
    for cid, i, quote in quoted:
        if source.contains(quote):
            continue
        passage = source.closest(quote)
        hint = (
            f'closest passage, line {passage.line}: "{shorten(passage.text)}"'
            if passage
            else "nothing like it is in the source"
        )
        doc.error(
            _quote_pos(doc, cid, i), "quote-not-found", f"quote of claim '{cid}' is not in the source", hint
        )


def _quote_pos(doc: Document, cid: str, i: int):
    return doc.locations.value(("claims", cid, "quote", i))


def _source_problem(doc: Document, path: Path, exc: Exception) -> None:
    pos = doc.locations.value(("source", "file"))
    written = doc.model.source.file if doc.model and doc.model.source else str(path)
    if isinstance(exc, FileNotFoundError):
        near = did_you_mean(path.name, _siblings(path))
        hint = near or f"the path is relative to the map's folder (looked for {path})"
        doc.error(pos, "no-source", f"source file '{written}' not found", hint)
    elif isinstance(exc, UnicodeDecodeError):
        doc.error(pos, "no-source", f"source file '{written}' is not UTF-8 text", "save the article as UTF-8")
    else:
        reason = getattr(exc, "strerror", None) or str(exc)
        doc.error(pos, "no-source", f"cannot read source file '{written}': {reason}")


def _siblings(path: Path) -> list[str]:
    try:
        return [p.name for p in path.parent.iterdir()]
    except OSError:
        return []


# --- structure ------------------------------------------------------------------


def _structure(doc: Document, model: ArgMap) -> None:
    graph = Graph.of(model)
    for cycle in graph.support_cycles():
        shown = " → ".join([*cycle, cycle[0]])
        doc.warning(
            doc.locations.key(("claims", cycle[0])),
            "circular-support",
            f"circular support: {shown}",
            "a claim cannot be a reason for itself, even indirectly: remove one of these supports",
        )
    positions = model.positions()
    lonely = {cid for cid in model.claims if not graph.neighbours(cid)}
    for cid in lonely:
        kind = model.claims[cid].kind
        what = "position" if kind is Kind.POSITION else "claim"
        hint = (
            "give it reasons: claims that support or oppose it"
            if kind is Kind.POSITION
            else "add `supports:` or `opposes:` to tie it to the argument"
        )
        doc.warning(
            doc.locations.key(("claims", cid)), "unconnected", f"{what} '{cid}' is connected to nothing", hint
        )
    groups = model.question_groups()
    for group in groups:
        if group.text is None:
            if group.positions:
                first = group.positions[0]
                doc.warning(
                    doc.locations.key(("claims", first)),
                    "no-question",
                    f"position '{first}' answers no question: the map has no `question`",
                    "add `question:` saying what the positions answer",
                )
        elif not group.positions and (model.claims or group.id is not None):
            where = ("question",) if group.id is None else ("questions", group.id)
            if group.id is None:
                message, hint = (
                    "no claim answers the question",
                    "mark the answers to the question `kind: position`",
                )
            else:
                message = f"no position answers question '{group.id}'"
                hint = f"add `answers: {group.id}` to the positions that answer it"
            doc.warning(doc.locations.key(where), "no-positions", message, hint)
    if positions:
        reaching = graph.reaching(positions)
        for cid in _in_order(model, set(model.claims) - reaching - lonely):
            doc.warning(
                doc.locations.key(("claims", cid)),
                "off-question",
                f"claim '{cid}' bears on no position: none of its supports or opposes leads to one",
                "link it to the claims it is a reason for or against",
            )


def _in_order(model: ArgMap, ids: set[str]) -> Iterator[str]:
    return (cid for cid in model.claims if cid in ids)
