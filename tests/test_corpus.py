"""Every broken map in tests/corpus gives exactly the messages in its .expected file."""

from __future__ import annotations

import json
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.check import check, check_file
from argmap.load import load_text
from tests import fuzz
from tests.conftest import CORPUS, run_cli

CASES = sorted(CORPUS.glob("*.yaml"))


def _messages(path):
    doc = check_file(path, display=path.name)
    return [d.format() for d in doc.diagnostics]


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_corpus_message(path):
    expected = path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert expected, f"{path.name}: an empty .expected would assert nothing"
    assert _messages(path) == expected


def test_corpus_covers_every_error_kind():
    """The corpus holds at least one map for each kind of problem the checker reports."""
    codes = set()
    for path in CASES:
        codes |= {d.code for d in check_file(path).diagnostics}
    assert codes >= {
        "empty",
        "not-a-mapping",
        "not-utf8",
        "tab",
        "yaml-syntax",
        "duplicate-key",
        "yaml-tag",
        "alias-bomb",
        "alias",
        "merge-key",
        "too-deep",
        "version",
        "missing-field",
        "unknown-field",
        "wrong-type",
        "bad-kind",
        "bad-id",
        "bad-url",
        "control-character",
        "too-long",
        "unknown-ref",
        "self-reference",
        "supports-and-opposes",
        "unknown-question",
        "answers-not-position",
        "repeated-ref",
        "no-source",
        "quote-not-found",
        "unchecked-quotes",
        "circular-support",
        "unconnected",
        "no-positions",
        "no-question",
        "off-question",
        # arguments and undercuts
        "no-premises",
        "no-conclusion",
        "two-conclusions",
        "one-conclusion",
        "conclusion-is-premise",
        "repeated-premise",
        "premise-is-argument",
        "premise-undercuts",
        "undercut-claim",
        "relation-to-argument",
        "duplicate-id",
        "unused-argument",
    }


def test_real_command_over_whole_corpus():
    """One run of the real CLI over every broken map: no traceback, exit 1, all files reported."""
    result = run_cli("check", *[p.name for p in CASES], cwd=CORPUS)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    for path in CASES:
        expected = path.with_suffix(".expected").read_text(encoding="utf-8")
        assert expected in result.stdout + "\n"
    assert result.stderr.strip().endswith(f"in {len(CASES)} files")


def test_json_output_is_machine_readable():
    result = run_cli("check", "--format", "json", "unknown-ref.yaml", cwd=CORPUS)
    assert result.returncode == 1
    problems = json.loads(result.stdout)
    error = next(p for p in problems if p["severity"] == "error")
    assert error == {
        "file": "unknown-ref.yaml",
        "line": 9,
        "column": 16,
        "severity": "error",
        "code": "unknown-ref",
        "message": "no claim 'business-as-usal' (in 'supports' of claim 'kim-congress')",
        "hint": "did you mean 'business-as-usual'?",
    }


def test_alias_bomb_is_refused_before_expansion():
    """A billion-laughs document is refused from its compact node graph, not by expanding it."""
    doc = load_text((CORPUS / "alias-bomb.yaml").read_bytes(), "bomb.yaml")
    assert doc.data is None and [d.code for d in doc.diagnostics] == ["alias-bomb"]
    assert "490,329,068 nodes" in doc.diagnostics[0].message


def test_python_tags_never_construct(tmp_path):
    marker = tmp_path / "pwned"
    text = f"argmap: 1\nclaims:\n  a:\n    text: !!python/object/apply:os.system ['touch {marker}']\n"
    doc = load_text(text)
    assert [d.code for d in doc.diagnostics] == ["yaml-tag"]
    assert not marker.exists()


_FRAGMENTS = [
    *"ab: -[]{}&*!|>'\"#\t\n ,?%@`\\1.",
    "argmap: 1\n",
    "claims:\n",
    "  a:\n",
    "    text: x\n",
    "    supports: [a]\n",
    "!!python/name:os.system",
    "&a [*a]",
    "\xa0",
]
_yaml_chars = st.sampled_from(_FRAGMENTS)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_yaml_chars, max_size=60).map("".join))
def test_no_input_raises(text):
    """Whatever the text, loading and checking report problems and never raise."""
    doc = check(load_text(text, "fuzz.yaml"))
    for d in doc.diagnostics:
        assert d.format().startswith("fuzz.yaml")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_no_bytes_raise(data):
    check(load_text(data, "fuzz.yaml"))


ALL_COMMANDS = (
    *fuzz.MAP_COMMANDS,
    ["render", "{in}", "--format", "svg", "-o", "{dir}/out.svg"],
    ["edit", "{in}"],  # not a terminal: it loads the map, then says it needs one
    ["import", "{in}", "--from", "argdown", "-o", "{dir}/imported.yaml", "--force"],
    ["import", "{in}", "--from", "aif", "-o", "{dir}/imported.yaml", "--force"],
)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_every_command_on_every_broken_map_without_a_traceback(path, tmp_path):
    """Each command, on each map of the corpus: a clean exit (0, 1 or 2) and never a traceback."""
    for command in ALL_COMMANDS:
        args = [a.replace("{in}", str(path)).replace("{dir}", str(tmp_path)) for a in command]
        if args[0] == "render" and "svg" in args and not shutil.which("dot"):
            continue
        fuzz.run(args)
