"""What an import kept, mapped and left out, counted by construct (`argmap import --report`).

Each importer counts every construct of its format it meets: *kept* when the map says the
same thing, *mapped* when the map says it another way (each mapping also gives a located
warning, or one warning for a whole class of them), *left out* when the map has no place
for it (always with a located warning).  The table shows at a glance how faithful an
import was.
"""

from __future__ import annotations

from dataclasses import dataclass, field

KEPT, MAPPED, LEFT_OUT = "kept", "mapped", "left out"
OUTCOMES = (KEPT, MAPPED, LEFT_OUT)


@dataclass
class Report:
    #: construct -> {outcome: count}, in the order constructs were first met
    rows: dict[str, dict[str, int]] = field(default_factory=dict)

    def count(self, construct: str, outcome: str, n: int = 1) -> None:
        assert outcome in OUTCOMES, outcome
        if n:
            row = self.rows.setdefault(construct, dict.fromkeys(OUTCOMES, 0))
            row[outcome] += n

    def kept(self, construct: str, n: int = 1) -> None:
        self.count(construct, KEPT, n)

    def mapped(self, construct: str, n: int = 1) -> None:
        self.count(construct, MAPPED, n)

    def left_out(self, construct: str, n: int = 1) -> None:
        self.count(construct, LEFT_OUT, n)

    def total(self, outcome: str) -> int:
        return sum(row[outcome] for row in self.rows.values())

    def format(self, title: str) -> str:
        """The report as a text table, with a line of totals."""
        width = max([len("construct"), *(len(c) for c in self.rows)])
        lines = [title, "", f"{'construct':<{width}}  {'kept':>6}  {'mapped':>6}  {'left out':>8}"]
        lines.append("-" * len(lines[-1]))
        for construct, row in self.rows.items():
            cells = [_cell(row[o], w) for o, w in zip(OUTCOMES, (6, 6, 8), strict=True)]
            lines.append(f"{construct:<{width}}  " + "  ".join(cells))
        lines.append("-" * len(lines[2]))
        totals = [_cell(self.total(o), w) for o, w in zip(OUTCOMES, (6, 6, 8), strict=True)]
        lines.append(f"{'total':<{width}}  " + "  ".join(totals))
        return "\n".join(lines)


def _cell(n: int, width: int) -> str:
    return f"{n if n else '·':>{width}}"
