"""The editing core: a map opened for editing, undoable edits, lossless atomic saves.

No UI here: `argmap.tui` (and any other face) drives a `MapEditor` and shows its `document`.
See `session` for the rules edits follow, `roundtrip` for how a save stays byte-exact, and
`validate` for which values are refused at once and which are left to the checker.
"""

from argmap.editing.errors import ChangedOnDisk, EditError, MapUnreadable
from argmap.editing.session import FileFormat, MapEditor, relative_to_map
from argmap.editing.validate import (
    MAP_PATHS,
    normalize_argument_field,
    normalize_claim_field,
    normalize_map_field,
    validate_argument_field,
    validate_field,
    validate_id,
    validate_map_field,
)

__all__ = [
    "MAP_PATHS",
    "ChangedOnDisk",
    "EditError",
    "FileFormat",
    "MapEditor",
    "MapUnreadable",
    "normalize_argument_field",
    "normalize_claim_field",
    "normalize_map_field",
    "relative_to_map",
    "validate_argument_field",
    "validate_field",
    "validate_id",
    "validate_map_field",
]
