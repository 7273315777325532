"""The viewer in a real browser: the live preview (`argmap preview`) and the HTML export.

Each test drives the page as a person does — clicks, keys, the wheel, typing
in the search box — and reads what the page shows.  A test fails if the page
logs an error or warning, throws, or opens a dialog (see conftest.py).
"""

from __future__ import annotations

import os
import shutil
import time

import pytest

from tests.conftest import REPO, run_cli
from tests.preview_helpers import Preview, save, seed_copy

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")

CLAIM = "claim-business-as-usual"
QUOTE = "Sometimes a missile test is just a missile test, without any grand diplomatic messaging."


@pytest.fixture
def preview(tmp_path):
    with Preview(seed_copy(tmp_path)) as running:
        yield running


def opened(page, url: str):
    page.goto(url)
    page.wait_for_selector("#am-diagram svg")
    return page


def live(page, url: str):
    opened(page, url)
    page.wait_for_function("() => document.getElementById('am-status').textContent.includes('live')")
    return page


def state(page) -> dict:
    return page.evaluate("() => window.argmapViewer.state()")


def wait_version(page, version: int, timeout: float = 10_000) -> None:
    page.wait_for_function(
        "(v) => document.documentElement.dataset.version === String(v)", arg=version, timeout=timeout
    )


def offset_from_centre(page, node: str) -> tuple[float, float]:
    """How far the node's centre is from the middle of the diagram area, in pixels."""
    return page.evaluate(
        """(id) => {
            const r = document.getElementById(id).getBoundingClientRect();
            const v = document.getElementById('am-view').getBoundingClientRect();
            const dx = r.left + r.width / 2 - (v.left + v.width / 2);
            return [dx, r.top + r.height / 2 - (v.top + v.height / 2)];
        }""",
        node,
    )


def node_width(page, node: str) -> float:
    return page.evaluate("(id) => document.getElementById(id).getBoundingClientRect().width", node)


# --- the preview ------------------------------------------------------------------------------------


def test_the_page_loads_with_the_diagram_and_no_console_error(page, preview):
    live(page, preview.url)
    assert page.title() == "North Korea’s missile launches: diplomatic signal or business as usual?"
    assert page.locator(f"#am-diagram svg g.node#{CLAIM}").count() == 1
    assert page.is_hidden("#am-banner") and page.is_hidden("#am-panel")
    # the whole diagram is in view at first
    box = page.locator("#am-diagram svg #graph0").bounding_box()
    view = page.locator("#am-view").bounding_box()
    assert box["x"] >= view["x"] - 1 and box["x"] + box["width"] <= view["x"] + view["width"] + 1
    assert box["y"] >= view["y"] - 1 and box["y"] + box["height"] <= view["y"] + view["height"] + 1
    # it asked for nothing but the page and its event stream
    assert sorted({url.split("?")[0] for url in page.console.requests}) == [
        preview.url,
        preview.url + "events",
    ]


def test_a_click_on_a_claim_opens_the_panel_with_its_quote_in_the_article(page, preview):
    live(page, preview.url)
    page.click(f"#{CLAIM}")
    assert page.is_visible("#am-panel")
    assert page.inner_text("#am-panel-kind").lower() == "position"
    assert page.inner_text("#am-panel-id") == "business-as-usual"
    assert page.inner_text("#am-panel-text").startswith("Business as usual")
    quotes = page.locator("blockquote.am-quote")
    assert quotes.count() == 2
    # the quote is highlighted inside its paragraph of the article
    assert quotes.nth(0).locator("mark").inner_text() == QUOTE
    second = quotes.nth(1)
    assert (
        second.locator("mark")
        .inner_text()
        .startswith("Last week’s missile launches have no secret motivation")
    )
    assert "In order to understand the motivation of the North’s missile launches" in second.inner_text()
    meta = page.locator(".am-quote-meta").nth(0)
    assert meta.inner_text().startswith("article, line ")
    link = meta.locator("a")
    assert link.get_attribute("href").startswith(
        "https://thediplomat.com/"
    ) and "#:~:text=" in link.get_attribute("href")
    assert link.get_attribute("rel") == "noopener noreferrer"
    # the node is marked, and the click did not follow the node's link to the article
    assert "am-selected" in page.get_attribute(f"#{CLAIM}", "class")
    assert page.url == preview.url and len(page.context.pages) == 1
    # a related claim in the panel is a link that centres and opens it
    button = page.locator("#am-panel ul.am-links button").last
    other = button.get_attribute("data-target")
    button.click()
    assert page.inner_text("#am-panel-id") == other.split("-", 1)[1]
    dx, dy = offset_from_centre(page, other)
    assert abs(dx) < 2 and abs(dy) < 2
    page.keyboard.press("Escape")
    assert page.is_hidden("#am-panel")


def test_an_argument_shows_its_premises_conclusion_and_undercutters(page, preview):
    live(page, preview.url)
    argument = page.evaluate(
        "() => Object.keys(JSON.parse(document.getElementById('am-state').textContent).data.nodes)"
        ".find((id) => id.startsWith('argument-'))"
    )
    assert argument, "the seed map has arguments"
    page.evaluate("(id) => window.argmapViewer.select(id)", argument)
    assert page.inner_text("#am-panel-kind").lower() == "argument"
    headings = page.locator("#am-panel h3").all_inner_texts()
    assert headings[0].lower() == "premises"
    assert any(h.lower() in ("supports", "opposes", "undercuts") for h in headings)


def test_search_highlights_the_matches_and_centres_the_first(page, preview):
    live(page, preview.url)
    page.fill("#am-search", "hanoi")
    page.wait_for_function("() => document.getElementById('am-count').textContent !== ''")
    matches = state(page)["matches"]
    assert len(matches) >= 2 and all(m.startswith(("claim-", "argument-")) for m in matches)
    assert page.inner_text("#am-count") == f"1 of {len(matches)}"
    for m in matches:
        assert "am-match" in page.get_attribute(f"#{m}", "class")
    dx, dy = offset_from_centre(page, matches[0])
    assert abs(dx) < 2 and abs(dy) < 2
    assert state(page)["scale"] >= 0.75  # zoomed in far enough to read it
    # Enter opens the match in view, then moves to the next one
    page.keyboard.press("Enter")
    assert page.inner_text("#am-panel-id") == matches[0].split("-", 1)[1]
    page.keyboard.press("Enter")
    assert page.inner_text("#am-count") == f"2 of {len(matches)}"
    dx, dy = offset_from_centre(page, matches[1])
    assert abs(dx) < 2 and abs(dy) < 2
    # quotes are searched too, with straight and curly quotes alike
    page.fill("#am-search", "week's missile launches have no secret")
    page.wait_for_function("() => document.getElementById('am-count').textContent === '1 of 1'")
    assert state(page)["matches"] == [CLAIM]
    page.fill("#am-search", "no such words anywhere")
    page.wait_for_function("() => document.getElementById('am-count').textContent === 'no match'")
    page.keyboard.press("Escape")
    assert page.input_value("#am-search") == "" and state(page)["matches"] == []


def test_zoom_and_pan_change_the_view(page, preview):
    live(page, preview.url)
    fitted = state(page)
    width = node_width(page, CLAIM)
    page.keyboard.press("+")
    page.keyboard.press("+")
    zoomed = state(page)
    assert zoomed["scale"] == pytest.approx(fitted["scale"] * 1.25 * 1.25)
    assert node_width(page, CLAIM) == pytest.approx(width * 1.5625, rel=0.02)
    page.keyboard.press("-")
    assert state(page)["scale"] == pytest.approx(fitted["scale"] * 1.25)
    page.keyboard.press("0")
    assert state(page)["scale"] == pytest.approx(fitted["scale"])
    # the wheel zooms about the pointer: the point under it stays put
    view = page.locator("#am-view").bounding_box()
    x, y = round(view["x"] + view["width"] * 0.3), round(view["y"] + view["height"] * 0.4)
    page.mouse.move(x, y)
    under = (
        "([x, y]) => { const s = argmapViewer.state(); return [(x - s.x) / s.scale, (y - s.y) / s.scale]; }"
    )
    before = page.evaluate(under, [x - view["x"], y - view["y"]])
    page.mouse.wheel(0, -400)
    page.wait_for_function("(k) => window.argmapViewer.state().scale > k", arg=fitted["scale"])
    after = page.evaluate(under, [x - view["x"], y - view["y"]])
    assert after == pytest.approx(before, abs=0.5)
    # the buttons do what the keys do
    scale = state(page)["scale"]
    page.click("#am-zoom-in")
    assert state(page)["scale"] == pytest.approx(scale * 1.25)
    page.click("#am-fit")
    assert state(page)["scale"] == pytest.approx(fitted["scale"])
    # dragging pans, and is not a click
    start = state(page)
    page.mouse.move(view["x"] + 40, view["y"] + 40)
    page.mouse.down()
    page.mouse.move(view["x"] + 140, view["y"] + 90, steps=5)
    page.mouse.up()
    moved = state(page)
    assert (moved["x"] - start["x"], moved["y"] - start["y"]) == pytest.approx((100, 50), abs=1)
    assert moved["selected"] is None


def test_saving_a_changed_map_updates_the_page_keeping_the_view(page, preview):
    live(page, preview.url)
    page.click(f"#{CLAIM}")
    page.keyboard.press("+")
    page.keyboard.press("ArrowLeft")
    view = state(page)
    text = preview.map.read_text(encoding="utf-8")
    started = time.monotonic()
    changed = text.replace("Business as usual: the launches are", "Business as usual: the tests are", 1)
    save(preview.map, changed.replace('title: "North Korea', 'title: "Renamed: North Korea', 1))
    wait_version(page, 2)
    took = time.monotonic() - started
    after = state(page)
    assert (after["scale"], after["x"], after["y"]) == (view["scale"], view["x"], view["y"])
    assert after["selected"] == CLAIM  # the panel stays open, with the claim as it is now
    assert page.inner_text("#am-panel-text").startswith("Business as usual: the tests are")
    assert "the tests" in page.text_content(f"#{CLAIM}")
    assert "am-selected" in page.get_attribute(f"#{CLAIM}", "class")
    assert page.title().startswith("Renamed: ") and page.inner_text("#am-title").startswith("Renamed: ")
    print(f"save to updated page: {took:.2f} s")  # measured properly in bench/preview.py


def test_a_broken_map_shows_the_banner_with_its_line_over_the_last_diagram(page, preview):
    live(page, preview.url)
    text = preview.map.read_text(encoding="utf-8")
    head = text.index("\n  business-as-usual:\n") + len("\n  business-as-usual:\n")
    line = text[:head].count("\n") + 1
    save(preview.map, text[:head] + "    wieght: 0.4\n" + text[head:])
    wait_version(page, 2)
    banner = page.locator("#am-banner")
    assert banner.is_visible()
    assert "the diagram below is the last one that worked" in banner.inner_text()
    assert f"{preview.map}:{line}:5: error: unknown field 'wieght' in claim 'business-as-usual'" in (
        banner.inner_text()
    )
    assert page.locator(f"#am-diagram svg #{CLAIM}").count() == 1  # never a blank page
    save(preview.map, text)
    wait_version(page, 3)
    assert banner.is_hidden()


def test_a_map_broken_from_the_start_says_so_then_draws_when_fixed(page, write_map):
    path = write_map("argmap: 1\nclaims:\n  a: {text: A, suports: [b]}\n  b: {text: B}\n")
    with Preview(path) as running:
        page.goto(running.url)
        page.wait_for_function("() => document.getElementById('am-status').textContent.includes('live')")
        assert page.locator("#am-diagram svg").count() == 0
        assert "No diagram yet" in page.inner_text("#am-diagram")
        assert f"{path}:3:16: error: unknown field 'suports'" in page.inner_text("#am-banner")
        save(path, "argmap: 1\nclaims:\n  a: {text: A, supports: [b]}\n  b: {text: B}\n")
        wait_version(page, 2)
        assert page.locator("#am-diagram svg g.node#claim-a").count() == 1
        assert page.is_hidden("#am-banner")


def test_user_text_is_shown_as_text_and_never_runs(page, write_map):
    hostile = "<img src=x onerror=alert(1)><script>alert(2)</script>"
    path = write_map(
        "argmap: 1\ntitle: '<script>alert(3)</script>'\nclaims:\n"
        f"  a: {{text: '{hostile}', note: '<b onmouseover=alert(4)>n</b>',"
        " supports: [b], tags: ['<i>t</i>']}\n"
        "  b: {text: B}\n"
    )
    with Preview(path) as running:
        live(page, running.url)
        assert page.title() == "<script>alert(3)</script>"
        page.click("#claim-a")
        assert page.inner_text("#am-panel-text") == hostile
        assert page.locator("#am-panel img, #am-panel script, #am-panel b, #am-panel i").count() == 0
        assert page.locator("#am-diagram img, #am-diagram script").count() == 0
        page.fill("#am-search", "<script>")
        page.wait_for_function("() => document.getElementById('am-count').textContent === '1 of 1'")
    # the page fixture fails the test if any alert opened


def test_a_foreign_host_or_a_path_outside_is_refused_to_the_browser_too(page, preview):
    request = page.context.request
    refused = request.get(preview.url, headers={"Host": "evil.example"})
    assert refused.status == 403
    for path in ("../../etc/passwd", "%2e%2e/%2e%2e/etc/passwd", "map.yaml", "article.txt"):
        response = request.get(preview.url + path)
        assert response.status == 404 and b"root:" not in response.body()


# --- the editor's preview ---------------------------------------------------------------------------


def test_the_editors_preview_follows_unsaved_text_and_centres_the_selection(page, tmp_path):
    from argmap.preview.editor import EditorPreview

    path = seed_copy(tmp_path)
    text = path.read_text(encoding="utf-8")
    editor = EditorPreview(path.name, path)
    try:
        editor.show(text)
        assert editor.idle(60)
        live(page, editor.url)
        editor.select("frequency-predictable")
        page.wait_for_function("() => window.argmapViewer.state().selected === 'claim-frequency-predictable'")
        dx, dy = offset_from_centre(page, "claim-frequency-predictable")
        assert abs(dx) < 2 and abs(dy) < 2
        assert page.inner_text("#am-panel-id") == "frequency-predictable"
        editor.show(text.replace("Business as usual: the launches", "Not yet saved: the launches", 1))
        wait_version(page, 2)
        assert "Not yet saved" in page.text_content(f"#{CLAIM}")
        assert state(page)["selected"] == "claim-frequency-predictable"
        assert path.read_text(encoding="utf-8") == text
    finally:
        page.close()  # before the server goes, so the page never sees it gone
        editor.close()


# --- the HTML export --------------------------------------------------------------------------------


def test_the_html_export_works_from_file_offline_and_makes_no_request(page, tmp_path):
    path = seed_copy(tmp_path)
    out = tmp_path / "map.html"
    result = run_cli("export", str(path), "--to", "html", "-o", str(out))
    assert result.returncode == 0, result.stderr
    url = out.as_uri()
    blocked: list[str] = []

    def only_the_file(route) -> None:  # every request but the file itself is aborted
        if route.request.url == url:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.context.route("**/*", only_the_file)
    page.context.set_offline(True)
    opened(page, url)
    assert page.console.requests == [url]  # the file itself, and nothing else
    assert blocked == []
    # everything works offline
    page.click(f"#{CLAIM}")
    assert page.locator("blockquote.am-quote mark").nth(0).inner_text() == QUOTE
    page.fill("#am-search", "hanoi")
    page.wait_for_function("() => document.getElementById('am-count').textContent.startsWith('1 of')")
    page.locator("#am-search").blur()
    scale = state(page)["scale"]
    page.keyboard.press("+")
    assert state(page)["scale"] == pytest.approx(scale * 1.25)
    assert page.inner_text("#am-status") == ""  # not live: no event stream
    assert page.console.requests == [url]


# --- the README's picture ---------------------------------------------------------------------------


def test_screenshot_of_the_preview(page, preview, tmp_path):
    """The picture in the README, taken here; ARGMAP_UPDATE_DOCS=1 writes it to docs/preview.png."""
    live(page, preview.url)
    page.fill("#am-search", "business as usual")
    page.wait_for_function("() => document.getElementById('am-count').textContent.startsWith('1 of')")
    page.keyboard.press("Enter")  # opens the first match in the panel
    page.keyboard.press("Escape")  # clears the search, keeps the panel
    page.keyboard.press("-")
    shot = tmp_path / "preview.png"
    page.screenshot(path=str(shot))
    assert shot.read_bytes()[:4] == b"\x89PNG"
    if os.environ.get("ARGMAP_UPDATE_DOCS"):
        shutil.copyfile(shot, REPO / "docs" / "preview.png")
