"""SVG snapshots of the editor (pytest-textual-snapshot): the main screen, a dialog, a new map.

The snapshots live in `tests/tui/__snapshots__/`.  After a deliberate change
of the look, review the report pytest prints and accept with
`python -m pytest tests/tui --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path

from argmap.editing import MapEditor
from argmap.tui.app import EditorApp
from tests.tui.helpers import ARTICLE, copy_seed


def editor_app(path: Path, source: str | None = None) -> EditorApp:
    return EditorApp(MapEditor.open(path, source=source), watch_disk=False, keymap={})


def test_main_screen_on_the_seed_map(snap_compare, tmp_path: Path) -> None:
    app = editor_app(copy_seed(tmp_path))

    async def select_a_quoted_claim(pilot) -> None:
        await pilot.pause()
        pilot.app.main.tree.select("missile-program-for-security")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=select_a_quoted_claim)


def test_main_screen_uses_a_large_terminal(snap_compare, tmp_path: Path) -> None:
    app = editor_app(copy_seed(tmp_path))

    async def select_a_quoted_claim(pilot) -> None:
        await pilot.pause()
        pilot.app.main.tree.select("missile-program-for-security")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(160, 45), run_before=select_a_quoted_claim)


def test_delete_confirmation_dialog(snap_compare, tmp_path: Path) -> None:
    app = editor_app(copy_seed(tmp_path))

    async def ask_to_delete(pilot) -> None:
        await pilot.pause()
        pilot.app.main.tree.select("tests-pose-threat")
        await pilot.pause()
        await pilot.press("d")

    assert snap_compare(app, terminal_size=(100, 30), run_before=ask_to_delete)


def test_a_new_empty_map(snap_compare, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    app = editor_app(tmp_path / "new.yaml", source=str(article))
    assert snap_compare(app, terminal_size=(80, 24))


def test_main_screen_in_the_light_theme(snap_compare, tmp_path: Path) -> None:
    app = editor_app(copy_seed(tmp_path))

    async def light(pilot) -> None:
        await pilot.pause()
        pilot.app.main.tree.select("missile-program-for-security")
        await pilot.press("ctrl+t")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 30), run_before=light)


def test_an_argument_with_linked_premises_and_an_undercut(snap_compare, tmp_path: Path) -> None:
    from tests.tui.test_arguments_editor import MAP

    path = tmp_path / "go.yaml"
    path.write_text(MAP, encoding="utf-8")
    app = editor_app(path)

    async def select_the_argument(pilot) -> None:
        await pilot.pause()
        pilot.app.main.tree.select("sun-arg")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 30), run_before=select_the_argument)


def test_a_terminal_too_small(snap_compare, tmp_path: Path) -> None:
    app = editor_app(copy_seed(tmp_path))
    assert snap_compare(app, terminal_size=(40, 12))
