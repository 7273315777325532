"""`?`: every key, what it does, and how to read the tree."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from argmap.tui.keys import ACTIONS
from argmap.tui.widgets.labels import GLYPHS, KIND_GLYPHS, REFERENCE_GLYPH

LEGEND = (
    (GLYPHS["supports"], "supports the claim above it"),
    (GLYPHS["opposes"], "opposes the claim above it"),
    (KIND_GLYPHS["position"].strip(), "a position: an answer to the question"),
    (KIND_GLYPHS["evidence"].strip(), "evidence: a fact, figure or report"),
    (REFERENCE_GLYPH.strip(), "a claim shown in full elsewhere (it serves several claims)"),
)

MORE = (
    ("tab", "go to the next panel (tree, detail, article, problems)"),
    ("space", "fold or unfold the claim under the cursor"),
    ("enter", "in a field: keep the value (leaving the field keeps it too)"),
    ("shift+arrows", "in the article: select a passage for a new claim's quote"),
    ("ctrl+p", "command palette: every action by name"),
)


def keys_table() -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for action in ACTIONS:
        extra = ", enter in the tree" if action.action == "edit" else ""
        table.add_row(action.shown_key + extra, action.help)
    for key, what in MORE:
        table.add_row(key, what)
    return table


def legend() -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for glyph, meaning in LEGEND:
        table.add_row(glyph, meaning)
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help"):
            yield Static("argmap edit — keys", classes="dialog-title")
            with VerticalScroll():
                yield Static(keys_table())
                yield Static(Text("\nIn the tree", style="bold"))
                yield Static(legend())
            yield Static("escape closes", classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
