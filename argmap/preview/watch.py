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


def _forms(path: Path) -> set[str]:
    """The path as written (made absolute) and with its links resolved."""
    return {os.path.abspath(path), os.path.realpath(path)}


class FileWatcher:
    """Calls `changed()` on its own thread whenever one of `files()` is written, made or removed.

    `files` is asked again after every call, so the set of files can change.
    """

    def __init__(self, files: Callable[[], Iterable[Path]], changed: Callable[[], None]) -> None:
        self._files = files
        self._changed = changed
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="argmap-preview-watch", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _run(self) -> None:
        import watchfiles

        while not self._stop.is_set():
            targets = {form for path in self._files() for form in _forms(path)}
            folders = sorted({os.path.dirname(t) for t in targets if os.path.isdir(os.path.dirname(t))})
            if not folders:
                self._stop.wait(0.5)  # nothing to watch yet (a folder that does not exist)
                continue
            watching = targets
            for _changes in watchfiles.watch(
                *folders,
                watch_filter=lambda _change, path, w=watching: path in w or os.path.realpath(path) in w,
                step=STEP_MS,
                debounce=DEBOUNCE_MS,
                stop_event=self._stop,
                recursive=False,
                raise_interrupt=False,
                rust_timeout=1000,
            ):
                self._changed()
                if {form for path in self._files() for form in _forms(path)} != watching:
                    break  # the map names another article now: watch its folder
