"""`/`: find a claim by its text or id and jump to it."""

from __future__ import annotations

from argmap.tui.screens.picker import ClaimPicker


class FindScreen(ClaimPicker):
    """Dismisses with the id of the claim to jump to, or None."""

    def __init__(self, claims: list[tuple[str, str]]) -> None:
        super().__init__("Find a claim", claims)
