"""The problems panel: the checker's findings, worded as `argmap check` words them.

Choosing a problem (enter or a click) jumps to what it is about: the claim it is
located in, or the further question (a problem on a `questions:` line).  With
nothing to report the panel says so in one line.
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
from argmap.tui.widgets.tree import Question, Target

NO_PROBLEMS = "No problems: the map passes every check."


def claim_lines(locations: Locations, section: str = "claims") -> tuple[list[int], list[str]]:
    """The line each claim (or argument) starts on, sorted, with the ids in the same order."""
    starts = sorted(
        (pos.line, path[1])
        for path, pos in locations.keys.items()
        if len(path) == 2 and path[0] == section and isinstance(path[1], str)
    )
    return [line for line, _ in starts], [cid for _, cid in starts]


def question_lines(locations: Locations) -> dict[int, str]:
    """The line of each further question's entry under `questions:`."""
    return {
        pos.line: path[1]
        for path, pos in locations.keys.items()
        if len(path) == 2 and path[0] == "questions" and isinstance(path[1], str)
    }


def claim_at(diagnostic: Diagnostic, lines: list[int], ids: list[str], claims_from: int | None) -> str | None:
    """The claim a problem is located in: the last claim that starts at or before its line."""
    if diagnostic.pos is None or not lines:
        return None
    if claims_from is not None and diagnostic.pos.line < claims_from:
        return None
    at = bisect.bisect_right(lines, diagnostic.pos.line) - 1
    return ids[at] if at >= 0 else None


def target_of(diagnostic: Diagnostic, locations: Locations) -> Target | None:
    """What a problem is about, for the tree: a claim id, a further question, or None (the map)."""
    if diagnostic.pos is not None:
        qid = question_lines(locations).get(diagnostic.pos.line)
        if qid is not None:
            return Question(qid)
    found: list[tuple[int, str]] = []
    for section in ("claims", "arguments"):
        lines, ids = claim_lines(locations, section)
        key = locations.keys.get((section,))
        at = claim_at(diagnostic, lines, ids, key.line if key else None)
        if at is not None:
            found.append((lines[ids.index(at)], at))
    return max(found)[1] if found else None  # the entry that starts last before the problem


class ProblemList(OptionList):
    """Every diagnostic of the current map, the severity coloured by the theme."""

    DEFAULT_CSS = """
    ProblemList {
        & > .problems--error { color: $text-error; text-style: bold; }
        & > .problems--warning { color: $text-warning; text-style: bold; }
        &.-empty > .option-list--option-disabled { color: $text-success; }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"problems--error", "problems--warning"}

    class Chosen(Message):
        """The user chose a problem; `target` is what it is about (None: the map's header)."""

        def __init__(self, diagnostic: Diagnostic, target: Target | None) -> None:
            super().__init__()
            self.diagnostic, self.target = diagnostic, target

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.diagnostics: list[Diagnostic] | None = None
        self._targets: list[Target | None] = []

    def show_problems(self, diagnostics: list[Diagnostic], locations: Locations) -> None:
        if diagnostics == self.diagnostics:
            return
        self.diagnostics = list(diagnostics)
        self._targets = [target_of(d, locations) for d in diagnostics]
        self.clear_options()
        if diagnostics:
            self.add_options(Option(self._prompt(d)) for d in diagnostics)
            self.highlighted = 0
        else:
            self.add_option(Option(NO_PROBLEMS, disabled=True))
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
        if not self.diagnostics:
            return
        self.post_message(self.Chosen(self.diagnostics[index], self._targets[index]))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"
