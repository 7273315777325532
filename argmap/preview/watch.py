"""Following a map and its article on disk: a callback after each save, with `watchfiles`.

The folders holding the files are watched, not the files themselves: most
editors save by writing a new file and renaming it over the old one, which a
watch on the old file would miss.  A burst of changes (an editor's temporary
file, the rename, a backup) is one call.  When the map starts naming another
article, the watch moves to it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

#: Milliseconds without further change before a burst of changes counts as one save.
STEP_MS = 30
#: At most this long (ms) of continuous changes is gathered into one call.
DEBOUNCE_MS = 300
#: How long (ms) the watch waits for a first change before it counts as in place.
SETTLE_MS = 100


def _forms(path: Path) -> set[str]:
    """The path as written (made absolute) and with its links resolved."""
    return {os.path.abspath(path), os.path.realpath(path)}


def _signature(paths: Iterable[str]) -> tuple[tuple[object, ...], ...]:
    """What the files look like on disk now: enough to tell that one was saved."""
    result: list[tuple[object, ...]] = []
    for path in sorted(paths):
        try:
            st = os.stat(path)
            result.append((path, st.st_ino, st.st_size, st.st_mtime_ns))
        except OSError:
            result.append((path, None))
    return tuple(result)


class FileWatcher:
    """Calls `changed()` on its own thread whenever one of `files()` is written, made or removed.

    `files` is asked again after every call, so the set of files can change.
    `start()` returns once the watch is in place: a save from then on is seen.
    """

    def __init__(self, files: Callable[[], Iterable[Path]], changed: Callable[[], None]) -> None:
        self._files = files
        self._changed = changed
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="argmap-preview-watch", daemon=True)

    def start(self, timeout: float = 10.0) -> None:
        self._thread.start()
        self._ready.wait(timeout)

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _targets(self) -> set[str]:
        return {form for path in self._files() for form in _forms(path)}

    def _run(self) -> None:
        import watchfiles

        while not self._stop.is_set():
            watching = self._targets()
            folders = sorted({os.path.dirname(t) for t in watching if os.path.isdir(os.path.dirname(t))})
            if not folders:
                self._ready.set()
                self._stop.wait(0.5)  # nothing to watch yet (a folder that does not exist)
                continue
            before = _signature(watching)
            established = False

            def relevant(_change: object, path: str, targets: set[str] = watching) -> bool:
                return path in targets or os.path.realpath(path) in targets

            for changes in watchfiles.watch(
                *folders,
                watch_filter=relevant,
                step=STEP_MS,
                debounce=DEBOUNCE_MS,
                stop_event=self._stop,
                recursive=False,
                raise_interrupt=False,
                rust_timeout=SETTLE_MS,
                yield_on_timeout=True,
            ):
                saved = bool(changes)
                if not established:
                    # The watch is in place once it first yields: a save made while it was
                    # being set up shows only in the files themselves.
                    established = True
                    self._ready.set()
                    saved = saved or _signature(watching) != before
                if not saved:
                    continue
                self._changed()
                if self._targets() != watching:
                    break  # the map names another article now: watch its folder
