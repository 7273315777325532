"""A question with a few answers, each on a key: the shape of every confirmation in the editor."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static
from textual.widgets.button import ButtonVariant

from argmap.tui.screens.dialog import Dialog


@dataclass(frozen=True)
class Choice:
    key: str
    label: str
    value: Any
    variant: ButtonVariant = "default"


class ChoiceScreen(Dialog[Any]):
    """Asks `question`; dismisses with the chosen value (escape gives the last choice, the safe one)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, question: str, choices: list[Choice]) -> None:
        super().__init__()
        self.title_text, self.question, self.choices = title, question, choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            yield Static(self.question, classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                for i, choice in enumerate(self.choices):
                    yield Button(f"{choice.label} ({choice.key})", id=f"choice-{i}", variant=choice.variant)

    def on_mount(self) -> None:
        self.query_one("#choice-0", Button).focus()

    def on_key(self, event: events.Key) -> None:
        for choice in self.choices:
            if event.key == choice.key:
                event.stop()
                self.dismiss(choice.value)
                return

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        index = int((event.button.id or "choice-0").removeprefix("choice-"))
        self.dismiss(self.choices[index].value)

    def action_cancel(self) -> None:
        self.dismiss(self.choices[-1].value)


def confirm(title: str, question: str, yes: str = "Yes") -> ChoiceScreen:
    """A yes/no question; dismisses with True or False."""
    return ChoiceScreen(title, question, [Choice("y", yes, True, "error"), Choice("n", "No", False)])


def unsaved_changes(name: str) -> ChoiceScreen:
    """Asked on quit with unsaved changes; dismisses with 'save', 'discard' or None."""
    return ChoiceScreen(
        "Unsaved changes",
        f"{name} has changes that are not saved.",
        [
            Choice("s", "Save and quit", "save", "primary"),
            Choice("d", "Quit without saving", "discard", "error"),
            Choice("c", "Cancel", None),
        ],
    )
