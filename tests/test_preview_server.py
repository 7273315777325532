"""`argmap preview` as a process: what it serves, what it refuses, how it follows the file and stops.

The page itself is tested in a real browser in tests/browser/; these tests
speak HTTP over a plain socket, so that nothing tidies the requests first.
"""

from __future__ import annotations

import shutil
import signal
import socket

import pytest

from tests.conftest import run_cli
from tests.preview_helpers import EventStream, Preview, get, save, seed_copy

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")


@pytest.fixture
def preview(tmp_path):
    """A preview of its own, for a test that changes the map."""
    with Preview(seed_copy(tmp_path)) as running:
        yield running


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """One preview shared by the tests that only make requests."""
    path = seed_copy(tmp_path_factory.mktemp("served"))
    with Preview(path) as running:
        yield running


def test_serves_the_page_on_loopback_with_safe_headers(served):
    assert served.url.startswith("http://127.0.0.1:")
    status, headers, body = get(served.port, "/")
    assert status == 200
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert headers["cache-control"] == "no-store" and headers["x-content-type-options"] == "nosniff"
    csp = headers["content-security-policy"]
    assert "default-src 'none'" in csp and "connect-src 'self'" in csp and "frame-ancestors 'none'" in csp
    page = body.decode("utf-8")
    assert "claim&#45;business&#45;as&#45;usual" in page and '"live":true' in page
    # `localhost` names the same server
    assert get(served.port, "/", host=f"localhost:{served.port}")[0] == 200
    assert get(served.port, "/", method="HEAD")[0] == 200


@pytest.mark.parametrize(
    "path",
    [
        "/../../etc/passwd",
        "/..%2f..%2fetc%2fpasswd",
        "//etc/passwd",
        "/map.yaml",
        "/article.txt",
        "/./",
        "/index.html",
        "/events/../map.yaml",
        "/%2e%2e/%2e%2e/etc/passwd",
    ],
)
def test_no_path_reaches_the_file_system(served, path):
    status, _, body = get(served.port, path)
    assert status == 404
    assert b"root:" not in body and b"argmap:" not in body


@pytest.mark.parametrize(
    "host",
    ["evil.example", "evil.example:80", "127.0.0.1", "127.0.0.1:1", "localhost.evil.example", "", "[::1]"],
)
def test_a_foreign_host_header_is_refused(served, host):
    status, _, body = get(served.port, "/", host=host)
    assert status == 403
    assert b"claim" not in body
    status, _, _ = get(served.port, "/events", host=host)
    assert status == 403


def test_a_missing_host_header_is_refused(served):
    from tests.preview_helpers import raw_request

    status, _, _ = raw_request(served.port, b"GET / HTTP/1.0\r\n\r\n")
    assert status == 403


def test_another_sites_page_may_not_follow_the_events(served):
    status, _, _ = get(served.port, "/events", extra="Origin: https://evil.example\r\n")
    assert status == 403


def test_only_get_and_head(served):
    for method in ("POST", "PUT", "DELETE", "OPTIONS"):
        status, headers, _ = get(served.port, "/", method=method)
        assert status == 405 and headers["allow"] == "GET, HEAD"


def test_it_listens_on_127_0_0_1_only(served):
    # the port is not open on the machine's other addresses
    others = {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)}
    others.discard("127.0.0.1")
    for address in others:
        if address.startswith("127."):
            continue
        with pytest.raises(OSError), socket.create_connection((address, served.port), timeout=2):
            pass


def test_the_event_stream_follows_saves_and_errors(preview):
    stream = EventStream(preview.port)
    try:
        name, first = stream.next()  # the whole current state, at once
        assert name == "update" and first["version"] == 1 and "svg" in first and first["problems"] == []
        text = preview.map.read_text(encoding="utf-8")
        save(preview.map, text.replace("Business as usual: the launches", "Business as usual, the launches"))
        name, second = stream.next()
        assert second["version"] == 2 and second["svg"] != first["svg"]
        assert second["data"]["nodes"]["claim-business-as-usual"]["text"].startswith("Business as usual, the")
        head = text.index("\n  business-as-usual:\n") + len("\n  business-as-usual:\n")
        save(preview.map, text[:head] + "    suports: [no-reason]\n" + text[head:])
        line = text[:head].count("\n") + 1
        name, broken = stream.next()
        assert broken["version"] == 3 and "svg" not in broken  # the page keeps the last good diagram
        [problem] = broken["problems"]
        assert problem["severity"] == "error"
        assert problem["text"] == (
            f"{preview.map}:{line}:5: error: unknown field 'suports' in claim 'business-as-usual'"
            " — did you mean 'supports'?"
        )
        # a new page gets the last good diagram, under the problems
        status, _, body = get(preview.port, "/")
        assert status == 200 and "Business as usual, the launches" in body.decode()  # in the page's data
        assert "unknown field 'suports' in claim 'business-as-usual'" in body.decode()
        save(preview.map, text)
        name, fixed = stream.next()
        assert fixed["version"] == 4 and fixed["problems"] == [] and "svg" in fixed
    finally:
        stream.close()


def test_saving_the_article_redraws_too(preview):
    stream = EventStream(preview.port)
    try:
        stream.next()
        article = preview.map.parent / "article.txt"
        text = article.read_text(encoding="utf-8")
        save(article, text.replace("Sometimes a missile test is just a missile test", "A test"))
        name, event = stream.next()
        assert name == "update"
        assert any(
            "quote of claim 'business-as-usual' is not in the source" in p["text"] for p in event["problems"]
        )
    finally:
        stream.close()


def test_ctrl_c_stops_it_cleanly(tmp_path):
    path = seed_copy(tmp_path)
    running = Preview(path)
    stream = EventStream(running.port)  # an open page does not keep it alive
    stream.next()
    assert running.stop(signal.SIGINT) == 0
    assert "stopped" in running.stderr() and "Traceback" not in running.stderr()
    stream.close()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", running.port), timeout=2).close()


def test_sigterm_stops_it_cleanly_too(tmp_path):
    running = Preview(seed_copy(tmp_path))
    assert running.stop(signal.SIGTERM) == 0
    assert "Traceback" not in running.stderr()


def test_a_map_broken_from_the_start_is_served_with_its_problems(write_map):
    path = write_map("argmap: 1\nclaims:\n  a: {text: A, suports: [b]}\n")
    with Preview(path) as running:
        status, _, body = get(running.port, "/")
        page = body.decode()
        assert status == 200
        assert "map.yaml:3:16: error: unknown field 'suports'" in page
        assert "did you mean 'supports'" in page
        assert "unknown field" in running.stderr()


def test_a_missing_map_is_one_line_and_exit_2(tmp_path):
    result = run_cli("preview", str(tmp_path / "nope.yaml"), "--no-browser", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"{tmp_path / 'nope.yaml'}: error: no such file — check the path"
    ]


def test_a_port_in_use_is_one_line_and_exit_2(tmp_path):
    path = seed_copy(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("preview", str(path), "--no-browser", "--port", str(port), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"argmap: port {port} is in use — stop what uses it, or pass --port N (--port 0 picks a free one)"
    ]


def test_a_bad_port_is_a_usage_error(tmp_path):
    path = seed_copy(tmp_path)
    result = run_cli("preview", str(path), "--no-browser", "--port", "70000", cwd=tmp_path)
    assert result.returncode == 2 and "is not a port" in result.stderr


def test_without_graphviz_it_says_how_to_install_it(tmp_path):
    import os
    import sys

    path = seed_copy(tmp_path)
    env = {**os.environ, "PATH": os.path.dirname(sys.executable)}
    result = run_cli("preview", str(path), "--no-browser", "--port", "0", cwd=tmp_path, env=env)
    assert result.returncode == 2 and "install Graphviz" in result.stderr


def test_evaluate_puts_labels_and_strengths_in_the_page(tmp_path):
    import json
    import re

    with Preview(seed_copy(tmp_path), "--evaluate") as running:
        _, _, body = get(running.port, "/")
    page = body.decode()
    state = json.loads(
        re.search(r'<script type="application/json" id="am-state">(.*?)</script>', page).group(1)
    )
    evaluation = state["data"]["nodes"]["claim-business-as-usual"]["evaluation"]
    assert evaluation["label"] in {"in", "out", "undec"} and re.fullmatch(
        r"[01]\.\d\d", evaluation["strength"]
    )
    assert state["data"]["verdict"]
