"""The editor's actions: one table gives the key bindings, the footer, the help screen and the palette.

Keeping them in one place means a key shown in the footer, listed by `?` and
offered in the command palette can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Action:
    """One thing the user can do, and how to reach it."""

    #: the App action it runs, with arguments if any (`reorder(-1)`)
    action: str
    #: Textual key names, comma-separated
    keys: str
    #: short label for the footer
    label: str
    #: what the command palette and the help screen call it
    title: str
    #: one sentence for the palette and the help screen
    help: str
    #: shown in the footer (the footer of an 80-column terminal holds about ten)
    footer: bool = True
    #: runs even when a text field has focus (ctrl keys only, so typing is never taken)
    priority: bool = False
    #: how the key is written for people, where Textual's name is not what they would type
    display: str | None = None

    @property
    def shown_key(self) -> str:
        return self.display or self.keys.split(",")[0]


ACTIONS: tuple[Action, ...] = (
    Action(
        "add('supports')",
        "a",
        "Support",
        "Add a supporting claim",
        "add a claim that supports the selected one (a passage selected in the article becomes its quote)",
    ),
    Action(
        "add('opposes')",
        "o",
        "Oppose",
        "Add an opposing claim",
        "add a claim that opposes the selected one (a passage selected in the article becomes its quote)",
    ),
    Action(
        "add('position')",
        "p",
        "Position",
        "Add a position",
        "add an answer to the map's question (a passage selected in the article becomes its quote)",
    ),
    Action(
        "add_question",
        "Q",
        "Question",
        "Add a further question",
        "add another question the article answers; positions added under it answer it",
        footer=False,
        display="shift+q",
    ),
    Action(
        "edit",
        "e",
        "Edit",
        "Edit the selected claim",
        "move to the detail panel to change the selected claim's fields (enter in the tree does it too)",
    ),
    Action(
        "link",
        "l",
        "Link",
        "Link to another claim",
        "make the selected claim support or oppose one more claim",
    ),
    Action(
        "unlink",
        "u",
        "Unlink",
        "Unlink from this parent",
        "remove the relation between the selected claim and the claim it hangs under here",
        footer=False,
    ),
    Action(
        "delete",
        "d",
        "Delete",
        "Delete the selected claim",
        "delete the selected claim after asking; references to it are removed too",
    ),
    Action(
        "move",
        "m",
        "Move",
        "Move under another claim",
        "hang the selected claim under another claim instead of the one it is under here",
    ),
    Action(
        "reorder(-1)",
        "shift+up",
        "Up",
        "Move the claim up",
        "move the selected claim before its previous sibling",
        footer=False,
        display="shift+↑",
    ),
    Action(
        "reorder(1)",
        "shift+down",
        "Down",
        "Move the claim down",
        "move the selected claim after its next sibling",
        footer=False,
        display="shift+↓",
    ),
    Action(
        "find", "slash", "Find", "Find a claim", "find a claim by its text or id and jump to it", display="/"
    ),
    Action(
        "undo",
        "ctrl+z",
        "Undo",
        "Undo",
        "undo the last change (the whole session is kept)",
        footer=False,
        priority=True,
    ),
    Action("redo", "ctrl+y", "Redo", "Redo", "redo the change last undone", footer=False, priority=True),
    Action(
        "save",
        "ctrl+s",
        "Save",
        "Save",
        "write the map (only what changed; comments are kept)",
        priority=True,
    ),
    Action(
        "render",
        "r",
        "Render",
        "Render the SVG",
        "draw the map with Graphviz into an SVG beside it",
        footer=False,
    ),
    Action(
        "preview",
        "b",
        "Browser",
        "Preview in the browser",
        "show the map in the browser, redrawn as you edit (before any save), centred on the selected claim",
        footer=False,
    ),
    Action(
        "article",
        "f6",
        "Article",
        "Go to the article",
        "move to the article, to select a passage (shift+arrows or the mouse) for a new claim's quote",
        footer=False,
    ),
    Action(
        "leave",
        "escape",
        "Back",
        "Back to the tree",
        "leave a field without keeping what was typed (or leave the article) and go back to the tree",
        footer=False,
    ),
    Action(
        "problems",
        "f8",
        "Problems",
        "Go to the problems",
        "move to the problems panel; choosing a problem jumps to its claim",
        footer=False,
    ),
    Action(
        "toggle_dark",
        "ctrl+t",
        "Theme",
        "Switch light/dark",
        "switch between the light and dark theme",
        footer=False,
        priority=True,
    ),
    Action("help", "question_mark", "Help", "Help", "show every key and what it does", display="?"),
    Action("quit", "q", "Quit", "Quit", "leave the editor (asks first when there are unsaved changes)"),
)
