"""The editable fields of a claim and of the map, and how each is written in a text box.

This is the only translation the editor does: lists are typed comma-separated
(quotes one per line), an empty box means "no value", and a text written as a
YAML block (`text: >`) is shown without the line break the block ends with (the
editing core puts it back).  Whether a value is allowed is for the core to say.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from argmap.diagnostics import visible

Widget = Literal["input", "area", "select"]


def _text(value: str) -> str | None:
    return value.strip() or None


def _keep(value: str) -> str:
    return value


def _note(value: str) -> str | None:
    return value if value.strip() else None


def _items(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _ids(value: str) -> list[str]:
    return [part for part in value.replace(",", " ").split() if part]


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


def _number(value: str) -> float | str | None:
    value = value.strip()
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        return value  # left as typed: the core's validation says what is wrong with it


#: what a map's text may hold and a text box shows as it is; other control characters (which
#: the checker refuses) are shown as `\x1b`, never sent to the terminal
_KEPT = "\t\n\r"


def _show(value: Any) -> str:
    # control characters (which the checker refuses) are shown as `\x1b`, never sent to the terminal
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return visible(", ".join(str(v) for v in value), keep=_KEPT)
    if isinstance(value, float):
        return f"{value:g}"
    return visible(str(getattr(value, "value", value)), keep=_KEPT)


def _show_text(value: Any) -> str:
    return _show(value).rstrip("\n")


def _show_lines(value: Any) -> str:
    if isinstance(value, str):  # a lone quote is written as a plain string
        return visible(value, keep=_KEPT)
    return visible("\n".join(str(v) for v in value or []), keep=_KEPT)


@dataclass(frozen=True)
class Field:
    """One field of the detail panel."""

    #: the claim field name, or the map path joined with '.' (`source.file`)
    name: str
    label: str
    widget: Widget = "input"
    parse: Callable[[str], Any] = _text
    show: Callable[[Any], str] = _show
    placeholder: str = ""
    #: holds several lines (quotes, one a line; the note): ctrl+j or shift+enter breaks the line
    multiline: bool = False

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(self.name.split("."))

    @property
    def dom_id(self) -> str:
        return "field-" + self.name.replace(".", "-")


CLAIM_FIELDS: tuple[Field, ...] = (
    Field("text", "Text", widget="area", parse=_keep, show=_show_text, placeholder="the claim in your words"),
    Field("kind", "Kind", widget="select"),
    Field("id", "Id", parse=_keep, placeholder="letters, digits, - _ ."),
    Field("quote", "Quotes (one per line)", widget="area", parse=_lines, show=_show_lines, multiline=True),
    Field("by", "By", placeholder="who makes the claim: author, or a name"),
    Field("supports", "Supports (ids)", parse=_ids, placeholder="ids of the claims it is a reason for"),
    Field("opposes", "Opposes (ids)", parse=_ids, placeholder="ids of the claims it argues against"),
    Field("tags", "Tags (comma-separated)", parse=_items),
    Field("weight", "Weight (0–1)", parse=_number, placeholder="0.5 when empty"),
    Field("answers", "Answers (question id)", placeholder="for a position: which of `questions` it answers"),
    Field(
        "undercuts",
        "Undercuts (argument ids)",
        parse=_ids,
        placeholder="ids of the arguments whose step it attacks",
    ),
    Field("note", "Note", widget="area", parse=_note, show=_show_text, multiline=True),
)

#: The form of a further question (`questions: {id: text}`).
QUESTION_FIELDS: tuple[Field, ...] = (
    Field(
        "question.text", "Question", widget="area", parse=_keep, show=_show_text, placeholder="the question"
    ),
)

MAP_FIELDS: tuple[Field, ...] = (
    Field("question", "Question", placeholder="the issue the positions answer"),
    Field("title", "Title"),
    Field("source.title", "Article title"),
    Field("source.file", "Article file", placeholder="plain-text copy, relative to the map"),
    Field("source.url", "Article URL"),
    Field("source.publisher", "Publisher"),
    Field("source.author", "Author"),
    Field("source.date", "Date", placeholder="e.g. 2021-09-20"),
)

#: The form of an argument (`arguments: {id: …}`): what the editor lets one change of it.
ARGUMENT_FIELDS: tuple[Field, ...] = (
    Field(
        "argument.text",
        "Gist (the step, in your words)",
        widget="area",
        parse=_note,
        show=_show_text,
        placeholder="optional: why the premises lead to the conclusion",
    ),
    Field("argument.scheme", "Scheme", placeholder="optional: the inference rule, e.g. modus ponens"),
    Field("argument.premises", "Premises (ids, together)", parse=_ids, placeholder="at least one claim id"),
    Field("argument.by", "By", placeholder="who draws the inference: author, or a name"),
    Field(
        "argument.quote",
        "Quotes (one per line)",
        widget="area",
        parse=_lines,
        show=_show_lines,
        multiline=True,
    ),
    Field("argument.note", "Note", widget="area", parse=_note, show=_show_text, multiline=True),
)
