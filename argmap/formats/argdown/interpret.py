"""Argdown's model of a document, built as `@argdown/core` 1.7.5 builds it.

This is a port of Argdown's "build-model" step (DataPlugin, ModelPlugin,
ExplodeArgumentsPlugin and RegroupPlugin): the parse tree is walked once and each rule and
token does what its listener in ModelPlugin.js does.  The result is Argdown's own model:

- statements grouped in equivalence classes by title, each with its members (every place
  the statement is written), tags and merged `{data}`;
- arguments with their descriptions, tags, data and premise–conclusion structure (pcs):
  statements with the roles premise, intermediary or main conclusion, and the inference
  (rule names, data) before each conclusion;
- relations (support, attack, undercut, contradictory; in strict mode entails and contrary)
  between equivalence classes, arguments and inferences;
- sections from headings.

The port keeps Argdown's quirks on purpose, because the point is to read a file as Argdown
does (an undercut written under a plain statement after an argument reconstruction attaches
to that reconstruction's last inference, as Argdown's does).  `reader.py` turns this model
into a map; `tests/test_argdown_syntax.py` checks it against Argdown's own output.

Front matter works as in Argdown: its settings (`model: {mode: strict}`,
`model: {removeTagsFromText: true}`, `model: {explodeArguments: true}`, `group: {regroup: …}`,
`model: {shortcodes: …}`) change how the model is built.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any, TypeGuard

import yaml

from argmap.formats.argdown import lexer as lx
from argmap.formats.argdown import parser as ps
from argmap.formats.argdown.lexer import Token
from argmap.formats.argdown.parser import Node
from argmap.formats.argdown.shortcodes import SHORTCODES
from argmap.formats.argdown.yaml12 import load as load_yaml

# Statement roles (Argdown's StatementRole)
PREMISE = "premise"
INTERMEDIARY_CONCLUSION = "intermediary-conclusion"
MAIN_CONCLUSION = "main-conclusion"
ARGUMENT_DESCRIPTION = "argument-description"
TOP_LEVEL_STATEMENT = "top-level-statement"
RELATION_STATEMENT = "relation-statement"

# Range types of bold and italic text (the rule names)
RANGE_BOLD, RANGE_ITALIC = "bold", "italic"

# Relation types (Argdown's RelationType)
SUPPORT, ATTACK, UNDERCUT = "support", "attack", "undercut"
CONTRADICTORY, CONTRARY, ENTAILS = "contradictory", "contrary", "entails"


class ArgdownModelError(Exception):
    """What Argdown reports as a plugin error (the model cannot be built), at a line."""

    def __init__(self, line: int | None, column: int | None, message: str, hint: str | None = None):
        super().__init__(message)
        self.line, self.column, self.message, self.hint = line, column, message, hint


@dataclass(eq=False)
class Range:
    type: str  # bold | italic | link | tag | statement-mention | argument-mention | special-char
    start: int
    stop: int
    url: str | None = None
    tag: str | None = None
    title: str | None = None


@dataclass(eq=False)
class Section:
    id: str
    level: int
    title: str
    line: int
    tags: list[str] | None = None
    data: Any = None
    is_group: bool | None = None
    is_closed: bool | None = None
    children: list[Section] = field(default_factory=list)
    parent: Section | None = None
    #: the heading's text as Argdown has it (with its tags) and its ranges
    text: str = ""
    ranges: list[Range] | None = None


@dataclass(eq=False)
class Statement:
    """One place a statement (or an argument's description) is written."""

    title: str | None = None
    text: str | None = None
    role: str | None = None
    is_reference: bool = False
    tags: list[str] | None = None
    data: Any = None
    ranges: list[Range] | None = None
    line: int = 0
    column: int = 0
    section: Section | None = None
    argument_title: str | None = None
    inference: Inference | None = None
    #: True when Argdown made the title up ("Untitled 3") because the text has none
    untitled: bool = False


@dataclass(eq=False)
class Inference:
    rules: list[str] = field(default_factory=list)
    data: Any = None
    relations: list[Relation] = field(default_factory=list)
    argument_title: str | None = None
    conclusion_index: int | None = None
    line: int = 0
    type: str = "inference"


@dataclass(eq=False)
class EquivalenceClass:
    title: str
    members: list[Statement] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    tags: list[str] | None = None
    data: Any = None
    section: Section | None = None
    type: str = "equivalence-class"

    def canonical(self) -> Statement | None:
        """The member whose text stands for the statement (IEquivalenceClass.getCanonicalMember)."""
        return _canonical(self.members)


@dataclass(eq=False)
class Argument:
    title: str
    members: list[Statement] = field(default_factory=list)
    pcs: list[Statement] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    tags: list[str] | None = None
    data: Any = None
    section: Section | None = None
    line: int = 0
    type: str = "argument"
    #: True for a reconstruction with no <title> before it (Argdown calls it "Untitled n")
    untitled: bool = False
    #: the line of its premise–conclusion structure (0 when it has none)
    pcs_line: int = 0

    def canonical(self) -> Statement | None:
        return _canonical(self.members)

    @property
    def reconstructed(self) -> bool:
        return len(self.pcs) > 0


def _canonical(members: list[Statement]) -> Statement | None:
    found = None
    for member in reversed(members):
        if not member.is_reference:
            if isinstance(member.data, dict) and member.data.get("isCanonical"):
                return member
            found = found or member
    return found


Member = EquivalenceClass | Argument | Inference


@dataclass(eq=False)
class Relation:
    type: str
    source: Member | None = None
    target: Member | None = None
    occurrences: list[Node] = field(default_factory=list)
    #: where the relation is written (its first occurrence)
    line: int = 0
    column: int = 0


@dataclass
class Model:
    front_matter: Any = None
    #: the front matter as written, and the line it starts on (to locate its keys)
    front_matter_text: str = ""
    front_matter_line: int = 0
    statements: dict[str, EquivalenceClass] = field(default_factory=dict)
    arguments: dict[str, Argument] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)


def _is_object(x: Any) -> TypeGuard[dict[str, Any]]:
    return isinstance(x, dict)


def _merge(target: Any, source: Any) -> Any:
    """lodash.merge: `source` deep-merged into `target` (mutated and returned)."""
    if not _is_object(source):
        return target
    if not _is_object(target):
        target = {}
    for key, value in source.items():
        if _is_object(value):
            target[key] = _merge(target.get(key) if _is_object(target.get(key)) else {}, value)
        elif isinstance(value, list):
            old = target.get(key)
            merged = list(old) if isinstance(old, list) else []
            for i, item in enumerate(value):
                if i < len(merged) and _is_object(merged[i]) and _is_object(item):
                    merged[i] = _merge(merged[i], item)
                elif i < len(merged):
                    merged[i] = copy.deepcopy(item)
                else:
                    merged.append(copy.deepcopy(item))
            target[key] = merged
        else:  # null included, as lodash.merge has it (only undefined is skipped; YAML has none)
            target[key] = value
    return target


def default_settings() -> dict[str, Any]:
    return {
        "model": {
            "mode": "loose",
            "removeTagsFromText": False,
            "transformArgumentRelations": True,
            "shortcodes": dict(SHORTCODES),
        },
        "data": {"switchToBlockFormatIfMultiline": True},
    }


# ModelPlugin.js's patterns; `.` is JavaScript's (no line terminators).
_DOT = r"[^\n\r\u2028\u2029]"
_STATEMENT_REFERENCE = re.compile(rf"\[({_DOT}+)\]")
_STATEMENT_DEFINITION = re.compile(rf"\[({_DOT}+)\]:")
_STATEMENT_MENTION = re.compile(rf"@\[({_DOT}+)\]")
_ARGUMENT_REFERENCE = re.compile(rf"<({_DOT}+)>")
_ARGUMENT_DEFINITION = re.compile(rf"<({_DOT}+)>:")
_ARGUMENT_MENTION = re.compile(rf"@<({_DOT}+)>")
_LINK = re.compile(rf"\[({_DOT}+)\]\(({_DOT}+)\)")
_TAG = re.compile(r"#(?:\(([^)]+)\)|([a-zA-z0-9\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]+))")
_WS = "[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"  # JavaScript's \\s
_FRONT_START = re.compile(rf"^{_WS}*={{3,}}")
_FRONT_END = re.compile(rf"={{3,}}{_WS}*\Z")
_BLOCK_START = re.compile(r"^\{[ \t]*(?:\n\r|\n)")
_BLOCK_END = re.compile(rf"\}}{_WS}*\Z")


def _search(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    return pattern.search(text)


class Interpreter:
    """Walks the tree once, as Argdown's ArgdownTreeWalker does, and builds the Model."""

    def __init__(self, settings: dict[str, Any] | None = None):
        self.settings = default_settings()
        if settings:
            _merge(self.settings, settings)
        self.model = Model(settings=self.settings)
        self.unique = 0
        self.statement: Statement | None = None
        self.relation_parent: Any = None
        self.argument: Argument | None = None
        self.pcs: Argument | None = None
        self.inference: Inference | None = None
        self.ranges: list[Range] = []
        self.parents: list[Any] = []
        self.relation: Relation | None = None
        self.heading: _Heading | None = None
        self.section: Section | None = None
        self.section_counter = 0
        self.tag_seen: set[str] = set()

    # -- walking --

    def run(self, tree: Node) -> Model:
        self._visit(tree, None, None)
        self._finish()
        return self.model

    def _visit(self, node: Node | Token, parent: Node | None, index: int | None) -> None:
        if isinstance(node, Token):
            handler = _TOKEN_HANDLERS.get(node.type)
            if handler is not None:
                handler(self, node, parent, index)
            return
        entry = _ENTRY.get(node.name)
        if entry is not None:
            entry(self, node, parent, index)
        for i, child in enumerate(node.children):
            self._visit(child, node, i)
        leave = _EXIT.get(node.name)
        if leave is not None:
            leave(self, node, parent, index)

    def _settings(self, group: str) -> dict[str, Any]:
        """A group of settings as Argdown's plugins get it: a group that is not key: value pairs
        (`model: strict` in the front matter) is replaced by an empty one, defaults and all."""
        value = self.settings.get(group)
        if _is_object(value):
            return value
        empty: dict[str, Any] = {}
        self.settings[group] = empty
        return empty

    def _unique_title(self) -> str:
        self.unique += 1
        return f"Untitled {self.unique}"

    @property
    def _text_target(self) -> Any:
        return self.heading if self.heading is not None else self.statement

    # -- DataPlugin --

    def on_data(self, token: Token, parent: Node | None, _i: int | None) -> None:
        text = token.image
        if self._settings("data").get("switchToBlockFormatIfMultiline"):
            m = _BLOCK_START.match(text)
            if m:
                text = _BLOCK_END.sub("", text[m.end() :])
        data = self._yaml(text, token, "{data} block")
        if parent is not None:
            parent.data = data

    def on_front_matter(self, token: Token, parent: Node | None, _i: int | None) -> None:
        text = _FRONT_END.sub("", _FRONT_START.sub("", token.image))
        data = self._yaml(text, token, "front matter")
        if parent is not None:
            parent.data = data
        self.model.front_matter = data
        self.model.front_matter_text, self.model.front_matter_line = token.image, token.line
        if _is_object(data):
            _merge(self.settings, data)

    def _yaml(self, text: str, token: Token, what: str) -> Any:
        try:
            return load_yaml(text)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark
            line, column = token.line, token.column
            if mark is not None:
                line = token.line + mark.line
                column = mark.column + 1 + (token.column - 1 if mark.line == 0 else 0)
                if what == "front matter":
                    line, column = token.line + mark.line, mark.column + 1
            problem = exc.problem or "invalid YAML"
            raise ArgdownModelError(line, column, f"the {what} is not valid YAML: {problem}") from None
        except yaml.YAMLError as exc:
            raise ArgdownModelError(
                token.line, token.column, f"the {what} is not valid YAML: {exc}"
            ) from None

    # -- tokens (ModelPlugin.tokenListeners) --

    def on_statement_definition(self, token: Token, parent: Node | None, _i: int | None) -> None:
        m = _search(_STATEMENT_DEFINITION, token.image)
        if m and self.statement is not None:
            self.statement.title = m.group(1)
            if parent is not None:
                parent.statement = self.statement

    def on_statement_reference(self, token: Token, parent: Node | None, _i: int | None) -> None:
        m = _search(_STATEMENT_REFERENCE, token.image)
        if m and self.statement is not None:
            self.statement.title = m.group(1)
            self.statement.is_reference = True
            if parent is not None:
                parent.statement = self.statement

    def on_mention(self, token: Token, _parent: Node | None, _i: int | None) -> None:
        statement = token.type == lx.STATEMENT_MENTION
        m = _search(_STATEMENT_MENTION if statement else _ARGUMENT_MENTION, token.image)
        target = self._text_target
        if m and target is not None:
            old = target.text or ""
            target.text = old + token.image
            target.ranges = target.ranges or []
            kind = "statement-mention" if statement else "argument-mention"
            target.ranges.append(Range(kind, len(old), len(target.text) - 1, title=m.group(1)))

    def on_argument_reference(self, token: Token, _parent: Node | None, _i: int | None) -> None:
        m = _search(_ARGUMENT_REFERENCE, token.image)
        if m and self.statement is not None:
            self.statement.title = m.group(1)
            self.statement.is_reference = True

    def on_argument_definition(self, token: Token, _parent: Node | None, _i: int | None) -> None:
        m = _search(_ARGUMENT_DEFINITION, token.image)
        if m and self.statement is not None:
            self.statement.title = m.group(1)

    def on_link(self, token: Token, _parent: Node | None, _i: int | None) -> None:
        target = self._text_target
        if target is None:
            return
        m = _LINK.search(token.image)
        if m is None:  # the link token spans lines, which Argdown's model cannot read
            raise ArgdownModelError(
                token.line, token.column, "a link [text](url) cannot span lines", "write it on one line"
            )
        old = target.text or ""
        target.text = old + m.group(1)
        link = Range("link", len(old), len(target.text) - 1, url=m.group(2))
        if token.image.endswith(" "):
            target.text += " "
        target.ranges = target.ranges or []
        target.ranges.append(link)

    def on_tag(self, token: Token, _parent: Node | None, _i: int | None) -> None:
        target = self._text_target
        if target is None:
            return
        m = _TAG.search(token.image)
        assert m is not None
        tag = m.group(1) or m.group(2)
        if not self._settings("model").get("removeTagsFromText"):
            old = target.text or ""
            target.text = old + token.image
            target.ranges = target.ranges or []
            target.ranges.append(Range("tag", len(old), len(target.text) - 1, tag=tag))
        target.tags = target.tags or []
        if tag not in target.tags:
            target.tags.append(tag)
        if tag not in self.tag_seen:
            self.tag_seen.add(tag)
            self.model.tags.append(tag)

    def on_newline(self, _token: Token, parent: Node | None, index: int | None) -> None:
        target = self._text_target
        if target is None or parent is None:
            return
        old = target.text or ""
        if index != len(parent.children) - 1 and not old.endswith(" "):
            target.text = old + " "

    # -- rules (ModelPlugin.ruleListeners) --

    def heading_entry(self, node: Node, *_: Any) -> None:
        self.heading = _Heading(node)

    def heading_exit(self, node: Node, *_: Any) -> None:
        heading = self.heading
        assert heading is not None
        start = node.children[0]
        assert isinstance(start, Token)
        level = len(start.image) - 1
        self.section_counter += 1
        section = Section(
            f"s{self.section_counter}",
            level,
            _trim(heading.text or ""),
            start.line,
            tags=heading.tags,
            data=node.data,
            text=heading.text or "",
            ranges=heading.ranges,
        )
        group = self.settings.get("group")
        if _is_object(section.data):
            if "isGroup" in section.data and not (_is_object(group) and group.get("ignoreIsGroup")):
                section.is_group = section.data["isGroup"]
            if "isClosed" in section.data and not (_is_object(group) and group.get("ignoreIsClosed")):
                section.is_closed = section.data["isClosed"]
        if _is_object(group) and _is_object(group.get("sections")):
            config = group["sections"].get(section.title)
            if _is_object(config):
                section.is_group, section.is_closed = config.get("isGroup"), config.get("isClosed")
            elif section.is_group is None:
                section.is_group = False
        if self.section is None:
            self.model.sections.append(section)
        else:
            previous: Section | None = self.section
            while previous is not None and previous.level >= section.level:
                previous = previous.parent
            if previous is not None and previous.level < section.level:
                previous.children.append(section)
                section.parent = previous
            else:
                self.model.sections.append(section)
        self.section = section
        self.heading = None

    def statement_entry(self, node: Node, parent: Node | None, _i: int | None) -> None:
        statement = Statement()
        if parent is not None and parent.name == ps.ARGDOWN:
            statement.role = TOP_LEVEL_STATEMENT
        elif self.relation is not None:
            statement.role = RELATION_STATEMENT
        self.statement = statement
        self.relation_parent = statement
        node.statement = statement

    def statement_exit(self, node: Node, *_: Any) -> None:
        statement = node.statement
        if not isinstance(statement, Statement):
            return
        start = node.start
        statement.line, statement.column = (start.line, start.column) if start else (0, 0)
        statement.data = node.data
        if not statement.title:
            statement.title = self._unique_title()
            statement.untitled = True
        ec = self._equivalence_class(statement.title)
        if statement.tags:
            ec.tags = _union(ec.tags, statement.tags)
        if statement.data is not None:
            ec.data = _merge(ec.data, statement.data) if _is_object(statement.data) else ec.data
        if self.section is not None:
            statement.section = self.section
        ec.members.append(statement)
        in_group = statement.data.get("isInGroup") if _is_object(statement.data) else None
        if in_group is True or (not statement.is_reference and in_group is None and ec.section is None):
            ec.section = statement.section
        self.statement = None

    def argument_entry(self, node: Node, parent: Node | None, _i: int | None) -> None:
        desc = Statement(role=ARGUMENT_DESCRIPTION, text="")
        start = node.start
        desc.line, desc.column = (start.line, start.column) if start else (0, 0)
        if self.section is not None:
            desc.section = self.section
        self.statement = desc
        self.relation_parent = desc
        node.statement = desc

    def argument_exit(self, node: Node, *_: Any) -> None:
        desc = node.statement
        assert isinstance(desc, Statement)
        desc.data = node.data
        if not desc.title:
            desc.title = self._unique_title()
            desc.untitled = True
        argument = self._get_argument(desc.title)
        node.argument = argument
        if argument.line == 0:
            argument.line = desc.line
        if desc.tags:
            argument.tags = _union(argument.tags, desc.tags)
        if desc.data is not None and _is_object(desc.data):
            argument.data = _merge(argument.data, desc.data)
        if self.section is not None:
            desc.section = self.section
        argument.members.append(desc)
        in_group = desc.data.get("isInGroup") if _is_object(desc.data) else None
        if in_group is True or (not desc.is_reference and in_group is None and argument.section is None):
            argument.section = desc.section
        self.model.arguments[argument.title] = argument
        self.statement = None
        self.argument = None

    def pcs_entry(self, node: Node, parent: Node | None, index: int | None) -> None:
        argument: Argument | None = None
        description: Statement | None = None
        if index is not None and index > 0 and parent is not None:
            before = parent.children[index - 1]
            if isinstance(before, Token) and before.type == lx.EMPTYLINE and index > 1:
                before = parent.children[index - 2]
            if isinstance(before, Node) and before.name == ps.ARGUMENT:
                description = before.statement  # type: ignore[assignment]
                argument = before.argument  # type: ignore[assignment]
        if argument is None:
            argument = self._get_argument(None)
            argument.untitled = True
            start = node.start
            argument.line = start.line if start else 0
        if self.section is not None:
            argument.section = self.section
        if argument.pcs:
            start = node.start
            raise ArgdownModelError(
                start.line if start else None,
                start.column if start else None,
                f"argument <{argument.title}> has two premise–conclusion structures",
                "an argument has one reconstruction: give the second one its own <title>",
            )
        argument.pcs = []
        start = node.start
        argument.pcs_line = start.line if start else 0
        if description is not None:
            description.argument_title = argument.title
        node.argument = argument
        self.pcs = argument

    def pcs_exit(self, node: Node, *_: Any) -> None:
        argument = node.argument
        assert isinstance(argument, Argument)
        last = argument.pcs[-1]
        if last.role != INTERMEDIARY_CONCLUSION:  # pragma: no cover - the grammar ends a pcs so
            raise ArgdownModelError(last.line, last.column, "the reconstruction has no conclusion")
        last.role = MAIN_CONCLUSION
        self.statement = None
        self.argument = None
        self.pcs = None

    def pcs_statement_exit(self, node: Node, parent: Node | None, index: int | None) -> None:
        pcs = self.pcs
        assert pcs is not None
        inner = node.children[1]
        assert isinstance(inner, Node)
        statement = inner.statement
        assert isinstance(statement, Statement) and statement.title is not None
        self._equivalence_class(statement.title)
        statement.role = PREMISE
        statement.argument_title = pcs.title
        if index is not None and index > 0 and parent is not None:
            before = parent.children[index - 1]
            if isinstance(before, Node) and before.name == ps.INFERENCE:
                statement.role = INTERMEDIARY_CONCLUSION
                inference = before.inference
                assert isinstance(inference, Inference)
                statement.inference = inference
                inference.conclusion_index = len(pcs.pcs)
                inference.argument_title = pcs.title
        pcs.pcs.append(statement)
        node.statement = statement

    def inference_entry(self, node: Node, *_: Any) -> None:
        start = node.start
        inference = Inference(line=start.line if start else 0)
        self.inference = inference
        node.inference = inference
        self.relation_parent = inference
        self.parents.append(inference)

    def inference_exit(self, node: Node, *_: Any) -> None:
        if self.inference is not None:
            self.inference.data = node.data

    def inference_rules_exit(self, node: Node, *_: Any) -> None:
        if self.inference is None:
            return
        for child in node.children:
            if isinstance(child, Node) and child.name == ps.FREESTYLE_TEXT:
                self.inference.rules.append(_trim(child.text))

    def relation_entry(self, node: Node, *_: Any) -> None:
        kind, incoming = _RELATION_RULES[node.name]
        top = self.parents[-1] if self.parents else None
        relation = Relation(kind, occurrences=[node])
        token = node.children[0]
        assert isinstance(token, Token)
        indent = len(token.image) - len(token.image.lstrip(" \t'"))
        relation.line, relation.column = token.line, token.column + indent
        if incoming:
            relation.source = top
        elif node.name == ps.OUTGOING_UNDERCUT and isinstance(top, EquivalenceClass):
            relation.target = self.inference if self.inference is not None else top
        else:
            relation.target = top
        self.relation = relation
        node.relation = relation

    def relation_exit(self, node: Node, *_: Any) -> None:
        relation = node.relation
        assert isinstance(relation, Relation)
        content = node.children[1]
        assert isinstance(content, Node)
        member = content.argument if content.argument is not None else content.statement
        target = self._relation_member(member)
        if relation.source is not None:
            relation.target = target
        else:
            relation.source = target
        source = relation.source
        assert source is not None and relation.target is not None
        for existing in source.relations:
            same = relation.target is existing.target and relation.type == existing.type
            mirrored = (
                relation.type == CONTRADICTORY == existing.type
                and relation.source is existing.target
                and relation.target is existing.source
            )
            if same or mirrored:
                existing.occurrences.extend(relation.occurrences)
                return
        self.model.relations.append(relation)
        source.relations.append(relation)
        relation.target.relations.append(relation)

    def relations_entry(self, node: Node, *_: Any) -> None:
        if self.relation_parent is None:  # pragma: no cover - the grammar puts relations under an element
            raise ArgdownModelError(None, None, "a relation without a statement or argument above it")
        self.parents.append(self._relation_member(self.relation_parent))

    def relations_exit(self, *_: Any) -> None:
        self.relation = None
        self.parents.pop()

    def freestyle_entry(self, node: Node, *_: Any) -> None:
        target = self._text_target
        text = ""
        codes = self._settings("model").get("shortcodes")
        for child in node.children:
            assert isinstance(child, Token)
            if child.type == lx.ESCAPED_CHAR:
                text += child.image[1:]
            elif child.type == lx.SPECIAL_CHAR:
                if codes is None:  # Argdown fails here too (it looks the code up in nothing)
                    raise ArgdownModelError(
                        child.line,
                        child.column,
                        f"special character {_trim(child.image)} cannot be read: Argdown has no shortcodes "
                        "when `model` or `model.shortcodes` in the front matter is not key: value pairs",
                        "write them as key: value pairs, or escape the character: \\:",
                    )
                info = codes.get(_trim(child.image)) if _is_object(codes) else None
                unicode = info.get("unicode") if _is_object(info) else None
                if isinstance(unicode, str):
                    start = len(text)
                    text += unicode
                    if child.image.endswith(" "):
                        text += " "
                    self.ranges.append(Range("special-char", start, start + len(unicode)))
                else:
                    text += child.image
            else:
                text += child.image
        node.text = text
        if target is not None:
            target.text = (target.text or "") + text

    def range_entry(self, node: Node, *_: Any) -> None:
        target = self._text_target
        if target is None:
            return
        start = len(target.text or "")
        mark = Range(node.name, start, start)
        self.ranges.append(mark)
        target.ranges = target.ranges or []
        target.ranges.append(mark)

    def range_exit(self, node: Node, *_: Any) -> None:
        target = self._text_target
        if target is None:
            return
        if self.ranges:
            mark = self.ranges.pop()
            mark.stop = len(target.text) - 1 if target.text else 0
        end = node.children[-1]
        if isinstance(end, Token) and end.image.endswith(" "):
            target.text = (target.text or "") + " "

    # -- helpers --

    def _equivalence_class(self, title: str) -> EquivalenceClass:
        ec = self.model.statements.get(title)
        if ec is None:
            ec = self.model.statements[title] = EquivalenceClass(title)
        return ec

    def _get_argument(self, title: str | None) -> Argument:
        argument = self.model.arguments.get(title) if title else None
        if argument is None:
            argument = Argument(title or self._unique_title())
            self.model.arguments[argument.title] = argument
        self.argument = argument
        self.relation_parent = argument
        return argument

    def _relation_member(self, parent: Any) -> Any:
        if isinstance(parent, Statement):
            if not parent.title:
                parent.title = self._unique_title()
                parent.untitled = True
            if parent.role == ARGUMENT_DESCRIPTION:
                return self._get_argument(parent.title)
            return self._equivalence_class(parent.title)
        return parent

    # -- after the walk (ModelPlugin.run, ExplodeArgumentsPlugin, RegroupPlugin) --

    def _finish(self) -> None:
        model = self.model
        nodes: list[EquivalenceClass | Argument] = [*model.statements.values(), *model.arguments.values()]
        for node in nodes:
            if node.section is None and node.members:
                node.section = node.members[0].section
        settings = self._settings("model")
        if settings.get("transformArgumentRelations"):
            self._transform_argument_relations()
        if settings.get("mode") == "strict":
            self._transform_statement_relations()
        self._remove_redundant_ec_to_argument_relations()
        if settings.get("explodeArguments"):
            for title in list(model.arguments):
                self._explode(model.arguments[title])
        group = self.settings.get("group")
        if _is_object(group) and isinstance(group.get("regroup"), list) and group["regroup"]:
            self._regroup(group["regroup"])

    def _transform_argument_relations(self) -> None:
        kept: list[Relation] = []
        for relation in self.model.relations:
            add = True
            source, target = relation.source, relation.target
            if isinstance(source, Argument) and source.reconstructed:
                _splice(source.relations, relation)
                ec = self.model.statements[source.pcs[-1].title or ""]
                relation.source = ec
                add = _join(ec.relations, relation, "target", relation.target.relations)  # type: ignore[union-attr]
            if isinstance(target, Argument) and target.reconstructed and relation.type == UNDERCUT:
                inference = target.pcs[-1].inference
                assert inference is not None
                relation.target = inference
                _splice(inference.relations, relation)  # Argdown removes from the inference here (sic)
                joined = _join(inference.relations, relation, "source", relation.source.relations)  # type: ignore[union-attr]
                add = add and joined
            if add:
                kept.append(relation)
        self.model.relations = kept

    def _transform_statement_relations(self) -> None:
        kept: list[Relation] = []
        for relation in self.model.relations:
            source, target = relation.source, relation.target
            if isinstance(source, EquivalenceClass) and isinstance(target, EquivalenceClass):
                if relation.type == SUPPORT:
                    relation.type = ENTAILS
                elif relation.type == ATTACK:
                    twin = next(
                        (
                            r
                            for r in source.relations
                            if r.type == CONTRARY
                            and (
                                (r.source is source and r.target is target)
                                or (r.source is target and r.target is source)
                            )
                        ),
                        None,
                    )
                    if twin is not None:
                        _splice(source.relations, relation)
                        _splice(target.relations, relation)
                        continue
                    relation.type = CONTRARY
            kept.append(relation)
        self.model.relations = kept

    def _remove_redundant_ec_to_argument_relations(self) -> None:
        kept: list[Relation] = []
        for relation in self.model.relations:
            source, target = relation.source, relation.target
            if not (
                isinstance(source, EquivalenceClass)
                and relation.type == ATTACK
                and isinstance(target, Argument)
            ):
                kept.append(relation)
                continue
            ec = source
            premises = {s.title for s in target.pcs if s.role == PREMISE}
            twin = None
            for other in ec.relations:
                member = other.target if other.source is ec else other.source
                if not isinstance(member, EquivalenceClass):
                    continue
                kind_ok = (other.type == ATTACK and other.source is ec) or other.type in (
                    CONTRADICTORY,
                    CONTRARY,
                )
                if kind_ok and member.title in premises:
                    twin = other
                    break
            if twin is not None:
                _splice(source.relations, relation)
                _splice(target.relations, relation)
                twin.occurrences.extend(relation.occurrences)
                continue
            kept.append(relation)
        self.model.relations = kept

    def _explode(self, argument: Argument) -> None:
        steps: list[list[Statement]] = []
        for index, statement in enumerate(argument.pcs):
            if statement.role in (INTERMEDIARY_CONCLUSION, MAIN_CONCLUSION):
                steps.append(self._inferential_step(argument, statement, index))
        if len(steps) <= 1:
            return
        exploded: list[Argument] = []
        for n, step in enumerate(steps, 1):
            title = f"{argument.title} - {n}"
            for s in step:
                s.argument_title = title
            exploded.append(
                Argument(
                    title,
                    members=argument.members,
                    pcs=step,
                    relations=[],
                    tags=argument.tags,
                    data=argument.data,
                    section=argument.section,
                    line=argument.line,
                )
            )
        last = exploded[-1]
        for relation in argument.relations:
            if relation.source is argument:
                relation.source = last
            else:
                relation.target = last
        last.relations = list(argument.relations)
        del self.model.arguments[argument.title]
        for new in exploded:
            if new.title in self.model.arguments:
                raise ArgdownModelError(
                    argument.line, None, f"cannot split <{argument.title}>: <{new.title}> exists already"
                )
            self.model.arguments[new.title] = new

    def _inferential_step(self, argument: Argument, conclusion: Statement, index: int) -> list[Statement]:
        uses = None
        inference = conclusion.inference
        for source, key in (
            (inference.data if inference else None, "uses"),
            (conclusion.data, "uses"),
            (inference.data if inference else None, "from"),
        ):
            if _is_object(source) and isinstance(source.get(key), list):
                uses = source[key]
                break
        step: list[Statement] = []
        if uses is not None:
            for i in uses:
                if not isinstance(i, int) or isinstance(i, bool) or i - 1 < 0 or i - 1 >= len(argument.pcs):
                    raise ArgdownModelError(
                        inference.line if inference else argument.line,
                        None,
                        f"'uses' of statement ({index + 1}) of <{argument.title}> names ({i}), "
                        "which is not in the reconstruction",
                    )
                step.append(self._as_role(argument.pcs[i - 1], PREMISE))
        else:
            for i in range(index - 1, -1, -1):
                old = argument.pcs[i]
                step.append(self._as_role(old, PREMISE))
                if old.role == INTERMEDIARY_CONCLUSION:
                    break
            step.reverse()
        step.append(self._as_role(conclusion, MAIN_CONCLUSION))
        return step

    def _as_role(self, statement: Statement, role: str) -> Statement:
        new = copy.copy(statement)
        new.role = role
        ec = self.model.statements[statement.title or ""]
        if statement in ec.members:
            ec.members.remove(statement)
        ec.members.append(new)
        return new

    def _regroup(self, config: list[Any]) -> None:
        self.model.sections = []
        for ec in self.model.statements.values():
            ec.section = None
        for argument in self.model.arguments.values():
            argument.section = None
        for i, entry in enumerate(config):
            if _is_object(entry):
                self.model.sections.append(self._regroup_section(entry, 1, i, None))

    def _regroup_section(
        self, entry: dict[str, Any], level: int, counter: int, parent: Section | None
    ) -> Section:
        section = Section(
            f"s{counter}",
            level,
            str(entry.get("title", "")),
            0,
            tags=entry.get("tags"),
            is_closed=entry.get("isClosed"),
            parent=parent,
        )
        for title in entry.get("statements") or []:
            if title in self.model.statements:
                self.model.statements[title].section = section
        for title in entry.get("arguments") or []:
            if title in self.model.arguments:
                self.model.arguments[title].section = section
        for i, child in enumerate(entry.get("children") or []):
            if _is_object(child):
                section.children.append(self._regroup_section(child, level + 1, counter + 1 + i, section))
        return section


@dataclass(eq=False)
class _Heading:
    node: Node
    text: str = ""
    ranges: list[Range] | None = None
    tags: list[str] | None = None


def _join(relations: list[Relation], relation: Relation, end: str, drop_from: list[Relation]) -> bool:
    """Add `relation` to `relations`, or merge it into one there with the same `end` and type
    (its occurrences join that one's, and it leaves `drop_from`): True when it was added."""
    for existing in relations:
        if getattr(relation, end) is getattr(existing, end) and relation.type == existing.type:
            existing.occurrences.extend(relation.occurrences)
            _splice(drop_from, relation)
            return False
    relations.append(relation)
    return True


#: What JavaScript's String.prototype.trim removes (Python's strip differs: U+FEFF, U+001C–U+001F).
_JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff" + "".join(
    chr(c) for c in range(0x2000, 0x200B)
)


def _trim(text: str) -> str:
    return text.strip(_JS_SPACE)


def _splice(items: list[Any], item: Any) -> None:
    """JavaScript's `items.splice(items.indexOf(item), 1)`: an item not found removes the last one."""
    for i, existing in enumerate(items):
        if existing is item:
            del items[i]
            return
    if items:
        del items[-1]


def _union(old: list[str] | None, new: list[str]) -> list[str]:
    out = list(old or [])
    for tag in new:
        if tag not in out:
            out.append(tag)
    return out


_RELATION_RULES = {
    ps.INCOMING_SUPPORT: (SUPPORT, True),
    ps.INCOMING_ATTACK: (ATTACK, True),
    ps.OUTGOING_SUPPORT: (SUPPORT, False),
    ps.OUTGOING_ATTACK: (ATTACK, False),
    ps.CONTRADICTION: (CONTRADICTORY, True),
    ps.OUTGOING_UNDERCUT: (UNDERCUT, False),
    ps.INCOMING_UNDERCUT: (UNDERCUT, True),
}

_TOKEN_HANDLERS = {
    lx.DATA: Interpreter.on_data,
    lx.FRONT_MATTER: Interpreter.on_front_matter,
    lx.STATEMENT_DEFINITION: Interpreter.on_statement_definition,
    lx.STATEMENT_REFERENCE: Interpreter.on_statement_reference,
    lx.STATEMENT_MENTION: Interpreter.on_mention,
    lx.ARGUMENT_MENTION: Interpreter.on_mention,
    lx.ARGUMENT_REFERENCE: Interpreter.on_argument_reference,
    lx.ARGUMENT_DEFINITION: Interpreter.on_argument_definition,
    lx.LINK: Interpreter.on_link,
    lx.TAG: Interpreter.on_tag,
    lx.NEWLINE: Interpreter.on_newline,
}
_ENTRY = {
    ps.HEADING: Interpreter.heading_entry,
    ps.STATEMENT: Interpreter.statement_entry,
    ps.ARGUMENT: Interpreter.argument_entry,
    ps.PCS: Interpreter.pcs_entry,
    ps.INFERENCE: Interpreter.inference_entry,
    ps.RELATIONS: Interpreter.relations_entry,
    ps.FREESTYLE_TEXT: Interpreter.freestyle_entry,
    ps.ITALIC: Interpreter.range_entry,
    ps.BOLD: Interpreter.range_entry,
    **{name: Interpreter.relation_entry for name in _RELATION_RULES},
}
_EXIT = {
    ps.HEADING: Interpreter.heading_exit,
    ps.STATEMENT: Interpreter.statement_exit,
    ps.ARGUMENT: Interpreter.argument_exit,
    ps.PCS: Interpreter.pcs_exit,
    ps.PCS_STATEMENT: Interpreter.pcs_statement_exit,
    ps.INFERENCE: Interpreter.inference_exit,
    ps.INFERENCE_RULES: Interpreter.inference_rules_exit,
    ps.RELATIONS: Interpreter.relations_exit,
    ps.ITALIC: Interpreter.range_exit,
    ps.BOLD: Interpreter.range_exit,
    **{name: Interpreter.relation_exit for name in _RELATION_RULES},
}


def interpret(tree: Node) -> Model:
    """Argdown's model of the document whose parse tree is `tree`."""
    return Interpreter().run(tree)
