"""Checks of a loaded map beyond its shape: references, quotes and the argument's structure.

Errors make a map invalid; warnings point at likely flaws in the analysis
(circular reasoning, loose claims) that a person may still choose to keep.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from argmap import access, store
from argmap.diagnostics import sort_key
from argmap.graph import Graph
from argmap.load import Document, load_file
from argmap.model import ArgMap, Claim, Kind
from argmap.quotes import Source, read_source, shorten
from argmap.suggest import closest, did_you_mean, one_of

RELATIONS = ("supports", "opposes")


class SourceCache:
    """Articles read once per run, however many maps quote them."""

    def __init__(self) -> None:
        self._sources: dict[str, Source | Exception] = {}

    def get(self, path: Path) -> Source | Exception:
        try:
            key = os.path.realpath(path)
        except ValueError as exc:  # a NUL in the path
            return exc
        if key not in self._sources:
            try:
                self._sources[key] = read_source(Path(key))
            except (OSError, UnicodeDecodeError, ValueError) as exc:
                self._sources[key] = exc
        return self._sources[key]


@dataclass(frozen=True)
class SourceProblem:
    """Why a map's article cannot be used: a message and a hint, as the checker words them."""

    message: str
    hint: str | None = None


def open_source(doc: Document, sources: SourceCache | None = None) -> Source | SourceProblem | None:
    """The map's article, read if the map may read it (`argmap.access`); None if it names none.

    Every face reads the article through here, so the checker, the renderer and
    the editor refuse the same files with the same words.
    """
    path = source_path(doc)
    if path is None:
        return None
    written = doc.model.source.file if doc.model and doc.model.source else str(path)
    problem = access.source_problem(doc.path, path)
    if problem is not None:
        return SourceProblem(f"source file '{written}' {problem[0]}", problem[1])
    source = (sources or SourceCache()).get(path)
    if isinstance(source, Exception):
        return _source_problem(doc, path, written, source)
    return source


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
    source = open_source(doc, sources)
    if source is None:
        if quoted:
            cid, i, _ = quoted[0]
            doc.warning(
                _quote_pos(doc, cid, i),
                "unchecked-quotes",
                "quotes cannot be checked: the map names no source file",
                "add `source: {file: path/to/article.txt}` (relative to the map)",
            )
        return
    if isinstance(source, SourceProblem):
        doc.error(doc.locations.value(("source", "file")), "no-source", source.message, source.hint)
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


def _source_problem(doc: Document, path: Path, written: str, exc: Exception) -> SourceProblem:
    if isinstance(exc, FileNotFoundError):
        near = _near_path(doc, written)
        looked = f"the path is relative to the map's folder (looked for {path})"
        hint = f"did you mean '{near}'?" if near else looked
        return SourceProblem(f"source file '{written}' not found", hint)
    if isinstance(exc, UnicodeDecodeError):
        return SourceProblem(f"source file '{written}' is not UTF-8 text", "save the article as UTF-8")
    if isinstance(exc, store.FileTooLarge):
        message = f"source file '{written}' is not read: {exc.strerror}"
        return SourceProblem(message, "an article is plain text")
    if isinstance(exc, store.NotRegularFile):
        return SourceProblem(
            f"source file '{written}' is not an article: {exc.strerror}", "name a plain-text file"
        )
    return SourceProblem(f"cannot read source file '{written}': {store.reason(exc)}")


def _near_path(doc: Document, written: str) -> str | None:
    """The path the map most likely meant, written as the map would write it, if it exists.

    Each part of the path is matched in turn against what its folder holds, so
    `new/artcle.txt` gives `new/article.txt` and `nwe/article.txt` does too; a
    suggestion is only ever a file that exists, and inside the map's root.
    """
    base = doc.path.parent if doc.path is not None else Path.cwd()
    parts = written.replace("\\", "/").split("/")
    folder = base if not written.startswith("/") else Path("/")
    fixed: list[str] = []
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if part in ("", ".", "..") or (folder / part).exists():
            fixed.append(part)
            folder = folder / part
            continue
        try:
            names = [p.name for p in folder.iterdir() if (p.is_file() if last else p.is_dir())]
        except OSError:
            return None
        near = closest(part, names)
        if near is None:
            return None
        fixed.append(near)
        folder = folder / near
    if not folder.is_file() or access.source_problem(doc.path, folder) is not None:
        return None
    suggestion = "/".join(fixed)
    return suggestion if suggestion != written else None


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
