"""Argumentation semantics: grounded labelling, DF-QuAD strengths, `argmap evaluate`, `render --evaluate`.

Textbook frameworks check the known answers; hypothesis checks the defining
properties against brute force on small graphs.
"""

from __future__ import annotations

import itertools
import json
import shutil
import xml.etree.ElementTree as ET
from collections import deque

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.check import check_file
from argmap.evaluate import (
    DEFAULT_WEIGHT,
    PRECISION,
    aggregate,
    combine,
    dfquad,
    evaluate,
    format_strength,
    grounded,
    strengths,
)
from argmap.load import load_text
from argmap.render import RenderOptions, render
from tests.conftest import SEED_MAP, run_cli

SVG = "{http://www.w3.org/2000/svg}"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")


def edges(text: str) -> list[tuple[str, str]]:
    """'a>b c>d' → [('a', 'b'), ('c', 'd')]: a attacks (or supports) b."""
    return [tuple(pair.split(">")) for pair in text.split()]  # type: ignore[misc]


# --- grounded: textbook frameworks -------------------------------------------------------


@pytest.mark.parametrize(
    ("ids", "attacks", "expected"),
    [
        pytest.param("a", "", "in", id="unattacked"),
        pytest.param("ab", "a>b", "in out", id="one attack"),
        pytest.param("abc", "c>b b>a", "in out in", id="reinstatement a<-b<-c"),
        pytest.param("abcd", "d>c c>b b>a", "out in out in", id="chain of four"),
        pytest.param("ab", "a>b b>a", "undec undec", id="even cycle of two"),
        pytest.param("abcd", "a>b b>c c>d d>a", "undec " * 4, id="even cycle of four"),
        pytest.param("abc", "a>b b>c c>a", "undec " * 3, id="odd cycle of three"),
        pytest.param("a", "a>a", "undec", id="self-attack"),
        pytest.param("ab", "a>a b>a", "out in", id="self-attacker defeated"),
        pytest.param("abce", "a>b b>c c>a e>a", "out in out in", id="odd cycle broken from outside"),
        pytest.param("abc", "a>b b>a c>a", "out in in", id="even cycle broken from outside"),
        pytest.param("abcd", "a>b b>a a>c b>c c>d", "undec " * 4, id="floating reinstatement"),
        pytest.param("abc", "a>b a>b c>a", "out in in", id="repeated attack counts once"),
    ],
)
def test_grounded_textbook(ids, attacks, expected):
    labels = expected.split()
    assert grounded(list(ids), edges(attacks)) == dict(zip(ids, labels, strict=True))


def test_grounded_refuses_unknown_and_repeated_ids():
    with pytest.raises(ValueError, match="unknown claim"):
        grounded(["a"], [("a", "b")])
    with pytest.raises(ValueError, match="twice"):
        grounded(["a", "a"], [])


def test_grounded_is_linear_on_a_long_chain():
    ids = [f"c{i}" for i in range(50_000)]  # a recursive algorithm would overflow the stack
    labels = grounded(ids, list(itertools.pairwise(ids)))
    assert labels["c0"] == "in" and labels["c1"] == "out" and labels["c49999"] == "out"


# --- grounded: properties against brute force ------------------------------------------------


@st.composite
def frameworks(draw, max_size: int = 7):
    n = draw(st.integers(0, max_size))
    ids = [f"a{i}" for i in range(n)]
    if not ids:
        return ids, []
    pair = st.tuples(st.sampled_from(ids), st.sampled_from(ids))
    return ids, draw(st.lists(pair, max_size=3 * n))


def attackers_of(ids, attacks):
    into = {a: set() for a in ids}
    for s, t in attacks:
        into[t].add(s)
    return into


def least_fixpoint(ids, attacks) -> set[str]:
    """The grounded extension by definition: iterate Dung's characteristic function from ∅."""
    into = attackers_of(ids, attacks)
    current: set[str] = set()
    while True:
        defended = {a for a in ids if all(into[b] & current for b in into[a])}
        if defended == current:
            return current
        current = defended


def is_complete(labels, ids, attacks) -> bool:
    into = attackers_of(ids, attacks)
    for a in ids:
        att = {labels[b] for b in into[a]}
        if (labels[a] == "in") != (att <= {"out"}):
            return False
        if (labels[a] == "out") != ("in" in att):
            return False
    return True


@settings(max_examples=300, deadline=None)
@given(frameworks())
def test_grounded_is_conflict_free_defended_and_complete(fw):
    ids, attacks = fw
    labels = grounded(ids, attacks)
    ext = {a for a, lab in labels.items() if lab == "in"}
    into = attackers_of(ids, attacks)
    assert not any(s in ext and t in ext for s, t in attacks), "conflict-free"
    for a in ext:
        assert all(into[b] & ext for b in into[a]), f"{a} is defended by the extension"
    assert {a for a, lab in labels.items() if lab == "out"} == {t for s, t in attacks if s in ext}
    assert is_complete(labels, ids, attacks)


@settings(max_examples=300, deadline=None)
@given(frameworks())
def test_grounded_is_the_least_fixpoint_of_the_characteristic_function(fw):
    ids, attacks = fw
    labels = grounded(ids, attacks)
    assert {a for a, lab in labels.items() if lab == "in"} == least_fixpoint(ids, attacks)


@settings(max_examples=120, deadline=None)
@given(frameworks(max_size=5))
def test_grounded_is_the_least_complete_labelling(fw):
    """Enumerate every labelling: grounded's `in` set is inside that of every complete one."""
    ids, attacks = fw
    ext = {a for a, lab in grounded(ids, attacks).items() if lab == "in"}
    found = 0
    for choice in itertools.product(("in", "out", "undec"), repeat=len(ids)):
        labels = dict(zip(ids, choice, strict=True))
        if is_complete(labels, ids, attacks):
            found += 1
            assert ext <= {a for a, lab in labels.items() if lab == "in"}
    assert found >= 1  # the grounded labelling itself is one


# --- DF-QuAD: hand-computed ------------------------------------------------------------------


def test_aggregate_and_combine():
    assert aggregate([]) == 0.0
    assert aggregate([0.5]) == 0.5
    assert aggregate([0.5, 0.5]) == pytest.approx(0.75)
    assert aggregate([0.2, 0.5, 1.0]) == 1.0
    assert combine(0.5, 0.0, 0.0) == 0.5
    assert combine(0.6, 0.8, 0.3) == pytest.approx(0.3)  # 0.6 − 0.6·0.5
    assert combine(0.5, 0.3, 0.8) == pytest.approx(0.75)  # 0.5 + 0.5·0.5
    assert combine(0.4, 0.7, 0.7) == 0.4  # balanced: the base score
    assert combine(0.3, 1.0, 0.0) == 0.0 and combine(0.3, 0.0, 1.0) == 1.0


@pytest.mark.parametrize(
    ("ids", "supports", "attacks", "base", "expected"),
    [
        pytest.param("a", "", "", {}, {"a": DEFAULT_WEIGHT}, id="alone: base score"),
        pytest.param("a", "", "", {"a": 0.8}, {"a": 0.8}, id="alone with weight"),
        pytest.param("ab", "", "a>b", {}, {"b": 0.25}, id="one attacker"),
        pytest.param("ab", "a>b", "", {}, {"b": 0.75}, id="one supporter"),
        pytest.param("abc", "", "a>c b>c", {}, {"c": 0.125}, id="two attackers: 0.5 − 0.5·0.75"),
        pytest.param("abc", "a>c", "b>c", {"a": 0.8, "b": 0.3}, {"c": 0.75}, id="support outweighs"),
        pytest.param("abc", "a>c", "b>c", {"a": 0.3, "b": 0.8, "c": 0.6}, {"c": 0.3}, id="attack outweighs"),
        pytest.param("abc", "a>c", "b>c", {}, {"c": 0.5}, id="balanced"),
        pytest.param("abc", "a>b b>c", "", {}, {"b": 0.75, "c": 0.875}, id="support chain"),
        pytest.param("abc", "", "a>b b>c", {}, {"b": 0.25, "c": 0.375}, id="attack chain"),
        pytest.param("ab", "", "a>b b>a", {}, {"a": 1 / 3, "b": 1 / 3}, id="mutual attack: s = 0.5 − s/2"),
        pytest.param("ab", "a>b b>a", "", {}, {"a": 1.0, "b": 1.0}, id="mutual support: s = 0.5 + s/2"),
    ],
)
def test_dfquad_hand_computed(ids, supports, attacks, base, expected):
    values, converged, _ = dfquad(list(ids), edges(supports), edges(attacks), base)
    assert converged
    for cid, value in expected.items():
        assert values[cid] == pytest.approx(value, abs=1e-8)


def test_dfquad_acyclic_is_one_pass_and_cycles_iterate():
    _, converged, iterations = dfquad(list("abc"), edges("a>b"), edges("b>c"), {})
    assert converged and iterations == 0
    _, converged, iterations = dfquad(list("ab"), [], edges("a>b b>a"), {})
    assert converged and 1 < iterations < 100


def test_dfquad_reports_a_cycle_that_does_not_settle():
    """Two certain claims attacking each other swing between (1, 1) and (0, 0) forever."""
    result = strengths(list("abc"), edges("a>c"), edges("a>b b>a"), {"a": 1.0, "b": 1.0}, max_iterations=50)
    assert not result.converged and result.iterations == 50
    assert set(result.unsettled) == {"a", "b", "c"}  # c depends on the swinging a
    assert all(0.0 <= v <= 1.0 for v in result.strengths.values())


def test_dfquad_refuses_bad_input():
    with pytest.raises(ValueError, match="not in"):
        dfquad(["a"], [], [], {"a": 1.5})
    with pytest.raises(ValueError, match="unknown claim"):
        dfquad(["a"], [], [], {"b": 0.5})
    with pytest.raises(ValueError, match="unknown claim"):
        dfquad(["a"], [("a", "b")], [], {})
    with pytest.raises(ValueError, match="at least 1"):
        dfquad(["a"], [], [], {}, max_iterations=0)


# --- DF-QuAD: properties ---------------------------------------------------------------------


@st.composite
def bipolar(draw, max_size: int = 8, acyclic: bool = False):
    """Random ids, supports, attacks and base scores; acyclic graphs only point to earlier claims."""
    n = draw(st.integers(1, max_size))
    ids = [f"a{i}" for i in range(n)]
    pairs = [(s, t) for s in range(n) for t in range(n) if s != t and (not acyclic or s > t)]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=2 * n)) if pairs else []
    kinds = draw(st.lists(st.booleans(), min_size=len(chosen), max_size=len(chosen)))
    supports = [(ids[s], ids[t]) for (s, t), sup in zip(chosen, kinds, strict=True) if sup]
    attacks = [(ids[s], ids[t]) for (s, t), sup in zip(chosen, kinds, strict=True) if not sup]
    weight = st.floats(0.0, 1.0, allow_nan=False)
    base = {cid: draw(weight) for cid in ids}
    return ids, supports, attacks, base


def recomputed(cid, values, supports, attacks, base):
    att = aggregate(values[s] for s, t in attacks if t == cid)
    sup = aggregate(values[s] for s, t in supports if t == cid)
    return combine(base[cid], att, sup)


@settings(max_examples=300, deadline=None)
@given(bipolar())
def test_strengths_stay_in_unit_interval_and_are_a_fixpoint(g):
    ids, supports, attacks, base = g
    result = strengths(ids, supports, attacks, base)
    assert all(0.0 <= v <= 1.0 for v in result.strengths.values())
    if result.converged:
        for cid in ids:
            again = recomputed(cid, result.strengths, supports, attacks, base)
            assert again == pytest.approx(result.strengths[cid], abs=1e-8)
    else:
        assert result.unsettled


@settings(max_examples=300, deadline=None)
@given(bipolar(acyclic=True))
def test_acyclic_strengths_are_exact_in_one_pass(g):
    ids, supports, attacks, base = g
    result = strengths(ids, supports, attacks, base)
    assert result.converged and result.iterations == 0
    for cid in ids:
        assert recomputed(cid, result.strengths, supports, attacks, base) == result.strengths[cid]


def parities(start, supports, attacks):
    """For each claim reachable from `start`, the parities (0 even, 1 odd) of the number of
    attacks along the paths that reach it; `start` itself is reached by the empty path (even)."""
    out: dict[str, list[tuple[str, int]]] = {}
    for s, t in supports:
        out.setdefault(s, []).append((t, 0))
    for s, t in attacks:
        out.setdefault(s, []).append((t, 1))
    seen = {(start, 0)}
    queue = deque(seen)
    while queue:
        node, parity = queue.popleft()
        for target, flip in out.get(node, []):
            state = (target, parity ^ flip)
            if state not in seen:
                seen.add(state)
                queue.append(state)
    found: dict[str, set[int]] = {}
    for node, parity in seen:
        found.setdefault(node, set()).add(parity)
    return found


@settings(max_examples=400, deadline=None)
@given(bipolar(acyclic=True), st.data())
def test_adding_an_attacker_never_raises_the_attacked_claim(g, data):
    """On acyclic maps a new attacker never raises the claim it attacks.

    It does not hold for every claim: weakening a claim weakens its own
    attack, so what that claim attacks can rise.  What is true, and checked
    here, follows the sign of the paths: claims reached from the target only
    through an even number of attacks never rise, those reached only through
    an odd number never fall, and claims it does not reach do not move.
    """
    ids, supports, attacks, base = g
    target = data.draw(st.sampled_from(ids))
    weight = data.draw(st.floats(0.0, 1.0, allow_nan=False))
    before = strengths(ids, supports, attacks, base).strengths
    after = strengths([*ids, "new"], supports, [*attacks, ("new", target)], {**base, "new": weight}).strengths
    eps = 1e-12
    assert after[target] <= before[target] + eps
    reach = parities(target, supports, attacks)
    for cid in ids:
        signs = reach.get(cid)
        if signs is None:
            assert after[cid] == before[cid]
        elif signs == {0}:
            assert after[cid] <= before[cid] + eps
        elif signs == {1}:
            assert after[cid] >= before[cid] - eps


def test_adding_an_attacker_can_raise_a_claim_further_down():
    """Why the property above is stated per path: b attacks c; attacking b helps c."""
    before, _, _ = dfquad(list("bc"), [], edges("b>c"), {})
    after, _, _ = dfquad(list("xbc"), [], edges("b>c x>b"), {})
    assert after["b"] < before["b"] and after["c"] > before["c"]


@settings(max_examples=200, deadline=None)
@given(bipolar(acyclic=True), st.data())
def test_adding_a_supporter_never_lowers_the_supported_claim(g, data):
    ids, supports, attacks, base = g
    target = data.draw(st.sampled_from(ids))
    before = strengths(ids, supports, attacks, base).strengths
    after = strengths([*ids, "new"], [*supports, ("new", target)], attacks, {**base, "new": 0.7}).strengths
    assert after[target] >= before[target] - 1e-12


# --- a map's evaluation ----------------------------------------------------------------------

HEADER = "argmap: 1\nquestion: Will it rain?\nclaims:\n"


def model(claims: str):
    doc = load_text(HEADER + claims)
    assert doc.model is not None and doc.ok, doc.diagnostics
    return doc.model


RIVALS = """\
  rain:
    kind: position
    text: It will rain.
  dry:
    kind: position
    text: It will stay dry.
    opposes: [rain]
  clouds:
    text: Clouds are gathering.
    weight: 0.9
    supports: [rain]
  forecast:
    kind: evidence
    text: The forecast says dry.
    opposes: [dry]
"""


def test_evaluate_a_map_uses_weights_and_ranks_positions():
    ev = evaluate(model(RIVALS))
    assert ev.claims["forecast"].label == "in"
    assert ev.claims["dry"].label == "out"
    assert ev.claims["rain"].label == "in"  # reinstated: its only attacker is out
    assert ev.claims["clouds"].strength == 0.9  # unargued: its weight
    dry = 0.5 - 0.5 * 0.5  # attacked by forecast (0.5)
    rain = combine(0.5, dry, 0.9)
    assert ev.claims["dry"].strength == pytest.approx(dry)
    assert ev.claims["rain"].strength == pytest.approx(rain)
    assert ev.positions == ["rain", "dry"]
    assert ev.claims["rain"].supporters == ("clouds",) and ev.claims["rain"].attackers == ("dry",)
    assert ev.converged and ev.iterations == 0


def test_as_json_has_the_documented_shape():
    ev = evaluate(model(RIVALS))
    data = json.loads(json.dumps(ev.as_json()))
    assert data["positions"] == ["rain", "dry"]
    assert set(data["claims"]) == {"rain", "dry", "clouds", "forecast"}
    for entry in data["claims"].values():
        assert set(entry) == {"label", "strength"}
        assert entry["label"] in {"in", "out", "undec"}
        assert entry["strength"] == round(entry["strength"], PRECISION)
    assert data["claims"]["dry"] == {"label": "out", "strength": 0.25}
    assert data["converged"] is True and isinstance(data["verdict"], str)


def test_verdict_names_the_winner_and_why():
    verdict = evaluate(model(RIVALS)).verdict()
    assert verdict.startswith("'rain' prevails with strength")
    assert "ahead of 'dry'" in verdict and "out, defeated by 'forecast'" in verdict
    assert "raised from base 0.50 by 1 reason" in verdict
    assert "every objection to it is defeated ('dry')" in verdict


def test_tied_positions_are_ordered_by_label_then_file_order_and_the_verdict_says_tie():
    ev = evaluate(
        model(
            """\
  first:
    kind: position
    text: One answer.
  second:
    kind: position
    text: Another answer.
  third:
    kind: position
    text: A third answer.
    opposes: [first]
  undercut:
    text: An objection with no force.
    weight: 0
    opposes: [second]
"""
        )
    )
    # 'first' is attacked by 'third' (strength 0.5): 0.25. 'second' is out but its attacker has strength 0.
    assert ev.claims["second"].label == "out" and ev.claims["second"].strength == 0.5
    assert ev.claims["third"].label == "in" and ev.claims["third"].strength == 0.5
    assert ev.positions == ["third", "second", "first"]
    assert ev.verdict().startswith("No position prevails: 'third' and 'second' tie at strength 0.50")


def test_verdict_says_when_grounded_semantics_rejects_the_strongest():
    ev = evaluate(
        model(
            """\
  popular:
    kind: position
    text: Many reasons back this.
  rival:
    kind: position
    text: The other answer.
    weight: 0.2
  catch:
    text: A small but unanswered objection.
    weight: 0.1
    opposes: [popular]
  r1: {text: One reason., supports: [popular]}
  r2: {text: Another reason., supports: [popular]}
"""
        )
    )
    assert ev.positions[0] == "popular" and ev.claims["popular"].label == "out"
    assert "Grounded semantics rejects it, and accepts 'rival' instead." in ev.verdict()


def test_verdict_without_positions_and_with_one():
    assert "no claim is marked `kind: position`" in evaluate(model("  a: {text: A claim.}\n")).verdict()
    one = evaluate(model("  a: {text: An answer., kind: position}\n")).verdict()
    assert one.startswith("'a' is the only position: nothing bears on it")
    assert "grounded: in, unattacked" in one


def test_verdict_warns_when_strengths_did_not_settle():
    ev = evaluate(
        model(
            """\
  pro: {kind: position, text: Yes., weight: 1, opposes: [con]}
  con: {kind: position, text: No., weight: 1, opposes: [pro]}
"""
        )
    )
    assert not ev.converged and set(ev.unsettled) == {"pro", "con"}
    assert ev.claims["pro"].label == ev.claims["con"].label == "undec"
    assert "did not settle after 1000 iterations" in ev.verdict()


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.5, "0.50"),
        (0.999, "0.999"),
        (1.0, "1.00"),
        (0.0, "0.00"),
        (0.0002, "0.0002"),
        (0.25, "0.25"),
        (0.99999, ">0.9999"),
        (0.00001, "<0.0001"),
    ],
)
def test_format_strength_never_rounds_to_a_certainty(value, text):
    assert format_strength(value) == text


def test_self_attack_is_rejected_by_the_checker(write_map):
    path = write_map(HEADER + "  a: {kind: position, text: A., opposes: [a]}\n")
    doc = check_file(path)
    assert [d.code for d in doc.diagnostics if d.severity == "error"] == ["self-reference"]
    result = run_cli("evaluate", str(path))
    assert result.returncode == 1
    assert "error: claim 'a' opposes itself" in result.stdout
    assert "not evaluated" in result.stderr


# --- the command -----------------------------------------------------------------------------


def test_evaluate_seed_map_text():
    result = run_cli("evaluate", str(SEED_MAP))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["claim", "kind", "label", "strength", "text"]
    assert "Positions, strongest first:" in lines
    ev = evaluate(check_file(SEED_MAP).model)
    verdict = ev.verdict().splitlines()
    assert len(verdict) == len(ev.questions) == 2  # what the launches mean; how to move forward
    assert lines[-3:] == ["Verdict:", *(f"  {line}" for line in verdict)]
    first = lines.index("Positions, strongest first:")
    assert lines[first - 1] == ev.questions[0].text
    assert lines[first + 1].split()[1] == ev.questions[0].positions[0]


def test_the_seed_article_reading_prevails():
    """The author's answer (the launches are weapons tests) prevails; he cuts the analysts' steps
    from the launches to a message and leaves their forecasts standing, undecided between them."""
    ev = evaluate(check_file(SEED_MAP).model)
    assert ev.claims["business-as-usual"].label == "in"
    assert ev.claims["signal-talks-soon"].label == ev.claims["signal-no-dialogue"].label == "undec"
    assert ev.arguments["no-dialogue-reading"].label == ev.arguments["talks-reading"].label == "out"
    main = ev.questions[0]
    assert main.id is None and main.positions[0] == "business-as-usual"
    assert set(main.positions) == {"business-as-usual", "signal-talks-soon", "signal-no-dialogue"}
    assert ev.verdict().startswith(f"{main.text} — 'business-as-usual' prevails")


def test_the_seed_map_defeats_nothing_the_author_asserts_or_concedes():
    model = check_file(SEED_MAP).model
    ev = evaluate(model)
    defeated = [cid for cid, c in model.claims.items() if c.by == "author" and ev.claims[cid].label != "in"]
    assert defeated == []


def test_positions_compete_only_with_answers_to_the_same_question():
    """The recommendation answers a different question, so it is no rival of the readings."""
    ev = evaluate(check_file(SEED_MAP).model)
    way_forward = ev.questions[1]
    assert (way_forward.id, way_forward.positions) == ("way-forward", ("recommendation",))
    assert "'recommendation' is the only position" in ev.verdict().splitlines()[1]
    assert "recommendation" not in ev.verdict().splitlines()[0]
    data = ev.as_json()
    assert [q["id"] for q in data["questions"]] == [None, "way-forward"]


def test_evaluate_seed_map_json():
    result = run_cli("evaluate", str(SEED_MAP), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    ev = evaluate(check_file(SEED_MAP).model)
    assert list(data["claims"]) == list(ev.claims)
    assert data["positions"] == ev.positions
    for cid, entry in data["claims"].items():
        assert entry["label"] == ev.claims[cid].label
        assert entry["strength"] == round(ev.claims[cid].strength, PRECISION)
    ranked = [data["claims"][p]["strength"] for p in data["positions"]]
    assert ranked == sorted(ranked, reverse=True)


def test_evaluate_invalid_map_prints_diagnostics_like_check(write_map):
    path = write_map(HEADER + "  a: {text: A., supports: [b]}\n")
    text = run_cli("evaluate", str(path))
    check = run_cli("check", str(path))
    assert text.returncode == check.returncode == 1
    assert text.stdout == check.stdout
    assert "no claim 'b'" in text.stdout and "Traceback" not in text.stderr
    as_json = run_cli("evaluate", str(path), "--format", "json")
    assert as_json.returncode == 1
    assert [d["code"] for d in json.loads(as_json.stdout)] == ["unknown-ref"]


def test_evaluate_missing_file_is_a_usage_error(tmp_path):
    result = run_cli("evaluate", str(tmp_path / "nope.yaml"))
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_evaluate_runs_despite_warnings(write_map):
    path = write_map(
        HEADER + "  a: {text: A., kind: position, supports: [b]}\n  b: {text: B., supports: [a]}\n"
    )
    result = run_cli("evaluate", str(path))
    assert result.returncode == 0
    assert "warning: circular support" in result.stderr
    assert "Verdict: 'a' is the only position" in result.stdout


# --- render --evaluate -----------------------------------------------------------------------

LABELLED = """\
  win: {kind: position, text: The winner.}
  lose: {kind: position, text: The loser., opposes: [win]}
  beat: {kind: evidence, text: "Evidence <against> & the loser.", opposes: [lose]}
  loop1: {text: One side of a loop., opposes: [loop2]}
  loop2: {text: Other side., opposes: [loop1, win]}
"""


def _render(write_map, evaluate_: bool = True) -> ET.Element:
    doc = check_file(write_map(HEADER + LABELLED))
    assert doc.ok, doc.diagnostics
    return ET.fromstring(render(doc, "svg", RenderOptions(evaluate=evaluate_)))


def _nodes(root):
    return {g.get("id"): g for g in root.iter(f"{SVG}g") if "node" in (g.get("class") or "").split()}


def _texts(el) -> str:
    return " ".join(t.text or "" for t in el.iter(f"{SVG}text"))


def _dash(node) -> str | None:
    shape = next(e for e in node.iter() if e.tag in (f"{SVG}path", f"{SVG}polygon") and e.get("stroke"))
    return shape.get("stroke-dasharray")


@needs_dot
def test_render_evaluate_shows_labels_strengths_and_legend(write_map):
    root = _render(write_map)
    nodes = _nodes(root)
    ev = evaluate(check_file(write_map(HEADER + LABELLED)).model)
    for cid, r in ev.claims.items():
        node = nodes[f"claim-{cid}"]
        assert r.label in node.get("class").split()
        words = _texts(node).split()
        assert format_strength(r.strength) in words
        assert {"in": "IN", "out": "OUT", "undec": "UNDECIDED"}[r.label] in words
    # readable in greyscale: the label is in the border's line style
    dashes = {label: _dash(nodes[f"claim-{cid}"]) for cid, label in (("win", "undec"), ("lose", "out"))}
    assert _dash(nodes["claim-beat"]) is None
    assert dashes["out"] and dashes["undec"] and dashes["out"] != dashes["undec"]
    texts = _texts(root)
    assert "Verdict:" in texts and "DF-QuAD" in texts
    assert "Evidence <against> & the loser." in texts  # escaping intact


@needs_dot
def test_render_without_evaluate_is_unchanged(write_map):
    root = _render(write_map, evaluate_=False)
    assert "Verdict:" not in _texts(root)
    for node in _nodes(root).values():
        assert not {"in", "out", "undec"} & set(node.get("class").split())


@needs_dot
def test_render_evaluate_cli_is_deterministic(write_map):
    path = write_map(HEADER + LABELLED)
    first = run_cli("render", str(path), "--evaluate", "--format", "svg", "-o", "-")
    second = run_cli("render", str(path), "--evaluate", "--format", "svg", "-o", "-")
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    assert 'class="node position undec"' in first.stdout
    dot = run_cli("render", str(path), "--evaluate", "--format", "dot", "-o", "-")
    assert dot.returncode == 0 and 'class="position undec"' in dot.stdout
