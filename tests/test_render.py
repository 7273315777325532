"""Rendering tests parse the real SVG that Graphviz writes."""

from __future__ import annotations

import os
import shutil
import xml.etree.ElementTree as ET

import pytest

from argmap.check import check_file
from argmap.render import RenderOptions, UnknownFormat, output_format, render
from argmap.render.dot import text_fragment, to_dot
from tests.conftest import SEED_MAP, run_cli

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")

ARTICLE = 'The launches are tests. Talks will come soon. Nobody knows <why> & "how".\n'
MAP = """\
argmap: 1
title: A small map
question: What do the launches mean?
source:
  title: An article
  publisher: The Paper
  file: article.txt
  url: https://example.org/article
claims:
  tests:
    kind: position
    text: The launches are weapons tests.
    quote: The launches are tests.
    by: author
  talks:
    kind: position
    text: Talks will come soon.
    quote: Talks will come soon.
    by: others
    opposes: [tests]
  unknown:
    kind: evidence
    text: Nobody knows.
    quote: Nobody knows <why> & "how".
    supports: [talks]
"""


def _svg(path, *args):
    doc = check_file(path)
    assert doc.ok, doc.diagnostics
    return ET.fromstring(render(doc, "svg", RenderOptions(*args)))


def _groups(root, cls):
    return {g.get("id"): g for g in root.iter(f"{SVG}g") if cls in (g.get("class") or "").split()}


def _texts(group):
    return " ".join(t.text or "" for t in group.iter(f"{SVG}text"))


@needs_dot
def test_nodes_edges_kinds_and_relations(write_map):
    root = _svg(write_map(MAP, article=ARTICLE))
    nodes = {**_groups(root, "position"), **_groups(root, "evidence")}
    assert set(nodes) == {"claim-tests", "claim-talks", "claim-unknown"}
    assert "The launches are weapons tests." in _texts(nodes["claim-tests"])
    assert "— the author" in _texts(nodes["claim-tests"])
    assert "EVIDENCE" in _texts(nodes["claim-unknown"])
    assert "question" in {g.get("id") for g in root.iter(f"{SVG}g")}
    supports = _groups(root, "supports")
    opposes = _groups(root, "opposes")
    assert set(supports) == {"supports-unknown:talks"}
    assert set(opposes) == {"opposes-talks:tests"}
    # told apart by colour AND line style, so greyscale still shows the difference
    s_path = supports["supports-unknown:talks"].find(f".//{SVG}path")
    o_path = opposes["opposes-talks:tests"].find(f".//{SVG}path")
    assert s_path.get("stroke") != o_path.get("stroke")
    assert s_path.get("stroke-dasharray") is None and o_path.get("stroke-dasharray")


@needs_dot
def test_question_is_above_positions_and_reasons_below(write_map):
    root = _svg(write_map(MAP, article=ARTICLE))

    def top(gid):
        g = next(g for g in root.iter(f"{SVG}g") if g.get("id") == gid)
        ys = [float(t.get("y")) for t in g.iter(f"{SVG}text")]
        return min(ys)

    assert top("question") < top("claim-talks") < top("claim-unknown")


@needs_dot
def test_quotes_link_to_the_article_with_a_text_fragment(write_map):
    root = _svg(write_map(MAP, article=ARTICLE))
    links = {a.get(f"{XLINK}title"): a.get(f"{XLINK}href") for a in root.iter(f"{SVG}a")}
    hrefs = [h for h in links.values() if h]
    assert "https://example.org/article#:~:text=The%20launches%20are%20tests." in hrefs
    tooltips = [t for t in links if t]
    assert '“Nobody knows <why> & "how".”' in tooltips


@needs_dot
def test_quotes_option_prints_quotes_in_nodes(write_map):
    path = write_map(MAP, article=ARTICLE)
    assert "“Talks will come soon.”" not in _texts(_svg(path))
    assert "“Talks will come soon.”" in _texts(_svg(path, "TB", True))


HOSTILE = """\
argmap: 1
title: "<script>alert(1)</script> \\" ] ; } digraph x {"
question: 'a\\N\\G\\L \\l" -> evil'
source:
  url: https://example.org/?q=%3Cb%3E&x='y'(z)
claims:
  x:
    kind: position
    text: "<script>alert(1)</script> & <b>bold</b> ]]> <!-- -->"
    by: "</FONT></TD></TR></TABLE>>"
    quote: '" onload="alert(1)'
  y:
    text: '{ } [ ] -> -- ; = \\ \\n \\\\'
    supports: [x]
"""


@needs_dot
def test_user_text_is_escaped_never_markup(write_map):
    path = write_map(HOSTILE)
    doc = check_file(path)
    svg = render(doc, "svg", RenderOptions()).decode()
    root = ET.fromstring(svg)  # still well-formed XML
    assert not list(root.iter(f"{SVG}script")) and not list(root.iter("script"))
    assert not [e for e in root.iter() if e.tag.endswith("}b") or e.tag == "b"]
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "<script>alert(1)</script>" in texts
    assert "</FONT></TD></TR></TABLE>>" in texts
    assert 'a\\N\\G\\L \\l" -> evil' in texts
    tooltips = [a.get(f"{XLINK}title") for a in root.iter(f"{SVG}a")]
    assert 'a\\N\\G\\L \\l" -> evil' in tooltips
    assert "{ } [ ] -> -- ; = \\ \\n \\\\" in texts
    hrefs = [a.get(f"{XLINK}href") for a in root.iter(f"{SVG}a") if a.get(f"{XLINK}href")]
    base = "https://example.org/?q=%3Cb%3E&x=%27y%27(z)"  # the map's own `<` and `"` are refused
    assert sorted(hrefs) == [base, base + "#:~:text=%22%20onload%3D%22alert%281%29"]


def test_only_web_addresses_become_links(write_map):
    path = write_map(MAP.replace("https://example.org/article", "https://ok.example/a"), article=ARTICLE)
    dot = to_dot(check_file(path).model)
    assert 'URL="https://ok.example/a#:~:text=' in dot
    # the model refuses other schemes outright
    bad = write_map(MAP.replace("https://example.org/article", "javascript:alert(1)"), article=ARTICLE)
    assert [d.code for d in check_file(bad).diagnostics] == ["bad-url"]


def test_text_fragment_encoding():
    assert text_fragment("a-b, c & d") == "a%2Db%2C%20c%20%26%20d"
    long = "one two three four five six seven eight nine ten eleven twelve thirteen"
    assert text_fragment(long) == "one%20two%20three%20four%20five,nine%20ten%20eleven%20twelve%20thirteen"


@needs_dot
def test_output_is_deterministic(tmp_path):
    outs = []
    for i in range(2):
        for fmt in ("dot", "svg"):
            out = tmp_path / f"{i}.{fmt}"
            result = run_cli("render", str(SEED_MAP), "-o", str(out))
            assert result.returncode == 0, result.stderr
            outs.append(out.read_bytes())
    assert outs[0] == outs[2] and outs[1] == outs[3]


@needs_dot
@pytest.mark.parametrize(("fmt", "magic"), [("png", b"\x89PNG"), ("pdf", b"%PDF"), ("svg", b"<?xml")])
def test_formats_and_default_output_name(tmp_path, fmt, magic):
    (tmp_path / ".git").mkdir()  # a project folder: the map may read articles anywhere in it
    (tmp_path / "maps").mkdir()
    target = tmp_path / "maps" / "seed.yaml"
    shutil.copy(SEED_MAP, target)
    shutil.copytree(SEED_MAP.parent.parent / "seeds", tmp_path / "seeds")
    result = run_cli("render", str(target), "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "maps" / f"seed.{fmt}").read_bytes().startswith(magic)


def test_dot_to_stdout_and_direction():
    result = run_cli("render", str(SEED_MAP), "--format", "dot", "--direction", "LR", "-o", "-")
    assert result.returncode == 0
    assert result.stdout.startswith("digraph argmap {") and "rankdir=LR" in result.stdout


def test_missing_graphviz_is_one_line_and_exit_2(tmp_path):
    env = {**os.environ, "PATH": str(tmp_path)}  # a PATH without dot
    result = run_cli("render", str(SEED_MAP), "-o", str(tmp_path / "x.svg"), env=env)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "apt install graphviz" in lines[0] and "brew install graphviz" in lines[0]
    assert not (tmp_path / "x.svg").exists()


def test_invalid_map_is_not_rendered(write_map, tmp_path):
    path = write_map("argmap: 1\nclaims:\n  a:\n    txt: x\n")
    result = run_cli("render", str(path), "-o", str(tmp_path / "x.svg"))
    assert result.returncode == 1
    assert "unknown field 'txt'" in result.stderr and "not rendered" in result.stderr
    assert not (tmp_path / "x.svg").exists()


def test_output_format_from_suffix():
    assert output_format(None, "a.png") == "png"
    assert output_format(None, "diagram") == "svg"
    assert output_format(None, "out.d/diagram") == "svg"
    with pytest.raises(UnknownFormat, match=r"'\.gif'"):
        output_format(None, "a.gif")
    assert output_format("png", "a.gif") == "png"  # an explicit --format wins
    assert output_format("pdf", "a.png") == "pdf"
    assert output_format(None, "-") == "svg"


def test_an_output_suffix_we_do_not_write_is_refused(tmp_path):
    out = tmp_path / "map.gif"
    result = run_cli("render", str(SEED_MAP), "-o", str(out))
    assert result.returncode == 2
    assert result.stderr.strip().startswith("argmap: cannot tell the format from '.gif'")
    assert not out.exists()
