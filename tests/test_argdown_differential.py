"""Differential test against Argdown itself (`@argdown/core` 1.7.5 under Node).

Runs only where Node and @argdown/core are installed (`scripts/setup --interop`), and skips
with a message otherwise; CI compares against the committed models of the corpus instead
(test_interop_corpus.py).  Here, Argdown's own parser reads:

- every Argdown file of the corpus, and hundreds of generated documents (valid and broken):
  argmap must read each as Argdown does (same statements, texts, arguments, relations, or an
  error at the same line);
- the Argdown export of the seed map, of every map of the corpora and of generated maps with
  arguments and undercuts: Argdown must see the same statements, the same premises and
  conclusions, and the same supports, attacks and undercuts as the map says.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from argmap.formats import export, parse
from argmap.formats.argdown.summary import summarise
from argmap.load import load_file
from argmap.model import ArgMap
from tests.conftest import SEED_MAP
from tests.interop.documents import document
from tests.interop.node import argdown_summaries, missing
from tests.strategies import argmaps
from tests.test_interop_corpus import AIF, ARGDOWN, normalise

pytestmark = pytest.mark.skipif(missing() is not None, reason=f"differential test skipped: {missing()}")


def test_the_corpus_is_read_as_argdown_reads_it_now():
    texts = [p.read_text(encoding="utf-8") for p in ARGDOWN]
    theirs = argdown_summaries(texts)
    for path, text, expected in zip(ARGDOWN, texts, theirs, strict=True):
        assert normalise(summarise(text)) == normalise(expected), path.name


@pytest.mark.parametrize("seed", range(4))
def test_generated_documents_are_read_as_argdown_reads_them(seed):
    r = random.Random(seed)
    texts = [document(r) for _ in range(250)]
    theirs = argdown_summaries(texts)
    failures = [
        t for t, expected in zip(texts, theirs, strict=True) if normalise(summarise(t)) != normalise(expected)
    ]
    assert failures == []
    assert sum("error" not in s for s in theirs) > 50  # enough valid documents among them


def argdown_view(
    model: ArgMap,
) -> tuple[set[str], dict[str, tuple[list[str], str, str | None]], set[tuple[str, ...]]]:
    """What Argdown must see in the export of `model`: statements, arguments, relations."""
    statements = set(model.claims)
    arguments: dict[str, tuple[list[str], str, str | None]] = {}
    relations: set[tuple[str, ...]] = set()

    def step(aid: str) -> tuple[str, str]:
        return ("inference", f"{aid}#{len(model.arguments[aid].premises)}")

    for cid, claim in model.claims.items():
        relations |= {("statement", cid, "support", "statement", t) for t in claim.supports}
        relations |= {("statement", cid, "attack", "statement", t) for t in claim.opposes}
        relations |= {("statement", cid, "undercut", *step(a)) for a in claim.undercuts}
    for aid, argument in model.arguments.items():
        conclusion = argument.supports or aid  # an argument that opposes or undercuts concludes [aid]
        arguments[aid] = (list(argument.premises), conclusion, argument.scheme)
        if argument.opposes:
            statements.add(aid)
            relations.add(("statement", aid, "attack", "statement", argument.opposes))
        if argument.undercuts:
            statements.add(aid)
            relations.add(("statement", aid, "undercut", *step(argument.undercuts)))
    return statements, arguments, relations


def seen_by_argdown(summary: dict[str, Any]):
    assert "error" not in summary, summary
    arguments = {}
    for aid, argument in summary["arguments"].items():
        pcs = argument["pcs"]
        premises = [s["title"] for s in pcs if s["role"] == "premise"]
        last = pcs[-1]
        assert last["role"] == "main-conclusion"
        rules = last["inference"]["rules"]
        arguments[aid] = (premises, last["title"], ", ".join(rules) if rules else None)
    return set(summary["statements"]), arguments, {tuple(r) for r in summary["relations"]}


def check_exports(models: list[ArgMap]) -> None:
    texts = [export(m, "argdown") for m in models]
    theirs = argdown_summaries(texts)
    for model, text, summary in zip(models, texts, theirs, strict=True):
        statements, arguments, relations = seen_by_argdown(summary)
        want_statements, want_arguments, want_relations = argdown_view(model)
        assert statements == want_statements
        assert relations == want_relations
        assert set(arguments) == set(want_arguments)
        for aid, (premises, conclusion, scheme) in want_arguments.items():
            got_premises, got_conclusion, got_rules = arguments[aid]
            assert (got_premises, got_conclusion) == (premises, conclusion), aid
            if got_rules is not None:
                assert got_rules == scheme
        assert normalise(summarise(text)) == normalise(summary)  # and argmap reads it as Argdown does
        assert parse(text, "argdown", "x.argdown").model == model  # and back to the same map


def test_the_seed_maps_export_parses_in_argdown_as_the_same_argument():
    model = load_file(SEED_MAP).model
    assert model is not None and model.arguments
    check_exports([model])


def test_exports_of_the_corpora_parse_in_argdown_as_the_same_argument():
    models = []
    for path in [*ARGDOWN, *AIF]:
        imported = parse(
            path.read_text(encoding="utf-8"), "argdown" if path.suffix == ".argdown" else "aif", path.name
        )
        if imported.model is not None:
            models.append(imported.model)
    assert len(models) > 40
    check_exports(models)


_batch: list[ArgMap] = []


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(argmaps())
def _collect(model: ArgMap) -> None:
    _batch.append(model)


def test_exports_of_generated_maps_parse_in_argdown_as_the_same_argument():
    _batch.clear()
    _collect()
    assert sum(bool(m.arguments) for m in _batch) > 50
    check_exports(_batch)


def test_argdown_itself_is_the_pinned_version():
    package = Path(__file__).parent.parent / "interop" / "node_modules" / "@argdown" / "core" / "package.json"
    assert '"version": "1.7.5"' in package.read_text()
