"""The interop corpus (tests/interop/): Argdown and AIF files written by us, one per construct.

- Each tests/interop/argdown/NAME.argdown is read as Argdown reads it: its summary equals
  NAME.argdown-model.json, which Argdown's own parser (`@argdown/core` 1.7.5) wrote
  (scripts/interop-corpus regenerates them; CI needs no Node).
- Each Argdown and AIF file of the corpus imports as NAME.yaml with the messages in
  NAME.expected (argmap's own mapping; `scripts/interop-corpus --maps` regenerates them), and
  the map passes `argmap check`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from argmap.check import check
from argmap.diagnostics import Severity
from argmap.formats.argdown.summary import summarise
from argmap.load import load_text
from tests.interop.corpus import imported_map

HERE = Path(__file__).parent / "interop"
ARGDOWN = sorted((HERE / "argdown").glob("*.argdown"))
AIF = sorted((HERE / "aif").glob("*.json"))

#: Every construct of Argdown's syntax documentation (argdown.org/syntax) and the corpus file(s)
#: that show it; a construct without a file fails the test below.
ARGDOWN_CONSTRUCTS = {
    "untitled statements": ["statements-untitled"],
    "statement titles and definitions": ["statements-titled"],
    "statement references": ["statements-references", "relations-explicit"],
    "statement and argument mentions": ["statements-mentions"],
    "equivalence classes (isCanonical)": ["equivalence-classes"],
    "relations in tree form at depth": ["relations-tree"],
    "incoming and outgoing relations": ["relations-directions"],
    "relations in explicit form": ["relations-explicit"],
    "indentation rules": ["relations-indentation", "error-indentation", "error-relation-after-empty-line"],
    "contradiction": ["contradiction"],
    "undercuts": ["undercuts"],
    "strict mode (entails, contrary, contradictory)": ["strict-mode"],
    "arguments: definitions, references, descriptions": ["arguments"],
    "premise–conclusion structures": ["pcs", "pcs-untitled", "error-open-inference"],
    "inference rules and inference data": ["pcs-inference-rules"],
    "uses": ["pcs-uses"],
    "intermediary conclusions": ["pcs-intermediary", "explode-arguments"],
    "relations of reconstructed arguments": ["pcs-relations"],
    "data": ["data", "error-data"],
    "data in block form": ["data-block"],
    "tags": ["tags", "tags-removed"],
    "headings and groups": ["headings", "regroup"],
    "front matter": ["front-matter"],
    "comments (//, /* */, <!-- -->)": ["comments"],
    "ordered and unordered lists": ["lists"],
    "bold, italic, links, special characters, escapes": ["markup", "error-backslash"],
    "argmap's own export": ["argmap-export"],
}

AIF_CONSTRUCTS = {
    "I-nodes": ["aifdb-flat", "linked-premises"],
    "RA nodes (several premises: linked)": ["linked-premises", "ova3-wrapper"],
    "CA nodes": ["aifdb-flat", "conflict-on-conflict"],
    "MA nodes": ["rephrase"],
    "PA nodes": ["preference"],
    "L-nodes, locutions, participants": ["aifdb-flat", "dialogue", "locutions-missing"],
    "YA nodes (asserting and other illocutions)": ["dialogue", "rephrase"],
    "TA nodes": ["aifdb-flat", "dialogue"],
    "CA → CA": ["conflict-on-conflict", "chains"],
    "RA → CA": ["support-of-conflict"],
    "CA → RA": ["undercut-inference"],
    "RA → RA": ["support-of-inference"],
    "OVA3's {'AIF': …} wrapper": ["ova3-wrapper"],
    "AIFdb's flat form": ["aifdb-flat"],
    "incomplete steps, unknown node types": ["incomplete"],
    "files refused": ["error-dangling-edge", "error-duplicate-id"],
    "argmap's own export": ["argmap-export"],
}


@pytest.mark.parametrize(("constructs", "files"), [(ARGDOWN_CONSTRUCTS, ARGDOWN), (AIF_CONSTRUCTS, AIF)])
def test_every_construct_has_a_corpus_file(constructs, files):
    names = {f.stem for f in files}
    for construct, shown_by in constructs.items():
        assert shown_by and set(shown_by) <= names, construct
    used = {name for shown in constructs.values() for name in shown}
    assert names <= used, f"corpus files no construct names: {sorted(names - used)}"


def normalise(summary: dict[str, Any]) -> dict[str, Any]:
    """Errors compare by kind and line; an Indent's or Dedent's line is Argdown's own guess.

    The list of all tags is compared as a set: JavaScript lists an object's keys that look like
    numbers ("0") first, whatever their order of appearance.
    """
    if "error" not in summary:
        return {**summary, "tags": sorted(summary.get("tags", []))}
    error = dict(summary["error"])
    error.pop("message", None)
    if error.pop("token", None) in ("Indent", "Dedent"):
        error.pop("line", None)
    return {"error": error}


@pytest.mark.parametrize("path", ARGDOWN, ids=lambda p: p.stem)
def test_argdown_is_read_as_argdown_reads_it(path):
    expected = json.loads(path.with_name(path.name + "-model.json").read_text(encoding="utf-8"))
    ours = json.loads(json.dumps(summarise(path.read_text(encoding="utf-8"))))
    assert normalise(ours) == normalise(expected)


@pytest.mark.parametrize(
    ("path", "fmt"),
    [*((p, "argdown") for p in ARGDOWN), *((p, "aif") for p in AIF)],
    ids=lambda x: getattr(x, "stem", x),
)
def test_the_corpus_imports_as_expected(path, fmt):
    yaml_text, messages = imported_map(path, fmt)
    assert messages == path.with_suffix(".expected").read_text(encoding="utf-8")
    # one line each, naming things as the file names them (issue 8, defect 9: no internal keys)
    assert all(line.startswith(f"{path.name}:") for line in messages.splitlines())
    assert "Untitled" not in messages
    expected_yaml = path.with_suffix(".yaml")
    if yaml_text is None:
        assert path.stem.startswith("error-") and not expected_yaml.exists()
        assert " error: " in messages
        return
    assert not path.stem.startswith("error-")
    assert yaml_text == expected_yaml.read_text(encoding="utf-8")
    doc = check(load_text(yaml_text, file=expected_yaml.name))
    assert [d.format() for d in doc.diagnostics if d.severity is Severity.ERROR] == []


def test_an_error_refused_by_argdown_is_refused_at_argdowns_line():
    for path in ARGDOWN:
        expected = json.loads(path.with_name(path.name + "-model.json").read_text(encoding="utf-8"))
        messages = path.with_suffix(".expected").read_text(encoding="utf-8")
        if "error" not in expected:
            assert " error: " not in messages, path.name
            continue
        (line,) = [m for m in messages.splitlines() if " error: " in m]
        if "line" in expected["error"] and expected["error"].get("token") not in ("Indent", "Dedent"):
            assert line.startswith(f"{path.name}:{expected['error']['line']}:"), line
