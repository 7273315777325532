"""The editing core: exact diffs of every kind of edit, undo, atomic and guarded saves.

The golden diffs in tests/editing/expected/ were written by running each edit once and
reading the diff line by line against the rules in argmap/editing/session.py; a change in
any of them is a change in what users see in their files.
"""

from __future__ import annotations

import difflib
import os
import random
import re
import shutil
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.check import check_file
from argmap.editing import (
    ChangedOnDisk,
    EditError,
    MapEditor,
    MapUnreadable,
    validate_field,
    validate_id,
    validate_map_field,
)
from tests.conftest import REPO, SEED_MAP

HERE = Path(__file__).resolve().parent / "editing"
COMMENTED = HERE / "commented.yaml"
EXPECTED = HERE / "expected"

Edit = Callable[[MapEditor], Any]

#: name -> (edit, check of the saved map's model)
CASES: dict[str, tuple[Edit, Callable[[Any], bool]]] = {
    "set-text-quoted": (
        lambda e: e.set_claim_field("tea", "text", "Tea, obviously."),
        lambda m: m.claims["tea"].text == "Tea, obviously.",
    ),
    "set-text-needs-quotes": (
        lambda e: e.set_claim_field("no-lasting-effect", "text", "It's fine: really"),
        lambda m: m.claims["no-lasting-effect"].text == "It's fine: really",
    ),
    "set-by-yaml11-bool": (
        lambda e: e.set_claim_field("tea", "by", "yes"),
        lambda m: m.claims["tea"].by == "yes",
    ),
    "set-weight-from-text": (
        lambda e: e.set_claim_field("no-lasting-effect", "weight", "0.9"),
        lambda m: m.claims["no-lasting-effect"].weight == 0.9,
    ),
    "change-weight": (
        lambda e: e.set_claim_field("blood-pressure", "weight", 0.25),
        lambda m: m.claims["blood-pressure"].weight == 0.25,
    ),
    "remove-folded-note": (
        lambda e: e.set_claim_field("less-caffeine", "note", None),
        lambda m: m.claims["less-caffeine"].note is None,
    ),
    "remove-first-field": (
        lambda e: e.set_claim_field("coffee", "kind", None),
        lambda m: m.claims["coffee"].kind == "claim",
    ),
    "quote-string-to-list": (
        lambda e: e.set_claim_field("awake", "quote", ["Coffee keeps people awake", "offices run on it"]),
        lambda m: m.claims["awake"].quote == ["Coffee keeps people awake", "offices run on it"],
    ),
    "quote-one-item-stays-string": (
        lambda e: e.set_claim_field("no-lasting-effect", "quote", ["most find no lasting effect"]),
        lambda m: m.claims["no-lasting-effect"].quote == ["most find no lasting effect"],
    ),
    "tags-flow": (
        lambda e: e.set_claim_field("awake", "tags", ["health", "sleep"]),
        lambda m: m.claims["awake"].tags == ["health", "sleep"],
    ),
    "link-new-field": (
        lambda e: e.link("no-lasting-effect", "coffee", "supports"),
        lambda m: m.claims["no-lasting-effect"].supports == ["coffee"],
    ),
    "link-lone-string": (
        lambda e: e.link("no-lasting-effect", "awake", "opposes"),
        lambda m: m.claims["no-lasting-effect"].opposes == ["blood-pressure", "awake"],
    ),
    "link-block-list": (
        lambda e: e.link("blood-pressure", "tea", "opposes"),
        lambda m: m.claims["blood-pressure"].opposes == ["awake", "coffee", "tea"],
    ),
    "unlink-commented-item": (
        lambda e: e.unlink("blood-pressure", "awake"),
        lambda m: m.claims["blood-pressure"].opposes == ["coffee"],
    ),
    "unlink-empties-list": (
        lambda e: e.unlink("awake", "coffee"),
        lambda m: m.claims["awake"].supports == [],
    ),
    "move-relation": (
        lambda e: e.move("blood-pressure", "coffee", "tea", "supports"),
        lambda m: (
            m.claims["blood-pressure"].supports == ["tea"] and m.claims["blood-pressure"].opposes == ["awake"]
        ),
    ),
    "move-same-relation": (
        lambda e: e.move("awake", "coffee", "less-caffeine", "supports"),
        lambda m: m.claims["awake"].supports == ["less-caffeine"],
    ),
    "add-claim-under-target": (
        lambda e: e.add_claim("Tea is calming", supports=["tea"], by="author"),
        lambda m: list(m.claims)[4] == "tea-is-calming" and m.claims["tea-is-calming"].supports == ["tea"],
    ),
    "add-claim-at-end": (
        lambda e: e.add_claim("Water is free", kind="position", id="water"),
        lambda m: list(m.claims)[-1] == "water" and m.claims["water"].kind == "position",
    ),
    "add-claim-after": (
        lambda e: e.add_claim("Cheap", quote="half a cup", opposes=["tea"], after="coffee"),
        lambda m: list(m.claims)[1] == "cheap" and m.claims["cheap"].quote == ["half a cup"],
    ),
    "rename-claim": (
        lambda e: e.rename_claim("awake", "keeps-awake"),
        lambda m: (
            "keeps-awake" in m.claims and m.claims["blood-pressure"].opposes == ["keeps-awake", "coffee"]
        ),
    ),
    "delete-with-references": (
        lambda e: e.delete_claim("blood-pressure"),
        lambda m: "blood-pressure" not in m.claims and m.claims["no-lasting-effect"].opposes == [],
    ),
    "delete-first": (
        lambda e: e.delete_claim("coffee"),
        lambda m: next(iter(m.claims)) == "tea" and m.claims["tea"].opposes == [],
    ),
    "delete-last": (
        lambda e: e.delete_claim("no-lasting-effect"),
        lambda m: list(m.claims)[-1] == "blood-pressure",
    ),
    "reorder-up": (
        lambda e: e.reorder("awake", -1),
        lambda m: list(m.claims)[:3] == ["coffee", "awake", "tea"],
    ),
    "reorder-down-to-end": (
        lambda e: e.reorder("blood-pressure", 5),
        lambda m: list(m.claims)[-1] == "blood-pressure",
    ),
    "map-title": (
        lambda e: e.set_map_field(("title",), "Coffee or tea?"),
        lambda m: m.title == "Coffee or tea?",
    ),
    "map-add-source-url": (
        lambda e: e.set_map_field(("source", "url"), "https://example.org/tea"),
        lambda m: m.source.url == "https://example.org/tea",
    ),
    "map-remove-question": (
        lambda e: e.set_map_field(("question",), None),
        lambda m: m.question is None,
    ),
}


def unified(before: str, after: str) -> str:
    return "".join(
        difflib.unified_diff(
            before.splitlines(True), after.splitlines(True), "a/commented.yaml", "b/commented.yaml", n=1
        )
    )


@pytest.fixture
def commented(tmp_path: Path) -> Path:
    shutil.copy(HERE / "article.txt", tmp_path / "article.txt")
    return Path(shutil.copy(COMMENTED, tmp_path / "commented.yaml"))


def saved_after(path: Path, edit: Edit) -> str:
    editor = MapEditor.open(path)
    edit(editor)
    editor.save()
    return path.read_text(encoding="utf-8")


# --- exact diffs -------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_edit_changes_exactly_the_expected_lines(commented: Path, name: str) -> None:
    edit, holds = CASES[name]
    before = commented.read_text(encoding="utf-8")
    after = saved_after(commented, edit)
    assert unified(before, after) == (EXPECTED / f"{name}.diff").read_text(encoding="utf-8")
    doc = check_file(commented)
    assert doc.model is not None and doc.ok, [d.format() for d in doc.diagnostics]
    assert holds(doc.model)


def test_every_golden_diff_has_a_case() -> None:
    assert {p.stem for p in EXPECTED.glob("*.diff")} == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_undo_restores_the_exact_text(commented: Path, name: str) -> None:
    editor = MapEditor.open(commented)
    original = editor.text
    CASES[name][0](editor)
    assert editor.dirty and editor.can_undo
    edited = editor.text
    assert editor.undo() and editor.text == original and not editor.dirty
    assert editor.redo() and editor.text == edited


@pytest.mark.parametrize("path", [COMMENTED, SEED_MAP], ids=["commented", "seed"])
def test_open_and_save_without_edits_is_byte_identical(tmp_path: Path, path: Path) -> None:
    copy = tmp_path / path.name
    copy.write_bytes(path.read_bytes())
    MapEditor.open(copy).save()
    assert copy.read_bytes() == path.read_bytes()


def test_one_field_edit_in_the_seed_map_changes_one_line(tmp_path: Path) -> None:
    copy = Path(shutil.copy(SEED_MAP, tmp_path / "seed.yaml"))
    before = copy.read_text(encoding="utf-8").splitlines()
    editor = MapEditor.open(copy)
    cid = editor.claim_ids()[3]
    editor.set_claim_field(cid, "by", "someone else")
    editor.save()
    after = copy.read_text(encoding="utf-8").splitlines()
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert len(changed) == 1 and after[changed[0]].strip() == "by: someone else"


def test_a_new_position_can_answer_a_further_question(tmp_path: Path) -> None:
    copy = Path(shutil.copy(SEED_MAP, tmp_path / "seed.yaml"))
    editor = MapEditor.open(copy)
    cid = editor.add_claim("Keep sanctions until the North moves.", kind="position", answers="way-forward")
    assert editor.claim(cid)["answers"] == "way-forward"
    assert "way-forward" in [q.id for q in editor.model.question_groups() if cid in q.positions]
    with pytest.raises(EditError):
        editor.add_claim("Bad id in answers.", kind="position", answers="not an id")


def test_further_questions_are_set_added_and_removed_in_place(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    path.write_text("argmap: 1\ntitle: t  # keep me\nquestion: Q?\nclaims: {}\n", encoding="utf-8")
    editor = MapEditor.open(path)
    editor.set_map_field(("questions", "next"), "What next?")
    assert (
        editor.text
        == "argmap: 1\ntitle: t  # keep me\nquestion: Q?\nquestions:\n  next: What next?\nclaims: {}\n"
    )
    editor.set_map_field(("questions", "then"), "And then?")
    editor.set_map_field(("questions", "next"), None)
    assert editor.model.questions == {"then": "And then?"}
    with pytest.raises(EditError):
        editor.set_map_field(("questions", "bad id"), "Text?")
    before = editor.text
    editor.set_map_field(("questions", "empty"), "   ")  # blank means "no such question": nothing to do
    assert editor.text == before
    while editor.undo():
        pass
    assert editor.text == path.read_text(encoding="utf-8")


# --- file format -----------------------------------------------------------------------------


def test_crlf_bom_and_missing_final_newline_are_kept(tmp_path: Path) -> None:
    raw = "\ufeffargmap: 1\r\nclaims:\r\n  a:   # first\r\n    text: A\r\n  b:\r\n    text: B"
    path = tmp_path / "crlf.yaml"
    path.write_bytes(raw.encode("utf-8"))
    editor = MapEditor.open(path)
    editor.link("b", "a", "supports")
    editor.save()
    assert path.read_bytes() == (raw + "\r\n    supports: [a]").encode("utf-8")


def test_line_separators_inside_quotes_do_not_shift_edits(tmp_path: Path) -> None:
    text = 'argmap: 1\nclaims:\n  a:\n    text: "one\u2028two\x85three"\n  b:\n    text: B\n'
    path = tmp_path / "sep.yaml"
    path.write_text(text, encoding="utf-8")
    editor = MapEditor.open(path)
    editor.set_claim_field("b", "text", "B2")
    assert editor.text == text.replace("text: B\n", "text: B2\n")


def test_yaml_11_look_alikes_are_written_as_text(commented: Path) -> None:
    editor = MapEditor.open(commented)
    values = ["yes", "off", "1:20", "0x1F", "null", "~", "12", "1.5", "2021-09-20", "#hash", "a: b", "- x"]
    for value in values:
        editor.set_claim_field("tea", "by", value)
        assert editor.model.claims["tea"].by == value, editor.text


def test_long_lines_are_never_folded(commented: Path) -> None:
    long = " ".join(["word"] * 200)
    editor = MapEditor.open(commented)
    editor.set_claim_field("tea", "note", long)
    assert f"    note: {long}\n" in editor.text


# --- hand and editor in turn ---------------------------------------------------------------


def comments_of(text: str) -> list[str]:
    """Every comment in the text (whole-line and end-of-line), without its indentation."""
    return [
        line[line.index("#") :].strip()
        for line in text.splitlines()
        if " #" in line or line.lstrip().startswith("#")
    ]


def test_editor_then_hand_then_editor_keeps_every_comment(commented: Path) -> None:
    original = comments_of(commented.read_text(encoding="utf-8"))
    editor = MapEditor.open(commented)
    editor.set_claim_field("awake", "text", "Coffee keeps you awake.")
    editor.add_claim("Tea is calming", supports=["tea"])
    editor.save()
    by_hand = commented.read_text(encoding="utf-8").replace(
        "  tea-is-calming:\n", "  # added by hand after the editor\n  tea-is-calming:   # mine\n"
    )
    commented.write_text(by_hand, encoding="utf-8")
    again = MapEditor.open(commented)
    again.link("tea-is-calming", "coffee", "opposes")
    again.set_claim_field("tea", "text", "Stock tea.")
    again.reorder("tea-is-calming", -1)
    again.save()
    final = comments_of(commented.read_text(encoding="utf-8"))
    for comment in [*original, "# added by hand after the editor", "# mine"]:
        assert comment in final
    assert check_file(commented).ok


# --- a random walk of edits against a plain-data oracle -----------------------------------


class Oracle:
    """What the model must be after each edit, computed on plain dicts."""

    def __init__(self, editor: MapEditor):
        self.claims = model_view(editor)

    def refs(self, cid: str, rel: str) -> list[str]:
        return self.claims[cid].setdefault(rel, [])

    def as_seen(self) -> dict[str, dict[str, Any]]:
        return {cid: {k: v for k, v in c.items() if v not in ([], None)} for cid, c in self.claims.items()}


def model_view(editor: MapEditor) -> dict[str, dict[str, Any]]:
    out = {}
    for cid, claim in editor.model.claims.items():
        data = claim.model_dump(exclude_defaults=True, mode="json")
        out[cid] = {k: v for k, v in data.items() if v not in ([], None)}
    return out


def random_edit(rng: random.Random, editor: MapEditor, oracle: Oracle) -> None:
    ids = list(oracle.claims)
    cid = rng.choice(ids)
    action = rng.choice(["text", "link", "unlink", "rename", "delete", "add", "reorder", "tags"])
    if action == "text":
        text = rng.choice(["plain words", "with: colon", "yes", "quote's", "#not a comment"])
        old = oracle.claims[cid]["text"]
        editor.set_claim_field(cid, "text", text)
        oracle.claims[cid]["text"] = text + old[len(old.rstrip("\n")) :]  # a `>` block keeps its end
    elif action == "tags":
        tags = rng.sample(["a", "b", "on", "1.0"], rng.randint(0, 3))
        editor.set_claim_field(cid, "tags", tags)
        oracle.claims[cid]["tags"] = tags
    elif action == "link":
        target = rng.choice(ids)
        rel = rng.choice(["supports", "opposes"])
        linked = oracle.refs(cid, "supports") + oracle.refs(cid, "opposes")
        if target == cid or target in linked:
            with pytest.raises(EditError):
                editor.link(cid, target, rel)
            return
        editor.link(cid, target, rel)
        oracle.refs(cid, rel).append(target)
    elif action == "unlink":
        linked = oracle.refs(cid, "supports") + oracle.refs(cid, "opposes")
        if not linked:
            return
        target = rng.choice(linked)
        editor.unlink(cid, target)
        for rel in ("supports", "opposes"):
            oracle.claims[cid][rel] = [t for t in oracle.refs(cid, rel) if t != target]
    elif action == "rename":
        new = f"r{rng.randrange(10**6)}"
        editor.rename_claim(cid, new)
        oracle.claims = {new if k == cid else k: v for k, v in oracle.claims.items()}
        for claim in oracle.claims.values():
            for rel in ("supports", "opposes"):
                claim[rel] = [new if t == cid else t for t in claim.get(rel, [])]
    elif action == "delete" and len(ids) > 3:
        # arguments that conclude on the claim go with it, and so do the undercuts aimed at them
        arguments = {aid: editor.argument(aid) for aid in editor.argument_ids()}
        gone = {aid for aid, a in arguments.items() if cid in (a.get("supports"), a.get("opposes"))}
        while more := {a for a, arg in arguments.items() if arg.get("undercuts") in gone} - gone:
            gone |= more
        try:
            editor.delete_claim(cid)
        except EditError as exc:  # the only premise of an argument that stays
            assert "only premise" in str(exc)
            return
        del oracle.claims[cid]
        for claim in oracle.claims.values():
            for rel in ("supports", "opposes"):
                claim[rel] = [t for t in claim.get(rel, []) if t != cid]
            if claim.get("undercuts"):
                claim["undercuts"] = [a for a in claim["undercuts"] if a not in gone]
    elif action == "add":
        new = editor.add_claim("A new claim", supports=[cid])
        oracle.claims[new] = {"text": "A new claim", "supports": [cid]}
        order = editor.claim_ids()
        oracle.claims = {k: oracle.claims[k] for k in order}
    elif action == "reorder":
        editor.reorder(cid, rng.choice([-2, -1, 1, 3]))
        oracle.claims = {k: oracle.claims[k] for k in editor.claim_ids()}


@pytest.mark.parametrize("seed", [7, 8])
def test_random_edits_on_the_seed_map_match_the_oracle(tmp_path: Path, seed: int) -> None:
    path = Path(shutil.copy(SEED_MAP, tmp_path / "seed.yaml"))
    rng = random.Random(seed)
    editor = MapEditor.open(path)
    oracle = Oracle(editor)
    original = editor.text
    for _ in range(100):
        random_edit(rng, editor, oracle)
        assert model_view(editor) == oracle.as_seen()
    editor.save()
    assert model_view(MapEditor.open(path)) == oracle.as_seen()
    while editor.undo():
        pass
    assert editor.text == original


def test_random_edits_keep_model_and_comments(commented: Path) -> None:
    rng = random.Random(7)
    editor = MapEditor.open(commented)
    oracle = Oracle(editor)
    texts = [editor.text]
    for _ in range(150):
        random_edit(rng, editor, oracle)
        assert model_view(editor) == oracle.as_seen()
        assert list(editor.model.claims) == editor.claim_ids()
        texts.append(editor.text)
    editor.save()
    assert check_file(commented).model is not None
    for comment in (
        "# Hand-written map for the editor's round-trip tests.",
        "# trailing comment at the end of the file",
    ):
        assert comment in commented.read_text(encoding="utf-8")
    steps = 0
    while editor.undo():
        steps += 1
    assert editor.text == texts[0]
    assert steps >= 100  # most random edits were real edits, each one step


# --- history ------------------------------------------------------------------------------


def test_undo_redo_chain_and_new_edit_clears_redo(commented: Path) -> None:
    editor = MapEditor.open(commented)
    states = [editor.text]
    editor.set_claim_field("tea", "text", "One")
    states.append(editor.text)
    editor.delete_claim("awake")
    states.append(editor.text)
    editor.rename_claim("tea", "tee")
    states.append(editor.text)
    assert editor.undo_label == "rename 'tea' to 'tee'"
    assert editor.undo() and editor.undo()
    assert editor.text == states[1] and editor.can_redo
    assert editor.redo() and editor.text == states[2]
    editor.set_claim_field("coffee", "by", "me")
    assert not editor.can_redo and not editor.redo()
    while editor.undo():
        pass
    assert editor.text == states[0] and not editor.dirty


def test_a_no_op_edit_is_not_a_step(commented: Path) -> None:
    editor = MapEditor.open(commented)
    editor.set_claim_field("tea", "text", "The office should stock tea.")
    editor.set_claim_field("awake", "kind", "claim")
    editor.set_claim_field("awake", "weight", None)
    assert not editor.can_undo and not editor.dirty
    assert editor.reorder("coffee", -1) is False


# --- refusals -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda e: e.set_claim_field("nope", "text", "x"), "no claim 'nope'"),
        (lambda e: e.set_claim_field("tea", "text", "  "), "a claim needs a text"),
        (lambda e: e.set_claim_field("tea", "kind", "posiion"), "unknown kind 'posiion'"),
        (lambda e: e.set_claim_field("tea", "weight", 2), "between 0 and 1"),
        (lambda e: e.set_claim_field("tea", "colour", "red"), "unknown claim field 'colour'"),
        (lambda e: e.set_claim_field("tea", "supports", ["tea"]), "cannot support itself"),
        (lambda e: e.set_claim_field("tea", "supports", ["cofee"]), "no claim 'cofee'"),
        (lambda e: e.link("tea", "coffee", "opposes"), "already opposes 'coffee'"),
        (lambda e: e.link("tea", "coffee", "supports"), "both support and oppose"),
        (lambda e: e.link("tea", "tea", "supports"), "cannot support itself"),
        (lambda e: e.link("tea", "coffee", "endorses"), "unknown relation"),
        (lambda e: e.unlink("tea", "awake"), "neither supports nor opposes"),
        (lambda e: e.rename_claim("tea", "coffee"), "already a claim or argument 'coffee'"),
        (lambda e: e.rename_claim("tea", "green tea"), "not a valid claim id"),
        (lambda e: e.add_claim("x", id="-bad"), "not a valid claim id"),
        (lambda e: e.add_claim("x", supports=["ghost"]), "no claim 'ghost'"),
        (lambda e: e.set_map_field(("source", "url"), "ftp://x"), "not a web address"),
        (lambda e: e.set_map_field(("argmap",), 2), "cannot be set here"),
    ],
)
def test_invalid_edits_are_refused_and_change_nothing(commented: Path, edit: Edit, message: str) -> None:
    editor = MapEditor.open(commented)
    before = editor.text
    with pytest.raises(EditError, match=message):
        edit(editor)
    assert editor.text == before and not editor.can_undo


def test_validation_for_as_you_type_checks() -> None:
    assert validate_field("weight", "0.5") is None
    assert "between 0 and 1" in (validate_field("weight", "1.5") or "")
    assert "a number" in (validate_field("weight", "lots") or "")
    assert "kind" in (validate_field("kind", "opinion") or "")
    assert validate_field("quote", ["a", "b"]) is None
    assert validate_id("good-id.2") is None
    assert "did you mean 'bad-id'" in (validate_id("bad id") or "")
    assert validate_map_field(("source", "url"), "https://x.org") is None
    assert "web address" in (validate_map_field(("source", "url"), "x.org") or "")


def test_references_and_suggested_ids(commented: Path) -> None:
    editor = MapEditor.open(commented)
    assert editor.references_to("coffee") == [
        ("tea", "opposes"),
        ("awake", "supports"),
        ("blood-pressure", "opposes"),
    ]
    assert editor.suggest_id("Coffee keeps people awake, all day long, every day of the week") == (
        "coffee-keeps-people-awake-all"
    )
    assert editor.suggest_id("  ") == "claim"
    editor.add_claim("Tea", id="tea-2")
    assert editor.suggest_id("tea") == "tea-3"


# --- opening -----------------------------------------------------------------------------------


def test_a_map_that_does_not_parse_gives_the_checkers_errors(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text('argmap: 1\nclaims:\n  a:\n    text: "open quote\n', encoding="utf-8")
    with pytest.raises(MapUnreadable) as info:
        MapEditor.open(path)
    expected = [d.format() for d in check_file(path).diagnostics]
    assert [d.format() for d in info.value.diagnostics] == expected and expected


def test_a_map_with_check_errors_still_opens(tmp_path: Path) -> None:
    path = tmp_path / "invalid.yaml"
    path.write_text(
        "argmap: 1\nclaims:\n  a:\n    text: A\n    supports: [ghost]\n  b: 5\n", encoding="utf-8"
    )
    editor = MapEditor.open(path)
    codes = {d.code for d in editor.document.diagnostics}
    assert {"unknown-ref", "wrong-type"} <= codes
    editor.unlink("a", "ghost")
    assert "unknown-ref" not in {d.code for d in editor.document.diagnostics}


def test_a_missing_file_starts_a_new_map_written_only_on_save(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()  # a project folder: the map may read articles anywhere in it
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "art.txt").write_text("Some words here.\n", encoding="utf-8")
    path = tmp_path / "maps" / "my-new_map.yaml"
    path.parent.mkdir()
    editor = MapEditor.open(path, source=tmp_path / "texts" / "art.txt")
    assert editor.dirty and not path.exists() and editor.claim_ids() == []
    assert editor.model.title == "My new map" and editor.model.source.file == "../texts/art.txt"
    position = editor.add_claim("Yes", kind="position")
    editor.add_claim("Because", supports=[position], quote="Some words")
    editor.save()
    assert not editor.dirty and check_file(path).ok
    editor.delete_claim("because")
    editor.delete_claim(position)
    assert "claims: {}\n" in editor.text and editor.model.claims == {}


def test_an_empty_file_opens_as_a_new_map(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("\n", encoding="utf-8")
    editor = MapEditor.open(path)
    assert editor.dirty and editor.model is not None and not editor.changed_on_disk()


def test_claims_in_flow_style_are_read_but_not_edited(tmp_path: Path) -> None:
    path = tmp_path / "flow.yaml"
    path.write_text("argmap: 1\nclaims: {a: {text: A}}\n", encoding="utf-8")
    editor = MapEditor.open(path)
    assert editor.claim_ids() == ["a"]
    with pytest.raises(EditError, match="not written as a block mapping"):
        editor.set_claim_field("a", "text", "B")


def test_a_claim_in_flow_style_is_edited_in_place(tmp_path: Path) -> None:
    path = tmp_path / "flowclaim.yaml"
    path.write_text("argmap: 1\nclaims:\n  a: {text: A}   # terse\n  b:\n    text: B\n", encoding="utf-8")
    editor = MapEditor.open(path)
    editor.set_claim_field("a", "by", "me")
    assert editor.text == "argmap: 1\nclaims:\n  a: {text: A, by: me}   # terse\n  b:\n    text: B\n"


FLOW_CLAIM = """\
argmap: 1
claims:
  a:
    text: A
  b: {text: "Bee is a claim",   # why
      supports: [a], tags: [x]}
"""


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda e: e.set_claim_field("b", "text", "Bee, edited"), '  b: {text: "Bee, edited",   # why\n'),
        (lambda e: e.set_claim_field("b", "by", "me"), "      supports: [a], tags: [x], by: me}\n"),
        (
            lambda e: e.set_claim_field("b", "tags", ["x", "y: z"]),
            '      supports: [a], tags: [x, "y: z"]}\n',
        ),
        (lambda e: e.set_claim_field("b", "tags", None), "      supports: [a]}\n"),
        (lambda e: e.set_claim_field("b", "supports", None), "      tags: [x]}\n"),
        (lambda e: e.rename_claim("a", "aa"), ("  aa:\n", "      supports: [aa], tags: [x]}\n")),
    ],
    ids=["text", "add-field", "list", "remove-last", "remove-middle", "rename-reference"],
)
def test_a_flow_claim_over_two_lines_keeps_its_lines(
    tmp_path: Path, edit: Edit, expected: str | tuple[str, ...]
) -> None:
    """Only the edited value changes: the mapping keeps its line break, comment and other fields."""
    path = tmp_path / "flow2.yaml"
    path.write_text(FLOW_CLAIM, encoding="utf-8")
    editor = MapEditor.open(path)
    edit(editor)
    new = editor.text.splitlines(keepends=True)
    old = FLOW_CLAIM.splitlines(keepends=True)
    assert len(new) == len(old)
    changed = [line for line, was in zip(new, old, strict=True) if line != was]
    assert changed == ([expected] if isinstance(expected, str) else list(expected))
    assert editor.document.ok


FOLDED = """\
argmap: 1
claims:
  a:
    text: >
      The launches are weapons tests to further
      the North's military capabilities, with no
      hidden diplomatic message.
    by: author
  b:
    text: |
      Line one.
      Line two.
"""


def test_editing_a_folded_text_keeps_its_style_and_gains_no_line_break(tmp_path: Path) -> None:
    path = tmp_path / "folded.yaml"
    path.write_text(FOLDED, encoding="utf-8")
    editor = MapEditor.open(path)
    before = editor.claim("a")["text"]
    assert before.endswith("message.\n")
    # what the detail panel sends: the text as typed, without the block's final line break
    editor.set_claim_field("a", "text", before.rstrip("\n") + " EDITED")
    assert editor.claim("a")["text"] == before.rstrip("\n") + " EDITED\n"
    assert editor.text == FOLDED.replace(
        "      hidden diplomatic message.\n", "      hidden diplomatic message. EDITED\n"
    )
    # a longer text is folded at the width the block already had
    long = "word " * 30 + "end"
    editor.set_claim_field("a", "text", long)
    lines = editor.text.split("    by: author")[0].splitlines()[4:]
    assert lines and all(len(line) <= 6 + 44 for line in lines) and len(lines) > 2
    assert editor.claim("a")["text"] == long + "\n"
    # a literal block stays literal, its lines kept
    editor.set_claim_field("b", "text", "Line one.\nLine two, edited.")
    assert editor.text.endswith("    text: |\n      Line one.\n      Line two, edited.\n")
    # unchanged text (what the panel shows, without the final break) is no edit at all
    editor.undo()
    assert not editor.can_redo or editor.redo()
    steps = editor.undo_label
    editor.set_claim_field("b", "text", editor.claim("b")["text"].rstrip("\n"))
    assert editor.undo_label == steps


def test_a_further_question_is_deleted_and_its_positions_answer_the_main_one(tmp_path: Path) -> None:
    text = (
        "argmap: 1\nquestion: Q?\nquestions:\n  how: How?\n  why: Why?\nclaims:\n"
        "  a:\n    kind: position\n    text: A\n    answers: how\n"
        "  b:\n    kind: position\n    text: B\n"
    )
    path = tmp_path / "q.yaml"
    path.write_text(text, encoding="utf-8")
    editor = MapEditor.open(path)
    assert editor.delete_question("how") == ["a"]
    assert editor.text == text.replace("  how: How?\n", "").replace("    answers: how\n", "")
    assert editor.undo_label == "delete question 'how'"
    assert editor.document.ok
    editor.delete_question("why")
    assert "questions" not in editor.text
    with pytest.raises(EditError, match="no question 'nope'"):
        editor.delete_question("nope")
    editor.undo()
    editor.undo()
    assert editor.text == text


def test_a_misspelt_field_is_renamed_or_removed_in_place(tmp_path: Path) -> None:
    text = "argmap: 1\nclaims:\n  a:\n    text: A\n  b:\n    text: B\n    suports: [a]  # why\n    by: me\n"
    path = tmp_path / "typo.yaml"
    path.write_text(text, encoding="utf-8")
    editor = MapEditor.open(path)
    assert not editor.document.ok
    editor.rename_field("b", "suports", "supports")
    assert editor.text == text.replace("suports:", "supports:")
    assert editor.document.ok
    editor.undo()
    editor.remove_field("b", "suports")
    assert editor.text == text.replace("    suports: [a]  # why\n", "")
    editor.undo()
    with pytest.raises(EditError, match="already has a field 'by'"):
        editor.rename_field("b", "suports", "by")
    with pytest.raises(EditError, match="has no field 'nope'"):
        editor.remove_field("b", "nope")


# --- saving -------------------------------------------------------------------------------------


def test_save_keeps_the_file_mode(commented: Path) -> None:
    os.chmod(commented, 0o640)
    editor = MapEditor.open(commented)
    editor.set_claim_field("tea", "text", "T")
    editor.save()
    assert stat.S_IMODE(commented.stat().st_mode) == 0o640


def test_a_failed_rename_leaves_the_old_file_and_no_temporary(
    commented: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = commented.read_bytes()
    editor = MapEditor.open(commented)
    editor.set_claim_field("tea", "text", "T")

    def killed(src: str, dst: str) -> None:
        raise KeyboardInterrupt("killed during save")

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        editor.save()
    assert commented.read_bytes() == before
    assert sorted(p.name for p in commented.parent.iterdir()) == ["article.txt", "commented.yaml"]
    assert editor.dirty
    monkeypatch.undo()
    editor.save()
    assert not editor.dirty and b'text: "T"' in commented.read_bytes()


def test_changed_on_disk_guard_force_and_undoable_reload(commented: Path) -> None:
    editor = MapEditor.open(commented)
    editor.set_claim_field("tea", "text", "Mine")
    assert not editor.changed_on_disk()
    theirs = commented.read_text(encoding="utf-8").replace("The office should stock coffee.", "Theirs.")
    commented.write_text(theirs, encoding="utf-8")
    assert editor.changed_on_disk()
    with pytest.raises(ChangedOnDisk):
        editor.save()
    assert commented.read_text(encoding="utf-8") == theirs
    mine = editor.text
    editor.reload()
    assert editor.text == theirs and not editor.dirty and not editor.changed_on_disk()
    assert editor.undo() and editor.text == mine and editor.dirty
    editor.save(force=True)
    assert commented.read_text(encoding="utf-8") == mine


def test_reloading_an_unreadable_file_changes_nothing(commented: Path) -> None:
    editor = MapEditor.open(commented)
    editor.set_claim_field("tea", "text", "Mine")
    mine = editor.text
    commented.write_text("argmap: 1\nclaims: [\n", encoding="utf-8")
    with pytest.raises(MapUnreadable) as info:
        editor.reload()
    assert info.value.diagnostics[0].code == "yaml-syntax"
    assert editor.text == mine and editor.dirty and editor.changed_on_disk()


def test_undo_history_does_not_keep_copies_of_the_text(commented: Path) -> None:
    editor = MapEditor.open(commented)
    for i in range(5):
        editor.set_claim_field("tea", "text", f"Version {i}")
    kept = [state for _, state in editor._history._undo]
    assert all("text" not in vars(state) for state in kept)


def test_touching_the_file_without_changing_it_is_not_a_change(commented: Path) -> None:
    editor = MapEditor.open(commented)
    os.utime(commented, ns=(1, 1))
    assert not editor.changed_on_disk()


def test_deleting_the_file_counts_as_a_change(commented: Path) -> None:
    editor = MapEditor.open(commented)
    commented.unlink()
    assert editor.changed_on_disk()
    editor.save(force=True)
    assert commented.exists()


def test_repo_fixture_is_a_valid_map() -> None:
    doc = check_file(COMMENTED)
    assert doc.ok and not doc.diagnostics, [d.format() for d in doc.diagnostics]
    assert REPO in COMMENTED.parents


# --- less common layouts --------------------------------------------------------------------


def edited(tmp_path: Path, text: str, edit: Edit) -> str:
    path = tmp_path / "layout.yaml"
    path.write_text(text, encoding="utf-8")
    editor = MapEditor.open(path)
    edit(editor)
    editor.save()
    saved = path.read_text(encoding="utf-8")
    assert MapEditor.open(path).document.model is not None
    return saved


def test_removing_the_last_source_field_removes_the_source(tmp_path: Path) -> None:
    text = "argmap: 1\nsource:\n  file: a.txt  # the article\nclaims:\n  a:\n    text: A\n"
    saved = edited(tmp_path, text, lambda e: e.set_map_field(("source", "file"), None))
    assert saved == "argmap: 1\nclaims:\n  a:\n    text: A\n"


def test_a_source_in_flow_style_stays_in_flow_style(tmp_path: Path) -> None:
    text = "argmap: 1\nsource: {file: a.txt}\nclaims:\n  a:\n    text: A\n"
    saved = edited(tmp_path, text, lambda e: e.set_map_field(("source", "url"), "https://x.org"))
    assert saved == "argmap: 1\nsource: {file: a.txt, url: https://x.org}\nclaims:\n  a:\n    text: A\n"


def test_fields_after_the_claims_and_document_markers(tmp_path: Path) -> None:
    text = "---\nargmap: 1\nclaims:\n  a:\n    text: A\n# about the title\ntitle: T\n...\n"

    def edit(e: MapEditor) -> None:
        e.set_map_field(("title",), "New")
        e.set_map_field(("question",), "Q?")
        e.add_claim("B", supports=["a"])

    saved = edited(tmp_path, text, edit)
    assert saved == (
        "---\nargmap: 1\nclaims:\n  a:\n    text: A\n\n  b:\n    text: B\n    supports: [a]\n"
        "# about the title\ntitle: New\nquestion: Q?\n...\n"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("argmap: 1\ntitle: T  # t\n", "argmap: 1\ntitle: T  # t\nclaims:\n  first:\n    text: First\n"),
        (
            "argmap: 1\nclaims:\n# none yet\ntitle: T\n",
            "argmap: 1\nclaims:\n  first:\n    text: First\n# none yet\ntitle: T\n",
        ),
        ("argmap: 1\nclaims: {}  # empty\n", "argmap: 1\nclaims:     # empty\n  first:\n    text: First\n"),
    ],
    ids=["no-claims-key", "null-claims", "empty-flow-claims"],
)
def test_the_first_claim_makes_a_block_of_claims(tmp_path: Path, text: str, expected: str) -> None:
    assert edited(tmp_path, text, lambda e: e.add_claim("First")) == expected


def test_new_claims_follow_the_files_indentation(tmp_path: Path) -> None:
    a = "    a:\n        text: A\n        supports:\n            -   b\n"
    b = "    b:\n        text: B\n"
    c = '    c:\n        text: C\n        quote:\n            -   "one"\n            -   "two"\n'
    c += "        opposes: [b]\n"
    saved = edited(
        tmp_path,
        f"argmap: 1\nclaims:\n{a}{b}",
        lambda e: e.add_claim("C", opposes=["b"], quote=["one", "two"]),
    )
    assert (
        saved == f"argmap: 1\nclaims:\n{a}{c}{b}"
    )  # after b's last reason, a; no blank lines, as in the file


def test_a_claim_that_is_not_a_mapping_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "scalar.yaml"
    path.write_text("argmap: 1\nclaims:\n  a: 5\n  b:\n    text: B\n", encoding="utf-8")
    editor = MapEditor.open(path)
    with pytest.raises(EditError, match="claim 'a' is a number"):
        editor.set_claim_field("a", "text", "A")
    editor.delete_claim("a")
    assert editor.text == "argmap: 1\nclaims:\n  b:\n    text: B\n"


def test_an_empty_claim_gets_its_first_field(tmp_path: Path) -> None:
    text = "argmap: 1\nclaims:\n  a:\n  b:\n    text: B\n"
    assert edited(tmp_path, text, lambda e: e.set_claim_field("a", "text", "A")) == text.replace(
        "  a:\n", "  a:\n    text: A\n"
    )


# --- any text round-trips -----------------------------------------------------------------------

_BASE = MapEditor.open(COMMENTED)
#: the line of each claim's id in the commented map
_CLAIM_LINES = {
    m.group(1): n for n, line in enumerate(_BASE.text.splitlines()) if (m := re.match(r"^  ([\w.-]+):", line))
}


@settings(max_examples=300, deadline=None)
@given(
    field=st.sampled_from(["text", "by", "note", "quote", "tags"]),
    value=st.text(min_size=1),
    cid=st.sampled_from(_BASE.claim_ids()),
)
def test_any_text_is_written_so_that_it_reads_back_and_touches_only_its_claim(
    field: str, value: str, cid: str
) -> None:
    editor = MapEditor.open(COMMENTED)
    before = editor.text.splitlines()
    try:
        editor.set_claim_field(cid, field, value)
    except EditError as exc:  # only the model's own refusals (e.g. an empty tag)
        assert "could not be written" not in str(exc)
        return
    if not value.strip():
        assert field not in editor.claim(cid)
        return
    expected = {"quote": [value], "tags": [t.strip() for t in value.split(",") if t.strip()]}.get(
        field, value
    )
    assert getattr(editor.model.claims[cid], field) == expected
    start = _CLAIM_LINES[cid]
    end = min((n for n in _CLAIM_LINES.values() if n > start), default=len(before))
    after = editor.text.splitlines()
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        assert tag == "equal" or start <= i1 <= i2 <= end


@pytest.mark.parametrize(
    "new", ["1e3", "True", "null", "0x1F", "1_000", "2021-01-01", "1.5", "on", "08", "a.b-c_d"]
)
def test_ids_that_look_like_numbers_or_booleans_stay_ids(commented: Path, new: str) -> None:
    editor = MapEditor.open(commented)
    editor.rename_claim("coffee", new)
    editor.link("no-lasting-effect", new, "supports")
    editor.save()
    doc = check_file(commented)
    assert doc.ok and new in doc.model.claims
    assert doc.model.claims["tea"].opposes == [new] and doc.model.claims["no-lasting-effect"].supports == [
        new
    ]


# --- arguments (issue 7): blocks of their own, edited as losslessly as claims ----------------------

ARGUED = """\
argmap: 1
question: Should we go?
claims:
  go:
    kind: position
    text: We should go.
  sunny:
    text: It is sunny.
    supports: [go]   # the obvious reason
  free:
    text: We are free.
  tired:
    text: We are tired.
    opposes: [go]

# The inferences
arguments:
  # sun and time together
  go-arg:
    premises: [sunny, free]
    supports: go
    scheme: practical reasoning   # a guess
"""


@pytest.fixture
def argued(tmp_path: Path) -> Path:
    path = tmp_path / "argued.yaml"
    path.write_text(ARGUED, encoding="utf-8")
    return path


def test_the_arguments_section_is_cut_into_blocks(argued: Path) -> None:
    editor = MapEditor.open(argued)
    assert editor.argument_ids() == ["go-arg"]
    assert editor.argument("go-arg") == {
        "premises": ["sunny", "free"],
        "supports": "go",
        "scheme": "practical reasoning",
    }
    where, entries = editor._state.arguments
    assert where == "tail" and entries.blocks[0].lines[0] == "  # sun and time together\n"


def test_a_co_premise_turns_a_plain_reason_into_an_argument(argued: Path) -> None:
    editor = MapEditor.open(argued)
    cid, aid = editor.add_co_premise("tired", "go", "We have to get up early.")
    assert (cid, aid) == ("we-have-to-get-up-early", "tired-arg")
    assert editor.undo_label == f"add co-premise '{cid}' to '{aid}'"
    assert "    opposes: [go]\n" not in editor.text.split("arguments:")[0].split("  tired:")[1]
    assert editor.argument(aid) == {"premises": ["tired", cid], "opposes": "go"}
    assert editor.text.endswith(
        "    scheme: practical reasoning   # a guess\n"
        "  tired-arg:\n    premises: [tired, we-have-to-get-up-early]\n    opposes: go\n"
    )
    model = editor.document.model
    assert editor.document.ok and model.claims[cid].supports == [] and model.claims["tired"].opposes == []
    # a co-premise of an argument joins it
    third, same = editor.add_co_premise("go-arg", None, "The car is ready.")
    assert same == "go-arg" and editor.argument("go-arg")["premises"] == ["sunny", "free", third]
    # ...and so does one added beside one of its premises
    fourth, same = editor.add_co_premise("free", "go-arg", "Nothing else is planned.")
    assert same == "go-arg" and editor.argument("go-arg")["premises"][-1] == fourth
    editor.undo()
    editor.undo()
    editor.undo()
    assert editor.text == ARGUED


def test_an_undercut_is_added_to_a_reason_and_to_an_argument(argued: Path) -> None:
    editor = MapEditor.open(argued)
    cid, aid = editor.add_undercut("tired", "go", "Tiredness never stopped us.")
    assert aid == "tired-arg" and editor.argument(aid) == {"premises": ["tired"], "opposes": "go"}
    assert editor.claim(cid)["undercuts"] == [aid]
    assert editor.document.ok
    other, target = editor.add_undercut("go-arg", None, "The sun does not make a trip.")
    assert target == "go-arg" and editor.claim(other)["undercuts"] == ["go-arg"]
    editor.remove_undercut(other, "go-arg")
    assert "undercuts" not in editor.claim(other)
    editor.undercut(other, "go-arg")
    with pytest.raises(EditError, match="already undercuts"):
        editor.undercut(other, "go-arg")
    with pytest.raises(EditError, match="a premise of 'go-arg'"):
        editor.undercut("sunny", "go-arg")


def test_an_edit_that_would_leave_an_argument_without_premises_is_refused(argued: Path) -> None:
    editor = MapEditor.open(argued)
    editor.remove_premise("go-arg", "free")
    assert editor.argument("go-arg")["premises"] == ["sunny"]
    with pytest.raises(EditError, match="only premise of argument 'go-arg'"):
        editor.remove_premise("go-arg", "sunny")
    with pytest.raises(EditError, match="only premise of argument 'go-arg'"):
        editor.delete_claim("sunny")
    with pytest.raises(EditError, match="at least one premise"):
        editor.set_argument_field("go-arg", "premises", [])
    with pytest.raises(EditError, match="no claim 'sunnny' — did you mean 'sunny'"):
        editor.set_argument_field("go-arg", "premises", ["sunnny"])
    with pytest.raises(EditError, match="conclusion"):
        editor.set_argument_field("go-arg", "premises", ["sunny", "go"])
    assert editor.argument("go-arg")["premises"] == ["sunny"]


def test_gist_and_scheme_are_edited_in_place(argued: Path) -> None:
    editor = MapEditor.open(argued)
    editor.set_argument_field("go-arg", "text", "Sun and time make a trip.")
    editor.set_argument_field("go-arg", "scheme", "practical syllogism")
    assert editor.text == ARGUED.replace(
        "    supports: go\n    scheme: practical reasoning   # a guess\n",
        "    supports: go\n    text: Sun and time make a trip.\n"
        "    scheme: practical syllogism   # a guess\n",
    )
    editor.set_argument_field("go-arg", "scheme", None)
    assert "scheme" not in editor.argument("go-arg") and "# a guess" not in editor.text


def test_deleting_arguments_and_claims_keeps_the_rest_of_the_file(argued: Path) -> None:
    editor = MapEditor.open(argued)
    cid, _ = editor.add_undercut("go-arg", None, "Sunny days are busy.")
    editor.delete_argument("go-arg")
    assert "undercuts" not in editor.claim(cid), "the undercut aimed at it goes too"
    assert "arguments:" not in editor.text and "# sun and time together" not in editor.text
    # the section comment, set apart by a blank line, stays (as with claims)
    assert editor.text.endswith("    opposes: [go]\n\n# The inferences\n")
    editor.undo()
    editor.undo()
    assert editor.text == ARGUED
    # a claim that an argument concludes on takes the argument with it
    editor.delete_claim("go")
    assert editor.argument_ids() == [] and "go-arg" not in editor.text
    editor.undo()
    editor.rename_claim("sunny", "bright")
    assert editor.argument("go-arg")["premises"] == ["bright", "free"]
    editor.rename_claim("go", "leave")
    assert editor.argument("go-arg")["supports"] == "leave"
    with pytest.raises(EditError, match="already a claim or argument 'go-arg'"):
        editor.rename_claim("free", "go-arg")


def test_the_first_argument_adds_the_section_after_the_claims(tmp_path: Path) -> None:
    text = "argmap: 1\nclaims:\n  a:\n    text: A\n  b:\n    text: B\n"
    path = tmp_path / "first.yaml"
    path.write_text(text, encoding="utf-8")
    editor = MapEditor.open(path)
    aid = editor.add_argument(["b"], "supports", "a", text="B, so A")
    assert (
        editor.text
        == text + "\narguments:\n  b-arg:\n    premises: [b]\n    supports: a\n    text: B, so A\n"
    )
    editor.delete_argument(aid)
    assert editor.text == text
