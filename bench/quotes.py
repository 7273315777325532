"""The closest-passage search for wrong quotes, against `check` with every quote correct.

    python bench/quotes.py            # three rows, medians of 5 rounds (about a minute)

When a quote is not in the article, `check` looks for the passage most like it (the
"closest passage" of its message).  This measures what that costs over the same map
with every quote correct, which is the baseline measured in the same run:

* a 10 KB unmatched quote against the seed article (7 KB), with the real `argmap check`
  (target: under 50 ms more);
* a 1 MB article with 40 unmatched quotes, with the real `argmap check` (under 1 s more);
* the editor's re-check after an edit, in process, with a 150 KB article and 40 quotes of
  which 10 are wrong (under 50 ms more).

The CLI rows run under bench/run.py's timer (wall time, medians), and again for their CPU
time (user + system, which other work on the machine disturbs less); the editor row times
`MapEditor.set_claim_field` and the re-checked `document` with time.perf_counter.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generate import sentence  # noqa: E402
from run import Command, measure  # noqa: E402

SEED = ROOT / "maps" / "north-korea-missile-launches.yaml"
ROUNDS = 5


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _misquote(rng: random.Random, quote: str) -> str:
    """The quote with two words changed, as a hurried analyst might type it."""
    words = quote.split()
    for _ in range(2):
        i = rng.randrange(len(words))
        words[i] = words[i][::-1] + "x"
    return " ".join(words)


def article_and_map(folder: Path, name: str, size: int, quotes: int, wrong: int, seed: int) -> Path:
    """An article of about `size` characters, and a map quoting it `quotes` times, `wrong` wrongly."""
    rng = random.Random(seed)
    sentences: list[str] = []
    total = 0
    while total < size:
        sentences.append(sentence(rng, 8, 25))
        total += len(sentences[-1]) + 1
    paragraphs = [" ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5)]
    (folder / f"{name}.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    lines = ["argmap: 1", "question: Q?", f"source: {{file: {name}.txt}}", "claims:"]
    lines += ["  p:", "    kind: position", "    text: The position."]
    for n in range(quotes):
        words = rng.choice(sentences).split()
        start = rng.randrange(max(1, len(words) - 12))
        quote = " ".join(words[start : start + 12])
        if n < wrong:
            quote = _misquote(rng, quote)
        lines += [f"  c{n}:", f"    text: Claim {n}.", f"    quote: {_yaml_string(quote)}", "    supports: p"]
    path = folder / f"{name}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def seed_with_long_quote(folder: Path, wrong: bool) -> Path:
    """The seed map beside its article, plus one claim quoting 10 KB (of nonsense when `wrong`)."""
    (folder / "seeds").mkdir(exist_ok=True)
    (folder / "maps").mkdir(exist_ok=True)
    (folder / ".git").mkdir(exist_ok=True)
    article = (ROOT / "seeds" / "north-korea-missile-launches.txt").read_text(encoding="utf-8")
    (folder / "seeds" / "north-korea-missile-launches.txt").write_text(article, encoding="utf-8")
    rng = random.Random(1)
    words = article.split()
    quote = " ".join(rng.choice(words) for _ in range(1800))[:10_000] if wrong else words[0]
    text = SEED.read_text(encoding="utf-8")
    text += f"\n  long-quote:\n    text: A long quote.\n    quote: {_yaml_string(quote)}\n"
    text += "    supports: business-as-usual\n"
    path = folder / "maps" / ("wrong.yaml" if wrong else "right.yaml")
    path.write_text(text, encoding="utf-8")
    return path


def check(path: Path) -> Command:
    """`argmap check -q PATH`, which exits 1 for wrong quotes: through a shell that exits 0 for
    0 or 1, so the timer accepts it (the same small cost for both rows)."""
    line = f"{sys.executable} -m argmap check -q {path}; test $? -le 1"
    return Command(("/bin/sh", "-c", line))


def cpu_s(command: Command) -> float:
    """The median CPU time (user + system) of the command and its children: steadier than wall
    time on a machine others are using."""
    import resource
    import subprocess

    times = []
    for _ in range(ROUNDS):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(command.argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(times)


CPU: list[tuple[str, float, float]] = []


def cli_row(label: str, right: Path, wrong: Path, target_s: float) -> tuple[str, float, float, float]:
    timings = measure([check(right), check(wrong)], ROUNDS)
    CPU.append((label, cpu_s(check(wrong)), cpu_s(check(right))))
    return label, timings[1].wall_s, timings[0].wall_s, target_s


def editor_row(folder: Path) -> tuple[str, float, float, float]:
    from argmap.editing import MapEditor

    def recheck(path: Path) -> float:
        editor = MapEditor.open(path)
        editor.document  # noqa: B018 - the first check, as the editor opens
        times = []
        for i in range(ROUNDS * 4):
            started = time.perf_counter()
            editor.set_claim_field("p", "text", f"The position, edit {i}.")
            editor.document  # noqa: B018 - the re-check the editor shows
            times.append(time.perf_counter() - started)
        return statistics.median(times)

    right = article_and_map(folder, "editor-right", 150_000, 40, 0, 3)
    wrong = article_and_map(folder, "editor-wrong", 150_000, 40, 10, 3)
    return (
        "editor re-check after an edit, 150 KB article, 10 of 40 quotes wrong",
        recheck(wrong),
        recheck(right),
        0.05,
    )


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="argmap-bench-quotes-"))
    rows = [
        cli_row(
            "check, 10 KB unmatched quote, seed article",
            seed_with_long_quote(folder, wrong=False),
            seed_with_long_quote(folder, wrong=True),
            0.05,
        ),
        cli_row(
            "check, 1 MB article, 40 unmatched quotes",
            article_and_map(folder, "big-right", 1_000_000, 40, 0, 2),
            article_and_map(folder, "big-wrong", 1_000_000, 40, 40, 2),
            1.0,
        ),
        editor_row(folder),
    ]
    print(f"{'what':72} {'with wrong quotes':>18} {'all right':>10} {'extra':>9} {'target':>8}")
    for label, value, baseline, target in rows:
        extra = value - baseline
        verdict = "met" if extra < target else "MISSED"
        print(
            f"{label:72} {value * 1000:>15.0f} ms {baseline * 1000:>7.0f} ms {extra * 1000:>6.0f} ms"
            f" < {target * 1000:.0f} ms {verdict}"
        )
    print("\nCPU time (user + system), the same commands:")
    for label, value, baseline in CPU:
        print(
            f"{label:72} {value * 1000:>15.0f} ms {baseline * 1000:>7.0f} ms"
            f" {(value - baseline) * 1000:>6.0f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
