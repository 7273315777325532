"""argmap → Argdown: a map as an Argdown document that Argdown reads as the same argument.

Each claim is a statement whose title is the claim id, in map order, with its outgoing
relations indented below it:

    [recent-tests]: Since its September 9 parade, … #military {kind: evidence, by: "author"}
      +> [tests-pose-threat]
      _> <threat-closes-door>

Each argument is a premise–conclusion structure under its id, after the claims, its
inference rule (the `scheme`) between the dashes:

    <no-hesitation-arg>: the gist {by: "author"}

    (1) [business-as-usual]
    (2) [bau-conditional]
    -- modus ponens --
    (3) [no-hesitation]

An Argdown argument concludes a statement, so an argument that *opposes* a claim or
*undercuts* another argument concludes a statement of its own, titled with the argument's
id and marked `{argmap: opposes}` (or `undercuts`), which attacks the claim (`-> [claim]`)
or undercuts the argument (`_> <argument>`): Argdown reads exactly that meaning, and
reader.py folds it back into the argument.

What Argdown has no syntax for (kind, by, quote, note, weight, answers; an argument's by,
quote, note) travels in `{…}` YAML data; the question and the source travel in the front
matter under `argmap:`.  Text Argdown would read as markup is backslash-escaped; text it
cannot hold on one line (line breaks, runs of spaces) is also given exactly as `text:` in
the data.  Argdown's parser reads every export back as the same statements, arguments and
relations, and reader.py as an equal map (tests/test_argdown.py).
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Any

import yaml
from pydantic import BaseModel

from argmap.dump import CLAIM_DEFAULTS, MAP_DEFAULTS, _double, _float, _key
from argmap.formats._build import ARGUMENT_EXTRA_FIELDS, CLAIM_DATA_FIELDS, MAP_EXTRA_FIELDS
from argmap.formats.argdown.shortcodes import SHORTCODES
from argmap.formats.argdown.yaml12 import Loader
from argmap.model import ArgMap, Argument, Claim

#: Characters escaped in statement text: everything Argdown could read as markup mid-line
#: (`//` and `/*` comments, `===` front matter included; shortcodes are handled apart).
_ESCAPE = re.compile(r"([\\\[\]<>{}#*_@])|/(?=[/*])|=(?==)")
#: Argdown's special characters, `.name.` and `:name:` (JavaScript's \s).
_SPECIAL = re.compile(
    r"\.[^\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+?\."
    r"|:[^\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+?:"
)
#: Characters that are syntax inside an inference line (`-- rule, rule --`).
_RULE_ESCAPE = re.compile(r"([\\@#*_\[\],.:;</>\-(){}])")
_SIMPLE_TAG = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*")
_ARGUMENT_DEFAULTS = {k: f.get_default(call_default_factory=True) for k, f in Argument.model_fields.items()}


def export(model: ArgMap) -> str:
    """The map as an Argdown document that reader.py reads back as an equal model."""
    out = _front_matter(model)
    if model.title:
        out += [f"# {_escape(' '.join(model.title.split()))}", ""]
    for cid, claim in model.claims.items():
        out.append(_statement(cid, claim))
        out += [f"  +> [{target}]" for target in claim.supports]
        out += [f"  -> [{target}]" for target in claim.opposes]
        out += [f"  _> <{target}>" for target in claim.undercuts]
        out.append("")
    for aid, argument in model.arguments.items():
        out += _argument(model, aid, argument)
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
            *[line for k, v in value.items() for line in _front_value(_front_key(k), v, indent + 2)],
        ]
    if isinstance(value, list):
        return [f"{pad}{key}: [" + ", ".join(_yaml_string(str(v)) for v in value) + "]"]
    if isinstance(value, float):
        return [f"{pad}{key}: {_float(value)}"]
    return [f"{pad}{key}: {_yaml_string(str(value))}"]


def _front_key(key: str) -> str:
    """A mapping key in the front matter, plain only when Argdown's YAML (1.2) reads it as this text
    too (`08` is text to YAML 1.1 and the number 8 to YAML 1.2)."""
    as_text = Loader.resolve(Loader, yaml.ScalarNode, key, (True, False)) == "tag:yaml.org,2002:str"
    return key if _key(key) == key and "===" not in key and as_text else _yaml_string(key)


def _statement(cid: str, claim: Claim) -> str:
    data: dict[str, Any] = {}
    for key in CLAIM_DATA_FIELDS:  # every field Argdown has no syntax for, when it is set
        value = getattr(claim, key)
        if key in ("text", "tags") or value == CLAIM_DEFAULTS[key]:
            continue
        if isinstance(value, Enum):
            value = value.value
        data[key] = value[0] if key == "quote" and len(value) == 1 else value
    return _element(f"[{cid}]", claim.text, claim.tags, data)


def _element(head: str, text: str | None, tags: list[str], data: dict[str, Any]) -> str:
    """`[title]: text #tags {data}` (or `<title>: …`); a title alone when there is no text."""
    parts = [head]
    if text is not None:
        one_line = " ".join(text.split())
        if one_line != text:
            data["text"] = text
        parts = [f"{head}:", _escape(one_line)]
    inline = all(_inline_tag(t) for t in tags) and len(set(tags)) == len(tags)
    if tags and not inline:
        data["tags"] = tags
    if inline:
        parts += [f"#{t}" if _SIMPLE_TAG.fullmatch(t) else f"#({t})" for t in tags]
    if data:
        parts.append(_data(data))
    return " ".join(parts)


def _argument(model: ArgMap, aid: str, argument: Argument) -> list[str]:
    """The argument's description, then its premise–conclusion structure."""
    data: dict[str, Any] = {}
    scheme_line = _inference(argument.scheme)
    for key in ARGUMENT_EXTRA_FIELDS:
        value = getattr(argument, key)
        if key in ("text", "tags") or value == _ARGUMENT_DEFAULTS[key]:
            continue
        if key == "scheme" and scheme_line is not None:
            continue
        data[key] = value[0] if key == "quote" and len(value) == 1 else value
    lines = [_element(f"<{aid}>", argument.text, argument.tags, data), ""]
    premises = list(argument.premises)
    lines += [f"({n}) [{premise}]" for n, premise in enumerate(premises, 1)]
    lines.append(scheme_line or "----")
    n = len(premises) + 1
    if argument.supports is not None:
        lines.append(f"({n}) [{argument.supports}]")
    elif argument.opposes is not None:
        target = model.claims.get(argument.opposes)
        gist = f"Against: {' '.join(target.text.split())}" if target else f"Against {argument.opposes}"
        lines.append(f"({n}) [{aid}]: {_escape(gist)} {_data({'argmap': 'opposes'})}")
        lines.append(f"  -> [{argument.opposes}]")
    elif argument.undercuts is not None:
        gist = f"The step of {argument.undercuts} does not hold"
        lines.append(f"({n}) [{aid}]: {_escape(gist)} {_data({'argmap': 'undercuts'})}")
        lines.append(f"  _> <{argument.undercuts}>")
    return lines


def _inference(scheme: str | None) -> str | None:
    """`-- scheme --`, or None when the scheme cannot be written between the dashes exactly."""
    if scheme is None:
        return None
    if scheme != scheme.strip() or any(c in scheme for c in "\n\r\t\u2028\u2029") or "  " in scheme:
        return None
    if ", " not in scheme and "," in scheme:
        return None  # Argdown splits rules at commas and we join them with ", "
    rules = [_RULE_ESCAPE.sub(r"\\\1", rule) for rule in scheme.split(", ")]
    if any(not rule.strip() for rule in rules):
        return None
    return "-- " + ", ".join(rules) + " --"


#: Tags written inline as #(…): words without Argdown syntax, single spaces between them.
_INLINE_TAG = re.compile(r"[^\s()\\{}\[\]<>/#*_@=]+(?: [^\s()\\{}\[\]<>/#*_@=]+)*")


def _inline_tag(tag: str) -> bool:
    """True when `#tag` or `#(tag)` gives the tag back exactly (others go in the data)."""
    return _INLINE_TAG.fullmatch(tag) is not None


def _escape(text: str) -> str:
    text = _ESCAPE.sub(lambda m: "\\" + m.group(0), text)
    return _SPECIAL.sub(lambda m: "\\" + m.group(0) if m.group(0).strip() in SHORTCODES else m.group(0), text)


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
    """A double-quoted YAML string that cannot end Argdown's `{…}` data early (braces), nor
    end an argument's title before it (`>:` after `<title>`)."""
    return _double(value).replace("{", "\\x7b").replace("}", "\\x7d").replace(">", "\\x3e")


def _yaml_string(value: str) -> str:
    """A double-quoted YAML string that cannot end the `===` front matter early."""
    return _double(value).replace("===", "\\x3d==")
