"""Finding the maps under a folder: YAML files whose top level has an `argmap:` key.

`argmap check DIR` and `argmap render DIR` look at every `.yaml` and `.yml`
file below the folder, in sorted order, skipping hidden folders (`.git`, …) and
the usual tool folders (`node_modules`, `venv`, `__pycache__`).  A file is a map
when one of its lines starts with the top-level key `argmap:`, the format
version every map must have; other YAML files (CI configuration, say) are
left alone.  Symbolic links to folders are not followed, so a link loop
cannot trap the walk.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

SUFFIXES = (".yaml", ".yml")
SKIPPED_FOLDERS = frozenset({"node_modules", "venv", "__pycache__", "site-packages"})
_TOP_LEVEL_KEY = re.compile(rb"^(?:\xef\xbb\xbf)?(?:argmap|\"argmap\"|'argmap')[ \t]*:", re.MULTILINE)


def is_map(path: Path) -> bool:
    """Whether the file's top level has an `argmap:` key (unreadable files are not maps)."""
    try:
        return _TOP_LEVEL_KEY.search(path.read_bytes()) is not None
    except OSError:
        return False


def find_maps(folder: str | Path) -> list[Path]:
    """The maps under `folder`, at any depth, in sorted order of their paths."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in SKIPPED_FOLDERS]
        for name in files:
            path = Path(root, name)
            if name.lower().endswith(SUFFIXES) and not name.startswith(".") and is_map(path):
                found.append(path)
    return sorted(found)


def no_maps(folder: str) -> str:
    """What to say about a folder with no map in it."""
    from argmap.diagnostics import visible

    return (
        f"argmap: no maps under {visible(folder)} — a map is a .yaml or .yml file whose top level has "
        "`argmap: 1` (hidden folders are skipped)"
    )
