"""Benchmark the browser faces: the live preview's save-to-page time and the HTML export.

    python bench/preview.py                  # a table on stdout
    python bench/preview.py --json bench/out/preview.json

* **Save to updated page, 1,000 claims.**  `argmap preview MAP` runs (warm:
  no Python start-up in the figure) with the page open in headless Chromium.
  Each round changes one claim's text and saves the map as editors do (a new
  file renamed over the old); the figure is the time from the rename to the
  moment the new SVG is in the page (the viewer's `updatedAt`, taken right
  after it has put the diagram in and restored the view).  Both clocks are the
  machine's wall clock.  Baseline, in the same run and taking turns with it:
  `dot -Tsvg` alone on the DOT of the same map (`argmap render --format dot`),
  as a child process.  Target: at most 1.2 × the baseline.  The preview's own
  report of its build time ("drawn in …") is shown too, to say where the time goes.
* **Save to updated page, seed map**, the same way (the issue's "within a
  second"), with its own `dot` baseline.
* **HTML export, seed map.**  The size of `argmap export --to html` against the
  SVG `argmap render` writes (target: at most 1.5 × the SVG plus the viewer's
  script and style), and the time to open it from file:// until the viewer is
  ready, against opening the SVG file alone in the same browser.  The same for
  the 1,000-claim map, for scale.

The browser is the system's Chromium (ARGMAP_CHROMIUM, else /usr/bin/chromium).
It is a report, not a test: it exits 0 whether targets are met or missed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402

from argmap.preview.page import asset  # noqa: E402

CHROMIUM_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--no-sandbox",
    "--headless",
    "--disable-dev-shm-usage",
]
SEED = ROOT / "maps" / "north-korea-missile-launches.yaml"


@dataclass
class Row:
    what: str
    value: float
    unit: str
    baseline: float | None = None
    baseline_what: str = ""
    target_ratio: float | None = None
    samples: int = 0

    @property
    def ratio(self) -> float | None:
        return self.value / self.baseline if self.baseline else None

    @property
    def verdict(self) -> str:
        if self.target_ratio is None or self.ratio is None:
            return ""
        return "met" if self.ratio <= self.target_ratio else "MISSED"


def argmap(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    result = subprocess.run([sys.executable, "-m", "argmap", *args], cwd=cwd or ROOT, capture_output=True)
    if result.returncode != 0:
        raise RuntimeError(f"argmap {' '.join(args)} failed: {result.stderr.decode()}")
    return result


def chromium() -> str:
    path = os.environ.get("ARGMAP_CHROMIUM", "/usr/bin/chromium")
    if not Path(path).exists():
        raise SystemExit(
            f"no Chromium at {path}: install it (apt-get install chromium) or set ARGMAP_CHROMIUM"
        )
    return path


def time_dot(dot_file: Path, out: Path) -> float:
    started = time.perf_counter()
    subprocess.run(["dot", "-Tsvg", str(dot_file), "-o", str(out)], check=True)
    return (time.perf_counter() - started) * 1000


def save(path: Path, text: str) -> float:
    """Save as editors do; the wall-clock time of the rename, in ms since the epoch."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return time.time() * 1000


def save_to_page(browser, path: Path, label: str, rounds: int, work: Path, target: float | None) -> list[Row]:
    original = path.read_text(encoding="utf-8")
    dot_file = work / "map.dot"
    argmap("render", str(path), "--format", "dot", "-o", str(dot_file))
    log = (work / "preview.log").open("w+b")
    proc = subprocess.Popen(
        [sys.executable, "-m", "argmap", "preview", str(path), "--no-browser", "--port", "0"],
        cwd=work,
        stdout=subprocess.PIPE,
        stderr=log,
    )
    try:
        assert proc.stdout is not None
        url = re.search(rb"http://127\.0\.0\.1:\d+/", proc.stdout.readline())
        assert url, "the preview printed no address"
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(url.group(0).decode())
        page.wait_for_function("() => document.getElementById('am-status').textContent.includes('live')")
        # the first claim's text, changed in turn: "claim-0001" or whatever the generator names it
        first = re.search(r"\n    text: (\"[^\n]*\"|[^\n]*)\n", original)
        assert first, "no claim text found"
        latencies, dots = [], []
        for i in range(rounds + 1):  # round 0 warms up (page cache, the browser's first layout)
            changed = original.replace(first.group(1), json.dumps(f"Changed claim text, round {i}"), 1)
            version = page.evaluate("() => window.argmapViewer.state().version")
            saved_at = save(path, changed)
            page.wait_for_function(
                "(v) => window.argmapViewer.state().version > v", arg=version, timeout=60_000, polling=5
            )
            latency = page.evaluate("() => window.argmapViewer.updatedAt") - saved_at
            dot_ms = time_dot(dot_file, work / "dot-alone.svg")  # in turn, on the same DOT
            if i:
                latencies.append(latency)
                dots.append(dot_ms)
        page.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    log.seek(0)
    builds = [float(s) * 1000 for s in re.findall(rb"drawn in ([0-9.]+) s", log.read())[2:]]
    log.close()
    dot_median = statistics.median(dots)
    return [
        Row(
            f"save to updated page, {label}",
            statistics.median(latencies),
            "ms",
            dot_median,
            "dot -Tsvg on the same DOT",
            target,
            rounds,
        ),
        Row(
            f"  of which the preview's build, {label}",
            statistics.median(builds),
            "ms",
            dot_median,
            "",
            None,
            len(builds),
        ),
    ]


def open_time(browser, url: str, ready: str, rounds: int) -> float:
    times = []
    for i in range(rounds + 1):
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        started = time.perf_counter()
        page.goto(url)
        page.wait_for_function(ready, polling=5)
        took = (time.perf_counter() - started) * 1000
        page.close()
        if i:
            times.append(took)
    return statistics.median(times)


def export_rows(browser, map_path: Path, label: str, rounds: int, work: Path) -> list[Row]:
    html = work / f"{label}.html"
    svg = work / f"{label}.svg"
    argmap("export", str(map_path), "--to", "html", "-o", str(html))
    argmap("render", str(map_path), "--format", "svg", "-o", str(svg))
    viewer = len(asset("viewer.js").encode()) + len(asset("viewer.css").encode())
    html_size, svg_size = html.stat().st_size, svg.stat().st_size
    opened = open_time(browser, html.as_uri(), "() => window.argmapViewer !== undefined", rounds)
    svg_opened = open_time(browser, svg.as_uri(), "() => document.readyState === 'complete'", rounds)
    return [
        Row(
            f"HTML export size, {label} (less the viewer, {viewer / 1000:.1f} kB)",
            (html_size - viewer) / 1000,
            "kB",
            svg_size / 1000,
            "the SVG argmap render writes",
            1.5,
            1,
        ),
        Row(
            f"HTML export size, {label}, whole file",
            html_size / 1000,
            "kB",
            svg_size / 1000,
            "the SVG",
            None,
            1,
        ),
        Row(
            f"HTML export open (file://) to viewer ready, {label}",
            opened,
            "ms",
            svg_opened,
            "opening the SVG file alone",
            None,
            rounds,
        ),
    ]


def seed_copy(folder: Path) -> Path:
    """The seed map beside a copy of its article, so the preview can watch both."""
    folder.mkdir(parents=True, exist_ok=True)
    text = SEED.read_text(encoding="utf-8").replace(
        "../seeds/north-korea-missile-launches.txt", "article.txt"
    )
    (folder / "article.txt").write_bytes((ROOT / "seeds" / "north-korea-missile-launches.txt").read_bytes())
    path = folder / "map.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def print_table(rows: list[Row]) -> None:
    print(f"{'measure':<62} {'value':>10} {'baseline':>10} {'ratio':>7} {'target':>7}  verdict")
    for r in rows:
        base = f"{r.baseline:.1f}" if r.baseline is not None else ""
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else ""
        target = f"≤ {r.target_ratio:g}×" if r.target_ratio is not None else ""
        value = f"{r.value:.1f} {r.unit}"
        print(f"{r.what:<62} {value:>10} {base:>10} {ratio:>7} {target:>7}  {r.verdict}")
    for r in rows:
        if r.baseline_what:
            print(f"  baseline of “{r.what.strip()}”: {r.baseline_what}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=1000, help="size of the generated map (default 1000)")
    parser.add_argument("--rounds", type=int, default=9, help="measured rounds of each figure (default 9)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="argmap-preview-bench-") as tmp, sync_playwright() as pw:
        work = Path(tmp)
        browser = pw.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS, headless=True)
        try:
            big_live = generate(args.claims, 1, work / "live")
            rows += save_to_page(
                browser, big_live, f"{args.claims:,} claims", args.rounds, work / "live", 1.2
            )
            seed_live = seed_copy(work / "seed-live")
            rows += save_to_page(browser, seed_live, "seed map", args.rounds, work / "seed-live", None)
            rows += export_rows(browser, SEED, "seed map", args.rounds, work)
            big = generate(args.claims, 1, work / "big")
            rows += export_rows(browser, big, f"{args.claims:,} claims", max(3, args.rounds // 3), work)
        finally:
            browser.close()
    print_table(rows)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        data = [{**asdict(r), "ratio": r.ratio, "verdict": r.verdict} for r in rows]
        args.json.write_text(json.dumps(data, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
