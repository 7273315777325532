"""The differences between the map on disk and the one being edited, before choosing which to keep."""

from __future__ import annotations

import difflib
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from argmap.tui.screens.dialog import Dialog

#: Lines of context around each change.
CONTEXT = 3


def unified(disk: str, mine: str, name: str) -> list[str]:
    """The unified diff from the file on disk to the version being edited."""
    return list(
        difflib.unified_diff(
            disk.splitlines(),
            mine.splitlines(),
            f"{name} (on disk)",
            f"{name} (in the editor)",
            n=CONTEXT,
            lineterm="",
        )
    )


class DiffScreen(Dialog[None]):
    """Shows `unified(disk, mine)` in colour: removed lines red, added green."""

    DEFAULT_CSS = """
    DiffScreen {
        .dialog { width: 110; }
        #diff-lines { height: 1fr; }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "close", "Close")]

    def __init__(self, disk: str, mine: str, name: str) -> None:
        super().__init__()
        self.lines = unified(disk, mine, name)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog tall"):
            yield Static("On disk → in the editor", classes="dialog-title")
            with VerticalScroll(id="diff-lines"):
                yield Static(self._text())
            yield Static("escape goes back to the choice", classes="dialog-hint")

    def _text(self) -> Text:
        text = Text()
        if not self.lines:
            return Text("The two versions are the same.")
        for line in self.lines:
            if line.startswith(("+++", "---")):
                style = "bold"
            elif line.startswith("@@"):
                style = "cyan"
            elif line.startswith("+"):
                style = "green"
            elif line.startswith("-"):
                style = "red"
            else:
                style = ""
            text.append(line + "\n", style)
        return text

    def action_close(self) -> None:
        self.dismiss(None)
