"""Choosing a claim by typing part of its text or id: the common part of find, link and move."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from argmap.tui.labels import shorten
from argmap.tui.screens.dialog import Dialog

#: At most this many matches are listed; typing more narrows them.
MAX_SHOWN = 200


def matches(claims: list[tuple[str, str]], query: str) -> list[tuple[str, str]]:
    """The claims whose id or text holds every word of `query`, ignoring case, in map order."""
    words = query.lower().split()
    found = []
    for cid, text in claims:
        haystack = f"{cid} {text}".lower()
        if all(word in haystack for word in words):
            found.append((cid, text))
            if len(found) == MAX_SHOWN:
                break
    return found


class ClaimPicker(Dialog[object]):
    """A filter box over a list of claims; enter (or a click) picks the highlighted one."""

    DEFAULT_CSS = """
    ClaimPicker {
        #picker-list { height: 1fr; border: none; }
        #picker-relation { color: $text-success; margin-bottom: 1; }
        #picker-relation.-opposes { color: $text-error; }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("down", "move(1)", "Next", show=False),
        Binding("up", "move(-1)", "Previous", show=False),
    ]

    def __init__(self, title: str, claims: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.claims = claims

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog tall"):
            yield Static(self.title_text, classes="dialog-title")
            yield from self.compose_extra()
            yield Input(placeholder="type part of a claim's text or id", id="picker-filter")
            yield OptionList(id="picker-list")

    def compose_extra(self) -> ComposeResult:
        """Widgets between the title and the filter (the link picker's relation)."""
        yield from ()

    def on_mount(self) -> None:
        self._refill("")
        self.query_one("#picker-filter", Input).focus()

    @on(Input.Changed, "#picker-filter")
    def _filter(self, event: Input.Changed) -> None:
        self._refill(event.value)

    def _refill(self, query: str) -> None:
        options = self.query_one("#picker-list", OptionList)
        options.clear_options()
        for cid, text in matches(self.claims, query):
            prompt = Text.assemble((cid, "bold"), "  ", shorten(text, 100))
            options.add_option(Option(prompt, id=cid))
        if options.option_count:
            options.highlighted = 0

    def action_move(self, delta: int) -> None:
        options = self.query_one("#picker-list", OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = max(0, min(options.option_count - 1, current + delta))

    @on(Input.Submitted, "#picker-filter")
    def _submit(self) -> None:
        options = self.query_one("#picker-list", OptionList)
        if options.highlighted is not None:
            option = options.get_option_at_index(options.highlighted)
            self.dismiss(self.result(option.id or ""))

    @on(OptionList.OptionSelected, "#picker-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.result(event.option.id or ""))

    def result(self, cid: str) -> object:
        """What the screen dismisses with once `cid` is picked."""
        return cid

    def action_cancel(self) -> None:
        self.dismiss(None)
