"""Laying out DOT with the Graphviz `dot` program."""

from __future__ import annotations

import shutil
import subprocess

FORMATS = ("svg", "png", "pdf", "dot")
INSTALL_HINT = (
    "install Graphviz: `apt install graphviz` (Debian/Ubuntu), `brew install graphviz` (macOS), "
    "or `conda install -c conda-forge graphviz`"
)


class GraphvizMissing(RuntimeError):
    """The `dot` program is not on PATH."""


class GraphvizError(RuntimeError):
    """`dot` ran and failed."""


def layout(dot_source: str, fmt: str) -> bytes:
    exe = shutil.which("dot")
    if exe is None:
        raise GraphvizMissing(f"Graphviz's `dot` program was not found on PATH — {INSTALL_HINT}")
    args = [exe, f"-T{fmt}"]
    if fmt == "png":
        args.append("-Gdpi=144")  # crisp in documents and on high-density screens
    proc = subprocess.run(args, input=dot_source.encode("utf-8"), capture_output=True, check=False)
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GraphvizError(f"Graphviz `dot` failed: {detail[-1] if detail else f'exit {proc.returncode}'}")
    return proc.stdout
