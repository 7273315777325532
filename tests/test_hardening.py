"""Issue 9: argmap never destroys a file, hangs, leaks a file's contents or shows a traceback.

Each test runs the real command (`python -m argmap`) the way a careful attacker
or an unlucky user would, and was written to fail before its fix.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO, SEED_MAP, run_cli

GOOD = """\
argmap: 1
title: Small
question: Is it?
source:
  file: article.txt
claims:
  a:
    kind: position
    text: A position.
    quote: The streets are wet
  b:
    text: A reason.
    supports: [a]
"""
ARTICLE = "The streets are wet this morning.\nPeople carry umbrellas everywhere.\n"
COMMANDS = (
    ["check"],
    ["render", "--format", "dot", "-o", "{out}"],
    ["evaluate"],
    ["export", "--to", "json"],
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A folder with a map and its article."""
    (tmp_path / "map.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def _with_source(folder: Path, file: str, name: str = "map.yaml") -> Path:
    path = folder / name
    path.write_text(GOOD.replace("file: article.txt", f"file: {json.dumps(file)}"), encoding="utf-8")
    return path


def _run(command: list[str], path: Path, timeout: float = 20) -> subprocess.CompletedProcess[str]:
    args = [a.replace("{out}", str(path.parent / "out.dot")) for a in command]
    return subprocess.run(
        [sys.executable, "-m", "argmap", args[0], str(path), *args[1:]],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def _no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    assert "Exception ignored" not in result.stderr, result.stderr


# --- defect 2: a source or map that never ends, or blocks --------------------------------


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_fifo_as_article_is_a_located_error_not_a_hang(project, command):
    os.mkfifo(project / "pipe.txt")
    path = _with_source(project, "pipe.txt")
    started = time.monotonic()
    result = _run(command, path)
    assert time.monotonic() - started < 10
    _no_traceback(result)
    assert result.returncode == 1
    assert f"{path}:5:9: error: source file 'pipe.txt' is not an article: it is a FIFO (named pipe)" in (
        result.stdout + result.stderr
    )


def test_a_huge_sparse_article_is_refused_at_once(project):
    with open(project / "huge.txt", "wb") as f:
        f.truncate(2 * 10**9)
    path = _with_source(project, "huge.txt")
    started = time.monotonic()
    result = run_cli("check", str(path))
    assert time.monotonic() - started < 10
    assert (
        f"{path}:5:9: error: source file 'huge.txt' is not read: the file is 2 GB, over the 16 MB limit"
        in result.stdout
    )


def test_a_fifo_or_device_as_the_map_itself_is_refused(tmp_path):
    fifo = tmp_path / "map.yaml"
    os.mkfifo(fifo)
    for command in (["check"], ["evaluate"], ["export", "--to", "json"], ["edit"]):
        result = _run(command, fifo, timeout=10)
        _no_traceback(result)
        assert result.returncode == 2
        assert f"{fifo}: error: not a map file: it is a FIFO (named pipe), not a regular file" in (
            result.stdout + result.stderr
        )


def test_import_of_a_fifo_is_refused(tmp_path):
    fifo = tmp_path / "in.argdown"
    os.mkfifo(fifo)
    result = run_cli("import", str(fifo), "-o", str(tmp_path / "out.yaml"))
    _no_traceback(result)
    assert "it is a FIFO (named pipe), not a regular file" in result.stderr
    assert not (tmp_path / "out.yaml").exists()


# --- defect 3: a map reads only files of its own project ------------------------------------


def test_source_outside_the_project_is_refused_and_never_quoted(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    (project / "maps").mkdir()
    path = _with_source(project / "maps", "../../secret.txt")
    path.write_text(
        path.read_text().replace("The streets are wet", "root:x:0:0:root:/root:/bin/zsh"), encoding="utf-8"
    )
    result = run_cli("check", str(path))
    assert result.returncode == 1
    assert "root:/root" not in result.stdout + result.stderr
    assert (
        f"{path}:5:9: error: source file '../../secret.txt' is outside the repository that holds the map"
        f" ({project}) — keep the article there, or pass --source-root DIR" in result.stdout
    )
    # a symlink inside the project that leads out of it is refused too
    (project / "maps" / "link.txt").symlink_to(secret)
    path = _with_source(project / "maps", "link.txt")
    path.write_text(path.read_text().replace("The streets are wet", "root:x:0:0:root:/root:/bin/zsh"))
    assert "is outside the repository" in run_cli("check", str(path)).stdout
    # the explicit escape hatch
    allowed = run_cli("--source-root", str(tmp_path), "check", str(path))
    assert "is outside" not in allowed.stdout and "root:/root" in allowed.stdout  # the closest passage


def test_without_a_repository_the_maps_folder_is_the_limit(tmp_path):
    (tmp_path / "maps").mkdir()
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    path = _with_source(tmp_path / "maps", "../article.txt")
    result = run_cli("check", str(path))
    assert f"is outside the map's folder {tmp_path / 'maps'} (no git repository holds it)" in result.stdout


def test_a_map_that_is_a_symlink_out_of_the_project_is_not_read(tmp_path):
    secret = tmp_path / "shadow"
    secret.write_text("root: $6$secret-hash\n", encoding="utf-8")
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    link = project / "map.yaml"
    link.symlink_to(secret)
    result = run_cli("check", str(link))
    assert result.returncode == 2
    assert "secret-hash" not in result.stdout + result.stderr
    assert f"{link}: error: not read: it is a symlink to {secret}, outside the repository" in result.stdout
    inside = project / "real.yaml"
    inside.write_text(GOOD.replace("source:\n  file: article.txt\n", ""), encoding="utf-8")
    (project / "ok.yaml").symlink_to("real.yaml")
    assert run_cli("check", str(project / "ok.yaml")).returncode == 0


# --- defect 4: tracebacks ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("argmap: !!bool x\n", "1:9: error: 'x' is not a valid !!bool value"),
        (
            "argmap: 1\nclaims:\n  a:\n    text: x\n    weight: !!int ''\n",
            "5:13: error: '' is not a valid !!int",
        ),
        ("argmap: 1\nclaims:\n  a:\n    text: x\n    weight: !!float ''\n", "5:13: error: '' is not a valid"),
        ("argmap: 1\nclaims:\n  a:\n    text: x\n    weight: !!int '-'\n", "5:13: error: '-' is not a valid"),
    ],
    ids=["bool", "int-empty", "float-empty", "int-minus"],
)
def test_tagged_scalars_that_do_not_fit_their_tag(tmp_path, text, message):
    path = tmp_path / "map.yaml"
    path.write_text(text, encoding="utf-8")
    for command in COMMANDS:
        result = _run(command, path)
        _no_traceback(result)
        assert result.returncode == 1
        assert f"{path}:{message}" in result.stdout + result.stderr


def test_nul_in_the_source_path_and_a_symlink_loop(project):
    path = _with_source(project, "a\x00b")
    result = run_cli("check", str(path))
    _no_traceback(result)
    assert result.returncode == 1 and "control character" in result.stdout
    (project / "loop.txt").symlink_to("loop.txt")
    path = _with_source(project, "loop.txt")
    result = run_cli("check", str(path))
    _no_traceback(result)
    assert "cannot read source file 'loop.txt': too many levels of symbolic links" in result.stdout


def _with_stdout(args: list[str], stdout) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "argmap", *args], cwd=REPO, stdout=stdout, stderr=subprocess.PIPE, timeout=60
    )


STDOUT_COMMANDS = [
    ["export", str(SEED_MAP), "--to", "markdown"],
    ["render", str(SEED_MAP), "--format", "dot", "-o", "-"],
    ["check", "--format", "json", str(SEED_MAP)],
    ["evaluate", str(SEED_MAP)],
    ["schema"],
    ["--help"],
]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize("args", STDOUT_COMMANDS, ids=lambda a: a[0])
def test_a_full_standard_output_is_one_line_and_exit_2(args):
    with open("/dev/full", "wb") as full:  # opened for writing only: it is never replaced
        result = _with_stdout(args, full)
    assert result.returncode == 2
    assert result.stderr.decode().splitlines()[-1] == (
        "argmap: cannot write to standard output: No space left on device"
    )
    assert b"Traceback" not in result.stderr and b"Exception ignored" not in result.stderr


@pytest.mark.parametrize("args", STDOUT_COMMANDS, ids=lambda a: a[0])
def test_a_closed_standard_output_is_one_line_and_exit_2(args):
    code = (
        "import os, sys, runpy\n"
        "os.close(1)\n"
        "sys.stdout = None\n"
        f"sys.argv = ['argmap', *{args!r}]\n"
        "runpy.run_module('argmap', run_name='__main__')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, timeout=60)
    assert result.returncode == 2, result.stderr
    assert (
        result.stderr.decode().splitlines()[-1]
        == "argmap: cannot write to standard output: standard output is closed"
    )


def test_a_reader_that_goes_away_is_not_an_error():
    proc = subprocess.Popen(
        [sys.executable, "-m", "argmap", "export", str(SEED_MAP), "--to", "markdown"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.read(10)
    proc.stdout.close()
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0 and b"Traceback" not in err and b"Exception ignored" not in err


# --- defect 7: outputs never replace their inputs --------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["export", "{map}", "--to", "json", "-o", "{out}"],
        ["render", "{map}", "--format", "dot", "-o", "{out}"],
        ["render", "{map}", "--format", "svg", "-o", "{out}"],
        ["import", "{map}", "--from", "argdown", "--force", "-o", "{out}"],
    ],
    ids=["export", "render-dot", "render-svg", "import"],
)
@pytest.mark.parametrize("how", ["same", "symlink", "hard-link", "article"])
def test_an_output_that_is_an_input_is_refused(project, args, how):
    path = project / "map.yaml"
    if args[0] == "import":
        path = project / "in.argdown"
        path.write_text("# Title\n\n[a]: A claim.\n", encoding="utf-8")
        if how == "article":
            pytest.skip("import reads no article")
    out = {
        "same": path,
        "symlink": project / "link.out",
        "hard-link": project / "hard.out",
        "article": project / "article.txt",
    }[how]
    if how == "symlink":
        out.symlink_to(path.name)
    elif how == "hard-link":
        os.link(path, out)
    before = {p.name: p.read_bytes() for p in project.iterdir() if p.is_file()}
    result = run_cli(*[a.replace("{map}", str(path)).replace("{out}", str(out)) for a in args])
    _no_traceback(result)
    assert result.returncode == 2
    assert ("is one of this command's input files" in result.stderr) or ("is the input file" in result.stderr)
    assert {p.name: p.read_bytes() for p in project.iterdir() if p.is_file()} == before


# --- defect 8: nothing printed reaches the terminal as a control sequence --------------------


def test_escapes_in_ids_texts_and_file_names_are_made_visible(tmp_path):
    esc = "\x1b]52;c;cHduZWQ=\x07\x1b[2J\x9b31m"
    text = (
        'argmap: 1\nclaims:\n  "bad\\e]8;;http://x\\a":\n    text: x\n'
        '  b:\n    text: "\\e]52;c;cHduZWQ=\\a\\e[2J"\n    kind: "\\e[31m"\n'
    )
    path = tmp_path / f"m{esc[:5]}.yaml"
    path.write_text(text, encoding="utf-8")
    for args in (["check", str(path)], ["check", "--format", "json", str(path)], ["evaluate", str(path)]):
        result = run_cli(*args)
        for stream in (result.stdout, result.stderr):
            assert not any(ch in stream for ch in "\x1b\x07\x9b"), stream
        assert "\\x1b" in result.stdout + result.stderr or "\\u001b" in result.stdout


def test_evaluate_shows_control_characters_it_cannot_refuse(tmp_path):
    """Bidirectional overrides are valid text; printed, they are made visible."""
    path = tmp_path / "m.yaml"
    path.write_text(GOOD.replace("A reason.", "A \u202ereason\u202c.").replace("file: article.txt", "{}"))
    path.write_text('argmap: 1\nclaims:\n  a:\n    kind: position\n    text: "x \u202ey"\n')
    result = run_cli("evaluate", str(path))
    assert "\u202e" not in result.stdout and "x \\u202ey" in result.stdout


def test_file_names_that_are_not_utf8_are_printed_safely(tmp_path):
    name = os.fsencode(tmp_path) + b"/caf\xe9.yaml"
    with open(name, "wb") as f:
        f.write(b"argmap: 1\nclaims:\n  a:\n    txt: x\n")
    result = subprocess.run(
        [sys.executable, "-m", "argmap", "check", name], cwd=REPO, capture_output=True, timeout=60
    )
    assert result.returncode == 1 and b"Traceback" not in result.stderr
    assert b"caf\\xe9.yaml:4:5: error: unknown field 'txt'" in result.stdout


# --- defect 11: control characters are located ------------------------------------------------


def test_a_nul_is_reported_at_its_line_and_column(tmp_path):
    path = tmp_path / "m.yaml"
    lines = ["argmap: 1", "claims:", "  a:", "    text: x", *["    # é comment" for _ in range(5)]]
    path.write_bytes(("\n".join(lines) + "\n  b:\n    text: ab\x00c\n").encode())
    result = run_cli("check", str(path))
    assert result.stdout.splitlines() == [
        f"{path}:11:13: error: the file holds a control character, U+0000 (NUL), that YAML does not allow"
        " — delete it: a map holds only printable text"
    ]


# --- defect 13: the did-you-mean of a mistyped article path ------------------------------------


@pytest.mark.parametrize(
    ("written", "suggested"),
    [("new/artcle.txt", "new/article.txt"), ("nwe/article.txt", "new/article.txt"), ("artcle.txt", None)],
)
def test_did_you_mean_names_a_file_that_exists(tmp_path, written, suggested):
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "article.txt").write_text(ARTICLE, encoding="utf-8")
    path = _with_source(tmp_path, written)
    out = run_cli("check", str(path)).stdout
    if suggested:
        assert f"source file '{written}' not found — did you mean '{suggested}'?" in out
    else:
        assert "did you mean" not in out and f"looked for {tmp_path / written}" in out


# --- defects 1, 6 and 12: the editor's saves ------------------------------------------------

EDIT_MAP = "argmap: 1\ntitle: T\nclaims:\n  a:\n    kind: position\n    text: A.\n"


def test_editing_through_a_symlink_saves_to_its_target(tmp_path):
    from argmap.editing import MapEditor

    real = tmp_path / "real.yaml"
    real.write_text(EDIT_MAP, encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to("real.yaml")
    editor = MapEditor.open(link)
    editor.add_claim("B.", supports=["a"])
    editor.save()
    assert link.is_symlink() and "B." in real.read_text(encoding="utf-8")
    assert not editor.changed_on_disk()


def test_a_same_size_rewrite_with_its_mtime_restored_is_noticed(tmp_path):
    from argmap.editing import ChangedOnDisk, MapEditor

    path = tmp_path / "m.yaml"
    path.write_text(EDIT_MAP, encoding="utf-8")
    editor = MapEditor.open(path)
    st = path.stat()
    path.write_text(EDIT_MAP.replace("A.", "Z."), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert editor.changed_on_disk()
    editor.add_claim("B.", supports=["a"])
    with pytest.raises(ChangedOnDisk):
        editor.save()
    assert "Z." in path.read_text(encoding="utf-8")


def test_the_identity_is_that_of_the_bytes_parsed(tmp_path, monkeypatch):
    """A change between reading the file and parsing it is not mistaken for the file we parsed."""
    from argmap.editing import ChangedOnDisk, MapEditor, session

    path = tmp_path / "m.yaml"
    path.write_text(EDIT_MAP, encoding="utf-8")
    real_load = session.load_text

    def load_then_someone_writes(*args, **kwargs):
        doc = real_load(*args, **kwargs)
        path.write_text(EDIT_MAP.replace("A.", "Changed meanwhile."), encoding="utf-8")
        monkeypatch.setattr(session, "load_text", real_load)
        return doc

    monkeypatch.setattr(session, "load_text", load_then_someone_writes)
    editor = MapEditor.open(path)
    assert editor.model.claims["a"].text == "A."
    assert editor.changed_on_disk()
    with pytest.raises(ChangedOnDisk):
        editor.save()


SAVER = """\
import sys
from argmap.editing import ChangedOnDisk, MapEditor

path, name, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
editor = MapEditor.open(path)
saved = []
for i in range(rounds):
    cid = f"{name}-{i}"
    while True:
        editor.add_claim(f"Claim {cid}.", id=cid, supports=["a"])
        try:
            editor.save()
        except ChangedOnDisk:
            editor.reload()  # the loser gets the changed-on-disk choice: it reloads and tries again
            continue
        saved.append(cid)
        break
print(" ".join(saved))
"""


def test_two_processes_saving_one_map_never_lose_a_successful_save(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text(EDIT_MAP, encoding="utf-8")
    script = tmp_path / "saver.py"
    script.write_text(SAVER, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    procs = [
        subprocess.Popen(
            [sys.executable, str(script), str(path), name, "150"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for name in ("p", "q")
    ]
    saved = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        saved += out.split()
    assert len(saved) == 300
    from argmap.load import load_file

    final = load_file(path).model
    assert final is not None
    missing = [cid for cid in saved if cid not in final.claims]
    assert missing == []


def test_a_save_that_would_not_read_back_is_refused(tmp_path, monkeypatch):
    from argmap.editing import EditError, FileFormat, MapEditor

    path = tmp_path / "m.yaml"
    path.write_text(EDIT_MAP, encoding="utf-8")
    editor = MapEditor.open(path)
    editor.add_claim("B.", supports=["a"])
    monkeypatch.setattr(FileFormat, "encode", lambda self, text: (text + "  - broken: [\n").encode())
    with pytest.raises(EditError, match="would not read back"):
        editor.save()
    assert path.read_text(encoding="utf-8") == EDIT_MAP
    assert os.listdir(tmp_path) == ["m.yaml"]


@pytest.mark.parametrize(
    ("bom", "crlf", "final"),
    [(False, False, True), (True, True, False), (False, True, True), (True, False, False)],
)
def test_a_save_reads_back_without_a_second_parse_only_when_the_bytes_are_the_text(
    tmp_path, monkeypatch, bom, crlf, final
):
    """The bytes that decode to the text just checked are not parsed again; any others are."""
    from argmap.editing import EditError, FileFormat, MapEditor, session

    original = EDIT_MAP if final else EDIT_MAP.rstrip("\n")
    original = ("\ufeff" if bom else "") + (original.replace("\n", "\r\n") if crlf else original)
    path = tmp_path / "m.yaml"
    path.write_bytes(original.encode("utf-8"))
    editor = MapEditor.open(path)
    editor.add_claim("B.", supports=["a"])
    assert editor.document.model is not None
    parses = []
    real_load = session.load_text
    monkeypatch.setattr(session, "load_text", lambda *a, **k: parses.append(1) or real_load(*a, **k))
    editor.save()
    assert parses == []
    saved = path.read_bytes()
    assert saved.startswith(b"\xef\xbb\xbf") == bom
    assert (b"\r\n" in saved) == crlf
    assert saved.endswith(b"\n") == final
    assert session.load_text(saved).data == editor.document.data
    # bytes that differ from the text, even where YAML would not care, are read back in full
    editor.add_claim("C.", supports=["a"])
    assert editor.document.model is not None
    parses.clear()
    monkeypatch.setattr(FileFormat, "encode", lambda self, text: (text + "\n# more\n").encode())
    editor.save()
    assert parses == [1]
    monkeypatch.setattr(FileFormat, "encode", lambda self, text: text.replace("C.", "D.").encode())
    editor.add_claim("E.", supports=["a"])
    with pytest.raises(EditError, match="would not read back"):
        editor.save()
    assert b"E." not in path.read_bytes()


@pytest.mark.parametrize("sep", ["\x85", "\u2028", "\r"], ids=["NEL", "LS", "CR"])
def test_a_map_with_line_ends_the_editor_cannot_keep_is_not_opened(tmp_path, sep):
    from argmap.editing import MapEditor, MapUnreadable

    path = tmp_path / "m.yaml"
    path.write_text(EDIT_MAP.replace("\n", sep), encoding="utf-8", newline="")
    assert run_cli("check", str(path)).returncode == 0  # check reads it
    with pytest.raises(MapUnreadable) as info:
        MapEditor.open(path)
    assert info.value.diagnostics[0].format().startswith(f"{path}:1:10: error: line 1 ends with U+")
    assert path.read_bytes() == EDIT_MAP.replace("\n", sep).encode()


def test_the_editor_refuses_a_fifo_at_once(tmp_path):
    fifo = tmp_path / "m.yaml"
    os.mkfifo(fifo)
    result = _run(["edit"], fifo, timeout=10)
    assert result.returncode == 2
    assert "it is a FIFO (named pipe), not a regular file" in result.stderr


def test_editor_saves_keep_hard_links_mode_and_owner(tmp_path):
    from argmap.editing import MapEditor

    path = tmp_path / "m.yaml"
    path.write_text(EDIT_MAP, encoding="utf-8")
    os.chmod(path, 0o600)
    if os.geteuid() == 0:
        os.chown(path, 4321, 8765)
    other = tmp_path / "other-name.yaml"
    os.link(path, other)
    editor = MapEditor.open(path)
    editor.add_claim("B.", supports=["a"])
    editor.save()
    assert other.read_text(encoding="utf-8") == path.read_text(encoding="utf-8")
    st = path.stat()
    assert st.st_nlink == 2 and stat.S_IMODE(st.st_mode) == 0o600
    if os.geteuid() == 0:
        assert (st.st_uid, st.st_gid) == (4321, 8765)
    editor.add_claim("C.", supports=["a"])
    editor.save()  # the identity after an in-place save is right too
    assert "C." in other.read_text(encoding="utf-8")


# --- defect 9: no link injection through the article's address ------------------------------

INJECTION = "https://example.com/)[click](javascript:alert(document.domain))"


def test_a_url_that_breaks_out_of_a_markdown_link_is_refused(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text(f'argmap: 1\nsource:\n  url: "{INJECTION}"\nclaims:\n  a:\n    text: A.\n')
    result = run_cli("check", str(path))
    assert result.returncode == 1 and "3:8: error: source url" in result.stdout
    exported = run_cli("export", str(path), "--to", "markdown")
    assert exported.returncode == 1 and "javascript:" not in exported.stdout


@pytest.mark.parametrize(
    "url",
    [
        "https://a.org/x y",
        "https://a.org/(x",
        "https://a.org/x)",
        "https://a.org/<b>",
        'https://a.org/"',
        "https://a.org/ä",
    ],
)
def test_urls_outside_rfc_3986_are_refused(url):
    from argmap.load import load_text

    doc = load_text(f"argmap: 1\nsource:\n  url: {json.dumps(url)}\nclaims: {{}}\n")
    assert [d.code for d in doc.diagnostics] == ["bad-url"]


def test_every_export_keeps_a_url_with_parentheses_a_link(tmp_path):
    from argmap.formats import export
    from argmap.load import load_text

    url = "https://en.wikipedia.org/wiki/Hwasong_(missile)"
    doc = load_text(f"argmap: 1\ntitle: T\nsource:\n  url: {url}\nclaims:\n  a:\n    text: A.\n")
    assert doc.ok
    markdown = export(doc.model, "markdown")
    assert "(https://en.wikipedia.org/wiki/Hwasong_\\(missile\\))" in markdown


# --- defect 10: what check accepts, render draws -----------------------------------------------


@pytest.mark.parametrize("escape", ["\\x01", "\\e", "\\uFFFE", "\\0", "\\x9b", "\\N"])
def test_control_characters_are_refused_with_their_place(tmp_path, escape):
    path = tmp_path / "m.yaml"
    path.write_text(f'argmap: 1\nclaims:\n  a:\n    kind: position\n    text: "a{escape}b"\n')
    result = run_cli("check", str(path))
    assert result.returncode == 1
    assert f"{path}:5:11: error: 'text' of claim 'a' holds a control character" in result.stdout


def test_control_characters_in_every_field_even_of_arguments(tmp_path):
    from argmap.load import load_text

    doc = load_text(
        "argmap: 1\nclaims:\n  a: {text: A.}\n  b: {text: B.}\n"
        'arguments:\n  x:\n    premises: [a]\n    supports: b\n    scheme: "m\\eodus"\n    note: "\\x07"\n'
    )
    messages = [d.message for d in doc.diagnostics if d.code == "control-character"]
    assert messages == [
        "'scheme' of argument 'x' holds a control character, U+001B (ESC), at character 2",
        "'note' of argument 'x' holds a control character, U+0007 (BEL), at character 1",
    ]


@pytest.mark.skipif(not __import__("shutil").which("dot"), reason="Graphviz's dot is not installed")
def test_render_draws_the_longest_texts_check_accepts(tmp_path):
    """Texts at their limits, full of characters that escaping makes longer, with --quotes."""
    import xml.etree.ElementTree as ET

    from argmap.model import MAX_LONG_TEXT, MAX_TEXT

    text = ('&<>\\"é' * MAX_TEXT)[:MAX_TEXT]  # each written as several bytes in DOT and SVG
    quote = ("wet streets " * MAX_LONG_TEXT)[:MAX_LONG_TEXT].strip()
    (tmp_path / "article.txt").write_text(quote + "\n", encoding="utf-8")
    the_map = {
        "argmap": 1,
        "title": text,
        "question": text,
        "source": {"file": "article.txt", "title": text, "publisher": text},
        "claims": {
            "a" * 100: {"kind": "position", "text": text, "by": text, "quote": [quote] * 5},
            "b": {"text": text, "supports": "a" * 100, "tags": [text], "note": quote},
        },
    }
    path = tmp_path / "m.yaml"
    path.write_text(json.dumps(the_map), encoding="utf-8")  # JSON is YAML
    checked = run_cli("check", "-q", str(path))
    assert checked.returncode == 0, checked.stdout
    for extra in ([], ["--quotes"], ["--evaluate"]):
        out = tmp_path / "m.svg"
        result = run_cli("render", str(path), "-o", str(out), *extra)
        assert result.returncode == 0, result.stderr
        root = ET.parse(out).getroot()
        titles = [a.get("{http://www.w3.org/1999/xlink}title") or "" for a in root.iter(f"{SVG}a")]
        assert any(t.count("wet streets") >= 5 * 1600 for t in titles)  # every quote, in full
        assert any(text in t for t in titles + [t.text or "" for t in root.iter(f"{SVG}title")])


SVG = "{http://www.w3.org/2000/svg}"


def test_the_editor_refuses_a_paste_over_the_limit():
    from argmap.editing import validate_field

    assert validate_field("text", "x" * 116_000) == (
        "'text' is 116,000 characters long, over the limit of 2,000 — shorten it: a box shows a few lines;"
        " put a long remark in `note`"
    )
    assert "control character" in validate_field("text", "a\x1bb")


# --- defect 13: the smaller ones ------------------------------------------------------------------


def test_edge_ids_are_unique():
    from argmap.load import load_text
    from argmap.render.dot import to_dot

    doc = load_text(
        "argmap: 1\nclaims:\n  c: {text: C.}\n  b-c: {text: BC.}\n  a-b: {text: AB., supports: c}\n"
        "  a: {text: A., supports: b-c}\n"
    )
    dot = to_dot(doc.model)
    assert 'id="supports-a-b:c"' in dot and 'id="supports-a:b-c"' in dot


@pytest.mark.skipif(not __import__("shutil").which("dot"), reason="Graphviz's dot is not installed")
def test_tooltips_show_entities_as_written(tmp_path):
    import xml.etree.ElementTree as ET

    path = tmp_path / "m.yaml"
    path.write_text('argmap: 1\nclaims:\n  a:\n    kind: position\n    text: "x &lt;b&gt; &amp; y & z"\n')
    out = tmp_path / "m.svg"
    assert run_cli("render", str(path), "-o", str(out)).returncode == 0
    titles = [t.text for t in ET.parse(out).getroot().iter("{http://www.w3.org/2000/svg}title")]
    links = [
        a.get("{http://www.w3.org/1999/xlink}title")
        for a in ET.parse(out).getroot().iter("{http://www.w3.org/2000/svg}a")
    ]
    assert "x &lt;b&gt; &amp; y & z" in titles + links


# --- defects 2 and 3 in the editor: the Article field -------------------------------------------


def test_the_article_field_refuses_what_check_would_not_read(tmp_path):
    from argmap.editing import EditError, MapEditor

    (tmp_path / ".git").mkdir()
    path = tmp_path / "m.yaml"
    path.write_text(EDIT_MAP, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    editor = MapEditor.open(path)
    assert "is not an article: it is a FIFO" in editor.validate_map_field(("source", "file"), "pipe.txt")
    outside = editor.validate_map_field(("source", "file"), "../../../etc/passwd")
    assert "is outside the repository that holds the map" in outside
    assert editor.validate_map_field(("source", "file"), "ok.txt") is None
    assert editor.validate_map_field(("source", "file"), "not-yet.txt") is None  # left to the checker
    with pytest.raises(EditError, match="FIFO"):
        editor.set_map_field(("source", "file"), "pipe.txt")
    assert "pipe.txt" not in editor.text


def test_the_editor_never_shows_an_article_outside_the_project(tmp_path):
    """The article panel reads through the checker's rules: a map naming /etc/passwd shows a reason."""
    import asyncio

    from argmap.editing import MapEditor
    from argmap.tui.app import EditorApp

    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:SECRET\n", encoding="utf-8")
    project = tmp_path / "p"
    (project / ".git").mkdir(parents=True)
    path = project / "m.yaml"
    path.write_text(
        EDIT_MAP.replace("title: T\n", "title: T\nsource:\n  file: ../secret.txt\n"), encoding="utf-8"
    )

    async def run():
        app = EditorApp(MapEditor.open(path))
        async with app.run_test() as pilot:
            await pilot.pause()
            article = app.query_one("#article")
            assert "SECRET" not in article.text
            return str(article.placeholder)

    shown = asyncio.run(run())
    assert "outside the repository" in shown


def test_the_editor_shows_control_characters_instead_of_sending_them(tmp_path):
    """A title holding an OSC sequence (which would retitle the terminal) is shown as text."""
    import asyncio

    from textual.widgets import Input

    from argmap.editing import MapEditor
    from argmap.tui.app import EditorApp

    path = tmp_path / "m.yaml"
    path.write_text(EDIT_MAP.replace("title: T", 'title: "T\\e]2;PWNED\\a"'), encoding="utf-8")

    async def run():
        app = EditorApp(MapEditor.open(path))
        async with app.run_test() as pilot:
            await pilot.pause()
            values = [w.value for w in app.query(Input)]
            problems = [d.message for d in app.editor.document.diagnostics]
            return values, problems

    values, problems = asyncio.run(run())
    assert "T\\x1b]2;PWNED\\x07" in values
    assert not any("\x1b" in v for v in values) and not any("\x1b" in m for m in problems)


# --- defect 1 through the command line: -o keeps what the path is ---------------------------------


def test_render_through_a_symlink_writes_its_target(project):
    (project / "real.dot").write_text("old", encoding="utf-8")
    (project / "link.dot").symlink_to("real.dot")
    result = run_cli("render", str(project / "map.yaml"), "--format", "dot", "-o", str(project / "link.dot"))
    assert result.returncode == 0, result.stderr
    assert (project / "link.dot").is_symlink()
    assert (project / "real.dot").read_text(encoding="utf-8").startswith("digraph argmap")


def test_render_into_a_device_or_fifo_never_replaces_it(project):
    try:
        os.mknod(project / "null", 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a null device of our own
    except OSError as exc:
        pytest.skip(f"cannot make a device node here: {exc}")
    result = run_cli("render", str(project / "map.yaml"), "--format", "dot", "-o", str(project / "null"))
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(os.stat(project / "null").st_mode)
    os.mkfifo(project / "out.fifo")
    started = time.monotonic()
    result = run_cli("render", str(project / "map.yaml"), "--format", "dot", "-o", str(project / "out.fifo"))
    assert time.monotonic() - started < 10
    assert result.returncode == 2
    assert result.stderr.strip().endswith("it is a FIFO (named pipe) and no program is reading from it")
    assert stat.S_ISFIFO(os.stat(project / "out.fifo").st_mode)
