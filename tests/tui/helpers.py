"""Shared set-up of the editor tests: copies of the seed map and article, never the repository's own."""

from __future__ import annotations

import asyncio
import functools
import shutil
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from tests.conftest import REPO, SEED_MAP

SEED_ARTICLE = REPO / "seeds" / "north-korea-missile-launches.txt"

#: A small map with one problem of each kind the panel must jump from: an unknown reference.
BROKEN_REF_MAP = """\
argmap: 1
question: Is it raining?
source:
  file: article.txt
claims:
  wet:
    kind: position
    text: It is raining.
    quote: "The streets are wet"
  umbrellas:
    text: People carry umbrellas.
    supports: [wett]
"""

ARTICLE = "The streets are wet this morning.\nPeople carry umbrellas everywhere.\n"


def copy_seed(tmp: Path) -> Path:
    """The seed map and its article in `tmp`, at the same relative places as in the repository."""
    (tmp / ".git").mkdir()  # a project folder: the map may read articles anywhere in it
    (tmp / "maps").mkdir()
    (tmp / "seeds").mkdir()
    shutil.copy(SEED_ARTICLE, tmp / "seeds" / SEED_ARTICLE.name)
    target = tmp / "maps" / SEED_MAP.name
    shutil.copy(SEED_MAP, target)
    return target


def write_broken(tmp: Path) -> Path:
    (tmp / "article.txt").write_text(ARTICLE, encoding="utf-8")
    path = tmp / "map.yaml"
    path.write_text(BROKEN_REF_MAP, encoding="utf-8")
    return path


def pilot(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an `async def` test (a Textual pilot session) with asyncio; no pytest plugin needed."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run
