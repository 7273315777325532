"""Argdown ↔ argmap: reading Argdown as Argdown reads it, mapping each construct, writing it back.

The corpus (tests/interop/argdown/) checks the reading against Argdown's own parser; here
are the defects of issue 8, each with the smallest input that showed it and its siblings,
arguments and undercuts (issue 7), round trips, and files Argdown itself rejects.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.check import check
from argmap.diagnostics import Severity
from argmap.dump import dump_map
from argmap.formats import export, parse
from argmap.load import load_file, load_text
from argmap.model import ArgMap, Argument, Claim, Kind
from tests.conftest import SEED_MAP
from tests.strategies import PROPERTY, argmaps


def read(text: str, name: str = "t.argdown"):
    imported = parse(text, "argdown", name)
    assert [d.format() for d in imported.diagnostics if d.severity is Severity.ERROR] == []
    assert imported.model is not None
    return imported


def claims(text: str) -> dict[str, Claim]:
    return read(text).model.claims


def warnings(imported) -> list[tuple[str, int]]:
    return [
        (d.code, d.pos.line if d.pos else 0) for d in imported.diagnostics if d.severity is Severity.WARNING
    ]


def refused(text: str, name: str = "x.argdown") -> str:
    imported = parse(text, "argdown", name)
    assert imported.model is None and not imported.ok
    (error,) = [d.format() for d in imported.diagnostics if d.severity is Severity.ERROR]
    return error


@pytest.fixture(scope="module")
def seed() -> ArgMap:
    model = load_file(SEED_MAP).model
    assert model is not None
    return model


# --- defect 1: a comment line between relations ------------------------------------


@pytest.mark.parametrize(
    "comment",
    ["// note", "/* note */", "<!-- note -->", "/* a comment\n     over two lines */", "<!--\n-->"],
)
def test_a_comment_line_between_relations_is_no_empty_line(comment):
    c = claims(f"[A]: a\n  {comment}\n  + [B]: b\n    {comment}\n    - [C]: c\n  {comment}\n  - [D]: d\n")
    assert c["B"].supports == ["A"]
    assert c["C"].opposes == ["B"]
    assert c["D"].opposes == ["A"]


def test_comments_elsewhere_are_skipped_and_counted():
    imported = read("// first\n[A]: a /* inline */ text <!-- here -->\n  + [B]: b // trailing\n")
    assert imported.model.claims["A"].text == "a text"
    assert imported.model.claims["B"].text == "b"
    assert imported.report.rows["comments"]["left out"] == 4


def test_a_comment_at_the_end_without_a_line_break_is_text_as_in_argdown():
    # Argdown's `//` comment needs a line break after it; at the very end it is text
    assert claims("[A]: a // no line break")["A"].text == "a // no line break"


# --- defect 2: a repeated statement's text -----------------------------------------


def test_a_repeated_statement_keeps_argdowns_text_and_glues_nothing():
    """Argdown shows the last definition of a statement (getCanonicalMember); the others go in the note."""
    imported = read("[A]: one\n\n[A]: other\ntwo\n")
    a = imported.model.claims["A"]
    assert a.text == "other two"
    assert a.note == "Argdown also gives [A] as: “one”"
    assert ("argdown-other-text", 1) in warnings(imported)


def test_is_canonical_picks_the_text_and_references_add_none():
    c = claims("[A]: first {isCanonical: true}\n\n[A]: second\n\n[A]\n  + [B]: b\n\n[A]: first\n")
    assert c["A"].text == "first"
    assert c["A"].note == "Argdown also gives [A] as: “second”"
    assert c["B"].supports == ["A"]


def test_repeated_identical_definitions_are_one_text():
    imported = read("[A]: same\n\n[A]: same\n  + [B]: b\n")
    assert imported.model.claims["A"].note is None
    assert "argdown-other-text" not in [code for code, _ in warnings(imported)]


# --- defect 4: indentation as Argdown has it -----------------------------------------


def test_uneven_indentation_picks_the_parent_argdown_picks():
    c = claims("A\n  - C\n      <+ D\n    -> G\n")
    ids = {claim.text: cid for cid, claim in c.items()}
    assert c[ids["A"]].opposes == [ids["G"]]  # the `->` line belongs to A, as in Argdown
    assert c[ids["C"]].opposes == [ids["A"]]
    assert c[ids["D"]].supports == [ids["C"]]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("A\n    + B\n  + C\n", 3),  # dedented below the first child, deeper than the parent
        ("[A]: a\n\n  + [B]: b\n", 3),  # a relation after an empty line
        ("[A]: a\n  + [B]: b\n      text\n", None),  # text continues B: accepted (see below)
    ],
)
def test_indentation_argdown_rejects_is_refused(text, line):
    if line is None:
        assert claims(text)["B"].text == "b text"
        return
    assert re.match(rf"x\.argdown:{line}:\d+: error: ", refused(text))


def test_tabs_count_as_one_character_of_indentation_as_in_argdown():
    c = claims("[A]: a\n\t+ [B]: b\n  - [C]: c\n")
    assert c["B"].supports == ["A"]
    assert c["C"].opposes == ["B"]  # two spaces are deeper than one tab


# --- defect 5: nothing dropped silently ----------------------------------------------


def test_front_matter_author_and_date_go_to_the_source_subtitle_is_reported():
    text = "===\ntitle: T\nsubTitle: S\nauthor: Gregor Betz\ndate: 24/10/2018\ncolor: {x: 1}\n===\n\n[A]: a\n"
    imported = read(text)
    model = imported.model
    assert model.title == "T"
    assert model.source.author == "Gregor Betz" and model.source.date == "24/10/2018"
    lines = {d.message[: d.message.index(" ", 14)]: d.pos.line for d in imported.diagnostics}
    assert lines == {
        "front matter 'subTitle:": 3,
        "front matter 'color'": 6,
        "front matter 'author:": 4,
        "front matter 'date:": 5,
    }


def test_a_yaml_date_in_the_front_matter_is_kept_as_text():
    assert read("===\ndate: 2018-10-24\n===\n\n[A]: a\n").model.source.date == "2018-10-24"


def test_tags_and_data_on_arguments_are_kept():
    text = (
        '<A>: Censorship is wrong. #con {source: "C1", by: "Betz"}\n\n'
        "(1) [P]: p\n--\nSpecification, Modus ponens\n--\n(2) [C]: c\n"
    )
    imported = read(text)
    argument = imported.model.arguments["A"]
    assert argument.tags == ["con"]
    assert argument.by == "Betz"
    assert argument.note == "source: C1"
    assert argument.scheme == "Specification, Modus ponens"
    assert argument.text == "Censorship is wrong."
    assert ("argdown-data", 1) in warnings(imported)


def test_sub_headings_become_tags_and_a_lone_top_heading_the_title():
    text = "# Debate\n\n## Pro\n\n[A]: a\n\n## Con\n\n[B]: b\n  - [A]\n\n### Deep\n\n[C]: c\n"
    imported = read(text)
    c = imported.model.claims
    assert imported.model.title == "Debate"
    assert c["A"].tags == ["Pro"] and c["B"].tags == ["Con"] and c["C"].tags == ["Deep"]
    assert [line for code, line in warnings(imported) if code == "argdown-heading"] == [3, 7, 12]


def test_several_top_headings_are_all_groups_and_a_heading_not_a_group_is_reported():
    imported = read("# One\n\n[A]: a\n\n# Two {isGroup: false}\n\n[B]: b\n")
    assert imported.model.title is None
    assert imported.model.claims["A"].tags == ["One"] and imported.model.claims["B"].tags == []
    assert ("argdown-heading", 5) in warnings(imported)


@pytest.mark.parametrize("symbol", ["-", "<-"])
def test_strict_mode_contrary_is_opposition_both_ways(symbol):
    text = f"===\nmodel:\n  mode: strict\n===\n\n[A]: a\n  {symbol} [B]: b\n  + [C]: c\n"
    imported = read(text)
    c = imported.model.claims
    assert c["A"].opposes == ["B"] and c["B"].opposes == ["A"]
    assert c["C"].supports == ["A"]  # entails: support
    assert {code for code, _ in warnings(imported)} >= {"argdown-symmetric", "argdown-entails"}


def test_settings_that_are_not_key_value_pairs_mean_what_they_mean_to_argdown():
    """Found by the differential test: Argdown replaces such a group by an empty one, defaults and all."""
    imported = read(
        "===\nmodel: strict\n===\n\n[A]: a\n  - [B]: b\n\n<X>\n  +> [A]\n\n(1) [p]: p\n----\n(2) [c]: c\n"
    )
    assert imported.model.claims["B"].opposes == ["A"]  # no strict mode: a plain attack
    assert imported.model.claims["c"].supports == ["A"]  # mapped as Argdown leaves it: from <X>
    assert {code for code, _ in warnings(imported)} >= {"argdown-front-matter", "argdown-relation"}
    error = refused("===\nmodel:\n  shortcodes: null\n===\n\n[A]: :smile: a\n")
    assert error.startswith("x.argdown:6:6: error: special character :smile: cannot be read")
    assert claims("===\nmodel:\n  shortcodes: x\n===\n\n[A]: :smile: a\n")["A"].text == ":smile: a"
    assert (
        claims("===\nmodel:\n  shortcodes:\n    ':x:': {unicode: X}\n===\n\n[A]: :x: :+1:\n")["A"].text
        == "X 👍"
    )


def test_contradiction_is_opposition_both_ways_in_either_mode():
    c = claims("[A]: a\n  >< [B]: b\n")
    assert c["A"].opposes == ["B"] and c["B"].opposes == ["A"]


@pytest.mark.parametrize("marker", ["1.", "*"])
def test_list_items_are_separate_statements(marker):
    c = claims(f"{marker} [A]: first\n{marker} [B]: second\n{marker} third\n")
    assert [x.text for x in c.values()] == ["first", "second", "third"]


# --- defect 9: no internal keys in messages ------------------------------------------


def test_messages_about_untitled_elements_name_them_by_their_text():
    text = "one\n\none\n  + text\n\n(1) p\n----\n(2) c\n  +> x\n\n(1) q\n----\n(2) c\n"
    imported = read(text)
    for d in imported.diagnostics:
        assert "\n" not in d.message and "Untitled" not in d.message, d.message
    assert "c-argument" in imported.model.arguments


# --- defect 10: markup ---------------------------------------------------------------


def test_bold_and_italic_are_plain_text_as_argdown_has_it():
    imported = read("[A]: **strong** and _emphasised_ and __also__ *this*\n")
    assert imported.model.claims["A"].text == "strong and emphasised and also this"
    assert ("argdown-markup", 1) in warnings(imported)


def test_literal_markup_characters_survive_a_round_trip():
    model = ArgMap(
        argmap=1, claims={"a": Claim(text="5 * 3 = 15, **not** _x_ #tag [x] <y> @[z] :smile: .A.")}
    )
    text = export(model, "argdown")
    assert read(text).model == model


def test_links_keep_their_text_and_their_address_goes_in_the_note():
    imported = read("[A]: See [the report](https://example.org/r) now.\n")
    a = imported.model.claims["A"]
    assert a.text == "See the report now."
    assert a.note == "Link: “the report” → https://example.org/r"


def test_text_is_trimmed_as_javascript_trims_it():
    """Found by the differential test: JavaScript's trim() removes U+FEFF and keeps U+001C."""
    from argmap.formats.argdown.summary import summarise

    sections = summarise("# \ufeff x \x1c\n\n[A]: a\n")["sections"]
    assert sections[0]["title"] == "x \x1c"
    assert summarise("<A>\n\n(1) p\n-- \ufeffrule\u2003 --\n(2) c\n")["arguments"]["A"]["pcs"][1][
        "inference"
    ] == {"rules": ["rule"]}


def test_shortcodes_become_their_characters():
    assert claims("[A]: :+1: .A.x\n")["A"].text == "👍 ∀x"


# --- tags and data -------------------------------------------------------------------


def test_tags_at_either_end_become_tags_and_tags_inside_stay_words():
    c = claims("[A]: #lead we #must act now #energy #(policy debate)\n")
    assert c["A"].text == "we #must act now"
    assert c["A"].tags == ["lead", "must", "energy", "policy debate"]


def test_data_fields_are_kept_and_other_data_goes_in_the_note():
    imported = read('[A]: a {kind: evidence, by: "UN", weight: 0.25, colour: red, kind2: [1, 2]}\n')
    a = imported.model.claims["A"]
    assert (a.kind, a.by, a.weight) == (Kind.EVIDENCE, "UN", 0.25)
    assert a.note == "colour: red\nkind2: [1, 2]"


def test_data_argmap_cannot_hold_is_kept_in_the_note_not_refused():
    # Argdown accepts any data; an argmap field with a value argmap rejects is reported, never fatal
    imported = read("[A]: A statement. {kind: verdict, weight: 2}\n")
    a = imported.model.claims["A"]
    assert a.kind is Kind.CLAIM and a.weight is None
    assert a.note == "kind: verdict\nweight: 2"
    assert [code for code, _ in warnings(imported)] == ["argdown-data", "argdown-data"]


def test_block_data_and_yaml_1_2_values():
    c = claims("[A]: a\n{\nby: yes\nweight: 0.5\n}\n")
    assert c["A"].by == "yes"  # js-yaml reads `yes` as text, not true
    assert c["A"].weight == 0.5


# --- arguments and undercuts (issue 7) -----------------------------------------------


def test_a_reconstruction_is_an_argument_with_linked_premises():
    text = (
        "<Modus>: If P then Q, and P. {by: author}\n\n"
        "(1) [if]: If it is business as usual, there is no reason to hesitate.\n"
        "(2) [bau]: It is business as usual.\n"
        "-- modus ponens --\n"
        "(3) [go]: There is no reason to hesitate.\n"
    )
    model = read(text).model
    assert model.arguments == {
        "Modus": Argument(
            premises=["if", "bau"],
            supports="go",
            text="If P then Q, and P.",
            scheme="modus ponens",
            by="author",
        )
    }
    assert model.claims["if"].supports == []  # not flattened into independent reasons


def test_uses_picks_the_premises_and_intermediary_conclusions_chain():
    text = "<A>\n\n(1) [a]: a\n(2) [b]: b\n-- r {uses: [2]} --\n(3) [c]: c\n(4) [d]: d\n----\n(5) [e]: e\n"
    imported = read(text)
    args = imported.model.arguments
    assert args["A-1"].premises == ["b"] and args["A-1"].supports == "c"
    assert args["A-2"].premises == ["c", "d"] and args["A-2"].supports == "e"
    assert ("argdown-steps", 3) in warnings(imported)


def test_bad_uses_is_reported_and_the_statements_above_are_the_premises():
    imported = read("<A>\n\n(1) [a]: a\n-- r {uses: [7]} --\n(2) [c]: c\n")
    assert imported.model.arguments["A"].premises == ["a"]
    assert ("argdown-uses", 4) in warnings(imported)


@pytest.mark.parametrize(
    "text",
    [
        "[U]: u\n  _> <A>\n\n<A>\n\n(1) [p]: p\n----\n(2) [c]: c\n",  # incoming undercut
        "<A>\n  <_ [U]: u\n\n(1) [p]: p\n----\n(2) [c]: c\n",  # outgoing undercut under the argument
        "<A>\n\n(1) [p]: p\n----\n  <_ [U]: u\n(2) [c]: c\n",  # under the inference itself
        "<A>\n  _ [U]: u\n\n(1) [p]: p\n----\n(2) [c]: c\n",  # `_` alone
    ],
)
def test_undercuts_attack_the_step(text):
    model = read(text).model
    assert model.claims["U"].undercuts == ["A"]
    assert model.claims["U"].opposes == []
    assert model.arguments["A"].premises == ["p"] and model.arguments["A"].supports == "c"


def test_relations_of_a_reconstructed_argument_are_its_conclusions():
    model = read("<A>\n  +> [T]: t\n  -> [S]: s\n\n(1) [p]: p\n----\n(2) [c]: c\n").model
    assert model.claims["c"].supports == ["T"] and model.claims["c"].opposes == ["S"]


def test_an_attack_on_a_reconstruction_bears_on_its_premise():
    text = "<B>\n\n(1) [R]: r\n----\n(2) [D]: d\n\n[Y]: y\n  -> <B>\n\n[Z]: z\n  +> <B>\n"
    imported = read(text)
    assert imported.model.claims["Y"].opposes == ["R"]
    assert imported.model.claims["Z"].supports == ["R"]
    # with several premises Argdown does not say which: mapped to the conclusion, with a warning
    imported = read("<B>\n\n(1) [R]: r\n(2) [S]: s\n----\n(3) [D]: d\n\n[Y]: y\n  -> <B>\n")
    assert imported.model.claims["Y"].opposes == ["D"]
    assert ("argdown-argument-relation", 9) in warnings(imported)


def test_an_argument_without_reconstruction_is_a_claim_and_its_undercut_gets_a_step():
    imported = read("<A>: arg\n  +> [T]: target\n\n[U]: undercutter\n  _> <A>\n")
    model = imported.model
    assert model.claims["A"].text == "arg"
    assert model.arguments["A-step"] == Argument(premises=["A"], supports="T")
    assert model.claims["U"].undercuts == ["A-step"]
    assert model.claims["A"].supports == []  # the step is the argument now, not a plain support
    assert ("argdown-argument-as-claim", 1) in warnings(imported)


def test_an_undercut_of_a_plain_statement_is_opposition_with_a_warning():
    imported = read("[S]: s\n  _ [U]: u\n")
    assert imported.model.claims["U"].opposes == ["S"]
    assert ("argdown-undercut", 2) in warnings(imported)


def test_a_reconstruction_concluding_one_of_its_premises_is_settled():
    imported = read("<A>\n\n(1) [p]: p\n(2) [q]: q\n-- r {uses: [1, 2, 3]} --\n(3) [p]\n")
    # uses naming the conclusion itself is not a statement above it: the ones above are the premises
    assert imported.model.arguments["A"].premises == ["q"]


# --- writing ---------------------------------------------------------------------------


def test_seed_round_trip_is_lossless(seed):
    text = export(seed, "argdown")
    imported = parse(text, "argdown", "seed.argdown")
    assert imported.diagnostics == []
    assert imported.model == seed
    assert list(imported.model.claims) == list(seed.claims)
    first = next(iter(seed.claims))
    assert re.search(rf"^\[{re.escape(first)}\]: ", text, re.M)


def test_arguments_are_written_as_reconstructions_and_read_back():
    model = ArgMap.model_validate(
        {
            "argmap": 1,
            "claims": {
                "p": {"text": "p", "undercuts": ["against"]},
                "q": {"text": "q"},
                "c": {"text": "c"},
                "u": {"text": "u", "undercuts": ["pro"]},
            },
            "arguments": {
                "pro": {"premises": ["p", "q"], "supports": "c", "scheme": "modus ponens", "text": "gist"},
                "against": {"premises": ["q"], "opposes": "c", "by": "author", "tags": ["x"]},
                "cut": {"premises": ["q", "c"], "undercuts": "pro", "scheme": "a, b, c"},
            },
        }
    )
    text = export(model, "argdown")
    assert "<pro>: gist\n\n(1) [p]\n(2) [q]\n-- modus ponens --\n(3) [c]\n" in text
    assert '(2) [against]: Against: c {argmap: "opposes"}\n  -> [c]\n' in text
    assert "  _> <pro>\n" in text
    imported = read(text)
    assert imported.model == model
    assert warnings(imported) == []


@PROPERTY
@given(argmaps())
def test_generated_maps_round_trip(model):
    imported = parse(export(model, "argdown"), "argdown", "gen.argdown")
    assert [d.format() for d in imported.diagnostics] == []
    assert imported.model == model


def test_plain_documents_get_positions():
    model = read("[T]: The thesis.\n  + [R]: A reason.\n    - [O]: An objection.\n").model
    assert model.claims["T"].kind is Kind.POSITION
    assert model.claims["R"].kind is Kind.CLAIM


def test_settles_what_argmap_rejects():
    imported = read("[A]: a\n  + [A]\n  + [B]: b\n  - [B]\n  + [B]\n")
    assert imported.model.claims["B"].supports == ["A"]
    assert imported.model.claims["B"].opposes == []
    assert [code for code, _ in warnings(imported)] == ["self-relation", "supports-and-opposes"]
    # all that is left for the checker is what the source lacks: a question for its thesis
    assert [d.code for d in check(load_text(dump_map(imported.model))).diagnostics] == ["no-question"]


# --- files Argdown rejects -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("[A]: a\n\n  + [B]: b\n", "3:1", "a relation cannot start a paragraph"),
        ("[A]: x\n+ [B]: y\n", "2:1", "relation '+' has nothing above it to relate to"),
        ("[A]: x {by: a: b}\n", "1:14", "the {data} block is not valid YAML"),
        ("[A]: x {a: 1, a: 2}\n", "1:15", "the key 'a' is given twice"),
        ("===\ntitle: [\n===\n\n[A]: x\n", "3:1", "the front matter is not valid YAML"),
        ("[A]: x\n\n----\n(2) [B]: y\n", "3:1", "must follow the numbered premises, with no empty line"),
        ("[A]: x\n----\n(2) [B]: y\n", "2:1", "outside a premise–conclusion structure"),
        ("<A>\n\n(1) [P]: p\n(2) [Q]: q\n", "4:11", "needs an inference line and a conclusion"),
        ("<A>\n\n(1) [P]: p\n--\nrule\n", "5:5", "the inference is not closed"),
        ("<A>\n\n(1) [P]: p\n----\n", "4:5", "an inference must be followed by its conclusion"),
        ("<A>\n\n(1) [P]: p\n---- x\n(2) c", "4:6", "the inference line must end there"),
        ("[A]: a \\\n", "1:8", "a backslash escapes nothing"),
        ("[A]: **bold\n", "1:12", "bold text opened with '**' is never closed"),
        ("<A>\n\n(1) p\n----\n(2) q\n\n<A>\n\n(1) r\n----\n(2) s\n", "9:1", "two premise–conclusion"),
        ("[A] text\n", "1:5", "text after a reference"),
        ("(1) <A>\n----\n(2) b\n", "1:5", "an argument cannot be a premise or a conclusion"),
        ("// only a comment\n", "1:18", "the document has no statements or arguments"),
        ("/* only a comment */", "1:1", "the document has no statements or arguments"),
    ],
)
def test_files_argdown_rejects_are_refused_where_argdown_stops(text, where, message):
    error = refused(text)
    assert error.startswith(f"x.argdown:{where}: error: "), error
    assert message in error


def test_files_argdown_accepts_are_never_refused():
    # an unclosed '/*' or '{' is text to Argdown, so it is text here too
    assert claims("[A]: a\n\n/* never closed\n")["never-closed"].text == "/* never closed"
    assert claims('[A]: a {by: "x"\n')["A"].text == 'a {by: "x"'
    # a definition with no text is a statement with no text: its title stands in, with a warning
    imported = read("[A]:\n")
    assert imported.model.claims["A"].text == "A" and ("no-text", 1) in warnings(imported)


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
        "**",
        "_",
        "1. ",
        "* ",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(ARGDOWN_PIECES, max_size=30).map("".join))
def test_import_never_crashes_and_what_it_reads_is_a_map(text):
    imported = parse(text, "argdown", "fuzz.argdown")
    assert imported.ok == (imported.model is not None)
    if imported.model is not None:
        assert load_text(dump_map(imported.model)).model == imported.model
        assert not [
            d for d in check(load_text(dump_map(imported.model))).diagnostics if d.severity is Severity.ERROR
        ]
    else:
        assert all(d.pos is not None for d in imported.diagnostics if d.severity is Severity.ERROR)
