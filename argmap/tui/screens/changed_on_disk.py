"""Asked when the map changed on disk while it has unsaved changes here: never overwritten silently.

With nothing unsaved the editor simply reloads (and says so); this is asked only when
both versions hold something the other lacks, and it offers their differences first.
"""

from __future__ import annotations

from argmap.tui.screens.confirm import Choice, ChoiceScreen

RELOAD, OVERWRITE, DIFF, SAVE, CANCEL = "reload", "overwrite", "diff", "save", None


def changed_on_disk(name: str) -> ChoiceScreen:
    """Dismisses with RELOAD, OVERWRITE, DIFF or CANCEL."""
    return ChoiceScreen(
        "Changed on disk",
        f"{name} was changed by another program, and it has unsaved changes here.\n\n"
        "Differences: see what differs between the two.\n"
        "Reload: read the file again (your unsaved changes here are dropped; ctrl+z brings them back).\n"
        "Overwrite: save this version over the other one.\n"
        "Cancel: do nothing for now.",
        [
            Choice("d", "Differences", DIFF, "primary"),
            Choice("r", "Reload", RELOAD),
            Choice("o", "Overwrite", OVERWRITE, "error"),
            Choice("c", "Cancel", CANCEL),
        ],
    )


def deleted_on_disk(name: str) -> ChoiceScreen:
    """Dismisses with SAVE or CANCEL."""
    return ChoiceScreen(
        "Deleted on disk",
        f"{name} was deleted (or moved away) by another program.\n\n"
        "The map is still here, in the editor.\n"
        "Save: write it to the file again.\n"
        "Cancel: keep editing; ctrl+s saves it later.",
        [Choice("s", "Save", SAVE, "primary"), Choice("c", "Cancel", CANCEL)],
    )
