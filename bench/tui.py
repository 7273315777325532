"""Benchmark the editor (`argmap edit`) the way a user meets it, through Textual's pilot.

    python bench/tui.py                 # 1,000 and 10,000 claims, a table on stdout
    python bench/tui.py --json bench/out/tui.json

Figures are medians, each against the issue's target where it sets one.  A
keystroke is timed twice: wall time through the pilot (`press` then `pause`,
which also waits, in steps of a few milliseconds, until the process is idle)
and the process's CPU time over the same span.  The pilot's own cost is shown
by a key bound to nothing, timed the same way in the same run ("no-op key");
the verdict compares the CPU time of a keystroke, which is the work the
editor does for it, with the target (opening is judged on wall time).

* open to first paint: `MapEditor.open` (read, parse, check) plus the app's
  start until its first frame, for 1,000 claims (target < 1.5 s) and 10,000
  (it must open; the tree is built lazily);
* cursor move: one `down` in the tree, including the repaint of the detail
  panel, breadcrumb and article (target < 50 ms a keystroke);
* field typing: one character typed in the claim's text field, validated as
  typed (target < 50 ms a keystroke);
* field commit: enter in the field, i.e. the edit applied by the core, the
  map re-checked and every panel redrawn;
* save: ctrl+s after one edit (target < 100 ms for 1,000 claims);
* claim from a selected sentence: in the article, `s` selects the sentence under the
  cursor, `a` opens the new claim's dialog with it as the quote, and enter (the text
  already typed: typing is not the editor's work) adds the claim, until the tree shows
  it (the frame drawn; the re-check of the whole map follows it) — the CPU time of the
  three keys together (target < 100 ms).

The maps come from `bench/generate.py` (deterministic, seeded).  Runs
headless at 120×40; the app does not watch the disk during the run.  It is a
report, not a test: it exits 0 whether targets are met or missed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402

from argmap.editing import MapEditor  # noqa: E402
from argmap.tui.app import EditorApp  # noqa: E402

SIZE = (120, 40)
KEYSTROKES = 40


@dataclass
class Row:
    what: str
    claims: int
    wall_ms: float
    cpu_ms: float
    target_ms: float | None
    samples: int
    #: which figure the target applies to: "cpu" for keystrokes, "wall" for opening
    basis: str = "cpu"

    @property
    def verdict(self) -> str:
        if self.target_ms is None:
            return ""
        figure = self.cpu_ms if self.basis == "cpu" else self.wall_ms
        return "ok" if figure < self.target_ms else "MISSED"


@dataclass
class Sample:
    wall_ms: float
    cpu_ms: float


async def timed(step: Callable[[], Awaitable[object]]) -> Sample:
    wall, cpu = time.perf_counter(), time.process_time()
    await step()
    return Sample((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000)


def row(what: str, claims: int, samples: list[Sample], target: float | None) -> Row:
    return Row(
        what,
        claims,
        statistics.median(s.wall_ms for s in samples),
        statistics.median(s.cpu_ms for s in samples),
        target,
        len(samples),
    )


async def first_paint(path: Path, rounds: int) -> list[Sample]:
    """Open the map and start the app, until its first frame is drawn."""
    samples = []
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        app = EditorApp(MapEditor.open(path), watch_disk=False, keymap={})
        async with app.run_test(size=SIZE) as pilot:
            samples.append(Sample((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000))
            await pilot.press("q")
    return samples


async def interaction(path: Path, n: int) -> list[Row]:
    """Cursor moves, typing, commit and save, in one session on a copy of the map."""
    app = EditorApp(MapEditor.open(path), watch_disk=False, keymap={})
    rows: list[Row] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()

        async def key(name: str) -> None:
            await pilot.press(name)
            await pilot.pause()

        noop = [await timed(lambda: key("f12")) for _ in range(KEYSTROKES)]
        rows.append(row("no-op key (pilot cost)", n, noop, None))
        moves = [await timed(lambda: key("down")) for _ in range(KEYSTROKES)]
        rows.append(row("cursor move (down)", n, moves, 50))
        await key("e")
        typing = [await timed(lambda: key("x")) for _ in range(KEYSTROKES)]
        rows.append(row("type in a field", n, typing, 50))
        commit = [await timed(lambda: key("enter"))]
        for _ in range(4):
            await key("y")
            commit.append(await timed(lambda: key("enter")))
        rows.append(row("commit a field edit", n, commit, None))
        saves = []
        for _ in range(5):
            await key("z")
            await key("enter")
            saves.append(await timed(lambda: key("ctrl+s")))
        rows.append(row("save one edit (ctrl+s)", n, saves, 100))
        await key("escape")
        rows.extend(await quote_a_sentence(app, pilot, key, n))
    return rows


async def quote_a_sentence(app: EditorApp, pilot, key: Callable[[str], Awaitable[None]], n: int) -> list[Row]:
    """`s`, `a`, enter in the article: a new claim quoting the sentence under the cursor."""
    from textual.widgets import Input

    main = app.main
    selects, opens, adds, totals = [], [], [], []
    for i in range(5):
        main.tree.select(main.tree.root.children[i].data)
        await pilot.pause()
        await key("f6")
        main.article.move_cursor((main.article.cursor_location[0], 0))
        select = await timed(lambda: key("s"))
        open_ = await timed(lambda: key("a"))
        app.screen.query_one("#new-claim-text", Input).value = f"Claim from sentence {i}"
        wall, cpu = time.perf_counter(), time.process_time()
        await key("enter")
        shown_wall, shown_cpu = main.shown_at
        add = Sample((shown_wall - wall) * 1000, (shown_cpu - cpu) * 1000)
        assert main.tree.claim_id is not None and main.editor.claim(main.tree.claim_id).get("quote")
        selects.append(select)
        opens.append(open_)
        adds.append(add)
        totals.append(
            Sample(select.wall_ms + open_.wall_ms + add.wall_ms, select.cpu_ms + open_.cpu_ms + add.cpu_ms)
        )
        await key("escape")
    return [
        row("  s: select the sentence", n, selects, None),
        row("  a: the dialog, quote in it", n, opens, None),
        row("  enter: until the tree shows it", n, adds, None),
        row("claim from a sentence", n, totals, 100),
    ]


async def main_async(sizes: list[int], rounds: int, out: Path) -> list[Row]:
    rows: list[Row] = []
    for n in sizes:
        path = generate(n, 1, out)
        paint = row("open to first paint", n, await first_paint(path, rounds), 1500 if n <= 1000 else None)
        paint.basis = "wall"
        rows.append(paint)
        if n <= 1000:
            rows.extend(await interaction(path, n))
    return rows


def print_table(rows: list[Row]) -> None:
    print(f"{'measure':<26} {'claims':>7} {'wall ms':>9} {'cpu ms':>8} {'target':>14}  verdict")
    for r in rows:
        target = f"< {r.target_ms:g} ({r.basis})" if r.target_ms is not None else ""
        print(f"{r.what:<26} {r.claims:>7} {r.wall_ms:>9.1f} {r.cpu_ms:>8.1f} {target:>14}  {r.verdict}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="map sizes in claims")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the first-paint measurement")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="argmap-tui-bench-") as tmp:
        rows = asyncio.run(main_async(args.sizes, args.rounds, Path(tmp)))
    print_table(rows)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps([asdict(r) for r in rows], indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
