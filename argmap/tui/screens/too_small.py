"""Shown instead of a broken layout when the terminal is too small to edit in."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Static

#: The smallest terminal the editor lays out in (columns, lines).
MIN_SIZE = (60, 16)


def too_small(width: int, height: int) -> bool:
    return width < MIN_SIZE[0] or height < MIN_SIZE[1]


class TooSmallScreen(ModalScreen[None]):
    """Covers everything, says how big the terminal must be; goes away when it is big enough."""

    DEFAULT_CSS = """
    TooSmallScreen {
        align: center middle;
        background: $background;
        #too-small { width: auto; max-width: 100%; height: auto; padding: 0 1; color: $text-warning; }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("q,ctrl+q", "app.quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Static(id="too-small")

    def on_mount(self) -> None:
        self.show_size()

    def on_resize(self) -> None:
        self.show_size()

    def show_size(self) -> None:
        width, height = self.app.size
        self.query_one("#too-small", Static).update(
            f"The terminal is {width}×{height}.\n"
            f"argmap edit needs at least {MIN_SIZE[0]}×{MIN_SIZE[1]}:\n"
            "make the window larger.\n\n"
            "q quits (it asks first if there are unsaved changes)."
        )
