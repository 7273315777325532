"""The seed map is the product's showcase: it must be complete, clean and faithful to its article."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET

import pytest

from argmap.check import check_file, source_path
from argmap.quotes import read_source
from argmap.render import RenderOptions, render
from tests.conftest import REPO, SEED_MAP, run_cli

SHARED_SEED = REPO.parent / "shared" / "seeds" / "north-korea-missile-launches.txt"


@pytest.fixture(scope="module")
def doc():
    return check_file(SEED_MAP)


def test_passes_strict_check():
    result = run_cli("check", "--strict", str(SEED_MAP))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_article_is_the_shared_seed_unchanged(doc):
    ours = source_path(doc).resolve()
    assert ours == REPO / "seeds" / "north-korea-missile-launches.txt"
    if not SHARED_SEED.exists():
        pytest.skip("../shared is not beside this checkout")
    assert ours.read_bytes() == SHARED_SEED.read_bytes()


def test_every_claim_is_quoted_and_attributed(doc):
    article = read_source(source_path(doc))
    for cid, claim in doc.model.claims.items():
        assert claim.quote, f"{cid} has no quote"
        assert claim.by, f"{cid} says nobody makes it"
        for quote in claim.quote:
            assert article.contains(quote), f"{cid}: quote not in the article: {quote!r}"


def test_the_rival_readings_and_their_voices_are_there(doc):
    model = doc.model
    assert model.question
    positions = model.positions()
    assert len(positions) >= 4, "business as usual, two signal readings, and the recommendation"
    voices = {c.by for c in model.claims.values()}
    for who in ("author", "Ku Yang-mo", "Ramon Pacheco Pardo"):
        assert any(who in v for v in voices), f"nobody attributed to {who}"
    assert len(model.claims) >= 30, "the whole argument, not a sample"


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_renders_every_claim(doc):
    root = ET.fromstring(render(doc, "svg", RenderOptions()))
    ids = {g.get("id") for g in root.iter("{http://www.w3.org/2000/svg}g")}
    assert {f"claim-{cid}" for cid in doc.model.claims} <= ids
    # one box per question, each position drawn under the question it answers
    assert {"question", "question-way-forward"} <= ids
    answers = {
        g.get("id")
        for g in root.iter("{http://www.w3.org/2000/svg}g")
        if (g.get("id") or "").startswith("answers-")
    }
    assert answers == {f"answers-{p}" for p in doc.model.positions()}


def test_the_readme_example_is_an_excerpt_of_the_seed_map():
    """The README's format example must stay true: every field it shows is the seed map's own."""
    import yaml

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("```yaml\n# yaml-language-server") + len("```yaml\n")
    shown = yaml.safe_load(readme[start : readme.index("```", start)])
    full = yaml.safe_load(SEED_MAP.read_text(encoding="utf-8"))
    for key in ("argmap", "title", "question", "questions", "source"):
        assert shown[key] == full[key], key
    for section in ("claims", "arguments"):
        for nid, fields in shown[section].items():
            assert {name: full[section][nid].get(name) for name in fields} == fields, nid
