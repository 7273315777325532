"""One module per `argmap` command: `register(subparsers)` and `run(args) -> exit code`.

The helpers here are shared by the commands; like the command modules' top
levels they import nothing heavy, so `argmap --help` stays fast.

Output goes through two guarded places, so every command, including ones
added later, gets the same safety: files through `write_output` (never over
one of the command's own inputs, through symlinks, into FIFOs and devices in
place; see `argmap.store`), and standard output through `guard_streams`, which
turns a full disk, a closed or vanished standard output into `OutputError`,
reported by `argmap.cli.main` as one line and exit 2.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from argmap.load import Document

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def shown(text: object) -> str:
    """A file name or other user text for a message: control characters made visible."""
    from argmap.diagnostics import visible

    return visible(str(text))


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
        print(f"argmap: not {verb}: {shown(doc.file)} has errors", file=sys.stderr)
        return EXIT_INVALID
    return None


def write_output(out: str | None, data: bytes) -> int:
    """Write to a file (saying where), or to standard output for '-' or no file.

    A file is written as `argmap.store.write_file` writes (atomically, through a
    symlink to its target, in place into a FIFO or device), and never when it is
    one of the files this command read: `render m.yaml -o m.yaml` is refused.
    """
    if not out or out == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return EXIT_OK
    from argmap.store import reason, write_file

    try:
        write_file(out, data, protect_inputs=True)
    except OSError as exc:
        print(f"argmap: cannot write {shown(out)}: {reason(exc)}", file=sys.stderr)
        return EXIT_USAGE
    print(f"wrote {shown(out)}", file=sys.stderr)
    return EXIT_OK


# --- standard output and error ------------------------------------------------------------


class OutputError(Exception):
    """Standard output could not be written: a full disk, a closed descriptor, a pipe gone."""

    def __init__(self, cause: OSError):
        super().__init__(cause.strerror or str(cause))
        self.cause = cause

    @property
    def broken_pipe(self) -> bool:
        return isinstance(self.cause, BrokenPipeError)


def _closed() -> OSError:
    return OSError(errno.EBADF, "standard output is closed")


class _Guarded:
    """Standard output (text or its `buffer`) whose write errors become OutputError."""

    def __init__(self, stream: Any):
        self._stream = stream

    def write(self, data: Any) -> int:
        if self._stream is None:
            raise OutputError(_closed())
        try:
            return self._stream.write(data)
        except OSError as exc:
            raise OutputError(exc) from None

    def flush(self) -> None:
        if self._stream is None:
            return
        try:
            self._stream.flush()
        except OSError as exc:
            raise OutputError(exc) from None

    @property
    def buffer(self) -> _Guarded:
        return _Guarded(None if self._stream is None else self._stream.buffer)

    def isatty(self) -> bool:
        return self._stream is not None and self._stream.isatty()

    def __getattr__(self, name: str) -> Any:
        if self._stream is None:
            raise OutputError(_closed())
        return getattr(self._stream, name)


class _Quiet:
    """Standard error that drops what it cannot write (there is nowhere left to say so)."""

    def __init__(self, stream: Any):
        self._stream = stream

    def write(self, data: str) -> int:
        try:
            return self._stream.write(data) if self._stream is not None else len(data)
        except OSError:
            return len(data)

    def flush(self) -> None:
        try:
            if self._stream is not None:
                self._stream.flush()
        except OSError:
            pass

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def guard_streams() -> tuple[Any, Any]:
    """Guard standard output and error for one command; returns the originals to restore.

    A descriptor 0–2 that was closed is first pointed at the null device, so that
    no file argmap opens later takes its number; text that cannot be encoded
    (a terminal that is not UTF-8) is written with backslash escapes, never raised.
    """
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            opened = os.open(os.devnull, os.O_RDWR)
            if opened != fd:  # pragma: no cover - a lower descriptor was closed too
                os.dup2(opened, fd)
                os.close(opened)
    original = sys.stdout, sys.stderr
    for stream in original:
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(OSError, ValueError):
                reconfigure(errors="backslashreplace")
    sys.stdout = _Guarded(original[0])
    sys.stderr = _Quiet(original[1])
    return original


def silence_stdout() -> None:
    """After an output error: send what is still buffered for standard output nowhere.

    Without this, Python's own flush at exit fails again and prints a traceback-like
    "Exception ignored" message.
    """
    stream = sys.__stdout__
    if stream is None:
        return
    try:
        fd = stream.fileno()
    except (OSError, ValueError):
        return
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, fd)
    finally:
        os.close(null)
