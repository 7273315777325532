"""What every importer needs: readable ids, relations made safe for `argmap check`, the map.

Importers add claims, plain relations (a claim supports or opposes a claim), arguments
(premises that together support or oppose a claim, or undercut another argument) and
undercuts (a claim attacks an argument's step).  Foreign formats allow things an argmap
would be rejected for — a statement supporting itself, one claim both supporting and
opposing another, the same relation stated twice, an argument whose conclusion is one of
its premises — so the builder settles each one the same way for every format (and says so
in a warning), and the imported map checks clean apart from what the source itself asks
for (a support cycle, say).  The builder also keeps the import report (report.py).
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
from argmap.formats.report import Report
from argmap.model import ARGUMENT_FIELDS, CLAIM_FIELDS, ID_RE, MAP_FIELDS, ArgMap, Argument, Claim, Kind

#: Ids made from text keep at most this many words and characters.
ID_WORDS, ID_CHARS = 6, 40

RELATIONS = ("supports", "opposes")
ARGUMENT_RELATIONS = ("supports", "opposes", "undercuts")


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
    relation: str  # "supports" | "opposes" (claim to claim) | "undercuts" (claim to argument)
    pos: Where


@dataclass
class MapBuilder:
    """Claims, relations and arguments collected by an importer, turned into a valid map."""

    file: str
    claims: dict[str, dict[str, Any]] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    #: argument id -> its fields (premises, text, scheme, …) and, once set, its conclusion
    arguments: dict[str, dict[str, Any]] = field(default_factory=dict)
    argument_pos: dict[str, Where] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    taken: set[str] = field(default_factory=set)
    report: Report = field(default_factory=Report)

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
        """`source` supports or opposes claim `target`, or undercuts argument `target`."""
        self.relations.append(Relation(source, target, relation, pos))

    def add_argument(self, aid: str, premises: list[str], fields: dict[str, Any], pos: Where) -> None:
        """An argument: `premises` (claim ids) together lead to a conclusion set by `conclude`."""
        self.taken.add(aid)
        self.arguments[aid] = {"premises": list(premises), **fields}
        self.argument_pos[aid] = pos

    def conclude(self, aid: str, relation: str, target: str) -> None:
        """The conclusion of argument `aid`: it supports or opposes a claim, or undercuts an argument."""
        self.arguments[aid][relation] = target

    def build(self, fields: dict[str, Any] | None = None, *, infer_positions: bool = False) -> Imported:
        """The map (with map-level `fields`: title, question, …), relations settled; None on errors."""
        if self.failed:
            return Imported(None, self.diagnostics, self.report)
        self._settle_arguments()
        self._settle_relations()
        if infer_positions:
            self._infer_positions()
        data: dict[str, Any] = {"argmap": 1, **{k: v for k, v in (fields or {}).items() if v is not None}}
        data["claims"] = self.claims
        if self.arguments:
            data["arguments"] = self.arguments
        try:
            model = ArgMap.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                where = ".".join(str(p) for p in err["loc"])
                self.error(None, "invalid", f"the imported map would be invalid at {where}: {err['msg']}")
            return Imported(None, self.diagnostics, self.report)
        return Imported(model, self.diagnostics, self.report)

    def _settle_arguments(self) -> None:
        """Drop repeated premises and premises that are their own conclusion; drop arguments left
        with no premises or no conclusion, and whatever undercuts them (each with a warning)."""
        dropped: set[str] = set()
        for aid, argument in self.arguments.items():
            pos = self.argument_pos.get(aid)
            conclusions = [(rel, argument[rel]) for rel in ARGUMENT_RELATIONS if argument.get(rel)]
            target = conclusions[0][1] if conclusions else None
            premises: list[str] = []
            for premise in argument["premises"]:
                if premise in premises:
                    continue  # the same statement twice among the premises: once is what it means
                if premise == target:
                    self.warning(
                        pos,
                        "conclusion-is-premise",
                        f"argument '{aid}' concludes '{premise}', which is also one of its premises; "
                        "that premise is left out",
                        "an argument cannot rest on what it concludes",
                    )
                    continue
                premises.append(premise)
            argument["premises"] = premises
            if not premises or not conclusions:
                what = "no premises" if not premises else "no conclusion"
                self.warning(pos, "argument-dropped", f"argument '{aid}' has {what}; left out")
                dropped.add(aid)
        changed = True
        while changed:  # an argument undercutting a dropped one goes too
            changed = False
            for aid, argument in self.arguments.items():
                if aid not in dropped and argument.get("undercuts") in dropped:
                    self.warning(
                        self.argument_pos.get(aid),
                        "argument-dropped",
                        f"argument '{aid}' undercuts '{argument['undercuts']}', which is left out; "
                        "left out too",
                    )
                    dropped.add(aid)
                    changed = True
        for aid in dropped:
            del self.arguments[aid]
            self.taken.discard(aid)
        self.relations = [
            r for r in self.relations if not (r.relation == "undercuts" and r.target in dropped)
        ]

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
            if rel.relation == "undercuts":
                if rel.source in self.arguments[rel.target]["premises"]:
                    self.warning(
                        rel.pos,
                        "premise-undercuts",
                        f"'{rel.source}' undercuts argument '{rel.target}', of which it is a premise; "
                        "left out",
                        "a premise cannot attack the step it is part of",
                    )
                    continue
                undercuts = self.claims[rel.source].setdefault("undercuts", [])
                if rel.target not in undercuts:
                    undercuts.append(rel.target)
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
        has_reasons = {rel.target for rel in self.relations if rel.relation in RELATIONS}
        has_reasons |= {a[rel] for a in self.arguments.values() for rel in RELATIONS if a.get(rel)}
        premises = {p for a in self.arguments.values() for p in a["premises"]}
        for cid, claim in self.claims.items():
            is_reason = any(claim.get(r) for r in (*RELATIONS, "undercuts")) or cid in premises
            if cid in has_reasons and not is_reason:
                claim["kind"] = Kind.POSITION.value


#: Claim fields a format carries as extra data (all but the relations, which are its edges).
EXTRA_FIELDS: tuple[str, ...] = tuple(f for f in CLAIM_FIELDS if f not in RELATIONS)
#: Claim fields a format carries as extra data when it has its own syntax for undercuts.
CLAIM_DATA_FIELDS: tuple[str, ...] = tuple(f for f in EXTRA_FIELDS if f != "undercuts")
#: Map fields a format carries as extra data (all but the version, the claims and the arguments).
MAP_EXTRA_FIELDS: tuple[str, ...] = tuple(f for f in MAP_FIELDS if f not in ("argmap", "claims", "arguments"))
#: Argument fields other than its premises and its conclusion.
ARGUMENT_EXTRA_FIELDS: tuple[str, ...] = tuple(
    f for f in ARGUMENT_FIELDS if f not in ("premises", *ARGUMENT_RELATIONS)
)


def field_value(key: str, value: Any, *, argument: bool = False) -> tuple[Any, str | None]:
    """`value` as claim (or argument) field `key` holds it, or a message saying what is wrong.

    The model itself judges (so a field added to it needs no change here);
    values come back in plain form: a kind as its name, one quote as a list.
    """
    data = {key: value} if argument else {"text": "x", key: value}
    try:
        checked_model = (Argument if argument else Claim).model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        return None, f"'{key}: {_shorten(value)}': {err['msg']}"
    checked = getattr(checked_model, key)
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
