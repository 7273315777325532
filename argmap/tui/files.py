"""The editor and the files: save, reload, the on-disk change guard, render, quit.

The map on disk is never overwritten silently: a save, and a look at the file
every few seconds, both offer reload, overwrite or cancel when another
program changed it since it was read.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import work

from argmap.tui.screens.changed_on_disk import OVERWRITE, RELOAD, changed_on_disk
from argmap.tui.screens.confirm import unsaved_changes
from argmap.tui.view import MapView


class FileActions(MapView):
    """Saving, reloading, rendering and quitting, with their guards."""

    #: the change on disk has been asked about; not again until a save or reload
    _disk_asked = False

    def action_save(self) -> None:
        """ctrl+s: keep the field being typed in, then save (asking first if the file changed)."""
        self.commit_pending()
        if self.editor.changed_on_disk():
            self.ask_changed_on_disk()
        else:
            self.save()

    def save(self, *, force: bool = False, then: Callable[[], Any] | None = None) -> bool:
        """Save through the core; `then` runs only when the save succeeded (quit after saving)."""
        from argmap.editing import ChangedOnDisk, EditError

        try:
            path = self.editor.save(force=force)
        except ChangedOnDisk:
            self.ask_changed_on_disk()
            return False
        except (EditError, OSError) as exc:
            self.notify(f"Not saved: {getattr(exc, 'strerror', None) or exc}", severity="error")
            return False
        self._disk_asked = False
        self._show_title()
        self.notify(f"Saved {path}")
        if then is not None:
            then()
        return True

    def reload(self) -> None:
        """Read the file again (one undoable step); a file that no longer parses is left alone."""
        from argmap.editing import EditError, MapUnreadable

        try:
            self.editor.reload()
        except MapUnreadable as exc:
            first = exc.diagnostics[0].format() if exc.diagnostics else str(exc)
            self.notify(f"Not reloaded: the file does not parse now.\n{first}", severity="error", timeout=10)
            return
        except (EditError, OSError) as exc:
            self.notify(f"Not reloaded: {exc}", severity="error")
            return
        self._disk_asked = False
        self._article_key = None
        self.show_state(select=self.tree.branch)
        self.notify(f"Reloaded {self.map_name}")

    def ask_changed_on_disk(self) -> None:
        self._disk_asked = True

        def answer(choice: str | None) -> None:
            if choice == RELOAD:
                self.reload()
            elif choice == OVERWRITE:
                self.save(force=True)

        self.push_screen(changed_on_disk(self.map_name, dirty=self.editor.dirty), answer)

    def check_disk(self) -> None:
        """Every few seconds: if another program changed the map, ask (once) what to do."""
        if self._disk_asked or self.modal_open():
            return
        if self.editor.changed_on_disk():
            self.ask_changed_on_disk()

    def action_render(self) -> None:
        doc = self.editor.document
        if doc.model is None or not doc.ok:
            self.notify("Not rendered: the map has errors (see Problems).", severity="error")
            return
        self.render_svg(doc)

    @work(thread=True, exclusive=True, group="render")
    def render_svg(self, doc: Any) -> None:
        """Graphviz runs in a thread so the editor stays responsive."""
        from argmap.render import GraphvizError, GraphvizMissing, RenderOptions, render
        from argmap.store import write_file

        out = Path(self.editor.path).with_suffix(".svg")
        try:
            data = render(doc, "svg", RenderOptions())
            write_file(out, data, protect_inputs=True)  # never over the map itself
        except (GraphvizMissing, GraphvizError, OSError) as exc:
            self.call_from_thread(self.notify, f"Not rendered: {exc}", severity="error")
            return
        unsaved = " (with the unsaved changes)" if self.editor.dirty else ""
        self.call_from_thread(self.notify, f"Rendered {out}{unsaved}")

    async def action_quit(self) -> None:
        self.commit_pending()
        if not self.editor.dirty:
            self.exit(0)
            return

        def answer(choice: str | None) -> None:
            if choice == "save":
                self.save(then=lambda: self.exit(0))
            elif choice == "discard":
                self.exit(0)

        self.push_screen(unsaved_changes(self.map_name), answer)
