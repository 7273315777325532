"""Fuzz argmap for as long as you like, and report the figures.

    python bench/fuzz.py --minutes 60          # an hour: mutated maps, Argdown, AIF, generated maps
    python bench/fuzz.py --minutes 5 --seed 7  # a short, reproducible run

The cases and the checks are those of `tests/fuzz.py` (CI runs a few hundred of them in
`tests/test_fuzz.py`): every command that reads a map, and `import` of both formats, in
this process; a case fails on a traceback, an exit code other than 0/1/2, a command over
10 s, or the process over 1 GB.  Hypothesis shrinks a failure to a small input, which
is printed and saved under bench/out/fuzz-failures/.  The run ends with the number of
cases and command runs, the time, and the peak memory.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402

from tests import fuzz  # noqa: E402

OUT = ROOT / "bench" / "out" / "fuzz-failures"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--minutes", type=float, default=60.0, help="how long to fuzz (default 60)")
    parser.add_argument("--seed", type=int, default=None, help="seed of the first round (default: random)")
    parser.add_argument("--batch", type=int, default=200, help="cases per target and round (default 200)")
    args = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="argmap-fuzz-"))
    targets = {
        "mutated maps": (fuzz.mutated(fuzz.map_seeds()), lambda d: fuzz.check_map(d, folder)),
        "generated maps": (fuzz.generated_maps(), lambda d: fuzz.check_map(d, folder)),
        "mutated Argdown": (
            fuzz.mutated(fuzz.argdown_seeds()),
            lambda d: fuzz.check_import(d, "argdown", folder),
        ),
        "mutated AIF": (fuzz.mutated(fuzz.aif_seeds()), lambda d: fuzz.check_import(d, "aif", folder)),
    }
    per_target = dict.fromkeys(targets, 0)
    failures: list[str] = []
    started = time.monotonic()
    deadline = started + args.minutes * 60
    round_ = 0
    while time.monotonic() < deadline and not failures:
        for name, (strategy, check) in targets.items():
            if time.monotonic() >= deadline:
                break
            before = fuzz.COUNTERS.cases
            test = settings(
                max_examples=args.batch,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
                phases=[Phase.generate, Phase.shrink],
            )(given(strategy)(check))
            if args.seed is not None:
                test = seed(args.seed * 1000 + round_)(test)
            try:
                test()
            except Exception as exc:  # a failure Hypothesis has shrunk
                text = f"{name}: {type(exc).__name__}: {exc}\n{traceback.format_exc()}"
                failures.append(text)
                OUT.mkdir(parents=True, exist_ok=True)
                (OUT / f"failure-{int(time.time())}.txt").write_text(text, encoding="utf-8")
                print(text, file=sys.stderr)
            per_target[name] += fuzz.COUNTERS.cases - before
        round_ += 1
    elapsed = time.monotonic() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1000
    print(
        f"fuzzed for {elapsed / 60:.1f} min: {fuzz.COUNTERS.cases:,} cases,"
        f" {fuzz.COUNTERS.runs:,} command runs"
    )
    for name, n in per_target.items():
        print(f"  {name:16} {n:>9,} cases")
    print(f"peak memory {peak_mb:.0f} MB; failures: {len(failures)}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
