"""AIF ↔ argmap: what each node means (issue 8's defects 3, 7 and 8 with their siblings),
arguments and undercuts (issue 7), round trips and located refusals.

Hand-written nodesets covering every node type live in tests/interop/aif/ with the map each
must give; here are the rules they follow, each on its smallest example.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.diagnostics import Severity
from argmap.formats import export, parse
from argmap.load import load_file
from argmap.model import ArgMap, Argument, Claim, Kind
from tests.conftest import SEED_MAP, run_cli
from tests.strategies import PROPERTY, argmaps

FIXTURES = Path(__file__).parent / "formats"


@pytest.fixture(scope="module")
def seed() -> ArgMap:
    model = load_file(SEED_MAP).model
    assert model is not None
    return model


def aif(nodes: list[tuple[str, str, str]], edges: list[tuple[str, str]], **extra: Any) -> str:
    """An AIFdb-style nodeset from (id, type, text) nodes and (from, to) edges."""
    return json.dumps(
        {
            "nodes": [{"nodeID": n, "type": t, "text": x} for n, t, x in nodes],
            "edges": [{"edgeID": str(i), "fromID": a, "toID": b} for i, (a, b) in enumerate(edges, 1)],
            **extra,
        },
        indent=1,
    )


def read(text: str):
    imported = parse(text, "aif", "t.json")
    assert [d.format() for d in imported.diagnostics if d.severity is Severity.ERROR] == []
    assert imported.model is not None
    return imported


def warnings(imported) -> list[str]:
    return [d.code for d in imported.diagnostics if d.severity is Severity.WARNING]


def by_text(model: ArgMap) -> dict[str, str]:
    return {claim.text: cid for cid, claim in model.claims.items()}


I_NODES = [
    ("1", "I", "We should go out"),
    ("2", "I", "It will rain"),
    ("3", "I", "The forecast is unreliable"),
]


# --- defect 3: a conflict aimed at a conflict ------------------------------------------


def test_a_conflict_aimed_at_a_conflict_defends_the_claim_it_attacked():
    """I2 → CA4 → I1, and I3 → CA5 → CA4: I3 rebuts the objection, it does not attack I1."""
    text = aif(
        [*I_NODES, ("4", "CA", "Default Conflict"), ("5", "CA", "Default Conflict")],
        [("2", "4"), ("4", "1"), ("3", "5"), ("5", "4")],
    )
    imported = read(text)
    model = imported.model
    ids = by_text(model)
    go, rain, unreliable = ids["We should go out"], ids["It will rain"], ids["The forecast is unreliable"]
    assert model.claims[unreliable].opposes == []  # never "I3 opposes I1"
    (objection,) = model.arguments
    assert model.arguments[objection].premises == [rain]
    assert model.arguments[objection].opposes == go
    assert model.claims[unreliable].undercuts == [objection]
    (message,) = [d.message for d in imported.diagnostics if d.code == "aif-undercut"]
    assert "attacks the conflict '4'" in message and "inference" not in message


def test_a_conflict_aimed_at_an_inference_undercuts_it():
    text = aif(
        [*I_NODES, ("4", "RA", "Default Inference"), ("5", "CA", "Default Conflict")],
        [("2", "4"), ("4", "1"), ("3", "5"), ("5", "4")],
    )
    model = read(text).model
    ids = by_text(model)
    (step,) = model.arguments
    assert model.arguments[step] == Argument(
        premises=[ids["It will rain"]], supports=ids["We should go out"], note="AIF node 4"
    )
    assert model.claims[ids["The forecast is unreliable"]].undercuts == [step]
    assert model.claims[ids["The forecast is unreliable"]].opposes == []


def test_a_support_aimed_at_a_conflict_is_a_co_premise_of_it():
    """I3 → RA5 → CA4: a reason for the objection itself (a warrant) is one of its linked premises."""
    text = aif(
        [*I_NODES, ("4", "CA", "Default Conflict"), ("5", "RA", "Default Inference")],
        [("2", "4"), ("4", "1"), ("3", "5"), ("5", "4")],
    )
    imported = read(text)
    model = imported.model
    ids = by_text(model)
    (objection,) = model.arguments.values()
    assert objection.premises == [ids["It will rain"], ids["The forecast is unreliable"]]
    assert objection.opposes == ids["We should go out"]
    assert model.claims[ids["The forecast is unreliable"]].supports == []  # never reversed
    assert "aif-backing" in warnings(imported)


def test_chains_of_undercuts_keep_their_meaning():
    """I2 attacks I1; I3 undercuts that attack; I4 undercuts I3's undercut."""
    nodes = [
        *I_NODES,
        ("4", "I", "The forecaster is new"),
        ("5", "CA", "c"),
        ("6", "CA", "c"),
        ("7", "CA", "c"),
    ]
    text = aif(nodes, [("2", "5"), ("5", "1"), ("3", "6"), ("6", "5"), ("4", "7"), ("7", "6")])
    model = read(text).model
    ids = by_text(model)
    attack = next(a for a, x in model.arguments.items() if x.opposes)
    rebuttal = next(a for a, x in model.arguments.items() if x.undercuts == attack)
    assert model.arguments[rebuttal].premises == [ids["The forecast is unreliable"]]
    assert model.claims[ids["The forecaster is new"]].undercuts == [rebuttal]


def test_linked_premises_of_one_inference_are_one_argument():
    nodes = [*I_NODES, ("4", "RA", "Argument From Expert Opinion")]
    model = read(aif(nodes, [("2", "4"), ("3", "4"), ("4", "1")])).model
    ids = by_text(model)
    (argument,) = model.arguments.values()
    assert argument.premises == [ids["It will rain"], ids["The forecast is unreliable"]]
    assert argument.supports == ids["We should go out"]
    assert argument.scheme == "Argument From Expert Opinion"
    assert model.claims[ids["It will rain"]].supports == []


def test_a_scheme_from_aifdbs_scheme_field():
    nodes = [
        {"nodeID": "1", "type": "I", "text": "a"},
        {"nodeID": "2", "type": "I", "text": "b"},
        {"nodeID": "3", "type": "I", "text": "c"},
        {"nodeID": "4", "type": "RA", "text": "Default Inference", "scheme": "Argument From Sign"},
    ]
    edges = [{"fromID": "2", "toID": "4"}, {"fromID": "3", "toID": "4"}, {"fromID": "4", "toID": "1"}]
    model = read(json.dumps({"nodes": nodes, "edges": edges})).model
    assert next(iter(model.arguments.values())).scheme == "Argument From Sign"


def test_an_edge_from_a_node_to_itself_is_left_out_with_a_warning():
    """Found by the graph property below: a CA aimed at itself once made an argument undercut itself."""
    text = aif(
        [("1", "I", "A"), ("2", "CA", "Default Conflict"), ("3", "I", "B"), ("4", "I", "C")],
        [("1", "2"), ("2", "2"), ("2", "3"), ("4", "4")],
    )
    imported = read(text)
    assert warnings(imported).count("aif-self-edge") == 2
    ids = by_text(imported.model)
    assert imported.model.claims[ids["A"]].opposes == [ids["B"]]
    assert imported.model.arguments == {}


def test_a_rephrase_is_support_with_a_warning():
    imported = read(aif([*I_NODES[:2], ("4", "MA", "Default Rephrase")], [("2", "4"), ("4", "1")]))
    ids = by_text(imported.model)
    assert imported.model.claims[ids["It will rain"]].supports == [ids["We should go out"]]
    assert "aif-rephrase" in warnings(imported)


# --- defect 7: locutions are metadata -----------------------------------------------------


def test_a_locution_of_a_missing_node_is_a_warning_not_a_refusal():
    text = aif(
        I_NODES[:1], [], locutions=[{"nodeID": "29056", "personID": 1}, {"personID": 2}, {"nodeID": True}]
    )
    imported = read(text)
    assert list(imported.model.claims) == ["we-should-go-out"]
    found = [d for d in imported.diagnostics if d.code == "aif-locution"]
    assert [d.message.split(":")[0] for d in found] == [
        "$.locutions[0].nodeID",
        "$.locutions[1]",
        "$.locutions[2].nodeID",
    ]
    assert "locution of node '29056', which does not exist; left out" in found[0].message


# --- defect 8: dialogue moves on claims ---------------------------------------------------


@pytest.mark.parametrize(
    "force", ["Pure Questioning", "Assertive Questioning", "Challenging", "Conceding", "Agreeing"]
)
def test_illocutions_other_than_asserting_are_kept_in_the_note(force):
    nodes = [
        ("1", "I", "Taxes should rise"),
        ("2", "L", "Ann : Taxes should rise"),
        ("3", "YA", "Asserting"),
        ("4", "L", "Bob : Should they?"),
        ("5", "YA", force),
    ]
    imported = read(aif(nodes, [("2", "3"), ("3", "1"), ("4", "5"), ("5", "1")]))
    claim = imported.model.claims["taxes-should-rise"]
    assert claim.by == "Ann"  # only asserting makes a speaker the claim's author
    assert claim.note == f"AIF: {force} by Bob (“Bob : Should they?”)\nAIF node 1"
    assert "aif-illocution" in warnings(imported)
    assert imported.report.rows[f"illocutions: {force}"]["mapped"] == 1


def test_transitions_preferences_and_unanchored_locutions_are_reported():
    nodes = [
        *I_NODES[:2],
        ("4", "CA", "c"),
        ("5", "PA", "Default Preference"),
        ("6", "L", "Ann : hello"),
        ("7", "TA", "Default Transition"),
        ("8", "L", "Bob : hi"),
        ("9", "YA", "Arguing"),
    ]
    edges = [("2", "4"), ("4", "1"), ("1", "5"), ("5", "2"), ("6", "7"), ("7", "8"), ("7", "9"), ("9", "4")]
    imported = read(aif(nodes, edges))
    assert {"aif-preference", "aif-dialogue"} <= set(warnings(imported))
    rows = imported.report.rows
    assert rows["PA nodes (preferences)"]["left out"] == 1
    assert rows["TA nodes (dialogue)"]["left out"] == 1
    assert rows["L-nodes asserting no claim"]["left out"] == 2


# --- the older fixtures -------------------------------------------------------------------


def test_aifdb_flat_form_speakers_and_positions():
    imported = read((FIXTURES / "nuclear-aif.json").read_text())
    c = imported.model.claims
    assert c["nuclear-is-needed"].kind is Kind.POSITION
    assert c["nuclear-is-needed"].by == "Bob Smith"  # from locutions + participants
    assert c["waste-is-a-problem"].by == "Alice"  # from the L-node text "Alice : …"
    assert c["waste-is-a-problem"].opposes == ["nuclear-is-needed"]
    # CA 20 aims at RA 13: it undercuts the inference from "low carbon", not the claim
    assert c["storage-solves-it"].opposes == []
    assert c["storage-solves-it"].undercuts == ["nuclear-is-needed-argument"]
    assert imported.model.arguments["nuclear-is-needed-argument"].premises == ["it-is-low-carbon"]
    assert c["nuclear-is-needed"].note == "AIF node 10"


def test_ova3_wrapper_and_linked_premises():
    model = read((FIXTURES / "ova3.json").read_text()).model
    c = model.claims
    (argument,) = model.arguments.values()
    assert argument.premises == ["schools-need-money", "roads-need-money"]
    assert argument.supports == "taxes-should-rise"
    assert c["growth-would-suffer"].opposes == ["taxes-should-rise"]
    assert c["taxes-should-rise"].by == "Ann"


# --- writing and round trips --------------------------------------------------------------


def test_seed_round_trip_is_lossless(seed):
    text = export(seed, "aif")
    data = json.loads(text)
    types = [n["type"] for n in data["nodes"]]
    assert types.count("I") == len(seed.claims)
    plain_supports = sum(len(c.supports) for c in seed.claims.values())
    supporting = sum(a.supports is not None for a in seed.arguments.values())
    assert types.count("RA") == plain_supports + supporting
    ids = {n["nodeID"] for n in data["nodes"]}
    assert all(e["fromID"] in ids and e["toID"] in ids for e in data["edges"])
    imported = parse(text, "aif", "seed.json")
    assert imported.diagnostics == []
    assert imported.model == seed


def test_arguments_and_undercuts_are_written_as_aif_reads_them():
    model = ArgMap.model_validate(
        {
            "argmap": 1,
            "claims": {
                "p": {"text": "p"},
                "q": {"text": "q"},
                "c": {"text": "c"},
                "u": {"text": "u", "undercuts": ["pro"]},
            },
            "arguments": {
                "pro": {"premises": ["p", "q"], "supports": "c", "scheme": "Modus Ponens"},
                "cut": {"premises": ["q"], "undercuts": "pro"},
            },
        }
    )
    data = json.loads(export(model, "aif"))
    nodes = {n["nodeID"]: n for n in data["nodes"]}
    edges = [(e["fromID"], e["toID"]) for e in data["edges"]]
    pro = next(n for n, x in data["argmap"]["arguments"].items() if x["id"] == "pro")
    assert nodes[pro]["type"] == "RA" and nodes[pro]["text"] == "Modus Ponens"
    assert sorted(a for a, b in edges if b == pro and nodes[a]["type"] == "I") == ["1", "2"]
    into_pro = [a for a, b in edges if b == pro and nodes[a]["type"] == "CA"]
    assert len(into_pro) == 2  # the claim's undercut and the argument's, both aimed at the RA node
    assert parse(json.dumps(data), "aif", "x.json").model == model
    del data["argmap"]  # as another tool would keep it: the structure alone
    plain = read(json.dumps(data)).model
    (linked,) = [a for a in plain.arguments.values() if a.supports]
    assert [plain.claims[p].text for p in linked.premises] == ["p", "q"]
    assert linked.scheme == "Modus Ponens"
    assert plain.claims["u"].undercuts == [next(a for a, x in plain.arguments.items() if x.supports)]


def _relations(model: ArgMap) -> set[tuple[str, str, str]]:
    """Relations by text (plain and through arguments), so maps with different ids compare."""
    text = {cid: c.text for cid, c in model.claims.items()}
    found = {
        (c.text, rel, text[t])
        for c in model.claims.values()
        for rel in ("supports", "opposes")
        for t in getattr(c, rel)
    }
    for a in model.arguments.values():
        if a.supports or a.opposes:
            rel = "supports" if a.supports else "opposes"
            target = text[a.supports or a.opposes or ""]
            found |= {
                (text[p], f"{rel} (linked)" if len(a.premises) > 1 else rel, target) for p in a.premises
            }
    return found


def test_without_argmap_block_claims_relations_and_speakers_remain(seed):
    data = json.loads(export(seed, "aif"))
    del data["argmap"]
    first = read(json.dumps(data))
    model = first.model
    assert [c.text for c in model.claims.values()] == [c.text for c in seed.claims.values()]
    assert [c.by for c in model.claims.values()] == [c.by for c in seed.claims.values()]
    assert _relations(model) == _relations(seed)
    # the AIF node ids survive a second round trip
    again = json.loads(export(model, "aif"))
    assert [n["nodeID"] for n in again["nodes"] if n["type"] == "I"] == [
        n["nodeID"] for n in data["nodes"] if n["type"] == "I"
    ]
    assert parse(json.dumps(again), "aif", "again.json").model == model


@PROPERTY
@given(argmaps())
def test_generated_maps_round_trip(model):
    text = export(model, "aif")
    imported = parse(text, "aif", "gen.json")
    assert [d.format() for d in imported.diagnostics] == []
    assert imported.model == model
    data = json.loads(text)
    del data["argmap"]
    plain = parse(json.dumps(data), "aif", "plain.json").model
    assert [c.text for c in plain.claims.values()] == [c.text for c in model.claims.values()]
    assert [c.by for c in plain.claims.values()] == [c.by for c in model.claims.values()]
    assert _relations(plain) == _relations(model)


def test_argmap_block_is_checked():
    data = json.loads(export(ArgMap(argmap=1, claims={"a": Claim(text="x")}), "aif"))
    data["argmap"]["claims"]["1"]["weight"] = 7
    (error,) = [d.format() for d in parse(json.dumps(data, indent=1), "aif", "w.json").diagnostics]
    assert "$.argmap.claims.1.weight: 'weight: 7': Input should be less than or equal to 1" in error
    assert re.match(r"w\.json:\d+:\d+: error: ", error)
    data["argmap"]["claims"]["1"] = {"id": "a", "colour": "red"}
    imported = parse(json.dumps(data), "aif", "w.json")
    assert imported.model.claims["a"].text == "x"
    assert warnings(imported) == ["unknown-field"]


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ((FIXTURES / "dangling.json").read_text(), "8:44", "$.edges[1].toID: edge points to node '7'"),
        ((FIXTURES / "not-json.json").read_text(), "3:1", "not valid JSON"),
        ("[1, 2]", "1:1", "an AIF document is a JSON object"),
        ('{"edges": []}', "1:1", "$: no 'nodes' list"),
        (
            '{"nodes": [{"nodeID": "1", "text": "a"}], "edges": []}',
            "1:12",
            "$.nodes[0]: a node needs a 'type'",
        ),
        (
            '{"nodes": [{"nodeID": "1", "text": "a", "type": "I"},\n {"nodeID": 1, "text": "b", "type": "I"}'
            '], "edges": []}',
            "2:13",
            "node id '1' is used twice",
        ),
        (
            '{"nodes": [{"nodeID": "1", "text": " ", "type": "I"}], "edges": []}',
            "1:36",
            "an I-node needs text",
        ),
        ('{"nodes": [], "edges": [{"fromID": "1"}]}', "1:36", "$.edges[0].fromID: edge points to node '1'"),
        ('{"nodes": "x", "edges": []}', "1:11", "'nodes' must be a list"),
        ('{"AIF": {"nodes": [], "edges": [{"fromID": "9", "toID": "9"}]}}', "1:44", "$.AIF.edges[0].fromID"),
    ],
)
def test_errors_are_located(text, where, message):
    imported = parse(text, "aif", "x.json")
    assert imported.model is None
    (error,) = [d.format() for d in imported.diagnostics if d.severity is Severity.ERROR]
    assert error.startswith(f"x.json:{where}: error: "), error
    assert message in error


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "nodes",
                    "edges",
                    "nodeID",
                    "type",
                    "text",
                    "fromID",
                    "toID",
                    "locutions",
                    "argmap",
                    "claims",
                    "arguments",
                ]
            ),
            inner,
            max_size=5,
        )
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(JSON_VALUES)
def test_import_never_crashes(data):
    imported = parse(json.dumps(data), "aif", "fuzz.json")
    assert imported.ok == (imported.model is not None)


NODE = st.tuples(
    st.sampled_from(["1", "2", "3", "4", "5", "6"]),
    st.sampled_from(["I", "RA", "CA", "MA", "PA", "L", "YA", "TA"]),
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(NODE, max_size=6, unique_by=lambda n: n[0]),
    st.lists(st.tuples(st.sampled_from("123456"), st.sampled_from("123456")), max_size=10),
)
def test_any_graph_of_nodes_gives_a_map_that_checks(nodes, edges):
    from argmap.check import check
    from argmap.dump import dump_map
    from argmap.load import load_text

    known = {n for n, _ in nodes}
    text = aif(
        [(n, t, f"node {n}") for n, t in nodes], [(a, b) for a, b in edges if a in known and b in known]
    )
    imported = parse(text, "aif", "g.json")
    assert imported.model is not None
    doc = check(load_text(dump_map(imported.model)))
    assert [d.format() for d in doc.diagnostics if d.severity is Severity.ERROR] == []


def test_export_is_byte_identical_with_source_date_epoch():
    """AIF stamps every node with a time; SOURCE_DATE_EPOCH pins it, so exports can live in git."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1632441600"}
    runs = [run_cli("export", str(SEED_MAP), "--to", "aif", env=env) for _ in range(2)]
    assert runs[0].returncode == 0 and runs[0].stdout == runs[1].stdout
    assert '"timestamp": "2021-09-24 00:00:00"' in runs[0].stdout
