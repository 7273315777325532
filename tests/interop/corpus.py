"""What the interop corpus tests compare: a file's import as YAML text and messages."""

from __future__ import annotations

from pathlib import Path

from argmap.diagnostics import sort_key
from argmap.dump import dump_map
from argmap.formats import parse


def imported_map(path: Path, fmt: str) -> tuple[str | None, str]:
    """The map `argmap import` makes of `path` (None when refused) and its messages, one a line."""
    imported = parse(path.read_text(encoding="utf-8"), fmt, path.name)
    messages = "".join(d.format() + "\n" for d in sorted(imported.diagnostics, key=sort_key))
    if imported.model is None or not imported.ok:
        return None, messages
    header = f"Imported from {path.name} ({fmt}) by `argmap import`."
    return dump_map(imported.model, header=header), messages
