"""Opening the preview in the person's browser, never a text browser in their terminal."""

from __future__ import annotations

import os
import sys
import threading


def can_open_browser() -> bool:
    """Whether a graphical browser can be opened: never a text browser inside the terminal."""
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def open_in_browser(url: str) -> bool:
    """Open `url` in the default browser without waiting; False when there is none to open."""
    if not can_open_browser():
        return False
    import webbrowser

    threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
    return True
