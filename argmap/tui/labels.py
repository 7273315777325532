"""How a claim or an argument is written in one line: the glyph of its relation, its kind, its text.

Support and opposition are told apart twice, by glyph and by colour, so the
tree reads the same in a monochrome terminal and for colour-blind users.  An
argument (premises that lead to its conclusion only together) is marked `⋀`,
its premises `&`, and a claim that undercuts it (attacks the step) `⊘`.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from argmap.model import Argument, Claim, Kind

GLYPHS = {"supports": "+", "opposes": "−", "undercuts": "⊘", "premise": "&", None: ""}
ARGUMENT_GLYPH = "⋀ "
KIND_GLYPHS = {Kind.POSITION: "◆ ", Kind.EVIDENCE: "▪ ", Kind.CLAIM: ""}
REFERENCE_GLYPH = "↪ "
#: Longest text shortened by default (dialogs, the breadcrumb); the tree cuts labels to its width.
MAX_TEXT = 90


def one_line(text: str) -> str:
    """The text on one line: its line breaks and runs of white space as single spaces."""
    return " ".join(text.split())


def shorten(text: str, limit: int = MAX_TEXT) -> str:
    """One line of at most `limit` characters (the claim's text may hold line breaks)."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def claim_label(
    claim: Claim | None,
    cid: str,
    relation: str | None,
    *,
    reference: bool,
    styles: dict[str, Style],
) -> Text:
    """The tree label of one appearance of a claim; `styles` come from the tree's component classes."""
    label = Text(no_wrap=True, end="")
    if relation:
        label.append(f"{GLYPHS[relation]} ", styles[relation])
    if claim is None:
        label.append(f"{cid} (missing)", styles["reference"])
        return label
    if reference:
        label.append(REFERENCE_GLYPH, styles["reference"])
    kind = KIND_GLYPHS[claim.kind]
    if kind:
        label.append(kind, styles[claim.kind.value])
    body = styles["reference"] if reference else styles.get(claim.kind.value, Style())
    label.append(one_line(claim.text), body)
    if reference:
        label.append(f"  (see {cid})", styles["reference"])
    return label


def argument_label(
    argument: Argument | None, aid: str, relation: str | None, *, styles: dict[str, Style]
) -> Text:
    """The tree label of an argument: linked premises (`⋀`), its gist or scheme, or its id."""
    label = Text(no_wrap=True, end="")
    if relation:
        label.append(f"{GLYPHS[relation]} ", styles[relation])
    label.append(ARGUMENT_GLYPH, styles["argument"])
    if argument is None:
        label.append(f"{aid} (missing)", styles["reference"])
        return label
    what = "together" if len(argument.premises) > 1 else "step"
    gist = f": {one_line(argument.text)}" if argument.text else f" ({aid})"
    label.append(what + gist, styles["argument"])
    if argument.scheme:
        label.append(f"  [{one_line(argument.scheme)}]", styles["reference"])
    return label
