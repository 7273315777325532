"""Arguments with linked premises, and undercuts: the graph, the outline and both semantics.

The checker's messages for malformed arguments live in tests/corpus/ (argument-*.yaml,
undercut-a-claim.yaml); here: what a well-formed argument means.
"""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.check import check_file
from argmap.evaluate import DEFAULT_WEIGHT, evaluate, grounded, grounded_with_premises, linked, strengths
from argmap.graph import Graph
from argmap.model import ArgMap
from argmap.outline import Outline
from argmap.render import RenderOptions, render
from argmap.render.dot import to_dot
from tests.conftest import run_cli


def make(claims: dict[str, dict[str, Any]], arguments: dict[str, dict[str, Any]] | None = None) -> ArgMap:
    """A map from plain data; every claim gets a text."""
    return ArgMap.model_validate(
        {
            "argmap": 1,
            "claims": {cid: {"text": cid, **fields} for cid, fields in claims.items()},
            "arguments": arguments or {},
        }
    )


def labels(model: ArgMap) -> dict[str, str]:
    ev = evaluate(model)
    return {**{c: r.label for c, r in ev.claims.items()}, **{a: r.label for a, r in ev.arguments.items()}}


def values(model: ArgMap) -> dict[str, float]:
    ev = evaluate(model)
    return {
        **{c: r.strength for c, r in ev.claims.items()},
        **{a: r.strength for a, r in ev.arguments.items()},
    }


# --- the graph and the outline -----------------------------------------------------------


def test_graph_has_premise_conclusion_and_undercut_edges():
    model = make(
        {"c": {}, "p": {}, "q": {}, "u": {"undercuts": ["arg"]}},
        {"arg": {"premises": ["p", "q"], "supports": "c"}},
    )
    graph = Graph.of(model)
    assert graph.arguments == ["arg"] and graph.is_argument("arg") and not graph.is_argument("c")
    assert graph.premises("arg") == ["p", "q"]
    assert graph.undercutters("arg") == ["u"]
    assert graph.conclusion("arg").target == "c"
    assert [(e.source, e.relation) for e in graph.reasons("arg")] == [
        ("p", "premise"),
        ("q", "premise"),
        ("u", "undercuts"),
    ]


def test_graph_leaves_out_malformed_arguments():
    model = make(
        {"c": {}, "p": {}},
        {
            "no-premises": {"supports": "c"},
            "no-conclusion": {"premises": ["p"]},
            "two": {"premises": ["p"], "supports": "c", "opposes": "c"},
            "circular": {"premises": ["p", "c"], "supports": "c"},
            "missing": {"premises": ["p"], "supports": "nowhere"},
            "at-argument": {"premises": ["p"], "supports": "circular"},
        },
    )
    graph = Graph.of(model)
    assert graph.edges == []
    assert set(graph.arguments) == set(model.arguments)


def test_a_supporting_argument_closes_a_support_cycle():
    model = make(
        {"a": {"supports": ["b"]}, "b": {}, "c": {}}, {"arg": {"premises": ["b", "c"], "supports": "a"}}
    )
    assert Graph.of(model).support_cycles() == [["a", "b", "arg"]]
    opposing = make(
        {"a": {"supports": ["b"]}, "b": {}, "c": {}}, {"arg": {"premises": ["b", "c"], "opposes": "a"}}
    )
    assert Graph.of(opposing).support_cycles() == []


def test_outline_groups_premises_under_the_argument_and_undercuts_after_them():
    model = make(
        {
            "go": {"kind": "position"},
            "free": {"supports": ["go"]},
            "sunny": {},
            "warm": {},
            "storm": {"undercuts": ["outing"]},
        },
        {"outing": {"premises": ["sunny", "warm"], "supports": "go"}},
    )
    rows = [(b.depth, b.relation, b.id, b.argument) for b in Outline(model).walk()]
    assert rows == [
        (0, None, "go", False),
        (1, "supports", "free", False),
        (1, "supports", "outing", True),
        (2, "premise", "sunny", False),
        (2, "premise", "warm", False),
        (2, "undercuts", "storm", False),
    ]


# --- grounded: textbook frameworks --------------------------------------------------------


def test_joint_attack_fails_once_one_member_is_defeated():
    """Nielsen & Parsons (2006): {a, b} jointly attack c; d defeats a, so c is reinstated."""
    ids = ["a", "b", "c", "d", "A"]
    assert grounded_with_premises(ids, [("A", "c"), ("d", "a")], [("a", "A"), ("b", "A")]) == {
        "a": "out",
        "b": "in",
        "c": "in",
        "d": "in",
        "A": "out",
    }
    # without d the joint attack succeeds
    assert grounded_with_premises([*ids[:3], "A"], [("A", "c")], [("a", "A"), ("b", "A")])["c"] == "out"


def _grounded_by_reduction(ids, attacks, premises):
    """The set-attack framework translated into a Dung framework (Nielsen & Parsons 2006):
    a fresh node ¬p per premise p, attacked by p and attacking every argument resting on p."""
    negation = {p: f"not {p}" for p, _ in premises}
    extra = [(p, n) for p, n in negation.items()] + [(negation[p], a) for p, a in premises]
    labels = grounded([*ids, *negation.values()], [*attacks, *extra])
    return {nid: labels[nid] for nid in ids}


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_grounded_with_premises_agrees_with_the_dung_reduction(data):
    """Any framework with joint premises, cycles and self-attacks included: the direct labelling
    is the grounded labelling of the standard reduction to plain attacks."""
    n = data.draw(st.integers(1, 9))
    ids = [f"n{i}" for i in range(n)]
    node = st.sampled_from(ids)
    attacks = data.draw(st.lists(st.tuples(node, node), max_size=14))
    premises = data.draw(st.lists(st.tuples(node, node), max_size=10))
    assert grounded_with_premises(ids, attacks, premises) == _grounded_by_reduction(ids, attacks, premises)


def test_attack_on_an_attack():
    """AFRA (Baroni et al. 2011): a attacks b, c attacks that attack: a, b and c are all accepted."""
    model = make(
        {"a": {}, "b": {}, "c": {"undercuts": ["a-b"]}}, {"a-b": {"premises": ["a"], "opposes": "b"}}
    )
    assert labels(model) == {"a": "in", "b": "in", "c": "in", "a-b": "out"}


def test_modgil_weather_example():
    """Modgil (2009), extended frameworks: BBC says dry (a), CNN says wet (b), they attack each other.

    c, "the BBC is more trustworthy", attacks b's attack on a, so a is in and b out.  d, "CNN is
    statistically more accurate", attacks c's preference in turn, and a and b are left undecided.
    """
    claims = {"a": {}, "b": {}, "c": {}}
    arguments = {
        "a-b": {"premises": ["a"], "opposes": "b"},
        "b-a": {"premises": ["b"], "opposes": "a"},
        "prefer-bbc": {"premises": ["c"], "undercuts": "b-a"},
    }
    assert labels(make(claims, arguments)) == {
        "a": "in",
        "b": "out",
        "c": "in",
        "a-b": "in",
        "b-a": "out",
        "prefer-bbc": "in",
    }
    with_d = make({**claims, "d": {"undercuts": ["prefer-bbc"]}}, arguments)
    got = labels(with_d)
    assert (got["a"], got["b"], got["c"], got["d"], got["prefer-bbc"]) == (
        "undec",
        "undec",
        "in",
        "in",
        "out",
    )


def test_pollock_red_light_undercut():
    """Pollock (1987): 'it looks red' is a reason for 'it is red'; 'it is lit by red light' undercuts
    the step without denying either claim.  Here the step is used against 'it is white'."""
    model = make(
        {"looks-red": {}, "white": {}, "red-light": {"undercuts": ["so-red"]}},
        {"so-red": {"premises": ["looks-red"], "opposes": "white"}},
    )
    assert labels(model) == {"looks-red": "in", "white": "in", "red-light": "in", "so-red": "out"}
    ev = evaluate(model)
    assert ev.arguments["so-red"].strength == pytest.approx(0.25)  # 0.5 · (1 − 0.5)
    assert ev.claims["white"].strength == pytest.approx(0.5 - 0.5 * 0.25)


# --- DF-QuAD: hand-computed ---------------------------------------------------------------


def test_linked_is_the_product():
    assert linked([]) == 1.0
    assert linked([0.5, 0.5]) == 0.25
    assert linked([0.9, 0.0, 1.0]) == 0.0


def test_dfquad_linked_argument_hand_computed():
    model = make(
        {"c": {}, "p": {"weight": 0.8}, "q": {"weight": 0.5}, "u": {"weight": 0.4, "undercuts": ["arg"]}},
        {"arg": {"premises": ["p", "q"], "supports": "c"}},
    )
    ev = evaluate(model)
    assert ev.arguments["arg"].base == pytest.approx(0.4)  # 0.8 · 0.5
    assert ev.arguments["arg"].strength == pytest.approx(0.4 * (1 - 0.4))  # undercut by 0.4
    assert ev.claims["c"].strength == pytest.approx(0.5 + 0.5 * 0.24)
    assert ev.claims["c"].supporters == ("arg",)


def test_strengths_with_premises_on_a_cycle_converge():
    # p supports c; the argument from c and q attacks p: a cycle through an argument
    ids = ["p", "c", "q", "A"]
    result = strengths(ids, [("p", "c")], [("A", "p")], {}, premises=[("c", "A"), ("q", "A")])
    assert result.converged and result.iterations > 0
    s = result.strengths
    assert s["A"] == pytest.approx(s["c"] * s["q"] * 1.0, abs=1e-7)
    assert s["p"] == pytest.approx(0.5 - 0.5 * s["A"], abs=1e-7)
    assert s["c"] == pytest.approx(0.5 + 0.5 * s["p"], abs=1e-7)


# --- properties --------------------------------------------------------------------------


@st.composite
def maps(draw, arguments: bool = True, max_claims: int = 6) -> ArgMap:
    """Small random maps: claims with weights and relations, and (optionally) arguments and undercuts."""
    n = draw(st.integers(1, max_claims))
    ids = [f"c{i}" for i in range(n)]
    pick = st.sampled_from(ids)
    claims: dict[str, dict[str, Any]] = {}
    for cid in ids:
        fields: dict[str, Any] = {}
        if draw(st.booleans()):
            fields["weight"] = draw(st.sampled_from([0.0, 0.2, 0.5, 0.9, 1.0]))
        for rel in ("supports", "opposes"):
            targets = draw(st.lists(pick, max_size=2, unique=True))
            targets = [t for t in targets if t != cid and t not in fields.get("supports", [])]
            if targets:
                fields[rel] = targets
        claims[cid] = fields
    args: dict[str, dict[str, Any]] = {}
    if arguments:
        for k in range(draw(st.integers(0, 3))):
            conclusion = draw(pick)
            premises = draw(st.lists(pick, min_size=1, max_size=3, unique=True))
            premises = [p for p in premises if p != conclusion]
            if not premises:
                continue
            rel = draw(st.sampled_from(["supports", "opposes", "undercuts"]))
            if rel == "undercuts":
                if not args:
                    continue
                args[f"a{k}"] = {"premises": premises, "undercuts": draw(st.sampled_from(sorted(args)))}
            else:
                args[f"a{k}"] = {"premises": premises, rel: conclusion}
        for cid in ids:
            if args and draw(st.booleans()):
                undercut = draw(st.sampled_from(sorted(args)))
                if cid not in args[undercut]["premises"]:
                    claims[cid]["undercuts"] = [undercut]
    return make(claims, args)


def plain_semantics(model: ArgMap) -> tuple[dict[str, str], dict[str, float]]:
    """Today's semantics, from the claims' own relations alone (as before arguments existed)."""
    ids = list(model.claims)
    attacks = [(c, t) for c, claim in model.claims.items() for t in claim.opposes if t != c]
    supports = [(c, t) for c, claim in model.claims.items() for t in claim.supports if t != c]
    base = {
        c: claim.weight if claim.weight is not None else DEFAULT_WEIGHT for c, claim in model.claims.items()
    }
    return grounded(ids, attacks), strengths(ids, supports, attacks, base).strengths


@settings(max_examples=300, deadline=None)
@given(maps(arguments=False))
def test_a_map_without_arguments_keeps_todays_labels_and_strengths(model):
    want_labels, want_strengths = plain_semantics(model)
    ev = evaluate(model)
    assert ev.arguments == {}
    assert {c: r.label for c, r in ev.claims.items()} == want_labels
    assert {c: r.strength for c, r in ev.claims.items()} == want_strengths  # exactly, not approximately


@settings(max_examples=200, deadline=None)
@given(maps(arguments=False), st.data())
def test_a_one_premise_argument_means_what_the_plain_relation_means(model, data):
    relations = [
        (c, rel, t)
        for c, claim in model.claims.items()
        for rel in ("supports", "opposes")
        for t in getattr(claim, rel)
    ]
    if not relations:
        return
    source, rel, target = data.draw(st.sampled_from(relations))
    raw = model.model_dump(exclude_defaults=True)
    raw["claims"][source][rel] = [t for t in raw["claims"][source][rel] if t != target]
    raw["arguments"] = {"step": {"premises": [source], rel: target}}
    rewritten = ArgMap.model_validate(raw)
    before, after = evaluate(model), evaluate(rewritten)
    for cid in model.claims:
        assert after.claims[cid].label == before.claims[cid].label
        assert after.claims[cid].strength == pytest.approx(before.claims[cid].strength, abs=1e-7)


@settings(max_examples=300, deadline=None)
@given(maps())
def test_strengths_stay_in_the_unit_interval_and_labels_are_complete(model):
    ev = evaluate(model)
    for r in [*ev.claims.values(), *ev.arguments.values()]:
        assert 0.0 <= r.strength <= 1.0
        assert r.label in ("in", "out", "undec")
    graph = Graph.of(model)
    for aid in graph.arguments:
        r = ev.arguments[aid]
        premise_labels = {ev.claims[p].label for p in graph.premises(aid)}
        undercut_labels = {ev.result(u).label for u in graph.undercutters(aid)}
        if "out" in premise_labels or "in" in undercut_labels:
            assert r.label == "out"
        elif premise_labels <= {"in"} and undercut_labels <= {"out"}:
            assert r.label == "in"
        else:
            assert r.label == "undec"


def _without(model: ArgMap, aid: str) -> ArgMap:
    """The map without argument `aid`, and without the arguments that did nothing but undercut it."""
    raw = model.model_dump(exclude_defaults=True)
    gone = {aid}
    while True:
        more = {a for a, arg in raw["arguments"].items() if arg.get("undercuts") in gone} - gone
        if not more:
            break
        gone |= more
    raw["arguments"] = {a: arg for a, arg in raw["arguments"].items() if a not in gone}
    for claim in raw["claims"].values():
        if "undercuts" in claim:
            claim["undercuts"] = [a for a in claim["undercuts"] if a not in gone]
    return ArgMap.model_validate(raw)


@settings(max_examples=300, deadline=None)
@given(maps(), st.data())
def test_an_undercut_by_an_accepted_claim_removes_the_objection(model, data):
    """An unattacked undercutter of weight 1 makes an argument count for nothing: its target is as if
    the argument were not there (reinstated, when the argument was what defeated it)."""
    graph = Graph.of(model)
    objections = [
        a for a in graph.arguments if graph.conclusion(a) and graph.conclusion(a).relation == "opposes"
    ]
    if not objections:
        return
    aid = data.draw(st.sampled_from(objections))
    raw = model.model_dump(exclude_defaults=True)
    raw["claims"]["stop"] = {"text": "stop", "weight": 1.0, "undercuts": [aid]}
    undercut = ArgMap.model_validate(raw)
    removed = _without(undercut, aid)
    target = graph.conclusion(aid).target
    got, want = evaluate(undercut), evaluate(removed)
    assert got.arguments[aid].label == "out" and got.arguments[aid].strength == 0.0
    assert got.claims[target].label == want.claims[target].label
    assert got.claims[target].strength == pytest.approx(want.claims[target].strength, abs=1e-7)


@settings(max_examples=300, deadline=None)
@given(maps(), st.data())
def test_a_linked_argument_with_a_failed_premise_gives_nothing(model, data):
    """One premise at strength 0 (or `out`) and the argument carries 0 (is `out`)."""
    graph = Graph.of(model)
    linked_args = [a for a in graph.arguments if graph.premises(a)]
    if not linked_args:
        return
    aid = data.draw(st.sampled_from(linked_args))
    premise = data.draw(st.sampled_from(graph.premises(aid)))
    raw = model.model_dump(exclude_defaults=True)
    raw["claims"]["killer"] = {"text": "killer", "weight": 1.0, "opposes": [premise]}
    raw["claims"][premise]["weight"] = 1.0  # so that 'killer' at 1 drives it to exactly 0
    raw["claims"][premise].pop("supports", None)
    changed = ArgMap.model_validate(raw)
    ev = evaluate(changed)
    assert ev.claims[premise].label == "out"
    assert ev.arguments[aid].label == "out"
    if all(e.relation != "supports" for e in Graph.of(changed).into[premise]):
        assert ev.claims[premise].strength == 0.0
        assert ev.arguments[aid].strength == 0.0


# --- the command ---------------------------------------------------------------------------


def test_evaluate_command_reports_arguments(write_map):
    path = write_map(
        """argmap: 1
question: Go?
claims:
  go: {kind: position, text: We go.}
  sunny: {text: Sunny.}
  warm: {text: Warm.}
  storm: {text: Storm coming., undercuts: [outing]}
arguments:
  outing: {premises: [sunny, warm], supports: go}
"""
    )
    result = run_cli("evaluate", str(path))
    assert result.returncode == 0, result.stderr
    assert "outing    out    0.12      sunny + warm supports go (undercut by storm)" in result.stdout
    data = run_cli("evaluate", str(path), "--format", "json")
    assert json.loads(data.stdout)["arguments"] == {"outing": {"label": "out", "strength": 0.125}}


# --- the diagram ----------------------------------------------------------------------------

SVG_NS = "{http://www.w3.org/2000/svg}"
XLINK_NS = "{http://www.w3.org/1999/xlink}"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")

ARTICLE = "It is sunny. It is warm. A storm is coming. Clear skies on the radar. So we go.\n"
DIAGRAM = """\
argmap: 1
question: Should we go?
source:
  file: article.txt
  url: https://example.org/beach
claims:
  go: {kind: position, text: We go.}
  free: {text: We are free., supports: go}
  sunny: {text: It is sunny., quote: It is sunny.}
  warm: {text: It is warm., quote: It is warm.}
  storm: {text: A storm is coming., undercuts: [outing]}
  radar: {text: Clear skies on the radar., opposes: storm}
  cleaner: {text: A cleaner comes tomorrow.}
  chores: {text: "<b>Chores</b> & \\\\N"}
arguments:
  outing:
    premises: [sunny, warm]
    supports: go
    quote: So we go.
  must-clean:
    premises: [chores]
    opposes: go
    text: "<script>x</script> must stay"
    scheme: practical reasoning
  no-rush:
    premises: [cleaner]
    undercuts: must-clean
"""


MAP_WITHOUT_ARGUMENTS = """\
argmap: 1
question: Go?
claims:
  go: {kind: position, text: We go.}
  sunny: {text: Sunny., supports: go}
"""


def _diagram(write_map, *options: Any) -> Any:
    path = write_map(DIAGRAM, article=ARTICLE)
    doc = check_file(path)
    assert doc.ok, [d.format() for d in doc.diagnostics]
    return ET.fromstring(render(doc, "svg", RenderOptions(*options)))


def _by_id(root: Any) -> dict[str, Any]:
    return {g.get("id"): g for g in root.iter(f"{SVG_NS}g") if g.get("id")}


def _outline(group: Any) -> tuple[list[float], list[float]]:
    """The x and y of every corner of a node's polygons and paths."""
    numbers: list[float] = []
    for shape in group.iter():
        if shape.tag == f"{SVG_NS}polygon":
            numbers += [float(n) for pair in shape.get("points").split() for n in pair.split(",")]
        elif shape.tag == f"{SVG_NS}path":
            numbers += [float(n) for n in re.findall(r"-?[0-9.]+", shape.get("d"))]
    return numbers[0::2], numbers[1::2]


def _centre(group: Any) -> tuple[float, float]:
    xs, ys = _outline(group)
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


def _path_ends(group: Any) -> tuple[tuple[float, float], tuple[float, float]]:
    d = group.find(f".//{SVG_NS}path").get("d")
    numbers = [float(n) for n in d.replace("M", " ").replace("C", " ").replace(",", " ").split()]
    return (numbers[0], numbers[1]), (numbers[-2], numbers[-1])


@needs_dot
def test_linked_premises_hang_under_one_bar_with_one_arrow(write_map):
    root = _diagram(write_map)
    ids = _by_id(root)
    assert {"argument-outing", "argument-must-clean", "argument-no-rush"} <= set(ids)
    assert "argument" in ids["argument-outing"].get("class").split()
    # one premise line per premise, without a head, and one arrow to the conclusion
    assert {"premise-sunny:outing", "premise-warm:outing"} <= set(ids)
    for premise in ("premise-sunny:outing", "premise-warm:outing"):
        assert ids[premise].find(f".//{SVG_NS}polygon") is None  # no arrowhead
    assert ids["supports-outing:go"].find(f".//{SVG_NS}polygon") is not None
    # the premises stand side by side under the bar, the conclusion above it
    bar_y = _centre(ids["argument-outing"])[1]
    sunny, warm = _centre(ids["claim-sunny"]), _centre(ids["claim-warm"])
    assert abs(sunny[1] - warm[1]) < 1 and sunny[1] > bar_y > _centre(ids["claim-go"])[1]
    # each premise meets the bar at its own place
    tops = {p: _path_ends(ids[f"premise-{p}:outing"])[0] for p in ("sunny", "warm")}
    assert abs(tops["sunny"][0] - tops["warm"][0]) > 20


@needs_dot
def test_an_undercut_ends_on_the_inference_not_on_a_claim(write_map):
    root = _diagram(write_map)
    ids = _by_id(root)
    undercut = ids["undercuts-storm:outing"]
    assert "undercuts" in undercut.get("class").split()
    start, _ = _path_ends(undercut)
    xs, ys = _outline(ids["argument-outing"])
    assert min(xs) - 12 <= start[0] <= max(xs) + 12 and min(ys) - 12 <= start[1] <= max(ys) + 12
    # an argument can undercut an argument
    assert "undercuts-no-rush:must-clean" in ids
    # told apart from an objection in greyscale: another dash pattern and another head
    objection = ids["opposes-radar:storm"].find(f".//{SVG_NS}path")
    cut = undercut.find(f".//{SVG_NS}path")
    assert cut.get("stroke-dasharray") and cut.get("stroke-dasharray") != objection.get("stroke-dasharray")
    assert cut.get("stroke") != objection.get("stroke")
    heads = [
        len(undercut.findall(f".//{SVG_NS}polygon")),
        len(ids["opposes-radar:storm"].findall(f".//{SVG_NS}polygon")),
    ]
    assert heads[0] > heads[1]  # a double bar, not a single one


@needs_dot
def test_legend_shows_linked_premises_and_undercuts(write_map):
    texts = [t.text for t in _diagram(write_map).iter(f"{SVG_NS}text")]
    assert {"together support", "undercuts a step", "premise", "undercut"} <= {t.strip() for t in texts if t}
    plain = write_map(MAP_WITHOUT_ARGUMENTS, name="plain.yaml")
    texts = [
        t.text for t in ET.fromstring(render(check_file(plain), "svg", RenderOptions())).iter(f"{SVG_NS}text")
    ]
    assert not {"together support", "undercuts a step"} & {t.strip() for t in texts if t}


@needs_dot
def test_argument_text_is_escaped_and_its_quote_links_to_the_article(write_map):
    root = _diagram(write_map)
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG_NS}text"))
    assert "<script>x</script> must stay" in texts and "PRACTICAL REASONING" in texts
    assert not list(root.iter(f"{SVG_NS}script"))
    links = [a for a in root.iter(f"{SVG_NS}a") if (a.get(f"{XLINK_NS}title") or "").startswith("outing:")]
    assert links and links[0].get(f"{XLINK_NS}href") == "https://example.org/beach#:~:text=So%20we%20go."
    assert "sunny and warm, together, support go" in links[0].get(f"{XLINK_NS}title")
    assert "Undercut by storm" in links[0].get(f"{XLINK_NS}title")


@needs_dot
def test_evaluated_arguments_show_label_and_strength(write_map):
    root = _diagram(write_map, "TB", False, True, False, True)
    ids = _by_id(root)
    assert "in" in ids["argument-outing"].get("class").split()
    assert "out" in ids["argument-must-clean"].get("class").split()  # undercut by an accepted claim
    texts = " ".join(t.text or "" for t in ids["argument-must-clean"].iter(f"{SVG_NS}text"))
    assert "OUT" in texts


@pytest.mark.parametrize("direction", ["TB", "BT", "LR", "RL"])
def test_arguments_render_in_every_direction_deterministically(write_map, direction):
    path = write_map(DIAGRAM, article=ARTICLE)
    model = check_file(path).model
    first = to_dot(model, RenderOptions(direction=direction))
    assert first == to_dot(model, RenderOptions(direction=direction))
    assert 'tailport="p1:' in first and '"argument-outing"' in first


@needs_dot
def test_a_strength_within_a_hair_of_certainty_renders(write_map):
    """'>0.9999' and '<0.0001' are text in an HTML-like label, escaped like any other."""
    reasons = "\n".join(f"  r{i}: {{text: reason {i}, weight: 0.9, supports: [p]}}" for i in range(6))
    path = write_map(f"argmap: 1\nquestion: Q?\nclaims:\n  p: {{kind: position, text: P.}}\n{reasons}\n")
    root = ET.fromstring(render(check_file(path), "svg", RenderOptions(evaluate=True)))
    assert ">0.9999" in " ".join(t.text or "" for t in root.iter(f"{SVG_NS}text"))
