"""A map's `source.file` is relative to the file that names it: keep it right when the map moves.

An export written to another folder names the article relative to that folder, and an
import names it relative to the map it writes, so an exported map imported anywhere still
finds its article (README: "export and import").
"""

from __future__ import annotations

import os
from pathlib import Path

from argmap.model import ArgMap


def rebase_source(model: ArgMap, from_dir: Path, to_dir: Path) -> ArgMap:
    """`model` with a relative `source.file` (relative to `from_dir`) made relative to `to_dir`."""
    source = model.source
    if source is None or not source.file or Path(source.file).is_absolute():
        return model
    target = (from_dir / source.file).resolve()
    try:
        moved = os.path.relpath(target, to_dir.resolve())
    except ValueError:  # pragma: no cover - another drive on Windows
        moved = str(target)
    moved = Path(moved).as_posix()
    if moved == source.file:
        return model
    return model.model_copy(update={"source": source.model_copy(update={"file": moved})})


def source_path(model: ArgMap, map_dir: Path) -> Path | None:
    """Where the map's article is, when it names one."""
    if model.source is None or not model.source.file:
        return None
    return (map_dir / model.source.file).resolve()
