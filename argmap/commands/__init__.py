"""One module per `argmap` command: `register(subparsers)` and `run(args) -> exit code`.

The helpers here are shared by the commands; like the command modules' top
levels they import nothing heavy, so `argmap --help` stays fast.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.load import Document

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def refuse_invalid(doc: Document, verb: str) -> int | None:
    """Print a checked map's problems to stderr; the exit code if it has errors, else None.

    `verb` says what was not done ("rendered", "exported").  A file that could
    not be read at all is a usage error, as `argmap check` has it.
    """
    for d in doc.diagnostics:
        print(d.format(), file=sys.stderr)
    if any(d.code == "no-file" for d in doc.diagnostics):
        return EXIT_USAGE
    if doc.model is None or not doc.ok:
        print(f"argmap: not {verb}: {doc.file} has errors", file=sys.stderr)
        return EXIT_INVALID
    return None


def write_output(out: str | None, data: bytes) -> int:
    """Write to a file atomically (saying where), or to standard output for '-' or no file."""
    if not out or out == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return EXIT_OK
    from pathlib import Path

    from argmap.store import write_atomic

    try:
        write_atomic(Path(out), data)
    except OSError as exc:
        print(f"argmap: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"wrote {out}", file=sys.stderr)
    return EXIT_OK
