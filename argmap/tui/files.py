"""The editor and the files: save, save as, reload, the on-disk change guard, render, quit.

The map on disk is never overwritten silently.  Every few seconds (and before a save)
the file is looked at: changed by another program while nothing here is unsaved, it is
reloaded, and the editor says so; changed while something here is unsaved, the editor
asks, and offers the differences; deleted, it offers to save it again.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap.tui.screens.ask_path import AskPath
from argmap.tui.screens.changed_on_disk import DIFF, OVERWRITE, RELOAD, SAVE, changed_on_disk, deleted_on_disk
from argmap.tui.screens.confirm import confirm, unsaved_changes
from argmap.tui.screens.diff import DiffScreen

if TYPE_CHECKING:
    from argmap.preview.editor import EditorPreview
    from argmap.tui.main import MainScreen

SAVE_AS_HINT = "Save as (ctrl+shift+s, or “Save as” in the palette, ctrl+p) writes it elsewhere."


class FileActions:
    """Saving, reloading, rendering and quitting, with their guards."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        #: the change on disk has been asked about; not again until a save or reload
        self.disk_asked = False
        #: the browser preview, once `b` opened it (argmap.preview.editor.EditorPreview)
        self.browser_preview: EditorPreview | None = None

    @property
    def editor(self):
        return self.screen.editor

    # -- saving -----------------------------------------------------------------------------

    def save_pressed(self) -> None:
        """ctrl+s: keep the field being typed in, then save (asking first if the file changed)."""
        self.screen.commit_pending()
        if self.editor.deleted_on_disk():
            self.save(force=True)  # nothing to overwrite: write it again
        elif self.editor.changed_on_disk():
            self.ask_changed_on_disk()
        else:
            self.save()

    def save(self, *, force: bool = False, then: Callable[[], Any] | None = None) -> bool:
        """Save through the core; `then` runs only when the save succeeded (quit after saving)."""
        from argmap.editing import ChangedOnDisk, EditError

        s = self.screen
        try:
            path = self.editor.save(force=force)
        except ChangedOnDisk:
            self.ask_changed_on_disk()
            return False
        except (EditError, OSError) as exc:
            reason = getattr(exc, "strerror", None) or exc
            folder = Path(self.editor.path).absolute().parent
            if isinstance(exc, FileNotFoundError) and not folder.is_dir():
                reason = f"there is no folder {folder}"
            s.notify(f"Not saved: {reason}.\n{SAVE_AS_HINT}", severity="error", timeout=10)
            return False
        self.disk_asked = False
        s.show_title()
        s.notify(f"Saved {path}")
        if then is not None:
            then()
        return True

    def save_as(self) -> None:
        """Ask for a file, confirm before writing over one, then save there and edit it there."""
        from argmap.editing import EditError

        s = self.screen
        s.commit_pending()

        def check(typed: str) -> str | None:
            if not typed:
                return "type the file's path"
            path = Path(typed).expanduser()
            if not path.absolute().parent.is_dir():
                return f"there is no folder {path.absolute().parent}"
            if path.is_dir():
                return f"{typed} is a folder: add the file's name"
            return None

        def write(path: Path) -> None:
            try:
                saved = self.editor.save_as(path)
            except (EditError, OSError) as exc:
                s.notify(f"Not saved: {getattr(exc, 'strerror', None) or exc}", severity="error", timeout=10)
                return
            self.disk_asked = False
            s.forget_article()
            s.show_state(select=s.tree.cursor_target())
            s.notify(f"Saved {saved}; editing it from now on")

        def chosen(typed: str | None) -> None:
            if not typed:
                return
            path = Path(typed).expanduser()
            same = path.exists() and path.resolve() == Path(self.editor.path).resolve()
            if path.exists() and not same:
                question = f"{path} exists. Write this map over it?"
                s.app.push_screen(
                    confirm("Save as", question, yes="Overwrite"), lambda yes: write(path) if yes else None
                )
            else:
                write(path)

        s.app.push_screen(
            AskPath(
                "Save as",
                "The file to write the map to (relative to the folder argmap was started in). "
                "The map is edited there from now on.",
                str(self.editor.path),
                check,
            ),
            chosen,
        )

    # -- the file changed on disk -------------------------------------------------------------

    def reload(self) -> bool:
        """Read the file again (one undoable step); a file that no longer parses is left alone."""
        from argmap.editing import EditError, MapUnreadable

        s = self.screen
        if self.editor.deleted_on_disk():
            s.notify(
                f"{s.map_name} was deleted on disk: there is nothing to reload.\n"
                "ctrl+s saves this version there again.",
                severity="warning",
                timeout=10,
            )
            return False
        try:
            self.editor.reload()
        except MapUnreadable as exc:
            first = exc.diagnostics[0].format() if exc.diagnostics else str(exc)
            s.notify(f"Not reloaded: the file does not parse now.\n{first}", severity="error", timeout=10)
            return False
        except (EditError, OSError) as exc:
            s.notify(f"Not reloaded: {exc}", severity="error")
            return False
        self.disk_asked = False
        s.forget_article()
        s.show_state(select=s.tree.cursor_target())
        return True

    def ask_changed_on_disk(self) -> None:
        s = self.screen
        self.disk_asked = True
        if self.editor.deleted_on_disk():

            def save_again(choice: str | None) -> None:
                if choice == SAVE:
                    self.save(force=True)

            s.app.push_screen(deleted_on_disk(s.map_name), save_again)
            return

        def answer(choice: str | None) -> None:
            if choice == RELOAD:
                self.reload()
                s.notify(f"Reloaded {s.map_name} (ctrl+z brings back your version)")
            elif choice == OVERWRITE:
                self.save(force=True)
            elif choice == DIFF:
                disk = self.editor.disk_text() or ""
                s.app.push_screen(
                    DiffScreen(disk, self.editor.text, s.map_name), lambda _: self.ask_changed_on_disk()
                )

        s.app.push_screen(changed_on_disk(s.map_name), answer)

    def check_disk(self) -> None:
        """Every few seconds: another program changed the map?  Reload it if nothing here is
        unsaved (and say so); else ask, once."""
        s = self.screen
        if self.disk_asked or not s.is_current or not self.editor.changed_on_disk():
            return
        if not self.editor.dirty and not self.editor.deleted_on_disk():
            if self.reload():
                s.notify(f"{s.map_name} changed on disk: reloaded (ctrl+z goes back to the version before).")
            else:
                self.disk_asked = True  # said once; the next save or reload looks again
            return
        self.ask_changed_on_disk()

    # -- render and quit ----------------------------------------------------------------------

    def render(self) -> None:
        doc = self.editor.document
        if doc.model is None or not doc.ok:
            self.screen.notify("Not rendered: the map has errors (see Problems).", severity="error")
            return
        self.screen.run_worker(partial(self._render_svg, doc), thread=True, exclusive=True, group="render")

    def _render_svg(self, doc: Any) -> None:
        """Graphviz runs in a thread so the editor stays responsive."""
        from argmap.render import GraphvizError, GraphvizMissing, RenderOptions, render
        from argmap.store import write_file

        app = self.screen.app
        out = Path(self.editor.path).with_suffix(".svg")
        try:
            data = render(doc, "svg", RenderOptions())
            write_file(out, data, protect_inputs=True)  # never over the map itself
        except (GraphvizMissing, GraphvizError, OSError) as exc:
            app.call_from_thread(app.notify, f"Not rendered: {exc}", severity="error")
            return
        unsaved = " (with the unsaved changes)" if self.editor.dirty else ""
        app.call_from_thread(app.notify, f"Rendered {out}{unsaved}")

    def preview(self) -> None:
        """b: the map in the browser, following the editor's map and cursor (argmap.preview.editor)."""
        from argmap.preview.browser import open_in_browser
        from argmap.preview.editor import EditorPreview, PreviewUnavailable

        s = self.screen
        if self.browser_preview is None:
            try:
                self.browser_preview = EditorPreview.start(s.map_name, Path(self.editor.path))
            except PreviewUnavailable as exc:
                s.notify(f"No preview: {exc}", severity="error")
                return
            s.sync_preview()
        url = self.browser_preview.url
        where = "Opened" if open_in_browser(url) else "Open"
        s.notify(f"{where} the preview at {url} — it follows your edits", timeout=10)

    def close_preview(self) -> None:
        if self.browser_preview is not None:
            self.browser_preview.close()
            self.browser_preview = None

    def quit(self) -> None:
        s = self.screen
        s.commit_pending()
        if not self.editor.dirty:
            s.app.exit(0)
            return

        def answer(choice: str | None) -> None:
            if choice == "save":
                self.save(force=True, then=lambda: s.app.exit(0))
            elif choice == "discard":
                s.app.exit(0)

        s.app.push_screen(unsaved_changes(s.map_name), answer)
