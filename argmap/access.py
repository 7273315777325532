"""Which files a map may make argmap read.

Maps are checked in CI on pull requests from strangers, and the checker quotes
the article back (the closest passage to a wrong quote).  So a map may only
read files of its own project: a map's article (`source.file`) must resolve,
after following symlinks, inside the *root* — the repository that holds the
map (the nearest folder above it with a `.git`), or the map's own folder when
there is none.  A map reached through a symlink must likewise resolve inside
the root of the folder the link is in, so that a link to `/etc/shadow` is not
read as a map either.

`argmap --source-root DIR …` (or the environment variable ARGMAP_SOURCE_ROOT)
makes DIR the root instead, for articles kept elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT_VARIABLE = "ARGMAP_SOURCE_ROOT"
_HINT = "pass --source-root DIR (before the command) to allow files under DIR"


def _real(path: str | Path) -> Path:
    """`path` with every symlink followed (a symlink loop stays as far as it resolves)."""
    return Path(os.path.realpath(path))


def root_of(map_path: Path | None) -> tuple[Path, str]:
    """The folder whose files the map at `map_path` may read, and what it is, in words (with its path)."""
    override = os.environ.get(ROOT_VARIABLE)
    if override:
        root = _real(override)
        return root, f"the folder given with --source-root ({root})"
    folder = Path(os.path.abspath(map_path)).parent if map_path is not None else Path.cwd()
    for candidate in (folder, *folder.parents):
        if os.path.lexists(candidate / ".git"):
            root = _real(candidate)
            return root, f"the repository that holds the map ({root})"
    root = _real(folder)
    return root, f"the map's folder {root} (no git repository holds it)"


def inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def source_problem(map_path: Path | None, source: Path) -> tuple[str, str] | None:
    """Why the map may not read `source` (message, hint), or None when it may."""
    try:
        real = _real(source)
    except (OSError, ValueError):
        return None  # reading it will say what is wrong
    root, what = root_of(map_path)
    if inside(real, root):
        return None
    return f"is outside {what}", f"keep the article there, or {_HINT}"


def map_problem(path: Path) -> tuple[str, str] | None:
    """Why `path`, a map given by its user, may not be read (a symlink leading away), or None."""
    try:
        if not _leads_through_link(path):
            return None
        real = _real(path)
    except (OSError, ValueError):
        return None
    root, what = root_of(path)
    if inside(real, root):
        return None
    return f"not read: it is a symlink to {real}, outside {what}", f"link to a map there, or {_HINT}"


def _leads_through_link(path: Path) -> bool:
    """Whether the file itself (not the folders above it) is a symlink."""
    return os.path.islink(path)
