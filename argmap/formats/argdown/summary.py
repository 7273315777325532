"""A summary of Argdown's model of a document, as JSON: what our reading and Argdown's must share.

interop/argdown-model.js writes the same summary from `@argdown/core` itself; the committed
expectations of the corpus (tests/interop/argdown/*.json) are its output, and the tests
compare `summarise(text)` with them.  The summary holds every statement (canonical text,
members with their roles, tags, data and text ranges), every argument (descriptions,
premise–conclusion structure, inference rules and data), every relation, the sections and
the tags; or, for a document Argdown rejects, the kind of error and its line.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from argmap.formats.argdown.interpret import (
    ArgdownModelError,
    Argument,
    EquivalenceClass,
    Inference,
    Model,
    Section,
    Statement,
    interpret,
)
from argmap.formats.argdown.lexer import LexError, tokenize
from argmap.formats.argdown.parser import ArgdownParseError, parse_tokens


def summarise(text: str) -> dict[str, Any]:
    """The summary of `text` as Argdown reads it (see the module's docstring)."""
    try:
        tokens = tokenize(text)
    except LexError:
        return {"error": {"kind": "lexer"}}
    if not tokens:
        return {"error": {"kind": "empty"}}
    try:
        tree = parse_tokens(tokens)
    except ArgdownParseError as exc:
        return {"error": {"kind": "parser", "line": exc.token.line, "token": exc.token.type}}
    try:
        model = interpret(tree)
    except ArgdownModelError as exc:
        return {"error": {"kind": "model", "message": exc.message}}
    return summary(model)


def summary(model: Model) -> dict[str, Any]:
    out: dict[str, Any] = {
        "statements": {},
        "arguments": {},
        "relations": [],
        "sections": [_section(s) for s in model.sections],
    }
    if model.front_matter is not None:
        out["frontMatter"] = clean(model.front_matter)
    for title, ec in model.statements.items():
        canonical = ec.canonical()
        entry: dict[str, Any] = {
            "text": canonical.text if canonical else None,
            "members": [_member(m) for m in ec.members],
        }
        _extras(entry, ec)
        out["statements"][title] = entry
    for title, argument in model.arguments.items():
        canonical = argument.canonical()
        item: dict[str, Any] = {
            "text": canonical.text if canonical else None,
            "members": [_member(m) for m in argument.members],
            "pcs": [],
        }
        for statement in argument.pcs:
            pcs: dict[str, Any] = {"title": statement.title, "role": statement.role}
            if statement.inference is not None:
                pcs["inference"] = {"rules": statement.inference.rules}
                if statement.inference.data is not None:
                    pcs["inference"]["data"] = clean(statement.inference.data)
            item["pcs"].append(pcs)
        _extras(item, argument)
        out["arguments"][title] = item
    for relation in model.relations:
        assert relation.source is not None and relation.target is not None
        out["relations"].append([*_node(relation.source), relation.type, *_node(relation.target)])
    out["tags"] = list(model.tags)
    return out


def _extras(entry: dict[str, Any], node: EquivalenceClass | Argument) -> None:
    if node.tags:
        entry["tags"] = node.tags
    if node.data is not None:
        entry["data"] = clean(node.data)
    if node.section is not None:
        entry["section"] = node.section.id


def _member(statement: Statement) -> dict[str, Any]:
    out: dict[str, Any] = {"text": statement.text, "role": statement.role, "line": statement.line}
    if statement.is_reference:
        out["ref"] = True
    if statement.tags:
        out["tags"] = statement.tags
    if statement.data is not None:
        out["data"] = clean(statement.data)
    if statement.ranges:
        text = statement.text or ""
        ranges = []
        for r in statement.ranges:
            item: list[Any] = [r.type, _utf16(text, r.start), _utf16(text, r.stop)]
            for extra in (r.url, r.tag, r.title):
                if extra is not None:
                    item.append(extra)
            ranges.append(item)
        out["ranges"] = ranges
    return out


def _utf16(text: str, index: int) -> int:
    """A position in `text` counted in UTF-16 code units, as JavaScript counts it."""
    if index <= 0:
        return index
    return len(text[:index].encode("utf-16-le")) // 2 + max(0, index - len(text))


def _node(member: EquivalenceClass | Argument | Inference) -> list[str]:
    if isinstance(member, Inference):
        return ["inference", f"{member.argument_title}#{member.conclusion_index}"]
    return ["statement" if isinstance(member, EquivalenceClass) else "argument", member.title]


def _section(section: Section) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": section.id,
        "title": section.title,
        "level": section.level,
        "children": [_section(c) for c in section.children],
    }
    if section.tags:
        out["tags"] = section.tags
    if section.data is not None:
        out["data"] = clean(section.data)
    if section.is_group is not None:
        out["isGroup"] = section.is_group
    if section.is_closed is not None:
        out["isClosed"] = section.is_closed
    return out


def clean(value: Any) -> Any:
    """Data as JSON.stringify writes it: dates as ISO times, whole floats as integers."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%dT00:00:00.000Z")
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return int(value) if value.is_integer() else value
    if isinstance(value, list):
        return [clean(v) for v in value]
    if isinstance(value, dict):
        return {str(k): clean(v) for k, v in value.items()}
    return value
