"""`l` and `m`: pick the claim to link to (or move under), and whether it is support or opposition."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from argmap.tui.labels import GLYPHS
from argmap.tui.screens.picker import ClaimPicker

RELATIONS = ("supports", "opposes")


class LinkPicker(ClaimPicker):
    """Dismisses with (target id, relation) or None; ctrl+r switches the relation."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+r", "switch_relation", "Supports/opposes", priority=True),
    ]

    def __init__(self, title: str, claims: list[tuple[str, str]], relation: str = "supports") -> None:
        super().__init__(title, claims)
        self.relation = relation

    def compose_extra(self) -> ComposeResult:
        yield Static(id="picker-relation")

    def on_mount(self) -> None:
        # Textual also runs ClaimPicker.on_mount (handlers of every class in the MRO run).
        self._show_relation()

    def _show_relation(self) -> None:
        glyph = GLYPHS[self.relation]
        self.query_one("#picker-relation", Static).update(
            f"relation: [b]{glyph} {self.relation}[/b]   (ctrl+r switches)"
        )
        self.query_one("#picker-relation").set_class(self.relation == "opposes", "-opposes")

    def action_switch_relation(self) -> None:
        self.relation = RELATIONS[1 - RELATIONS.index(self.relation)]
        self._show_relation()

    def result(self, cid: str) -> object:
        return (cid, self.relation)
