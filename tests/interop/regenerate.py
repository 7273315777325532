"""Regenerate the interop corpus's expectations (run by scripts/interop-corpus).

- tests/interop/argdown/NAME.argdown-model.json: Argdown's own model of NAME.argdown, written by
  `@argdown/core` itself (interop/argdown-model.js; install it with `scripts/setup --interop`).
  These are the reference: the tests check that argmap reads every file as Argdown does.
- with --maps, also NAME.yaml and NAME.expected beside every Argdown and AIF file of the corpus:
  the map `argmap import` makes of it and the warnings (or errors) it gives.  These are argmap's
  own mapping: regenerate them after changing it, and read the diff.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
ARGDOWN = HERE / "argdown"
AIF = HERE / "aif"
SCRIPT = REPO / "interop" / "argdown-model.js"


def argdown_models() -> None:
    node = shutil.which("node")
    if node is None or not (REPO / "interop" / "node_modules" / "@argdown" / "core").is_dir():
        sys.exit("interop-corpus: needs Node and @argdown/core: run scripts/setup --interop")
    files = sorted(ARGDOWN.glob("*.argdown"))
    out = subprocess.run(
        [node, str(SCRIPT), *(f.name for f in files)], cwd=ARGDOWN, capture_output=True, text=True, check=True
    )
    models = json.loads(out.stdout)
    for f in files:
        target = f.with_name(f.name + "-model.json")
        target.write_text(json.dumps(models[f.name], indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    print(f"interop-corpus: {len(files)} Argdown models written by @argdown/core")


def expected_maps() -> None:
    from tests.interop.corpus import imported_map

    count = 0
    for folder, pattern, fmt in ((ARGDOWN, "*.argdown", "argdown"), (AIF, "*.json", "aif")):
        for f in sorted(folder.glob(pattern)):
            yaml_text, messages = imported_map(f, fmt)
            f.with_suffix(".expected").write_text(messages)
            target = f.with_suffix(".yaml")
            if yaml_text is None:
                target.unlink(missing_ok=True)
            else:
                target.write_text(yaml_text)
            count += 1
    print(f"interop-corpus: {count} expected maps and messages written (review the diff)")


def main(argv: list[str]) -> None:
    if "--maps-only" not in argv:
        argdown_models()
    if "--maps" in argv or "--maps-only" in argv:
        expected_maps()


if __name__ == "__main__":
    main(sys.argv[1:])
