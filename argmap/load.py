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

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import yaml
from pydantic import ValidationError
from yaml.constructor import SafeConstructor

from argmap import store
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
    #: ids of claims and arguments present in the file but invalid (left out of `model`)
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
    got = read_map(path, doc)
    return doc if got is None else _load(doc, got[0])


def read_map(path: Path, doc: Document) -> tuple[bytes, store.Identity] | None:
    """The map file's bytes and their identity, or None after an error in `doc` saying why not.

    Only a regular file of at most 16 MB is read (never a FIFO or a device, which
    could block or never end), and a map reached through a symlink only if it
    lies where its articles may (`argmap.access`).
    """
    from argmap import access

    problem = access.map_problem(path)
    if problem is not None:
        doc.error(None, "no-file", problem[0], problem[1])
        return None
    try:
        return store.read_file(path)
    except FileNotFoundError:
        doc.error(None, "no-file", "no such file", "check the path")
    except IsADirectoryError:
        doc.error(None, "no-file", "is a directory, not a map file")
    except store.FileTooLarge as exc:
        doc.error(None, "too-large", f"not read: {exc.strerror}", "a map of 10,000 claims is about 2.4 MB")
    except store.NotRegularFile as exc:
        doc.error(None, "no-file", f"not a map file: {exc.strerror}", "give the path of a .yaml file")
    except OSError as exc:
        doc.error(None, "no-file", f"cannot read the file: {store.reason(exc)}")
    return None


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
    builder = _Builder(doc.locations)
    try:
        data = builder.run(doc.text)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, doc.text) from None
    except yaml.reader.ReaderError as exc:
        raise _unprintable(exc, doc.text) from None
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML always marks its errors
        raise _Refused(Pos(1, 1), "yaml-syntax", f"YAML syntax error: {exc}") from None
    if not isinstance(data, dict):
        raise _Refused(
            builder.root_pos,
            "not-a-mapping",
            f"the top level of a map must be a mapping of fields, not {_describe(data)}",
            "start with `argmap: 1`, then `title:`, `question:`, `source:` and `claims:`",
        )
    doc.data = data
    _validate(doc, data)


def not_utf8(raw: bytes, exc: UnicodeDecodeError) -> tuple[Pos, str]:
    """Where decoding `raw` as UTF-8 failed (line and column as an editor counts them), and what."""
    before = raw[: exc.start]
    line = before.count(b"\n") + 1
    col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
    return Pos(line, col), f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})"


def _decode(raw: bytes) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        pos, message = not_utf8(raw, exc)
        raise _Refused(pos, "not-utf8", message, "save the map as UTF-8") from None
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


#: What YAML counts as a line break (for lines and columns as PyYAML's marks count them).
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def position_of(text: str, index: int) -> Pos:
    """The line and column of character `index` of `text`, counting lines as YAML does."""
    before = text[:index]
    breaks = list(_LINE_BREAK.finditer(before))
    start = breaks[-1].end() if breaks else 0
    return Pos(len(breaks) + 1, index - start + 1)


def char_name(ch: str) -> str:
    """U+001B (ESC), U+FFFE: how a message names a character that cannot be shown."""
    code = ord(ch)
    names = {0: "NUL", 7: "BEL", 8: "BS", 27: "ESC", 127: "DEL", 0x85: "NEL", 0x9B: "CSI"}
    name = names.get(code)
    return f"U+{code:04X}" + (f" ({name})" if name else "")


def _unprintable(exc: yaml.reader.ReaderError, text: str) -> _Refused:
    """A character YAML refuses (NUL, ESC, U+FFFE…), at its true line and column."""
    index = exc.position
    if _Loader.__name__.startswith("C"):  # the C reader counts UTF-8 bytes
        index = len(text.encode("utf-8")[: exc.position].decode("utf-8", "ignore"))
    if not (0 <= index < len(text)) or ord(text[index]) != exc.character:
        found = [i for i, ch in enumerate(text) if ord(ch) == exc.character]
        index = found[0] if found else 0
    return _Refused(
        position_of(text, index),
        "control-character",
        f"the file holds a control character, {char_name(chr(exc.character))}, that YAML does not allow",
        "delete it: a map holds only printable text",
    )


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


# --- events → plain data -----------------------------------------------------------


class _Frame:
    """A mapping or sequence still open while the events stream in."""

    __slots__ = ("anchor", "is_map", "key", "key_path", "path", "pos", "size", "value")

    def __init__(self, value: dict | list, path: Path_, pos: Pos, anchor: str | None) -> None:
        self.value = value
        self.is_map = isinstance(value, dict)
        self.path = path
        self.pos = pos
        self.anchor = anchor
        self.key: str | None = None  # the key whose value comes next (mappings)
        self.key_path: Path_ = ()
        self.size = 1  # nodes in this subtree with aliases expanded


class _Builder:
    """Plain data and positions straight from the parser's events.

    We skip PyYAML's composer (and its resolver's per-scalar method calls): the
    C parser's events carry everything we need, and building from them in one
    loop is about twice as fast on large maps.  Aliases share the anchored
    value instead of copying it, and we count how far they would expand, so a
    "billion laughs" document costs no more than its text to read and is
    refused before anything (pydantic) walks it.
    """

    def __init__(self, locations: Locations) -> None:
        self.loc = locations
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int, str | None]] = {}  # name -> (value, size, raw scalar)
        self.open_anchors: dict[str, Pos] = {}
        self.root: Any = None
        self.root_pos = Pos(1, 1)
        self.written = 0  # nodes written out in the text
        self.extra = 0  # nodes aliases add when expanded
        self.tags: dict[tuple[str, bool], str] = {}

    def run(self, text: str) -> Any:
        documents = 0
        events = yaml.parse(text, Loader=_Loader)
        for event in events:
            kind = type(event)
            # `type(event) is` (faster than isinstance here) does not narrow for mypy: ignored below.
            if kind is yaml.ScalarEvent:
                self._scalar(event)  # type: ignore[arg-type]
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                self._start(event, kind is yaml.MappingStartEvent)  # type: ignore[arg-type]
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                frame = self.stack.pop()
                if frame.anchor is not None:
                    self.anchors[frame.anchor] = (frame.value, frame.size, None)
                    self.open_anchors.pop(frame.anchor, None)
                self._deliver(frame.value, frame.size)
            elif kind is yaml.AliasEvent:
                self._alias(event)  # type: ignore[arg-type]
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Refused(
                        _pos(event.start_mark),
                        "yaml-syntax",
                        "YAML syntax: more than one YAML document ('---') in the file",
                        "a map is one document: remove the second '---' and what follows, or merge them",
                    )
        if self.extra > MAX_ALIAS_EXPANSION:
            raise _Refused(
                self.root_pos,
                "alias-bomb",
                f"aliases expand this document from {self.written:,} to {self.written + self.extra:,} nodes"
                f" (at most {MAX_ALIAS_EXPANSION:,} more are allowed)",
                "write the values out instead of nesting aliases",
            )
        return self.root

    # -- where the next node goes ------------------------------------------------

    def _place(self, pos: Pos) -> Path_ | None:
        """The path of a node starting at `pos`, or None when it is a mapping key."""
        if not self.stack:
            self.root_pos = pos
            path: Path_ = ()
        else:
            parent = self.stack[-1]
            if parent.is_map:
                if parent.key is None:
                    return None
                path = parent.key_path
            else:
                path = (*parent.path, len(parent.value))
        if len(self.stack) > MAX_DEPTH:
            raise _too_deep(pos)
        self.loc.values[path] = pos
        return path

    def _deliver(self, value: Any, size: int) -> None:
        if not self.stack:
            self.root = value
            return
        parent = self.stack[-1]
        if parent.is_map:
            cast(dict, parent.value)[parent.key] = value
            parent.key = None
            parent.size += size + 1  # the key is a node too
        else:
            cast(list, parent.value).append(value)
            parent.size += size

    def _key(self, raw: str, tag: str, pos: Pos) -> None:
        if tag == _MERGE_TAG:
            raise _Refused(
                pos, "merge-key", "YAML merge keys ('<<') are not supported in maps", "write the fields out"
            )
        self._check_tag(tag, None, pos)
        parent = self.stack[-1]
        path = (*parent.path, raw)
        if raw in parent.value:
            first = self.loc.keys[path]
            raise _Refused(
                pos,
                "duplicate-key",
                f"duplicate key '{raw}' (first at line {first.line})",
                "YAML keeps only the last one: remove or rename one of them",
            )
        self.loc.keys[path] = pos
        parent.key = raw
        parent.key_path = path

    # -- the events ----------------------------------------------------------------

    def _scalar(self, event: yaml.ScalarEvent) -> None:
        self.written += 1
        pos = _pos(event.start_mark)
        tag = self._resolve(event)
        raw = event.value
        explicit = event.tag is not None and event.tag != "!"
        if event.anchor is not None:
            self.anchors[event.anchor] = (self._value(raw, tag, pos, explicit), 1, raw)
        if self._place(pos) is None:
            self._key(raw, tag, pos)
            return
        self._deliver(self._value(raw, tag, pos, explicit), 1)

    def _start(self, event: yaml.CollectionStartEvent, is_map: bool) -> None:
        self.written += 1
        pos = _pos(event.start_mark)
        path = self._place(pos)
        if path is None:
            raise _Refused(
                pos, "bad-key", "a key must be plain text, not a list or mapping", "write `name: value`"
            )
        tag = event.tag
        if tag is not None and tag != "!":
            self._check_tag(tag, _MAP_TAG if is_map else _SEQ_TAG, pos)
        if event.anchor is not None:
            self.open_anchors[event.anchor] = pos
        self.stack.append(_Frame({} if is_map else [], path, pos, event.anchor))

    def _alias(self, event: yaml.AliasEvent) -> None:
        pos = _pos(event.start_mark)
        name = event.anchor
        if name in self.open_anchors:
            raise _Refused(
                pos,
                "alias",
                "an alias refers to the node that contains it (a recursive structure)",
                "write the value out instead of using an alias",
            )
        if name not in self.anchors:
            raise _Refused(
                pos,
                "yaml-syntax",
                "YAML syntax: an alias (*name) with no matching anchor (&name)",
                "define the anchor before using it, or write the value out",
            )
        value, size, raw = self.anchors[name]
        if self._place(pos) is None:
            if raw is None:
                raise _Refused(
                    pos, "bad-key", "a key must be plain text, not a list or mapping", "write `name: value`"
                )
            self._key(raw, _TAG + "str", pos)
            return
        self.extra += size
        self._deliver(value, size)

    def _resolve(self, event: yaml.ScalarEvent) -> str:
        """The tag of a scalar: as written, or resolved the way PyYAML's safe loader does."""
        tag = event.tag
        if tag is not None and tag != "!":
            return tag
        if not event.implicit[0]:  # quoted, or tagged '!'
            return _TAG + "str"
        value = event.value
        key = (value, True)
        cached = self.tags.get(key)
        if cached is None:
            cached = _TAG + "str"
            for candidate, regexp in _RESOLVERS.get(value[:1], ()):
                if regexp.match(value):
                    cached = candidate
                    break
            self.tags[key] = cached
        return cached

    def _value(self, raw: str, tag: str, pos: Pos, explicit: bool = False) -> Any:
        self._check_tag(tag, None, pos)
        if tag == _TAG + "str" or tag == _TAG + "timestamp":
            return raw  # dates stay as written
        try:
            return SafeConstructor.yaml_constructors[tag](_constructor, yaml.ScalarNode(tag, raw))
        except Exception:  # PyYAML's constructors raise KeyError, IndexError, ValueError…
            if not explicit:
                return raw
        shown = tag.replace(_TAG, "!!")
        raise _Refused(
            pos,
            "yaml-tag",
            f"{_quoted(raw)} is not a valid {shown} value",
            f"remove the tag '{shown}', or write a value it allows",
        )

    @staticmethod
    def _check_tag(tag: str, expected: str | None, pos: Pos) -> None:
        ok = tag in _SCALAR_TAGS if expected is None else tag == expected
        if not ok:
            shown = tag.replace(_TAG, "!!")
            raise _Refused(
                pos,
                "yaml-tag",
                f"YAML tag '{shown}' is not allowed in a map",
                "maps hold only plain text, numbers, lists and mappings: remove the tag",
            )


def _quoted(raw: str, limit: int = 40) -> str:
    return repr(raw if len(raw) <= limit else raw[: limit - 1] + "…")


#: PyYAML's implicit resolvers of the safe loader, by first character ('' for the empty scalar).
_RESOLVERS: dict[str, list[tuple[str, Any]]] = {
    first: list(resolvers)
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
    if first is not None
}


# --- validation --------------------------------------------------------------------


def _validate(doc: Document, data: dict[str, Any]) -> None:
    try:
        doc.model = ArgMap.model_validate(data)
        return
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    bad: dict[str, set[str]] = {"claims": set(), "arguments": set()}
    bad_fields: set[str] = set()
    for err in errors:
        loc = err["loc"]
        diag = translate(err, data, doc.locations, doc.file)
        doc.diagnostics.append(diag)
        if len(loc) >= 2 and loc[0] in bad and isinstance(loc[1], str):
            bad[str(loc[0])].add(loc[1])
        elif loc:
            bad_fields.add(str(loc[0]))
    doc.broken = bad["claims"] | bad["arguments"]
    # Keep what is valid, so that the checks and the editor still see the rest.
    partial = {k: v for k, v in data.items() if k not in bad_fields or k == "argmap"}
    partial["argmap"] = 1
    source = data.get("source")
    if isinstance(source, dict) and "source" in bad_fields:  # keep the source's valid fields
        bad_source = {str(e["loc"][1]) for e in errors if e["loc"][:1] == ("source",) and len(e["loc"]) > 1}
        if bad_source:
            partial["source"] = {k: v for k, v in source.items() if k not in bad_source}
    for section, ids in bad.items():
        entries = partial.get(section)
        if isinstance(entries, dict):
            partial[section] = {k: v for k, v in entries.items() if k not in ids}
    try:
        doc.model = ArgMap.model_validate(partial)
    except ValidationError:
        doc.model = None
