"""Arguments in the editor (issue 7): linked premises grouped under their conclusion, undercuts
under the step they attack, and the keys that make, change and remove them."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from argmap.editing import MapEditor
from argmap.outline import Branch
from argmap.tui.app import EditorApp
from argmap.tui.screens.confirm import ChoiceScreen
from argmap.tui.screens.new_claim import NewClaimScreen
from tests.tui.helpers import pilot

SIZE = (120, 40)

MAP = """\
argmap: 1
question: Should we go?
claims:
  go:
    kind: position
    text: We should go.
  sunny:
    text: It is sunny.
  free:
    text: We are free.
  tired:
    text: We are tired.
    opposes: [go]
  coffee:
    text: Coffee fixes tiredness.
    undercuts: [sun-arg]

arguments:
  sun-arg:
    premises: [sunny, free]
    supports: go
    scheme: practical reasoning
"""


@pytest.fixture
def argued(tmp_path: Path) -> Path:
    path = tmp_path / "go.yaml"
    path.write_text(MAP, encoding="utf-8")
    return path


def app_for(path: Path) -> EditorApp:
    return EditorApp(MapEditor.open(path), watch_disk=False, keymap={})


async def type_text(pilot, text: str) -> None:
    for ch in text:
        await pilot.press("space" if ch == " " else ch)


async def go_to(pilot, target) -> None:
    await pilot.pause()  # the app has settled: no first highlight is still on its way
    pilot.app.main.tree.select(target)
    pilot.app.main.tree.focus()
    await pilot.pause()


def under(app: EditorApp, cid: str) -> list[tuple[str, str | None, bool, str]]:
    """(id, relation, is an argument, label) of the nodes under the home of `cid`."""
    node = app.main.tree._reveal(cid)
    assert node is not None
    return [(n.data.id, n.data.relation, n.data.argument, str(n.label)) for n in node.children]


@pilot
async def test_the_tree_groups_linked_premises_and_shows_undercuts_under_the_step(argued: Path) -> None:
    app = app_for(argued)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        rows = under(app, "go")
        assert [r[:3] for r in rows] == [("tired", "opposes", False), ("sun-arg", "supports", True)]
        assert rows[1][3].startswith("+ ⋀ together (sun-arg)") and "[practical reasoning]" in rows[1][3]
        inside = under(app, "sun-arg")
        assert [r[:2] for r in inside] == [("sunny", "premise"), ("free", "premise"), ("coffee", "undercuts")]
        assert inside[0][3].startswith("& ") and inside[2][3].startswith("⊘ ")
        await go_to(pilot, "sun-arg")
        assert app.query_one("#argument-form").display
        header = str(app.query_one("#detail-header").render())
        assert "sunny, free together supports go" in header and "strength" in header


@pilot
async def test_c_turns_a_plain_reason_into_an_argument_with_a_co_premise(argued: Path) -> None:
    app = app_for(argued)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, Branch("tired", "opposes", "go", False, 1))
        assert app.main.tree.claim_id == "tired"
        await pilot.press("c")
        assert isinstance(app.screen, NewClaimScreen)
        await type_text(pilot, "We start early")
        await pilot.press("enter")
        await pilot.pause()
        assert app.main.tree.claim_id == "we-start-early"
        assert app.editor.argument("tired-arg") == {"premises": ["tired", "we-start-early"], "opposes": "go"}
        assert "opposes" not in app.editor.claim("tired")
        assert [r[:3] for r in under(app, "go")][-1] == ("tired-arg", "opposes", True)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.editor.text == MAP


@pilot
async def test_x_undercuts_a_reason_and_u_takes_it_back(argued: Path) -> None:
    app = app_for(argued)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "tired")
        await pilot.press("x")
        assert isinstance(app.screen, NewClaimScreen)
        await type_text(pilot, "Tired people still travel")
        await pilot.press("enter")
        await pilot.pause()
        new = app.main.tree.claim_id
        assert app.editor.claim(new)["undercuts"] == ["tired-arg"]
        assert app.editor.argument("tired-arg") == {"premises": ["tired"], "opposes": "go"}
        assert app.main.tree.branch.relation == "undercuts" and app.main.tree.branch.parent == "tired-arg"
        await pilot.press("u")
        await pilot.pause()
        assert "undercuts" not in app.editor.claim(new)
        assert app.main.tree.branch is not None and app.main.tree.branch.id == "tired-arg"


@pilot
async def test_u_removes_a_premise_but_not_the_last(argued: Path) -> None:
    app = app_for(argued)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, Branch("free", "premise", "sun-arg", False, 2))
        await pilot.press("u")
        await pilot.pause()
        assert app.editor.argument("sun-arg")["premises"] == ["sunny"]
        await go_to(pilot, Branch("sunny", "premise", "sun-arg", False, 2))
        await pilot.press("u")
        await pilot.pause()
        assert app.editor.argument("sun-arg")["premises"] == ["sunny"]
        said = [n.message for n in app._notifications]
        assert any("only premise of argument 'sun-arg'" in m for m in said)


@pilot
async def test_the_gist_and_scheme_are_edited_in_the_detail_panel(argued: Path) -> None:
    app = app_for(argued)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "sun-arg")
        await pilot.press("e")
        gist = app.query_one("#field-argument-text", TextArea)
        assert app.focused is gist
        await type_text(pilot, "Sun and time make a trip")
        await pilot.press("tab")
        scheme = app.query_one("#field-argument-scheme", Input)
        assert app.focused is scheme
        scheme.value = "practical syllogism"
        await pilot.press("enter")
        await pilot.pause()
        premises = app.query_one("#field-argument-premises", Input)
        premises.focus()
        premises.value = ""
        await pilot.press("enter")
        await pilot.pause()
        assert "at least one premise" in str(app.query_one("#field-argument-premises-error").render())
        await pilot.press("escape", "escape")
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = argued.read_text(encoding="utf-8")
    assert saved == MAP.replace(
        "    scheme: practical reasoning\n",
        "    text: Sun and time make a trip\n    scheme: practical syllogism\n",
    )


@pilot
async def test_d_deletes_an_argument_and_the_undercuts_aimed_at_it(argued: Path) -> None:
    app = app_for(argued)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "sun-arg")
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert "coffee" in str(app.screen.query_one(".dialog-body").render())
        await pilot.press("y")
        await pilot.pause()
        assert app.editor.argument_ids() == [] and "undercuts" not in app.editor.claim("coffee")
        assert "arguments:" not in app.editor.text
