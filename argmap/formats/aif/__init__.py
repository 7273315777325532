"""AIF JSON (the Argument Interchange Format as OVA and AIFdb write it) ↔ argmap.

- `reader.py`: AIF's graph (I, RA, CA, MA, PA, L, YA, TA nodes; AIFdb's flat form or
  OVA3's `{"AIF": …}`) → a map, with a located warning for whatever is mapped or left out;
- `writer.py`: a map → AIF JSON other tools load, with argmap's own fields in an `argmap`
  block they ignore, so that a round trip gives back an equal map;
- `locate.py`: line and column of a JSON path, for located errors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.formats import Imported
    from argmap.model import ArgMap


def parse(text: str, file: str) -> Imported:
    from argmap.formats.aif.reader import parse as read

    return read(text, file)


def export(model: ArgMap) -> str:
    from argmap.formats.aif.writer import export as write

    return write(model)
