"""How a map looks: colours, shapes and type sizes, in one place.

Support and opposition differ in colour (the Okabe–Ito blue and vermilion,
which colour-blind readers tell apart), in line style (solid or dashed) and in
arrowhead (an arrow or a bar), so a greyscale print still shows which is which.
Kinds differ by shape: positions are rounded and heavy, claims are plain
boxes, evidence has a folded corner like a page.
"""

from __future__ import annotations

from types import MappingProxyType

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
RELATION = MappingProxyType(
    {
        "supports": {"color": SUPPORT_COLOUR, "style": "solid", "arrowtail": "normal"},
        "opposes": {"color": OPPOSE_COLOUR, "style": "dashed", "arrowtail": "tee"},
    }
)

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
