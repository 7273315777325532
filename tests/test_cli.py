"""The command line as a person uses it: the real `argmap` process, its exit codes and its output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.schema import SCHEMA_FILE, schema_json
from tests.conftest import REPO, SEED_MAP, run_cli

GOOD = """\
argmap: 1
title: Small
question: Is it?
claims:
  a:
    kind: position
    text: A position.
  b:
    text: A reason.
    supports: [a]
"""
WARNS = GOOD + "  lonely:\n    text: Nothing connects to me.\n"
BAD = GOOD.replace("supports: [a]", "suports: [a]")


def test_help_lists_every_command():
    result = run_cli("--help")
    assert result.returncode == 0
    for name in ("check", "render", "schema"):
        assert name in result.stdout


def test_no_command_prints_help_and_is_a_usage_error():
    result = run_cli()
    assert result.returncode == 2
    assert "usage: argmap" in result.stdout


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["render", "--help"]])
def test_help_stays_light(args):
    """Start-up must not pay for pydantic, Graphviz or Textual when it only prints help."""
    code = (
        "import sys\n"
        "from argmap.cli import main\n"
        "try:\n"
        f"    main({args!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = sorted(m for m in ('pydantic', 'graphviz', 'textual', 'yaml') if m in sys.modules)\n"
        "print('HEAVY:' + ','.join(heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "HEAVY:"


def test_check_never_imports_textual():
    code = (
        "import sys\nfrom argmap.cli import main\n"
        f"main(['check', '-q', {str(SEED_MAP)!r}])\n"
        "print('textual' in sys.modules, 'graphviz' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert result.stdout.split() == ["False", "False"]


def test_exit_codes(write_map):
    good = write_map(GOOD, "good.yaml")
    warns = write_map(WARNS, "warns.yaml")
    bad = write_map(BAD, "bad.yaml")
    assert run_cli("check", str(good)).returncode == 0
    assert run_cli("check", str(warns)).returncode == 0
    assert run_cli("check", "--strict", str(warns)).returncode == 1
    assert run_cli("check", str(bad)).returncode == 1
    assert run_cli("check", str(good.parent / "missing.yaml")).returncode == 2
    assert run_cli("check", "--format", "xml", str(good)).returncode == 2
    assert run_cli("frobnicate").returncode == 2


def test_check_messages_and_summary(write_map):
    bad = write_map(BAD, "bad.yaml")
    result = run_cli("check", str(bad))
    assert result.stdout.splitlines() == [
        f"{bad}:10:5: error: unknown field 'suports' in claim 'b' — did you mean 'supports'?"
    ]
    assert result.stderr.strip() == "1 error, 0 warnings in 1 file"
    good = write_map(GOOD, "good.yaml")
    result = run_cli("check", str(good))
    assert result.stdout == ""
    assert result.stderr.strip() == f"{good}: ok (2 claims)"
    assert run_cli("check", "-q", str(good)).stderr == ""


def test_check_json_is_machine_readable(write_map):
    bad = write_map(BAD, "bad.yaml")
    warns = write_map(WARNS, "warns.yaml")
    result = run_cli("check", "--format", "json", str(bad), str(warns))
    problems = json.loads(result.stdout)
    assert [(p["file"], p["line"], p["severity"], p["code"]) for p in problems] == [
        (str(bad), 10, "error", "unknown-field"),
        (str(warns), 11, "warning", "unconnected"),
    ]


def test_schema_command_matches_the_committed_file(tmp_path):
    result = run_cli("schema")
    assert result.returncode == 0
    assert result.stdout == schema_json()
    committed = (REPO / SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == schema_json(), "run `argmap schema -o schema/argmap.schema.json` and commit it"
    out = tmp_path / "s.json"
    assert run_cli("schema", "-o", str(out)).returncode == 0
    assert out.read_text(encoding="utf-8") == committed


def test_example_maps_validate_against_the_schema():
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    schema = json.loads((REPO / SCHEMA_FILE).read_text(encoding="utf-8"))
    for path in sorted((REPO / "maps").glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../{SCHEMA_FILE}"
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)


def test_schema_rejects_what_the_checker_rejects():
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    schema = json.loads((REPO / SCHEMA_FILE).read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    assert not list(validator.iter_errors(yaml.safe_load(GOOD)))
    assert list(validator.iter_errors(yaml.safe_load(BAD)))
    assert list(validator.iter_errors(yaml.safe_load(GOOD.replace("argmap: 1", "argmap: 2"))))


def test_module_and_console_script_agree():
    script = Path(sys.executable).with_name("argmap")
    if not script.exists():
        pytest.skip("console script not installed beside this Python")
    a = subprocess.run([str(script), "--version"], capture_output=True, text=True)
    b = run_cli("--version")
    assert a.stdout == b.stdout and a.stdout.startswith("argmap ")
