"""`--to json`: the map as JSON, in the shape `argmap schema` describes.

Named jsonfmt so that `import json` inside the package means the standard library.
Fields left unset (None) are left out, as in the YAML; everything else is
written, so a program reading the JSON never needs to know the defaults.
The output validates against schema/argmap.schema.json and reads back with
`ArgMap.model_validate(json.loads(text))` as an equal model.
"""

from __future__ import annotations

import json

from argmap.model import ArgMap


def export(model: ArgMap) -> str:
    data = model.model_dump(mode="json", exclude_none=True)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
