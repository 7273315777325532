"""The problems panel: the checker's findings, worded as `argmap check` words them.

Choosing a problem (enter or a click) jumps to the claim it is about.
"""

from __future__ import annotations

import bisect
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from argmap.diagnostics import Diagnostic, Severity, count
from argmap.load import Locations


def claim_lines(locations: Locations) -> tuple[list[int], list[str]]:
    """The line each claim starts on, sorted, with the claim ids in the same order."""
    starts = sorted(
        (pos.line, path[1])
        for path, pos in locations.keys.items()
        if len(path) == 2 and path[0] == "claims" and isinstance(path[1], str)
    )
    return [line for line, _ in starts], [cid for _, cid in starts]


def claim_at(diagnostic: Diagnostic, lines: list[int], ids: list[str], claims_from: int | None) -> str | None:
    """The claim a problem is located in: the last claim that starts at or before its line."""
    if diagnostic.pos is None or not lines:
        return None
    if claims_from is not None and diagnostic.pos.line < claims_from:
        return None
    at = bisect.bisect_right(lines, diagnostic.pos.line) - 1
    return ids[at] if at >= 0 else None


class ProblemList(OptionList):
    """Every diagnostic of the current map, the severity coloured by the theme."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"problems--error", "problems--warning"}

    class Chosen(Message):
        """The user chose a problem; `claim` is the claim it is about, if any."""

        def __init__(self, diagnostic: Diagnostic, claim: str | None) -> None:
            super().__init__()
            self.diagnostic, self.claim = diagnostic, claim

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.diagnostics: list[Diagnostic] | None = None
        self._claims: list[str | None] = []

    def show_problems(self, diagnostics: list[Diagnostic], locations: Locations) -> None:
        if diagnostics == self.diagnostics:
            return
        self.diagnostics = list(diagnostics)
        lines, ids = claim_lines(locations)
        claims_key = locations.keys.get(("claims",))
        claims_from = claims_key.line if claims_key else None
        self._claims = [claim_at(d, lines, ids, claims_from) for d in diagnostics]
        self.clear_options()
        self.add_options(Option(self._prompt(d)) for d in diagnostics)
        if diagnostics:
            self.highlighted = 0
        self.border_title = self.summary()
        self.set_class(not diagnostics, "-empty")

    def summary(self) -> str:
        shown = self.diagnostics or []
        errors = count(shown, Severity.ERROR)
        warnings = count(shown, Severity.WARNING)
        if not shown:
            return "Problems: none"
        return f"Problems: {_plural(errors, 'error')}, {_plural(warnings, 'warning')}"

    def _prompt(self, d: Diagnostic) -> Text:
        line = replace(d, file=Path(d.file).name).format()
        style = self.get_component_rich_style(f"problems--{d.severity}", partial=True)
        text = Text(line)
        text.highlight_words([f" {d.severity}:"], style=style)
        return text

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = event.option_index
        assert self.diagnostics is not None
        self.post_message(self.Chosen(self.diagnostics[index], self._claims[index]))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"
