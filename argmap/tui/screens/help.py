"""`?`: every key, what it does, its id for a keymap file, and how to read the tree."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from argmap.model import Kind
from argmap.tui.keymap import keymap_path
from argmap.tui.keys import ACTIONS, ARTICLE_KEYS, TREE_KEYS
from argmap.tui.labels import ARGUMENT_GLYPH, GLYPHS, KIND_GLYPHS, REFERENCE_GLYPH
from argmap.tui.screens.dialog import Dialog

LEGEND = (
    (GLYPHS["supports"], "supports the claim above it"),
    (GLYPHS["opposes"], "opposes the claim above it"),
    (KIND_GLYPHS[Kind.POSITION].strip(), "a position: an answer to the question"),
    (KIND_GLYPHS[Kind.EVIDENCE].strip(), "evidence: a fact, figure or report"),
    (REFERENCE_GLYPH.strip(), "a claim shown in full elsewhere (it serves several claims)"),
    (ARGUMENT_GLYPH.strip(), "an argument: the premises under it lead to the claim above only together"),
    (GLYPHS["premise"], "a premise of the argument above it (linked with its co-premises)"),
    (GLYPHS["undercuts"], "an undercut: attacks the step of the argument above it, not a claim"),
)

#: The rule every field follows (the detail panel's docstring says the same).
FIELDS = (
    ("enter, tab, escape", "leave a field and keep what you typed (ctrl+z takes it back)"),
    ("escape twice", "on a value that cannot be kept (shown in red): put the old value back"),
    ("ctrl+j", "in Quotes and Note: a new line (one quote a line)"),
)

MORE = (
    ("tab", "go to the next panel (tree, detail, article, problems)"),
    ("space", "fold or unfold the claim under the cursor"),
    ("ctrl+p", "command palette: every action by name"),
    ("alt+c alt+e alt+p", "in a new claim's dialog: make it a claim, evidence or a position"),
)


def _table(rows: list[tuple[str, str, str]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    table.add_column(style="dim", no_wrap=True)
    for row in rows:
        table.add_row(*row)
    return table


def keys_table(keymap: Mapping[str, str] | None = None) -> Table:
    """Every action of the main screen: its key (as rebound), what it does, and its id."""
    return _table([(a.shown_key(keymap), a.help, a.id) for a in ACTIONS])


def panel_tables(keymap: Mapping[str, str] | None = None) -> list[tuple[str, Table]]:
    return [
        ("In the tree", _table([(k.shown_key(keymap), k.help, k.id) for k in TREE_KEYS])),
        ("In the article", _table([(k.shown_key(keymap), k.help, k.id) for k in ARTICLE_KEYS])),
        ("In a field", _table([(key, what, "") for key, what in FIELDS])),
        ("Everywhere", _table([(key, what, "") for key, what in MORE])),
    ]


def legend() -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for glyph, meaning in LEGEND:
        table.add_row(glyph, meaning)
    return table


class HelpScreen(Dialog[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close"),
    ]

    def __init__(self, keymap: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.keymap = keymap or {}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog tall"):
            yield Static("argmap edit — keys", classes="dialog-title")
            with VerticalScroll():
                yield Static(keys_table(self.keymap))
                for title, table in panel_tables(self.keymap):
                    yield Static(Text("\n" + title, style="bold"))
                    yield Static(table)
                yield Static(Text("\nHow the tree reads", style="bold"))
                yield Static(legend())
                yield Static(
                    Text(
                        f'\nYour own keys: {keymap_path()} — a [keys] table of `id = "key"` lines, '
                        "with the ids in the right-hand column (see the README).",
                        style="dim",
                    )
                )
            yield Static("escape closes", classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
