"""The editor's live preview core (no Textual): it follows the in-memory text and the selection."""

from __future__ import annotations

import shutil
import socket

import pytest

from argmap.preview.editor import EditorPreview
from tests.preview_helpers import EventStream, get, seed_copy

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")


@pytest.fixture
def preview(tmp_path):
    path = seed_copy(tmp_path)
    running = EditorPreview(path.name, path)
    running.map = path
    running.show(path.read_text(encoding="utf-8"))
    assert running.idle(60)
    yield running
    running.close()


def test_it_draws_the_text_it_is_given_not_the_file(preview):
    on_disk = preview.map.read_text(encoding="utf-8")
    stream = EventStream(preview.server.port)
    try:
        _, first = stream.next()
        assert first["version"] == 1 and "claim-business-as-usual" in first["data"]["nodes"]
        edited = on_disk.replace("Business as usual: the launches", "Unsaved edit: the launches", 1)
        preview.show(edited)
        _, second = stream.next()
        assert second["data"]["nodes"]["claim-business-as-usual"]["text"].startswith("Unsaved edit")
        assert preview.map.read_text(encoding="utf-8") == on_disk  # nothing was saved
        preview.show(edited)  # the same text again: nothing to draw
        preview.show(edited.replace("argmap: 1", "argmap: 1\nbogus: 2", 1))
        _, broken = stream.next()
        assert broken["version"] == 3 and "svg" not in broken
        assert (
            broken["problems"][0]["text"].startswith("map.yaml:") and "bogus" in broken["problems"][0]["text"]
        )
    finally:
        stream.close()


def test_the_selection_goes_to_the_page_as_the_node_id(preview):
    argument = next(n for n in preview.live.data["nodes"] if n.startswith("argument-"))
    stream = EventStream(preview.server.port)
    try:
        stream.next()
        preview.select("business-as-usual")
        assert stream.next() == ("select", {"node": "claim-business-as-usual"})
        preview.select("business-as-usual")  # unchanged: no event
        preview.select(argument.removeprefix("argument-"))
        assert stream.next() == ("select", {"node": argument})
        preview.select(None)
        assert stream.next() == ("select", {"node": "question"})
        preview.select("not-drawn-yet")  # e.g. a claim just added: the page waits for it
        assert stream.next() == ("select", {"node": "claim-not-drawn-yet"})
    finally:
        stream.close()
    # a page opened now starts at the selection
    later = EventStream(preview.server.port)
    try:
        assert later.next()[0] == "update"
        assert later.next() == ("select", {"node": "claim-not-drawn-yet"})
    finally:
        later.close()


def test_it_serves_like_argmap_preview_and_closes(preview):
    port = preview.server.port
    assert preview.url == f"http://127.0.0.1:{port}/"
    assert get(port, "/")[0] == 200
    assert get(port, "/../../etc/passwd")[0] == 404
    assert get(port, "/", host="evil.example")[0] == 403
    preview.close()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
