"""The path from the question down to the current claim, in one line above the tree."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from argmap.model import ArgMap
from argmap.tui.labels import shorten

SEPARATOR = " › "


class Breadcrumb(Static):
    """Shows `question › position › … › claim`, each step shortened so the last one stays readable.

    The first step is the question the cursor is under: a further question, or the main one.
    """

    DEFAULT_CSS = """
    Breadcrumb {
        height: 1;
        padding: 0 1;
        background: $boost;
        color: $text-muted;
    }
    """

    def show_trail(self, model: ArgMap | None, question: str | None, trail: list[str]) -> None:
        if model is None:
            self.update("", layout=False)
            return
        if question is not None:
            asked = model.questions.get(question) or question
        else:
            asked = model.question or "(no question)"
        steps = [shorten(asked, 60 if not trail else 30)]
        for i, cid in enumerate(trail):
            claim = model.claims.get(cid)
            argument = model.arguments.get(cid)
            if claim is not None:
                text = claim.text
            elif argument is not None:
                text = "⋀ " + (argument.text or f"together ({cid})")
            else:
                text = cid
            steps.append(shorten(text, 60 if i == len(trail) - 1 else 24))
        line = Text(no_wrap=True, overflow="ellipsis")
        for i, step in enumerate(steps):
            if i:
                line.append(SEPARATOR, "dim")
            line.append(step, "bold" if i == len(steps) - 1 else "")
        self.update(line, layout=False)  # one line, always: no layout needed
