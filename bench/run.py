"""Benchmark the argmap CLI against baselines measured in the same run.

    python bench/run.py                  # every section, a table on stdout
    python bench/run.py --only render    # one section
    python bench/run.py --json bench/out/results.json

Each measurement runs the real command as a child process: a discarded
warm-up round, then several rounds, the commands of a section taking turns
so that drift in the machine's speed hits subject and baseline alike. Wall
time is `time.perf_counter` around the child; peak memory is the child's
`ru_maxrss` from `os.wait4` (the largest process among it and the children
it waited for, so `dot` counts for `argmap render`). Figures are medians.

The run is a report, not a test: it exits 0 whether targets are met or
missed, and 1 only when a command fails. A section is a function taking a
`Bench` and returning `Row`s, registered in `SECTIONS`; add more there.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATE = Path(__file__).resolve().parent / "generate.py"
DEFAULT_OUT = ROOT / "bench" / "out"
PYDANTIC_IMPORT = "import pydantic"

MIN_ROUNDS = 3
SECTION_BUDGET_S = 120.0


class CommandError(RuntimeError):
    """A benchmarked command exited with an unexpected status."""


# --- running commands -------------------------------------------------------


@dataclass(frozen=True)
class Command:
    """A command line to time, with a short name for the report."""

    label: str
    argv: tuple[str, ...]

    def shell(self) -> str:
        return " ".join(self.argv)


def argmap(label: str, *args: str) -> Command:
    return Command(label, (sys.executable, "-m", "argmap", *args))


def python_c(label: str, code: str) -> Command:
    return Command(label, (sys.executable, "-c", code))


@dataclass(frozen=True)
class Sample:
    """One run of a command."""

    wall_s: float
    peak_rss_kib: int


@dataclass(frozen=True)
class Timing:
    """All the counted runs of one command."""

    command: Command
    samples: tuple[Sample, ...]

    @property
    def wall_s(self) -> float:
        return statistics.median(s.wall_s for s in self.samples)

    @property
    def peak_mb(self) -> float:
        return statistics.median(s.peak_rss_kib for s in self.samples) * 1024 / 1e6


def run_once(command: Command) -> Sample:
    """Run `command` from the repo root; raise CommandError unless it exits 0."""
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        proc = subprocess.Popen(
            command.argv,
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall_s = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            output.seek(0)
            tail = output.read().decode(errors="replace")[-2000:]
            raise CommandError(
                f"{command.shell()}\nexited {proc.returncode}:\n{tail.rstrip()}"
            )
    return Sample(wall_s, usage.ru_maxrss)


def measure(commands: Sequence[Command], repeat: int) -> list[Timing]:
    """Time `commands` in turn, `repeat` rounds after a warm-up round.

    Slow commands get fewer rounds (never under MIN_ROUNDS) so that a section
    stays within SECTION_BUDGET_S.
    """
    warm_up_s = sum(run_once(c).wall_s for c in commands)
    rounds = max(MIN_ROUNDS, min(repeat, int(SECTION_BUDGET_S / max(warm_up_s, 1e-3))))
    samples: list[list[Sample]] = [[] for _ in commands]
    for _ in range(rounds):
        for command, runs in zip(commands, samples, strict=True):
            runs.append(run_once(command))
    return [Timing(c, tuple(s)) for c, s in zip(commands, samples, strict=True)]


# --- the report -------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """A goal on a row's value (`on="value"`) or on its ratio to the baseline."""

    limit: float
    on: str = "value"
    strict: bool = True  # value < limit, or value <= limit when False

    def met(self, value: float, ratio: float | None) -> bool | None:
        x = value if self.on == "value" else ratio
        if x is None:
            return None
        return x < self.limit if self.strict else x <= self.limit

    def describe(self, unit: str) -> str:
        op = "<" if self.strict else "≤"
        if self.on == "ratio":
            return f"ratio {op} {self.limit:g}"
        return f"{op} {self.limit:g} {unit}"


@dataclass(frozen=True)
class Row:
    """One line of the report."""

    section: str
    name: str
    value: float
    unit: str
    baseline: float | None = None
    baseline_name: str | None = None
    target: Target | None = None
    command: str = ""

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline == 0:
            return None
        return self.value / self.baseline

    @property
    def passed(self) -> bool | None:
        return None if self.target is None else self.target.met(self.value, self.ratio)

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["ratio"] = self.ratio
        data["passed"] = self.passed
        return data


def time_row(
    section: str,
    name: str,
    timing: Timing,
    base: Timing | None = None,
    base_name: str | None = None,
    target: Target | None = None,
) -> Row:
    """A row of the median wall time of `timing`, against that of `base`."""
    return Row(
        section,
        name,
        timing.wall_s,
        "s",
        None if base is None else base.wall_s,
        base_name,
        target,
        timing.command.shell(),
    )


def memory_row(
    section: str,
    name: str,
    timing: Timing,
    base: Timing | None = None,
    base_name: str | None = None,
    target: Target | None = None,
) -> Row:
    """A row of the median peak RSS of `timing`, against that of `base`."""
    return Row(
        section,
        name,
        timing.peak_mb,
        "MB",
        None if base is None else base.peak_mb,
        base_name,
        target,
        timing.command.shell(),
    )


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"
    return f"{value:.1f} {unit}"


def result(passed: bool | None) -> str:
    return {True: "PASS", False: "MISS", None: ""}[passed]


def table(rows: Sequence[Row]) -> str:
    header = ("measurement", "value", "baseline", "ratio", "target", "result")
    lines = [header]
    for r in rows:
        ratio = "—" if r.ratio is None else f"{r.ratio:.2f}x"
        target = "" if r.target is None else r.target.describe(r.unit)
        baseline = fmt(r.baseline, r.unit)
        if r.baseline_name:
            baseline += f" ({r.baseline_name})"
        lines.append(
            (r.name, fmt(r.value, r.unit), baseline, ratio, target, result(r.passed))
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = [
        "  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip()
        for line in lines
    ]
    out.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(out)


# --- sections ---------------------------------------------------------------


@dataclass
class Bench:
    """What sections share: where to write, the seed, generated maps, notes."""

    out_dir: Path
    seed: int
    notes: list[str] = field(default_factory=list)
    _maps: dict[int, Path] = field(default_factory=dict)

    def map(self, n_claims: int) -> Path:
        """A generated map of `n_claims` claims (generated once per run).

        Generation runs in a child process: the peak RSS of this process is a
        floor under every later child's (see `rss_floor`), so keep it small.
        """
        if n_claims not in self._maps:
            argv = [
                sys.executable,
                str(GENERATE),
                str(n_claims),
                str(self.out_dir / "maps"),
                "--seed",
                str(self.seed),
            ]
            proc = subprocess.run(argv, capture_output=True, text=True, check=False)
            if proc.returncode != 0:
                raise CommandError(
                    f"{' '.join(argv)}\nexited {proc.returncode}:\n{proc.stderr}"
                )
            self._maps[n_claims] = Path(proc.stdout.strip())
        return self._maps[n_claims]

    def note(self, text: str) -> None:
        self.notes.append(text)
        print(f"note: {text}", file=sys.stderr)


CHECK_SIZES = (100, 1_000, 10_000)
CHECK_TARGET_CLAIMS = 10_000
CHECK_TIME_TARGET = Target(1.0)
CHECK_MEMORY_TARGET = Target(200.0)


def bench_check(bench: Bench) -> list[Row]:
    """`argmap check` on maps of growing size: time and peak memory."""
    baseline = python_c("import pydantic", PYDANTIC_IMPORT)
    checks = [argmap(f"check {n:,}", "check", str(bench.map(n))) for n in CHECK_SIZES]
    *timings, base = measure([*checks, baseline], repeat=5)
    rows: list[Row] = []
    for n, timing in zip(CHECK_SIZES, timings, strict=True):
        big = n == CHECK_TARGET_CLAIMS
        name = f"check {n:,} claims"
        rows += [
            time_row(
                "check",
                f"{name}: time",
                timing,
                base,
                "import pydantic",
                CHECK_TIME_TARGET if big else None,
            ),
            memory_row(
                "check",
                f"{name}: peak RSS",
                timing,
                base,
                "import pydantic",
                CHECK_MEMORY_TARGET if big else None,
            ),
        ]
    return rows


RENDER_TARGETS = {
    1_000: Target(1.35, on="ratio", strict=False),
    3_000: Target(1.05, on="ratio", strict=False),
}


def export_dot(source: Path, dot_file: Path) -> None:
    """Write the DOT argmap emits for `source` with `render --format dot`."""
    dot_file.parent.mkdir(parents=True, exist_ok=True)
    run_once(
        argmap("dot", "render", str(source), "--format", "dot", "-o", str(dot_file))
    )
    if not dot_file.is_file() or dot_file.stat().st_size == 0:
        raise CommandError(f"argmap render --format dot wrote nothing to {dot_file}")


def render_rows(bench: Bench, n: int, dot: str) -> list[Row]:
    """Render a map of `n` claims to SVG, lay its DOT out alone, and export DOT only."""
    source = bench.map(n)
    out = bench.out_dir / "render" / source.stem
    export_dot(source, out.with_suffix(".dot"))
    render = argmap(
        f"render {n:,}",
        "render",
        str(source),
        "--format",
        "svg",
        "-o",
        str(out.with_suffix(".argmap.svg")),
    )
    layout = Command(
        f"dot {n:,}",
        (
            dot,
            "-Tsvg",
            str(out.with_suffix(".dot")),
            "-o",
            str(out.with_suffix(".dot.svg")),
        ),
    )
    to_dot = argmap(
        f"render dot {n:,}",
        "render",
        str(source),
        "--format",
        "dot",
        "-o",
        str(out.with_suffix(".again.dot")),
    )
    t_render, t_layout, t_dot = measure([render, layout, to_dot], repeat=5)
    name = f"render {n:,} claims"
    return [
        time_row(
            "render",
            f"{name} to SVG: time",
            t_render,
            t_layout,
            "dot -Tsvg",
            RENDER_TARGETS[n],
        ),
        time_row("render", f"{name} to DOT only: time", t_dot, t_layout, "dot -Tsvg"),
        memory_row(
            "render", f"{name} to SVG: peak RSS", t_render, t_layout, "dot -Tsvg"
        ),
    ]


def bench_render(bench: Bench) -> list[Row]:
    """`argmap render` to SVG against `dot -Tsvg` alone on the DOT argmap emits."""
    dot = shutil.which("dot")
    if dot is None:
        bench.note("Graphviz `dot` is not installed: render section skipped")
        return []
    return [row for n in RENDER_TARGETS for row in render_rows(bench, n, dot)]


HELP_TARGET = Target(1.5, on="ratio", strict=False)


def bench_help(bench: Bench) -> list[Row]:
    """`argmap --help` against a bare `python -c 'import pydantic'`."""
    t_help, t_base = measure(
        [argmap("--help", "--help"), python_c("import pydantic", PYDANTIC_IMPORT)],
        repeat=15,
    )
    return [
        time_row(
            "help",
            "argmap --help: time",
            t_help,
            t_base,
            "import pydantic",
            HELP_TARGET,
        ),
        memory_row(
            "help", "argmap --help: peak RSS", t_help, t_base, "import pydantic"
        ),
    ]


Section = Callable[[Bench], list[Row]]
SECTIONS: dict[str, Section] = {
    "check": bench_check,
    "render": bench_render,
    "help": bench_help,
}


# --- main -------------------------------------------------------------------


def rss_floor() -> float | None:
    """The peak RSS reported for `true`, in MB: the least any child can report.

    On Linux a child's ru_maxrss starts from the peak RSS of the process that
    forked it (the memory it shares until exec), so no figure reads below this.
    """
    true = shutil.which("true")
    if true is None:
        return None
    return run_once(Command("true", (true,))).peak_rss_kib * 1024 / 1e6


def environment() -> dict[str, str]:
    dot = shutil.which("dot")
    dot_version = ""
    if dot:
        proc = subprocess.run([dot, "-V"], capture_output=True, text=True, check=False)
        dot_version = proc.stderr.strip()
    return {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": str(os.cpu_count()),
        "graphviz": dot_version or "not installed",
        "date": time.strftime("%Y-%m-%d %H:%M:%S %z"),
    }


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark the argmap CLI.")
    parser.add_argument(
        "--only",
        choices=sorted(SECTIONS),
        action="append",
        help="run only this section (may be repeated)",
    )
    parser.add_argument(
        "--json", type=Path, metavar="PATH", help="also write the figures here"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help="scratch folder for maps and renders (default bench/out)",
    )
    parser.add_argument(
        "--seed", type=int, default=1, help="seed of the generated maps"
    )
    return parser.parse_args(argv)


def run_sections(bench: Bench, names: Sequence[str], rows: list[Row]) -> None:
    """Run the named sections, appending to `rows` (kept if a section fails)."""
    for name in names:
        started = time.perf_counter()
        print(f"running {name} ...", file=sys.stderr, flush=True)
        rows.extend(SECTIONS[name](bench))
        print(f"  {name} took {time.perf_counter() - started:.1f} s", file=sys.stderr)


def write_json(
    path: Path, env: dict[str, str], rows: Sequence[Row], notes: list[str]
) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"environment": env, "notes": notes, "rows": [r.to_json() for r in rows]}
    path.write_text(
        json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    bench = Bench(args.out.resolve(), args.seed)
    env = environment()
    print("  ".join(f"{k}: {v}" for k, v in env.items()))
    rows: list[Row] = []
    status = 0
    try:
        run_sections(bench, args.only or list(SECTIONS), rows)
    except CommandError as exc:
        print(f"error: command failed: {exc}", file=sys.stderr)
        status = 1
    print(table(rows))
    floor = rss_floor()
    if floor is not None:
        env["rss_floor_mb"] = f"{floor:.1f}"
        bench.notes.append(
            f"peak RSS cannot read below {floor:.1f} MB, this runner's own peak "
            "(a Linux child's ru_maxrss counts its parent's memory before exec)"
        )
    for note in bench.notes:
        print(f"note: {note}")
    if args.json:
        write_json(args.json, env, rows, bench.notes)
    return status


if __name__ == "__main__":
    sys.exit(main())
