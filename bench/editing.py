"""Benchmark the editing core (argmap.editing) in process, against baselines of the same run.

    python bench/editing.py                         # 1,000- and 10,000-claim maps, a table
    python bench/editing.py --sizes 1000 --json bench/out/editing.json

What it measures, each a median over several rounds on generated maps (bench/generate.py,
seeded), in this process (the editor runs inside the TUI's process, so process start-up is
not part of any figure):

* open: `MapEditor.open` + `document` (read, parse, cut into claim blocks, load, check) —
  baseline `argmap.check.check_file` alone, the checker's own cost.
* one field edit (`set_claim_field` of a text in the middle of the map), and the `document`
  rebuild after it (what the problems panel pays per change).
* save of one edit: `MapEditor.save` — baseline `argmap.store.write_atomic` of the same
  bytes (the floor any atomic save pays: temporary file, fsync, rename).
* every other edit kind once per round (link, rename, delete, add, reorder, undo).
* the approach not taken: ruamel.yaml round-trip load + dump of the whole document, and
  whether that is even byte-exact.

Targets (issue 3): save one edit in a 1,000-claim map < 100 ms; a 10,000-claim map opens.
The script reports; it always exits 0 unless something fails.
"""

from __future__ import annotations

import argparse
import io
import json
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402

from argmap.check import check_file  # noqa: E402
from argmap.editing import MapEditor  # noqa: E402
from argmap.store import write_atomic  # noqa: E402


@dataclass
class Row:
    what: str
    claims: int
    median_ms: float
    baseline: str = ""
    baseline_ms: float | None = None
    target: str = ""
    verdict: str = ""

    @property
    def ratio(self) -> float | None:
        return self.median_ms / self.baseline_ms if self.baseline_ms else None


def median_ms(fn: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def timed_pair(
    subject: Callable[[], object], baseline: Callable[[], object], rounds: int
) -> tuple[float, float]:
    """Subject and baseline take turns, so that drift in the machine hits both alike."""
    subject()
    baseline()  # warm-up: page cache, imports, lazy caches
    s, b = [], []
    for _ in range(rounds):
        start = time.perf_counter()
        subject()
        s.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        baseline()
        b.append((time.perf_counter() - start) * 1000)
    return statistics.median(s), statistics.median(b)


def open_checked(path: Path) -> MapEditor:
    editor = MapEditor.open(path)
    assert editor.document.model is not None
    return editor


def bench_size(n: int, folder: Path, rounds: int) -> list[Row]:
    source = generate(n, 1, folder)
    work = folder / f"work-{n}.yaml"
    shutil.copy(source, work)
    rows: list[Row] = []

    opened, checked = timed_pair(lambda: open_checked(work), lambda: check_file(work), max(3, rounds // 3))
    target = "opens" if n >= 10_000 else ""
    rows.append(Row("open + check", n, opened, "check_file alone", checked, target, "ok" if target else ""))

    editor = open_checked(work)
    ids = editor.claim_ids()
    middle = ids[len(ids) // 2]
    texts = iter(range(10**9))

    def edit() -> None:
        editor.set_claim_field(middle, "text", f"an edited text, take {next(texts)}")

    rows.append(Row("one field edit", n, median_ms(edit, rounds)))

    def edit_then_document() -> None:
        edit()
        assert editor.document.model is not None

    rows.append(Row("field edit + document rebuild", n, median_ms(edit_then_document, max(3, rounds // 3))))

    edit()
    data_holder: list[bytes] = []

    def save_one_edit() -> None:
        edit()
        editor.save()
        data_holder[:] = [work.read_bytes()]

    floor = folder / f"floor-{n}.yaml"

    def write_only() -> None:
        write_atomic(floor, data_holder[0] if data_holder else work.read_bytes())

    def save_only() -> None:
        editor.save()

    save_one_edit()
    edit_ms = median_ms(edit, rounds)
    saved, written = timed_pair(lambda: (edit(), save_only()), write_only, rounds)
    target = "< 100 ms" if n == 1000 else ""
    verdict = ("met" if saved < 100 else "MISSED") if target else ""
    rows.append(
        Row("edit + save (atomic, fsync)", n, saved, "write_atomic same bytes", written, target, verdict)
    )
    rows.append(Row("  of which the edit", n, edit_ms))

    rows.extend(other_edits(editor, ids, n, max(3, rounds // 3)))
    if n <= 1000:
        rows.append(whole_document_ruamel(work, n))
    return rows


def other_edits(editor: MapEditor, ids: list[str], n: int, rounds: int) -> list[Row]:
    """Each other edit kind, timed, then undone (so rounds repeat the same work)."""
    target, reason = ids[1], ids[-1]
    cases: dict[str, Callable[[], object]] = {
        "link": lambda: editor.link(
            reason, target, "supports" if target not in _opposed(editor, reason) else "opposes"
        ),
        "rename (updates references)": lambda: editor.rename_claim(target, "renamed-for-bench"),
        "delete (cleans references)": lambda: editor.delete_claim(target),
        "add claim": lambda: editor.add_claim("A claim added by the benchmark", supports=[target]),
        "reorder": lambda: editor.reorder(ids[n // 2], -1),
    }
    rows = []
    for name, fn in cases.items():
        times, undo_times = [], []
        for _ in range(rounds):
            start = time.perf_counter()
            fn()
            times.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            editor.undo()
            undo_times.append((time.perf_counter() - start) * 1000)
        rows.append(Row(name, n, statistics.median(times)))
    rows.append(Row("undo", n, statistics.median(undo_times)))
    return rows


def _opposed(editor: MapEditor, cid: str) -> list[str]:
    value = editor.claim(cid).get("opposes", [])
    return [value] if isinstance(value, str) else value


def whole_document_ruamel(path: Path, n: int) -> Row:
    """The approach not taken: ruamel round-trip of the whole map (load, dump)."""
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 1 << 30
    text = path.read_text(encoding="utf-8")
    out = io.StringIO()

    def round_trip() -> None:
        out.seek(0)
        out.truncate()
        yaml.dump(yaml.load(text), out)

    ms = median_ms(round_trip, 3)
    exact = out.getvalue() == text
    return Row(
        "whole-document ruamel load+dump",
        n,
        ms,
        target="(not used)",
        verdict="byte-exact" if exact else "NOT byte-exact",
    )


def print_table(rows: list[Row]) -> None:
    print(f"{'what':36} {'claims':>7} {'median':>10} {'baseline':>26} {'ratio':>7}  target")
    for r in rows:
        base = f"{r.baseline} {r.baseline_ms:.1f} ms" if r.baseline_ms is not None else ""
        ratio = f"{r.ratio:.2f}" if r.ratio is not None else ""
        line = (
            f"{r.what:36} {r.claims:>7} {r.median_ms:>7.1f} ms {base:>26} {ratio:>7}  {r.target} {r.verdict}"
        )
        print(line.rstrip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark argmap's editing core.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000], help="claims per map")
    parser.add_argument("--rounds", type=int, default=15, help="rounds per measurement (default 15)")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON")
    args = parser.parse_args(argv)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="argmap-bench-edit-") as tmp:
        for n in args.sizes:
            rows.extend(bench_size(n, Path(tmp), args.rounds if n <= 1000 else max(3, args.rounds // 5)))
    print(f"python {platform.python_version()} on {platform.machine()}, {platform.system()}")
    print_table(rows)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps([asdict(r) | {"ratio": r.ratio} for r in rows], indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
