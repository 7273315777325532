"""A real headless Chromium, driven by Playwright for Python.

The browser is the system's Chromium (Debian's `chromium` package, which
`scripts/setup --test` installs), never a download.  Set ARGMAP_CHROMIUM to use
another Chromium or Chrome.  Without one the tests are skipped, except in CI,
where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--no-sandbox",
    "--headless",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    configured = os.environ.get("ARGMAP_CHROMIUM")
    if configured:
        return configured
    for candidate in CANDIDATES:
        found = candidate if Path(candidate).is_file() else shutil.which(candidate)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser():
    """One browser per test module (Playwright's sync API keeps an event loop of its own)."""
    path = chromium_path()
    if path is None:
        message = "no Chromium found: `apt-get install chromium`, or set ARGMAP_CHROMIUM"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


class Console:
    """What the page said: console messages, uncaught errors, dialogs and every request it made."""

    def __init__(self, page) -> None:
        self.messages: list[tuple[str, str]] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda m: self.messages.append((m.type, m.text)))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))

        def dialog(d) -> None:
            self.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", dialog)

    def problems(self) -> list[str]:
        said = [f"console {kind}: {text}" for kind, text in self.messages if kind in ("error", "warning")]
        return said + [f"uncaught: {e}" for e in self.errors] + [f"dialog: {d}" for d in self.dialogs]


@pytest.fixture
def page(browser):
    """A fresh page; the test fails if the page logged an error or warning, threw, or opened a dialog."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.console = Console(page)
    yield page
    problems = page.console.problems()
    context.close()
    assert problems == []
