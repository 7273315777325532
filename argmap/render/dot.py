"""A map → Graphviz DOT source, built with the `graphviz` package.

Every piece of user text is escaped twice over: for HTML-like labels we escape
the HTML ourselves, and plain attributes (tooltips, titles) go through
`graphviz.escape`, so neither DOT nor the SVG that `dot` writes ever reads
user text as markup.  Only http(s) addresses become links.
"""

from __future__ import annotations

import html
import itertools
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote as percent

import graphviz

from argmap.evaluate import ArgumentResult, ClaimResult, Evaluation, evaluate, format_strength
from argmap.graph import Edge, Graph
from argmap.model import ArgMap, Argument, Claim, Kind, QuestionGroup
from argmap.render import style

QUESTION_ID = "_question"  # ids cannot start with "_", so no claim can clash
_KIND_LABEL = {Kind.POSITION: "POSITION", Kind.CLAIM: "", Kind.EVIDENCE: "EVIDENCE"}


@dataclass(frozen=True)
class RenderOptions:
    direction: str = "TB"
    quotes: bool = False
    legend: bool = True
    xml_links: bool = False  # set when the output is SVG (see `web_address`)
    evaluate: bool = False  # show grounded labels and DF-QuAD strengths (`argmap evaluate`)


#: Finds a quote in the article and returns it as written there (for text links).
QuoteLocator = Callable[[str], str | None]


def to_dot(
    model: ArgMap, options: RenderOptions = RenderOptions(), locate: QuoteLocator | None = None
) -> str:
    """The DOT source of a map; the same map always gives the same text."""
    g = graphviz.Digraph("argmap")
    graph = Graph.of(model)
    evaluation = evaluate(model) if options.evaluate else None
    g.attr("graph", rankdir=options.direction, **style.GRAPH, **_caption(model, evaluation))
    g.attr("node", **style.NODE)
    g.attr("edge", **style.EDGE)
    groups = model.question_groups()
    for group in groups:
        _question(g, group)
    _same_rank(g, [_question_name(q) for q in groups if q.text], "min")  # every question on top
    _same_rank(g, [_node_name(p) for q in groups for p in q.positions], "same")  # the answers beneath
    for cid, claim in model.claims.items():
        result = evaluation.claims[cid] if evaluation else None
        _claim_node(g, model, cid, claim, options, locate, result)
    for aid in graph.arguments:
        _argument_node(
            g, model, graph, aid, options, locate, evaluation.arguments[aid] if evaluation else None
        )
    stagger = _stagger(graph)
    for edge in _drawn_edges(graph):
        _relation_edge(g, model, graph, edge, stagger.get(edge[0], 1), options.direction)
    if options.legend:
        _legend(g, model, graph, evaluation)
    return g.source


def _question(g: graphviz.Digraph, group: QuestionGroup) -> None:
    """A question box, linked to the positions that answer it."""
    if not group.text:
        return
    name = _question_name(group)
    g.node(
        name,
        label=_html_label([_cell(_lines(group.text, style.TEXT_WIDTH + 6), bold=True)]),
        tooltip=_plain(group.text),
        id=question_svg_id(group.id),
        **style.QUESTION,
    )
    for cid in group.positions:
        g.edge(name, _node_name(cid), dir="back", id=f"answers-{cid}", **style.ANSWERS)


def _question_name(group: QuestionGroup) -> str:
    return QUESTION_ID if group.id is None else f"{QUESTION_ID}.{group.id}"


def _same_rank(g: graphviz.Digraph, names: list[str], rank: str) -> None:
    """Keep `names` side by side, in the order given (file order)."""
    if names:
        with g.subgraph() as same:
            same.attr(rank=rank)
            for name in names:
                same.node(name)


# --- nodes ---------------------------------------------------------------------


# --- writing DOT lines -------------------------------------------------------------
#
# The graphviz package quotes every attribute name and value afresh, through a
# deprecation-checking wrapper, each time; for a large map that was most of the
# time spent building the DOT.  A map repeats the same few style attributes on
# every node, so the two hot paths (claims and relations) write their lines
# here: the package's own `quote`, memoised, in the package's own line format
# (label first, then the other attributes sorted), so the DOT is byte for byte
# what `Digraph.node` and `Digraph.edge` would write.


_QUOTED: dict[str, str] = {}


#: Graphviz reads no quoted string over 16,384 bytes; longer ones are written in pieces
#: joined by DOT's `+`, each of at most this many characters (four bytes each at most).
_PIECE = 3_000


def _quote(value: str) -> str:
    # `nohtml` strings are a str subclass that quote differently: never cache them
    if type(value) is not str:
        if len(value) > _PIECE:
            return " + ".join(graphviz.quoting.quote(graphviz.nohtml(p)) for p in _pieces(value))
        return graphviz.quoting.quote(value)
    quoted = _QUOTED.get(value)
    if quoted is None:
        if len(_QUOTED) > 50_000:  # a long editor session renders many maps
            _QUOTED.clear()
        quoted = _QUOTED[value] = graphviz.quoting.quote(value)
    return quoted


def _pieces(value: str) -> list[str]:
    """`value` cut into pieces of at most _PIECE characters, never inside a run of backslashes
    (a piece ending in one would escape its closing quote)."""
    pieces = []
    start = 0
    while start < len(value):
        end = min(len(value), start + _PIECE)
        while end < len(value) and end > start + 1 and value[end - 1] == "\\":
            end -= 1
        pieces.append(value[start:end])
        start = end
    return pieces


def _attr_list(label: str | None, attrs: dict[str, str]) -> str:
    parts = [f"label={_quote(label)}"] if label is not None else []
    parts += [f"{_quote(k)}={_quote(v)}" for k, v in sorted(attrs.items()) if v is not None]
    return f" [{' '.join(parts)}]" if parts else ""


def _add_node(g: graphviz.Digraph, name: str, label: str | None, attrs: dict[str, str]) -> None:
    g.body.append(f"\t{_quote(name)}{_attr_list(label, attrs)}\n")


def _add_edge(g: graphviz.Digraph, tail: str, head: str, attrs: dict[str, str]) -> None:
    g.body.append(f"\t{_quote(tail)} -> {_quote(head)}{_attr_list(None, attrs)}\n")


def _node_name(cid: str) -> str:
    return cid  # ids are restricted to [A-Za-z0-9][A-Za-z0-9_.-]*; graphviz quotes them


def _claim_node(
    g: graphviz.Digraph,
    model: ArgMap,
    cid: str,
    claim: Claim,
    options: RenderOptions,
    locate: QuoteLocator | None,
    result: ClaimResult | None = None,
) -> None:
    rows = []
    kind_label = _KIND_LABEL[claim.kind]
    if kind_label:
        rows.append(_cell(kind_label, size=8, colour=style.MUTED))
    rows.append(_cell(_lines(claim.text, style.TEXT_WIDTH), bold=claim.kind is Kind.POSITION))
    if options.quotes:
        for q in _some(claim.quote):
            rows.append(
                _cell(_lines(f"“{q.strip()}”", style.QUOTE_WIDTH), size=9, italic=True, colour=style.MUTED)
            )
    if claim.by:
        rows.append(_cell(_escape(f"— {attribution(claim.by)}"), size=9, colour=style.MUTED))
    attrs = dict(style.KIND[claim.kind])
    tooltip = _tooltip(claim, locate)
    attrs["class"] = claim.kind.value
    if result is not None:
        rows.append(_evaluation_row(result.label, result.strength))
        attrs = style.evaluated(claim.kind, result.label)
        tooltip += f"\n\n{style.LABEL_WORD[result.label]} ({style.LABEL_MEANING[result.label]}),"
        tooltip += f" strength {format_strength(result.strength)}"
        attrs["class"] = f"{claim.kind.value} {result.label}"
    attrs["tooltip"] = _plain(tooltip)
    attrs["id"] = claim_svg_id(cid)
    link = _link(model, claim, locate)
    if link:
        safe = web_address(link, options.xml_links)
        if safe:
            attrs.update(URL=graphviz.nohtml(safe), target="_blank")
    _add_node(g, _node_name(cid), _html_label(rows), attrs)


def _evaluation_row(label: str, strength: float) -> str:
    """The strength as a bar (flush left) and as a figure, then the grounded label (flush right).

    Graphviz spreads a table's spare width over its columns, so the bar's two
    parts sit in a fixed-size table of their own that cannot be pulled apart.
    """
    filled = round(strength * style.BAR_WIDTH)
    parts = "".join(
        f'<TD WIDTH="{width}" HEIGHT="{style.BAR_HEIGHT}" FIXEDSIZE="TRUE" BGCOLOR="{colour}"></TD>'
        for width, colour in ((filled, style.BAR_INK), (style.BAR_WIDTH - filled, style.BAR_EMPTY))
        if width > 0
    )
    bar = (
        f'<TABLE ALIGN="LEFT" FIXEDSIZE="TRUE" WIDTH="{style.BAR_WIDTH}" HEIGHT="{style.BAR_HEIGHT}"'
        f' BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>{parts}</TR></TABLE>'
    )
    figure = (
        f'<FONT POINT-SIZE="9">{_escape(format_strength(strength))}  </FONT>'
        f'<FONT POINT-SIZE="8"><B>{style.LABEL_WORD[label]}</B></FONT>'
    )
    return (
        '<TR><TD ALIGN="LEFT"><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">'
        f'<TR><TD ALIGN="LEFT">{bar}</TD><TD WIDTH="8"></TD><TD ALIGN="RIGHT">{figure}</TD></TR>'
        "</TABLE></TD></TR>"
    )


def _argument_node(
    g: graphviz.Digraph,
    model: ArgMap,
    graph: Graph,
    aid: str,
    options: RenderOptions,
    locate: QuoteLocator | None,
    result: ArgumentResult | None = None,
) -> None:
    """An inference, drawn Rationale-style: a bar that joins its premises, on the arrow to its conclusion.

    Each premise hangs under the bar and meets it at a place of its own (a port
    of the bar, one per premise, in the order written); one arrow leads from
    the bar to the conclusion; an undercut ends on it.  An argument with a gist
    or a scheme (or, with --evaluate, its label and strength) names the step in
    a small box standing on the bar.
    """
    argument = model.arguments[aid]
    edge = graph.conclusion(aid)
    relation = edge.relation if edge else "supports"
    rows = []
    if argument.text:
        rows.append(_cell(_lines(argument.text, style.TEXT_WIDTH), size=10))
    if argument.scheme:
        rows.append(_cell(_escape(argument.scheme.strip().upper()), size=7, colour=style.MUTED))
    if options.quotes:
        for q in _some(argument.quote):
            rows.append(
                _cell(_lines(f"“{q.strip()}”", style.QUOTE_WIDTH), size=8, italic=True, colour=style.MUTED)
            )
    if argument.by and rows:
        rows.append(_cell(_escape(f"— {attribution(argument.by)}"), size=8, colour=style.MUTED))
    if result is not None:
        rows.append(_evaluation_row(result.label, result.strength))
    label = style.argument_label(relation, rows, len(graph.premises(aid)), options.direction, result)
    attrs = {"shape": "plain"}
    attrs["tooltip"] = _plain(_argument_tooltip(graph, aid, argument, relation, locate, result))
    attrs["id"] = argument_svg_id(aid)
    attrs["class"] = f"argument {relation}" + (f" {result.label}" if result is not None else "")
    link = _link(model, argument, locate) if argument.quote else None
    if link:
        safe = web_address(link, options.xml_links)
        if safe:
            attrs.update(URL=graphviz.nohtml(safe), target="_blank")
    _add_node(g, _node_name(aid), label, attrs)


def _argument_tooltip(
    graph: Graph,
    aid: str,
    argument: Argument,
    relation: str,
    locate: QuoteLocator | None,
    result: ArgumentResult | None,
) -> str:
    premises = graph.premises(aid)
    edge = graph.conclusion(aid)
    together = " and ".join(premises) + (", together," if len(premises) > 1 else "")
    verb = {"supports": "support", "opposes": "oppose", "undercuts": "undercut"}[relation]
    if len(premises) == 1:
        verb = relation
    lines = [f"{aid}: {together} {verb} {edge.target if edge else '?'}"]
    if argument.text:
        lines.append(_oneline(argument.text))
    if argument.scheme:
        lines.append(f"Scheme: {_oneline(argument.scheme)}")
    lines += [f"“{_oneline((locate(q) if locate else None) or q)}”" for q in argument.quote]
    undercutters = graph.undercutters(aid)
    if undercutters:
        lines.append(f"Undercut by {', '.join(undercutters)}")
    if result is not None:
        lines.append(
            f"{style.LABEL_WORD[result.label]} ({style.LABEL_MEANING[result.label]}),"
            f" strength {format_strength(result.strength)}"
        )
    return "\n\n".join(lines)


def attribution(by: str) -> str:
    """How a `by` reads under a text: "author" is "the author"."""
    return "the author" if by.strip().casefold() == "author" else by.strip()


def claim_svg_id(cid: str) -> str:
    """The SVG element id of a claim's node (the viewer selects nodes by these ids)."""
    return f"claim-{cid}"


def argument_svg_id(aid: str) -> str:
    return f"argument-{aid}"


def question_svg_id(qid: str | None) -> str:
    """The main question's node is `question`, a further question's `question-QID`."""
    return "question" if qid is None else f"question-{qid}"


def _tooltip(claim: Claim, locate: QuoteLocator | None) -> str:
    """The quotes as the article writes them (else as the map does), or the text."""
    if not claim.quote:
        return _oneline(claim.text)
    return "\n\n".join(f"“{_oneline((locate(q) if locate else None) or q)}”" for q in claim.quote)


def _oneline(text: str) -> str:
    return " ".join(text.split())


def _link(model: ArgMap, claim: Claim | Argument, locate: QuoteLocator | None) -> str | None:
    url = model.source.url if model.source else None
    if not url or not url.lower().startswith(("http://", "https://")):
        return None
    if not claim.quote:
        return url
    as_written = (locate(claim.quote[0]) if locate else None) or claim.quote[0]
    joiner = ":~:text=" if "#" in url else "#:~:text="
    return url + joiner + text_fragment(as_written)


def text_fragment(passage: str, edge_words: int = 5) -> str:
    """A `#:~:text=` directive that finds `passage` in the page (start,end for long ones)."""
    words = " ".join(passage.split()).split(" ")

    def enc(ws: list[str]) -> str:
        # '-' and ',' are syntax inside the directive, so they are escaped too.
        return percent(" ".join(ws), safe="").replace("-", "%2D")

    if len(words) <= 2 * edge_words + 2:
        return enc(words)
    return f"{enc(words[:edge_words])},{enc(words[-edge_words:])}"


# --- edges ---------------------------------------------------------------------


def _drawn_edges(graph: Graph) -> list[tuple[Edge, bool]]:
    """The edges to draw; a pair of mutual relations of one kind becomes one double-ended edge."""
    present = {(e.source, e.target, e.relation) for e in graph.edges}
    drawn: list[tuple[Edge, bool]] = []
    for e in graph.edges:
        mutual = (e.target, e.source, e.relation) in present
        if mutual and (e.target, e.source) < (e.source, e.target):
            continue  # drawn with its twin
        drawn.append((e, mutual))
    return drawn


def _stagger(graph: Graph, levels: int = 2, threshold: int = 4) -> dict[Edge, int]:
    """Edge lengths that put a claim's many leaf reasons on alternate rows.

    Like Graphviz's `unflatten -l`: a claim with a dozen unargued reasons would
    otherwise spread them in one very wide row; staggering keeps the diagram
    closer to the shape of a page.
    """
    lengths: dict[Edge, int] = {}
    for cid in graph.order:
        leaves = [e for e in graph.into[cid] if len(graph.out[e.source]) == 1]
        if len(leaves) >= threshold:
            for i, e in enumerate(leaves):
                lengths[e] = 1 + i % levels
    return lengths


def _relation_edge(
    g: graphviz.Digraph, model: ArgMap, graph: Graph, drawn: tuple[Edge, bool], minlen: int, direction: str
) -> None:
    edge, mutual = drawn
    claims = model.claims
    if edge.relation == "premise":
        _premise_edge(g, model, graph, edge, direction)
        return
    attrs = dict(style.RELATION[edge.relation])
    # Drawn from the target down to the reason, arrowhead at the target, so that
    # reasons hang under what they support or oppose.
    attrs["dir"] = "both" if mutual else "back"
    if mutual:
        attrs["arrowhead"] = attrs["arrowtail"]
    source, target = claims.get(edge.source), claims.get(edge.target)
    if source and target and source.kind is Kind.POSITION and target.kind is Kind.POSITION:
        attrs["constraint"] = "false"  # rival answers stay side by side
    elif minlen > 1:
        attrs["minlen"] = str(minlen)
    tip = f"{edge.source} {edge.relation} {edge.target}"
    if mutual:
        tip += f", and {edge.target} {edge.relation} {edge.source}"
    if edge.relation == "undercuts":
        attrs["tailport"] = "u"  # the end of the bar, beside the premises
    attrs["tooltip"] = _plain(tip)
    attrs["id"] = edge_id(edge.relation, edge.source, edge.target)
    attrs["class"] = edge.relation
    _add_edge(g, _node_name(edge.target), _node_name(edge.source), attrs)


def _premise_edge(g: graphviz.Digraph, model: ArgMap, graph: Graph, edge: Edge, direction: str) -> None:
    """A premise joined to the bar of its argument, at its own place: the argument's colour, no head."""
    conclusion = model.arguments[edge.target].conclusion
    attrs = dict(style.PREMISE[conclusion[0] if conclusion else "supports"])
    port = graph.premises(edge.target).index(edge.source)
    attrs["tailport"] = f"p{port}:{style.BAR_SIDE[direction]}"
    attrs["tooltip"] = _plain(f"{edge.source} is a premise of {edge.target}")
    attrs["id"] = edge_id("premise", edge.source, edge.target)
    attrs["class"] = "premise"
    _add_edge(g, _node_name(edge.target), _node_name(edge.source), attrs)


# --- caption and legend ----------------------------------------------------------


def _caption(model: ArgMap, evaluation: Evaluation | None = None) -> dict[str, str]:
    rows = []
    if model.title and model.title != model.question:
        rows.append(_cell(_escape(model.title, BOX_TEXT), bold=True, size=16))
    src = model.source
    if src:
        parts = [p for p in (src.title, src.author, src.publisher, src.date) if p]
        if parts:
            rows.append(_cell(_escape("Source: " + ", ".join(parts), BOX_TEXT), size=10, colour=style.MUTED))
    if evaluation is not None:
        verdicts = evaluation.verdict().splitlines()  # one per question of the map
        prefix = "Verdict: " if len(verdicts) == 1 else "Verdict on "
        for verdict in verdicts:
            rows.append(_cell(_lines(prefix + verdict, style.VERDICT_WIDTH), size=11))
    if not rows:
        return {}
    return {"label": _html_label(rows)}


def _legend(g: graphviz.Digraph, model: ArgMap, graph: Graph, evaluation: Evaluation | None = None) -> None:
    """A key to the shapes and lines used, limited to those the map has."""
    kinds = [k for k in Kind if any(c.kind is k for c in model.claims.values())]
    relations = [r for r in ("supports", "opposes") if any(e.relation == r for e in graph.edges)]
    linked = any(len(graph.premises(a)) > 1 for a in graph.arguments)
    undercut = any(e.relation == "undercuts" for e in graph.edges)
    if not kinds and not relations and not linked and not undercut:
        return
    words = {"supports": ("reason", "supports"), "opposes": ("objection", "opposes")}
    with g.subgraph(name="cluster_legend") as lg:
        lg.attr(
            label="Legend",
            fontsize="10",
            style="rounded",
            color="#d0d7de",
            fontcolor=style.MUTED,
            id="legend",
        )
        lg.attr("node", fontsize="9", margin="0.08,0.03", width="0", height="0")
        rows: list[list[str]] = []
        if kinds:
            rows.append([f"_legend_{k.value}" for k in kinds])
            for kind in kinds:
                lg.node(f"_legend_{kind.value}", label=kind.value.capitalize(), **style.KIND[kind])
        for rel in relations:
            reason, target = f"_legend_{rel}_reason", f"_legend_{rel}_target"
            lg.node(reason, label=words[rel][0])
            lg.node(target, label="claim")
            attrs = {k: v for k, v in style.RELATION[rel].items() if k != "arrowtail"}
            lg.edge(
                reason,
                target,
                label=f" {words[rel][1]} ",
                arrowhead=style.RELATION[rel]["arrowtail"],
                fontcolor=attrs["color"],
                **attrs,
            )
            rows.append([reason, target])
        if linked:
            rows.append(_linked_legend(lg))
        if undercut:
            rows.append(_undercut_legend(lg))
        if evaluation is not None:
            rows.extend(_evaluation_legend(lg, evaluation))
        # One strip, left to right: rows one above the other would stand a whole
        # rank apart (the map's rank separation), leaving the key mostly empty.
        strip = [name for row in rows for name in row]
        with lg.subgraph() as same:
            same.attr(rank="same")
            for name in strip:
                same.node(name)
            for left, right in itertools.pairwise(strip):
                if not left.endswith(("_reason", "_linked", "_undercut")):  # keep the key's order
                    same.edge(left, right, style="invis")


def _linked_legend(lg: graphviz.Digraph) -> list[str]:
    """Two premises on one bar, and the one arrow from the bar: premises that count only together."""
    box = '<TD BORDER="1" COLOR="#6e7781" CELLPADDING="2">premise</TD>'
    gap = '<TD WIDTH="6"></TD>'
    colour = style.SUPPORT_COLOUR
    label = (
        '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">'
        f'<TR>{box}{gap}{box}<TD ROWSPAN="2" WIDTH="4"></TD></TR>'
        f'<TR><TD COLSPAN="3" HEIGHT="{style.BAR_THICKNESS}" BGCOLOR="{colour}" PORT="bar"></TD></TR>'
        "</TABLE>>"
    )
    lg.node("_legend_linked", label=label, shape="plain")
    lg.node("_legend_linked_target", label="claim")
    lg.edge(
        "_legend_linked",
        "_legend_linked_target",
        label=" together support ",
        fontcolor=colour,
        color=colour,
        style="solid",
        arrowhead=style.RELATION["supports"]["arrowtail"],
    )
    return ["_legend_linked", "_legend_linked_target"]


def _undercut_legend(lg: graphviz.Digraph) -> list[str]:
    """A claim whose dotted line ends in a double bar on a step (the bar of an argument)."""
    attrs = style.RELATION["undercuts"]
    lg.node("_legend_undercut", label="undercut")
    size = f'WIDTH="{style.BAR_SEGMENT}" HEIGHT="{style.BAR_THICKNESS}"'
    bar = f'<TD {size} BGCOLOR="{style.SUPPORT_COLOUR}"></TD>'
    lg.node(
        "_legend_step",
        label=f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>{bar}</TR></TABLE>>',
        shape="plain",
    )
    lg.edge(
        "_legend_undercut",
        "_legend_step",
        label=" undercuts a step ",
        fontcolor=attrs["color"],
        color=attrs["color"],
        style=attrs["style"],
        penwidth=attrs["penwidth"],
        arrowhead=attrs["arrowtail"],
    )
    return ["_legend_undercut", "_legend_step"]


_LABEL_KEY = {
    "in": "IN: nothing opposes it, or all that does is OUT.",
    "out": "OUT: an IN claim opposes it.",
    "undec": "UNDECIDED: caught in a cycle of objections.",
}


def _evaluation_legend(lg: graphviz.Digraph, evaluation: Evaluation) -> list[list[str]]:
    """Legend rows for the labels present in the map, and one explaining the strength bar."""
    present = {r.label for r in evaluation.claims.values()}
    names: list[str] = []
    for label in ("in", "out", "undec"):
        if label in present:
            name = f"_legend_label_{label}"
            text = _cell(f"{style.LABEL_WORD[label]} · {style.LABEL_MEANING[label]}", size=9)
            lg.node(name, label=_html_label([text]), **style.evaluated(Kind.CLAIM, label))
            names.append(name)
    rows = [names] if names else []
    texts = [_STRENGTH_KEY, *(_LABEL_KEY[label] for label in ("in", "out", "undec") if label in present)]
    key = [_evaluation_row("in", 0.75)]
    key += [_cell(_lines(text, style.QUOTE_WIDTH), size=9, colour=style.MUTED) for text in texts]
    lg.node("_legend_strength", label=_html_label(key), shape="plain")
    rows.append(["_legend_strength"])
    return rows


_STRENGTH_KEY = (
    "Bar and figure: the claim's strength, 0 to 1 (DF-QuAD): it starts at the claim's weight "
    "(0.5 unless set), its reasons raise it, its objections lower it. Border and word: its grounded label."
)


# --- HTML-like labels ------------------------------------------------------------


# How much user text a box shows (the tooltip has it all).  Graphviz refuses an HTML
# label over 16,384 bytes, and escaping can make a character six (`&quot;`): with these
# limits the fullest box stays well under that, whatever `check` accepted.
BOX_TEXT = 400
BOX_LINE = 120  # one-line pieces: the speaker, a scheme, the title
QUOTES_IN_BOX = 3
_LABEL_BYTES = 15_000


def _fit(text: str, limit: int) -> str:
    """`text` cut at a word to at most `limit` characters, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip() + "…"


def _some(quotes: list[str]) -> list[str]:
    """The quotes a box prints: the first few, then how many more the tooltip has."""
    if len(quotes) <= QUOTES_IN_BOX:
        return quotes
    return [*quotes[:QUOTES_IN_BOX], f"… and {len(quotes) - QUOTES_IN_BOX} more in the tooltip"]


def edge_id(relation: str, source: str, target: str) -> str:
    """The SVG id of an edge: `supports-a:b`.  Ids never hold ':', so no two edges share one
    (with '-' between, `a-b`→`c` and `a`→`b-c` would both be `supports-a-b-c`)."""
    return f"{relation}-{source}:{target}"


def _escape(text: str, limit: int = BOX_LINE) -> str:
    """User text for an HTML-like label: shortened, HTML-escaped, and backslashes doubled
    because Graphviz still expands escapes such as \\N and \\G inside HTML labels."""
    return html.escape(_fit(text, limit), quote=True).replace("\\", "\\\\")


def _plain(text: str) -> str:
    """User text for a plain attribute (tooltip). Graphviz (2.43) expands backslash escapes
    in tooltips twice, so each backslash is written four times, and it reads entities such
    as `&lt;`, so `&` is written `&amp;` (a text that says `&lt;` shows `&lt;`); `nohtml`
    keeps a value that looks like `<…>` from being read as an HTML label."""
    return graphviz.nohtml(text.replace("\\", "\\" * 4).replace("&", "&amp;"))


_URL_SAFE = ":/?#[]@!$&'()*+,;=%~-._"


def web_address(url: str, for_xml: bool) -> str | None:
    """`url` made safe to embed, or None unless it is http(s).

    Graphviz copies URLs into the output as they are, so anything outside the
    URL alphabet is percent-encoded, and for SVG `&` is written as an entity.
    """
    if not url.lower().startswith(("http://", "https://")):
        return None
    safe = percent(url, safe=_URL_SAFE).replace("'", "%27")
    return safe.replace("&", "&amp;") if for_xml else safe


def _lines(text: str, width: int, limit: int = BOX_TEXT) -> str:
    """Wrapped, escaped text with left-aligned line breaks, shortened to `limit` characters."""
    lines = _wrap(_fit(" ".join(text.split()), limit), width)
    return '<BR ALIGN="LEFT"/>'.join(_escape(line) for line in lines) + '<BR ALIGN="LEFT"/>'


def _wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap, as `textwrap.wrap(..., break_on_hyphens=False)` does it, but faster.

    textwrap's general machinery was a fifth of the time spent building DOT;
    words longer than a line (rare: a URL) still go to textwrap to be broken.
    """
    words = text.split()
    if any(len(w) > width for w in words):
        return textwrap.wrap(" ".join(words), width=width, break_on_hyphens=False) or [""]
    lines: list[str] = []
    line = ""
    for word in words:
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line = f"{line} {word}"
        else:
            lines.append(line)
            line = word
    lines.append(line)
    return lines


def _cell(
    content: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: int | None = None,
    colour: str | None = None,
) -> str:
    if bold:
        content = f"<B>{content}</B>"
    if italic:
        content = f"<I>{content}</I>"
    font = ""
    if size:
        font += f' POINT-SIZE="{size}"'
    if colour:
        font += f' COLOR="{colour}"'
    if font:
        content = f"<FONT{font}>{content}</FONT>"
    return f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{content}</TD></TR>'


def _html_label(rows: list[str]) -> str:
    """The rows as one HTML-like label; rows that would take it past what Graphviz reads are
    left out (an ellipsis says so), so a label never makes `dot` fail."""
    head, tail = '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">', "</TABLE>>"
    label = head + "".join(rows) + tail
    if len(label.encode("utf-8")) <= _LABEL_BYTES:
        return label
    kept: list[str] = []
    size = len((head + tail + _cell("…")).encode("utf-8"))
    for row in rows:
        size += len(row.encode("utf-8"))
        if size > _LABEL_BYTES:
            break
        kept.append(row)
    return head + "".join(kept) + _cell("…") + tail
