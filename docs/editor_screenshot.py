"""Draw the editor's screenshot for the README (docs/editor.svg, then docs/editor.png).

    .venv/bin/python docs/editor_screenshot.py

It opens a copy of the seed map at 150×45, selects a premise of the linked argument
that leads to the recommendation, and saves what the terminal shows.  `rsvg-convert`
(Debian's librsvg2-bin) turns the SVG into the PNG.
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from argmap.editing import MapEditor  # noqa: E402
from argmap.tui.app import EditorApp  # noqa: E402

MAP = ROOT / "maps" / "north-korea-missile-launches.yaml"
ARTICLE = ROOT / "seeds" / "north-korea-missile-launches.txt"
SELECT = sys.argv[1] if len(sys.argv) > 1 else "no-reason-to-hesitate"


async def shoot(out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "maps").mkdir()
        (Path(tmp) / "seeds").mkdir()
        shutil.copy(ARTICLE, Path(tmp) / "seeds" / ARTICLE.name)
        path = Path(tmp) / "maps" / MAP.name
        shutil.copy(MAP, path)
        app = EditorApp(MapEditor.open(path), watch_disk=False, keymap={})
        async with app.run_test(size=(150, 45)) as pilot:
            await pilot.pause()
            app.main.tree.select(SELECT)
            app.main.tree.focus()
            await pilot.pause(0.3)
            out.write_text(app.export_screenshot(title="argmap edit"), encoding="utf-8")


def main() -> int:
    svg = ROOT / "docs" / "editor.svg"
    asyncio.run(shoot(svg))
    subprocess.run(["rsvg-convert", "-o", str(svg.with_suffix(".png")), str(svg)], check=True)
    print(f"wrote {svg} and {svg.with_suffix('.png')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
