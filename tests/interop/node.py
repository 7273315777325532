"""Argdown's own parser, when Node and `@argdown/core` are installed (scripts/setup --interop)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent.parent
SCRIPT = REPO / "interop" / "argdown-model.js"
CORE = REPO / "interop" / "node_modules" / "@argdown" / "core" / "package.json"


def missing() -> str | None:
    """Why Argdown's parser cannot run here, or None when it can."""
    if shutil.which("node") is None:
        return "Node is not installed: run scripts/setup --interop"
    if not CORE.is_file():
        return "@argdown/core is not installed in interop/: run scripts/setup --interop"
    version = json.loads(CORE.read_text())["version"]
    if version != "1.7.5":
        return f"interop/ has @argdown/core {version}, not 1.7.5: run scripts/setup --interop"
    return None


def argdown_summaries(texts: list[str]) -> list[dict[str, Any]]:
    """Argdown's summary of each document (the shape of argmap/formats/argdown/summary.py)."""
    node = shutil.which("node")
    assert node is not None
    out = subprocess.run(
        [node, str(SCRIPT), "-"],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    return json.loads(out.stdout)
