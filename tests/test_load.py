from __future__ import annotations

import os
import stat

import pytest

from argmap.diagnostics import Pos
from argmap.load import load_file, load_text
from argmap.model import Kind
from argmap.store import write_atomic

MAP = """\
argmap: 1
question: Why?
claims:
  p:
    kind: position
    text: Because.
  r:
    text: A reason.
    supports: p          # a single id may stand for a list
    quote: [one, two]
    tags: history
"""


def test_positions_of_keys_and_values_are_kept():
    doc = load_text(MAP)
    loc = doc.locations
    assert loc.key(("claims", "r")) == Pos(7, 3)
    assert loc.value(("claims", "r", "text")) == Pos(8, 11)
    assert loc.value(("claims", "r", "quote", 1)) == Pos(10, 18)
    assert loc.key(("claims", "r", "supports")) == Pos(9, 5)
    # an unknown deeper path falls back to the nearest located ancestor
    assert loc.value(("claims", "r", "supports", 3)) == Pos(9, 15)


def test_single_values_become_lists():
    model = load_text(MAP).model
    assert model is not None
    r = model.claims["r"]
    assert (r.supports, r.quote, r.tags, r.kind) == (["p"], ["one", "two"], ["history"], Kind.CLAIM)
    assert model.positions() == ["p"]


def test_invalid_claims_are_left_out_but_the_rest_loads():
    doc = load_text(MAP + "  bad:\n    txt: oops\n")
    assert not doc.ok
    assert doc.broken == {"bad"}
    assert doc.model is not None and list(doc.model.claims) == ["p", "r"]


def test_dates_stay_as_written():
    doc = load_text("argmap: 1\nsource:\n  date: 2021-09-20\nclaims: {}\n")
    assert doc.model is not None and doc.model.source.date == "2021-09-20"


def test_bom_is_ignored():
    assert load_text("\ufeffargmap: 1\nclaims: {}\n".encode()).ok


def test_missing_file(tmp_path):
    doc = load_file(tmp_path / "nope.yaml")
    assert [d.code for d in doc.diagnostics] == ["no-file"]
    assert (
        load_file(tmp_path).diagnostics[0].message == "not a map file: it is a directory, not a regular file"
    )


def test_write_atomic_keeps_mode_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_bytes(b"old")
    os.chmod(path, 0o640)
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert os.listdir(tmp_path) == ["m.yaml"]


def test_write_atomic_failure_keeps_old_file(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_bytes(b"old")
    with pytest.raises(TypeError):
        write_atomic(path, "not bytes")  # type: ignore[arg-type]
    assert path.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["m.yaml"]
