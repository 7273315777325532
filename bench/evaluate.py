"""Benchmark the argumentation semantics of `argmap evaluate`, in process.

    python bench/evaluate.py                 # the figures, a table on stdout
    python bench/evaluate.py --seed 2 --repeat 7

Rows and targets (from issue 4):

* grounded labelling of a random attack graph of 100,000 claims and 200,000
  attacks (each attack between two claims drawn uniformly): < 1 s;
* DF-QuAD on the 10,000-claim acyclic map that `bench/generate.py` writes
  (the map `bench/run.py` checks): < 1 s;

and, for context, without targets: the whole `evaluate(model)` on that map
(graph, both semantics, ranking, verdict); the command `argmap evaluate` on
it, against `argmap check` on it as baseline; and DF-QuAD on a random
10,000-claim graph full of cycles, which has to iterate to a fixpoint.

Each figure is the median of `--repeat` runs (after one discarded warm-up
run) of `time.perf_counter` around the call alone: building the inputs and
loading the map are not timed. The baseline, measured in the same run, is one
Python pass that only builds adjacency lists from the same edges; the ratio
says how many such passes the algorithm costs, which carries over between
machines better than seconds do. Once the map is loaded, the objects in
memory are frozen out of the garbage collector's reach (`gc.freeze`), as the
command does; otherwise each collection rescans the model and `evaluate`
takes about twice as long. The run is a report: it exits 0 whether or
not the targets are met.
"""

from __future__ import annotations

import argparse
import gc
import platform
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402

from argmap.evaluate import dfquad, evaluate, grounded, grounded_with_premises  # noqa: E402
from argmap.graph import Graph  # noqa: E402
from argmap.load import load_file  # noqa: E402

Edges = list[tuple[str, str]]


@dataclass(frozen=True)
class Row:
    name: str
    seconds: float
    baseline: float | None = None
    target: float | None = None
    note: str = ""

    def cells(self) -> tuple[str, ...]:
        ratio = f"{self.seconds / self.baseline:.1f}×" if self.baseline else ""
        if self.target is None:
            verdict = ""
        else:
            verdict = f"< {self.target:g} s " + ("met" if self.seconds < self.target else "MISSED")
        base = f"{self.baseline * 1000:.1f} ms" if self.baseline else ""
        return (self.name, f"{self.seconds * 1000:.1f} ms", base, ratio, verdict, self.note)


def timed(call: Callable[[], object], repeat: int) -> float:
    """Median wall time of `call`, after one warm-up run that is thrown away."""
    call()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def adjacency(ids: Sequence[str], *edge_lists: Edges) -> list[list[int]]:
    """The baseline: one pass over the edges into index-based adjacency lists, nothing more."""
    index = {cid: i for i, cid in enumerate(ids)}
    out: list[list[int]] = [[] for _ in ids]
    for edges in edge_lists:
        for s, t in edges:
            out[index[s]].append(index[t])
    return out


def random_attacks(n: int, m: int, rng: random.Random) -> tuple[list[str], Edges]:
    ids = [f"c{i}" for i in range(n)]
    return ids, [(ids[rng.randrange(n)], ids[rng.randrange(n)]) for _ in range(m)]


def bench_grounded(rng: random.Random, repeat: int) -> Row:
    n, m = 100_000, 200_000
    ids, attacks = random_attacks(n, m, rng)
    labels = grounded(ids, attacks)
    counts = {lab: sum(1 for v in labels.values() if v == lab) for lab in ("in", "out", "undec")}
    return Row(
        f"grounded, random graph, {n:,} claims, {m:,} attacks",
        timed(lambda: grounded(ids, attacks), repeat),
        timed(lambda: adjacency(ids, attacks), repeat),
        target=1.0,
        note="in/out/undec " + "/".join(f"{counts[k]:,}" for k in ("in", "out", "undec")),
    )


def bench_grounded_arguments(rng: random.Random, repeat: int) -> Row:
    """Grounded labelling with 20,000 linked arguments (2-3 premises each) and their undercuts."""
    n, m, k = 100_000, 200_000, 20_000
    ids, attacks = random_attacks(n, m, rng)
    arguments = [f"a{i}" for i in range(k)]
    premises = [(ids[rng.randrange(n)], a) for a in arguments for _ in range(rng.randint(2, 3))]
    conclusions = [(a, ids[rng.randrange(n)]) for a in arguments]  # each argument attacks a claim
    undercuts = [(ids[rng.randrange(n)], arguments[rng.randrange(k)]) for _ in range(k // 2)]
    nodes = [*ids, *arguments]
    every_attack = [*attacks, *conclusions, *undercuts]
    labels = grounded_with_premises(nodes, every_attack, premises)
    counts = {lab: sum(1 for a in arguments if labels[a] == lab) for lab in ("in", "out", "undec")}
    return Row(
        f"grounded, {n:,} claims + {k:,} arguments"
        f" ({len(premises):,} premises, {len(undercuts):,} undercuts)",
        timed(lambda: grounded_with_premises(nodes, every_attack, premises), repeat),
        timed(lambda: adjacency(nodes, every_attack, premises), repeat),
        target=1.0,
        note="arguments in/out/undec " + "/".join(f"{counts[x]:,}" for x in ("in", "out", "undec")),
    )


def bench_map_arguments(seed: int, out: Path, repeat: int) -> Row:
    """DF-QuAD over a generated 10,000-claim map with 2,000 arguments, as `evaluate` feeds it."""
    path = generate(10_000, seed, out, arguments=2_000)
    doc = load_file(path)
    assert doc.model is not None and doc.ok, f"{path} does not load: {doc.diagnostics[:3]}"
    model = doc.model
    graph = Graph.of(model)
    nodes = [*graph.order, *graph.arguments]
    supports = [(e.source, e.target) for e in graph.edges if e.relation == "supports"]
    attacks = [(e.source, e.target) for e in graph.edges if e.relation in ("opposes", "undercuts")]
    opposes = [e for e in graph.edges if e.relation == "opposes"]
    premises = [(e.source, e.target) for e in graph.edges if e.relation == "premise"]
    base = {cid: c.weight for cid, c in model.claims.items() if c.weight is not None}
    _, converged, iterations = dfquad(nodes, supports, attacks, base, premises=premises)
    assert converged and iterations == 0, "the generated map should be acyclic"
    return Row(
        f"DF-QuAD, generated map, {len(graph.order):,} claims + {len(graph.arguments):,} arguments",
        timed(lambda: dfquad(nodes, supports, attacks, base, premises=premises), repeat),
        timed(lambda: adjacency(nodes, supports, attacks, premises), repeat),
        target=1.0,
        note=f"{len(premises):,} premises, {len(attacks) - len(opposes):,} undercuts",
    )


def bench_map(seed: int, out: Path, repeat: int) -> list[Row]:
    path = generate(10_000, seed, out)
    doc = load_file(path)
    assert doc.model is not None and doc.ok, f"{path} does not load: {doc.diagnostics[:3]}"
    model = doc.model
    gc.freeze()  # as `argmap evaluate` does once the map is loaded: the collector skips the model
    graph = Graph.of(model)
    ids = graph.order
    supports = [(e.source, e.target) for e in graph.edges if e.relation == "supports"]
    attacks = [(e.source, e.target) for e in graph.edges if e.relation == "opposes"]
    base = {cid: c.weight for cid, c in model.claims.items() if c.weight is not None}
    _, converged, iterations = dfquad(ids, supports, attacks, base)
    assert converged and iterations == 0, "the generated map should be acyclic"
    baseline = timed(lambda: adjacency(ids, supports, attacks), repeat)
    edges = f"{len(supports):,} supports, {len(attacks):,} opposes"
    return [
        Row(
            f"DF-QuAD, generated acyclic map, {len(ids):,} claims",
            timed(lambda: dfquad(ids, supports, attacks, base), repeat),
            baseline,
            target=1.0,
            note=edges + ", one topological pass",
        ),
        Row(
            f"evaluate(model), same map, {len(ids):,} claims",
            timed(lambda: evaluate(model).verdict(), repeat),
            baseline,
            note="graph + grounded + DF-QuAD + ranking + verdict",
        ),
    ]


def bench_cli(seed: int, out: Path, repeat: int) -> Row:
    """The command end to end (start-up, load, check, evaluate, print) against `argmap check` alone."""
    path = generate(10_000, seed, out)

    def command(*args: str) -> Callable[[], object]:
        argv = [sys.executable, "-m", "argmap", *args, str(path)]
        return lambda: subprocess.run(argv, cwd=ROOT, check=True, capture_output=True)

    return Row(
        "argmap evaluate (CLI), same map",
        timed(command("evaluate", "--format", "json"), repeat),
        timed(command("check"), repeat),
        note="baseline here: `argmap check` on the same map",
    )


def bench_cyclic(rng: random.Random, repeat: int) -> Row:
    n = 10_000
    ids = [f"c{i}" for i in range(n)]
    supports = [(ids[rng.randrange(n)], ids[rng.randrange(n)]) for _ in range(n)]
    attacks = [(ids[rng.randrange(n)], ids[rng.randrange(n)]) for _ in range(n)]
    base = {cid: rng.random() for cid in ids}
    _, converged, iterations = dfquad(ids, supports, attacks, base)
    return Row(
        f"DF-QuAD, random cyclic graph, {n:,} claims",
        timed(lambda: dfquad(ids, supports, attacks, base), repeat),
        timed(lambda: adjacency(ids, supports, attacks), repeat),
        note=f"{n:,} supports, {n:,} attacks; {iterations} iterations, "
        + ("converged" if converged else "did NOT converge"),
    )


def table(rows: Sequence[Row]) -> str:
    header = ("measurement", "median", "baseline", "ratio", "target", "notes")
    body = [header, *(r.cells() for r in rows)]
    widths = [max(len(line[i]) for line in body) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip() for line in body]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1, help="seed of the random graphs and map (default 1)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per figure (default 5)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "maps", help="generated maps")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    rows = [bench_grounded(rng, args.repeat), bench_grounded_arguments(rng, args.repeat)]
    rows += [
        *bench_map(args.seed, args.out, args.repeat),
        bench_map_arguments(args.seed, args.out, args.repeat),
    ]
    rows.append(bench_cli(args.seed, args.out, args.repeat))
    rows.append(bench_cyclic(rng, args.repeat))
    print(table(rows))
    print(
        f"\nPython {platform.python_version()} on {platform.machine()}, seed {args.seed}, "
        f"median of {args.repeat}; baseline: one pass building adjacency lists from the same edges."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
