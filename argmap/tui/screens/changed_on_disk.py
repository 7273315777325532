"""Asked when the map changed on disk since it was loaded: the editor never overwrites it silently."""

from __future__ import annotations

from argmap.tui.screens.confirm import Choice, ChoiceScreen

RELOAD, OVERWRITE, CANCEL = "reload", "overwrite", None


def changed_on_disk(name: str, *, dirty: bool) -> ChoiceScreen:
    """Dismisses with RELOAD, OVERWRITE or CANCEL."""
    lost = "your unsaved changes here will be lost" if dirty else "nothing here is unsaved"
    return ChoiceScreen(
        "Changed on disk",
        f"{name} was changed by another program since it was opened.\n\n"
        f"Reload: read the file again ({lost}).\n"
        "Overwrite: save this version over the other one.\n"
        "Cancel: do nothing for now.",
        [
            Choice("r", "Reload", RELOAD, "primary"),
            Choice("o", "Overwrite", OVERWRITE, "error"),
            Choice("c", "Cancel", CANCEL),
        ],
    )
