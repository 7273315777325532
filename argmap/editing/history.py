"""Undo and redo for a whole editing session, as a stack of earlier states.

States are immutable and share their untouched pieces (see `layout`), so keeping the state
from before each edit costs a tuple of references, not a copy of the map; undo is then
exact by construction — it restores the very text there was, comments and all — instead
of relying on every edit knowing its inverse.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass
class History(Generic[T]):
    """Earlier and undone states, each with the label of the edit that left it."""

    limit: int = 1000
    _undo: list[tuple[str, T]] = field(default_factory=list)
    _redo: list[tuple[str, T]] = field(default_factory=list)

    def record(self, label: str, before: T) -> None:
        """An edit named `label` replaced `before`; a new edit forgets what was undone."""
        self._undo.append((label, before))
        self._redo.clear()
        del self._undo[: -self.limit]

    def undo(self, current: T) -> T | None:
        if not self._undo:
            return None
        label, before = self._undo.pop()
        self._redo.append((label, current))
        return before

    def redo(self, current: T) -> T | None:
        if not self._redo:
            return None
        label, after = self._redo.pop()
        self._undo.append((label, current))
        return after

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def undo_label(self) -> str | None:
        return self._undo[-1][0] if self._undo else None

    @property
    def redo_label(self) -> str | None:
        return self._redo[-1][0] if self._redo else None
