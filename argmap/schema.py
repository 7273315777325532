"""The JSON Schema of the map format, generated from the model.

Editors with a YAML language server use it to complete and validate maps as
they are typed (see the `# yaml-language-server: $schema=…` line in the maps).
"""

from __future__ import annotations

import json

from argmap.model import ArgMap

SCHEMA_FILE = "schema/argmap.schema.json"


def schema() -> dict[str, object]:
    return ArgMap.model_json_schema(mode="validation")


def schema_json() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"
