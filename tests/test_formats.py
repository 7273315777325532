"""Export and import: dump_map, Argdown, AIF, JSON, Markdown, DOT, and the two commands."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.check import check
from argmap.diagnostics import Severity
from argmap.dump import dump_map
from argmap.formats import EXPORT_FORMATS, export, guess_format, parse
from argmap.formats._build import make_id
from argmap.load import load_file, load_text
from argmap.model import CONTROL, ID_RE, MAP_FIELDS, ArgMap, Claim, Kind
from argmap.outline import Outline
from argmap.render.dot import to_dot
from tests.conftest import REPO, SEED_MAP, run_cli

FIXTURES = Path(__file__).parent / "formats"


@pytest.fixture(scope="module")
def seed() -> ArgMap:
    doc = load_file(SEED_MAP)
    assert doc.model is not None
    return doc.model


def errors(diagnostics) -> list[str]:
    return [d.format() for d in diagnostics if d.severity is Severity.ERROR]


def warning_codes(diagnostics) -> list[str]:
    return [d.code for d in diagnostics if d.severity is Severity.WARNING]


# --- generated maps ---------------------------------------------------------------

# Text meant to trip a writer: YAML indicators, Argdown syntax, booleans and
# numbers as strings, quotes, escapes, line breaks, odd Unicode.
NASTY = st.one_of(
    # any text a map may hold: no control characters or noncharacters (the checker refuses them)
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(
        lambda t: not CONTROL.search(t)
    ),
    st.sampled_from(
        [
            "yes",
            "no",
            "null",
            "~",
            "123",
            "1.5",
            "0x1F",
            "1_000",
            "2021-09-20",
            "true",
            "- item",
            "key: value",
            "a #hash",
            "#tag",
            "'single'",
            '"double"',
            "  leading spaces",
            "trailing  ",
            "line\nbreak",
            "two\n\nparagraphs",
            "tab\there",
            "back\\slash",
            "[A] +> [B]",
            "<Arg>: x",
            "{data: 1}",
            "// not a comment",
            "/* nor this */",
            "*bold* _it_",
            "(1) premise",
            "----",
            "===",
            "@[mention]",
            "http://example.com/a?b=c",
            "é ü ß 中文 🚀",
            "\u2028\u2029\ufeff",  # U+0085 (NEL) is a C1 control: the checker refuses it
            "ends with colon:",
            "%percent",
            "!bang",
            "&anchor *alias",
            "|",
            ">",
        ]
    ),
)
TEXT = NASTY.filter(lambda s: s.strip() != "")
IDS = st.from_regex(ID_RE, fullmatch=True).filter(lambda s: len(s) <= 20)


@st.composite
def argmaps(draw) -> ArgMap:
    ids = draw(st.lists(IDS, min_size=1, max_size=8, unique=True))
    questions = draw(st.dictionaries(IDS, TEXT, max_size=2))
    claims = {}
    for cid in ids:
        others = [o for o in ids if o != cid]
        supports = draw(st.lists(st.sampled_from(others), unique=True, max_size=3)) if others else []
        rest = [o for o in others if o not in supports]
        opposes = draw(st.lists(st.sampled_from(rest), unique=True, max_size=2)) if rest else []
        claims[cid] = Claim(
            kind=draw(st.sampled_from(list(Kind))),
            text=draw(TEXT),
            quote=draw(st.lists(TEXT, max_size=2)),
            by=draw(st.none() | TEXT),
            supports=supports,
            opposes=opposes,
            tags=draw(st.lists(TEXT, max_size=3)),
            note=draw(st.none() | NASTY | st.just("")),
            weight=draw(st.none() | st.floats(0, 1)),
            answers=draw(st.none() | st.sampled_from(sorted(questions) or ["q"])),
        )
    return ArgMap(
        argmap=1,
        title=draw(st.none() | TEXT),
        question=draw(st.none() | TEXT),
        questions=questions,
        source=draw(st.none() | st.builds(dict, title=TEXT, url=st.just("https://example.org/a?b=c"))),
        claims=claims,
    )


PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- dump_map ---------------------------------------------------------------------


def test_dump_seed_round_trips_and_reads_like_the_seed(seed):
    text = dump_map(seed, schema="../schema/argmap.schema.json")
    assert load_text(text).model == seed
    assert text.startswith("# yaml-language-server: $schema=../schema/argmap.schema.json\nargmap: 1\n")
    assert re.search(r"^    supports: \[[a-z-]+(, [a-z-]+)*\]$", text, re.M)
    assert re.search(r"^    tags: \[[a-z-]+(, [a-z-]+)*\]$", text, re.M)
    assert re.search(r'^    quote: ".+"$', text, re.M)
    assert re.search(r"^    note: >-\n      \S", text, re.M), "long notes are folded"
    folded = re.findall(r"^    note: >-\n((?:      .*\n)+)", text, re.M)
    assert folded and all(len(line) <= 80 for block in folded for line in block.splitlines())
    keys = [m.group(1) for m in re.finditer(r"^(\w+):", text, re.M)]
    assert keys == [k for k in MAP_FIELDS if k in keys]
    assert keys[:3] == ["argmap", "title", "question"] and keys[-2:] == ["claims", "arguments"]


def test_dump_header_and_empty_map():
    model = ArgMap(argmap=1)
    text = dump_map(model, header="made by a test\nsecond line")
    assert text == "# made by a test\n# second line\nargmap: 1\nclaims: {}\n"
    assert load_text(text).model == model


def test_dump_quotes_what_yaml_would_misread():
    claims = {
        "yes": Claim(text="yes", by="null", tags=["1_000", "a, b", "x: y"], note="123"),
        "b": Claim(text="a: b #c", quote=["'q'"], supports=["yes"], note="line\n  indented\nend"),
    }
    model = ArgMap(argmap=1, claims=claims)
    text = dump_map(model)
    assert '  "yes":' in text and 'text: "yes"' in text and 'by: "null"' in text
    assert 'tags: ["1_000", "a, b", "x: y"]' in text
    assert "note: |-" in text
    assert load_text(text).model == model


@PROPERTY
@given(argmaps())
def test_dump_round_trips_any_valid_map(model):
    assert load_text(dump_map(model, header="h")).model == model


# --- json, markdown, dot ----------------------------------------------------------


def test_json_export_is_the_model(seed):
    data = json.loads(export(seed, "json"))
    assert ArgMap.model_validate(data) == seed
    schema = json.loads((REPO / "schema" / "argmap.schema.json").read_text())
    assert set(data) <= set(schema["properties"])
    assert data["claims"]["business-as-usual"]["kind"] == "position"


def test_markdown_outline(seed):
    text = export(seed, "markdown")
    assert text.startswith(f"# {seed.title.split()[0]}")
    assert "**Question:**" in text
    for group in seed.question_groups():
        assert f"## {group.text}" in text
    for cid in seed.positions():
        assert f'<a id="{cid}"></a>' in text
    assert "- **+** " in text and "- **−** " in text
    assert "\n> " in text or "  > " in text, "quotes are blockquotes"
    assert "↪ shown at [" in text, "repeated claims are references"
    shown = re.findall(r'<a id="([^"]+)"></a>', text)
    assert sorted(shown) == sorted([*seed.claims, *seed.arguments]), "every claim and argument, once"
    assert len(text.splitlines()) < 12 * len(seed.claims)


def test_markdown_escapes_user_text():
    model = ArgMap(
        argmap=1,
        claims={
            "a": Claim(kind=Kind.POSITION, text="*not bold* <b>x</b> [link](y)"),
            "b": Claim(text="`x`", supports=["a"]),
            "c": Claim(kind=Kind.POSITION, text="answers a question the map lacks", answers="nope"),
        },
    )
    text = export(model, "markdown")
    assert r"\*not bold\* \<b\>x\</b\> \[link\](y)" in text
    assert r"\`x\`" in text
    assert "## Positions" in text and "answers a question the map lacks" in text, "no position is lost"


def test_dot_export_is_the_renderer(seed):
    assert export(seed, "dot") == to_dot(seed)


def test_commands_offer_the_registered_formats():
    from argmap.commands import export as export_command
    from argmap.commands import import_ as import_command
    from argmap.formats import IMPORT_FORMATS

    assert export_command.FORMATS == EXPORT_FORMATS == ("argdown", "aif", "json", "markdown", "dot")
    assert import_command.FORMATS == IMPORT_FORMATS == ("argdown", "aif")


# --- Argdown ----------------------------------------------------------------------


def test_argdown_seed_round_trip_is_lossless(seed):
    text = export(seed, "argdown")
    imported = parse(text, "argdown", "seed.argdown")
    assert imported.diagnostics == []
    assert imported.model == seed
    assert list(imported.model.claims) == list(seed.claims)
    first = next(iter(seed.claims))
    assert re.search(rf"^\[{re.escape(first)}\]: ", text, re.M)
    assert "\n  +> [" in text and "\n  -> [" in text


@PROPERTY
@given(argmaps())
def test_argdown_round_trips_generated_maps(model):
    imported = parse(export(model, "argdown"), "argdown", "gen.argdown")
    assert errors(imported.diagnostics) == []
    assert imported.model == model


def test_argdown_import_tree_form_arguments_and_extras():
    imported = parse((FIXTURES / "nuclear.argdown").read_text(), "argdown", "nuclear.argdown")
    model = imported.model
    assert model is not None and errors(imported.diagnostics) == []
    c = model.claims
    assert model.title == "Nuclear energy"
    assert c["Nuclear"].tags == ["energy", "policy debate"]
    assert c["Nuclear"].text == "We should build nuclear power plants."
    assert c["Climate"].supports == ["Nuclear"]  # + <Climate> under [Nuclear]
    assert c["Mining"].opposes == ["Climate"]  # - nested one level deeper
    assert c["Waste"].opposes == ["Nuclear"]
    assert c["Storage"].opposes == ["Waste"] and c["Storage"].by == "Finland"  # <- and {data}
    assert c["Nuclear"].supports == ["Jobs"]  # +> : the parent supports the child
    assert c["Jobs"].text == "It creates jobs #not-a-tag."  # an escaped '#' is text
    # the reconstruction: premises support the conclusion, the argument stands for it
    assert c["Design"].supports == ["Safe"]
    assert c["operators-are-well-trained"].supports == ["Safe"]
    assert c["Safe"].supports == ["Nuclear"]
    assert "Argdown argument <Safety>" in (c["Safe"].note or "")
    assert "Safety" not in c
    # -> attack, _> undercut mapped to opposing the conclusion, >< both ways
    assert c["Renewables"].opposes == ["Nuclear", "Safe", "Jobs"]
    assert c["Jobs"].opposes == ["Renewables"]
    found = {(d.code, d.pos.line) for d in imported.diagnostics}
    assert ("argument-mapped", 15) in found
    assert ("undercut-mapped", 25) in found
    assert ("untitled-text", 28) in found


def test_argdown_plain_documents_get_positions():
    text = "[T]: The thesis.\n  + [R]: A reason.\n    - [O]: An objection.\n"
    model = parse(text, "argdown", "t.argdown").model
    assert model.claims["T"].kind is Kind.POSITION
    assert model.claims["R"].kind is Kind.CLAIM


def test_argdown_inference_with_uses_and_multiline_statement():
    text = (
        "<A>: An argument.\n\n(1) [P]: First premise\n    goes on here.\n(2) [Q]: Second premise.\n"
        "--\nModus ponens {uses: [1]}\n--\n(3) [C]: Conclusion.\n"
    )
    imported = parse(text, "argdown", "t.argdown")
    c = imported.model.claims
    assert c["P"].text == "First premise goes on here."
    assert c["P"].supports == ["C"] and c["Q"].supports == []
    assert "Q" in c


@pytest.mark.parametrize(
    ("name", "where", "message"),
    [
        ("broken-data.argdown", "2:20", "a '{' data block is never closed"),
        ("broken-comment.argdown", "3:1", "comment opened with '/*' is never closed"),
        ("orphan-relation.argdown", "3:3", "a relation after an empty line"),
        (
            "bad-kind.argdown",
            "1:19",
            "[A]: 'kind: verdict': Input should be 'position'",
        ),
    ],
)
def test_argdown_errors_are_located(name, where, message):
    imported = parse((FIXTURES / name).read_text(), "argdown", name)
    assert imported.model is None and not imported.ok
    (error,) = errors(imported.diagnostics)
    assert error.startswith(f"{name}:{where}: error: ")
    assert message in error


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("[A]: x\n+ [B]: y\n", "2:1", "has no statement or argument above it"),
        ("[A]: x {by: a: b}\n", "1:14", "not valid YAML"),
        ("===\ntitle: [\n===\n[A]: x\n", "3:1", "front matter is not valid YAML"),
        ("===\ntitle: x\n[A]: x\n", "1:1", "front matter ('===') is never closed"),
        ("[A]: x\n\n----\n(2) [B]: y\n", "3:1", "outside a premise–conclusion structure"),
        ("<A>\n\n(1) [P]: p\n(2) [Q]: q\n", "4:1", "does not end in a conclusion"),
    ],
)
def test_argdown_more_errors(text, where, message):
    imported = parse(text, "argdown", "x.argdown")
    assert imported.model is None
    (error,) = errors(imported.diagnostics)
    assert error.startswith(f"x.argdown:{where}: error: "), error
    assert message in error


def test_argdown_real_world_syntax():
    """Links (whose '//' is no comment), HTML comments, headings, data on its own line, equivalence."""
    text = (
        "# Energy policy\n\n"
        "<!-- an HTML comment\n   over two lines -->\n"
        "[T]: We need [more](https://example.org/a//b) power.\n"
        "  + [R]: Demand grows. #demand\n"
        "    {by: Agency}\n"
        "  - <Cost>: It costs too much.\n\n"
        "[R]: Demand grows fast.\n"
        "[R]\n"
        "  +> [U]: Unrelated conclusion. {isInMap: false}\n"
    )
    imported = parse(text, "argdown", "e.argdown")
    model = imported.model
    assert model.title == "Energy policy"
    assert model.claims["T"].text == "We need [more](https://example.org/a//b) power."
    assert model.claims["R"].by == "Agency" and model.claims["R"].tags == ["demand"]
    assert model.claims["R"].supports == ["T", "U"]
    assert model.claims["Cost"].opposes == ["T"] and model.claims["Cost"].text == "It costs too much."
    found = {(d.code, d.pos.line) for d in imported.diagnostics}
    assert ("another-text", 10) in found, "a second text for [R] is reported, the first kept"
    assert ("unknown-data", 12) in found, "Argdown's own data keys are reported, not taken"
    assert model.claims["R"].text == "Demand grows."


def test_argdown_unclosed_inference_and_bad_uses():
    imported = parse("<A>\n\n(1) [P]: p\n--\nrule\n", "argdown", "x.argdown")
    assert errors(imported.diagnostics) == [
        "x.argdown:4:1: error: an inference ('--') is never closed — end it with '--'"
    ]
    imported = parse("<A>\n\n(1) [P]: p\n-- r {uses: [7]} --\n(2) [C]: c\n", "argdown", "x.argdown")
    (error,) = errors(imported.diagnostics)
    assert error.startswith("x.argdown:4:1: error: 'uses' names premise (7)")


def test_argdown_settles_what_argmap_rejects():
    text = "[A]: a\n  + [A]\n  + [B]: b\n  - [B]\n  + [B]\n"
    imported = parse(text, "argdown", "x.argdown")
    assert imported.model.claims["B"].supports == ["A"]
    assert imported.model.claims["B"].opposes == []
    assert warning_codes(imported.diagnostics) == ["self-relation", "supports-and-opposes"]
    # all that is left for the checker is what the source lacks: a question for its thesis
    assert warning_codes(check(load_text(dump_map(imported.model))).diagnostics) == ["no-question"]


ARGDOWN_PIECES = st.sampled_from(
    [
        "[A]",
        "[B]: ",
        "<C>",
        "<D>: ",
        "\n",
        "\n\n",
        "  ",
        "+ ",
        "- ",
        "+> ",
        "-> ",
        "<+ ",
        "<- ",
        "_> ",
        "<_ ",
        "><",
        "(1) ",
        "(2) ",
        "----",
        "--",
        "#t ",
        "#(x y)",
        "{kind: position}",
        "{by: x}",
        "{",
        "}",
        "//c",
        "/*",
        "*/",
        "===\n",
        "# H\n",
        "text ",
        "\\",
        "{uses: [1]}",
        "{weight: 2}",
        "'",
        '"',
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(ARGDOWN_PIECES, max_size=30).map("".join))
def test_argdown_import_never_crashes_and_what_it_reads_is_a_map(text):
    imported = parse(text, "argdown", "fuzz.argdown")
    assert imported.ok == (imported.model is not None)
    if imported.model is not None:
        assert load_text(dump_map(imported.model)).model == imported.model
    else:
        assert all(d.pos is not None for d in imported.diagnostics if d.severity is Severity.ERROR)


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
def test_aif_import_never_crashes(data):
    imported = parse(json.dumps(data), "aif", "fuzz.json")
    assert imported.ok == (imported.model is not None)


# --- AIF --------------------------------------------------------------------------


def test_aif_seed_round_trip_is_lossless(seed):
    text = export(seed, "aif")
    data = json.loads(text)
    types = [n["type"] for n in data["nodes"]]
    relations = sum(len(c.supports) for c in seed.claims.values())
    assert types.count("I") == len(seed.claims)
    assert types.count("RA") == relations
    assert types.count("CA") == sum(len(c.opposes) for c in seed.claims.values())
    assert types.count("L") == types.count("YA") == sum(c.by is not None for c in seed.claims.values())
    ids = {n["nodeID"] for n in data["nodes"]}
    assert all(e["fromID"] in ids and e["toID"] in ids for e in data["edges"])
    assert {p["firstname"] for p in data["participants"]} == {c.by for c in seed.claims.values() if c.by}
    imported = parse(text, "aif", "seed.json")
    assert imported.diagnostics == []
    assert imported.model == seed


def _relations(model: ArgMap) -> set[tuple[str, str, str]]:
    """Relations by claim text, so maps with different ids can be compared."""
    text = {cid: c.text for cid, c in model.claims.items()}
    return {
        (c.text, rel, text[t])
        for c in model.claims.values()
        for rel in ("supports", "opposes")
        for t in getattr(c, rel)
    }


def test_aif_without_argmap_block_keeps_claims_relations_and_speakers(seed):
    data = json.loads(export(seed, "aif"))
    del data["argmap"]
    first = parse(json.dumps(data), "aif", "plain.json")
    model = first.model
    assert errors(first.diagnostics) == []
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
def test_aif_round_trips_generated_maps(model):
    text = export(model, "aif")
    assert parse(text, "aif", "gen.json").model == model
    data = json.loads(text)
    del data["argmap"]
    plain = parse(json.dumps(data), "aif", "plain.json").model
    assert [c.text for c in plain.claims.values()] == [c.text for c in model.claims.values()]
    assert [c.by for c in plain.claims.values()] == [c.by for c in model.claims.values()]
    assert _relations(plain) == _relations(model)


def test_aif_import_aifdb_style():
    imported = parse((FIXTURES / "nuclear-aif.json").read_text(), "aif", "n.json")
    c = imported.model.claims
    assert c["nuclear-is-needed"].kind is Kind.POSITION
    assert c["nuclear-is-needed"].by == "Bob Smith"  # from locutions + participants
    assert c["waste-is-a-problem"].by == "Alice"  # from the L-node text "Alice : …"
    assert c["it-is-low-carbon"].supports == ["nuclear-is-needed"]
    assert c["waste-is-a-problem"].opposes == ["nuclear-is-needed"]
    assert c["storage-solves-it"].opposes == ["nuclear-is-needed"]  # CA on an inference
    assert c["nuclear-is-needed"].note == "AIF node 10"
    assert set(warning_codes(imported.diagnostics)) == {"aif-undercut", "aif-dialogue"}


def test_aif_import_ova3_linked_premises():
    model = parse((FIXTURES / "ova3.json").read_text(), "aif", "o.json").model
    c = model.claims
    assert c["schools-need-money"].supports == ["taxes-should-rise"]
    assert c["roads-need-money"].supports == ["taxes-should-rise"]  # each premise of one RA
    assert c["growth-would-suffer"].opposes == ["taxes-should-rise"]
    assert c["taxes-should-rise"].by == "Ann"


def test_aif_argmap_block_is_checked():
    data = json.loads(export(ArgMap(argmap=1, claims={"a": Claim(text="x")}), "aif"))
    data["argmap"]["claims"]["1"]["weight"] = 7
    (error,) = errors(parse(json.dumps(data, indent=1), "aif", "w.json").diagnostics)
    assert "$.argmap.claims.1.weight: 'weight: 7': Input should be less than or equal to 1" in error
    assert re.match(r"w\.json:\d+:\d+: error: ", error)
    data["argmap"]["claims"]["1"] = {"id": "a", "colour": "red"}
    imported = parse(json.dumps(data), "aif", "w.json")
    assert imported.model.claims["a"].text == "x"
    assert warning_codes(imported.diagnostics) == ["unknown-field"]


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
    ],
)
def test_aif_errors_are_located(text, where, message):
    imported = parse(text, "aif", "x.json")
    assert imported.model is None
    (error,) = errors(imported.diagnostics)
    assert error.startswith(f"x.json:{where}: error: "), error
    assert message in error


# --- ids ------------------------------------------------------------------------


def test_make_id_keeps_valid_titles_and_slugs_the_rest():
    taken: set[str] = set()
    assert make_id("recent-tests", taken) == "recent-tests"
    assert make_id("recent-tests", taken) == "recent-tests-2"
    assert make_id("Climate Change: a Hoax?", taken) == "climate-change-a-hoax"
    assert make_id("日本語", taken) == "claim"
    long = make_id("Bilateral or multilateral negotiations on denuclearization will take place soon", taken)
    assert long == "bilateral-or-multilateral-negotiations"
    assert all(ID_RE.fullmatch(i) for i in taken)


# --- the commands -----------------------------------------------------------------


@pytest.fixture
def seed_tree(tmp_path: Path) -> Path:
    """A copy of the seed map with its article, so quotes check in a temporary folder."""
    (tmp_path / ".git").mkdir()  # a project folder: the map may read articles anywhere in it
    (tmp_path / "maps").mkdir()
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED_MAP, tmp_path / "maps" / SEED_MAP.name)
    for article in (REPO / "seeds").iterdir():
        shutil.copy(article, tmp_path / "seeds" / article.name)
    return tmp_path / "maps" / SEED_MAP.name


@pytest.mark.parametrize(("fmt", "suffix"), [("argdown", ".argdown"), ("aif", ".json")])
def test_cli_round_trip_checks_clean(seed_tree, seed, fmt, suffix):
    exported = seed_tree.with_name(f"seed{suffix}")
    r = run_cli("export", str(seed_tree), "--to", fmt, "-o", str(exported))
    assert r.returncode == 0, r.stderr
    r = run_cli("import", str(exported))
    assert r.returncode == 0, r.stderr
    written = exported.with_suffix(".yaml")
    assert f"wrote {written} ({len(seed.claims)} claims)" in r.stderr
    doc = check(load_file(written))
    assert doc.diagnostics == []
    assert doc.model == seed
    assert written.read_text().startswith(f"# Imported from seed{suffix} ({fmt})")


def test_cli_export_to_stdout(seed):
    r = run_cli("export", str(SEED_MAP), "--to", "markdown")
    assert r.returncode == 0 and r.stdout == export(seed, "markdown")
    r = run_cli("export", str(SEED_MAP), "--to", "json")
    assert ArgMap.model_validate(json.loads(r.stdout)) == seed


def test_cli_export_refuses_a_broken_map(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("argmap: 1\nclaims:\n  a:\n    text: x\n    supports: [nope]\n")
    out = tmp_path / "out.argdown"
    r = run_cli("export", str(bad), "--to", "argdown", "-o", str(out))
    assert r.returncode == 1
    assert f"{bad}:5:16: error: no claim 'nope'" in r.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    ("fixture", "located"),
    [
        ("broken-data.argdown", ":2:20: error:"),
        ("orphan-relation.argdown", ":3:3: error:"),
        ("dangling.json", ":8:44: error:"),
        ("not-json.json", ":3:1: error:"),
    ],
)
def test_cli_import_bad_input_writes_nothing(tmp_path, fixture, located):
    source = tmp_path / fixture
    shutil.copy(FIXTURES / fixture, source)
    out = tmp_path / "out.yaml"
    r = run_cli("import", str(source), "-o", str(out))
    assert r.returncode == 1
    assert f"{source}{located}" in r.stderr
    assert "Traceback" not in r.stderr
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [fixture]


def test_cli_import_unreadable_and_not_utf8(tmp_path):
    r = run_cli("import", str(tmp_path / "missing.argdown"))
    assert r.returncode == 1 and "cannot read the file: no such file" in r.stderr
    latin = tmp_path / "latin.argdown"
    latin.write_bytes(b"[A]: caf\xe9\n")
    r = run_cli("import", str(latin))
    assert r.returncode == 1 and f"{latin}:1:9: error: the file is not valid UTF-8" in r.stderr
    assert not latin.with_suffix(".yaml").exists()


def test_cli_import_refuses_to_overwrite(tmp_path):
    source = tmp_path / "n.argdown"
    shutil.copy(FIXTURES / "nuclear.argdown", source)
    target = tmp_path / "n.yaml"
    target.write_text("keep me")
    r = run_cli("import", str(source), "--from", "argdown")
    assert r.returncode == 2 and "use --force" in r.stderr
    assert target.read_text() == "keep me"
    r = run_cli("import", str(source), "--force")
    assert r.returncode == 0, r.stderr
    doc = check(load_file(target))
    assert errors(doc.diagnostics) == []
    assert yaml.safe_load(target.read_text())["claims"]["Storage"]["by"] == "Finland"


def test_cli_import_needs_a_known_format(tmp_path):
    odd = tmp_path / "x.txt"
    odd.write_text("[A]: a\n")
    r = run_cli("import", str(odd))
    assert r.returncode == 2 and "--from" in r.stderr
    assert guess_format("a.AD") == "argdown" and guess_format("a.json") == "aif"


def test_outline_covers_every_claim(seed):
    """The Markdown export relies on the outline placing every claim once."""
    tree = Outline(seed)
    assert set(tree.home) == set(seed.claims) | set(seed.arguments)


def test_aif_export_is_byte_identical_with_source_date_epoch():
    """AIF stamps every node with a time; SOURCE_DATE_EPOCH pins it, so exports can live in git."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1632441600"}
    runs = [run_cli("export", str(SEED_MAP), "--to", "aif", env=env) for _ in range(2)]
    assert runs[0].returncode == 0 and runs[0].stdout == runs[1].stdout
    assert '"timestamp": "2021-09-24 00:00:00"' in runs[0].stdout
