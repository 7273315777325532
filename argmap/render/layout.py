"""Laying out DOT with the Graphviz `dot` program."""

from __future__ import annotations

import shutil
import subprocess
import threading

FORMATS = ("svg", "png", "pdf", "dot")
INSTALL_HINT = (
    "install Graphviz: `apt install graphviz` (Debian/Ubuntu), `brew install graphviz` (macOS), "
    "or `conda install -c conda-forge graphviz`"
)


class GraphvizMissing(RuntimeError):
    """The `dot` program is not on PATH."""


class GraphvizError(RuntimeError):
    """`dot` ran and failed."""


class Layout:
    """A running `dot`: started at once, so the caller can work while Graphviz lays out.

    `argmap render` starts the layout as soon as the map has loaded and checks
    the quotes and structure while `dot` runs (`cancel()` if the check finds
    errors): on a machine with two cores our own work then hides behind the
    layout instead of adding to it.
    """

    def __init__(self, dot_source: str, fmt: str) -> None:
        exe = shutil.which("dot")
        if exe is None:
            raise GraphvizMissing(f"Graphviz's `dot` program was not found on PATH — {INSTALL_HINT}")
        args = [exe, f"-T{fmt}"]
        if fmt == "png":
            args.append("-Gdpi=144")  # crisp in documents and on high-density screens
        self._proc = subprocess.Popen(
            args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        self._output: tuple[bytes, bytes] = (b"", b"")
        # Feed dot and collect its output on a thread, so the caller is free at once.
        self._talk = threading.Thread(target=self._communicate, args=(dot_source.encode("utf-8"),))
        self._talk.start()

    def _communicate(self, data: bytes) -> None:
        try:
            self._output = self._proc.communicate(data)
        except (BrokenPipeError, ValueError):  # dot stopped early, or was cancelled
            self._proc.wait()

    def result(self) -> bytes:
        """The laid-out document; GraphvizError when `dot` failed."""
        self._talk.join()
        out, err = self._output
        if self._proc.returncode != 0:
            detail = err.decode("utf-8", "replace").strip().splitlines()
            code = self._proc.returncode
            raise GraphvizError(f"Graphviz `dot` failed: {detail[-1] if detail else f'exit {code}'}")
        return out

    def cancel(self) -> None:
        """Stop `dot` and reap it."""
        if self._proc.poll() is None:
            self._proc.kill()
        self._talk.join()
