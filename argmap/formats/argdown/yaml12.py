"""YAML as Argdown reads it: js-yaml 4's default schema (YAML 1.2 core, plus timestamps).

PyYAML speaks YAML 1.1, where `yes`, `no`, `on` and `off` are booleans and `1:30` is a
number; Argdown (js-yaml) reads them as text.  Argdown's `{data}` and front matter must mean
the same here as there, so this loader resolves plain scalars by the 1.2 core rules and, as
js-yaml does, refuses a mapping that repeats a key.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

import yaml

try:  # pragma: no cover - depends on how PyYAML was built
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Base = yaml.SafeLoader


class Loader(_Base):
    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {}

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
            try:
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        "while reading a mapping",
                        node.start_mark,
                        f"the key {key!r} is given twice",
                        key_node.start_mark,
                    )
                seen.add(key)
            except TypeError:
                pass
        return super().construct_mapping(node, deep=deep)


def _resolver(tag: str, pattern: str, first: str) -> None:
    Loader.add_implicit_resolver(f"tag:yaml.org,2002:{tag}", re.compile(pattern, re.X), list(first))


_resolver("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF")
Loader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
_resolver("int", r"^[-+]?(?:0b[01]+|0o[0-7]+|0x[0-9a-fA-F]+|[0-9]+)$", "-+0123456789")
_resolver(
    "float",
    r"""^(?:[-+]?[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?
        |\.[0-9]+(?:[eE][-+]?[0-9]+)?
        |[-+]?\.(?:inf|Inf|INF)
        |\.(?:nan|NaN|NAN))$""",
    "-+0123456789.",
)
_resolver(
    "timestamp",
    r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
        |[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?
        (?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?
        (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
    "0123456789",
)
_resolver("merge", r"^(?:<<)$", "<")


def _int(loader: Loader, node: yaml.ScalarNode) -> int:
    text = loader.construct_scalar(node)
    sign = -1 if text.startswith("-") else 1
    text = text.lstrip("+-")
    for prefix, base in (("0b", 2), ("0o", 8), ("0x", 16)):
        if text.startswith(prefix):
            return sign * int(text[2:], base)
    return sign * int(text)


Loader.add_constructor("tag:yaml.org,2002:int", _int)


def load(text: str) -> Any:
    """The value of YAML `text`; raises yaml.YAMLError when it is not valid YAML."""
    return yaml.load(text, Loader=Loader)
