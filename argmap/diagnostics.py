"""Problems found in a map, located by file, line and column."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from enum import StrEnum

#: Characters a terminal would act on rather than show: C0 and C1 controls (ESC starts
#: colour, cursor and OSC 52 clipboard sequences), DEL, line and paragraph separators, the
#: bidirectional overrides that reorder what a line seems to say, and lone surrogates (a file
#: name that is not UTF-8).
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")

_INVISIBLE_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, as Python keeps it in a file name
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def visible(text: str, *, lines: bool = False, keep: str = "") -> str:
    """`text` safe to print to a terminal: every control character written out, e.g. `\\x1b`.

    With `lines`, the line breaks of a report of several lines are kept; characters in `keep`
    (say tab and line breaks, in a text box) are kept as they are.
    """
    if keep:
        return _INVISIBLE.sub(lambda m: m.group() if m.group() in keep else _shown(m), text)
    if lines:
        return "\n".join(_INVISIBLE.sub(_shown, line) for line in text.split("\n"))
    return _INVISIBLE.sub(_shown, text)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Pos:
    """A place in a file; line and column count from 1."""

    line: int
    col: int


@dataclass(frozen=True, slots=True)
class Diagnostic:
    file: str
    pos: Pos | None
    severity: Severity
    code: str
    message: str
    hint: str | None = None

    def __post_init__(self) -> None:
        # Messages quote what the map says (ids, values): no control character in them ever
        # reaches a terminal, whichever face shows them (the editor's problems panel too).
        object.__setattr__(self, "message", visible(self.message))
        if self.hint is not None:
            object.__setattr__(self, "hint", visible(self.hint))

    def format(self) -> str:
        """One line for a terminal: `FILE:LINE:COL: error: message — hint`, control characters shown."""
        where = self.file if self.pos is None else f"{self.file}:{self.pos.line}:{self.pos.col}"
        text = f"{where}: {self.severity}: {self.message}"
        return visible(f"{text} — {self.hint}" if self.hint else text)

    def as_json(self) -> dict[str, object]:
        data = asdict(self)
        pos = data.pop("pos")
        data["line"] = pos["line"] if pos else None
        data["column"] = pos["col"] if pos else None
        data["severity"] = str(self.severity)
        return data


def sort_key(d: Diagnostic) -> tuple[str, int, int, str]:
    line, col = (d.pos.line, d.pos.col) if d.pos else (0, 0)
    return (d.file, line, col, d.code)


def count(diagnostics: list[Diagnostic], severity: Severity) -> int:
    return sum(1 for d in diagnostics if d.severity is severity)


def to_json(diagnostics: list[Diagnostic]) -> str:
    return safe_json([d.as_json() for d in diagnostics])


def safe_json(data: object) -> str:
    """JSON for a terminal or a log: readable Unicode, but every control character, separator,
    bidirectional override and lone surrogate as a `\\u` escape (JSON escapes only C0 itself)."""
    text = json.dumps(data, ensure_ascii=False, indent=2)  # C0 inside strings is escaped already
    return _INVISIBLE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _github_escape(text: str, is_property: bool = False) -> str:
    """Escape a workflow command's message (or a property value), as GitHub's toolkit does."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if is_property else text


def to_github(d: Diagnostic) -> str:
    """The diagnostic as a GitHub Actions annotation: `::error file=…,line=…,col=…::message`.

    Control characters are shown, as `format` shows them, then what would end the command escaped.
    """
    props = [f"file={_github_escape(visible(d.file), True)}"]
    if d.pos is not None:
        props += [f"line={d.pos.line}", f"col={d.pos.col}"]
    props.append(f"title={_github_escape(f'argmap {d.code}', True)}")
    message = f"{d.message} — {d.hint}" if d.hint else d.message
    return f"::{d.severity} {','.join(props)}::{_github_escape(message)}"
