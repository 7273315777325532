"""How a map looks: colours, shapes and type sizes, in one place.

Support and opposition differ in colour (the Okabe–Ito blue and vermilion,
which colour-blind readers tell apart), in line style (solid or dashed) and in
arrowhead (an arrow or a bar), so a greyscale print still shows which is which.
Kinds differ by shape: positions are rounded and heavy, claims are plain
boxes, evidence has a folded corner like a page.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from argmap.model import Kind

FONT = "Helvetica,Arial,sans-serif"
INK = "#1f2328"
MUTED = "#57606a"
TEXT_WIDTH = 28  # characters per line in a box
QUOTE_WIDTH = 44

GRAPH = MappingProxyType(
    {
        "fontname": FONT,
        "fontcolor": INK,
        "bgcolor": "white",
        "pad": "0.3",
        "nodesep": "0.3",
        "ranksep": "0.55",
        "newrank": "true",
        "labelloc": "t",
        "labeljust": "l",
        "fontsize": "12",
    }
)
NODE = MappingProxyType(
    {
        "fontname": FONT,
        "fontsize": "11",
        "fontcolor": INK,
        "color": "#6e7781",
        "penwidth": "1",
        "margin": "0.12,0.06",
        "shape": "box",
        "style": "filled",
        "fillcolor": "white",
    }
)
EDGE = MappingProxyType({"fontname": FONT, "fontsize": "9", "penwidth": "1.5", "arrowsize": "0.8"})

KIND = MappingProxyType(
    {
        Kind.POSITION: {
            "shape": "box",
            "style": "rounded,filled",
            "fillcolor": "#fff3c4",
            "color": "#7d5f00",
            "penwidth": "2.2",
        },
        Kind.CLAIM: {"shape": "box", "style": "filled", "fillcolor": "white"},
        Kind.EVIDENCE: {"shape": "note", "style": "filled", "fillcolor": "#eef2f6"},
    }
)
QUESTION = MappingProxyType(
    {
        "shape": "box",
        "style": "rounded,filled",
        "fillcolor": "#24292f",
        "color": "#24292f",
        "fontcolor": "white",
        "fontsize": "13",
        "margin": "0.2,0.1",
    }
)
ANSWERS = MappingProxyType(
    {"color": "#6e7781", "style": "dotted", "penwidth": "1.6", "arrowhead": "none", "arrowtail": "none"}
)

SUPPORT_COLOUR = "#0072b2"
OPPOSE_COLOUR = "#d55e00"
UNDERCUT_COLOUR = "#a8417f"  # Okabe–Ito reddish purple, darkened to read as a line on white
RELATION = MappingProxyType(
    {
        "supports": {"color": SUPPORT_COLOUR, "style": "solid", "arrowtail": "normal"},
        "opposes": {"color": OPPOSE_COLOUR, "style": "dashed", "arrowtail": "tee"},
        # An undercut attacks a step, not a claim: dotted, with a double bar where it
        # ends on the step, so that it differs from an objection in greyscale too.
        "undercuts": {
            "color": UNDERCUT_COLOUR,
            "style": "dotted",
            "arrowtail": "teetee",
            "penwidth": "2",
        },
    }
)

# --- arguments (linked premises) --------------------------------------------------
# An argument is drawn Rationale-style: its premises hang side by side under a bar
# that joins them, and one arrow leads from the bar to the conclusion; an undercut
# ends on the bar.  The bar takes the colour of what the argument does.

#: The line from each premise to its argument's bar: the relation's colour and style, no head.
PREMISE = MappingProxyType(
    {
        rel: {"color": attrs["color"], "style": attrs["style"], "dir": "none", "penwidth": "1.5"}
        for rel, attrs in RELATION.items()
    }
)
ARGUMENT_FILL = MappingProxyType({"supports": "#e6f1f8", "opposes": "#fbeee6", "undercuts": "#f6e9f1"})
BAR_THICKNESS = 5  # points
BAR_SEGMENT = 44  # points of bar per premise
BAR_END = 14  # points of bar beyond the premises, where undercuts end
#: Where premises meet the bar, by the direction the diagram runs (they hang under it).
BAR_SIDE = MappingProxyType({"TB": "s", "BT": "n", "LR": "e", "RL": "w"})


def argument_label(relation: str, rows: list[str], premises: int, direction: str, result: Any = None) -> str:
    """An argument's HTML-like label: the bar, one port per premise, under the rows that name the step.

    The bar runs across the direction the diagram runs, so the premises stand
    side by side along it; the rows (gist, scheme, evaluation) sit on the far
    side from the premises, framed in the relation's colour.
    """
    colour = RELATION[relation]["color"]
    n = max(premises, 1)
    across = direction in ("TB", "BT")
    # One segment per premise, then a short end ("u") where undercuts land, so that
    # dot sets an undercutter beside the premises rather than between them.
    segments = [(f"p{i}", BAR_SEGMENT) for i in range(n)] + [("u", BAR_END)]
    cells = [
        f'<TD PORT="{port}" BGCOLOR="{colour}" FIXEDSIZE="TRUE" '
        + (
            f'WIDTH="{length}" HEIGHT="{BAR_THICKNESS}"></TD>'
            if across
            else f'WIDTH="{BAR_THICKNESS}" HEIGHT="{length}"></TD>'
        )
        for port, length in segments
    ]
    bar = (  # the table's own fill closes any gap Graphviz leaves between the segments
        f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0" BGCOLOR="{colour}">'
        + ("<TR>" + "".join(cells) + "</TR>" if across else "".join(f"<TR>{c}</TR>" for c in cells))
        + "</TABLE>"
    )
    if not rows:
        return f"<{bar}>"
    border = LABEL_BORDER[result.label] if result is not None else "solid"
    line, fill = colour, ARGUMENT_FILL[relation]
    if result is not None and result.label == "out":
        line, fill = OUT_COLOUR, OUT_FILL
    box = (
        f'<TABLE BORDER="2" STYLE="rounded" COLOR="{line}" BGCOLOR="{fill}" CELLBORDER="0" '
        f'CELLSPACING="0" CELLPADDING="5">{"".join(rows)}</TABLE>'
    )
    if border != "solid":  # Graphviz draws a rounded table with a solid line only: frame it again
        box = (
            f'<TABLE BORDER="1" STYLE="{border}" COLOR="{line}" CELLBORDER="0" CELLSPACING="0" '
            f'CELLPADDING="2"><TR><TD>{box}</TD></TR></TABLE>'
        )
    near = {"TB": "below", "BT": "above", "LR": "right", "RL": "left"}[direction]
    if near in ("below", "above"):
        parts = [f"<TR><TD>{box}</TD></TR>", f"<TR><TD>{bar}</TD></TR>"]
        if near == "above":
            parts.reverse()
        body = "".join(parts)
    else:
        parts = [f"<TD>{box}</TD>", f"<TD>{bar}</TD>"]
        if near == "left":
            parts.reverse()
        body = "<TR>" + "".join(parts) + "</TR>"
    return f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">{body}</TABLE>>'


# --- `argmap render --evaluate` ---------------------------------------------------
# The grounded label is drawn in the border's line style, which survives greyscale
# printing: accepted claims keep a solid border, defeated ones get a dashed grey
# border, a grey fill and grey text, undecided ones a dotted border. The strength
# is a bar (dark share = strength) with the figure beside it.

LABEL_BORDER = MappingProxyType({"in": "solid", "out": "dashed", "undec": "dotted"})
LABEL_WORD = MappingProxyType({"in": "IN", "out": "OUT", "undec": "UNDECIDED"})
LABEL_MEANING = MappingProxyType({"in": "accepted", "out": "defeated", "undec": "open"})
OUT_COLOUR = "#8c959f"
OUT_FILL = "#f3f4f6"
UNDEC_COLOUR = "#24292f"
BAR_WIDTH = 64  # points, the whole bar
BAR_HEIGHT = 6
BAR_INK = "#24292f"
BAR_EMPTY = "#d0d7de"


def evaluated(kind: Kind, label: str) -> dict[str, str]:
    """A claim node's attributes once evaluated: its kind's look, with the label's border."""
    attrs = dict(KIND[kind])
    styles = [s for s in attrs.get("style", "filled").split(",") if s not in LABEL_BORDER.values()]
    attrs["style"] = ",".join([*styles, LABEL_BORDER[label]])
    if label == "out":
        attrs.update(color=OUT_COLOUR, fillcolor=OUT_FILL, fontcolor=MUTED)
    elif label == "undec":
        attrs.update(color=UNDEC_COLOUR, penwidth=str(max(float(attrs.get("penwidth", "1")), 1.6)))
    return attrs


VERDICT_WIDTH = 150  # characters per line of the verdict under the title
