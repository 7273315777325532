"""`argmap edit`: the application — the theme, the user's keys, the palette, the size check.

Everything about the map happens on the main screen (`MainScreen`, argmap/tui/main.py);
the app applies the user's keymap (`keymap`), offers every action in the command
palette, and shows a message instead of a broken layout in a terminal too small.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.screen import Screen
from textual.theme import Theme

from argmap.tui.keymap import Keymap, load_keymap
from argmap.tui.keys import ACTIONS
from argmap.tui.main import MainScreen
from argmap.tui.screens.too_small import TooSmallScreen, too_small

if TYPE_CHECKING:
    from argmap.editing import MapEditor


class EditorApp(App[int]):
    """The editor for one map."""

    CSS_PATH = "app.tcss"
    TITLE = "argmap"
    ENABLE_COMMAND_PALETTE = True
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (120, "-wide")]  # type: ignore[misc]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (34, "-tall")]  # type: ignore[misc]
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+q", "quit", "Quit", show=False, priority=True)]
    #: (theme name, theme): see `current_theme` (a class default: Textual asks before __init__ ends)
    _theme_cache: tuple[str, Theme] | None = None

    def __init__(self, editor: MapEditor, *, watch_disk: bool = True, keymap: Keymap | None = None) -> None:
        """`keymap`: the user's keys by binding id; None reads the user's keymap file."""
        super().__init__()
        self.editor = editor
        self.watch_disk = watch_disk
        self._keymap_problems: list[str] = []
        if keymap is None:
            keymap, self._keymap_problems = load_keymap()
        self._user_keymap = keymap

    def get_default_screen(self) -> Screen:
        return MainScreen(self.editor, watch_disk=self.watch_disk)

    @property
    def main(self) -> MainScreen:
        """The main screen (at the bottom of the stack, whatever dialog is over it)."""
        screen = self.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    def on_mount(self) -> None:
        self.set_keymap(self._user_keymap)
        for problem in self._keymap_problems:
            self.notify(problem, title="Your keymap", severity="warning", timeout=15)
        self._fit()

    def on_unmount(self) -> None:
        # The main screen freezes the heap once the map is first drawn (`gc.freeze`): the
        # loaded map, the widgets and the styles are then never scanned by Python's cycle
        # collector, whose full passes over them were a quarter of the CPU time of a key
        # press on a 1,000-claim map.  Frozen objects are still freed when no longer used;
        # only cycles among them wait for this, at the end.
        gc.unfreeze()

    # -- quitting asks first, whatever asked for it (q, ctrl+q, the palette) -----------------

    async def action_quit(self) -> None:
        self.main.files.quit()

    # -- a terminal too small -----------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size)

    def _fit(self, size: Size | None = None) -> None:
        small = too_small(*(size or self.size))
        on_top = isinstance(self.screen, TooSmallScreen)
        if small and not on_top:
            self.push_screen(TooSmallScreen())
        elif not small and on_top:
            self.pop_screen()

    # -- the theme ------------------------------------------------------------------------

    @property
    def current_theme(self) -> Theme:
        """The theme in force, looked up once per theme: Textual looks it up again (copying its
        table of themes) for every `:dark`/`:light` rule of every widget each time styles are
        applied, which was a sixth of the cost of opening a dialog."""
        cached = self._theme_cache
        if cached is None or cached[0] != self.theme:
            cached = self._theme_cache = (self.theme, super().current_theme)
        return cached[1]

    def watch_theme(self, theme: str) -> None:
        if self.screen_stack and isinstance(self.screen_stack[0], MainScreen):
            self.call_after_refresh(self.main.restyle)

    # -- the palette ----------------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if not isinstance(screen, MainScreen):
            return
        for action in ACTIONS:
            yield SystemCommand(
                f"{action.title} ({action.shown_key(self._keymap)})",
                action.help[0].upper() + action.help[1:],
                partial(screen.run_action, action.action),
            )
        yield SystemCommand(
            "Reload the map", "Read the map file again, dropping unsaved changes", screen.files.reload
        )
