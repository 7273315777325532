"""`a`, `o`, `p`: the text of a new claim, with the passage selected in the article as its quote.

The kind is chosen with one key while typing: alt+c a claim, alt+e evidence, alt+p a
position.  The same dialog, without kinds, asks for the text of a further question.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from argmap.model import Kind
from argmap.tui.labels import shorten
from argmap.tui.screens.dialog import Dialog

#: kind -> the key that chooses it in the dialog
KIND_KEYS = {Kind.CLAIM: "alt+c", Kind.EVIDENCE: "alt+e", Kind.POSITION: "alt+p"}


@dataclass(frozen=True)
class NewText:
    """What the dialog was closed with: the text, and the kind chosen (None where none is asked)."""

    text: str
    kind: str | None = None


class NewClaimScreen(Dialog[NewText | None]):
    """Dismisses with a `NewText`, or None; an empty text is refused where it is typed."""

    # The screen is opaque, unlike other dialogs': blending the map dimmed behind it (Textual
    # redraws the whole screen below for that) was four fifths of the CPU time of `a` at 1,000
    # claims, and this is the dialog a person opens most, once for every claim.
    DEFAULT_CSS = """
    NewClaimScreen {
        background: $background;
        #new-claim-quote { color: $text-warning; margin-bottom: 1; }
        #new-claim-kinds { height: auto; margin-bottom: 1; }
        #new-claim-kinds Static { width: auto; color: $text-muted; }
        #new-claim-kinds Button { margin-left: 1; min-width: 8; }
        #new-claim-kinds Button.-chosen { text-style: bold reverse; }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        *(
            Binding(key, f"kind('{kind.value}')", kind.value, priority=True)
            for kind, key in KIND_KEYS.items()
        ),
    ]

    def __init__(
        self,
        title: str,
        where: str,
        quote: str | None,
        *,
        value: str = "",
        placeholder: str = "the claim in your own words (enter to add)",
        kind: str | None = None,
    ) -> None:
        super().__init__()
        self.title_text, self.where, self.quote = title, where, quote
        self.value, self.placeholder = value, placeholder
        #: the kind chosen; None: the dialog does not ask (a question's text)
        self.kind = kind

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            if self.where:
                yield Static(self.where, classes="dialog-body")
            if self.quote:
                yield Static(f"quote: “{shorten(self.quote, 300)}”", id="new-claim-quote")
            if self.kind is not None:
                with Horizontal(id="new-claim-kinds"):
                    yield Static("kind:")
                    for kind, key in KIND_KEYS.items():
                        yield Button(f"{kind.value} ({key})", id=f"kind-{kind.value}", compact=True)
            yield Input(self.value, placeholder=self.placeholder, id="new-claim-text")
            yield Static("", id="new-claim-error", classes="field-error")

    def on_mount(self) -> None:
        self._show_kind()
        self.query_one("#new-claim-text", Input).focus()

    def _show_kind(self) -> None:
        for button in self.query("#new-claim-kinds Button"):
            button.set_class(button.id == f"kind-{self.kind}", "-chosen")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.kind is not None if action == "kind" else True

    def action_kind(self, kind: str) -> None:
        """alt+c, alt+e, alt+p: the new claim's kind."""
        self.kind = kind
        self._show_kind()

    @on(Button.Pressed, "#new-claim-kinds Button")
    def _kind_clicked(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_kind((event.button.id or "kind-claim").removeprefix("kind-"))
        self.query_one("#new-claim-text", Input).focus()

    @on(Input.Submitted, "#new-claim-text")
    def _submit(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            error = self.query_one("#new-claim-error", Static)
            error.update("write the text first")
            error.display = True
            return
        self.dismiss(NewText(text, self.kind))

    def action_cancel(self) -> None:
        self.dismiss(None)
