"""Argdown's lexer, ported from `@argdown/core` 1.7.5 (lexer.js) so that we cut a document into
exactly the tokens Argdown does.

Argdown's lexer is a Chevrotain lexer: at each position the token types are tried in a fixed
order and the first that matches wins.  Most are regular expressions; the rest are functions
that look at the tokens matched so far (a relation symbol counts only at the start of a line)
and keep two pieces of state: the stack of indentation levels, from which they emit `Indent`
and `Dedent` tokens, and the stack of open bold/italic ranges.  The order, the patterns and
the state below follow lexer.js one for one; `tests/test_argdown_syntax.py` compares our
tokens with Argdown's on the corpus and on generated documents when Node is present.

The patterns are JavaScript regular expressions written for Python: `.` in JavaScript never
matches a line terminator (\\n, \\r, U+2028, U+2029), `\\s` is JavaScript's set of white space,
`\\d` is 0-9 and `$` is the end of the input.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

# JavaScript's `.`, `\s` and `\S`, as Python character classes.
_DOT = r"[^\n\r\u2028\u2029]"
_WS_CHARS = r"\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_WS = f"[{_WS_CHARS}]"
_NOT_WS = f"[^{_WS_CHARS}]"


@dataclass(slots=True)
class Token:
    type: str
    image: str
    offset: int  # where the token starts in the text (a character index)
    line: int = 0
    column: int = 0

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"{self.type}({self.image!r}@{self.line}:{self.column})"


class LexError(Exception):
    """A character no Argdown token matches (Argdown's lexer gives up there too)."""

    def __init__(self, offset: int, message: str):
        super().__init__(message)
        self.offset, self.message = offset, message


# Token type names, as Argdown's TokenNames has them.
COMMENT = "Comment"
FRONT_MATTER = "FrontMatter"
DATA = "Data"
ESCAPED_CHAR = "EscapedChar"
SPECIAL_CHAR = "SpecialChar"
EMPTYLINE = "Emptyline"
NEWLINE = "Newline"
INDENT = "Indent"
DEDENT = "Dedent"
INFERENCE_START = "InferenceStart"
INCOMING_SUPPORT = "IncomingSupport"
INCOMING_ATTACK = "IncomingAttack"
OUTGOING_SUPPORT = "OutgoingSupport"
OUTGOING_ATTACK = "OutgoingAttack"
CONTRADICTION = "Contradiction"
INCOMING_UNDERCUT = "IncomingUndercut"
OUTGOING_UNDERCUT = "OutgoingUndercut"
HEADING_START = "HeadingStart"
STATEMENT_NUMBER = "StatementNumber"
ORDERED_LIST_ITEM = "OrderedListItem"
UNORDERED_LIST_ITEM = "UnorderedListItem"
ASTERISK_BOLD_END = "AsteriskBoldEnd"
UNDERSCORE_BOLD_END = "UnderscoreBoldEnd"
ASTERISK_ITALIC_END = "AsteriskItalicEnd"
UNDERSCORE_ITALIC_END = "UnderscoreItalicEnd"
ASTERISK_BOLD_START = "AsteriskBoldStart"
UNDERSCORE_BOLD_START = "UnderscoreBoldStart"
ASTERISK_ITALIC_START = "AsteriskItalicStart"
UNDERSCORE_ITALIC_START = "UnderscoreItalicStart"
LINK = "Link"
TAG = "Tag"
STATEMENT_DEFINITION = "StatementDefinition"
STATEMENT_REFERENCE = "StatementReference"
STATEMENT_MENTION = "StatementMention"
ARGUMENT_DEFINITION = "ArgumentDefinition"
ARGUMENT_REFERENCE = "ArgumentReference"
ARGUMENT_MENTION = "ArgumentMention"
SPACES = "Spaces"
FREESTYLE = "Freestyle"
UNUSED_CONTROL_CHAR = "UnusedControlChar"
INFERENCE_END = "InferenceEnd"
LIST_DELIMITER = "ListDelimiter"
EOF = "EOF"

RELATION_TOKENS = (
    INCOMING_SUPPORT,
    INCOMING_ATTACK,
    OUTGOING_SUPPORT,
    OUTGOING_ATTACK,
    CONTRADICTION,
    INCOMING_UNDERCUT,
    OUTGOING_UNDERCUT,
)

_LINE_BREAK = r"(?:\r\n|\n|\r)"
_COMMENT = r"(?:<!--[^\u2028\u2029]*?-->)|(?:/\*[^\u2028\u2029]*?\*/)|(?://" + _DOT + r"*?(?=\r\n|\n|\r))"
_COMMENT_PLAIN = re.compile(_COMMENT)
_COMMENT_AFTER_EMPTYLINE = re.compile(r"(?:" + _COMMENT + r")(?:[ \t]*\r\n|\n|\r)*")
_COMMENT_AFTER_NEWLINE = re.compile(
    r"(?:" + _COMMENT + r")(?:[ \t]*" + _LINE_BREAK + r"(?![ \t]*" + _LINE_BREAK + r"))?"
)

_RELATIONS = {
    INCOMING_SUPPORT: re.compile(r"([' \t]*)(\+>)"),
    INCOMING_ATTACK: re.compile(r"([' \t]*)(->)"),
    OUTGOING_SUPPORT: re.compile(r"([' \t]*)(<?\+)"),
    OUTGOING_ATTACK: re.compile(r"([' \t]*)(<?-)"),
    CONTRADICTION: re.compile(r"([' \t]*)(><)"),
    INCOMING_UNDERCUT: re.compile(r"([' \t]*)(_>)"),
    OUTGOING_UNDERCUT: re.compile(r"([' \t]*)(<_|(?:_(?=" + _WS + r")))"),
}
_INFERENCE_START = re.compile(r"[' \t]*-{2}")
_ORDERED_ITEM = re.compile(r"([' \t]*)[0-9]+\.(?=" + _WS + r")")
_UNORDERED_ITEM = re.compile(r"([' \t]*)\*(?=" + _WS + r")")
_EMPTYLINE = re.compile(r"(?:[ \t]*(?:\r\n|\n)){2,}")
_STATEMENT_NUMBER = re.compile(r"[' \t]*\([0-9]+\)")
_HEADING = re.compile(r"(#+)(?: )")
_RANGE_END_FOLLOW = r"(?:[ \t]|(?=\n|\r|\)|\}|_|\.|,|!|\?|;|:|-|\*|\Z))"
_RANGES = {
    # token type -> (pattern, range type, opens the range?)
    ASTERISK_BOLD_END: (re.compile(r"\*\*" + _RANGE_END_FOLLOW), "AsteriskBold", False),
    UNDERSCORE_BOLD_END: (re.compile(r"__" + _RANGE_END_FOLLOW), "UnderscoreBold", False),
    ASTERISK_ITALIC_END: (re.compile(r"\*" + _RANGE_END_FOLLOW), "AsteriskItalic", False),
    UNDERSCORE_ITALIC_END: (re.compile(r"_" + _RANGE_END_FOLLOW), "UnderscoreItalic", False),
    ASTERISK_BOLD_START: (re.compile(r"\*\*(?!" + _WS + r")"), "AsteriskBold", True),
    UNDERSCORE_BOLD_START: (re.compile(r"__(?!" + _WS + r")"), "UnderscoreBold", True),
    ASTERISK_ITALIC_START: (re.compile(r"\*(?!" + _WS + r")"), "AsteriskItalic", True),
    UNDERSCORE_ITALIC_START: (re.compile(r"_(?!" + _WS + r")"), "UnderscoreItalic", True),
}

_PATTERNS = {
    FRONT_MATTER: re.compile(r"===+[\s\S]*?===+"),
    DATA: re.compile(r"\{(?:(?!\}" + _WS + r"[^,}])(?:" + _DOT + r"|\n))*\}(?!" + _WS + r"*(?:,|\}))"),
    ESCAPED_CHAR: re.compile(r"\\" + _DOT + r"(?: )*"),
    SPECIAL_CHAR: re.compile(r"(?:\." + _NOT_WS + r"+?\.[ \t]?)|(?::" + _NOT_WS + r"+?:[ \t]?)"),
    NEWLINE: re.compile(r"[ \t]*" + _LINE_BREAK),
    LINK: re.compile(r"\[[^\]]+?\]\([^)]+?\)[ \t]?"),
    TAG: re.compile(r"#(?:\([^)]+\)|[a-zA-z0-9\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]+)[ \t]?"),
    STATEMENT_DEFINITION: re.compile(r"\[" + _DOT + r"+?\]:"),
    STATEMENT_REFERENCE: re.compile(r"\[[^-]" + _DOT + r"*?\]"),
    STATEMENT_MENTION: re.compile(r"@\[" + _DOT + r"+?\][ \t]?"),
    ARGUMENT_DEFINITION: re.compile(r"<" + _DOT + r"+?>:"),
    ARGUMENT_REFERENCE: re.compile(r"<[^-]" + _DOT + r"*?>"),
    ARGUMENT_MENTION: re.compile(r"@<" + _DOT + r"+?>[ \t]?"),
    SPACES: re.compile(r"(?: |\t)+"),
    FREESTYLE: re.compile(r"[^\\@#*_\[\],.:;</>\-\r\n(){}]+"),
    UNUSED_CONTROL_CHAR: re.compile(r"[@#*_\[\],.:;</>\-(){}][ \t]?"),
    INFERENCE_END: re.compile(r"-{2,}"),
    LIST_DELIMITER: re.compile(r","),
}

#: Tokens the parser never sees.
SKIPPED = frozenset({COMMENT, SPACES})

#: The token types of each lexer mode, in the order they are tried (lexer.js's lexerConfig).
DEFAULT_MODE = (
    COMMENT,
    FRONT_MATTER,
    DATA,
    ESCAPED_CHAR,
    SPECIAL_CHAR,
    EMPTYLINE,
    NEWLINE,
    INFERENCE_START,
    INCOMING_SUPPORT,
    INCOMING_ATTACK,
    OUTGOING_SUPPORT,
    OUTGOING_ATTACK,
    CONTRADICTION,
    INCOMING_UNDERCUT,
    OUTGOING_UNDERCUT,
    HEADING_START,
    STATEMENT_NUMBER,
    ORDERED_LIST_ITEM,
    UNORDERED_LIST_ITEM,
    ASTERISK_BOLD_END,
    UNDERSCORE_BOLD_END,
    ASTERISK_ITALIC_END,
    UNDERSCORE_ITALIC_END,
    ASTERISK_BOLD_START,
    UNDERSCORE_BOLD_START,
    ASTERISK_ITALIC_START,
    UNDERSCORE_ITALIC_START,
    LINK,
    TAG,
    STATEMENT_DEFINITION,
    STATEMENT_REFERENCE,
    STATEMENT_MENTION,
    ARGUMENT_DEFINITION,
    ARGUMENT_REFERENCE,
    ARGUMENT_MENTION,
    SPACES,
    FREESTYLE,
    UNUSED_CONTROL_CHAR,
)
INFERENCE_MODE = (
    COMMENT,
    NEWLINE,
    ESCAPED_CHAR,
    SPECIAL_CHAR,
    INFERENCE_END,
    DATA,
    LIST_DELIMITER,
    SPACES,
    FREESTYLE,
    UNUSED_CONTROL_CHAR,
)


@dataclass
class _Lexer:
    text: str
    tokens: list[Token] = field(default_factory=list)
    indents: list[int] = field(default_factory=lambda: [0])
    ranges: list[str] = field(default_factory=list)
    line_starts: list[int] = field(default_factory=list)

    # -- positions (Chevrotain counts \r\n, \n and \r as line breaks) --

    def place(self, token: Token) -> Token:
        line = bisect.bisect_right(self.line_starts, token.offset)
        token.line, token.column = line, token.offset - self.line_starts[line - 1] + 1
        return token

    @property
    def last(self) -> Token | None:
        return self.tokens[-1] if self.tokens else None

    def _after(self, *types: str) -> bool:
        last = self.last
        return last is not None and last.type in types

    # -- indentation (emitIndentOrDedent, emitRemainingDedentTokens) --

    def emit_indent_or_dedent(self, indent: str, offset: int) -> None:
        level = len(indent)
        if level > self.indents[-1]:
            self.indents.append(level)
            self.tokens.append(self.place(Token(INDENT, "", offset)))
        elif level < self.indents[-1]:
            while len(self.indents) > 1 and level < self.indents[-1]:
                self.indents.pop()
                self.tokens.append(self.place(Token(DEDENT, "", offset)))

    def emit_remaining_dedents(self, offset: int) -> None:
        while len(self.indents) > 1:
            self.tokens.append(self.place(Token(DEDENT, "", offset)))
            self.indents.pop()

    # -- the custom matchers --

    def match(self, kind: str, pos: int) -> str | None:
        """The image of token type `kind` at `pos`, or None (with lexer.js's side effects)."""
        text = self.text
        if kind in _PATTERNS:
            m = _PATTERNS[kind].match(text, pos)
            return m.group(0) if m else None
        custom = _CUSTOM.get(kind)
        if custom is not None:
            return custom(self, kind, pos)
        raise AssertionError(kind)  # pragma: no cover

    def comment(self, _kind: str, pos: int) -> str | None:
        if self._after(EMPTYLINE):
            pattern = _COMMENT_AFTER_EMPTYLINE
        elif self._after(NEWLINE):
            pattern = _COMMENT_AFTER_NEWLINE
        else:
            pattern = _COMMENT_PLAIN
        m = pattern.match(self.text, pos)
        return m.group(0) if m else None

    def relation(self, kind: str, pos: int) -> str | None:
        m = self._line_start(_RELATIONS[kind], pos, after_emptyline=True)
        if m is None:
            return None
        self.emit_indent_or_dedent(m.group(1), pos)
        return m.group(0)

    def _line_start(
        self, pattern: re.Pattern[str], pos: int, *, after_emptyline: bool
    ) -> re.Match[str] | None:
        """`pattern` at `pos` when a line starts there (after a Newline, or an Emptyline if allowed)."""
        if self.tokens and not self._after(NEWLINE, *((EMPTYLINE,) if after_emptyline else ())):
            return None
        return pattern.match(self.text, pos)

    def inference_start(self, _kind: str, pos: int) -> str | None:
        m = self._line_start(_INFERENCE_START, pos, after_emptyline=False)
        if m is None:
            return None
        self.emit_remaining_dedents(pos)
        return m.group(0)

    def list_item(self, kind: str, pos: int) -> str | None:
        pattern = _ORDERED_ITEM if kind == ORDERED_LIST_ITEM else _UNORDERED_ITEM
        m = self._line_start(pattern, pos, after_emptyline=True)
        if m is None:
            return None
        self.emit_indent_or_dedent(m.group(1) + " ", pos)
        return m.group(0)

    def emptyline(self, _kind: str, pos: int) -> str | None:
        if self._after(EMPTYLINE):
            return None
        m = _EMPTYLINE.match(self.text, pos)
        if m is None:
            return None
        if m.end() < len(self.text):
            self.emit_remaining_dedents(pos)
        return m.group(0)

    def statement_number(self, _kind: str, pos: int) -> str | None:
        m = self._line_start(_STATEMENT_NUMBER, pos, after_emptyline=True)
        if m is None:
            return None
        self.emit_remaining_dedents(pos)
        return m.group(0)

    def heading(self, _kind: str, pos: int) -> str | None:
        if self.tokens and not self._after(EMPTYLINE, NEWLINE):
            return None
        m = _HEADING.match(self.text, pos)
        return m.group(0) if m else None

    def bold_or_italic(self, kind: str, pos: int) -> str | None:
        pattern, range_type, opens = _RANGES[kind]
        if opens:
            m = pattern.match(self.text, pos)
            if m is None:
                return None
            self.ranges.append(range_type)
            return m.group(0)
        if not self.ranges or self.ranges[-1] != range_type or not self.tokens:
            return None
        m = pattern.match(self.text, pos)
        if m is None:
            return None
        self.ranges.pop()
        return m.group(0)


_CUSTOM: dict[str, Callable[[_Lexer, str, int], str | None]] = {
    COMMENT: _Lexer.comment,
    EMPTYLINE: _Lexer.emptyline,
    INFERENCE_START: _Lexer.inference_start,
    **{kind: _Lexer.relation for kind in RELATION_TOKENS},
    HEADING_START: _Lexer.heading,
    STATEMENT_NUMBER: _Lexer.statement_number,
    ORDERED_LIST_ITEM: _Lexer.list_item,
    UNORDERED_LIST_ITEM: _Lexer.list_item,
    **{kind: _Lexer.bold_or_italic for kind in _RANGES},
}

_BLANKS = "' \t"
#: The characters each token type can start with (Freestyle: any but these, UnusedControlChar:
#: these); Chevrotain narrows its tries the same way, and the order of the tries is kept.
_FIRST: dict[str, str] = {
    COMMENT: "/<",
    FRONT_MATTER: "=",
    DATA: "{",
    ESCAPED_CHAR: "\\",
    SPECIAL_CHAR: ".:",
    EMPTYLINE: " \t\r\n",
    NEWLINE: " \t\r\n",
    INFERENCE_START: _BLANKS + "-",
    INCOMING_SUPPORT: _BLANKS + "+",
    INCOMING_ATTACK: _BLANKS + "-",
    OUTGOING_SUPPORT: _BLANKS + "<+",
    OUTGOING_ATTACK: _BLANKS + "<-",
    CONTRADICTION: _BLANKS + ">",
    INCOMING_UNDERCUT: _BLANKS + "_",
    OUTGOING_UNDERCUT: _BLANKS + "<_",
    HEADING_START: "#",
    STATEMENT_NUMBER: _BLANKS + "(",
    ORDERED_LIST_ITEM: _BLANKS + "0123456789",
    UNORDERED_LIST_ITEM: _BLANKS + "*",
    **{kind: "*" if pattern.pattern.startswith("\\*") else "_" for kind, (pattern, _, _) in _RANGES.items()},
    LINK: "[",
    TAG: "#",
    STATEMENT_DEFINITION: "[",
    STATEMENT_REFERENCE: "[",
    STATEMENT_MENTION: "@",
    ARGUMENT_DEFINITION: "<",
    ARGUMENT_REFERENCE: "<",
    ARGUMENT_MENTION: "@",
    SPACES: " \t",
    UNUSED_CONTROL_CHAR: "@#*_[],.:;</>-(){}",
    INFERENCE_END: "-",
    LIST_DELIMITER: ",",
}
_NOT_FREESTYLE = "\\@#*_[],.:;</>-\r\n(){}"


def _candidates(mode: tuple[str, ...]) -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    """For each character that starts some token type of `mode`, the types to try, in order;
    and the types to try for any other character (Freestyle, when the mode has it)."""
    chars = {c for kind in mode for c in _FIRST.get(kind, "")}
    table = {
        c: tuple(
            kind
            for kind in mode
            if c in _FIRST.get(kind, "") or (kind == FREESTYLE and c not in _NOT_FREESTYLE)
        )
        for c in chars
    }
    return table, tuple(kind for kind in mode if kind == FREESTYLE)


_TRIES = {DEFAULT_MODE: _candidates(DEFAULT_MODE), INFERENCE_MODE: _candidates(INFERENCE_MODE)}


def tokenize(text: str, comments: list[int] | None = None) -> list[Token]:
    """Argdown's tokens for `text` (comments and spaces dropped), ending with Dedents as needed.

    The offset of each comment is added to `comments` when given.  Raises LexError where
    no token matches (a backslash at the end of a line or of the text: Argdown's lexer
    stops there too).
    """
    lexer = _Lexer(text)
    lexer.line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\n|\r", text)]
    modes: list[tuple[str, ...]] = [DEFAULT_MODE]
    pos, n = 0, len(text)
    while pos < n:
        table, others = _TRIES[modes[-1]]
        for kind in table.get(text[pos], others):
            image = lexer.match(kind, pos)
            if image is None:
                continue
            if kind not in SKIPPED:
                lexer.tokens.append(lexer.place(Token(kind, image, pos)))
            elif kind == COMMENT and comments is not None:
                comments.append(pos)
            if kind == INFERENCE_START:
                modes.append(INFERENCE_MODE)
            elif kind == INFERENCE_END and len(modes) > 1:
                modes.pop()
            pos += len(image)
            break
        else:
            what = (
                "a backslash escapes nothing" if text[pos] == "\\" else f"unexpected character {text[pos]!r}"
            )
            raise LexError(pos, what)
    if lexer.tokens and lexer.tokens[-1].type == EMPTYLINE:
        lexer.tokens.pop()
    lexer.emit_remaining_dedents(len(text))
    return lexer.tokens


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of `offset` (line breaks as Chevrotain counts them)."""
    before = text[:offset]
    breaks = list(re.finditer(r"\r\n|\n|\r", before))
    if not breaks:
        return 1, offset + 1
    return len(breaks) + 1, offset - breaks[-1].end() + 1
