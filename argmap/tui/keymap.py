"""A user's own keys for the editor: a small TOML file, applied with Textual's `set_keymap`.

The file is `$ARGMAP_KEYMAP` if set, else `keys.toml` in argmap's folder of the user's
configuration (`$XDG_CONFIG_HOME/argmap/`, by default `~/.config/argmap/`):

    # ~/.config/argmap/keys.toml
    [keys]
    add-support = "s"            # an action's id (the help screen, `?`, lists them)
    delete = "x,delete"          # several keys, comma-separated
    "article.sentence" = "v"

Keys are Textual's names (`ctrl+s`, `shift+up`, `f2`, a letter; `?` and `/` may be written
as they are).  A file that cannot be read, or names an action that does not exist, is
reported when the editor starts (with a "did you mean"), and the keys it names well are
still used.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from argmap.store import read_bytes
from argmap.suggest import did_you_mean
from argmap.tui.keys import binding_ids

Keymap = dict[str, str]


def keymap_path() -> Path:
    """Where the user's keymap file is looked for (it need not exist)."""
    explicit = os.environ.get("ARGMAP_KEYMAP")
    if explicit:
        return Path(explicit).expanduser()
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "argmap" / "keys.toml"


def load_keymap(path: Path | None = None) -> tuple[Keymap, list[str]]:
    """The keymap in `path` (default `keymap_path()`), and what is wrong with the file.

    A missing file is an empty keymap and no problem.
    """
    path = path or keymap_path()
    try:
        raw = read_bytes(path, 1_000_000)  # a regular file only: never blocks on a FIFO
    except FileNotFoundError:
        return {}, []
    except OSError as exc:
        return {}, [f"{path}: cannot be read: {exc.strerror or exc}"]
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, [f"{path}: not valid TOML: {exc}"]
    keys = data.get("keys")
    problems = [
        f"{path}: unknown section [{name}]; the keys go under [keys]" for name in data if name != "keys"
    ]
    if not isinstance(keys, dict):
        if keys is not None:
            problems.append(f'{path}: `keys` must be a table: [keys] then `action-id = "key"` lines')
        return {}, problems
    known = binding_ids()
    keymap: Keymap = {}
    for name, value in keys.items():
        if name not in known:
            hint = did_you_mean(name, known)
            problems.append(f"{path}: no action '{name}'" + (f" — {hint}" if hint else " (? lists them)"))
        elif not isinstance(value, str) or not value.strip():
            problems.append(f'{path}: the keys of {name} must be a string, such as "ctrl+e" or "x,delete"')
        else:
            keymap[name] = ",".join(part.strip() for part in value.split(",") if part.strip())
    return keymap, problems
