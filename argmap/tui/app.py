"""`argmap edit`: the application that puts the panels together and turns keys into edits.

The app is the only place that talks to the editing core: widgets post what
the user did, the app asks `MapEditor` to do it, then shows the new state of
the map everywhere at once (`MapView.show_state`).  The app knows no rule of
the format; refusals come back from the core as `EditError` and are shown as
they are worded there.  The actions live in `actions` (claims) and `files`
(saving, reloading, rendering, quitting).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header

from argmap.tui.actions import EditActions
from argmap.tui.files import FileActions
from argmap.tui.keys import ACTIONS
from argmap.tui.screens.confirm import ChoiceScreen
from argmap.tui.screens.help import HelpScreen
from argmap.tui.screens.new_claim import NewClaimScreen
from argmap.tui.screens.picker import ClaimPicker
from argmap.tui.widgets.article import ArticleView
from argmap.tui.widgets.breadcrumb import Breadcrumb
from argmap.tui.widgets.detail import DetailPanel
from argmap.tui.widgets.problems import ProblemList
from argmap.tui.widgets.tree import ArgumentTree

if TYPE_CHECKING:
    from argmap.editing import MapEditor

#: How often the map file is looked at for changes made by other programs (seconds).
DISK_CHECK_INTERVAL = 2.0
#: The editor's own modal screens: while one is up, the main screen's actions wait.
OWN_MODALS = (ChoiceScreen, ClaimPicker, NewClaimScreen, HelpScreen)
EDITOR_ACTIONS = {a.action.split("(")[0] for a in ACTIONS} - {"toggle_dark"}


class EditorApp(EditActions, FileActions):
    """The editor for one map."""

    CSS_PATH = "app.tcss"
    TITLE = "argmap"
    ENABLE_COMMAND_PALETTE = True
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (120, "-wide")]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (34, "-tall")]
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(a.keys, a.action, a.label, show=a.footer, priority=a.priority, key_display=a.display)
            for a in ACTIONS
        ),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, editor: MapEditor, *, watch_disk: bool = True) -> None:
        super().__init__(editor)
        self.watch_disk = watch_disk

    # -- layout ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(icon="⌥")
        yield Breadcrumb(id="breadcrumb")
        with Horizontal(id="main"):
            yield ArgumentTree(id="tree")
            with Vertical(id="side"):
                yield DetailPanel(id="detail")
                yield ArticleView(id="article")
        yield ProblemList(id="problems")
        yield Footer()

    def on_mount(self) -> None:
        self.tree.border_title = "Argument"
        self.detail.border_title = "Detail"
        self.article.border_title = "Article"
        self.detail.validate = self._validate
        self.show_state(select=None)
        self.tree.focus()
        if self.watch_disk:
            self.set_interval(DISK_CHECK_INTERVAL, self.check_disk)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The map's actions wait while one of the editor's own dialogs is open."""
        return not (action in EDITOR_ACTIONS and isinstance(self.screen, OWN_MODALS))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for action in ACTIONS:
            yield SystemCommand(
                f"{action.title} ({action.shown_key})",
                action.help[0].upper() + action.help[1:],
                partial(self.run_action, action.action),
            )
        yield SystemCommand(
            "Reload the map", "Read the map file again, dropping unsaved changes", self.reload
        )
