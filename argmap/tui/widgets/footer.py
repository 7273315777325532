"""The footer: the keys that fit the terminal's width, the most useful first.

Textual's footer shows every binding marked `show`, and cuts off what does not fit.
Here each action has a rank in `keys.ACTIONS`; the footer shows the best-ranked
actions that fit its width, in the table's order, and chooses again when the
terminal is resized.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from argmap.tui.keys import ACTIONS

#: What the command palette's key takes at the right edge, with its border.
PALETTE_WIDTH = 18


def choose(items: list[tuple[int, int]], room: int) -> set[int]:
    """Of (rank, width) items, the indices of the best-ranked ones whose widths add up to at most `room`."""
    chosen: set[int] = set()
    used = 0
    for i in sorted(range(len(items)), key=lambda i: items[i][0]):
        width = items[i][1]
        if used + width <= room:
            chosen.add(i)
            used += width
    return chosen


class KeyFooter(Footer):
    """A footer that shows what fits, by rank (see `choose`)."""

    def __init__(self) -> None:
        super().__init__()
        self._width = 0
        #: what the keys shown were built from (see bindings_changed)
        self._shown: tuple[object, ...] = ()

    def _entries(self) -> list[tuple[Binding, bool, str, str]]:
        """(binding, enabled, tooltip, classes) of each key to show, the palette's last."""
        active = self.screen.active_bindings
        ranks = {a.action: a.footer for a in ACTIONS if a.footer}
        seen: set[str] = set()
        shown: list[tuple[Binding, bool, str]] = []
        for _, binding, enabled, tooltip in active.values():
            if binding.show and binding.action in ranks and binding.action not in seen:
                seen.add(binding.action)
                shown.append((binding, enabled, tooltip))
        order = {a.action: i for i, a in enumerate(ACTIONS)}
        shown.sort(key=lambda item: order[item[0].action])
        widths = [
            (ranks[b.action], len(self.app.get_key_display(b)) + len(b.description) + 3) for b, _, _ in shown
        ]
        room = (self.size.width or self.app.size.width) - PALETTE_WIDTH
        chosen = choose(widths, room)
        entries = [(b, enabled, tooltip, "") for i, (b, enabled, tooltip) in enumerate(shown) if i in chosen]
        if self.app.COMMAND_PALETTE_BINDING in active:
            _, binding, enabled, tooltip = active[self.app.COMMAND_PALETTE_BINDING]
            entries.append((binding, enabled, binding.tooltip or binding.description, "-command-palette"))
        return entries

    @staticmethod
    def _signature(entries: list[tuple[Binding, bool, str, str]]) -> tuple[object, ...]:
        return tuple((b.key, b.description, b.action, enabled, tip) for b, enabled, tip, _ in entries)

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        entries = self._entries()
        self._shown = self._signature(entries)
        for binding, enabled, tooltip, classes in entries:
            key = FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                classes=classes,
                disabled=not enabled,
                tooltip=tooltip,
            )
            yield key if classes else key.data_bind(compact=Footer.compact)

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Textual rebuilds the footer on every change of focus; here only when the keys shown change.

        Rebuilding it was a fifth of the CPU time of a key that moves the focus, at 1,000 claims.
        """
        showing = self._bindings_ready and self.is_attached and screen is self.screen and screen.app.app_focus
        if showing and self._signature(self._entries()) == self._shown:
            return
        super().bindings_changed(screen)

    def on_resize(self) -> None:
        if self.size.width != self._width:
            self._width = self.size.width
            self.call_after_refresh(self.recompose)
