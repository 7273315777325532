"""`a`, `o`, `p`: the text of a new claim, with the passage selected in the article as its quote.

Also asks for the text of a further question (adding one, or editing it).
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from argmap.tui.widgets.labels import shorten


class NewClaimScreen(ModalScreen[str | None]):
    """Dismisses with the new claim's text, or None; an empty text is refused where it is typed."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        title: str,
        where: str,
        quote: str | None,
        *,
        value: str = "",
        placeholder: str = "the claim in your own words (enter to add)",
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text, self.where, self.quote = title, where, quote
        self.value, self.placeholder = value, placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            if self.where:
                yield Static(self.where, classes="dialog-body")
            if self.quote:
                yield Static(f"quote: “{shorten(self.quote, 300)}”", id="new-claim-quote")
            yield Input(self.value, placeholder=self.placeholder, id="new-claim-text")
            yield Static("", id="new-claim-error", classes="field-error")

    def on_mount(self) -> None:
        self.query_one("#new-claim-text", Input).focus()

    @on(Input.Submitted, "#new-claim-text")
    def _submit(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            error = self.query_one("#new-claim-error", Static)
            error.update("write the text first")
            error.display = True
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)
