"""Argdown (https://argdown.org) ↔ argmap.

Export writes each claim as an Argdown statement whose title is the claim id,
in map order, with its outgoing relations indented below it:

    [recent-tests]: Since its September 9 parade, … #military {kind: evidence, by: "author", quote: "…"}
      +> [tests-pose-threat]

This is Argdown's tree form with outgoing arrows; it keeps the order of every
`supports`/`opposes` list, so a round trip gives back an equal model.  What
Argdown has no syntax for (kind, by, quote, note, weight) travels in the
statement's `{…}` YAML data; question and source travel in the front matter
under `argmap:`.  Text Argdown would read as markup is backslash-escaped;
text Argdown cannot hold on one line (line breaks, runs of spaces) is also
given exactly as `text:` in the data.

Import reads the Argdown most people write: front matter, headings, comments
(`//`, `/* */`, `<!-- -->`), statements `[T]: text`, references `[T]`,
untitled statements, arguments `<A>: text`, tags `#t` / `#(t t)`, `{data}`,
relations in tree form (`+ - <+ <- +> -> >< _> <_ _`) at any depth, and
premise–conclusion structures (`(1) …`, `----` or `-- rule {uses: [1]} --`).
What argmap has no place for is mapped and reported, never dropped:
an argument with a premise–conclusion structure stands for its conclusion and
each premise supports the conclusion it leads to; an argument without one is a
claim with its description as text; an undercut opposes the argument's claim;
a contradiction (`><`) is opposition both ways.  Headings give the map's
title (the first one) and are otherwise structure, not content.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

import yaml
from pydantic import BaseModel

from argmap.diagnostics import Pos
from argmap.dump import CLAIM_DEFAULTS, MAP_DEFAULTS, _double, _float, _key
from argmap.formats import Imported
from argmap.formats._build import (
    EXTRA_FIELDS,
    MAP_EXTRA_FIELDS,
    MapBuilder,
    field_value,
    map_fields_problem,
)
from argmap.model import ArgMap, Claim

# --- export -----------------------------------------------------------------------

#: Characters escaped in statement text: everything Argdown could read as markup mid-line
#: (`//` and `/*` comments, `===` front matter, `:name:` special characters included).
_ESCAPE = re.compile(r"([\\\[\]<>{}#*_@])|/(?=[/*])|=(?==)|:(?=[^\s:]+:)")
_SIMPLE_TAG = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*")


def export(model: ArgMap) -> str:
    """The map as an Argdown document that `parse` reads back as an equal model."""
    out = _front_matter(model)
    if model.title:
        out += [f"# {_escape(' '.join(model.title.split()))}", ""]
    for cid, claim in model.claims.items():
        out.append(_statement(cid, claim))
        out += [f"  +> [{target}]" for target in claim.supports]
        out += [f"  -> [{target}]" for target in claim.opposes]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _front_matter(model: ArgMap) -> list[str]:
    """`===` YAML front matter: Argdown's `title`, and every other map field under `argmap:`."""
    lines = ["==="]
    if model.title:
        lines.append(f"title: {_yaml_string(model.title)}")
    lines += ["argmap:", "  version: 1"]
    for key in MAP_EXTRA_FIELDS:
        value = getattr(model, key)
        if key != "title" and value != MAP_DEFAULTS[key]:
            lines += _front_value(key, value, 2)
    return [*lines, "===", ""]


def _front_value(key: str, value: Any, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json", exclude_none=True)
    if isinstance(value, dict):
        return [
            f"{pad}{key}:",
            *[
                line
                for k, v in value.items()
                for line in _front_value(_key(k) if "===" not in k else _yaml_string(k), v, indent + 2)
            ],
        ]
    if isinstance(value, list):
        return [f"{pad}{key}: [" + ", ".join(_yaml_string(str(v)) for v in value) + "]"]
    if isinstance(value, float):
        return [f"{pad}{key}: {_float(value)}"]
    return [f"{pad}{key}: {_yaml_string(str(value))}"]


def _statement(cid: str, claim: Claim) -> str:
    one_line = " ".join(claim.text.split())
    data: dict[str, Any] = {}
    for key in EXTRA_FIELDS:  # every field Argdown has no syntax for, when it is set
        value = getattr(claim, key)
        if key in ("text", "tags") or value == CLAIM_DEFAULTS[key]:
            continue
        if isinstance(value, Enum):
            value = value.value
        data[key] = value[0] if key == "quote" and len(value) == 1 else value
    inline_tags = all(_inline_tag(t) for t in claim.tags)
    if not inline_tags:
        data["tags"] = claim.tags
    if one_line != claim.text:
        data["text"] = claim.text
    parts = [f"[{cid}]: {_escape(one_line)}"]
    if inline_tags:
        parts += [f"#{t}" if _SIMPLE_TAG.fullmatch(t) else f"#({t})" for t in claim.tags]
    if data:
        parts.append(_data(data))
    return " ".join(parts)


#: Tags written inline as #(…): words without Argdown syntax, single spaces between them.
_INLINE_TAG = re.compile(r"[^\s()\\{}\[\]<>/#*_@=]+(?: [^\s()\\{}\[\]<>/#*_@=]+)*")


def _inline_tag(tag: str) -> bool:
    """True when `#tag` or `#(tag)` gives the tag back exactly (others go in the data)."""
    return _INLINE_TAG.fullmatch(tag) is not None


def _escape(text: str) -> str:
    return _ESCAPE.sub(lambda m: "\\" + m.group(0), text)


def _data(data: dict[str, Any]) -> str:
    items = []
    for key, value in data.items():
        if isinstance(value, list):
            shown = "[" + ", ".join(_data_string(str(v)) for v in value) + "]"
        elif isinstance(value, float):
            shown = _float(value)
        else:
            shown = _data_string(str(value))
        items.append(f"{key}: {shown}")
    return "{" + ", ".join(items) + "}"


def _data_string(value: str) -> str:
    """A double-quoted YAML string that cannot end Argdown's `{…}` data early."""
    return _double(value).replace("{", "\\x7b").replace("}", "\\x7d")


def _yaml_string(value: str) -> str:
    """A double-quoted YAML string that cannot end the `===` front matter early."""
    return _double(value).replace("===", "\\x3d==")


try:  # pragma: no cover - depends on how PyYAML was built
    _YAML_LOADER: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _YAML_LOADER = yaml.SafeLoader

# --- import: characters -----------------------------------------------------------


@dataclass
class _Data:
    text: str
    pos: Pos


@dataclass
class _Line:
    """One line of the document with comments and `{data}` taken out.

    `chars` holds (character, literal, column); literal characters came from a
    backslash escape (or a link) and never count as syntax.
    """

    no: int
    chars: list[tuple[str, bool, int]] = field(default_factory=list)
    data: list[_Data] = field(default_factory=list)

    @functools.cached_property  # lines are complete once scanned
    def view(self) -> str:
        """The line with literal characters masked, for finding syntax."""
        return "".join("a" if lit else ch for ch, lit, _ in self.chars)

    @functools.cached_property
    def raw(self) -> str:
        return "".join(ch for ch, _, _ in self.chars)

    def col(self, index: int) -> int:
        if index < len(self.chars):
            return self.chars[index][2]
        return self.chars[-1][2] + 1 if self.chars else 1

    def pos(self, index: int = 0) -> Pos:
        return Pos(self.no, self.col(index))


class ArgdownSyntaxError(Exception):
    def __init__(self, pos: Pos, message: str, hint: str | None = None):
        super().__init__(message)
        self.pos, self.message, self.hint = pos, message, hint


#: A run of characters none of which can start an escape, comment, data block or link.
_PLAIN_RUN = re.compile(r"[^\n\\/<{\[]+")
_LINK = re.compile(r"\[[^\]\n]+?\]\([^)\n]+?\)")


def _scan(text: str, first_line: int = 1) -> list[_Line]:
    """Split the text into lines, dropping comments and lifting out `{data}` blocks."""
    lines: list[_Line] = []
    line = _Line(first_line)
    i, n, no, col = 0, len(text), first_line, 1

    def newline() -> None:
        nonlocal line, no, col
        lines.append(line)
        no += 1
        col = 1
        line = _Line(no)

    def skip_to(end: int) -> None:
        """Skip text[i:end], keeping count of lines (comments and data may span several)."""
        nonlocal i, col
        while i < end:
            if text[i] == "\n":
                newline()
            else:
                col += 1
            i += 1

    while i < n:
        c = text[i]
        if c == "\n":
            newline()
            i += 1
        elif c == "\\" and i + 1 < n and text[i + 1] != "\n":
            line.chars.append((text[i + 1], True, col))
            i += 2
            col += 2
        elif text.startswith(("/*", "<!--"), i):
            close = "*/" if c == "/" else "-->"
            end = text.find(close, i + 2)
            if end < 0:
                raise ArgdownSyntaxError(
                    Pos(no, col),
                    f"comment opened with '{text[i : i + len(close)]}' is never closed",
                    f"close it with '{close}'",
                )
            skip_to(end + len(close))
        elif text.startswith("//", i):
            end = text.find("\n", i)
            skip_to(n if end < 0 else end)
        elif c == "{":
            start = Pos(no, col)
            end = _data_end(text, i, start)
            line.data.append(_Data(text[i : end + 1], start))
            skip_to(end + 1)
        elif plain := _PLAIN_RUN.match(text, i):  # the common case: text with no syntax in it
            run = plain.group(0)
            line.chars.extend((ch, False, col + k) for k, ch in enumerate(run))
            col += len(run)
            i = plain.end()
        elif c == "[" and (link := _LINK.match(text, i)):
            for k, ch in enumerate(link.group(0)):
                line.chars.append((ch, True, col + k))
            col += len(link.group(0))
            i = link.end()
        else:
            line.chars.append((c, False, col))
            i += 1
            col += 1
    lines.append(line)
    return lines


def _data_end(text: str, start: int, pos: Pos) -> int:
    """The index of the `}` closing the data block opened at `start` (YAML quotes respected)."""
    depth, i, n = 0, start, len(text)
    while i < n:
        c = text[i]
        if c in "{[":
            depth += 1
        elif c in "}]":
            depth -= 1
            if depth == 0:
                return i
        elif c == '"':
            i += 1
            while i < n and text[i] != '"':
                i += 2 if text[i] == "\\" else 1
        elif c == "'":
            i += 1
            while i < n and (text[i] != "'" or text.startswith("''", i)):
                i += 2 if text[i] == "'" else 1
        i += 1
    raise ArgdownSyntaxError(
        pos, "a '{' data block is never closed", "close it with '}' (write \\{ for a brace)"
    )


# --- import: elements -------------------------------------------------------------


@dataclass
class _Element:
    """A statement or an argument: one node of the Argdown document."""

    kind: str  # "statement" | "argument"
    title: str
    pos: Pos
    text: str = ""
    text_pos: Pos | None = None
    tags: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    data_pos: dict[str, Pos] = field(default_factory=dict)
    titled: bool = True
    #: for arguments: statements (title, number) and inferences of the reconstruction
    pcs: list[tuple[str, Any, Pos]] = field(default_factory=list)
    defined: bool = False
    #: when the element was first defined (with text), for the order of the claims
    order: float = float("inf")

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.title)


@dataclass
class _Rel:
    source: tuple[str, str]
    target: tuple[str, str]
    type: str  # support | attack | undercut | contradiction
    pos: Pos


_RELATION = re.compile(r"^([ \t]*)(\+>|->|<\+|<-|><|_>|<_|\+|-|_)(?=\s|$)[ \t]*")
_STATEMENT = re.compile(r"^\[([^\]\n]+)\](:?)[ \t]*")
_ARGUMENT = re.compile(r"^<([^>\n]+)>(:?)[ \t]*")
_PCS_ITEM = re.compile(r"^[ \t]*\((\d+)\)[ \t]*")
_INFERENCE = re.compile(r"^[ \t]*--")
_HEADING = re.compile(r"^(#+) ")
_TAG = re.compile(r"#\(([^)\n]+)\)[ \t]?|#([A-Za-z0-9\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]+)[ \t]?")

# relation symbol -> (type, True when the line's element is the source)
_SYMBOLS = {
    "+": ("support", True),
    "<+": ("support", True),
    "-": ("attack", True),
    "<-": ("attack", True),
    "+>": ("support", False),
    "->": ("attack", False),
    "_": ("undercut", True),
    "<_": ("undercut", True),
    "_>": ("undercut", False),
    "><": ("contradiction", True),
}


class _Reader:
    """Walks the lines once, collecting elements and relations in document order."""

    def __init__(self, file: str):
        self.file = file
        self.builder = MapBuilder(file)
        self.elements: dict[tuple[str, str], _Element] = {}
        self.relations: list[_Rel] = []
        self.headings: list[str] = []
        self.untitled = 0
        self.stack: list[tuple[int, _Element]] = []  # (indent, element) of the open tree
        self.last: _Element | None = None  # the element a continuation line adds text to
        self.blank_before = True
        self.argument: _Element | None = None  # the argument whose reconstruction is open
        self.inference_open: Pos | None = None  # where a multi-line inference ('--' … '--') began
        self._pending_inference_data: list[_Data] = []
        self.defined = 0  # counts definitions, to keep claims in the order they are defined

    # -- lines --

    def read(self, lines: list[_Line]) -> None:
        for line in lines:
            self._line(line)
        if self.inference_open is not None:
            raise ArgdownSyntaxError(
                self.inference_open, "an inference ('--') is never closed", "end it with '--'"
            )

    def _line(self, line: _Line) -> None:
        view = line.view
        if self.inference_open is not None:
            self._inference_body(line, view)
            return
        if not view.strip():
            if line.data:
                self._attach_data(self.last, line)
                return
            self.stack = []
            self.last = None
            self.blank_before = True
            return
        blank_before, self.blank_before = self.blank_before, False
        if m := _HEADING.match(view):
            self.headings.append(" ".join(line.raw[m.end() :].split()))
            self.stack, self.last, self.argument = [], None, None
            return
        if _INFERENCE.match(view):
            self._inference(line, view)
            return
        if m := _PCS_ITEM.match(view):
            self._pcs_statement(line, m)
            return
        if m := _RELATION.match(view):
            self._relation(line, m, blank_before)
            return
        if (
            not blank_before
            and self.last is not None
            and not (_STATEMENT.match(view.lstrip()) or _ARGUMENT.match(view.lstrip()))
        ):
            self._continue(line)
            return
        self._top(line, blank_before)

    def _top(self, line: _Line, blank_before: bool) -> None:
        view = line.view
        start = len(view) - len(view.lstrip())
        indent = len(view[:start].expandtabs(4))
        element = self._element(line, start)
        if element is None:
            return
        if element.kind == "argument":
            self.argument = element
        elif blank_before:
            self.argument = None
        self.stack = [(indent, element)]
        self.last = element

    def _relation(self, line: _Line, m: re.Match[str], blank_before: bool) -> None:
        indent = len(m.group(1).expandtabs(4))
        if blank_before:
            raise ArgdownSyntaxError(
                line.pos(len(m.group(1))),
                "a relation after an empty line",
                "relations belong right under their statement: remove the empty line",
            )
        while self.stack and self.stack[-1][0] >= indent:
            self.stack.pop()
        if not self.stack:
            raise ArgdownSyntaxError(
                line.pos(len(m.group(1))),
                f"relation '{m.group(2)}' has no statement or argument above it",
                "indent it under the statement it relates to",
            )
        parent = self.stack[-1][1]
        child = self._element(line, m.end())
        if child is None:
            raise ArgdownSyntaxError(
                line.pos(m.end()),
                f"relation '{m.group(2)}' relates to nothing",
                "write a statement or argument after it",
            )
        rtype, child_is_source = _SYMBOLS[m.group(2)]
        source, target = (child, parent) if child_is_source else (parent, child)
        self.relations.append(_Rel(source.key, target.key, rtype, line.pos(len(m.group(1)))))
        self.stack.append((indent, child))
        self.last = child

    def _continue(self, line: _Line) -> None:
        """A line that carries on the text of the statement or argument above it."""
        element = self.last
        assert element is not None
        text, tags = self._text(line, 0)
        element.text = f"{element.text} {text}".strip()
        element.tags += tags
        self._attach_data(element, line)

    # -- argument reconstructions --

    def _pcs_statement(self, line: _Line, m: re.Match[str]) -> None:
        if self.argument is None:
            self.untitled += 1
            self.argument = self._get("argument", f"\nargument {self.untitled}", line.pos(), titled=False)
            self.argument.defined = True
        element = self._element(line, m.end())
        if element is None:
            raise ArgdownSyntaxError(line.pos(m.end()), f"premise ({m.group(1)}) has no text")
        self.argument.pcs.append(("statement", (element.title, int(m.group(1))), line.pos()))
        self.stack = [(len(m.group(0)) - len(m.group(0).lstrip()), element)]
        self.last = element

    def _inference(self, line: _Line, view: str) -> None:
        if self.argument is None or not any(k == "statement" for k, _, _ in self.argument.pcs):
            raise ArgdownSyntaxError(
                line.pos(len(view) - len(view.lstrip())),
                "an inference line ('--') outside a premise–conclusion structure",
                "start the reconstruction with numbered premises: (1) …",
            )
        body = view.strip()
        stripped = body.strip("-").strip()
        if re.fullmatch(r"-{2,3}", body):  # '--' (or '---') opens a multi-line inference
            self.inference_open = line.pos()
            self._pending_inference_data = list(line.data)
            return
        if not re.fullmatch(r"-{2,}.*?-{2,}|-{4,}", body) and stripped:
            raise ArgdownSyntaxError(
                line.pos(), "an inference line must end with '--'", "write -- rule name --"
            )
        self._add_inference(line.pos(), line.data)

    def _inference_body(self, line: _Line, view: str) -> None:
        assert self.inference_open is not None
        if re.fullmatch(r"[ \t]*-{2,}[ \t]*", view):
            pos = self.inference_open
            self.inference_open = None
            self._add_inference(pos, [*self._pending_inference_data, *line.data])
        else:
            self._pending_inference_data += line.data

    def _add_inference(self, pos: Pos, data: list[_Data]) -> None:
        assert self.argument is not None
        uses: list[int] | None = None
        for block in data:
            values = self._yaml(block)
            if "uses" in values:
                raw = values["uses"]
                if not isinstance(raw, list) or not all(isinstance(u, int) for u in raw):
                    raise ArgdownSyntaxError(
                        block.pos, "'uses' must be a list of premise numbers, e.g. [1, 2]"
                    )
                uses = raw
        self.argument.pcs.append(("inference", uses, pos))
        self.stack, self.last = [], None

    # -- one element on a line --

    def _element(self, line: _Line, start: int) -> _Element | None:
        """The statement or argument written on `line` from `start` (after any relation symbol)."""
        rest = line.view[start:]
        if m := _STATEMENT.match(rest):
            return self._titled(line, "statement", m, start)
        if m := _ARGUMENT.match(rest):
            return self._titled(line, "argument", m, start)
        text, tags = self._text(line, start)
        if not text and not tags:
            return None
        self.untitled += 1
        element = self._get("statement", f"\nuntitled {self.untitled}", line.pos(start), titled=False)
        element.defined = True
        self.defined += 1
        element.order = self.defined
        element.text, element.text_pos = text, line.pos(start)
        element.tags += tags
        self._attach_data(element, line)
        return element

    def _titled(self, line: _Line, kind: str, m: re.Match[str], start: int) -> _Element:
        title = " ".join(line.raw[start + 1 : start + 1 + len(m.group(1))].split())
        element = self._get(kind, title, line.pos(start))
        text, tags = self._text(line, start + m.end())
        if m.group(2) or text:
            if element.defined and text and element.text and text != element.text:
                self.builder.warning(
                    line.pos(start),
                    "another-text",
                    f"{_show(element)} already has a text (line {_line_of(element.text_pos)});"
                    " this one is left out",
                    "argmap keeps one text per claim: merge the two texts",
                )
            elif text:
                element.text, element.text_pos = text, line.pos(start + m.end())
            if not element.defined:
                self.defined += 1
                element.order = self.defined
            element.defined = True
        element.tags += tags if not element.tags else [t for t in tags if t not in element.tags]
        self._attach_data(element, line)
        return element

    def _get(self, kind: str, title: str, pos: Pos, titled: bool = True) -> _Element:
        """The element with this title, made on first mention (untitled ones get a line-break
        title, which no written title can have, so they never meet a titled one)."""
        key = (kind, title)
        if key not in self.elements:
            self.elements[key] = _Element(kind, title, pos, titled=titled)
        return self.elements[key]

    def _text(self, line: _Line, start: int) -> tuple[str, list[str]]:
        """The text from `start` with its tags taken out, and the tags."""
        view, raw = line.view[start:], line.raw[start:]
        tags: list[str] = []
        kept: list[str] = []
        last = 0
        for m in _TAG.finditer(view):
            kept.append(raw[last : m.start()])
            tag_span = m.span(1) if m.group(1) is not None else m.span(2)
            tags.append(raw[tag_span[0] : tag_span[1]])
            last = m.end()
        kept.append(raw[last:])
        return " ".join("".join(kept).split()), tags

    def _attach_data(self, element: _Element | None, line: _Line) -> None:
        for block in line.data:
            if element is None:
                self.builder.warning(
                    block.pos, "stray-data", "a {data} block that belongs to no statement; left out"
                )
                continue
            for key, value in self._yaml(block).items():
                element.data.setdefault(key, value)
                element.data_pos.setdefault(key, block.pos)

    def _yaml(self, block: _Data) -> dict[Any, Any]:
        try:
            value = yaml.load(block.text, Loader=_YAML_LOADER)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark
            pos = block.pos
            if mark is not None:
                col = mark.column + 1 + (block.pos.col - 1 if mark.line == 0 else 0)
                pos = Pos(block.pos.line + mark.line, col)
            raise ArgdownSyntaxError(pos, f"the {{data}} block is not valid YAML: {exc.problem}") from None
        except yaml.YAMLError as exc:
            raise ArgdownSyntaxError(block.pos, f"the {{data}} block is not valid YAML: {exc}") from None
        if not isinstance(value, dict):
            raise ArgdownSyntaxError(block.pos, "a {data} block must hold key: value pairs")
        return value


def _show(element: _Element) -> str:
    if not element.titled:
        return f"the untitled {element.kind}"
    return f"[{element.title}]" if element.kind == "statement" else f"<{element.title}>"


# --- import: elements → claims ----------------------------------------------------


def parse(text: str, file: str) -> Imported:
    """Read an Argdown document; located errors and warnings about it come with the map."""
    builder: MapBuilder | None = None
    try:
        text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        front, body, first_line = _split_front_matter(text)
        reader = _Reader(file)
        builder = reader.builder
        reader.read(_scan(body, first_line))
        settings = _front_settings(front, builder)
        return _Converter(reader, settings).build()
    except ArgdownSyntaxError as exc:
        failed = builder or MapBuilder(file)
        failed.error(exc.pos, "argdown-syntax", exc.message, exc.hint)
        return Imported(None, failed.diagnostics)


def _split_front_matter(text: str) -> tuple[tuple[str, Pos] | None, str, int]:
    """The YAML front matter (with its position), and the rest of the document."""
    m = re.match(r"\A(\s*)(===+)[ \t]*\n", text)
    if not m:
        return None, text, 1
    close = re.compile(r"^===+[ \t]*$", re.M)
    end = close.search(text, m.end())
    start_line = m.group(1).count("\n") + 1
    if end is None:
        raise ArgdownSyntaxError(
            Pos(start_line, 1), "the front matter ('===') is never closed", "end it with a line '==='"
        )
    yaml_text = text[m.end() : end.start()]
    rest = text[end.end() :]
    rest_line = text[: end.end()].count("\n") + 1
    return (yaml_text, Pos(start_line + 1, 1)), rest, rest_line


def _front_settings(front: tuple[str, Pos] | None, builder: MapBuilder) -> dict[str, Any]:
    if front is None:
        return {}
    text, pos = front
    try:
        data = yaml.load(text, Loader=_YAML_LOADER) if text.strip() else {}
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = Pos(pos.line + mark.line, mark.column + 1) if mark else pos
        raise ArgdownSyntaxError(where, f"the front matter is not valid YAML: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise ArgdownSyntaxError(pos, f"the front matter is not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise ArgdownSyntaxError(pos, "the front matter must hold key: value pairs")
    settings: dict[str, Any] = {"has_argmap": "argmap" in data, "fields": {}}
    fields = settings["fields"]
    if isinstance(data.get("title"), str) and data["title"].strip():
        fields["title"] = data["title"]
    block = data.get("argmap")
    if block is None:
        return settings
    if not isinstance(block, dict):
        raise ArgdownSyntaxError(pos, "'argmap' in the front matter must hold key: value pairs")
    for key, value in block.items():
        if key in MAP_EXTRA_FIELDS:
            fields[key] = value
        elif key != "version":
            builder.warning(
                pos, "unknown-setting", f"'argmap: {key}' in the front matter is not a map field; left out"
            )
    problem = map_fields_problem(fields)
    if problem:
        field, what = problem
        raise ArgdownSyntaxError(pos, f"'{field}' in the front matter: {what}")
    return settings


class _Converter:
    """Elements and relations → claims: arguments with a reconstruction stand for their conclusion."""

    def __init__(self, reader: _Reader, settings: dict[str, Any]):
        self.reader = reader
        self.builder = reader.builder
        self.settings = settings
        self.ids: dict[tuple[str, str], str] = {}
        self.stands_for: dict[tuple[str, str], tuple[str, str]] = {}

    def build(self) -> Imported:
        self._arguments()
        related = self._related()
        # in the order of definition; statements only mentioned come last, in order of mention
        for element in sorted(self.reader.elements.values(), key=lambda e: e.order):
            if element.key in self.stands_for:
                continue
            if not element.titled and element.key not in related:
                self.builder.warning(
                    element.pos,
                    "untitled-text",
                    f"text without a title or relations is not a claim; left out: “{_short(element.text)}”",
                    "give it a title, [Title]: text, to keep it",
                )
                continue
            self._claim(element)
        self._relations()
        fields = dict(self.settings.get("fields", {}))
        if not fields.get("title") and self.reader.headings:
            fields["title"] = self.reader.headings[0]
        return self.builder.build(fields, infer_positions=not self.settings.get("has_argmap"))

    def _related(self) -> set[tuple[str, str]]:
        """The elements taking part in a relation (reconstructions add theirs first)."""
        return {key for r in self.reader.relations for key in (r.source, r.target)}

    def _arguments(self) -> None:
        """Each reconstructed argument: premises support their conclusion; the argument is its conclusion."""
        for arg in list(self.reader.elements.values()):
            if arg.kind != "argument" or not arg.pcs:
                continue
            if arg.pcs[-1][0] != "statement" or not any(k == "inference" for k, _, _ in arg.pcs):
                raise ArgdownSyntaxError(
                    arg.pcs[-1][2],
                    f"the reconstruction of {_show(arg)} does not end in a conclusion",
                    "end it with an inference line (-----) and the conclusion: (n) …",
                )
            numbers: dict[int, str] = {}
            since: list[str] = []
            conclusion = ""
            for i, (kind, value, pos) in enumerate(arg.pcs):
                if kind == "statement":
                    title, number = value
                    numbers[number] = title
                    since.append(title)
                    continue
                conclusion = (
                    arg.pcs[i + 1][1][0] if i + 1 < len(arg.pcs) and arg.pcs[i + 1][0] == "statement" else ""
                )
                if not conclusion:
                    raise ArgdownSyntaxError(pos, "an inference line with no conclusion after it")
                premises = since
                if value is not None:
                    unknown = [u for u in value if u not in numbers]
                    if unknown:
                        raise ArgdownSyntaxError(
                            pos, f"'uses' names premise ({unknown[0]}), which is not above it"
                        )
                    premises = [numbers[u] for u in value]
                for premise in premises:
                    self.reader.relations.append(
                        _Rel(("statement", premise), ("statement", conclusion), "support", pos)
                    )
                since = []
            self.stands_for[arg.key] = ("statement", conclusion)
            concluded = self.reader.elements[("statement", conclusion)]
            if arg.text:
                concluded.data.setdefault("note", "")
                extra = (
                    f"Argdown argument <{arg.title}>: {arg.text}"
                    if arg.titled
                    else f"Argdown argument: {arg.text}"
                )
                concluded.data["note"] = f"{concluded.data['note']}\n{extra}".strip()
            self.builder.warning(
                arg.pos,
                "argument-mapped",
                f"{_show(arg)} is a premise–conclusion structure: mapped to its conclusion "
                f"[{conclusion}], with each premise supporting the conclusion it leads to",
            )

    def _claim(self, element: _Element) -> None:
        fields: dict[str, Any] = {}
        data = dict(element.data)
        text = data.pop("text", None)
        if text is not None and not (isinstance(text, str) and text.strip()):
            raise ArgdownSyntaxError(element.data_pos["text"], "'text' in the data must be text")
        text = text or element.text
        if not text:
            text = element.title
            what = "argument has no description" if element.kind == "argument" else "statement has no text"
            self.builder.warning(
                element.pos, "no-text", f"{_show(element)}: the {what}; its title is used as its text"
            )
        fields["text"] = text
        self._data_fields(element, data, fields)
        tags = fields.pop("tags", None)
        if tags and element.tags:
            tags = [*element.tags, *(t for t in tags if t not in element.tags)]
        if tags or element.tags:
            fields["tags"] = tags or element.tags
        wanted = element.title if element.titled else element.text
        cid = self.builder.new_id(wanted)
        self.ids[element.key] = cid
        self.builder.add_claim(cid, fields)

    def _data_fields(self, element: _Element, data: dict[str, Any], fields: dict[str, Any]) -> None:
        """Check and copy the argmap fields of an element's `{data}`; report the rest as left out."""
        for key, value in data.items():
            pos = element.data_pos.get(key, element.pos)
            if key not in EXTRA_FIELDS:
                self.builder.warning(
                    pos, "unknown-data", f"{_show(element)}: data '{key}' has no argmap field; left out"
                )
                continue
            checked, problem = field_value(key, value)
            if problem:
                raise ArgdownSyntaxError(pos, f"{_show(element)}: {problem}")
            fields[key] = checked

    def _relations(self) -> None:
        for rel in self.reader.relations:
            source, target = self._node(rel.source, rel.pos), self._node(rel.target, rel.pos)
            if source is None or target is None:
                continue
            if rel.type == "support":
                self.builder.relate(source, target, "supports", rel.pos)
            elif rel.type == "attack":
                self.builder.relate(source, target, "opposes", rel.pos)
            elif rel.type == "contradiction":
                self.builder.relate(source, target, "opposes", rel.pos)
                self.builder.relate(target, source, "opposes", rel.pos)
            else:
                self.builder.warning(
                    rel.pos,
                    "undercut-mapped",
                    f"undercut of {_show(self.reader.elements[rel.target])} mapped to opposing '{target}'",
                    "argmap has no undercuts: an attack on an inference becomes an attack on its conclusion",
                )
                self.builder.relate(source, target, "opposes", rel.pos)

    def _node(self, key: tuple[str, str], pos: Pos) -> str | None:
        key = self.stands_for.get(key, key)
        return self.ids.get(key)


def _line_of(pos: Pos | None) -> str:
    return str(pos.line) if pos else "?"


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
