"""Foreign formats argmap writes and reads: one module per format, chosen by name.

The registry names each format's module and says which directions it
supports; modules are imported only when used, so `argmap --help` stays fast
and a format's dependencies (Graphviz for DOT) load only for that format.

An exporter is `export(model: ArgMap) -> str`.  An importer is
`parse(text: str, file: str) -> Imported`: the map (None when the input is
broken) and located diagnostics about the *input* file.  Importers never
raise on bad input and never write anything; the command does that.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Protocol

from argmap.diagnostics import Diagnostic, Severity
from argmap.formats.report import Report
from argmap.model import ArgMap


@dataclass(frozen=True)
class Format:
    name: str
    module: str  # under argmap.formats, or a full module path when it contains a dot
    suffix: str  # for files written in this format
    summary: str
    can_export: bool = True
    can_import: bool = False
    #: suffixes by which `argmap import` recognises the format when --from is left out
    recognises: tuple[str, ...] = ()


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "argdown",
            "argdown",
            ".argdown",
            "Argdown text (statements, arguments with premise–conclusion structures, relations, "
            "undercuts, tags; argmap fields in {data})",
            can_import=True,
            recognises=(".argdown", ".ad", ".adown", ".argdn"),
        ),
        Format(
            "aif",
            "aif",
            ".json",
            "AIF JSON as OVA and AIFdb write it (I, RA, CA, MA, L, YA nodes)",
            can_import=True,
            recognises=(".json", ".aif"),
        ),
        Format("json", "jsonfmt", ".json", "the map as JSON, in the shape of schema/argmap.schema.json"),
        Format("markdown", "markdown", ".md", "a readable outline of the argument for a report"),
        Format("dot", "argmap.render.dot", ".dot", "Graphviz DOT source of the diagram"),
    )
}

EXPORT_FORMATS = tuple(name for name, f in FORMATS.items() if f.can_export)
IMPORT_FORMATS = tuple(name for name, f in FORMATS.items() if f.can_import)


@dataclass
class Imported:
    """What an importer made of a file: the map, or None, and what it found wrong."""

    model: ArgMap | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: what was kept, mapped and left out, by construct (`argmap import --report`)
    report: Report = field(default_factory=Report)

    @property
    def ok(self) -> bool:
        return self.model is not None and not any(d.severity is Severity.ERROR for d in self.diagnostics)


class _Exporter(Protocol):
    def export(self, model: ArgMap) -> str: ...


def export(model: ArgMap, fmt: str) -> str:
    """The map as text in format `fmt` (one of EXPORT_FORMATS)."""
    spec = FORMATS[fmt]
    if spec.name == "dot":
        from argmap.render.dot import to_dot

        return to_dot(model)
    module: _Exporter = importlib.import_module(f"argmap.formats.{spec.module}")
    return module.export(model)


def parse(text: str, fmt: str, file: str) -> Imported:
    """Read `text` (the contents of `file`) in format `fmt` (one of IMPORT_FORMATS)."""
    spec = FORMATS[fmt]
    module = importlib.import_module(f"argmap.formats.{spec.module}")
    return module.parse(text, file)


def guess_format(path: str) -> str | None:
    """The import format a file's suffix names, if any."""
    lowered = path.lower()
    for name in IMPORT_FORMATS:
        if any(lowered.endswith(s) for s in FORMATS[name].recognises):
            return name
    return None
