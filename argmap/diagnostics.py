"""Problems found in a map, located by file, line and column."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from enum import StrEnum


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

    def format(self) -> str:
        where = self.file if self.pos is None else f"{self.file}:{self.pos.line}:{self.pos.col}"
        text = f"{where}: {self.severity}: {self.message}"
        return f"{text} — {self.hint}" if self.hint else text

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
    return json.dumps([d.as_json() for d in diagnostics], ensure_ascii=False, indent=2)


def _github_escape(text: str, is_property: bool = False) -> str:
    """Escape a workflow command's message (or a property value), as GitHub's toolkit does."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if is_property else text


def to_github(d: Diagnostic) -> str:
    """The diagnostic as a GitHub Actions annotation: `::error file=…,line=…,col=…::message`."""
    props = [f"file={_github_escape(d.file, True)}"]
    if d.pos is not None:
        props += [f"line={d.pos.line}", f"col={d.pos.col}"]
    props.append(f"title={_github_escape(f'argmap {d.code}', True)}")
    message = f"{d.message} — {d.hint}" if d.hint else d.message
    return f"::{d.severity} {','.join(props)}::{_github_escape(message)}"
