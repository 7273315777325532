"""Checks of a loaded map beyond its shape: references, quotes and the argument's structure.

Errors make a map invalid; warnings point at likely flaws in the analysis
(circular reasoning, loose claims) that a person may still choose to keep.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, KeysView
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path

from argmap import access, store
from argmap.diagnostics import Pos, sort_key
from argmap.graph import Graph
from argmap.load import Document, load_file
from argmap.model import ArgMap, Argument, Claim, Kind
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
    written = (doc.model.source.file if doc.model and doc.model.source else None) or str(path)
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
    claim_ids = model.claims.keys()
    argument_ids = model.arguments.keys() - claim_ids  # a clash is reported once, below
    known = claim_ids | argument_ids | doc.broken
    for cid, claim in model.claims.items():
        for rel in (*RELATIONS, "undercuts"):
            seen: set[str] = set()
            for i, target in enumerate(getattr(claim, rel)):
                pos = doc.locations.value(("claims", cid, rel, i))
                where = f"'{rel}' of claim '{cid}'"
                if target == cid:
                    doc.error(
                        pos,
                        "self-reference",
                        f"claim '{cid}' {rel} itself",
                        f"remove '{cid}' from its '{rel}'",
                    )
                elif target in seen and target in known:
                    doc.warning(pos, "repeated-ref", f"'{target}' is listed twice in {where}", "remove one")
                elif _wrong_target(doc, model, pos, cid, where, rel, target, known):
                    pass
                elif (
                    rel == "undercuts" and target in argument_ids and cid in model.arguments[target].premises
                ):
                    doc.error(
                        pos,
                        "premise-undercuts",
                        f"claim '{cid}' undercuts argument '{target}', of which it is a premise",
                        f"remove '{target}' from its 'undercuts', or '{cid}' from the argument's premises",
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
    for aid, argument in model.arguments.items():
        _argument(doc, model, aid, argument, claim_ids, argument_ids, known)


def _wrong_target(
    doc: Document,
    model: ArgMap,
    pos: Pos | None,
    source: str,
    where: str,
    rel: str,
    target: str,
    known: AbstractSet[str],
) -> bool:
    """Report a relation aimed at nothing, or at the wrong sort of thing; True when it was reported.

    `supports` and `opposes` name claims; `undercuts` names an argument (a step).
    """
    undercut = rel == "undercuts"
    is_claim = target in model.claims
    if target not in known:
        pool = model.arguments.keys() - model.claims.keys() if undercut else model.claims.keys()
        what = "argument" if undercut else "claim"
        hint = did_you_mean(target, pool) or f"add {_a(what)} with that id, or fix the reference"
        doc.error(pos, "unknown-ref", f"no {what} '{target}' (in {where})", hint)
    elif undercut and is_claim:
        doc.error(pos, "undercut-claim", *_undercut_claim(model, source, target))
    elif not undercut and not is_claim and target in model.arguments:
        doc.error(pos, "relation-to-argument", *_relation_to_argument(source, rel, target))
    else:
        return False
    return True


def _a(word: str) -> str:
    return f"an {word}" if word[0] in "aeiou" else f"a {word}"


def _undercut_claim(model: ArgMap, source: str, target: str) -> tuple[str, str]:
    """An undercut aimed at a claim: say how to write the inference it means to attack."""
    message = f"'{source}' undercuts '{target}', which is a claim, not an argument"
    reasons = [
        (rid, rel) for rid, c in model.claims.items() for rel in RELATIONS if target in getattr(c, rel)
    ]
    if len(reasons) == 1:
        rid, rel = reasons[0]
        name = f"{rid}-to-{target}"
        hint = (
            f"an undercut attacks a step, not a claim: to attack the step from '{rid}' to '{target}', "
            f"move it into an argument (`arguments: {{{name}: {{premises: [{rid}], {rel}: {target}}}}}`, "
            f"removing '{target}' from the `{rel}` of '{rid}') and write `undercuts: [{name}]`; "
            f"to deny '{target}' itself, write `opposes: [{target}]`"
        )
    else:
        hint = (
            f"an undercut attacks a step, not a claim: write the step to '{target}' as an argument "
            f"(`arguments: {{my-step: {{premises: [reason], supports: {target}}}}}`) and write "
            f"`undercuts: [my-step]`; to deny '{target}' itself, write `opposes: [{target}]`"
        )
    return message, hint


def _relation_to_argument(source: str, rel: str, target: str) -> tuple[str, str]:
    message = f"'{source}' {rel} '{target}', which is an argument, not a claim"
    if rel == "opposes":
        hint = f"to attack the step from its premises to its conclusion, write `undercuts: [{target}]`"
    else:
        hint = f"to add a premise to it, add '{source}' to the `premises` of '{target}'"
    return message, hint


def _argument(
    doc: Document,
    model: ArgMap,
    aid: str,
    argument: Argument,
    claim_ids: KeysView[str],
    argument_ids: AbstractSet[str],
    known: AbstractSet[str],
) -> None:
    key = doc.locations.key(("arguments", aid))
    if aid in claim_ids:
        doc.error(
            key,
            "duplicate-id",
            f"'{aid}' is both a claim and an argument",
            f"claims and arguments share one namespace of ids: rename the argument, e.g. '{aid}-argument'",
        )
        return
    conclusions = argument.conclusions
    conclusion = conclusions[0][1] if len(conclusions) == 1 else None
    if not argument.premises:
        doc.error(
            doc.locations.value(("arguments", aid, "premises"))
            if "premises" in argument.model_fields_set
            else key,
            "no-premises",
            f"argument '{aid}' has no premises",
            "list the claims that together lead to its conclusion, e.g. `premises: [reason, other-reason]`",
        )
    seen: set[str] = set()
    for i, premise in enumerate(argument.premises):
        pos = doc.locations.value(("arguments", aid, "premises", i))
        if premise in seen:
            message = f"premise '{premise}' is listed twice in argument '{aid}'"
            doc.error(pos, "repeated-premise", message, "remove one")
        elif premise == aid:
            doc.error(pos, "self-reference", f"argument '{aid}' is its own premise", f"remove '{aid}'")
        elif premise not in known:
            hint = did_you_mean(premise, claim_ids) or "add a claim with that id, or fix the reference"
            doc.error(pos, "unknown-ref", f"no claim '{premise}' (in 'premises' of argument '{aid}')", hint)
        elif premise in argument_ids:
            doc.error(
                pos,
                "premise-is-argument",
                f"premise '{premise}' of argument '{aid}' is an argument, not a claim",
                f"premises are claims: name the claim '{premise}' concludes, or the claims it rests on",
            )
        elif premise == conclusion:
            doc.error(
                pos,
                "conclusion-is-premise",
                f"the conclusion '{premise}' of argument '{aid}' is also one of its premises",
                f"an argument cannot rest on what it concludes: remove '{premise}' from `premises`",
            )
        seen.add(premise)
    if not conclusions:
        doc.error(
            key,
            "no-conclusion",
            f"argument '{aid}' has no conclusion",
            "add `supports: <claim id>` or `opposes: <claim id>` (or `undercuts: <argument id>`)",
        )
    for rel, _ in conclusions[1:]:
        first = conclusions[0][0]
        doc.error(
            doc.locations.key(("arguments", aid, rel)),
            "two-conclusions",
            f"argument '{aid}' has both '{first}' and '{rel}': an argument has one conclusion",
            "split it into two arguments with the same premises",
        )
    for rel, target in conclusions:
        pos = doc.locations.value(("arguments", aid, rel))
        if target == aid:
            doc.error(pos, "self-reference", f"argument '{aid}' {rel} itself", f"remove '{rel}: {aid}'")
        else:
            _wrong_target(doc, model, pos, aid, f"'{rel}' of argument '{aid}'", rel, target, known)


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
            hint = (
                did_you_mean(claim.answers or "", model.questions) or f"questions: {one_of(model.questions)}"
            )
        else:
            hint = f"add `questions: {{{claim.answers}: …}}` to the map, or remove `answers`"
        doc.error(pos, "unknown-question", f"no question '{claim.answers}' in `questions`", hint)


# --- quotes ---------------------------------------------------------------------


def _quotes(doc: Document, model: ArgMap, sources: SourceCache) -> None:
    quoted = [
        (section, nid, i, q)
        for section, items in (("claims", model.claims), ("arguments", model.arguments))
        for nid, item in items.items()
        for i, q in enumerate(item.quote)
    ]
    source = open_source(doc, sources)
    if source is None:
        if quoted:
            section, nid, i, _ = quoted[0]
            doc.warning(
                doc.locations.value((section, nid, "quote", i)),
                "unchecked-quotes",
                "quotes cannot be checked: the map names no source file",
                "add `source: {file: path/to/article.txt}` (relative to the map)",
            )
        return
    if isinstance(source, SourceProblem):
        doc.error(doc.locations.value(("source", "file")), "no-source", source.message, source.hint)
        return
    for section, nid, i, quote in quoted:
        if source.contains(quote):
            continue
        passage = source.closest(quote)
        hint = (
            f'closest passage, line {passage.line}: "{shorten(passage.text)}"'
            if passage
            else "nothing like it is in the source"
        )
        what = "claim" if section == "claims" else "argument"
        doc.error(
            doc.locations.value((section, nid, "quote", i)),
            "quote-not-found",
            f"quote of {what} '{nid}' is not in the source",
            hint,
        )


def article_problem(doc: Document, written: str) -> SourceProblem | None:
    """Why `written` cannot be the map's article (outside the project, a FIFO or a device, too
    large), with the words `check` would use, or None; a file that does not exist yet is
    left to `check`.  The editor's Article field checks what is typed with this."""
    base = doc.path.parent if doc.path is not None else Path.cwd()
    path = base / written
    problem = access.source_problem(doc.path, path)
    if problem is not None:
        return SourceProblem(f"source file '{written}' {problem[0]}", problem[1])
    exc = store.readable_problem(path)
    if exc is None or isinstance(exc, FileNotFoundError):
        return None
    return _source_problem(doc, path, written, exc)


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
        for aid in graph.arguments:
            if aid not in reaching:
                edge = graph.conclusion(aid)
                assert edge is not None  # the checker's errors cover an argument without one
                doc.warning(
                    doc.locations.key(("arguments", aid)),
                    "unused-argument",
                    f"argument '{aid}' is used by nothing: its conclusion '{edge.target}' "
                    "leads to no position",
                    f"tie '{edge.target}' to the argument (supports or opposes), or remove the argument",
                )


def _in_order(model: ArgMap, ids: set[str]) -> Iterator[str]:
    return (cid for cid in model.claims if cid in ids)
