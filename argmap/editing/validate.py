"""Checking and normalising one value before it is written, with the model's own rules.

The pydantic models in `argmap.model` say what a valid field is; this module only asks them
(validating a one-field claim or source) and words the refusal with `argmap.validation`, so
the editor, the checker and the JSON Schema never disagree.

What is refused at once (EditError) and what is written and left to the checker:

* refused: values the model rejects — an empty text, an unknown kind, a weight outside
  [0, 1] or not a number, an id that breaks the id pattern, an empty quote or tag, a url
  that is not http(s); and, in the editor, references to claims that do not exist, to the
  claim itself, or twice.  The UI checks these as the user types (`validate_field`).
* written, then reported by the checker: everything that depends on other files or on the
  argument as a whole — a quote that is not in the article, a source file that does not
  exist, circular support, unconnected claims.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ValidationError

from argmap.editing.errors import EditError
from argmap.load import Locations
from argmap.model import (
    ARGUMENT_FIELDS,
    CLAIM_FIELDS,
    MAP_FIELDS,
    SOURCE_FIELDS,
    ArgMap,
    Argument,
    Claim,
    Kind,
    Source,
)
from argmap.suggest import did_you_mean, one_of
from argmap.validation import translate

#: map fields set_map_field accepts (the format version and the claims have their own edits)
MAP_PATHS: tuple[tuple[str, ...], ...] = (
    ("title",),
    ("question",),
    ("source",),
    *(("source", name) for name in SOURCE_FIELDS),
)
_ID_LISTS = ("supports", "opposes", "undercuts", "premises")
_PLACEHOLDER = "<this claim>"  # no id looks like it, and messages print it as it is


def _is_question_path(path: tuple[str, ...]) -> bool:
    """('questions', id): the text of one further question, added, changed or removed."""
    return len(path) == 2 and path[0] == "questions" and isinstance(path[1], str)


def is_empty(value: Any) -> bool:
    """None, "" (or only spaces) and [] all mean "remove the field"."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, list | tuple) and not value


def _message(exc: ValidationError, data: Any, loc_prefix: tuple[str, ...]) -> str:
    err = exc.errors(include_url=False)[0]
    err = {**err, "loc": (*loc_prefix, *err["loc"])}
    diag = translate(err, data, Locations(), "")
    text = diag.message if not diag.hint else f"{diag.message} — {diag.hint}"
    for owner in (f" of claim '{_PLACEHOLDER}'", f" in claim '{_PLACEHOLDER}'", f"claim '{_PLACEHOLDER}'"):
        text = text.replace(owner, "" if owner.startswith(" ") else "the claim")
    return text


def _as_list(field: str, value: Any) -> Any:
    """Text typed in one box: ids split on commas or spaces, tags on commas; lists are cleaned."""
    if isinstance(value, str) and field in _ID_LISTS:
        value = re.split(r"[,\s]+", value)
    elif isinstance(value, str) and field == "tags":
        value = value.split(",")
    if isinstance(value, list | tuple):
        items = [v.strip() if isinstance(v, str) else v for v in value]
        return [v for v in items if v != ""]
    return value


def normalize_claim_field(field: str, value: Any, claim: str | None = None) -> Any:
    """The value to write for a claim field (None: remove it); EditError when the model refuses it."""
    if field not in CLAIM_FIELDS:
        hint = did_you_mean(field, CLAIM_FIELDS) or f"the fields are: {one_of(CLAIM_FIELDS)}"
        raise EditError(f"unknown claim field '{field}' — {hint}")
    if field in ("supports", "opposes", "undercuts", "tags", "quote") and not isinstance(value, str):
        value = _as_list(field, list(value) if isinstance(value, tuple) else value)
    elif field in ("supports", "opposes", "undercuts", "tags"):
        value = _as_list(field, value)
    if is_empty(value):
        if field == "text":
            raise EditError("a claim needs a text — say the claim in your words")
        return None
    if field == "weight" and isinstance(value, str):  # typed in a text box
        try:
            value = float(value.strip())
        except ValueError:
            raise EditError("'weight' must be a number between 0 and 1") from None
    if isinstance(value, bool) and field == "weight":
        raise EditError("'weight' must be a number between 0 and 1")
    data = {"text": "x", field: value}
    try:
        parsed = Claim.model_validate(data)
    except ValidationError as exc:
        owner = claim or _PLACEHOLDER
        raise EditError(_message(exc, {"claims": {owner: data}}, ("claims", owner))) from None
    result = getattr(parsed, field)
    if isinstance(result, Kind):
        return result.value
    if field == "weight":
        return round(float(result), 4)  # short, and never in exponent notation YAML 1.1 reads as text
    return list(result) if isinstance(result, list) else result


def normalize_argument_field(field: str, value: Any, argument: str | None = None) -> Any:
    """The value to write for an argument field (None: remove it); EditError when the model
    refuses it, or when it would leave the argument without premises."""
    if field not in ARGUMENT_FIELDS:
        hint = did_you_mean(field, ARGUMENT_FIELDS) or f"the fields are: {one_of(ARGUMENT_FIELDS)}"
        raise EditError(f"unknown argument field '{field}' — {hint}")
    if field in ("premises", "tags", "quote") and not isinstance(value, str):
        value = _as_list(field, list(value) if isinstance(value, tuple) else value)
    elif field in ("premises", "tags"):
        value = _as_list(field, value)
    if is_empty(value):
        if field == "premises":
            raise EditError("an argument needs at least one premise — d on the argument deletes it instead")
        return None
    data = {field: value}
    try:
        parsed = Argument.model_validate(data)
    except ValidationError as exc:
        owner = argument or _PLACEHOLDER
        message = _message(exc, {"arguments": {owner: data}}, ("arguments", owner))
        raise EditError(message.replace(f" '{_PLACEHOLDER}'", "")) from None
    result = getattr(parsed, field)
    return list(result) if isinstance(result, list) else result


def validate_argument_field(field: str, value: Any, argument: str | None = None) -> str | None:
    """Why `value` cannot be the argument field `field`, or None when it can."""
    try:
        normalize_argument_field(field, value, argument)
    except EditError as exc:
        return str(exc)
    return None


def validate_field(field: str, value: Any, claim: str | None = None) -> str | None:
    """Why `value` cannot be the claim field `field`, or None when it can (for checks as you type)."""
    try:
        normalize_claim_field(field, value, claim)
    except EditError as exc:
        return str(exc)
    return None


def normalize_map_field(path: tuple[str, ...], value: Any) -> Any:
    """The value to write at a map path such as ('source', 'url'); None removes it."""
    if path not in MAP_PATHS and not _is_question_path(path):
        shown = ", ".join(".".join(p) for p in MAP_PATHS)
        raise EditError(f"'{'.'.join(path)}' cannot be set here; the map fields are: {shown}, questions.<id>")
    if is_empty(value):
        return None
    model: type[BaseModel]
    prefix: tuple[str, ...]
    if path == ("source",):
        model, data, prefix = ArgMap, {"argmap": 1, "source": value}, ()
    elif path[0] == "source":
        model, data, prefix = Source, {path[1]: value}, ("source",)
    elif path[0] == "questions":
        model, data, prefix = ArgMap, {"argmap": 1, "questions": {path[1]: value}}, ()
    else:
        model, data, prefix = ArgMap, {"argmap": 1, path[0]: value}, ()
    try:
        parsed = model.model_validate(data)
    except ValidationError as exc:
        raise EditError(_message(exc, data if not prefix else {"source": data}, prefix)) from None
    if path == ("source",):
        return value
    if path[0] == "questions":
        assert isinstance(parsed, ArgMap)
        return parsed.questions[path[1]]
    return getattr(parsed, path[-1])


def validate_map_field(path: tuple[str, ...], value: Any) -> str | None:
    """Why `value` cannot be written at the map path, or None when it can."""
    try:
        normalize_map_field(path, value)
    except EditError as exc:
        return str(exc)
    return None


def validate_id(cid: str) -> str | None:
    """Why `cid` cannot be a claim id (the pattern, with a suggestion), or None."""
    if not isinstance(cid, str) or not cid:
        return "a claim id cannot be empty"
    try:
        ArgMap.model_validate({"argmap": 1, "claims": {cid: {"text": "x"}}})
    except ValidationError as exc:
        return _message(exc, {"claims": {cid: {"text": "x"}}}, ())
    return None


# MAP_FIELDS is re-exported for the UI, which lists what set_map_field accepts.
__all__ = [
    "MAP_FIELDS",
    "MAP_PATHS",
    "is_empty",
    "normalize_argument_field",
    "normalize_claim_field",
    "normalize_map_field",
    "validate_argument_field",
    "validate_field",
    "validate_id",
    "validate_map_field",
]
