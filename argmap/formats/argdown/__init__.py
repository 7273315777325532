"""Argdown (https://argdown.org) ↔ argmap: a reader and a writer.

- `lexer.py`, `parser.py`, `interpret.py`: Argdown's own lexer, grammar and model builder
  (`@argdown/core` 1.7.5), ported so that a document means here what it means in Argdown;
- `reader.py`: Argdown's model → a map, with a located warning for whatever is mapped or
  left out, and the import report;
- `writer.py`: a map → Argdown text that Argdown's parser reads back as the same statements,
  arguments and relations (and `reader.py` as the same map);
- `summary.py`: Argdown's model as JSON, to compare with Argdown itself (interop/).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.formats import Imported
    from argmap.model import ArgMap


def parse(text: str, file: str) -> Imported:
    from argmap.formats.argdown.reader import parse as read

    return read(text, file)


def export(model: ArgMap) -> str:
    from argmap.formats.argdown.writer import export as write

    return write(model)
