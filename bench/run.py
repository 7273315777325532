"""Benchmark the argmap CLI against baselines measured in the same run.

    python bench/run.py                  # every section, a table on stdout
    python bench/run.py --only render    # one section
    python bench/run.py --json bench/out/results.json

Each measurement runs the real command as a child process: a discarded
warm-up round, then several rounds, the commands of a section taking turns
so that drift in the machine's speed hits subject and baseline alike. Wall
time is `time.perf_counter` around the child; peak memory is the child's
`ru_maxrss` from `os.wait4` (the largest of it and the children it waited
for, so `dot` counts for `argmap render`), in MB of 10^6 bytes. Figures are
medians. Both are taken by a small timer process (TIMER) that forks the
command, so that the runner's own memory does not leak into the figures.

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
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
GENERATE = Path(__file__).resolve().parent / "generate.py"
DEFAULT_OUT = ROOT / "bench" / "out"

MIN_ROUNDS = 3
MEASURE_BUDGET_S = 120.0


class CommandError(RuntimeError):
    """A benchmarked command exited with an unexpected status."""


# --- running commands -------------------------------------------------------


@dataclass(frozen=True)
class Command:
    """A command line to time."""

    argv: tuple[str, ...]

    def shell(self) -> str:
        return " ".join(self.argv)


def argmap(*args: str) -> Command:
    return Command((sys.executable, "-m", "argmap", *args))


PYDANTIC_IMPORT = Command((sys.executable, "-c", "import pydantic"))


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


# A small Python program that times one command: it forks and execs it,
# takes the wall time around it with time.perf_counter and its peak RSS with
# os.wait4, writes both to the file descriptor it is given, and exits with
# the command's status. The runner starts it rather than the command itself
# because on Linux a child's ru_maxrss starts at the peak RSS of the process
# that forked it: children of the runner could never read below the runner's
# own footprint (16 MB or more), children of this program only below its few
# MB (`rss_floor`).
TIMER = """
import os, sys, time
fd, argv = int(sys.argv[1]), sys.argv[2:]
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.close(fd)
        os.execvp(argv[0], argv)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
os.write(fd, f"{wall!r} {usage.ru_maxrss}".encode())
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
"""


def failure(command: Command, status: int, output: IO[bytes]) -> CommandError:
    output.seek(0)
    tail = output.read().decode(errors="replace")[-2000:].rstrip()
    return CommandError(f"{command.shell()}\nexited {status}:\n{tail}")


def run_once(command: Command) -> Sample:
    """Run `command` from the repo root under TIMER; raise CommandError unless it exits 0."""
    read_fd, write_fd = os.pipe()
    timer = (sys.executable, "-I", "-S", "-c", TIMER, str(write_fd))
    with tempfile.TemporaryFile() as output, os.fdopen(read_fd, "rb") as report:
        try:
            proc = subprocess.Popen(
                (*timer, *command.argv),
                cwd=ROOT,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                pass_fds=(write_fd,),
            )
        finally:
            os.close(write_fd)
        status = proc.wait()
        figures = report.read().split()
        if status != 0 or len(figures) != 2:
            raise failure(command, status, output)
    return Sample(float(figures[0]), int(figures[1]))


def measure(commands: Sequence[Command], repeat: int) -> list[Timing]:
    """Time `commands` in turn, `repeat` rounds after a warm-up round.

    Slow commands get fewer rounds (never under MIN_ROUNDS) so that the rounds
    stay within MEASURE_BUDGET_S, which keeps a whole run under ten minutes.
    """
    warm_up_s = sum(run_once(c).wall_s for c in commands)
    rounds = max(MIN_ROUNDS, min(repeat, int(MEASURE_BUDGET_S / max(warm_up_s, 1e-3))))
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


def cells(row: Row) -> tuple[str, ...]:
    """The report's columns for one row."""
    baseline = fmt(row.baseline, row.unit)
    if row.baseline_name:
        baseline += f" ({row.baseline_name})"
    return (
        row.name,
        fmt(row.value, row.unit),
        baseline,
        "—" if row.ratio is None else f"{row.ratio:.2f}x",
        "" if row.target is None else row.target.describe(row.unit),
        result(row.passed),
    )


def table(rows: Sequence[Row]) -> str:
    """The rows as an aligned plain-text table."""
    header = ("measurement", "value", "baseline", "ratio", "target", "result")
    lines = [header, *(cells(r) for r in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    lines.insert(1, tuple("-" * w for w in widths))
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip() for line in lines
    )


# --- sections ---------------------------------------------------------------


@dataclass
class Bench:
    """What sections share: where to write, the seed, generated maps, notes."""

    out_dir: Path
    seed: int
    notes: list[str] = field(default_factory=list)
    _maps: dict[tuple[int, int], Path] = field(default_factory=dict)

    def map(self, n_claims: int, arguments: int = 0) -> Path:
        """A map of `n_claims` claims, generated once per run by bench/generate.py.

        It runs as a child process, as it would by hand, which keeps the
        runner small and free of the generator's imports.
        """
        key = (n_claims, arguments)
        if key not in self._maps:
            argv = [
                sys.executable,
                str(GENERATE),
                str(n_claims),
                str(self.out_dir / "maps"),
                "--seed",
                str(self.seed),
                "--arguments",
                str(arguments),
            ]
            proc = subprocess.run(argv, capture_output=True, text=True, check=False)
            if proc.returncode != 0:
                raise CommandError(f"{' '.join(argv)}\nexited {proc.returncode}:\n{proc.stderr}")
            self._maps[key] = Path(proc.stdout.strip())
        return self._maps[key]

    def note(self, text: str) -> None:
        self.notes.append(text)
        print(f"note: {text}", file=sys.stderr)


CHECK_SIZES = (100, 1_000, 10_000)
CHECK_TARGET_CLAIMS = 10_000
CHECK_TIME_TARGET = Target(1.0)
CHECK_MEMORY_TARGET = Target(200.0)


def bench_check(bench: Bench) -> list[Row]:
    """`argmap check` on maps of growing size: time and peak memory."""
    checks = [argmap("check", str(bench.map(n))) for n in CHECK_SIZES]
    *timings, base = measure([*checks, PYDANTIC_IMPORT], repeat=5)
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
    (1_000, 0): Target(1.35, on="ratio", strict=False),
    (3_000, 0): Target(1.05, on="ratio", strict=False),
    # issue 7: with arguments, the ratio must be no worse than without (compare the rows)
    (1_000, 200): Target(1.35, on="ratio", strict=False),
}


def export_dot(source: Path, dot_file: Path) -> None:
    """Write the DOT argmap emits for `source` with `render --format dot`."""
    dot_file.parent.mkdir(parents=True, exist_ok=True)
    run_once(argmap("render", str(source), "--format", "dot", "-o", str(dot_file)))
    if not dot_file.is_file() or dot_file.stat().st_size == 0:
        raise CommandError(f"argmap render --format dot wrote nothing to {dot_file}")


def render_rows(bench: Bench, n: int, arguments: int, dot: str) -> list[Row]:
    """Render a map of `n` claims (and `arguments` arguments) to SVG, lay its DOT out alone, and
    export DOT only."""
    source = bench.map(n, arguments)
    out = bench.out_dir / "render" / source.stem
    export_dot(source, out.with_suffix(".dot"))
    render = argmap(
        "render",
        str(source),
        "--format",
        "svg",
        "-o",
        str(out.with_suffix(".argmap.svg")),
    )
    layout = Command(
        (
            dot,
            "-Tsvg",
            str(out.with_suffix(".dot")),
            "-o",
            str(out.with_suffix(".dot.svg")),
        ),
    )
    to_dot = argmap(
        "render",
        str(source),
        "--format",
        "dot",
        "-o",
        str(out.with_suffix(".again.dot")),
    )
    t_render, t_layout, t_dot = measure([render, layout, to_dot], repeat=5)
    name = f"render {n:,} claims" + (f" + {arguments:,} arguments" if arguments else "")
    return [
        time_row(
            "render",
            f"{name} to SVG: time",
            t_render,
            t_layout,
            "dot -Tsvg",
            RENDER_TARGETS[(n, arguments)],
        ),
        time_row("render", f"{name} to DOT only: time", t_dot, t_layout, "dot -Tsvg"),
        memory_row("render", f"{name} to SVG: peak RSS", t_render, t_layout, "dot -Tsvg"),
    ]


def bench_render(bench: Bench) -> list[Row]:
    """`argmap render` to SVG against `dot -Tsvg` alone on the DOT argmap emits."""
    dot = shutil.which("dot")
    if dot is None:
        bench.note("Graphviz `dot` is not installed: render section skipped")
        return []
    return [row for n, arguments in RENDER_TARGETS for row in render_rows(bench, n, arguments, dot)]


HELP_TARGET = Target(1.5, on="ratio", strict=False)


def bench_help(bench: Bench) -> list[Row]:
    """`argmap --help` against a bare `python -c 'import pydantic'`."""
    t_help, t_base = measure(
        [argmap("--help"), PYDANTIC_IMPORT],
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
        memory_row("help", "argmap --help: peak RSS", t_help, t_base, "import pydantic"),
    ]


Section = Callable[[Bench], list[Row]]
SECTIONS: dict[str, Section] = {
    "check": bench_check,
    "render": bench_render,
    "help": bench_help,
}


# --- main -------------------------------------------------------------------


def rss_floor() -> float | None:
    """The peak RSS reported for `true`, in MB: the least any command can read (see TIMER)."""
    true = shutil.which("true")
    if true is None:
        return None
    return run_once(Command((true,))).peak_rss_kib * 1024 / 1e6


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
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the figures here")
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help="scratch folder for maps and renders (default bench/out)",
    )
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated maps")
    return parser.parse_args(argv)


def run_sections(bench: Bench, names: Sequence[str], rows: list[Row]) -> None:
    """Run the named sections, appending to `rows` (kept if a section fails)."""
    for name in names:
        started = time.perf_counter()
        print(f"running {name} ...", file=sys.stderr, flush=True)
        rows.extend(SECTIONS[name](bench))
        print(f"  {name} took {time.perf_counter() - started:.1f} s", file=sys.stderr)


def write_json(path: Path, env: dict[str, str], rows: Sequence[Row], notes: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"environment": env, "notes": notes, "rows": [r.to_json() for r in rows]}
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


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
            f"peak RSS cannot read below {floor:.1f} MB, the RSS of the timer that "
            "forks each command (a Linux child's ru_maxrss counts its parent's before exec)"
        )
    for note in bench.notes:
        print(f"note: {note}")
    if args.json:
        write_json(args.json, env, rows, bench.notes)
    return status


if __name__ == "__main__":
    sys.exit(main())
