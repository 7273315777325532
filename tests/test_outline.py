"""The argument as a tree: every claim shown once in full, references elsewhere, finite on cycles."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.load import load_text
from argmap.model import ArgMap
from argmap.outline import Outline
from tests.conftest import SEED_MAP


def _model(claims: dict[str, dict]) -> ArgMap:
    return ArgMap.model_validate({"argmap": 1, "title": "t", "claims": claims})


def _shape(o: Outline) -> list[tuple[int, str, str | None, bool]]:
    return [(b.depth, b.id, b.relation, b.reference) for b in o.walk()]


def test_positions_are_roots_and_reasons_hang_under_them():
    o = Outline(
        _model(
            {
                "yes": {"kind": "position", "text": "Yes."},
                "no": {"kind": "position", "text": "No.", "opposes": ["yes"]},
                "r1": {"text": "R1.", "supports": ["yes"]},
                "r2": {"text": "R2.", "opposes": ["r1"]},
            }
        )
    )
    assert _shape(o) == [
        (0, "yes", None, False),
        (1, "no", "opposes", True),  # a rival position is a root of its own, shown here as a reference
        (1, "r1", "supports", False),
        (2, "r2", "opposes", False),
        (0, "no", None, False),
    ]
    assert o.path("r2") == ["yes", "r1", "r2"]


def test_a_claim_serving_two_targets_is_expanded_once():
    o = Outline(
        _model(
            {
                "p": {"kind": "position", "text": "P."},
                "q": {"kind": "position", "text": "Q."},
                "shared": {"text": "S.", "supports": ["p", "q"]},
                "why": {"text": "W.", "supports": ["shared"]},
            }
        )
    )
    assert _shape(o) == [
        (0, "p", None, False),
        (1, "shared", "supports", False),
        (2, "why", "supports", False),
        (0, "q", None, False),
        (1, "shared", "supports", True),
    ]


def test_cycles_and_stray_claims_are_finite_and_shown():
    o = Outline(
        _model(
            {
                "a": {"text": "A.", "supports": ["b"]},
                "b": {"text": "B.", "supports": ["a"]},
                "alone": {"text": "Alone."},
                "top": {"text": "Top."},
                "under": {"text": "Under.", "opposes": ["top"]},
            }
        )
    )
    shape = _shape(o)
    assert [(d, i) for d, i, _, _ in shape] == [
        (0, "alone"),
        (0, "top"),
        (1, "under"),
        (0, "a"),
        (1, "b"),
        (2, "a"),
    ]
    assert shape[-1][3] is True  # the cycle closes on a reference


def test_the_first_appearance_is_the_home():
    """Walking in reading order, a claim is expanded where the reader first meets it."""
    o = Outline(
        _model(
            {
                "p": {"kind": "position", "text": "P."},
                "x": {"text": "X.", "supports": ["p"]},
                "y": {"text": "Y.", "supports": ["p", "x"]},
            }
        )
    )
    # y is met first under x (depth 2), so that is its home; under p it is a reference.
    assert _shape(o) == [
        (0, "p", None, False),
        (1, "x", "supports", False),
        (2, "y", "supports", False),
        (1, "y", "supports", True),
    ]


ids = st.sampled_from([f"c{i}" for i in range(8)])


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        ids,
        st.tuples(
            st.booleans(), st.lists(ids, max_size=3, unique=True), st.lists(ids, max_size=2, unique=True)
        ),
        min_size=1,
    )
)
def test_every_claim_has_exactly_one_full_appearance(spec):
    claims = {}
    for cid, (position, sup, opp) in spec.items():
        sup = [t for t in sup if t in spec and t != cid]
        opp = [t for t in opp if t in spec and t != cid and t not in sup]
        claims[cid] = {
            "kind": "position" if position else "claim",
            "text": cid,
            "supports": sup,
            "opposes": opp,
        }
    o = Outline(_model(claims))
    full = [b.id for b in o.walk() if not b.reference]
    assert sorted(full) == sorted(claims)
    edges = sum(len(c["supports"]) + len(c["opposes"]) for c in claims.values())
    assert sum(1 for _ in o.walk()) == len(o.roots) + edges
    for b in o.walk():
        assert b.depth == o.depth(b.id) or b.reference


def test_seed_map_tree_shows_every_claim():
    doc = load_text(SEED_MAP.read_bytes(), path=SEED_MAP)
    o = Outline(doc.model)
    assert {b.id for b in o.walk() if not b.reference and not b.argument} == set(doc.model.claims)
    assert {b.id for b in o.walk() if b.argument} == set(doc.model.arguments)
    assert [r for r in o.roots if doc.model.claims[r].kind == "position"] == [
        cid for cid, c in doc.model.claims.items() if c.kind == "position"
    ]
