"""The editor, driven through Textual's pilot: every action, the guards, and the command itself.

Each test works on copies of the seed map and article in a temporary folder.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea
from textual.widgets.text_area import Selection

from argmap.editing import MapEditor
from argmap.outline import Branch
from argmap.tui.app import EditorApp
from argmap.tui.screens.confirm import ChoiceScreen
from argmap.tui.screens.find import FindScreen
from argmap.tui.screens.help import HelpScreen
from argmap.tui.screens.link_picker import LinkPicker
from argmap.tui.screens.new_claim import NewClaimScreen
from argmap.tui.widgets.tree import Question
from tests.conftest import run_cli
from tests.tui.helpers import ARTICLE, copy_seed, pilot, write_broken

SIZE = (120, 40)


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    return copy_seed(tmp_path)


def app_for(path: Path, source: str | None = None) -> EditorApp:
    return EditorApp(MapEditor.open(path, source=source), watch_disk=False, keymap={})


def claims(app: EditorApp) -> dict:
    model = app.editor.document.model
    assert model is not None
    return model.claims


async def type_text(pilot, text: str) -> None:
    for ch in text:
        await pilot.press("space" if ch == " " else ch)


async def go_to(pilot, cid: str) -> None:
    """Put the tree's cursor on the home of `cid`, as find would."""
    await pilot.pause()  # the app has settled: no first highlight is still on its way
    pilot.app.main.tree.select(cid)
    pilot.app.main.tree.focus()
    await pilot.pause()


# --- opening and showing ----------------------------------------------------------------


@pilot
async def test_opens_the_seed_map_with_every_panel(seed: Path) -> None:
    app = app_for(seed)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tree = app.main.tree
        assert "What do North Korea" in str(tree.root.label)
        positions = [n.data.id for n in tree.root.children if isinstance(n.data, Branch)]
        assert positions == ["signal-no-dialogue", "signal-talks-soon", "business-as-usual"]
        # the recommendation answers a further question, shown as a node of its own
        further = tree.root.children[-1]
        assert isinstance(further.data, Question) and "How can the U.S. and North Korea" in str(further.label)
        assert [n.data.id for n in further.children] == ["recommendation"]
        assert app.main.problems.border_title == "Problems: none"
        assert "Sometimes a missile test is just a missile test" in app.main.article.text
        assert app.main.article.spans["business-as-usual"], "the position's quotes are found in the article"
        assert app.main.title == "north-korea-missile-launches.yaml"


@pilot
async def test_references_are_marked_and_glyphs_tell_relations_apart(seed: Path) -> None:
    app = app_for(seed)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first = app.main.tree.root.children[0]
        labels = {child.data.id: (child.data, str(child.label)) for child in first.children}
        branch, label = labels["signal-talks-soon"]
        assert branch.reference and branch.relation == "opposes"
        assert label.startswith("− ↪") and "(see signal-talks-soon)" in label
        step, label = labels["no-dialogue-reading"]
        assert step.argument and label.startswith("+ ⋀ step: The launches show a decision")
        support = next(n for n in app.main.tree.root.children[2].children if n.data.relation == "supports")
        assert str(support.label).startswith("+ ")


@pilot
async def test_cursor_fills_detail_breadcrumb_and_brightens_the_quote(seed: Path) -> None:
    app = app_for(seed)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "missile-program-for-security")
        text = app.query_one("#field-text", TextArea).text
        assert text.startswith("Pyongyang is intent on developing")
        assert app.query_one("#field-by", Input).value == "author"
        assert app.query_one("#field-supports", Input).value == "business-as-usual"
        assert app.main.article.current == "missile-program-for-security"
        crumb = str(app.query_one("#breadcrumb").render())
        assert "Business as usual" in crumb and "Pyongyang is intent" in crumb
        header = str(app.query_one("#detail-header").render())
        assert "missile-program-for-security" in header and "strength" in header


@pilot
async def test_folding_hides_and_shows_children(seed: Path) -> None:
    app = app_for(seed)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "business-as-usual")
        node = app.main.tree.cursor_node
        assert node.is_expanded
        await pilot.press("space")
        assert not node.is_expanded
        await pilot.press("space")
        assert node.is_expanded and node.children


# --- adding -------------------------------------------------------------------------------


@pytest.mark.parametrize(("key", "relation"), [("a", "supports"), ("o", "opposes")])
@pilot
async def test_add_a_reason_under_the_selected_claim(seed: Path, key: str, relation: str) -> None:
    app = app_for(seed)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "business-as-usual")
        await pilot.press(key)
        assert isinstance(app.screen, NewClaimScreen)
        await type_text(pilot, "A new reason")
        await pilot.press("enter")
        await pilot.pause()
        new = app.main.tree.claim_id
        claim = claims(app)[new]
        assert claim.text == "A new reason"
        assert getattr(claim, relation) == ["business-as-usual"]
        assert app.main.tree.branch.parent == "business-as-usual"
        assert app.editor.dirty and app.main.title.endswith("●")


@pilot
async def test_add_a_position_and_escape_adds_nothing(seed: Path) -> None:
    app = app_for(seed)
    async with app.run_test(size=SIZE) as pilot:
        before = len(claims(app))
        await pilot.press("p")
        await pilot.press("escape")
        assert len(claims(app)) == before
        await pilot.press("p")
        await pilot.press("enter")  # an empty text is refused where it is typed
        assert isinstance(app.screen, NewClaimScreen)
        await type_text(pilot, "Nothing changes")
        await pilot.press("enter")
        await pilot.pause()
        new = app.main.tree.claim_id
        assert claims(app)[new].kind.value == "position"
        assert app.main.tree.branch.parent is None
        assert claims(app)[new].answers is None  # the cursor was under the main question


@pilot
async def test_a_position_added_under_a_further_question_answers_it(seed: Path) -> None:
    app = app_for(seed)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "recommendation")
        assert app.main.tree.question_id == "way-forward"
        await pilot.press("p")
        await type_text(pilot, "Keep sanctions until the North moves first")
        await pilot.press("enter")
        await pilot.pause()
        new = app.main.tree.claim_id
        assert claims(app)[new].kind.value == "position"
        assert claims(app)[new].answers == "way-forward"
        assert app.main.tree.question_id == "way-forward"


@pilot
async def test_new_claim_from_a_selected_passage_quotes_it_verbatim(seed: Path) -> None:
    app = app_for(seed)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "business-as-usual")
        article = app.main.article
        row = next(i for i, line in enumerate(article.text.split("\n")) if "Kim Jong Un" in line)
        line = article.document.get_line(row)
        start = line.index("Kim Jong Un")
        article.selection = Selection((row, start), (row, start + len("Kim Jong Un")))
        article.focus()
        await pilot.pause()
        await pilot.press("a")
        assert isinstance(app.screen, NewClaimScreen)
        await type_text(pilot, "Kim matters")
        await pilot.press("enter")
        await pilot.pause()
        new = app.main.tree.claim_id
        assert claims(app)[new].quote == ["Kim Jong Un"]
        assert claims(app)[new].supports == ["business-as-usual"]
        assert new in app.main.article.spans, "the new quote is highlighted at once"
        assert app.main.article.passage == "", "the passage is used up"


# --- editing fields ----------------------------------------------------------------------


@pilot
async def test_edit_a_field_and_commit_with_enter(seed: Path) -> None:
    app = app_for(seed)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "recent-tests")
        await pilot.press("e")
        assert app.focused.id == "field-text"
        await pilot.press("end", "space", "!", "enter")
        await pilot.pause()
        assert claims(app)["recent-tests"].text.endswith("ballistic missiles. !")
        assert app.editor.dirty


@pilot
async def test_enter_in_the_tree_edits(seed: Path) -> None:
    app = app_for(seed)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "recent-tests")
        await pilot.press("enter")
        assert app.focused.id == "field-text"


@pilot
async def test_validation_as_you_type_and_nothing_committed_while_invalid(seed: Path) -> None:
    app = app_for(seed)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "recent-tests")
        field = app.query_one("#field-supports", Input)
        field.focus()
        field.value = ""
        await type_text(pilot, "no-such-claim")
        await pilot.pause()
        error = app.query_one("#field-supports-error")
        assert error.display and "no-such-claim" in str(error.render())
        assert field.has_class("-invalid")
        await pilot.press("enter")
        assert claims(app)["recent-tests"].supports == ["tests-pose-threat"]
        field.value = "business-as-usual"
        await pilot.pause()
        assert not error.display
        await pilot.press("enter")
        await pilot.pause()
        assert claims(app)["recent-tests"].supports == ["business-as-usual"]


@pilot
async def test_rename_through_the_id_field_keeps_references(seed: Path) -> None:
    app = app_for(seed)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "tests-pose-threat")
        field = app.query_one("#field-id", Input)
        field.focus()
        field.value = "threat"
        await pilot.press("enter")
        await pilot.pause()
        assert "threat" in claims(app) and "tests-pose-threat" not in claims(app)
        assert claims(app)["recent-tests"].supports == ["threat"]
        assert app.main.tree.claim_id == "threat"


@pilot
async def test_kind_is_chosen_from_a_list(seed: Path) -> None:
    app = app_for(seed)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "missile-program-for-security")
        from textual.widgets import Select

        app.query_one("#field-kind", Select).value = "evidence"
        await pilot.pause()
        assert claims(app)["missile-program-for-security"].kind.value == "evidence"


@pilot
async def test_map_fields_are_edited_on_the_question(seed: Path) -> None:
    app = app_for(seed)
    async with app.run_test(size=SIZE) as pilot:
        app.main.tree.select(None)
        await pilot.pause()
        await pilot.press("e")
        assert app.focused.id == "field-question"
        app.focused.value = "What do the launches mean?"
        await pilot.press("enter")
        await pilot.pause()
        assert app.editor.document.model.question == "What do the launches mean?"
        assert "What do the launches mean?" in str(app.main.tree.root.label)


# --- relations -----------------------------------------------------------------------------


@pilot
async def test_link_to_another_claim_as_opposition(seed: Path) -> None:
    app = app_for(seed)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "recent-tests")
        await pilot.press("l")
        assert isinstance(app.screen, LinkPicker)
        await type_text(pilot, "signal-talks-soon")
        await pilot.press("ctrl+r", "enter")
        await pilot.pause()
        assert claims(app)["recent-tests"].opposes == ["signal-talks-soon"]


@pilot
async def test_unlink_from_the_parent_shown(seed: Path) -> None:
    app = app_for(seed)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "missile-program-for-security")
        assert app.main.tree.branch.parent == "business-as-usual"
        await pilot.press("u")
        await pilot.pause()
        assert claims(app)["missile-program-for-security"].supports == []
        assert app.main.tree.claim_id == "missile-program-for-security"


@pilot
async def test_move_under_another_claim(seed: Path) -> None:
    app = app_for(seed)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "missile-program-for-security")
        await pilot.press("m")
        assert isinstance(app.screen, LinkPicker)
        await type_text(pilot, "signal-talks-soon")
        await pilot.press("enter")
        await pilot.pause()
        assert claims(app)["missile-program-for-security"].supports == ["signal-talks-soon"]
        assert app.main.tree.branch.parent == "signal-talks-soon"


@pilot
async def test_delete_asks_first_and_cleans_references(seed: Path) -> None:
    app = app_for(seed)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "frequency-predictable")
        await pilot.press("d")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("n")
        assert "frequency-predictable" in claims(app)
        await pilot.press("d", "y")
        await pilot.pause()
        assert "frequency-predictable" not in claims(app)
        assert claims(app)["kim-eighth-congress"].supports == []
        # the only premise of an argument is not deleted: the argument would be left without one
        await go_to(pilot, "tests-pose-threat")
        await pilot.press("d", "y")
        await pilot.pause()
        assert "tests-pose-threat" in claims(app)
        assert any("only premise of argument" in n.message for n in app._notifications)


@pilot
async def test_reorder_with_shift_arrows(seed: Path) -> None:
    app = app_for(seed)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "signal-talks-soon")
        before = list(claims(app))
        await pilot.press("shift+up")
        await pilot.pause()
        after = list(claims(app))
        assert after != before
        assert after.index("signal-talks-soon") < before.index("signal-talks-soon")
        assert app.main.tree.claim_id == "signal-talks-soon"
        await pilot.press("shift+down")
        await pilot.pause()
        assert list(claims(app)) == before


# --- finding, undo, saving ---------------------------------------------------------------------


@pilot
async def test_find_jumps_to_a_claim(seed: Path) -> None:
    app = app_for(seed)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        assert isinstance(app.screen, FindScreen)
        await type_text(pilot, "cruise missiles")
        await pilot.press("enter")
        await pilot.pause()
        claim = claims(app)[app.main.tree.claim_id]
        assert "cruise" in claim.text.lower() and "missiles" in claim.text.lower()


@pilot
async def test_undo_and_redo_chains_across_kinds_of_edit(seed: Path) -> None:
    app = app_for(seed)
    original = seed.read_text(encoding="utf-8")
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "business-as-usual")
        await pilot.press("a")
        await type_text(pilot, "One")
        await pilot.press("enter")
        await go_to(pilot, "frequency-predictable")
        await pilot.press("d", "y")
        await go_to(pilot, "missile-program-for-security")
        await pilot.press("u")
        await pilot.pause()
        changed = app.editor.text
        for _ in range(3):
            await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.editor.text == original and not app.editor.dirty
        await pilot.press("ctrl+z")  # nothing left: says so, changes nothing
        assert app.editor.text == original
        for _ in range(3):
            await pilot.press("ctrl+y")
        await pilot.pause()
        assert app.editor.text == changed
        assert "frequency-predictable" not in claims(app)


@pilot
async def test_save_keeps_comments_and_writes_only_the_change(seed: Path) -> None:
    app = app_for(seed)
    before = seed.read_text(encoding="utf-8").splitlines()
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "recent-tests")
        field = app.query_one("#field-by", Input)
        field.focus()
        field.value = "the author"
        await pilot.press("ctrl+s")  # commits the field being typed in, then saves
        await pilot.pause()
        assert not app.editor.dirty and not app.main.title.endswith("●")
    after = seed.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [("    by: author", "    by: the author")]


@pilot
async def test_render_writes_the_svg_beside_the_map(seed: Path) -> None:
    if shutil.which("dot") is None:
        pytest.skip("Graphviz is not installed")
    app = app_for(seed)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        svg = seed.with_suffix(".svg")
        assert svg.read_text(encoding="utf-8").lstrip().startswith("<?xml")
        assert any(str(svg) in str(n.message) for n in app._notifications)


@pilot
async def test_render_refuses_a_map_with_errors(tmp_path: Path) -> None:
    path = write_broken(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert not path.with_suffix(".svg").exists()
        assert any("errors" in str(n.message) for n in app._notifications)


# --- help, palette, theme ------------------------------------------------------------------


def test_help_lists_every_key() -> None:
    from rich.console import Console

    from argmap.tui.keys import ACTIONS
    from argmap.tui.screens.help import keys_table

    console = Console(width=400, record=True)
    console.print(keys_table())
    shown = console.export_text()
    for action in ACTIONS:
        assert action.shown_key() in shown and action.help in shown and action.id in shown


@pilot
async def test_help_opens_and_closes(seed: Path) -> None:
    app = app_for(seed)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


@pilot
async def test_every_action_is_in_the_command_palette(seed: Path) -> None:
    from argmap.tui.keys import ACTIONS

    app = app_for(seed)
    async with app.run_test(size=SIZE) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for action in ACTIONS:
            assert f"{action.title} ({action.shown_key()})" in titles
        await pilot.press("ctrl+p")
        await type_text(pilot, "Find a claim")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FindScreen)


@pilot
async def test_light_and_dark_themes(seed: Path) -> None:
    app = app_for(seed)
    async with app.run_test(size=SIZE) as pilot:
        assert app.current_theme.dark
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert not app.current_theme.dark
        await pilot.press("ctrl+t")
        assert app.current_theme.dark


@pytest.mark.parametrize(("size", "wide"), [((80, 24), False), ((160, 50), True)])
@pilot
async def test_small_and_large_terminals(seed: Path, size: tuple[int, int], wide: bool) -> None:
    app = app_for(seed)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.screen.has_class("-wide") is wide
        tree, article = app.main.tree.region, app.main.article.region
        assert tree.width > 20 and tree.height > 5 and article.height >= 3
        assert (article.x > tree.right - 1) and (wide == (article.y == tree.y))


# --- problems ---------------------------------------------------------------------------------


@pilot
async def test_problems_panel_words_them_as_check_does_and_jumps(tmp_path: Path) -> None:
    path = write_broken(tmp_path)
    app = app_for(path)
    checked = run_cli("check", "map.yaml", cwd=tmp_path).stdout.strip().splitlines()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = [str(o.prompt) for o in app.main.problems.options]
        assert shown == checked
        assert app.main.problems.border_title == "Problems: 1 error, 0 warnings"
        app.main.problems.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.main.tree.claim_id == "umbrellas"
        assert app.focused is app.main.tree


@pilot
async def test_problems_update_live_after_an_edit(tmp_path: Path) -> None:
    path = write_broken(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "umbrellas")
        field = app.query_one("#field-supports", Input)
        field.focus()
        field.value = "wet"
        await pilot.press("enter")
        await pilot.pause()
        assert app.main.problems.border_title == "Problems: none"


# --- guards ------------------------------------------------------------------------------------


@pilot
async def test_quit_without_changes_leaves_at_once(seed: Path) -> None:
    app = app_for(seed)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


@pilot
async def test_quit_guard_cancel_discard_and_save(seed: Path) -> None:
    original = seed.read_text(encoding="utf-8")
    app = app_for(seed)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "missile-program-for-security")
        await pilot.press("u", "q")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("c")
        assert not isinstance(app.screen, ChoiceScreen) and app.is_running
        await pilot.press("q", "d")
        await pilot.pause()
    assert seed.read_text(encoding="utf-8") == original

    app = app_for(seed)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "missile-program-for-security")
        await pilot.press("u", "q", "s")
        await pilot.pause()
    assert seed.read_text(encoding="utf-8") != original
    assert MapEditor.open(seed).model.claims["missile-program-for-security"].supports == []


async def _changed_outside(seed: Path) -> None:
    text = seed.read_text(encoding="utf-8").replace("by: author", "by: someone else", 1)
    seed.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("answer", ["c", "o", "r"])
@pilot
async def test_changed_on_disk_guard(seed: Path, answer: str) -> None:
    app = app_for(seed)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "missile-program-for-security")
        await pilot.press("u")
        await _changed_outside(seed)
        outside = seed.read_text(encoding="utf-8")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert "changed by another program" in str(app.screen.query_one(".dialog-body").render())
        await pilot.press(answer)
        await pilot.pause()
        now = seed.read_text(encoding="utf-8")
        if answer == "c":
            assert now == outside and app.editor.dirty
        elif answer == "o":
            assert now == app.editor.text and "someone else" not in now
            assert not app.editor.dirty
        else:
            assert now == outside and not app.editor.dirty
            assert app.editor.claim("recent-tests")["by"] == "someone else"


@pilot
async def test_the_disk_is_watched_while_editing(seed: Path) -> None:
    """Nothing unsaved: a change on disk is reloaded, and the editor says so.  Something unsaved:
    it asks, and offers the differences between the two versions first."""
    from argmap.tui.screens.diff import DiffScreen

    app = EditorApp(MapEditor.open(seed), watch_disk=True, keymap={})
    async with app.run_test(size=SIZE) as pilot:
        await _changed_outside(seed)
        app.main.files.check_disk()
        await pilot.pause()
        assert app.screen is app.main, "reloaded without asking"
        assert app.editor.claim("recent-tests")["by"] == "someone else" and not app.editor.dirty
        assert any("changed on disk: reloaded" in n.message for n in app._notifications)
        await go_to(pilot, "missile-program-for-security")
        await pilot.press("u")  # something unsaved here
        seed.write_text(seed.read_text(encoding="utf-8").replace("by: someone else", "by: a third"))
        app.main.files.check_disk()
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DiffScreen)
        shown = "\n".join(app.screen.lines)
        assert "-    by: a third" in shown and "+    by: someone else" in shown
        assert "-    supports: [business-as-usual]" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen), "back to the choice"
        await pilot.press("r")
        await pilot.pause()
        assert app.editor.claim("recent-tests")["by"] == "a third"


# --- a new map --------------------------------------------------------------------------------


@pilot
async def test_a_new_map_starts_empty_and_saves_a_valid_file(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    path = tmp_path / "new.yaml"
    app = app_for(path, source=str(tmp_path / "article.txt"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "no question yet" in str(app.main.tree.root.label)
        assert "streets are wet" in app.main.article.text
        await pilot.press("e")
        app.focused.value = "Is it raining?"
        await pilot.press("enter")
        app.main.tree.focus()
        await pilot.press("p")
        await type_text(pilot, "It rains")
        await pilot.press("enter", "ctrl+s")
        await pilot.pause()
    assert path.exists()
    result = run_cli("check", str(path))
    assert result.returncode == 0, result.stdout + result.stderr


# --- the command -----------------------------------------------------------------------------


def test_a_map_that_does_not_parse_is_reported_like_check(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text('argmap: 1\nclaims:\n  a:\n    text: "never closed\n', encoding="utf-8")
    edit = run_cli("edit", str(path))
    check = run_cli("check", str(path))
    assert edit.returncode == 1
    assert check.stdout.strip() and check.stdout.strip() in edit.stderr
    assert "Traceback" not in edit.stderr


def test_edit_needs_a_terminal(seed: Path) -> None:
    result = run_cli("edit", str(seed))
    assert result.returncode == 2
    assert "needs a terminal" in result.stderr


def test_edit_is_in_the_help() -> None:
    result = run_cli("edit", "--help")
    assert result.returncode == 0 and "--source" in result.stdout


# --- mouse, hand edits, maps that do not validate ------------------------------------------------


@pilot
async def test_mouse_clicks_choose_claims_and_problems(tmp_path: Path) -> None:
    path = write_broken(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tops = app.main.tree.root.children
        rows = {node.data.id: node.line for node in tops if isinstance(node.data, Branch)}
        await pilot.click("#tree", offset=(8, rows["umbrellas"] + 1))
        await pilot.pause()
        assert app.main.tree.claim_id == "umbrellas"
        await pilot.click("#tree", offset=(8, rows["wet"] + 1))
        await pilot.pause()
        assert app.main.tree.claim_id == "wet"
        await pilot.click("#problems", offset=(4, 1))
        await pilot.pause()
        assert app.main.tree.claim_id == "umbrellas"


@pilot
async def test_edits_in_the_editor_and_by_hand_in_turn_keep_every_comment(seed: Path) -> None:
    app = EditorApp(MapEditor.open(seed), watch_disk=True)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "recent-tests")
        field = app.query_one("#field-by", Input)
        field.focus()
        field.value = "the author"
        await pilot.press("enter", "ctrl+s")
        await pilot.pause()
        by_hand = seed.read_text(encoding="utf-8").replace(
            "claims:\n", "claims:\n  # a comment written by hand while the editor was open\n", 1
        )
        seed.write_text(by_hand, encoding="utf-8")
        app.main.files.check_disk()  # the editor has nothing unsaved: reloading is offered, and taken
        await pilot.pause()
        await pilot.press("r")
        await go_to(pilot, "tests-pose-threat")
        await pilot.press("u", "ctrl+s")
        await pilot.pause()
    final = seed.read_text(encoding="utf-8")
    original = copy_source_text()
    kept = [line for line in original.splitlines() if line.lstrip().startswith("#")]
    assert all(line in final.splitlines() for line in kept)
    assert "  # a comment written by hand while the editor was open" in final
    assert "    by: the author" in final


def copy_source_text() -> str:
    from tests.conftest import SEED_MAP

    return SEED_MAP.read_text(encoding="utf-8")


@pilot
async def test_a_map_that_parses_but_does_not_validate_still_opens(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text("argmap: 1\nquestion: Why?\nclaims: 5\n", encoding="utf-8")
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "'claims' must be a mapping" in str(app.main.problems.options[0].prompt)
        assert app.main.problems.border_title == "Problems: 1 error, 0 warnings"
        await pilot.press("p")
        await type_text(pilot, "Because")
        await pilot.press("enter")
        await pilot.pause()
        assert any("block mapping" in str(n.message) for n in app._notifications)
        await pilot.press("r")
        await pilot.pause()
        assert app.is_running and not app.editor.dirty


@pilot
async def test_reorder_moves_a_reason_past_its_sibling_in_the_tree(seed: Path) -> None:
    app = app_for(seed)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "business-as-usual")
        before = [n.data.id for n in app.main.tree.cursor_node.children]
        await go_to(pilot, before[0])
        await pilot.press("shift+down")
        await pilot.pause()
        home = next(n for n in app.main.tree.root.children if n.data.id == "business-as-usual")
        after = [n.data.id for n in home.children]
        assert after == [before[1], before[0], *before[2:]]
        assert app.main.tree.claim_id == before[0]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.editor.text == seed.read_text(encoding="utf-8")


@pilot
async def test_escape_keeps_the_field_and_goes_back_to_the_tree(seed: Path) -> None:
    app = app_for(seed)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "recent-tests")
        field = app.query_one("#field-by", Input)
        field.focus()
        await type_text(pilot, "xyz")
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is app.main.tree
        assert app.editor.claim("recent-tests")["by"] == "xyz" and app.editor.dirty  # focus selects all
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.editor.claim("recent-tests")["by"] == "author" and not app.editor.dirty


@pilot
async def test_f6_goes_to_the_article_and_f8_to_the_problems(seed: Path) -> None:
    app = app_for(seed)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        assert app.focused is app.main.article
        await pilot.press("f8")
        assert app.focused is app.main.problems


def test_edit_a_directory_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("edit", str(tmp_path))
    assert result.returncode == 2
    assert "is a directory" in result.stderr and "does not parse" not in result.stderr


@pilot
async def test_a_big_map_paints_first_and_finds_its_quotes_in_the_background(tmp_path: Path) -> None:
    from argmap.tui.main import LOCATE_IN_BACKGROUND

    n = LOCATE_IN_BACKGROUND + 50
    sentences = [f"Sentence number {i} says something." for i in range(n)]
    (tmp_path / "article.txt").write_text(" ".join(sentences) + "\n", encoding="utf-8")
    claims = "".join(
        f'  c{i}:\n    text: Claim {i}\n    quote: "{s}"\n    supports: [c0]\n'
        for i, s in enumerate(sentences)
    ).replace("    supports: [c0]\n", "    kind: position\n", 1)
    path = tmp_path / "map.yaml"
    path.write_text(f"argmap: 1\nquestion: Which?\nsource:\n  file: article.txt\nclaims:\n{claims}")
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(app.main.article.spans) == n
        await go_to(pilot, "c7")
        assert app.main.article.current == "c7"


@pilot
async def test_further_questions_are_edited_and_added(seed: Path) -> None:
    app = app_for(seed)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "recommendation")
        await pilot.press("up")  # the question it answers
        await pilot.pause()
        assert app.main.tree.question_id == "way-forward" and app.main.tree.claim_id is None
        await pilot.press("e")
        await pilot.pause()
        field = app.query_one("#field-question-text", TextArea)
        assert app.focused is field
        assert field.text.startswith("How can the U.S. and North Korea")
        field.load_text("")
        await type_text(pilot, "How can talks resume?")
        await pilot.press("enter")
        await pilot.pause()
        assert app.editor.model.questions["way-forward"] == "How can talks resume?"
        await pilot.press("escape")
        await pilot.press("Q")
        await pilot.pause()
        assert isinstance(app.screen, NewClaimScreen)
        await type_text(pilot, "Why test missiles now?")
        await pilot.press("enter")
        await pilot.pause()
        assert app.editor.model.questions["why-test-missiles-now"] == "Why test missiles now?"
        labels = [str(node.label) for node in app.main.tree.root.children if isinstance(node.data, Question)]
        assert any("Why test missiles now?" in label for label in labels)
        app.editor.save()
        saved = app.editor.path.read_text(encoding="utf-8")
        assert "  why-test-missiles-now: Why test missiles now?" in saved
