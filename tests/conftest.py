from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "corpus"
SEED_MAP = REPO / "maps" / "north-korea-missile-launches.yaml"


def run_cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, input: bytes | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real `argmap` command (as `python -m argmap`)."""
    return subprocess.run(
        [sys.executable, "-m", "argmap", *args],
        cwd=cwd or REPO,
        env=env,
        capture_output=True,
        text=True,
        input=input.decode() if input else None,
        timeout=120,
    )


@pytest.fixture
def write_map(tmp_path: Path):
    """Write a map (and optionally an article beside it) into a temporary folder."""

    def write(text: str, name: str = "map.yaml", article: str | None = None) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        if article is not None:
            (tmp_path / "article.txt").write_text(article, encoding="utf-8")
        return path

    return write
