"""A model → readable YAML text in the argmap format, the way a person would write it.

PyYAML's emitter can round-trip anything but writes maps nobody wants to read
(quoted ids, `- a` lists for every relation, lines cut at odd places).  We
emit the text ourselves, in the key order and style of the seed map: block
mappings, a blank line between claims, `supports: [a, b]` flow lists, quotes in
double quotes, long notes folded with `>-`, multi-line text as `|-` blocks.

Every scalar goes through `_scalar`, which picks the plainest style that is
*provably* read back as the same string (plain only when PyYAML's resolver
calls it a string and no indicator can bite; folded or literal only for text
whose shape those styles preserve), and falls back to a fully escaped
double-quoted string otherwise.  `load_text(dump_map(m)).model == m` holds for
every valid model; tests/test_formats.py checks it with hypothesis.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Mapping
from enum import Enum

import yaml
from pydantic import BaseModel

from argmap.model import ArgMap, Argument, Claim

#: Lines are wrapped to this width when a note is folded (the seed map's width).
WRAP = 78

#: Each field's default, computed once (pydantic's get_default is slow with factories).
MAP_DEFAULTS = {k: f.get_default(call_default_factory=True) for k, f in ArgMap.model_fields.items()}
CLAIM_DEFAULTS = {k: f.get_default(call_default_factory=True) for k, f in Claim.model_fields.items()}
ARGUMENT_DEFAULTS = {k: f.get_default(call_default_factory=True) for k, f in Argument.model_fields.items()}

_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"

# Characters YAML accepts unescaped in a stream (PyYAML's reader), minus the
# ones it treats as line breaks or byte-order marks inside scalars.
_PRINTABLE = re.compile(
    "^[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*$"
)
_PLAIN_START = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`]")
_FLOW_CHARS = re.compile(r"[,\[\]{}]")


def dump_map(model: ArgMap, *, header: str | None = None, schema: str | None = None) -> str:
    """The map as argmap YAML text.

    `header` is written first as `#` comment lines (one per line of it);
    `schema` adds the `# yaml-language-server: $schema=...` line editors use to
    validate and complete the file.  Fields are written in the model's order
    and left out when they hold their default, so a field added to the model
    is written without a change here (as long as it is text, a number, a list
    of text or a mapping of text).
    """
    out: list[str] = []
    if schema:
        out.append(f"# yaml-language-server: $schema={schema}")
    if header:
        if out:
            out.append("#")
        out.extend(f"# {line}".rstrip() for line in header.splitlines())
    for key, default in MAP_DEFAULTS.items():
        value = getattr(model, key)
        if key == "claims":
            out.extend(_entries("claims", model.claims, CLAIM_DEFAULTS, "text"))
        elif key == "arguments":
            if model.arguments:
                out.extend(_entries("arguments", model.arguments, ARGUMENT_DEFAULTS, "premises"))
        elif key == "argmap":
            out.append(f"argmap: {value}")
        elif value != default:
            out.extend(_value(key, value, 0))
    return "\n".join(out) + "\n"


def _entries(
    section: str, entries: Mapping[str, BaseModel], defaults: dict[str, object], always: str
) -> list[str]:
    """The claims (or arguments), a blank line between each, fields in the model's order."""
    if not entries:
        return [f"{section}: {{}}"]
    lines = ["", f"{section}:"]
    for nid, entry in entries.items():
        lines += ["", f"  {_key(nid)}:"]
        for key, default in defaults.items():
            value = getattr(entry, key)
            if key == always or value != default:
                lines.extend(_value(key, value, 4))
    return lines


def _value(key: str, value: object, indent: int) -> list[str]:
    """`key: value` in the seed map's style for that kind of value."""
    pad = " " * indent
    if isinstance(value, BaseModel):
        value = value.model_dump(exclude_none=True)
    if isinstance(value, dict):
        if not value:
            return [f"{pad}{key}: {{}}"]
        return [f"{pad}{key}:", *[line for k, v in value.items() for line in _value(_key(k), v, indent + 2)]]
    if isinstance(value, Enum):
        return [f"{pad}{key}: {_scalar(str(value.value))}"]
    if isinstance(value, bool):  # pragma: no cover - the model has no flags yet
        return [f"{pad}{key}: {'true' if value else 'false'}"]
    if isinstance(value, float):
        return [f"{pad}{key}: {_float(value)}"]
    if isinstance(value, int):  # pragma: no cover - `argmap` is the only integer
        return [f"{pad}{key}: {value}"]
    if isinstance(value, list):
        if key == "quote":  # the article's words: always quoted, one per line when several
            if len(value) == 1:
                return _field(key, value[0], indent, quoted=True)
            return [f"{pad}{key}:", *[_item(q, indent + 2)[0] for q in value]]
        return [f"{pad}{key}: {_flow_list(value)}"]
    return _field(key, str(value), indent, fold=key == "note")


# --- scalars ----------------------------------------------------------------------


def _field(key: str, value: str, indent: int, *, quoted: bool = False, fold: bool = False) -> list[str]:
    """`key: value` at `indent`, the value in the plainest safe style.

    Several lines become a `|-` block; a long note (`fold`) becomes a `>-`
    block wrapped at WRAP; anything else stays on one line, plain or quoted.
    """
    head = f"{' ' * indent}{key}:"
    block = None
    if "\n" in value:
        block = _literal(value, indent + 2)
    elif fold and len(head) + 1 + len(value) > WRAP:
        block = _folded(value, indent + 2)
    if block is not None:
        return [f"{head} {block[0]}", *block[1:]]
    return [f"{head} {_scalar(value, quoted=quoted)}"]


def _item(value: str, indent: int) -> list[str]:
    """One `- "..."` item of a block list (used for several quotes)."""
    return [f"{' ' * indent}- {_scalar(value, quoted=True)}"]


def _key(key: str) -> str:
    return key if _is_plain(key) else _double(key)


def _flow_list(values: Iterable[str]) -> str:
    return "[" + ", ".join(v if _is_plain(v, flow=True) else _double(v) for v in values) + "]"


def _scalar(value: str, *, quoted: bool = False) -> str:
    if not quoted and _is_plain(value):
        return value
    return _double(value)


def _is_plain(value: str, *, flow: bool = False) -> bool:
    """True when `value` written bare reads back as exactly this string."""
    return (
        bool(value)
        and _PLAIN_START.match(value) is not None
        and value == value.strip()
        and "\t" not in value
        and ": " not in value
        and " #" not in value
        and not value.endswith(":")
        and _PRINTABLE.match(value) is not None
        and not (flow and (_FLOW_CHARS.search(value) or ":" in value))
        and _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == _STR_TAG
    )


def _literal(value: str, indent: int) -> list[str] | None:
    """`|-` and its lines, or None when a literal block would not keep `value` exactly."""
    lines = value.split("\n")
    first = next((line for line in lines if line), "")
    if (
        first[:1] in (" ", "\t")
        or value.endswith("\n")
        or _PRINTABLE.match(value.replace("\n", "")) is None
        or any(line != line.rstrip(" \t") for line in lines)
    ):
        return None
    pad = " " * indent
    return ["|-", *[f"{pad}{line}" if line else "" for line in lines]]


def _folded(value: str, indent: int) -> list[str] | None:
    """`>-` and the wrapped lines, or None when folding would not give `value` back.

    Folding turns each line break into one space, so it is exact only for one
    line of text with single spaces between words and none at either end.
    """
    if not value or value != value.strip() or "  " in value or _PRINTABLE.match(value) is None:
        return None
    wrapped = textwrap.wrap(
        value, width=max(WRAP - indent, 20), break_long_words=False, break_on_hyphens=False
    )
    if " ".join(wrapped) != value:  # e.g. a no-break space textwrap treats as a space
        return None
    pad = " " * indent
    return [">-", *[f"{pad}{line}" for line in wrapped]]


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}


def _double(value: str) -> str:
    """A double-quoted YAML string; every character YAML could misread is escaped."""
    out = []
    for ch in value:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif _PRINTABLE.match(ch):
            out.append(ch)
        else:
            code = ord(ch)
            out.append(
                f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
            )
    return '"' + "".join(out) + '"'


def _float(value: float) -> str:
    """A float YAML 1.1 reads as a float (it wants a dot before the exponent)."""
    text = repr(float(value))
    mantissa, e, exponent = text.partition("e")
    if e and "." not in mantissa:
        text = f"{mantissa}.0e{exponent}"
    return text
