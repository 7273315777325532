"""What every importer needs: readable claim ids, relations made safe for `argmap check`, the map.

Foreign formats allow things an argmap would be rejected for — a statement
supporting itself, one claim both supporting and opposing another, the same
relation stated twice — so the builder settles each one the same way for every
format (and says so in a warning), and the imported map checks clean apart
from what the source itself asks for (a support cycle, say).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from pydantic import ValidationError

from argmap.diagnostics import Diagnostic, Pos, Severity
from argmap.formats import Imported
from argmap.model import CLAIM_FIELDS, ID_RE, MAP_FIELDS, ArgMap, Claim, Kind

#: Ids made from text keep at most this many words and characters.
ID_WORDS, ID_CHARS = 6, 40

RELATIONS = ("supports", "opposes")


def make_id(wanted: str, taken: set[str], fallback: str = "claim") -> str:
    """A valid, unused claim id close to `wanted` (a title, or a claim's text).

    A title that is already a valid id is kept as it is, so ids survive a round
    trip; anything else becomes a short lowercase slug of its first words.
    """
    if ID_RE.fullmatch(wanted) and wanted not in taken:
        taken.add(wanted)
        return wanted
    ascii_text = unicodedata.normalize("NFKD", wanted).encode("ascii", "ignore").decode().lower()
    base = ""
    for word in [w for w in re.split(r"[^a-z0-9]+", ascii_text) if w][:ID_WORDS]:
        longer = f"{base}-{word}" if base else word
        if len(longer) > ID_CHARS:
            base = base or word[:ID_CHARS]
            break
        base = longer
    base = base or fallback
    cid, n = base, 1
    while cid in taken:
        n += 1
        cid = f"{base}-{n}"
    taken.add(cid)
    return cid


#: A position, or a function that finds it (finding one can be costly: see the AIF importer).
Where = Pos | Callable[[], Pos | None] | None


@dataclass
class Relation:
    source: str
    target: str
    relation: str  # "supports" | "opposes"
    pos: Where


@dataclass
class MapBuilder:
    """Claims and relations collected by an importer, turned into a valid map."""

    file: str
    claims: dict[str, dict[str, Any]] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    taken: set[str] = field(default_factory=set)

    def error(self, pos: Pos | None, code: str, message: str, hint: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(self.file, pos, Severity.ERROR, code, message, hint))

    def warning(self, pos: Where, code: str, message: str, hint: str | None = None) -> None:
        where = pos() if callable(pos) else pos
        self.diagnostics.append(Diagnostic(self.file, where, Severity.WARNING, code, message, hint))

    @property
    def failed(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.diagnostics)

    def new_id(self, wanted: str, fallback: str = "claim") -> str:
        return make_id(wanted, self.taken, fallback)

    def add_claim(self, cid: str, fields: dict[str, Any]) -> None:
        self.taken.add(cid)
        self.claims[cid] = fields

    def relate(self, source: str, target: str, relation: str, pos: Where) -> None:
        self.relations.append(Relation(source, target, relation, pos))

    def build(self, fields: dict[str, Any] | None = None, *, infer_positions: bool = False) -> Imported:
        """The map (with map-level `fields`: title, question, …), relations settled; None on errors."""
        if self.failed:
            return Imported(None, self.diagnostics)
        self._settle_relations()
        if infer_positions:
            self._infer_positions()
        data: dict[str, Any] = {"argmap": 1, **{k: v for k, v in (fields or {}).items() if v is not None}}
        data["claims"] = self.claims
        try:
            model = ArgMap.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                where = ".".join(str(p) for p in err["loc"])
                self.error(None, "invalid", f"the imported map would be invalid at {where}: {err['msg']}")
            return Imported(None, self.diagnostics)
        return Imported(model, self.diagnostics)

    def _settle_relations(self) -> None:
        """Add the relations to the claims, dropping what `argmap check` would reject (with a warning)."""
        given: dict[tuple[str, str], str] = {}
        for rel in self.relations:
            if rel.source == rel.target:
                self.warning(
                    rel.pos,
                    "self-relation",
                    f"'{rel.source}' {rel.relation} itself; left out",
                    "a claim cannot be a reason for or against itself",
                )
                continue
            earlier = given.get((rel.source, rel.target))
            if earlier == rel.relation:
                continue  # the same relation stated twice (common in tree-form Argdown)
            if earlier is not None:
                self.warning(
                    rel.pos,
                    "supports-and-opposes",
                    f"'{rel.source}' both supports and opposes '{rel.target}';"
                    f" kept '{earlier}' (stated first)",
                    "an argmap claim does one or the other: split the claim if it really does both",
                )
                continue
            given[(rel.source, rel.target)] = rel.relation
            self.claims[rel.source].setdefault(rel.relation, []).append(rel.target)

    def _infer_positions(self) -> None:
        """Claims that have reasons but are a reason for nothing are the answers: positions.

        Used only for sources that say nothing about kinds (plain Argdown, AIF
        from other tools), so their main theses show as positions.
        """
        has_reasons = {rel.target for rel in self.relations if rel.source != rel.target}
        for cid, claim in self.claims.items():
            if cid in has_reasons and not any(claim.get(r) for r in RELATIONS):
                claim["kind"] = Kind.POSITION.value


#: Claim fields a format carries as extra data (all but the relations, which are its edges).
EXTRA_FIELDS: tuple[str, ...] = tuple(f for f in CLAIM_FIELDS if f not in RELATIONS)
#: Map fields a format carries as extra data (all but the version and the claims).
MAP_EXTRA_FIELDS: tuple[str, ...] = tuple(f for f in MAP_FIELDS if f not in ("argmap", "claims"))


def field_value(key: str, value: Any) -> tuple[Any, str | None]:
    """`value` as claim field `key` holds it, or a message saying what is wrong with it.

    The model itself judges (so a field added to it needs no change here);
    values come back in plain form: a kind as its name, one quote as a list.
    """
    data = {"text": "x", key: value}
    try:
        claim = Claim.model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        return None, f"'{key}: {_shorten(value)}': {err['msg']}"
    checked = getattr(claim, key)
    return (checked.value if isinstance(checked, Enum) else checked), None


def map_fields_problem(fields: dict[str, Any]) -> tuple[str, str] | None:
    """(where, what) for the first thing wrong with map-level `fields`, or None."""
    try:
        ArgMap.model_validate({"argmap": 1, **fields})
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        return ".".join(str(p) for p in err["loc"]), err["msg"]
    return None


def _shorten(value: Any) -> str:
    shown = str(value)
    return shown if len(shown) <= 40 else shown[:39] + "…"
