"""The editor as a person uses it (issue 10): each thing that lost work or misled, reproduced
through the pilot the way a user met it, and the keyboard ways to quote an article."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.widgets import Button, Input, TextArea
from textual.widgets.text_area import Selection

from argmap.editing import MapEditor
from argmap.tui.app import EditorApp
from argmap.tui.screens.ask_path import AskPath
from argmap.tui.screens.confirm import ChoiceScreen
from argmap.tui.screens.find import FindScreen
from argmap.tui.screens.new_claim import NewClaimScreen
from argmap.tui.screens.too_small import TooSmallScreen
from argmap.tui.widgets.tree import Question
from tests.conftest import run_cli
from tests.tui.helpers import copy_seed, pilot

SIZE = (120, 40)

ARTICLE = """\
Rain in the city

It rained all night in the city. The streets are wet this morning, and Mr. Lee's shop is shut.
People carry umbrellas everywhere. North Korea has not sought talks since its first year.

Yet the experts disagree. Some say it will stop by noon. Others expect a week of rain.
"""

MAP = """\
argmap: 1
title: Rain
question: Is it raining?
questions:
  how-long: How long will it rain?
source:
  file: article.txt
claims:
  raining:
    kind: position
    text: >
      It is raining in the city,
      and has been all night.
    quote: "It rained all night in the city."
  wet:
    kind: evidence
    text: The streets are wet.
    quote: "The streets are wet this morning"
    supports: [raining]
  umbrellas: {text: People carry umbrellas.,
    supports: [raining]}
  noon:
    kind: position
    text: It stops by noon.
    quote: "Some say it will stop by noon."
    answers: how-long
    opposes: [week]
  week:
    kind: position
    text: A week of rain.
    answers: how-long
    opposes: [noon]
"""


@pytest.fixture
def rain(tmp_path: Path) -> Path:
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    path = tmp_path / "rain.yaml"
    path.write_text(MAP, encoding="utf-8")
    return path


def app_for(path: Path, **kwargs) -> EditorApp:
    kwargs.setdefault("keymap", {})
    return EditorApp(MapEditor.open(path), watch_disk=False, **kwargs)


async def type_text(pilot, text: str) -> None:
    for ch in text:
        await pilot.press("space" if ch == " " else ch)


async def go_to(pilot, target) -> None:
    await pilot.pause()  # the app has settled: no first highlight is still on its way
    pilot.app.main.tree.select(target)
    pilot.app.main.tree.focus()
    await pilot.pause()


def messages(app: EditorApp) -> list[str]:
    return [n.message for n in app._notifications]


# --- 1. one rule for every field: leaving keeps, escape twice puts back ---------------------------


@pilot
async def test_a_quote_edit_is_kept_by_enter_and_by_escape(rain: Path) -> None:
    app = app_for(rain)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "wet")
        await pilot.press("e")  # the text field
        for _ in range(3):
            await pilot.press("tab")  # kind, id, quotes
        quotes = app.query_one("#field-quote", TextArea)
        assert app.focused is quotes
        quotes.move_cursor(quotes.document.end)
        for _ in range(len(" this morning")):
            await pilot.press("backspace")
        await pilot.press("enter")  # keeps the value (no new line)
        await pilot.pause()
        assert app.editor.claim("wet")["quote"] == "The streets are wet"
        assert "\n" not in quotes.text
        await pilot.press("escape")
        await pilot.pause()
        assert app.editor.claim("wet")["quote"] == "The streets are wet", "escape threw nothing away"
        assert app.focused is app.main.tree
        # typing and escaping at once keeps too; ctrl+z takes it back
        await pilot.press("e")
        for _ in range(3):
            await pilot.press("tab")
        quotes.move_cursor(quotes.document.end)
        await pilot.press("ctrl+j")  # a second quote, on a line of its own
        await type_text(pilot, "this morning")
        await pilot.press("escape")
        await pilot.pause()
        assert app.editor.claim("wet")["quote"] == ["The streets are wet", "this morning"]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.editor.claim("wet")["quote"] == "The streets are wet"


@pilot
async def test_escape_on_a_value_that_cannot_be_kept_warns_then_puts_the_old_one_back(rain: Path) -> None:
    app = app_for(rain)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "wet")
        field = app.query_one("#field-id", Input)
        field.focus()
        field.value = "raining"  # taken
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is field, "the first escape warns and stays"
        assert any("not kept" in m and "already a claim" in m for m in messages(app))
        await pilot.press("escape")
        await pilot.pause()
        assert field.value == "wet" and app.focused is app.main.tree
        assert not app.editor.dirty


def test_the_help_says_the_rule_of_the_fields() -> None:
    from rich.console import Console

    from argmap.tui.screens.help import panel_tables

    console = Console(width=200, record=True)
    for _, table in panel_tables():
        console.print(table)
    shown = console.export_text()
    assert "keep what you typed" in shown and "escape twice" in shown and "ctrl+j" in shown


# --- 2. a folded text and a flow mapping keep their lines -----------------------------------------


@pilot
async def test_editing_a_folded_text_keeps_its_style_and_gains_no_line_break(rain: Path) -> None:
    app = app_for(rain)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "raining")
        await pilot.press("e")
        text = app.query_one("#field-text", TextArea)
        assert text.text == "It is raining in the city, and has been all night."
        await type_text(pilot, " EDITED")
        await pilot.press("enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = rain.read_text(encoding="utf-8")
    folded = "    text: >\n      It is raining in the city,\n      and has been all night. EDITED\n    quote:"
    assert folded in saved


@pilot
async def test_editing_a_flow_claim_keeps_its_two_lines(rain: Path) -> None:
    app = app_for(rain)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "umbrellas")
        field = app.query_one("#field-by", Input)
        field.focus()
        await type_text(pilot, "me")
        await pilot.press("enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = rain.read_text(encoding="utf-8")
    assert "  umbrellas: {text: People carry umbrellas.,\n    supports: [raining], by: me}\n" in saved


# --- 3. a claim with an unknown field is shown, found, selected and fixed -------------------------


@pilot
async def test_a_claim_with_a_misspelt_field_is_in_the_tree_and_fixed_there(tmp_path: Path) -> None:
    seed = copy_seed(tmp_path)
    text = seed.read_text(encoding="utf-8")
    typo = re.search(r"^  ([a-z-]+):\n(?:    .*\n)*?    supports: ", text, re.M)
    assert typo is not None
    cid = typo.group(1)
    start = typo.end() - len("supports: ")
    seed.write_text(text[:start] + "suports: " + text[typo.end() :], encoding="utf-8")
    total = len(MapEditor.open(seed).claim_ids())
    app = app_for(seed)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        header = str(app.query_one("#detail-header").render())
        assert f"{total} claims" in header
        # find it
        await pilot.press("slash")
        assert isinstance(app.screen, FindScreen)
        await type_text(pilot, cid)
        await pilot.press("enter")
        await pilot.pause()
        assert app.main.tree.claim_id == cid
        # its problem jumps to it
        await go_to(pilot, Question(None))
        problems = app.main.problems
        index = next(i for i, d in enumerate(problems.diagnostics) if "suports" in d.message)
        problems.focus()
        problems.highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        assert app.main.tree.claim_id == cid
        # the detail panel shows the unknown field and offers the did-you-mean
        shown = str(app.query_one(".unknown-field").render())
        assert "suports" in shown and "did you mean 'supports'" in shown
        app.query_one("#unknown-rename-0", Button).press()
        await pilot.pause()
        assert app.editor.document.ok
        assert "supports" in app.editor.claim(cid) and "suports" not in app.editor.claim(cid)
        assert not app.query_one("#unknown-fields").display


# --- 4 and 5. further questions: their problems, their form, their breadcrumb ---------------------


@pilot
async def test_a_problem_about_a_new_question_jumps_to_it(rain: Path) -> None:
    app = app_for(rain)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("Q")
        await type_text(pilot, "Will it snow?")
        await pilot.press("enter")
        await pilot.pause()
        assert app.main.tree.question_id == "will-it-snow", "the new question is selected"
        await go_to(pilot, "wet")
        problems = app.main.problems
        index = next(i for i, d in enumerate(problems.diagnostics) if "will-it-snow" in d.message)
        problems.focus()
        problems.highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        assert app.main.tree.on_question == Question("will-it-snow")


@pilot
async def test_a_further_question_has_its_own_detail_and_breadcrumb(rain: Path) -> None:
    app = app_for(rain)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, Question("how-long"))
        assert "A further question" in str(app.query_one("#detail-header").render())
        assert app.query_one("#question-form").display and not app.query_one("#map-form").display
        assert app.query_one("#field-question-text", TextArea).text == "How long will it rain?"
        await go_to(pilot, "noon")
        crumb = str(app.query_one("#breadcrumb").render())
        assert crumb.startswith("How long will it rain?") and "Is it raining" not in crumb
        await go_to(pilot, Question(None))
        assert app.query_one("#map-form").display


# --- 6. --source is checked -----------------------------------------------------------------------


def test_a_source_that_does_not_exist_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("edit", str(tmp_path / "new.yaml"), "--source", str(tmp_path / "nope.txt"))
    assert result.returncode == 2
    assert "nope.txt (--source) does not exist" in result.stderr


def test_a_source_other_than_the_maps_own_is_refused(rain: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text("Other.\n", encoding="utf-8")
    result = run_cli("edit", str(rain), "--source", str(other))
    assert result.returncode == 2
    assert "already names its article: article.txt" in result.stderr
    same = run_cli("edit", str(rain), "--source", str(tmp_path / "article.txt"))
    assert "needs a terminal" in same.stderr, "the map's own article is fine"


def test_a_source_given_to_a_map_without_one_is_set_as_an_unsaved_edit(tmp_path: Path) -> None:
    from argmap.commands.edit import _use_source

    (tmp_path / "a.txt").write_text("A.\n", encoding="utf-8")
    path = tmp_path / "m.yaml"
    path.write_text("argmap: 1\nclaims:\n  a:\n    text: A\n", encoding="utf-8")
    editor = MapEditor.open(path)
    assert _use_source(editor, str(tmp_path / "a.txt")) is None
    assert editor.dirty and "source:\n  file: a.txt\n" in editor.text


# --- 7. a map deleted on disk ----------------------------------------------------------------------


@pilot
async def test_a_map_deleted_on_disk_is_offered_to_be_saved_again(rain: Path) -> None:
    app = app_for(rain)
    async with app.run_test(size=SIZE) as pilot:
        rain.unlink()
        app.main.files.reload()
        await pilot.pause()
        assert any("was deleted on disk" in m and "does not parse" not in m for m in messages(app))
        app.main.files.check_disk()
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert "deleted" in str(app.screen.query_one(".dialog-body").render())
        await pilot.press("s")
        await pilot.pause()
    assert rain.read_text(encoding="utf-8") == MAP


# --- 8. save as -------------------------------------------------------------------------------------


@pilot
async def test_a_map_in_a_folder_that_does_not_exist_is_saved_elsewhere(rain: Path, tmp_path: Path) -> None:
    path = tmp_path / "no-such-folder" / "x.yaml"
    app = EditorApp(MapEditor.open(path, source=str(tmp_path / "article.txt")), watch_disk=False, keymap={})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        said = "\n".join(messages(app))
        assert "there is no folder" in said and "Save as" in said
        await app.main.run_action("save_as")
        await pilot.pause()
        assert isinstance(app.screen, AskPath)
        field = app.screen.query_one("#ask-path", Input)
        (tmp_path / "maps").mkdir()
        field.value = str(tmp_path / "maps" / "rain2.yaml")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is app.main
        assert app.editor.path == tmp_path / "maps" / "rain2.yaml" and not app.editor.dirty
    saved = (tmp_path / "maps" / "rain2.yaml").read_text(encoding="utf-8")
    assert "file: ../article.txt" in saved, "the article's path follows the map"


@pilot
async def test_save_as_asks_before_writing_over_a_file(rain: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text("keep me\n", encoding="utf-8")
    app = app_for(rain)
    async with app.run_test(size=SIZE) as pilot:
        await app.main.run_action("save_as")
        await pilot.pause()
        app.screen.query_one("#ask-path", Input).value = str(other)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("n")
        await pilot.pause()
    assert other.read_text(encoding="utf-8") == "keep me\n"


# --- 9. a further question is deleted ---------------------------------------------------------------


@pilot
async def test_d_deletes_a_further_question_and_its_positions_answer_the_main_one(rain: Path) -> None:
    app = app_for(rain)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, Question("how-long"))
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert "noon, week" in str(app.screen.query_one(".dialog-body").render())
        await pilot.press("y")
        await pilot.pause()
        model = app.editor.model
        assert "how-long" not in model.questions and model.claims["noon"].answers is None
        assert app.main.tree.cursor_node is not None and app.main.tree.cursor_node.data is not None


# --- 10. a passage over a paragraph break ------------------------------------------------------------


@pilot
async def test_a_passage_across_paragraphs_is_one_quote_with_a_space(rain: Path) -> None:
    app = app_for(rain)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "raining")
        article = app.main.article
        lines = article.text.split("\n")
        first = next(i for i, line in enumerate(lines) if "first year." in line)
        col = lines[first].index("since its")
        article.selection = Selection((first, col), (first + 2, len("Yet the e")))
        article.focus()
        await pilot.press("a")
        await type_text(pilot, "Long quote")
        await pilot.press("enter")
        await pilot.pause()
        new = app.main.tree.claim_id
        assert app.editor.claim(new)["quote"] == "since its first year. Yet the experts"
        assert app.editor.document.ok, "the quote matches the article"


# --- quoting by keyboard --------------------------------------------------------------------------


@pilot
async def test_the_article_cursor_starts_at_the_quote_in_view(rain: Path) -> None:
    app = app_for(rain)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "wet")
        await pilot.press("f6")
        article = app.main.article
        span = article.spans["wet"][0]
        assert article.cursor_location == span.start
        await pilot.press("shift+right")
        assert article.selected_text == "T"


@pilot
async def test_quotes_stay_highlighted_on_the_cursors_paragraph(rain: Path) -> None:
    app = app_for(rain)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "wet")
        await pilot.press("f6")
        article = app.main.article
        row = article.cursor_location[0]
        quote_style = article.get_component_rich_style("article--quote-selected", partial=True)
        await pilot.press("escape")
        line = article.get_line(row)
        assert not article.highlight_cursor_line
        assert any(span.style == quote_style for span in line.spans)


@pilot
async def test_s_selects_a_sentence_and_a_quote_is_two_keys_away(rain: Path) -> None:
    app = app_for(rain)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "wet")
        await pilot.press("f6")
        await pilot.press("s")
        article = app.main.article
        assert article.selected_text == "The streets are wet this morning, and Mr. Lee's shop is shut."
        await pilot.press("right_parenthesis")
        assert article.selected_text.endswith("umbrellas everywhere.")
        await pilot.press("b")
        assert article.selected_text.endswith("umbrellas")
        await pilot.press("w")
        await pilot.press("w")
        assert article.selected_text.endswith("everywhere. North")
        await pilot.press("o")
        assert isinstance(app.screen, NewClaimScreen)
        await type_text(pilot, "Dry")
        await pilot.press("enter")
        await pilot.pause()
        new = app.main.tree.claim_id
        assert app.editor.claim(new)["opposes"] == ["wet"]
        assert app.editor.claim(new)["quote"].endswith("everywhere. North")


@pilot
async def test_a_selection_snaps_to_whole_words(rain: Path) -> None:
    app = app_for(rain)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "wet")
        article = app.main.article
        lines = article.text.split("\n")
        row = next(i for i, line in enumerate(lines) if "North Korea has not sought" in line)
        col = lines[row].index("North Korea") + 2
        article.selection = Selection((row, col), (row, col + len("rth Korea has not so")))
        assert article.passage == "North Korea has not sought"


@pilot
async def test_the_kind_of_a_new_claim_is_one_key(rain: Path) -> None:
    app = app_for(rain)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "raining")
        await pilot.press("a")
        await type_text(pilot, "Puddles")
        await pilot.press("alt+e")
        assert app.screen.kind == "evidence"
        await pilot.press("enter")
        await pilot.pause()
        assert app.editor.model.claims[app.main.tree.claim_id].kind.value == "evidence"


# --- the tree panel -----------------------------------------------------------------------------------


@pilot
async def test_the_tree_is_resized_by_keys_and_by_dragging_its_border(rain: Path) -> None:
    app = app_for(rain)
    async with app.run_test(size=SIZE) as pilot:
        tree = app.main.tree
        before = tree.outer_size.width
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert tree.outer_size.width == before + 4
        await pilot.press("less_than_sign", "less_than_sign")
        await pilot.pause()
        assert tree.outer_size.width == before - 4
        border = tree.outer_size.width - 1
        await pilot.mouse_down(tree, offset=(border, 5))
        await pilot.hover(tree, offset=(border + 10, 5))
        await pilot.mouse_up(tree, offset=(border + 10, 5))
        await pilot.pause()
        assert tree.outer_size.width == before + 6


@pilot
async def test_labels_fit_the_tree_and_maximizing_shows_more(tmp_path: Path) -> None:
    seed = copy_seed(tmp_path)
    app = app_for(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        tree = app.main.tree
        width = tree.scrollable_content_region.width
        assert tree.virtual_size.width <= width, "no sideways scrolling"
        node = tree.root.children[0]
        short = tree.render_label(node, tree.rich_style, tree.rich_style).plain
        assert short.endswith("…")
        tree.focus()
        await pilot.press("z")
        await pilot.pause()
        assert app.main.maximized is tree
        longer = tree.render_label(node, tree.rich_style, tree.rich_style).plain
        assert len(longer) > len(short)
        await pilot.press("z")
        await pilot.pause()
        assert app.main.maximized is None


@pilot
async def test_home_goes_back_to_the_top_and_the_left(rain: Path) -> None:
    app = app_for(rain)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "noon")
        tree = app.main.tree
        tree.scroll_to(x=5, animate=False)
        await pilot.press("home")
        await pilot.pause()
        assert tree.cursor_node is tree.root and tree.scroll_x == 0


# --- feedback -------------------------------------------------------------------------------------------


@pilot
async def test_undo_and_redo_say_what_and_past_the_start_say_it_once(rain: Path) -> None:
    app = app_for(rain)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "wet")
        await pilot.press("e")
        await type_text(pilot, " Very.")
        await pilot.press("enter", "escape")
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "Undid: edit text of 'wet'" in messages(app)
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert "Redid: edit text of 'wet'" in messages(app)
        for _ in range(10):
            await pilot.press("ctrl+z")
        await pilot.pause()
        nothing = [m for m in messages(app) if m.startswith("Nothing more to undo")]
        assert len(nothing) == 1


@pilot
async def test_after_a_delete_a_neighbour_is_selected(rain: Path) -> None:
    app = app_for(rain)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "wet")
        await pilot.press("d", "y")
        await pilot.pause()
        assert app.main.tree.claim_id == "umbrellas"
        await pilot.press("d", "y")
        await pilot.pause()
        assert app.main.tree.claim_id == "raining", "no sibling left: the parent"


# --- other panels, keys and sizes ---------------------------------------------------------------------


@pilot
async def test_an_empty_problems_panel_says_no_problems(rain: Path) -> None:
    app = app_for(rain)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        problems = app.main.problems
        assert problems.border_title == "Problems: none"
        assert problems.outer_size.height == 3
        assert "No problems" in str(problems.get_option_at_index(0).prompt)


@pytest.mark.parametrize("width", [80, 120, 200])
@pilot
async def test_the_footer_shows_what_fits_the_width(rain: Path, width: int) -> None:
    from textual.widgets._footer import FooterKey

    from argmap.tui.keys import ACTIONS
    from argmap.tui.widgets.footer import PALETTE_WIDTH

    app = app_for(rain)
    async with app.run_test(size=(width, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        keys = [k for k in app.main.query(FooterKey) if not k.has_class("-command-palette")]
        used = sum(k.outer_size.width for k in keys)
        assert used <= width
        shown = {k.action for k in keys}
        assert {"add('supports')", "add('opposes')", "edit", "save", "quit"} <= shown, "the most used first"
        room = width - PALETTE_WIDTH - sum(len(k.key_display) + len(k.description) + 3 for k in keys)
        left_out = [a for a in ACTIONS if a.footer and a.action not in shown]
        assert all(len(a.shown_key()) + len(a.label) + 3 > room for a in left_out), "none more would fit"
        if width >= 200:
            assert {"unlink", "render", "article", "problems", "undo"} <= shown


@pilot
async def test_a_terminal_too_small_says_so(rain: Path) -> None:
    app = app_for(rain)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        assert "needs at least 60×16" in str(app.screen.query_one("#too-small").render())
        await pilot.press("a")
        assert isinstance(app.screen, TooSmallScreen), "no dialog opens beneath"
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen is app.main


# --- keys of one's own ------------------------------------------------------------------------------


@pilot
async def test_a_keymap_file_rebinds_actions_and_reports_unknown_ids(rain: Path, tmp_path: Path) -> None:
    from argmap.tui.keymap import load_keymap

    keys = tmp_path / "keys.toml"
    keys.write_text(
        '[keys]\nadd-support = "s"\n"article.sentence" = "v"\nadd-suport = "x"\n', encoding="utf-8"
    )
    keymap, problems = load_keymap(keys)
    assert keymap == {"add-support": "s", "article.sentence": "v"}
    assert len(problems) == 1 and "did you mean 'add-support'" in problems[0]
    app = EditorApp(MapEditor.open(rain), watch_disk=False, keymap=keymap)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "wet")
        await pilot.press("a")
        assert app.screen is app.main, "a no longer adds"
        await pilot.press("s")
        assert isinstance(app.screen, NewClaimScreen)
        await pilot.press("escape")
        await pilot.press("f6", "v")
        assert app.main.article.selected_text.startswith("The streets are wet")


def test_a_keymap_file_that_is_not_toml_is_reported(tmp_path: Path) -> None:
    from argmap.tui.keymap import load_keymap

    bad = tmp_path / "keys.toml"
    bad.write_text("[keys\n", encoding="utf-8")
    assert load_keymap(bad)[0] == {} and "not valid TOML" in load_keymap(bad)[1][0]
    assert load_keymap(tmp_path / "missing.toml") == ({}, [])


def test_the_rain_map_is_valid(rain: Path) -> None:
    assert MapEditor.open(rain).document.ok
