"""Fuzzing argmap as a stranger's pull request would: mutated maps, Argdown and AIF files
through every command that reads them.

Used by `tests/test_fuzz.py` (a few hundred cases in CI) and `bench/fuzz.py` (as long as
you like, e.g. an hour).  Every command runs in this process through `argmap.cli.main`,
exactly as the `argmap` script runs it, with its standard output and error captured.  A
case fails when a command

* lets an exception escape (what a user would see as a traceback), or exits with a code
  other than 0, 1 or 2, or prints "Traceback";
* runs longer than `HANG_SECONDS` (a SIGALRM interrupts it);
* or when the process grows past `MEMORY_LIMIT` (checked after each case).

Inputs are real files (the broken-map corpus, the seed map, the format fixtures, and
the seed map exported to Argdown and AIF) mutated by byte- and line-level edits that
insert fragments chosen to trip a parser (YAML indicators, tags, anchors, control
characters, huge numbers, long runs, paths such as /dev/zero), plus maps generated
from scratch with every field and relation, arguments and undercuts included.
"""

from __future__ import annotations

import contextlib
import gc
import io
import json
import resource
import signal
import sys
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
HANG_SECONDS = 10
MEMORY_LIMIT = 1_000_000_000  # bytes of peak resident memory


class Hang(Exception):
    """A command ran longer than HANG_SECONDS."""


class Failure(AssertionError):
    """A case broke one of argmap's promises."""


@dataclass
class Counters:
    cases: int = 0
    runs: int = 0


COUNTERS = Counters()


# --- seeds -----------------------------------------------------------------------------------


def _read(path: Path) -> bytes:
    return path.read_bytes()


def map_seeds() -> list[bytes]:
    files = sorted((HERE / "corpus").glob("*.yaml"))
    files += [REPO / "maps" / "north-korea-missile-launches.yaml", HERE / "editing" / "commented.yaml"]
    return [_read(p) for p in files]


def argdown_seeds() -> list[bytes]:
    return [_read(p) for p in sorted((HERE / "formats").glob("*.argdown"))] + [_exported("argdown")]


def aif_seeds() -> list[bytes]:
    return [_read(p) for p in sorted((HERE / "formats").glob("*.json"))] + [_exported("aif")]


def _exported(fmt: str) -> bytes:
    from argmap.formats import export
    from argmap.load import load_file

    doc = load_file(REPO / "maps" / "north-korea-missile-launches.yaml")
    assert doc.model is not None
    return export(doc.model, fmt).encode("utf-8")


# --- mutations -------------------------------------------------------------------------------

FRAGMENTS = [
    *"ab: -[]{}&*!|>'\"#%@`\\,?\t\n ",
    "argmap: 1\n",
    "claims:\n",
    "arguments:\n",
    "  a:\n",
    "    text: x\n",
    "    supports: [a]\n",
    "    undercuts: [a]\n",
    "    premises: [a, b]\n",
    "    quote: ",
    "    weight: ",
    "source: {file: /dev/zero}\n",
    "source: {file: ../../../../etc/passwd}\n",
    "source: {file: article.txt}\n",
    "!!python/name:os.system",
    "!!int ''",
    "!!bool x",
    "!!float",
    "&a [*a, *a]",
    "*a",
    "<<: *a",
    "---\n",
    "\x00",
    "\x1b]52;c;eA==\x07",
    "\\e",
    "\\x01",
    "\\uFFFE",
    "\x85",
    "\u2028",
    "\ufeff",
    "\xa0",
    "1e999",
    "-0",
    "0x1F",
    ".nan",
    "9" * 40,
    "x" * 3000,
    "(" * 50,
    "[" * 70,
    "https://example.com/)[x](javascript:alert(1))",
    # Argdown
    "[a]: ",
    "<b>: ",
    "\n  + [a]",
    "\n  - <b>",
    "\n  _> <b>",
    "\n  >< [a]",
    "\n(1) p\n----\n(2) c\n",
    "{kind: position}",
    "#tag ",
    "===\n",
    "/*",
    "//",
    # AIF JSON
    '{"nodes": [], "edges": []}',
    '"nodeID": "1"',
    '"type": "RA"',
    '"type": "CA"',
    '"fromID": "1", "toID": "1"',
    '"text": null',
    "null",
    "[]",
    "{}",
]
_LOW = "\x00\x01\x1b\x7f"


@st.composite
def mutated(draw, seeds: list[bytes]) -> bytes:
    """One of `seeds` after a few byte- or line-level edits."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["insert", "delete", "replace", "duplicate", "swap-lines", "byte"]))
        at = draw(st.integers(0, len(data))) if data else 0
        if op == "insert":
            data[at:at] = draw(st.sampled_from(FRAGMENTS)).encode("utf-8")
        elif op == "delete":
            data[at : at + draw(st.integers(1, 40))] = b""
        elif op == "replace":
            data[at : at + draw(st.integers(1, 10))] = draw(st.sampled_from(FRAGMENTS)).encode("utf-8")
        elif op == "duplicate":
            chunk = bytes(data[at : at + draw(st.integers(1, 200))])
            data[at:at] = chunk * draw(st.integers(1, 4))
        elif op == "swap-lines":
            lines = bytes(data).split(b"\n")
            if len(lines) > 1:
                i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
                lines[i], lines[j] = lines[j], lines[i]
                data = bytearray(b"\n".join(lines))
        else:
            data[at:at] = bytes([draw(st.integers(0, 255))])
    return bytes(data)


_IDS = st.sampled_from(["a", "b", "c", "d", "e-f", "g.h", "x1"])
_TEXT = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", " ", "yes", "null", "- x", "a: b", "#", "&", "<b>", '"', "\\", "é", "x" * 2100]),
)


@st.composite
def generated_maps(draw) -> bytes:
    """A map built from scratch: every field, random relations, arguments and undercuts."""
    ids = draw(st.lists(_IDS, min_size=1, max_size=7, unique=True))
    claims = {}
    for cid in ids:
        claim: dict[str, object] = {"text": draw(_TEXT)}
        for rel in ("supports", "opposes", "undercuts"):
            if draw(st.booleans()):
                claim[rel] = draw(st.lists(_IDS | st.sampled_from(["arg1", "arg2"]), max_size=3))
        if draw(st.booleans()):
            claim["kind"] = draw(st.sampled_from(["position", "claim", "evidence", "other"]))
        if draw(st.booleans()):
            claim["weight"] = draw(st.one_of(st.floats(allow_nan=True), st.integers(), st.booleans(), _TEXT))
        if draw(st.booleans()):
            claim["quote"] = draw(st.lists(_TEXT, max_size=2))
        if draw(st.booleans()):
            claim["answers"] = draw(st.sampled_from(["q1", "q2", "zz"]))
        claims[cid] = claim
    arguments = {}
    for aid in draw(st.lists(st.sampled_from(["arg1", "arg2", "a"]), max_size=2, unique=True)):
        relation = draw(st.sampled_from(["supports", "opposes", "undercuts"]))
        arguments[aid] = {
            "premises": draw(st.lists(_IDS, max_size=3)),
            relation: draw(_IDS | st.sampled_from(["arg1", "arg2"])),
        }
    the_map: dict[str, object] = {"argmap": 1, "claims": claims}
    if arguments:
        the_map["arguments"] = arguments
    if draw(st.booleans()):
        the_map["question"] = draw(_TEXT)
    if draw(st.booleans()):
        the_map["questions"] = {"q1": draw(_TEXT), "q2": draw(_TEXT)}
    if draw(st.booleans()):
        the_map["source"] = {"file": "article.txt", "url": "https://example.org/a_(b)"}
    return json.dumps(the_map, ensure_ascii=draw(st.booleans())).encode("utf-8")


# --- running commands ------------------------------------------------------------------------

MAP_COMMANDS = (
    ["check", "{in}"],
    ["check", "--format", "json", "{in}"],
    ["render", "{in}", "--format", "dot", "-o", "{dir}/out.dot"],
    ["evaluate", "{in}"],
    ["evaluate", "--format", "json", "{in}"],
    *(["export", "{in}", "--to", fmt] for fmt in ("argdown", "aif", "json", "markdown", "dot")),
)


def _on_alarm(signum: int, frame: object) -> None:
    raise Hang(f"a command ran for more than {HANG_SECONDS} s")


def run(args: list[str]) -> tuple[int, str, str]:
    """Run `argmap ARGS` in this process; its exit code, standard output and error."""
    from argmap.cli import main

    out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_bytes, encoding="utf-8", write_through=True)
    err = io.TextIOWrapper(err_bytes, encoding="utf-8", write_through=True)
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(HANG_SECONDS)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(args)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 2
    except Hang:
        raise
    except BaseException as exc:  # what a user would see as a traceback
        raise Failure(f"argmap {' '.join(args)} raised {type(exc).__name__}: {exc}") from exc
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        gc.unfreeze()  # `evaluate` freezes what it loaded: let it go between runs
    COUNTERS.runs += 1
    stdout = out_bytes.getvalue().decode("utf-8", "replace")
    stderr = err_bytes.getvalue().decode("utf-8", "replace")
    if code not in (0, 1, 2):
        raise Failure(f"argmap {' '.join(args)} exited {code}\n{stderr}")
    if "Traceback" in stdout + stderr:
        raise Failure(f"argmap {' '.join(args)} printed a traceback\n{stderr}")
    return code, stdout, stderr


def _memory_ok() -> None:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    if peak > MEMORY_LIMIT:
        raise Failure(f"the process grew to {peak / 1e6:.0f} MB")


def check_map(data: bytes, folder: Path) -> None:
    """Every command that reads a map, on `data` written as a map beside an article."""
    COUNTERS.cases += 1
    path = folder / "fuzz.yaml"
    path.write_bytes(data)
    article = folder / "article.txt"
    if not article.exists():
        article.write_text("The streets are wet this morning.\nPeople carry umbrellas.\n", encoding="utf-8")
    for command in MAP_COMMANDS:
        run([a.replace("{in}", str(path)).replace("{dir}", str(folder)) for a in command])
    _memory_ok()


def check_import(data: bytes, fmt: str, folder: Path) -> None:
    """`argmap import` of `data`; a map it writes must be one `argmap check` accepts."""
    COUNTERS.cases += 1
    path = folder / ("fuzz.argdown" if fmt == "argdown" else "fuzz.json")
    path.write_bytes(data)
    out = folder / "imported.yaml"
    code, _, stderr = run(["import", str(path), "--from", fmt, "-o", str(out), "--force"])
    if code == 0:
        checked, stdout, _ = run(["check", "-q", str(out)])
        if checked != 0:
            raise Failure(f"import wrote a map that check refuses:\n{stdout}\n{stderr}")
    _memory_ok()
