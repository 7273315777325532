"""Argdown's grammar, ported from `@argdown/core` 1.7.5 (parser.js), as a recursive-descent parser.

Argdown's parser is a Chevrotain LL(k) parser; its rules and the children each rule keeps in
the tree are reproduced here one for one, because Argdown builds its model from exactly
these trees (see interpret.py).  Each decision looks at the same tokens Chevrotain's
lookahead does (one token, two where the grammar needs them).

Argdown's parser recovers from errors and carries on; we stop at the first one, which is
where Argdown reports its first error too, and say what is wrong in our words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from argmap.formats.argdown import lexer as lx
from argmap.formats.argdown.lexer import Token

# Rule names, as Argdown's RuleNames has them (interpret.py listens for them).
ARGDOWN = "argdown"
HEADING = "heading"
STATEMENT = "statement"
STATEMENT_DEFINITION = "statementDefinition"
STATEMENT_CONTENT = "statementContent"
FREESTYLE_TEXT = "freestyleText"
ARGUMENT = "argument"
PCS = "pcs"
PCS_TAIL = "pcsTail"
PCS_STATEMENT = "pcsStatement"
INFERENCE = "inference"
INFERENCE_RULES = "inferenceRules"
ORDERED_LIST = "orderedList"
UNORDERED_LIST = "unorderedList"
ORDERED_LIST_ITEM = "orderedListItem"
UNORDERED_LIST_ITEM = "unorderedListItem"
RELATIONS = "relations"
BOLD = "bold"
ITALIC = "italic"
INCOMING_SUPPORT = "incomingSupport"
INCOMING_ATTACK = "incomingAttack"
OUTGOING_SUPPORT = "outgoingSupport"
OUTGOING_ATTACK = "outgoingAttack"
CONTRADICTION = "contradiction"
INCOMING_UNDERCUT = "incomingUndercut"
OUTGOING_UNDERCUT = "outgoingUndercut"

#: relation token -> the rule that parses it
RELATION_RULES = {
    lx.INCOMING_SUPPORT: INCOMING_SUPPORT,
    lx.INCOMING_ATTACK: INCOMING_ATTACK,
    lx.OUTGOING_SUPPORT: OUTGOING_SUPPORT,
    lx.OUTGOING_ATTACK: OUTGOING_ATTACK,
    lx.CONTRADICTION: CONTRADICTION,
    lx.INCOMING_UNDERCUT: INCOMING_UNDERCUT,
    lx.OUTGOING_UNDERCUT: OUTGOING_UNDERCUT,
}


@dataclass
class Node:
    """A rule node of the tree: its name and the children the rule keeps (tokens and nodes)."""

    name: str
    children: list[Node | Token] = field(default_factory=list)
    #: filled in by interpret.py as it walks the tree (Argdown hangs these on the nodes too)
    data: object = None
    statement: object = None
    argument: object = None
    relation: object = None
    inference: object = None
    text: str = ""

    @property
    def start(self) -> Token | None:
        for child in self.children:
            found = child if isinstance(child, Token) else child.start
            if found is not None:
                return found
        return None


class ArgdownParseError(Exception):
    """The first place where the document leaves Argdown's grammar."""

    def __init__(self, token: Token, message: str, hint: str | None = None):
        super().__init__(message)
        self.token, self.message, self.hint = token, message, hint


_FREESTYLE = frozenset({lx.FREESTYLE, lx.UNUSED_CONTROL_CHAR, lx.ESCAPED_CHAR, lx.SPECIAL_CHAR})
_BOLD_START = frozenset({lx.UNDERSCORE_BOLD_START, lx.ASTERISK_BOLD_START})
_ITALIC_START = frozenset({lx.UNDERSCORE_ITALIC_START, lx.ASTERISK_ITALIC_START})
_CONTENT = (
    _FREESTYLE
    | _BOLD_START
    | _ITALIC_START
    | {lx.LINK, lx.TAG, lx.ARGUMENT_MENTION, lx.STATEMENT_MENTION, lx.NEWLINE}
)
_STATEMENT = _CONTENT | {lx.STATEMENT_REFERENCE, lx.STATEMENT_DEFINITION}
_ARGUMENT = frozenset({lx.ARGUMENT_DEFINITION, lx.ARGUMENT_REFERENCE})

_DESCRIBE = {
    lx.INDENT: "an indented line",
    lx.DEDENT: "the end of an indented block",
    lx.EMPTYLINE: "an empty line",
    lx.NEWLINE: "a line break",
    lx.EOF: "the end of the document",
    lx.FRONT_MATTER: "front matter ('===')",
    lx.DATA: "a {data} block",
    lx.INFERENCE_START: "an inference line ('--')",
    lx.INFERENCE_END: "the end of an inference ('--')",
    lx.STATEMENT_NUMBER: "a numbered statement",
    lx.HEADING_START: "a heading",
    lx.ORDERED_LIST_ITEM: "an ordered list item",
    lx.UNORDERED_LIST_ITEM: "a list item",
    lx.STATEMENT_REFERENCE: "a statement reference",
    lx.STATEMENT_DEFINITION: "a statement definition",
    lx.ARGUMENT_REFERENCE: "an argument reference",
    lx.ARGUMENT_DEFINITION: "an argument definition",
    lx.LIST_DELIMITER: "a comma",
    lx.TAG: "a tag",
    **{kind: "a relation" for kind in lx.RELATION_TOKENS},
    **{
        kind: "the end of bold or italic text"
        for kind in (
            lx.ASTERISK_BOLD_END,
            lx.UNDERSCORE_BOLD_END,
            lx.ASTERISK_ITALIC_END,
            lx.UNDERSCORE_ITALIC_END,
        )
    },
}


def describe(token: Token) -> str:
    """What a token is, in words, for an error message."""
    if token.type in _DESCRIBE:
        shown = token.image.strip()
        what = _DESCRIBE[token.type]
        return f"{what} '{shown}'" if shown and token.type not in (lx.FRONT_MATTER, lx.DATA) else what
    return f"'{token.image.strip() or token.image}'"


class Parser:
    def __init__(self, tokens: list[Token]):
        self.tokens = tokens
        self.i = 0
        last = tokens[-1] if tokens else None
        self.eof = Token(lx.EOF, "", last.offset + len(last.image) if last else 0)
        if last is not None:  # where the last token ends (Argdown reports errors at the end there)
            image = last.image.replace("\r\n", "\n").replace("\r", "\n")
            body = image[:-1] if image.endswith("\n") else image  # a final line break ends its line
            self.eof.line = last.line + body.count("\n")
            tail = body.rsplit("\n", 1)
            self.eof.column = last.column + len(body) if len(tail) == 1 else len(tail[1]) + 1
        else:
            self.eof.line, self.eof.column = 1, 1

    # -- helpers --

    def la(self, k: int = 1) -> Token:
        j = self.i + k - 1
        return self.tokens[j] if j < len(self.tokens) else self.eof

    def at(self, *types: str) -> bool:
        return self.la().type in types

    def consume(self, kind: str, message: str | None = None, hint: str | None = None) -> Token:
        token = self.la()
        if token.type != kind:
            raise ArgdownParseError(
                token,
                message or f"expected {_DESCRIBE.get(kind, kind)}, found {describe(token)}",
                hint,
            )
        self.i += 1
        return token

    def fail(self, message: str, hint: str | None = None) -> ArgdownParseError:
        return ArgdownParseError(self.la(), message, hint)

    # -- argdown --

    def argdown(self) -> Node:
        children: list[Node | Token] = []
        if self.at(lx.NEWLINE):
            self.i += 1
        if self.at(lx.EMPTYLINE):
            self.i += 1
        if self.at(lx.FRONT_MATTER):
            children.append(self.consume(lx.FRONT_MATTER))
            if self.at(lx.NEWLINE):
                self.i += 1
            children.append(
                self.consume(
                    lx.EMPTYLINE,
                    f"the front matter must be followed by an empty line, not {describe(self.la())}",
                    "leave an empty line after the closing '==='",
                )
            )
        children.append(self._block())
        while self.at(lx.EMPTYLINE):
            self.i += 1
            children.append(self._block())
        if not self.at(lx.EOF):
            raise self._unexpected_in_paragraph()
        return Node(ARGDOWN, children)

    def _block(self) -> Node:
        token = self.la()
        kind = token.type
        if kind == lx.HEADING_START:
            return self.heading()
        if kind in _STATEMENT:
            return self.statement()
        if kind == lx.STATEMENT_NUMBER:
            return self.pcs()
        if kind in _ARGUMENT:
            return self.argument()
        if kind == lx.INDENT and self.la(2).type == lx.ORDERED_LIST_ITEM:
            return self._list(ORDERED_LIST, ORDERED_LIST_ITEM, lx.ORDERED_LIST_ITEM)
        if kind == lx.INDENT and self.la(2).type == lx.UNORDERED_LIST_ITEM:
            return self._list(UNORDERED_LIST, UNORDERED_LIST_ITEM, lx.UNORDERED_LIST_ITEM)
        raise self._bad_paragraph_start()

    def _bad_paragraph_start(self) -> ArgdownParseError:
        token = self.la()
        symbol = self.la(2) if token.type == lx.INDENT else token
        after = self.la(3) if token.type == lx.INDENT else self.la(2)
        if symbol.type == lx.OUTGOING_ATTACK and symbol.image.strip() == "-" and after.image.startswith("-"):
            return self.fail(
                "an inference line ('--') must follow the numbered premises, with no empty line before it",
                "remove the empty line above, or number the premises: (1) …",
            )
        if token.type in lx.RELATION_TOKENS or (
            token.type == lx.INDENT and self.la(2).type in lx.RELATION_TOKENS
        ):
            return self.fail(
                "a relation cannot start a paragraph",
                "relations go right under the statement or argument they belong to: "
                "remove the empty line above",
            )
        if token.type == lx.INFERENCE_START:
            return self.fail(
                "an inference line ('--') outside a premise–conclusion structure",
                "number the premises above it, (1) …, with no empty line in between",
            )
        if token.type == lx.FRONT_MATTER:
            return self.fail("front matter ('===') can only stand at the very start of the document")
        if token.type == lx.EOF:
            return self.fail("the document has no statements or arguments", "write a statement")
        return self.fail(
            f"a paragraph cannot start with {describe(token)}",
            "start it with text, [Statement title]: or <Argument title>:, or remove the empty line above",
        )

    def _unexpected_in_paragraph(self) -> ArgdownParseError:
        token = self.la()
        kind = token.type
        if kind in (
            lx.STATEMENT_DEFINITION,
            lx.STATEMENT_REFERENCE,
            lx.ARGUMENT_DEFINITION,
            lx.ARGUMENT_REFERENCE,
        ):
            return self.fail(
                f"{describe(token)} in the middle of a paragraph",
                "a title starts a line (or follows a relation symbol): "
                "put an empty line before it, or write @[Title] to mention it",
            )
        if kind in (lx.FREESTYLE, lx.UNUSED_CONTROL_CHAR, lx.ESCAPED_CHAR, lx.SPECIAL_CHAR):
            return self.fail(
                "text after a reference",
                "text cannot follow [Title] or <Title> without a colon: write [Title]: text",
            )
        if kind in lx.RELATION_TOKENS:
            return self.fail(
                f"relation '{token.image.strip()}' has nothing above it to relate to",
                "indent it under a statement or argument (and no deeper than the relations above it)",
            )
        if kind == lx.INFERENCE_START:
            return self.fail(
                "an inference line ('--') outside a premise–conclusion structure",
                "number the premises above it, (1) …",
            )
        if kind == lx.STATEMENT_NUMBER:
            return self.fail(
                "a numbered statement in the middle of a paragraph",
                "a premise–conclusion structure is a paragraph of its own: put an empty line before it",
            )
        if kind == lx.HEADING_START:
            return self.fail("a heading in the middle of a paragraph", "put an empty line before it")
        return self.fail(f"unexpected {describe(token)}", "put an empty line before it, or escape it with \\")

    # -- headings --

    def heading(self) -> Node:
        children: list[Node | Token] = [self.consume(lx.HEADING_START)]
        if not self.at(*_CONTENT):
            raise self.fail("a heading needs text after '#'")
        while self.at(*_CONTENT):
            children.append(self.statement_content())
        if self.at(lx.NEWLINE, lx.DATA):
            if self.at(lx.NEWLINE):
                children.append(self.consume(lx.NEWLINE))
            children.append(self.consume(lx.DATA))
            if self.at(lx.NEWLINE):
                children.append(self.consume(lx.NEWLINE))
        return Node(HEADING, children)

    # -- premise–conclusion structures --

    def pcs(self) -> Node:
        children: list[Node | Token] = [self.pcs_statement()]
        if not self.at(lx.STATEMENT_NUMBER, lx.INFERENCE_START):
            raise self._incomplete_pcs()
        while self.at(lx.STATEMENT_NUMBER, lx.INFERENCE_START):
            children.append(self.pcs_tail())
        return Node(PCS, children)

    def _incomplete_pcs(self) -> ArgdownParseError:
        return self.fail(
            "a premise–conclusion structure needs an inference line and a conclusion",
            "after the premises write ---- and then the conclusion, (n) …, with no empty lines",
        )

    def pcs_tail(self) -> Node:
        children: list[Node | Token] = []
        while self.at(lx.STATEMENT_NUMBER):
            children.append(self.pcs_statement())
        if not self.at(lx.INFERENCE_START):
            raise self._incomplete_pcs()
        children.append(self.inference())
        if not self.at(lx.STATEMENT_NUMBER):
            raise self.fail(
                f"an inference must be followed by its conclusion, not {describe(self.la())}",
                "write the conclusion as a numbered statement right after the inference line: (n) …",
            )
        children.append(self.pcs_statement())
        return Node(PCS_TAIL, children)

    def pcs_statement(self) -> Node:
        number = self.consume(lx.STATEMENT_NUMBER)
        if not self.at(*_STATEMENT):
            if self.at(*_ARGUMENT):
                raise self.fail(
                    "an argument cannot be a premise or a conclusion",
                    "use a statement: [Title] or [Title]: text",
                )
            raise self.fail(f"statement {number.image.strip()} has no text")
        return Node(PCS_STATEMENT, [number, self.statement()])

    def inference(self) -> Node:
        children: list[Node | Token] = [self.consume(lx.INFERENCE_START)]
        if self.at(*_FREESTYLE) or (self.at(lx.NEWLINE) and self.la(2).type in _FREESTYLE):
            if self.at(lx.NEWLINE):
                children.append(self.consume(lx.NEWLINE))
            children.append(self.inference_rules())
        if self.at(lx.NEWLINE):
            children.append(self.consume(lx.NEWLINE))
        if self.at(lx.DATA):
            children.append(self.consume(lx.DATA))
            if self.at(lx.NEWLINE):
                children.append(self.consume(lx.NEWLINE))
        children.append(
            self.consume(
                lx.INFERENCE_END,
                f"the inference is not closed: found {describe(self.la())}",
                "end it with two hyphens: -- rule name --, or write ---- alone",
            )
        )
        children.append(
            self.consume(
                lx.NEWLINE,
                f"the inference line must end there, not with {describe(self.la())}",
                "put the conclusion on the next line: (n) …",
            )
        )
        if self.at(lx.INDENT):
            children.append(self.inference_relations())
        return Node(INFERENCE, children)

    def inference_rules(self) -> Node:
        children: list[Node | Token] = [self.freestyle_text()]
        while self.at(lx.LIST_DELIMITER):
            self.i += 1
            if not self.at(*_FREESTYLE):
                raise self.fail("an inference rule name is missing after ','")
            children.append(self.freestyle_text())
        return Node(INFERENCE_RULES, children)

    def inference_relations(self) -> Node:
        children: list[Node | Token] = [self.consume(lx.INDENT)]
        if not self.at(lx.OUTGOING_UNDERCUT):
            raise self.fail(
                "only undercuts ('<_') can be attached to an inference",
                "attach supports and attacks to the conclusion below instead",
            )
        while self.at(lx.OUTGOING_UNDERCUT):
            children.append(self._relation(OUTGOING_UNDERCUT))
        self._dedent()
        return Node(RELATIONS, children)

    # -- lists --

    def _list(self, name: str, item_name: str, item_token: str) -> Node:
        children: list[Node | Token] = [self.consume(lx.INDENT)]
        while self.at(item_token):
            token = self.consume(item_token)
            children.append(Node(item_name, [token, self._statement_or_argument("a list item")]))
        self._dedent("list items must line up under each other; a list cannot nest")
        return Node(name, children)

    # -- statements and arguments --

    def _statement_or_argument(self, where: str) -> Node:
        if self.at(*_STATEMENT):
            return self.statement()
        if self.at(*_ARGUMENT):
            return self.argument()
        raise self.fail(
            f"{where} needs a statement or an argument, not {describe(self.la())}",
            "write text, [Title], [Title]: text, <Title> or <Title>: text after it",
        )

    def statement(self) -> Node:
        children: list[Node | Token] = []
        kind = self.la().type
        if kind in _CONTENT:
            children.append(self.statement_content())
        elif kind == lx.STATEMENT_REFERENCE:
            children.append(self.consume(lx.STATEMENT_REFERENCE))
            while self.at(lx.TAG):
                children.append(self.consume(lx.TAG))
            if self.at(lx.NEWLINE):
                children.append(self.consume(lx.NEWLINE))
        elif kind == lx.STATEMENT_DEFINITION:
            definition: list[Node | Token] = [self.consume(lx.STATEMENT_DEFINITION)]
            if not self.at(*_CONTENT):
                raise self.fail(
                    f"statement {definition[0].image} has no text",  # type: ignore[union-attr]
                    "write its text after the colon (without an empty line), "
                    "or drop the colon to refer to it",
                )
            definition.append(self.statement_content())
            children.append(Node(STATEMENT_DEFINITION, definition))
        else:  # pragma: no cover - callers check the first token
            raise self.fail(f"expected a statement, found {describe(self.la())}")
        self._data_and_relations(children)
        return Node(STATEMENT, children)

    def argument(self) -> Node:
        children: list[Node | Token] = []
        if self.at(lx.ARGUMENT_DEFINITION):
            token = self.consume(lx.ARGUMENT_DEFINITION)
            children.append(token)
            if not self.at(*_CONTENT):
                raise self.fail(
                    f"argument {token.image} has no description",
                    "write it after the colon (without an empty line), or drop the colon to refer to it",
                )
            children.append(self.statement_content())
        else:
            children.append(self.consume(lx.ARGUMENT_REFERENCE))
            while self.at(lx.TAG):
                children.append(self.consume(lx.TAG))
            if self.at(lx.NEWLINE):
                children.append(self.consume(lx.NEWLINE))
        self._data_and_relations(children)
        return Node(ARGUMENT, children)

    def _data_and_relations(self, children: list[Node | Token]) -> None:
        if self.at(lx.DATA):
            children.append(self.consume(lx.DATA))
            if self.at(lx.NEWLINE):
                children.append(self.consume(lx.NEWLINE))
        if self.at(lx.INDENT):
            children.append(self.relations())

    def relations(self) -> Node:
        children: list[Node | Token] = [self.consume(lx.INDENT)]
        if not self.at(*RELATION_RULES):
            raise self.fail(
                f"an indented line must start with a relation symbol (+ - <+ <- +> -> >< _> <_), "
                f"not {describe(self.la())}",
                "indent only relations; remove the indentation of other lines",
            )
        while self.at(*RELATION_RULES):
            children.append(self._relation(RELATION_RULES[self.la().type]))
        self._dedent()
        return Node(RELATIONS, children)

    def _dedent(self, hint: str | None = None) -> None:
        token = self.la()
        if token.type == lx.DEDENT:
            self.i += 1
            return
        raise ArgdownParseError(
            token,
            f"unexpected {describe(token)} in an indented block",
            hint
            or "a relation must be indented under the statement or argument it relates to, "
            "each level by the same step",
        )

    def _relation(self, name: str) -> Node:
        token = self.la()
        self.i += 1
        if name == CONTRADICTION:
            if not self.at(*_STATEMENT):
                raise self.fail(
                    "a contradiction ('><') relates two statements",
                    "write a statement after it, [Title] or text",
                )
            return Node(name, [token, self.statement()])
        if not (self.at(*_STATEMENT) or self.at(*_ARGUMENT)):
            raise self.fail(
                f"relation '{token.image.strip()}' relates to nothing",
                "write a statement or argument after the relation symbol",
            )
        return Node(name, [token, self._statement_or_argument(f"relation '{token.image.strip()}'")])

    # -- text --

    def statement_content(self) -> Node:
        children: list[Node | Token] = []
        while self.at(*_CONTENT):
            kind = self.la().type
            if kind in _FREESTYLE:
                children.append(self.freestyle_text())
            elif kind in _BOLD_START:
                children.append(self._range(BOLD))
            elif kind in _ITALIC_START:
                children.append(self._range(ITALIC))
            else:
                children.append(self.la())
                self.i += 1
        return Node(STATEMENT_CONTENT, children)

    def _range(self, name: str) -> Node:
        start = self.la()
        self.i += 1
        end = {
            lx.UNDERSCORE_BOLD_START: lx.UNDERSCORE_BOLD_END,
            lx.ASTERISK_BOLD_START: lx.ASTERISK_BOLD_END,
            lx.UNDERSCORE_ITALIC_START: lx.UNDERSCORE_ITALIC_END,
            lx.ASTERISK_ITALIC_START: lx.ASTERISK_ITALIC_END,
        }[start.type]
        children: list[Node | Token] = [start]
        if self.at(*_CONTENT):
            children.append(self.statement_content())
        mark = start.image
        children.append(
            self.consume(
                end,
                f"{'bold' if name == BOLD else 'italic'} text opened with '{mark}' is never closed",
                f"close it with '{mark}' before the end of the statement, or write \\{mark[0]} "
                f"for a literal '{mark[0]}'",
            )
        )
        return Node(name, children)

    def freestyle_text(self) -> Node:
        children: list[Node | Token] = []
        while self.at(*_FREESTYLE):
            children.append(self.la())
            self.i += 1
        return Node(FREESTYLE_TEXT, children)


def parse_tokens(tokens: list[Token]) -> Node:
    """The tree of an Argdown document; raises ArgdownParseError at the first syntax error."""
    return Parser(tokens).argdown()
