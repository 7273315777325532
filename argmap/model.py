"""The argmap format (version 1) as pydantic models.

This module is the single definition of what a map is: the loader validates
against it, `argmap schema` prints its JSON Schema, and every face (checker,
renderer, editor, exporters) reads the objects defined here. It knows nothing
of YAML positions, screens or Graphviz.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    field_validator,
)
from pydantic_core import PydanticCustomError

FORMAT_VERSION = 1

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
ID_RE = re.compile(ID_PATTERN)
#: http(s), a host, then only the characters RFC 3986 allows (anything else percent-encoded)
_URL_CHAR = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@\[\]]|%[0-9A-Fa-f]{2})"
URL_PATTERN = rf"^https?://{_URL_CHAR}+(?:[/?#](?:{_URL_CHAR}|[/?#])*)?$"

#: The longest text a field may hold, in characters (see `_LIMITS` for the exceptions):
#: enough for any claim, and short enough that every face can draw and print it.
MAX_TEXT = 2_000
#: Quotes and notes may be longer: a passage of the article, a remark.
MAX_LONG_TEXT = 20_000
#: The longest id (of a claim, argument or question).
MAX_ID = 100
_LIMITS = {"quote": MAX_LONG_TEXT, "note": MAX_LONG_TEXT, "file": 4_096}
#: Characters no text of a map may hold: control characters other than tab and line breaks
#: (they reach terminals as commands, and Graphviz and XML refuse them), lone surrogates and
#: Unicode's noncharacters (U+FFFE, U+FFFF and the like).
CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
    + "]"
)


def _one_or_many(value: Any) -> Any:
    """Let a single string stand for a one-item list (`quote: "..."`)."""
    if isinstance(value, str):
        return [value]
    return value


def _one_or_many_schema(item: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [item, {"type": "array", "items": item}]}


NonEmptyText = Annotated[str, Field(min_length=1, pattern=r"\S")]
ClaimId = Annotated[str, Field(pattern=ID_PATTERN, max_length=MAX_ID)]

QuoteList = Annotated[
    list[NonEmptyText],
    BeforeValidator(_one_or_many),
    WithJsonSchema(_one_or_many_schema({"type": "string", "minLength": 1})),
]
IdList = Annotated[
    list[ClaimId],
    BeforeValidator(_one_or_many),
    WithJsonSchema(_one_or_many_schema({"type": "string", "pattern": ID_PATTERN})),
]
TagList = Annotated[
    list[NonEmptyText],
    BeforeValidator(_one_or_many),
    WithJsonSchema(_one_or_many_schema({"type": "string", "minLength": 1})),
]


class Kind(StrEnum):
    """What role a claim plays in the argument."""

    POSITION = "position"  # an answer to the map's question
    CLAIM = "claim"  # a reason or assertion
    EVIDENCE = "evidence"  # a fact, figure or report offered in support


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)

    @field_validator("*", mode="after")
    @classmethod
    def _printable_and_bounded(cls, value: Any, info: Any) -> Any:
        """Every text of every field, of every kind of object in a map: no control characters,
        and no longer than its limit (so `render` can draw whatever `check` accepts)."""
        if isinstance(value, str):
            _check_text(info.field_name, value, None)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    _check_text(info.field_name, item, i)
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(item, str):
                    _check_text(info.field_name, item, key)
        return value


def _check_text(field: str, text: str, index: int | str | None) -> None:
    found = CONTROL.search(text)
    if found is not None:
        raise PydanticCustomError(
            "control_character",
            "holds a control character (code point {code}) at character {at}",
            {"index": index, "code": ord(found.group()), "at": found.start() + 1},
        )
    limit = _LIMITS.get(field, MAX_TEXT)
    if len(text) > limit:
        raise PydanticCustomError(
            "text_too_long",
            "{length} characters long, over the limit of {limit}",
            {"index": index, "length": len(text), "limit": limit},
        )


def _url(value: str) -> str:
    """An http(s) address whose parentheses pair up (the pattern checks its characters)."""
    depth = 0
    for ch in value:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            raise PydanticCustomError("url_parentheses", "a ')' closes nothing", {"which": ")"})
    if depth:
        raise PydanticCustomError("url_parentheses", "a '(' is never closed", {"which": "("})
    return value


def _exactly(value: Any) -> Any:
    """The format version as the whole number it is: not `true`, not `1.0` (both equal 1)."""
    if isinstance(value, bool | float):
        raise PydanticCustomError("version_type", "not a whole number", {})
    return value


class Source(_Strict):
    """The article the map analyses and its quotes come from."""

    title: NonEmptyText | None = Field(None, description="Title of the article.")
    publisher: NonEmptyText | None = Field(None, description="Where it was published.")
    author: NonEmptyText | None = Field(None, description="Who wrote it, where known.")
    date: NonEmptyText | None = Field(None, description="Publication date, e.g. 2021-09-20.")
    file: NonEmptyText | None = Field(
        None,
        description="Plain-text copy of the article, relative to the map file; "
        "every quote is checked against it.",
    )
    url: Annotated[str, Field(pattern=URL_PATTERN), AfterValidator(_url)] | None = Field(
        None, description="Web address of the article (http or https only)."
    )


class Claim(_Strict):
    """One claim of the argument, with the relations it gives to others."""

    kind: Kind = Field(Kind.CLAIM, description="position | claim | evidence")
    text: NonEmptyText = Field(description="The claim in the analyst's words.")
    quote: QuoteList = Field(
        default_factory=list,
        description="The article's exact words behind the claim (one string or a list).",
    )
    by: NonEmptyText | None = Field(
        None, description="Who makes the claim in the article (e.g. author, or a name)."
    )
    supports: IdList = Field(
        default_factory=list, description="Ids of the claims this one gives a reason for."
    )
    opposes: IdList = Field(default_factory=list, description="Ids of the claims this one argues against.")
    tags: TagList = Field(default_factory=list, description="Free labels for grouping.")
    note: str | None = Field(None, description="Free text for the analyst.")
    weight: Annotated[float, Field(ge=0.0, le=1.0, strict=True)] | None = Field(
        None,
        description="Base score in [0, 1] for `argmap evaluate` (0.5 when absent).",
    )
    answers: ClaimId | None = Field(
        None,
        description="For a position: the id (in `questions`) of the question it answers, "
        "when that is not the map's main `question`.",
    )
    undercuts: IdList = Field(
        default_factory=list,
        description="Ids of arguments (in `arguments`) whose inference this claim attacks: it "
        "denies that their premises lead to their conclusion, not the premises or the conclusion.",
    )


#: How an argument's premises bear on its target, in the order the format lists them.
ARGUMENT_RELATIONS: tuple[str, ...] = ("supports", "opposes", "undercuts")


class Argument(_Strict):
    """An inference: premises that together support or oppose a claim, or undercut another argument."""

    # A claim's plain `supports`/`opposes` is the one-premise case; an argument
    # is needed when premises lead to the conclusion only jointly (linked
    # premises), or when the step itself is attacked (an undercut names the
    # argument).  Exactly one of `supports`, `opposes` and `undercuts` is its
    # conclusion; the checker reports a missing or doubled one, so that a
    # half-written argument still loads (and shows in the editor).

    premises: IdList = Field(
        default_factory=list,
        description="Ids of the claims that, together, lead to the conclusion (one string or a list).",
    )
    supports: ClaimId | None = Field(None, description="The claim the premises together support.")
    opposes: ClaimId | None = Field(None, description="The claim the premises together argue against.")
    undercuts: ClaimId | None = Field(
        None, description="An argument whose inference the premises together attack."
    )
    text: NonEmptyText | None = Field(None, description="The gist of the inference, in the analyst's words.")
    scheme: NonEmptyText | None = Field(
        None, description="The name of the inference rule or argument scheme (e.g. modus ponens)."
    )
    by: NonEmptyText | None = Field(None, description="Who draws the inference in the article.")
    quote: QuoteList = Field(
        default_factory=list, description="The article's words that make the step (e.g. “so”, “if …”)."
    )
    tags: TagList = Field(default_factory=list, description="Free labels for grouping.")
    note: str | None = Field(None, description="Free text for the analyst.")

    @property
    def conclusions(self) -> list[tuple[str, str]]:
        """Every (relation, target) the argument names, in the format's order (one when valid)."""
        return [(rel, target) for rel in ARGUMENT_RELATIONS if (target := getattr(self, rel)) is not None]

    @property
    def conclusion(self) -> tuple[str, str] | None:
        """The (relation, target) of a valid argument: ('supports', 'x'), …; None when not exactly one."""
        found = self.conclusions
        return found[0] if len(found) == 1 else None


class ArgMap(_Strict):
    """A whole map: the question, the source and the claims, in the author's order."""

    model_config = ConfigDict(
        title="argmap map",
        json_schema_extra={
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "description": "An argument map of an article (argmap format version 1).",
        },
    )

    argmap: Annotated[Literal[1], BeforeValidator(_exactly)] = Field(
        description="Format version; this is version 1."
    )
    title: NonEmptyText | None = Field(None, description="Title of the map.")
    question: NonEmptyText | None = Field(None, description="The issue the positions answer.")
    questions: dict[ClaimId, NonEmptyText] = Field(
        default_factory=dict,
        description="Further questions the article answers, by id; "
        "a position names the one it answers with `answers`.",
    )
    source: Source | None = Field(None, description="The article the quotes come from.")
    claims: dict[ClaimId, Claim] = Field(
        default_factory=dict, description="Claims by id, in the order the author wants them."
    )
    arguments: dict[ClaimId, Argument] = Field(
        default_factory=dict,
        description="Inferences with linked premises, or that are undercut, by id "
        "(claims and arguments share one namespace of ids).",
    )

    def positions(self) -> list[str]:
        return [cid for cid, c in self.claims.items() if c.kind is Kind.POSITION]

    def question_groups(self) -> list[QuestionGroup]:
        """Each question with the positions that answer it, the main `question` first.

        Positions with no `answers` answer the main question (which may be
        unset: then the group's text is None).  An `answers` naming no
        question of `questions` (an error the checker reports) is left out.
        """
        main = QuestionGroup(None, self.question, [])
        groups = {qid: QuestionGroup(qid, text, []) for qid, text in self.questions.items()}
        for cid in self.positions():
            answers = self.claims[cid].answers
            group = main if answers is None else groups.get(answers)
            if group is not None:
                group.positions.append(cid)
        return [main, *groups.values()] if main.text or main.positions else list(groups.values())


@dataclass(frozen=True)
class QuestionGroup:
    """A question of the map and the positions answering it, in file order."""

    id: str | None  # None for the map's main `question`
    text: str | None
    positions: list[str]


CLAIM_FIELDS: tuple[str, ...] = tuple(Claim.model_fields)
MAP_FIELDS: tuple[str, ...] = tuple(ArgMap.model_fields)
SOURCE_FIELDS: tuple[str, ...] = tuple(Source.model_fields)
ARGUMENT_FIELDS: tuple[str, ...] = tuple(Argument.model_fields)
