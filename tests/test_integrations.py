"""argmap in the tools people already use: folders of maps, GitHub annotations, pre-commit."""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from argmap.diagnostics import Diagnostic, Pos, Severity, to_github
from argmap.discover import find_maps, is_map
from tests.conftest import REPO, run_cli

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")

GOOD = "argmap: 1\ntitle: Good\nclaims:\n  a: {text: A, supports: [b]}\n  b: {text: B}\n"
BAD = "argmap: 1\nclaims:\n  a: {text: A, suports: [b]}\n"
WARNS = "argmap: 1\nclaims:\n  a: {text: A}\n"


def _tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def folder(tmp_path):
    return _tree(
        tmp_path / "maps",
        {
            "good.yaml": GOOD,
            "nested/deeper/bad.yml": BAD,
            "nested/warns.yaml": WARNS,
            "ci.yml": "name: ci\non: push\n",  # YAML, not a map
            "notes.txt": "argmap: 1\n",  # a map's shape, not a YAML file
            ".hidden/skipped.yaml": BAD,
            "node_modules/pkg/skipped.yaml": BAD,
            "quoted.yaml": "\ufeff# a comment first\n'argmap': 1\nclaims: {}\n",
            "indented.yaml": "other:\n  argmap: 1\n",  # not at the top level
        },
    )


def test_find_maps_takes_yaml_files_with_a_top_level_argmap_key(folder):
    found = [p.relative_to(folder).as_posix() for p in find_maps(folder)]
    assert found == ["good.yaml", "nested/deeper/bad.yml", "nested/warns.yaml", "quoted.yaml"]
    assert not is_map(folder / "missing.yaml")


def test_find_maps_does_not_follow_a_link_loop(folder):
    (folder / "nested" / "loop").symlink_to(folder, target_is_directory=True)
    assert len(find_maps(folder)) == 4


def test_check_a_folder_checks_every_map_with_one_summary(folder):
    result = run_cli("check", str(folder))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{folder / 'nested/deeper/bad.yml'}:3:16: error: unknown field 'suports'")
    assert any("'a' is connected to nothing" in line and "warns.yaml" in line for line in lines)
    assert "skipped" not in result.stdout and "ci.yml" not in result.stdout
    assert result.stderr.strip() == "1 error, 1 warning in 4 files"


def test_check_mixes_folders_and_files(folder, tmp_path):
    single = tmp_path / "single.yaml"
    single.write_text(GOOD, encoding="utf-8")
    result = run_cli("check", str(single), str(folder / "nested" / "deeper"))
    assert result.returncode == 1
    assert result.stderr.strip() == "1 error, 0 warnings in 2 files"


def test_check_a_folder_without_maps_is_a_usage_error(tmp_path):
    (tmp_path / "ci.yml").write_text("name: ci\n", encoding="utf-8")
    result = run_cli("check", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.startswith(f"argmap: no maps under {tmp_path} — ")


def test_maps_only_skips_named_files_that_are_not_maps(folder):
    result = run_cli("check", "--maps-only", str(folder / "ci.yml"), str(folder / "good.yaml"))
    assert result.returncode == 0, result.stdout
    assert result.stderr.strip() == f"{folder / 'good.yaml'}: ok (2 claims)"
    # without it, a YAML file that is not a map is an error, as before
    assert run_cli("check", str(folder / "ci.yml")).returncode == 1


def test_github_format_prints_workflow_annotations(folder):
    result = run_cli("check", "--format", "github", str(folder))
    assert result.returncode == 1
    bad = folder / "nested/deeper/bad.yml"
    assert result.stdout.splitlines() == [
        f"::error file={bad},line=3,col=16,title=argmap unknown-field::"
        "unknown field 'suports' in claim 'a' — did you mean 'supports'?",
        f"::warning file={folder / 'nested/warns.yaml'},line=3,col=3,title=argmap unconnected::"
        "claim 'a' is connected to nothing — add `supports:` or `opposes:` to tie it to the argument",
    ]
    assert result.stderr.strip() == "1 error, 1 warning in 4 files"


def test_github_annotations_escape_what_would_end_them():
    d = Diagnostic("a,b:c%\n.yaml", Pos(1, 2), Severity.ERROR, "x", "line one\nline two: 100%", "hint\r")
    # control characters are shown as text (as every printed message shows them), so none can
    # end the command early; what the command syntax itself reads is escaped
    assert to_github(d) == (
        "::error file=a%2Cb%3Ac%25\\x0a.yaml,line=1,col=2,title=argmap x::"
        "line one\\x0aline two: 100%25 — hint\\x0d"
    )
    without_place = Diagnostic("m.yaml", None, Severity.WARNING, "y", "message")
    assert to_github(without_place) == "::warning file=m.yaml,title=argmap y::message"


@needs_dot
def test_render_a_folder_into_an_output_folder(folder, tmp_path):
    out = tmp_path / "out"
    result = run_cli("render", str(folder), "-o", str(out))
    assert result.returncode == 1  # one map has errors
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert written == ["good.svg", "nested/warns.svg", "quoted.svg"]
    assert not (out / "nested" / "deeper").exists()  # nothing made for the map that failed
    ET.parse(out / "good.svg")
    assert "not rendered: " in result.stderr and "bad.yml has errors" in result.stderr
    assert result.stderr.strip().splitlines()[-1] == f"rendered 3 maps into {out}; 1 not rendered"


@needs_dot
def test_render_a_folder_beside_its_maps_in_a_format(tmp_path):
    folder = _tree(tmp_path / "maps", {"one.yaml": GOOD, "sub/two.yaml": GOOD})
    result = run_cli("render", str(folder), "--format", "png")
    assert result.returncode == 0, result.stderr
    assert (folder / "one.png").read_bytes()[:4] == b"\x89PNG"
    assert (folder / "sub" / "two.png").exists()
    assert result.stderr.strip().splitlines()[-1] == "rendered 2 maps"


def test_render_a_folder_refuses_standard_output_and_a_file_as_folder(folder, tmp_path):
    assert run_cli("render", str(folder), "-o", "-").returncode == 2
    a_file = tmp_path / "file.txt"
    a_file.write_text("x", encoding="utf-8")
    result = run_cli("render", str(folder), "-o", str(a_file))
    assert result.returncode == 2 and "is a file" in result.stderr


# --- pre-commit -----------------------------------------------------------------------------------


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_pre_commit_hooks_with_try_repo(tmp_path):
    """The hooks as a repository of maps would use them: installed by pre-commit from this repository."""
    pre_commit = Path(os.environ.get("VIRTUAL_ENV", REPO / ".venv")) / "bin" / "pre-commit"
    if not pre_commit.exists():
        pre_commit = Path(shutil.which("pre-commit") or "pre-commit")
    repo = _tree(
        tmp_path / "maps-repo",
        {
            "good.yaml": GOOD,
            "topic/bad.yaml": BAD,
            "ci.yml": "name: ci\n",
            "article.txt": "words\n",
        },
    )
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),  # its environments, not the user's cache
        "PRE_COMMIT_COLOR": "never",
        "GIT_CONFIG_GLOBAL": str(tmp_path / "gitconfig"),
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    (tmp_path / "gitconfig").write_text("[user]\n\tname = t\n\temail = t@example.org\n", encoding="utf-8")

    def try_repo(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(pre_commit), "try-repo", str(REPO), *args, "--all-files"],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )

    failed = try_repo()  # every hook of .pre-commit-hooks.yaml
    assert failed.returncode == 1, failed.stdout + failed.stderr
    out = failed.stdout
    assert "argmap check...." in out and "argmap check (every map)" in out
    error = "topic/bad.yaml:3:16: error: unknown field 'suports' in claim 'a' — did you mean 'supports'?"
    assert out.count(error) == 2  # once from each hook
    assert "ci.yml" not in out  # a YAML file that is not a map is left alone
    assert "1 error, 0 warnings in 2 files" in out

    (repo / "topic" / "bad.yaml").write_text(GOOD, encoding="utf-8")
    _git(repo, "add", "-A")
    passed = try_repo("argmap-check")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "argmap check" in passed.stdout and "Passed" in passed.stdout
