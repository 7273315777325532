"""Save as: the file to write the map to, checked as it is typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from argmap.tui.screens.dialog import Dialog


class AskPath(Dialog[str | None]):
    """Dismisses with the path typed (as typed), or None; `check` says why a path will not do."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, body: str, value: str, check: Callable[[str], str | None]) -> None:
        super().__init__()
        self._title, self._body, self._value, self._check = title, body, value, check

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self._title, classes="dialog-title")
            yield Static(self._body, classes="dialog-body")
            yield Input(self._value, placeholder="path/to/map.yaml", id="ask-path")
            yield Static("", id="ask-path-error", classes="field-error")
            yield Static("enter saves · escape cancels", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#ask-path", Input).focus()

    def _show(self, error: str | None) -> None:
        message = self.query_one("#ask-path-error", Static)
        message.update(error or "")
        message.display = bool(error)

    @on(Input.Changed, "#ask-path")
    def _typed(self, event: Input.Changed) -> None:
        self._show(None)

    @on(Input.Submitted, "#ask-path")
    def _submit(self, event: Input.Submitted) -> None:
        path = event.value.strip()
        error = self._check(path)
        if error:
            self._show(error)
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
