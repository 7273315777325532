"""The editor's actions: one table gives the key bindings, the footer, the help screen and the palette.

Keeping them in one place means a key shown in the footer, listed by `?` and
offered in the command palette can never disagree.  Every action has an `id`:
a user's keymap file (see `keymap`) rebinds actions by these ids.

To add an action: add a row to `ACTIONS` and an `action_<name>` method to
`MainScreen` (argmap/tui/main.py); the binding, the footer, the help screen,
the palette and the keymap follow from the row.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Action:
    """One thing the user can do, and how to reach it."""

    #: the binding id, which a keymap file uses to rebind it ("add-support")
    id: str
    #: the screen action it runs, with arguments if any (`reorder(-1)`)
    action: str
    #: Textual key names, comma-separated
    keys: str
    #: short label for the footer
    label: str
    #: what the command palette and the help screen call it
    title: str
    #: one sentence for the palette and the help screen
    help: str
    #: the footer shows the actions that fit its width, most important (lowest rank) first; 0: never
    footer: int = 0
    #: runs even when a text field has focus (ctrl keys and function keys only, so typing is never taken)
    priority: bool = False
    #: how the key is written for people, where Textual's name is not what they would type
    display: str | None = None

    @property
    def name(self) -> str:
        """The action's method name without arguments (`reorder` for `reorder(-1)`)."""
        return self.action.split("(")[0]

    def shown_key(self, keymap: Mapping[str, str] | None = None) -> str:
        """The first key, as people write it."""
        if keymap and self.id in keymap:
            return display_key(keymap[self.id].split(",")[0])
        return self.display or display_key(self.keys.split(",")[0])

    def binding(self) -> Binding:
        return Binding(
            self.keys,
            self.action,
            self.label,
            show=self.footer > 0,
            priority=self.priority,
            key_display=self.display,
            id=self.id,
        )


_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "less_than_sign": "<",
    "greater_than_sign": ">",
    "left_parenthesis": "(",
    "right_parenthesis": ")",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
}


def display_key(key: str) -> str:
    """A Textual key name as people write it: `shift+up` → `shift+↑`, `slash` → `/`."""
    parts = key.strip().split("+")
    parts[-1] = _NAMES.get(parts[-1], parts[-1])
    if len(parts) == 1 and len(parts[0]) == 1 and parts[0].isupper():
        return f"shift+{parts[0].lower()}"
    return "+".join(parts)


ACTIONS: tuple[Action, ...] = (
    Action(
        "add-support",
        "add('supports')",
        "a",
        "Support",
        "Add a supporting claim",
        "add a claim that supports the selected one (a passage selected in the article becomes its quote)",
        footer=1,
    ),
    Action(
        "add-opposition",
        "add('opposes')",
        "o",
        "Oppose",
        "Add an opposing claim",
        "add a claim that opposes the selected one (a passage selected in the article becomes its quote)",
        footer=2,
    ),
    Action(
        "add-position",
        "add('position')",
        "p",
        "Position",
        "Add a position",
        "add an answer to the question it is added under (a passage selected in the article is its quote)",
        footer=7,
    ),
    Action(
        "add-co-premise",
        "add_co_premise",
        "c",
        "Co-premise",
        "Add a co-premise",
        "add a claim that works together with the selected reason (a plain reason becomes an argument "
        "with both premises); on an argument: one premise more",
        footer=18,
    ),
    Action(
        "add-undercut",
        "add_undercut",
        "x",
        "Undercut",
        "Add an undercut",
        "add a claim that attacks the step from the selected reason to what it bears on, not the "
        "reason itself (a plain reason becomes a one-premise argument)",
        footer=19,
    ),
    Action(
        "add-question",
        "add_question",
        "Q",
        "Question",
        "Add a further question",
        "add another question the article answers; positions added under it answer it",
    ),
    Action(
        "edit",
        "edit",
        "e",
        "Edit",
        "Edit the selected claim",
        "move to the detail panel to change the selected claim's fields (enter in the tree does it too)",
        footer=3,
    ),
    Action(
        "link",
        "link",
        "l",
        "Link",
        "Link to another claim",
        "make the selected claim support or oppose one more claim",
        footer=11,
    ),
    Action(
        "unlink",
        "unlink",
        "u",
        "Unlink",
        "Unlink from this parent",
        "remove the relation between the selected claim and the claim (or argument) it hangs under "
        "here: a premise leaves its argument, an undercut stops undercutting",
        footer=15,
    ),
    Action(
        "delete",
        "delete",
        "d",
        "Delete",
        "Delete the selected claim, argument or question",
        "delete the selected claim, argument or further question after asking; references to it go too",
        footer=10,
    ),
    Action(
        "move",
        "move",
        "m",
        "Move",
        "Move under another claim",
        "hang the selected claim under another claim instead of the one it is under here",
        footer=14,
    ),
    Action(
        "move-up",
        "reorder(-1)",
        "shift+up",
        "Up",
        "Move the claim up",
        "move the selected claim before its previous sibling",
    ),
    Action(
        "move-down",
        "reorder(1)",
        "shift+down",
        "Down",
        "Move the claim down",
        "move the selected claim after its next sibling",
    ),
    Action(
        "find", "find", "slash", "Find", "Find a claim", "find a claim by its text or id and jump to it", 9
    ),
    Action(
        "undo",
        "undo",
        "ctrl+z",
        "Undo",
        "Undo",
        "undo the last change (the whole session is kept); it says what it undid",
        footer=8,
        priority=True,
    ),
    Action("redo", "redo", "ctrl+y", "Redo", "Redo", "redo the change last undone", footer=17, priority=True),
    Action(
        "save",
        "save",
        "ctrl+s",
        "Save",
        "Save",
        "write the map (only what changed; comments are kept)",
        footer=4,
        priority=True,
    ),
    Action(
        "save-as",
        "save_as",
        "ctrl+shift+s",
        "Save as",
        "Save as…",
        "write the map to another file, which it is then edited as (its article path is kept right)",
        priority=True,
    ),
    Action(
        "render",
        "render",
        "r",
        "Render",
        "Render the SVG",
        "draw the map with Graphviz into an SVG beside it",
        footer=16,
    ),
    Action(
        "preview",
        "preview",
        "b",
        "Browser",
        "Preview in the browser",
        "show the map in the browser, redrawn as you edit (before any save), centred on the selected claim",
    ),
    Action(
        "article",
        "article",
        "f6",
        "Article",
        "Go to the article",
        "move to the article, to select a passage for a new claim's quote (the cursor starts at the "
        "quote in view; s selects a sentence)",
        footer=12,
        priority=True,
    ),
    Action(
        "back",
        "back",
        "escape",
        "Back",
        "Back to the tree",
        "keep the field being typed in (as an undoable step) and go back to the tree",
    ),
    Action(
        "problems",
        "problems",
        "f8",
        "Problems",
        "Go to the problems",
        "move to the problems panel; choosing a problem jumps to what it is about",
        footer=13,
        priority=True,
    ),
    Action(
        "tree-narrower",
        "tree_width(-4)",
        "less_than_sign",
        "Narrower",
        "Narrow the tree",
        "make the tree panel narrower (its right border can also be dragged with the mouse)",
    ),
    Action(
        "tree-wider",
        "tree_width(4)",
        "greater_than_sign",
        "Wider",
        "Widen the tree",
        "make the tree panel wider (its right border can also be dragged with the mouse)",
    ),
    Action(
        "zoom",
        "zoom",
        "z",
        "Zoom",
        "Maximize the panel",
        "fill the screen with the panel that has the focus (z or escape again restores)",
    ),
    Action(
        "theme",
        "toggle_dark",
        "ctrl+t",
        "Theme",
        "Switch light/dark",
        "switch between the light and dark theme",
        priority=True,
    ),
    Action("help", "help", "question_mark", "Help", "Help", "show every key and what it does", footer=6),
    Action(
        "quit",
        "quit",
        "q",
        "Quit",
        "Quit",
        "leave the editor (asks first when there are unsaved changes)",
        footer=5,
    ),
)


@dataclass(frozen=True)
class Key:
    """A key of one panel (the tree, the article): bound on that widget, listed by help."""

    id: str
    action: str
    keys: str
    help: str

    def binding(self) -> Binding:
        return Binding(self.keys, self.action, self.help, show=False, id=self.id)

    def shown_key(self, keymap: Mapping[str, str] | None = None) -> str:
        keys = (keymap or {}).get(self.id) or self.keys
        return " ".join(display_key(k) for k in keys.split(","))


#: The article's own keys (it is read-only, so plain letters are free there).
ARTICLE_KEYS: tuple[Key, ...] = (
    Key("article.sentence", "select_sentence", "s", "select the sentence under the cursor"),
    Key(
        "article.next-sentence",
        "extend_sentence(1)",
        "right_parenthesis",
        "extend the selection by a sentence",
    ),
    Key(
        "article.previous-sentence",
        "extend_sentence(-1)",
        "left_parenthesis",
        "extend the selection back by a sentence (its start moves)",
    ),
    Key("article.next-word", "extend_word(1)", "w", "extend the selection by a word"),
    Key("article.fewer-words", "extend_word(-1)", "b", "take the last word off the selection"),
)

#: Keys the panels' own widgets take before the screen sees them, bound again to the screen's
#: actions: the tree would run its own `enter` (select) and `shift+↑/↓` (jump to a sibling).
TREE_KEYS: tuple[Key, ...] = (
    Key("tree.edit", "screen.edit", "enter", "edit the selected claim"),
    Key("tree.move-up", "screen.reorder(-1)", "shift+up", "move the selected claim up"),
    Key("tree.move-down", "screen.reorder(1)", "shift+down", "move the selected claim down"),
    Key("tree.home", "scroll_to_top", "home", "go to the top of the tree"),
)


def binding_ids() -> list[str]:
    """Every id a keymap file may name."""
    return [a.id for a in ACTIONS] + [k.id for k in (*ARTICLE_KEYS, *TREE_KEYS)]
