"""Turn pydantic's validation errors into located messages a person can act on."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from argmap.diagnostics import Diagnostic, Severity
from argmap.model import (
    ARGUMENT_FIELDS,
    ARGUMENT_RELATIONS,
    CLAIM_FIELDS,
    FORMAT_VERSION,
    MAP_FIELDS,
    SOURCE_FIELDS,
    Kind,
)
from argmap.suggest import did_you_mean, one_of

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

    from argmap.load import Locations

_ID_RULE = "ids start with a letter or digit and use only letters, digits, '_', '.' and '-'"
_TYPE_WORDS = {
    "string_type": "text",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "float_type": "a number",
    "float_parsing": "a number",
    "int_type": "a whole number",
    "bool_type": "true or false",
}
_LIST_FIELDS = {"quote", "supports", "opposes", "tags", "premises", "undercuts"}
_ID_FIELDS = {"supports", "opposes", "undercuts", "premises"}


def describe(value: Any) -> str:
    """Name the kind of a YAML value the way a map author thinks of it."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"a yes/no value ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__  # pragma: no cover - loader yields only the above


def slug(text: str) -> str:
    """A valid id made from arbitrary text (for 'did you mean' on bad ids)."""
    s = re.sub(r"[^A-Za-z0-9_.-]+", "-", text.strip()).strip("-_.")
    return s or "claim"


def _where(loc: tuple[Any, ...]) -> tuple[str, str, tuple[str, ...]]:
    """Describe the owner of a field: ('claim 'x'', field, valid fields of the owner)."""
    if len(loc) >= 2 and loc[0] == "claims":
        return f"claim '{loc[1]}'", ".".join(str(p) for p in loc[2:3]), CLAIM_FIELDS
    if len(loc) >= 2 and loc[0] == "arguments":
        return f"argument '{loc[1]}'", ".".join(str(p) for p in loc[2:3]), ARGUMENT_FIELDS
    if loc and loc[0] == "source":
        return "source", ".".join(str(p) for p in loc[1:2]), SOURCE_FIELDS
    return "map", str(loc[0]) if loc else "", MAP_FIELDS


def translate(err: ErrorDetails, data: Any, locations: Locations, file: str) -> Diagnostic:
    loc = tuple(err["loc"])
    kind = err["type"]
    value = err.get("input")
    owner, name, fields = _where(loc)
    message, hint, pos, code = None, None, locations.value(loc), kind.replace("_", "-")

    if kind == "extra_forbidden":
        key, code = str(loc[-1]), "unknown-field"
        pos = locations.key(loc)
        message = f"unknown field '{key}'" + ("" if owner == "map" else f" in {owner}")
        hint = did_you_mean(key, fields) or f"the fields are: {one_of(fields)}"
    elif kind == "missing":
        key, code = str(loc[-1]), "missing-field"
        pos = locations.key(loc[:-1]) if len(loc) > 1 else locations.value(())
        if loc == ("argmap",):
            message, hint = "the map has no format version", "add `argmap: 1` as its first line"
        else:
            message = f"{owner} has no '{key}'"
            hint = "every claim needs a `text:` that says it in your words" if key == "text" else None
    elif kind == "string_too_long" and (loc[-1] == "[key]" or name in _ID_FIELDS or name == "answers"):
        code = "too-long"
        bad = str(loc[-2]) if loc[-1] == "[key]" else str(value)
        pos = locations.key(loc[:-1]) if loc[-1] == "[key]" else pos
        limit = (err.get("ctx") or {}).get("max_length")
        message = f"the id '{_short(bad, 40)}' is {len(bad):,} characters long, over the limit of {limit:,}"
        hint = "use a short id: a few words joined by '-'"
    elif kind in ("control_character", "text_too_long"):
        code, message, hint, pos = _text_problem(err, loc, owner, name, locations)
    elif kind == "url_parentheses":
        code = "bad-url"
        message = f"source url '{_short(value)}' is not a web address: {err['msg']}"
        hint = "percent-encode it: ( is %28, ) is %29"
    elif loc == ("argmap",):
        code = "version"
        if value == FORMAT_VERSION and not isinstance(value, str):
            message = f"the format version must be the whole number {FORMAT_VERSION}, not {describe(value)}"
        elif str(value).strip() == str(FORMAT_VERSION):
            message = f"the format version must be the number {FORMAT_VERSION}, not {describe(value)}"
        else:
            message = f"unsupported format version {value!r}"
        hint = f"this argmap reads format {FORMAT_VERSION}: write `argmap: {FORMAT_VERSION}`"
    elif loc and loc[-1] == "[key]":
        bad, code = str(loc[-2]), "bad-id"
        pos = locations.key(loc[:-1])
        what = "argument" if loc[0] == "arguments" else "claim"
        message, hint = f"'{bad}' is not a valid {what} id: {_ID_RULE}", f"did you mean '{slug(bad)}'?"
    elif kind == "enum" and name == "kind":
        code = "bad-kind"
        message = f"unknown kind '{value}' for {owner}"
        hint = did_you_mean(str(value), [k.value for k in Kind]) or (
            f"the kinds are: {one_of(k.value for k in Kind)}"
        )
    elif kind == "string_pattern_mismatch" and name == "url":
        code = "bad-url"
        message = f"source url '{_short(value)}' is not a web address"
        hint = _url_hint(str(value))
    elif kind == "string_pattern_mismatch" and name in _ID_FIELDS:
        code = "bad-id"
        what = "argument" if name == "undercuts" else "claim"
        message = f"'{value}' in '{name}' of {owner} is not a valid {what} id: {_ID_RULE}"
        hint = f"did you mean '{slug(str(value))}'?"
    elif (
        kind == "string_type"
        and owner.startswith("argument")
        and name in ARGUMENT_RELATIONS
        and isinstance(value, list)
    ):
        code = "one-conclusion"
        message = f"'{name}' of {owner} must name one id, not a list: an argument has one conclusion"
        if len(value) == 1 and isinstance(value[0], str):
            hint = f"write `{name}: {value[0]}`"
        else:
            hint = "make one argument per conclusion, each with the same premises"
    elif kind in ("string_too_short", "string_pattern_mismatch"):
        code = "empty"
        message = f"'{name}' of {owner} is empty"
        hint = "say the claim in your words" if name == "text" else "write it, or remove the field"
    elif kind in ("greater_than_equal", "less_than_equal") and name == "weight":
        message = f"'weight' of {owner} must be between 0 and 1, got {value}"
    elif kind in _TYPE_WORDS:
        code = "wrong-type"
        message, hint = _type_message(loc, owner, name, kind, value)
    if message is None:
        message = f"{'.'.join(str(p) for p in loc)}: {err['msg']}"
    return Diagnostic(file, pos, Severity.ERROR, code, message, hint)


def _short(value: Any, limit: int = 80) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _url_hint(url: str) -> str:
    """What is wrong with a web address the pattern refused, and how to write it."""
    from argmap.model import _URL_CHAR

    if not re.match(r"^https?://", url):
        return "only http:// and https:// addresses are allowed"
    if not re.match(r"^https?://[^/?#]", url):
        return "it has no host: write it as https://example.org/…"
    rest = url.split("://", 1)[1]
    if re.search(r"\s", rest):
        return "it holds a space: write it as %20"
    if re.search(r"%(?![0-9A-Fa-f]{2})", rest):
        return "a '%' starts no %XX escape: write '%' itself as %25"
    bad = re.sub(_URL_CHAR + r"|[/?#]", "", rest)
    if bad:
        return f"'{bad[0]}' is not allowed in a web address: percent-encode it, as a browser does"
    return "only http:// and https:// addresses are allowed"


def _text_problem(
    err: ErrorDetails, loc: tuple[Any, ...], owner: str, name: str, locations: Locations
) -> tuple[str, str, str | None, Any]:
    """A control character, or a text or id over its limit: (code, message, hint, position)."""
    ctx = err.get("ctx") or {}
    index = ctx.get("index")
    field = f"'{name}'" if owner == "map" else f"'{name}' of {owner}"
    if isinstance(index, int):
        field = f"item {index + 1} of {field}"
    elif isinstance(index, str):
        field = f"'{name}.{index}'"
    pos = locations.value((*loc, index)) if index is not None else locations.value(loc)
    if err["type"] == "control_character":
        code_point = ctx["code"]
        names = {0: "NUL", 7: "BEL", 8: "BS", 27: "ESC", 127: "DEL", 0x85: "NEL", 0x9B: "CSI"}
        shown = f"U+{code_point:04X}" + (f" ({names[code_point]})" if code_point in names else "")
        return (
            "control-character",
            f"{field} holds a control character, {shown}, at character {ctx['at']}",
            "remove it: control characters cannot be drawn, and a terminal would run them as commands",
            pos,
        )
    return (
        "too-long",
        f"{field} is {ctx['length']:,} characters long, over the limit of {ctx['limit']:,}",
        "shorten it: a box shows a few lines; put a long remark in `note`"
        if name not in ("quote", "note")
        else "shorten it: quote the passage that makes the point",
        pos,
    )


def _type_message(
    loc: tuple[Any, ...], owner: str, name: str, kind: str, value: Any
) -> tuple[str, str | None]:
    expected = _TYPE_WORDS[kind]
    got = describe(value)
    in_list = len(loc) > 3 and isinstance(loc[-1], int)
    if owner.startswith("claim") and len(loc) == 2:
        return (
            f"{owner} must be a mapping of fields, not {got}",
            f"write `text: …` and the other fields indented under `{loc[1]}:`",
        )
    if owner.startswith("argument") and len(loc) == 2:
        return (
            f"{owner} must be a mapping of fields, not {got}",
            f"write `premises: […]` and `supports: …` (or `opposes:`) indented under `{loc[1]}:`",
        )
    if name in _LIST_FIELDS and in_list:
        what = "claim id" if name in _ID_FIELDS else "text"
        return (
            f"item {loc[-1] + 1} of '{name}' in {owner} must be a {what}, not {got}",
            "put it in quotes" if isinstance(value, int | float | bool) else None,
        )
    if name in _LIST_FIELDS:
        return (
            f"'{name}' of {owner} must be text or a list, not {got}",
            "write `[a, b]` or one per line with `- `",
        )
    field = f"'{name}'" + ("" if owner == "map" else f" of {owner}")
    hint = "put it in quotes" if expected == "text" and isinstance(value, int | float | bool) else None
    if expected == "a number" and isinstance(value, str):
        hint = "write the number without quotes"
    if owner == "map" and name in ("claims", "source", "arguments"):
        hint = f"`{name}:` is followed by indented fields"
    return f"{field} must be {expected}, not {got}", hint
