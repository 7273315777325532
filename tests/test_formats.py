"""Export and import: dump_map, Argdown, AIF, JSON, Markdown, DOT, and the two commands."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given

from argmap.check import check
from argmap.diagnostics import Severity
from argmap.dump import dump_map
from argmap.formats import EXPORT_FORMATS, export, guess_format
from argmap.formats._build import make_id
from argmap.load import load_file, load_text
from argmap.model import ID_RE, MAP_FIELDS, ArgMap, Claim, Kind
from argmap.outline import Outline
from argmap.render.dot import to_dot
from tests.conftest import REPO, SEED_MAP, run_cli
from tests.strategies import PROPERTY, argmaps

FIXTURES = Path(__file__).parent / "formats"


@pytest.fixture(scope="module")
def seed() -> ArgMap:
    doc = load_file(SEED_MAP)
    assert doc.model is not None
    return doc.model


def errors(diagnostics) -> list[str]:
    return [d.format() for d in diagnostics if d.severity is Severity.ERROR]


def warning_codes(diagnostics) -> list[str]:
    return [d.code for d in diagnostics if d.severity is Severity.WARNING]


# --- dump_map ---------------------------------------------------------------------


def test_dump_seed_round_trips_and_reads_like_the_seed(seed):
    text = dump_map(seed, schema="../schema/argmap.schema.json")
    assert load_text(text).model == seed
    assert text.startswith("# yaml-language-server: $schema=../schema/argmap.schema.json\nargmap: 1\n")
    assert re.search(r"^    supports: \[[a-z-]+(, [a-z-]+)*\]$", text, re.M)
    assert re.search(r"^    tags: \[[a-z-]+(, [a-z-]+)*\]$", text, re.M)
    assert re.search(r'^    quote: ".+"$', text, re.M)
    assert re.search(r"^    note: >-\n      \S", text, re.M), "long notes are folded"
    folded = re.findall(r"^    note: >-\n((?:      .*\n)+)", text, re.M)
    assert folded and all(len(line) <= 80 for block in folded for line in block.splitlines())
    keys = [m.group(1) for m in re.finditer(r"^(\w+):", text, re.M)]
    assert keys == [k for k in MAP_FIELDS if k in keys]
    assert keys[:3] == ["argmap", "title", "question"] and keys[-2:] == ["claims", "arguments"]


def test_dump_header_and_empty_map():
    model = ArgMap(argmap=1)
    text = dump_map(model, header="made by a test\nsecond line")
    assert text == "# made by a test\n# second line\nargmap: 1\nclaims: {}\n"
    assert load_text(text).model == model


def test_dump_quotes_what_yaml_would_misread():
    claims = {
        "yes": Claim(text="yes", by="null", tags=["1_000", "a, b", "x: y"], note="123"),
        "b": Claim(text="a: b #c", quote=["'q'"], supports=["yes"], note="line\n  indented\nend"),
    }
    model = ArgMap(argmap=1, claims=claims)
    text = dump_map(model)
    assert '  "yes":' in text and 'text: "yes"' in text and 'by: "null"' in text
    assert 'tags: ["1_000", "a, b", "x: y"]' in text
    assert "note: |-" in text
    assert load_text(text).model == model


@PROPERTY
@given(argmaps())
def test_dump_round_trips_any_valid_map(model):
    assert load_text(dump_map(model, header="h")).model == model


# --- json, markdown, dot ----------------------------------------------------------


def test_json_export_is_the_model(seed):
    data = json.loads(export(seed, "json"))
    assert ArgMap.model_validate(data) == seed
    schema = json.loads((REPO / "schema" / "argmap.schema.json").read_text())
    assert set(data) <= set(schema["properties"])
    assert data["claims"]["business-as-usual"]["kind"] == "position"


def test_markdown_outline(seed):
    text = export(seed, "markdown")
    assert text.startswith(f"# {seed.title.split()[0]}")
    assert "**Question:**" in text
    for group in seed.question_groups():
        assert f"## {group.text}" in text
    for cid in seed.positions():
        assert f'<a id="{cid}"></a>' in text
    assert "- **+** " in text and "- **−** " in text
    assert "\n> " in text or "  > " in text, "quotes are blockquotes"
    assert "↪ shown at [" in text, "repeated claims are references"
    shown = re.findall(r'<a id="([^"]+)"></a>', text)
    assert sorted(shown) == sorted([*seed.claims, *seed.arguments]), "every claim and argument, once"
    assert len(text.splitlines()) < 12 * len(seed.claims)


def test_markdown_escapes_user_text():
    model = ArgMap(
        argmap=1,
        claims={
            "a": Claim(kind=Kind.POSITION, text="*not bold* <b>x</b> [link](y)"),
            "b": Claim(text="`x`", supports=["a"]),
            "c": Claim(kind=Kind.POSITION, text="answers a question the map lacks", answers="nope"),
        },
    )
    text = export(model, "markdown")
    assert r"\*not bold\* \<b\>x\</b\> \[link\](y)" in text
    assert r"\`x\`" in text
    assert "## Positions" in text and "answers a question the map lacks" in text, "no position is lost"


def test_dot_export_is_the_renderer(seed):
    assert export(seed, "dot") == to_dot(seed)


def test_commands_offer_the_registered_formats():
    from argmap.commands import export as export_command
    from argmap.commands import import_ as import_command
    from argmap.formats import IMPORT_FORMATS

    assert export_command.FORMATS == EXPORT_FORMATS == ("argdown", "aif", "json", "markdown", "dot", "html")
    assert import_command.FORMATS == IMPORT_FORMATS == ("argdown", "aif")


# --- ids ------------------------------------------------------------------------


def test_make_id_keeps_valid_titles_and_slugs_the_rest():
    taken: set[str] = set()
    assert make_id("recent-tests", taken) == "recent-tests"
    assert make_id("recent-tests", taken) == "recent-tests-2"
    assert make_id("Climate Change: a Hoax?", taken) == "climate-change-a-hoax"
    assert make_id("日本語", taken) == "claim"
    long = make_id("Bilateral or multilateral negotiations on denuclearization will take place soon", taken)
    assert long == "bilateral-or-multilateral-negotiations"
    assert all(ID_RE.fullmatch(i) for i in taken)


# --- the commands -----------------------------------------------------------------


@pytest.fixture
def seed_tree(tmp_path: Path) -> Path:
    """A copy of the seed map with its article, so quotes check in a temporary folder."""
    (tmp_path / ".git").mkdir()  # a project folder: the map may read articles anywhere in it
    (tmp_path / "maps").mkdir()
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED_MAP, tmp_path / "maps" / SEED_MAP.name)
    for article in (REPO / "seeds").iterdir():
        shutil.copy(article, tmp_path / "seeds" / article.name)
    return tmp_path / "maps" / SEED_MAP.name


@pytest.mark.parametrize(("fmt", "suffix"), [("argdown", ".argdown"), ("aif", ".json")])
def test_cli_round_trip_checks_clean(seed_tree, seed, fmt, suffix):
    exported = seed_tree.with_name(f"seed{suffix}")
    r = run_cli("export", str(seed_tree), "--to", fmt, "-o", str(exported))
    assert r.returncode == 0, r.stderr
    r = run_cli("import", str(exported))
    assert r.returncode == 0, r.stderr
    written = exported.with_suffix(".yaml")
    assert f"wrote {written} ({len(seed.claims)} claims" in r.stderr
    doc = check(load_file(written))
    assert doc.diagnostics == []
    assert doc.model == seed
    assert written.read_text().startswith(f"# Imported from seed{suffix} ({fmt})")


def test_cli_export_to_stdout(seed):
    r = run_cli("export", str(SEED_MAP), "--to", "markdown")
    assert r.returncode == 0 and r.stdout == export(seed, "markdown")
    r = run_cli("export", str(SEED_MAP), "--to", "json")
    exported = ArgMap.model_validate(json.loads(r.stdout))
    # the article is named from where the export goes: the current folder, for standard output
    assert exported.source.file == "seeds/north-korea-missile-launches.txt"
    assert exported == seed.model_copy(update={"source": exported.source})


def test_cli_export_and_import_elsewhere_keep_the_article_in_reach(seed_tree, tmp_path):
    """Issue 8, defect 6: an export written in another folder and imported there checks clean."""
    elsewhere = tmp_path / "elsewhere" / "deeper"
    elsewhere.mkdir(parents=True)
    for fmt, suffix in (("argdown", ".argdown"), ("aif", ".json"), ("json", ".json")):
        exported = elsewhere / f"seed-{fmt}{suffix}"
        r = run_cli("export", str(seed_tree), "--to", fmt, "-o", str(exported))
        assert r.returncode == 0, r.stderr
        if fmt == "json":
            assert (
                json.loads(exported.read_text())["source"]["file"]
                == "../../seeds/north-korea-missile-launches.txt"
            )
            continue
        target = tmp_path / "maps2" / f"seed-{fmt}.yaml"
        target.parent.mkdir(exist_ok=True)
        r = run_cli("import", str(exported), "-o", str(target))
        assert r.returncode == 0, r.stderr
        doc = check(load_file(target))
        assert doc.diagnostics == [], [d.format() for d in doc.diagnostics]
        assert doc.model.source.file == "../seeds/north-korea-missile-launches.txt"


def test_cli_import_without_the_article_leaves_source_file_out_and_says_so(seed_tree, tmp_path):
    exported = tmp_path / "seed.argdown"
    assert run_cli("export", str(seed_tree), "--to", "argdown", "-o", str(exported)).returncode == 0
    lonely = tmp_path / "lonely"
    lonely.mkdir()
    moved = lonely / "seed.argdown"  # moved away from the article: the path no longer leads to it
    exported.rename(moved)
    r = run_cli("import", str(moved))
    assert r.returncode == 0, r.stderr
    assert "warning: the article 'seeds/north-korea-missile-launches.txt'" in r.stderr.replace("../", "")
    doc = check(load_file(moved.with_suffix(".yaml")))
    assert [d.severity for d in doc.diagnostics if d.severity is Severity.ERROR] == []
    assert doc.model.source.file is None and doc.model.source.url


def test_cli_import_refuses_to_write_a_map_that_fails_the_check(tmp_path):
    source = tmp_path / "q.argdown"
    (tmp_path / "article.txt").write_text("The words of the article.\n")
    source.write_text(
        "===\nargmap:\n  version: 1\n  source: {file: article.txt}\n===\n\n"
        '[a]: A claim. {quote: "not there"}\n'
    )
    r = run_cli("import", str(source))
    assert r.returncode == 1
    assert "quote of claim 'a' is not in the source" in r.stderr
    assert "nothing written" in r.stderr and not source.with_suffix(".yaml").exists()


def test_cli_import_report_counts_what_was_kept_mapped_and_left_out(tmp_path):
    source = tmp_path / "r.argdown"
    source.write_text(
        "===\ntitle: T\nsubTitle: S\n===\n\n// c\n[A]: **a** #t\n  + [B]: b\n  >< [C]: c\n\n"
        "<X>: x\n\n(1) [B]\n(2) [C]\n-- rule --\n(3) [A]\n"
    )
    r = run_cli("import", str(source), "--report")
    assert r.returncode == 0, r.stderr
    table = {line.split("  ")[0]: line.split()[-3:] for line in r.stdout.splitlines() if "  " in line}
    assert table["statements"] == ["3", "·", "·"]
    assert table["relations: contradictory"] == ["·", "1", "·"]
    assert table["front matter: subTitle"] == ["·", "·", "1"]
    assert table["comments"] == ["·", "·", "1"]
    assert table["inferences"] == ["1", "·", "·"]
    assert table["bold and italic"] == ["·", "1", "·"]
    assert r.stdout.splitlines()[0].startswith(f"{source} → ")
    assert "total" in table


def test_cli_export_refuses_a_broken_map(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("argmap: 1\nclaims:\n  a:\n    text: x\n    supports: [nope]\n")
    out = tmp_path / "out.argdown"
    r = run_cli("export", str(bad), "--to", "argdown", "-o", str(out))
    assert r.returncode == 1
    assert f"{bad}:5:16: error: no claim 'nope'" in r.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    ("fixture", "located"),
    [
        ("open-inference.argdown", ":6:1: error:"),
        ("orphan-relation.argdown", ":3:1: error:"),
        ("dangling.json", ":8:44: error:"),
        ("not-json.json", ":3:1: error:"),
    ],
)
def test_cli_import_bad_input_writes_nothing(tmp_path, fixture, located):
    source = tmp_path / fixture
    shutil.copy(FIXTURES / fixture, source)
    out = tmp_path / "out.yaml"
    r = run_cli("import", str(source), "-o", str(out))
    assert r.returncode == 1
    assert f"{source}{located}" in r.stderr
    assert "Traceback" not in r.stderr
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [fixture]


def test_cli_import_unreadable_and_not_utf8(tmp_path):
    r = run_cli("import", str(tmp_path / "missing.argdown"))
    assert r.returncode == 1 and "cannot read the file: no such file" in r.stderr
    latin = tmp_path / "latin.argdown"
    latin.write_bytes(b"[A]: caf\xe9\n")
    r = run_cli("import", str(latin))
    assert r.returncode == 1 and f"{latin}:1:9: error: the file is not valid UTF-8" in r.stderr
    assert not latin.with_suffix(".yaml").exists()


def test_cli_import_refuses_to_overwrite(tmp_path):
    source = tmp_path / "n.argdown"
    shutil.copy(FIXTURES / "nuclear.argdown", source)
    target = tmp_path / "n.yaml"
    target.write_text("keep me")
    r = run_cli("import", str(source), "--from", "argdown")
    assert r.returncode == 2 and "use --force" in r.stderr
    assert target.read_text() == "keep me"
    r = run_cli("import", str(source), "--force")
    assert r.returncode == 0, r.stderr
    doc = check(load_file(target))
    assert errors(doc.diagnostics) == []
    assert yaml.safe_load(target.read_text())["claims"]["Storage"]["by"] == "Finland"


def test_cli_import_needs_a_known_format(tmp_path):
    odd = tmp_path / "x.txt"
    odd.write_text("[A]: a\n")
    r = run_cli("import", str(odd))
    assert r.returncode == 2 and "--from" in r.stderr
    assert guess_format("a.AD") == "argdown" and guess_format("a.json") == "aif"


def test_outline_covers_every_claim(seed):
    """The Markdown export relies on the outline placing every claim once."""
    tree = Outline(seed)
    assert set(tree.home) == set(seed.claims) | set(seed.arguments)
