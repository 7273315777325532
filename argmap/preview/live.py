"""What a live preview shows, and the browsers following it.

`Live` holds the last good diagram and data, the current problems, and two
kinds of event for the pages that follow it: `update` (a new state of the
map) and `select` (the editor's selection moved).  Each page's event stream
waits on it; only the newest event of each kind matters, so a slow page
skips states rather than queueing them.

`Rebuilder` runs the builds on a thread of its own, newest request first:
while one build runs, further requests replace each other, and only the last
is built next.  So a burst of saves, or typing in the editor, never queues
Graphviz runs.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable

from argmap.diagnostics import Diagnostic, Severity
from argmap.preview.build import View
from argmap.preview.page import page, problem_json


def _event(name: str, payload: object) -> bytes:
    """One server-sent event; the JSON is on one line, so it is one `data:` field."""
    return (
        f"event: {name}\ndata: {json.dumps(payload, ensure_ascii=False, separators=(',', ':'))}\n\n".encode()
    )


class Live:
    """The preview's current state; thread-safe."""

    def __init__(self, title: str | None = None) -> None:
        self._cond = threading.Condition()
        self._title = title
        self._closed = False
        self._seq = 0  # counts every event
        self.version = 0  # counts every published state
        self._svg: str | None = None  # the last good diagram
        self._data: dict | None = None
        self._problems: list[Diagnostic] = []
        self._update: tuple[int, bytes] | None = None
        self._select: tuple[int, bytes] | None = None
        self._full: tuple[int, bytes] | None = None

    # --- the producers' side ------------------------------------------------------------

    def publish(self, view: View) -> None:
        """A new state of the map: a new diagram, or problems over the last good one."""
        with self._cond:
            self.version += 1
            self._seq += 1
            message: dict[str, object] = {
                "version": self.version,
                "problems": [problem_json(d) for d in view.problems],
            }
            if view.ok:
                self._svg, self._data = view.svg, view.data
                message.update(svg=view.svg, data=view.data)
            self._problems = list(view.problems)
            self._update = (self._seq, _event("update", message))
            self._cond.notify_all()

    def select(self, node: str) -> None:
        """Ask the pages to centre a node (by its SVG id, e.g. `claim-ID`) and show it."""
        with self._cond:
            self._seq += 1
            self._select = (self._seq, _event("select", {"node": node}))
            self._cond.notify_all()

    def close(self) -> None:
        """End every event stream (the server is stopping)."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    @property
    def data(self) -> dict | None:
        """The last good page data."""
        return self._data

    # --- the pages' side ----------------------------------------------------------------

    def page(self) -> str:
        """The viewer page with the current state in it."""
        with self._cond:
            return page(
                self._svg,
                self._data,
                self._problems,
                live=True,
                version=self.version,
                fallback_title=self._title,
            )

    def subscribe(self) -> tuple[int, bytes]:
        """Where a new event stream starts: the events seen so far, and the whole current state
        (with the last selection, so a page opened from the editor shows the claim at the cursor)."""
        with self._cond:
            if self._full is None or self._full[0] != self.version:
                message = {
                    "version": self.version,
                    "problems": [problem_json(d) for d in self._problems],
                }
                if self._svg is not None:
                    message.update(svg=self._svg, data=self._data)
                self._full = (self.version, _event("update", message))
            return self._seq, self._full[1] + (self._select[1] if self._select else b"")

    def wait(self, seen: int, timeout: float) -> tuple[int, list[bytes]] | None:
        """The events after `seen`, waiting up to `timeout` s for one; None once closed."""
        with self._cond:
            self._cond.wait_for(lambda: self._closed or self._seq > seen, timeout)
            if self._closed:
                return None
            events = [e for e in (self._update, self._select) if e is not None and e[0] > seen]
            events.sort(key=lambda e: e[0])
            return self._seq, [message for _, message in events]


class Rebuilder:
    """Builds states of the map on its own thread and publishes them; the newest request wins."""

    def __init__(self, live: Live, on_error: Callable[[BaseException], None] | None = None) -> None:
        self.live = live
        self._cond = threading.Condition()
        self._pending: Callable[[], View] | None = None
        self._stopped = False
        self._busy = False
        self._on_error = on_error
        self._thread = threading.Thread(target=self._run, name="argmap-preview-build", daemon=True)
        self._thread.start()

    def request(self, job: Callable[[], View]) -> None:
        """Build with `job` as soon as the build in progress (if any) is done."""
        with self._cond:
            self._pending = job
            self._cond.notify_all()

    def idle(self, timeout: float | None = None) -> bool:
        """Wait until nothing is pending or building (for tests); False on time-out."""
        with self._cond:
            return self._cond.wait_for(lambda: self._pending is None and not self._busy, timeout)

    def stop(self) -> None:
        with self._cond:
            self._stopped = True
            self._pending = None
            self._cond.notify_all()
        if self._thread is not threading.current_thread():
            # A build under way (Graphviz on a big map) is not waited for long: its result is dropped.
            self._thread.join(timeout=2)

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._stopped or self._pending is not None)
                if self._stopped:
                    return
                job, self._pending = self._pending, None
                self._busy = True
            try:
                assert job is not None
                view = job()
                if not self._stopped:
                    self.live.publish(view)
            except Exception as exc:  # a bug, not bad input: say so over the last good state
                if self._on_error is not None:
                    self._on_error(exc)
                problem = Diagnostic(
                    "argmap", None, Severity.ERROR, "internal", f"the preview could not be built: {exc!r}"
                )
                self.live.publish(View(None, None, [problem]))
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()
