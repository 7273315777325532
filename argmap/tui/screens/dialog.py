"""The look every dialog of the editor shares: a framed box in the middle of a dimmed screen."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

T = TypeVar("T")


class Dialog(ModalScreen[T]):
    """A modal dialog; its content goes in a `Vertical(classes="dialog")`."""

    DEFAULT_CSS = """
    Dialog {
        align: center middle;
        background: $background 60%;
        .dialog {
            width: 76;
            max-width: 95%;
            height: auto;
            max-height: 90%;
            border: thick $primary;
            background: $surface;
            padding: 0 1;
        }
        .dialog.tall { height: 90%; }
        .dialog-title { text-style: bold; color: $text-primary; margin-bottom: 1; }
        .dialog-body { margin-bottom: 1; }
        .dialog-hint { color: $text-muted; }
        .dialog-buttons { height: auto; align-horizontal: right; }
        .dialog-buttons Button { margin-left: 1; }
        .field-error { color: $text-error; display: none; }
    }
    """
