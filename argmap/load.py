"""YAML text → validated model, with the line and column of every key and value kept.

The map is read with PyYAML's safe composer (the C one where available) into a
node tree, which we turn into plain Python data ourselves.  Doing that step by
hand is what lets us keep positions, refuse duplicate keys (PyYAML would keep
the last one silently), refuse every tag but the plain YAML ones (so `!!python/…`
never constructs anything), and bound alias expansion before anything walks it.
The plain data is then validated by the pydantic model; its errors are turned
into located, actionable diagnostics.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from yaml.constructor import SafeConstructor

from argmap.diagnostics import Diagnostic, Pos, Severity
from argmap.model import ArgMap
from argmap.validation import describe as _describe
from argmap.validation import translate

try:  # pragma: no cover - depends on how PyYAML was built
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path_ = tuple[str | int, ...]

#: Nesting deeper than this is refused; a map needs about six levels.
MAX_DEPTH = 64
#: Aliases may add at most this many nodes to the document when expanded.
MAX_ALIAS_EXPANSION = 100_000

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_TAG}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_SEQ_TAG = f"{_TAG}seq"
_MAP_TAG = f"{_TAG}map"
_MERGE_TAG = f"{_TAG}merge"
_constructor = SafeConstructor()


@dataclass
class Locations:
    """Where each key and value of the map stands in its file."""

    keys: dict[Path_, Pos] = field(default_factory=dict)
    values: dict[Path_, Pos] = field(default_factory=dict)

    def value(self, path: Path_) -> Pos | None:
        """The position of the value at `path`, or of its nearest located ancestor."""
        while True:
            if path in self.values:
                return self.values[path]
            if not path:
                return None
            path = path[:-1]

    def key(self, path: Path_) -> Pos | None:
        """The position of the key that names `path` (falls back to the value)."""
        return self.keys.get(path) or self.value(path)


@dataclass
class Document:
    """A loaded map: the model (when it validates), its positions and its problems."""

    file: str
    path: Path | None
    text: str = ""
    data: Any = None
    model: ArgMap | None = None
    locations: Locations = field(default_factory=Locations)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: ids of claims present in the file but invalid (left out of `model`)
    broken: set[str] = field(default_factory=set)

    @property
    def ok(self) -> bool:
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)

    def error(self, pos: Pos | None, code: str, message: str, hint: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(self.file, pos, Severity.ERROR, code, message, hint))

    def warning(self, pos: Pos | None, code: str, message: str, hint: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(self.file, pos, Severity.WARNING, code, message, hint))


class _Refused(Exception):
    def __init__(self, pos: Pos | None, code: str, message: str, hint: str | None = None):
        super().__init__(message)
        self.pos, self.code, self.message, self.hint = pos, code, message, hint


def load_file(path: str | Path, display: str | None = None) -> Document:
    """Read and load the map at `path`; problems end up in `Document.diagnostics`."""
    path = Path(path)
    doc = Document(file=display or str(path), path=path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        doc.error(None, "no-file", "no such file", "check the path")
        return doc
    except IsADirectoryError:
        doc.error(None, "no-file", "is a directory, not a map file")
        return doc
    except OSError as exc:
        doc.error(None, "no-file", f"cannot read the file: {exc.strerror or exc}")
        return doc
    return _load(doc, raw)


def load_text(text: str | bytes, file: str = "<map>", path: Path | None = None) -> Document:
    """Load a map from text (or bytes); `path` anchors the relative source file."""
    doc = Document(file=file, path=path)
    return _load(doc, text.encode("utf-8") if isinstance(text, str) else text)


def _load(doc: Document, raw: bytes) -> Document:
    try:
        _parse(doc, raw)
    except _Refused as r:
        doc.error(r.pos, r.code, r.message, r.hint)
    return doc


def _parse(doc: Document, raw: bytes) -> None:
    doc.text = _decode(raw)
    if not _has_content(doc.text):
        raise _Refused(
            Pos(1, 1), "empty", "the file is empty", "a map starts with `argmap: 1` and has `claims:`"
        )
    node = _compose(doc.text)
    _check_alias_expansion(node)
    data = _Builder(doc.locations).build(node, (), 0)
    if not isinstance(data, dict):
        raise _Refused(
            _pos(node.start_mark),
            "not-a-mapping",
            f"the top level of a map must be a mapping of fields, not {_describe(data)}",
            "start with `argmap: 1`, then `title:`, `question:`, `source:` and `claims:`",
        )
    doc.data = data
    _validate(doc, data)


def _decode(raw: bytes) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise _Refused(
            Pos(line, col),
            "not-utf8",
            f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
            "save the map as UTF-8",
        ) from None
    return text.removeprefix("\ufeff")


def _has_content(text: str) -> bool:
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and stripped not in ("---", "..."):
            return True
    return False


def _pos(mark: Any) -> Pos:
    return Pos(mark.line + 1, mark.column + 1)


# --- YAML syntax -------------------------------------------------------------------

_SYNTAX_HINTS = (
    (
        "mapping values are not allowed",
        "yaml-syntax",
        "a ':' inside a plain value",
        'put the value in quotes, e.g. text: "A: B"',
    ),
    (
        "while scanning a quoted scalar",
        "yaml-syntax",
        "a quoted value is never closed",
        "add the closing quote (inside \"…\" write \\\" for a quote; inside '…' write '')",
    ),
    (
        "could not find expected ':'",
        "yaml-syntax",
        "a key without ':' or a quote left open",
        "check this line and the one before it for a missing ':' or closing quote",
    ),
    (
        "found undefined alias",
        "yaml-syntax",
        "an alias (*name) with no matching anchor (&name)",
        "define the anchor before using it, or write the value out",
    ),
    (
        "expected a single document",
        "yaml-syntax",
        "more than one YAML document ('---') in the file",
        "a map is one document: remove the second '---' and what follows, or merge them",
    ),
)


def _compose(text: str) -> yaml.Node:
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, text) from None
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML always marks its errors
        raise _Refused(Pos(1, 1), "yaml-syntax", f"YAML syntax error: {exc}") from None
    except RecursionError:
        raise _too_deep(Pos(1, 1)) from None
    if node is None:  # pragma: no cover - _has_content rules this out
        raise _Refused(Pos(1, 1), "empty", "the file is empty")
    return node


def _syntax_error(exc: yaml.MarkedYAMLError, text: str) -> _Refused:
    mark = exc.problem_mark or exc.context_mark
    pos = _pos(mark) if mark else Pos(1, 1)
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    tab = _tab_near(text, pos)
    if tab is not None:
        return _Refused(
            tab, "tab", "a tab character in the indentation", "YAML indents with spaces: replace it"
        )
    for needle, code, message, hint in _SYNTAX_HINTS:
        if needle in problem or needle in context:
            if "quoted scalar" in needle and exc.context_mark is not None:
                pos = _pos(exc.context_mark)  # where the quote was opened
            return _Refused(pos, code, f"YAML syntax: {message}", hint)
    detail = problem if not context else f"{problem} ({context})"
    return _Refused(pos, "yaml-syntax", f"YAML syntax: {detail}")


def _tab_near(text: str, pos: Pos) -> Pos | None:
    """The tab that most likely caused a syntax error at `pos`, if any."""
    lines = text.split("\n")
    for n in (pos.line, pos.line - 1):
        if 1 <= n <= len(lines):
            line = lines[n - 1]
            indent = line[: len(line) - len(line.lstrip(" \t"))]
            if "\t" in indent:
                return Pos(n, indent.index("\t") + 1)
    return None


def _too_deep(pos: Pos) -> _Refused:
    return _Refused(
        pos,
        "too-deep",
        f"the document is nested more than {MAX_DEPTH} levels deep",
        "a map needs only a few levels: claims → claim → field → list",
    )


# --- nodes → plain data ------------------------------------------------------------


def _check_alias_expansion(root: yaml.Node) -> None:
    """Refuse documents whose aliases would expand to far more than was written.

    The node graph PyYAML composes shares aliased nodes, so it is as small as the
    text; only a walk that expands it can explode ("billion laughs").  We count the
    expanded size with memoisation (linear in the text) before any such walk.
    """
    sizes: dict[int, int] = {}
    active: set[int] = set()
    unique = 0

    def size(node: yaml.Node, depth: int) -> int:
        nonlocal unique
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in active:
            raise _Refused(
                _pos(node.start_mark),
                "alias",
                "an alias refers to the node that contains it (a recursive structure)",
                "write the value out instead of using an alias",
            )
        if depth > MAX_DEPTH:
            raise _too_deep(_pos(node.start_mark))
        unique += 1
        total = 1
        if isinstance(node, yaml.SequenceNode | yaml.MappingNode):
            active.add(key)
            children = (
                node.value
                if isinstance(node, yaml.SequenceNode)
                else [n for pair in node.value for n in pair]
            )
            for child in children:
                total += size(child, depth + 1)
            active.discard(key)
        sizes[key] = total
        return total

    expanded = size(root, 0)
    if expanded - unique > MAX_ALIAS_EXPANSION:
        raise _Refused(
            _pos(root.start_mark),
            "alias-bomb",
            f"aliases expand this document from {unique:,} to {expanded:,} nodes"
            f" (at most {MAX_ALIAS_EXPANSION:,} more are allowed)",
            "write the values out instead of nesting aliases",
        )


class _Builder:
    def __init__(self, locations: Locations):
        self.loc = locations

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise _too_deep(_pos(node.start_mark))
        self.loc.values[path] = _pos(node.start_mark)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if isinstance(node, yaml.SequenceNode):
            self._check_tag(node, _SEQ_TAG)
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        self._check_tag(node, _MAP_TAG)
        return self._mapping(node, path, depth)

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self._key(key_node)
            key_pos = _pos(key_node.start_mark)
            child = (*path, key)
            if key in result:
                first = self.loc.keys[child]
                raise _Refused(
                    key_pos,
                    "duplicate-key",
                    f"duplicate key '{key}' (first at line {first.line})",
                    "YAML keeps only the last one: remove or rename one of them",
                )
            self.loc.keys[child] = key_pos
            result[key] = self.build(value_node, child, depth + 1)
        return result

    def _key(self, node: yaml.Node) -> str:
        if node.tag == _MERGE_TAG:
            raise _Refused(
                _pos(node.start_mark),
                "merge-key",
                "YAML merge keys ('<<') are not supported in maps",
                "write the fields out",
            )
        if not isinstance(node, yaml.ScalarNode):
            raise _Refused(
                _pos(node.start_mark),
                "bad-key",
                "a key must be plain text, not a list or mapping",
                "write `name: value`",
            )
        self._check_tag(node, None)
        return str(node.value)

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        self._check_tag(node, None)
        if node.tag in (f"{_TAG}str", f"{_TAG}timestamp"):
            return node.value  # dates stay as written
        try:
            return _constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError):
            return node.value

    @staticmethod
    def _check_tag(node: yaml.Node, expected: str | None) -> None:
        tag = node.tag
        ok = tag in _SCALAR_TAGS if expected is None else tag == expected
        if not ok:
            shown = tag.replace(_TAG, "!!")
            raise _Refused(
                _pos(node.start_mark),
                "yaml-tag",
                f"YAML tag '{shown}' is not allowed in a map",
                "maps hold only plain text, numbers, lists and mappings: remove the tag",
            )


# --- validation --------------------------------------------------------------------


def _validate(doc: Document, data: dict[str, Any]) -> None:
    try:
        doc.model = ArgMap.model_validate(data)
        return
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    bad_claims: set[str] = set()
    bad_fields: set[str] = set()
    for err in errors:
        loc = err["loc"]
        diag = translate(err, data, doc.locations, doc.file)
        doc.diagnostics.append(diag)
        if len(loc) >= 2 and loc[0] == "claims" and isinstance(loc[1], str):
            bad_claims.add(loc[1])
        elif loc:
            bad_fields.add(str(loc[0]))
    doc.broken = bad_claims
    # Keep what is valid, so that the checks and the editor still see the rest.
    partial = {k: v for k, v in data.items() if k not in bad_fields or k == "argmap"}
    partial["argmap"] = 1
    source = data.get("source")
    if isinstance(source, dict) and "source" in bad_fields:  # keep the source's valid fields
        bad = {str(e["loc"][1]) for e in errors if e["loc"][:1] == ("source",) and len(e["loc"]) > 1}
        if bad:
            partial["source"] = {k: v for k, v in source.items() if k not in bad}
    claims = partial.get("claims")
    if isinstance(claims, dict):
        partial["claims"] = {k: v for k, v in claims.items() if k not in bad_claims}
    try:
        doc.model = ArgMap.model_validate(partial)
    except ValidationError:
        doc.model = None
