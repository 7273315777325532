"""Where a JSON path's value is in the text, to locate AIF problems by line and column.

`json` gives no positions, so problems in an AIF file are first found by their JSON path
(`$.edges[7].toID`) and then located here by walking the text again.
"""

from __future__ import annotations

import json
import re

from argmap.diagnostics import Pos

Path_ = tuple[str | int, ...]


class AifError(Exception):
    def __init__(self, path: Path_, message: str, hint: str | None = None):
        super().__init__(message)
        self.path, self.message, self.hint = path, message, hint


def show_path(path: Path_) -> str:
    out = "$"
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else f".{step}"
    return out


_WS = re.compile(r"[ \t\n\r]*")
#: A \uD800-\uDFFF escape not part of a valid pair: JSON allows it, text cannot hold it.
LONE_SURROGATE = re.compile(
    r"(?<!\\)(?:\\\\)*\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    r"|(?<![dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)
_decoder = json.JSONDecoder()


def _after_ws(text: str, i: int) -> int:
    """Where the white space at `i` ends."""
    found = _WS.match(text, i)
    return found.end() if found else i


class Locator:
    """Finds where a JSON path's value starts in the text, to say where a problem is.

    `json` gives no positions, so we walk the (valid) text again, skipping
    values with the decoder.  Offsets found are kept, and the items of an array
    are remembered as they are passed, so locating many nodes costs one walk of
    the array, not one per problem.
    """

    def __init__(self, text: str):
        self.text = text
        self.known: dict[Path_, int] = {(): _after_ws(text, 0)}
        self.items: dict[Path_, list[int]] = {}

    def pos(self, path: Path_) -> Pos | None:
        """The line and column of the deepest located part of `path`."""
        for cut in range(len(path), -1, -1):
            offset = self.offset(path[:cut])
            if offset is not None:
                text = self.text
                return Pos(text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1)
        return None  # pragma: no cover - the empty path is always found

    def offset(self, path: Path_) -> int | None:
        cut = next(n for n in range(len(path), -1, -1) if path[:n] in self.known)
        i: int | None = self.known[path[:cut]]
        for n in range(cut, len(path)):
            assert i is not None
            i = self._step(path[:n], i, path[n])
            if i is None:
                return None
            self.known[path[: n + 1]] = i
        return i

    def _step(self, prefix: Path_, i: int, step: str | int) -> int | None:
        text = self.text
        if i >= len(text) or text[i] != ("{" if isinstance(step, str) else "["):
            return None
        if isinstance(step, int):
            return self._item(prefix, i, step)
        i = _after_ws(text, i + 1)
        while i < len(text) and text[i] == '"':
            key, i = json.decoder.scanstring(text, i + 1)  # type: ignore[attr-defined]
            i = _after_ws(text, _after_ws(text, i) + 1)  # past the colon
            if key == step:
                return i
            i = self._next(i)
        return None

    def _item(self, prefix: Path_, start: int, index: int) -> int | None:
        found = self.items.setdefault(prefix, [])
        if index < len(found):
            return found[index]
        i = self._next(found[-1]) if found else _after_ws(self.text, start + 1)
        while i < len(self.text) and self.text[i] != "]":
            found.append(i)
            if len(found) > index:
                return i
            i = self._next(i)
        return None

    def _next(self, i: int) -> int:
        """Past the value at `i` and the comma after it, to the next value or key."""
        _, i = _decoder.raw_decode(self.text, i)
        i = _after_ws(self.text, i)
        if i < len(self.text) and self.text[i] == ",":
            i = _after_ws(self.text, i + 1)
        return i
