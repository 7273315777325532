"""AIF JSON (the Argument Interchange Format as OVA and AIFdb write it) ↔ argmap.

AIF is a graph of nodes joined by edges.  I-nodes hold claims; an RA node
(inference) joins premises to a conclusion, a CA node (conflict) joins an
attacker to what it attacks; L-nodes are what someone said, tied to the claim
by a YA node ("Asserting"), the speaker coming from `locutions` and
`participants` or from the L-node's text "Speaker : words".

Export: one I-node per claim, one RA per support and one CA per opposition
(argmap relations are independent reasons, i.e. convergent arguments), and an
L/YA pair plus locution and participant for each claim's `by`.  What AIF has no
place for (claim ids, kind, quote, tags, note, weight, the question, the
source) goes in an `argmap` block that AIF tools ignore and `parse` reads, so
argmap → AIF → argmap gives back an equal model.

Import: I-nodes become claims (in file order); each premise of an RA or MA
node supports each of its conclusions, each attacker of a CA node opposes its
target; speakers become `by`.  Without the `argmap` block, a claim's id is made
from its text and its AIF node id is kept in its note ("AIF node 12"), which
export reuses, so the I-nodes keep their ids over a round trip.  Attacks on
inferences (undercuts), preferences (PA) and the dialogue (TA, L-nodes not
anchored in a claim) have no argmap form: they are mapped or reported.
"""

from __future__ import annotations

import functools
import json
import os
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from argmap.diagnostics import Pos
from argmap.formats import Imported
from argmap.formats._build import EXTRA_FIELDS, MAP_EXTRA_FIELDS, MapBuilder, field_value, map_fields_problem
from argmap.model import ID_RE, ArgMap

_MARKER = re.compile(r"(?:^|\n)AIF node (\S+)\Z")
_EXTENSION = "argmap"
_NODE_TYPES = {"I", "L", "RA", "CA", "MA", "PA", "TA", "YA"}
#: Claim fields AIF has no place for (text is the I-node's, `by` the locution's).
_EXTRA = tuple(f for f in EXTRA_FIELDS if f not in ("text", "by"))

# --- export -----------------------------------------------------------------------


def export(model: ArgMap) -> str:
    """AIF JSON for OVA and AIFdb, with argmap's own fields in an `argmap` block."""
    return json.dumps(to_aif(model), ensure_ascii=False, indent=2) + "\n"


def export_time() -> datetime:
    """When the export happens, or `SOURCE_DATE_EPOCH` when set, for byte-identical exports.

    AIF gives every node a timestamp; the reproducible-builds convention lets a
    user who keeps exports in git pin it.
    """
    pinned = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if pinned.isdigit():
        return datetime.fromtimestamp(int(pinned), UTC)
    return datetime.now(UTC)


def to_aif(model: ArgMap, now: datetime | None = None) -> dict[str, Any]:
    stamp = (now or export_time()).strftime("%Y-%m-%d %H:%M:%S")
    ids = _node_ids(model)
    counter = _Counter(set(ids.values()))
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    locutions: list[dict[str, Any]] = []
    participants: dict[str, int] = {}
    extension: dict[str, Any] = {}

    def node(nid: str, text: str, kind: str) -> str:
        nodes.append({"nodeID": nid, "text": text, "type": kind, "timestamp": stamp})
        return nid

    def edge(a: str, b: str) -> None:
        edges.append({"edgeID": str(len(edges) + 1), "fromID": a, "toID": b, "formEdgeID": None})

    for cid, claim in model.claims.items():
        node(ids[cid], claim.text, "I")
        extra = claim.model_dump(mode="json", include=set(_EXTRA), exclude_defaults=True)
        extension[ids[cid]] = {"id": cid, **extra}
    for cid, claim in model.claims.items():
        if claim.by is not None:
            pid = participants.setdefault(claim.by, len(participants) + 1)
            said = node(counter.next(), f"{claim.by} : {claim.text}", "L")
            anchor = node(counter.next(), "Asserting", "YA")
            edge(said, anchor)
            edge(anchor, ids[cid])
            locutions.append({"nodeID": said, "personID": str(pid), "timestamp": stamp})
        for relation, scheme, label in (
            ("supports", "RA", "Default Inference"),
            ("opposes", "CA", "Default Conflict"),
        ):
            for target in getattr(claim, relation):
                if target in ids:
                    hub = node(counter.next(), label, scheme)
                    edge(ids[cid], hub)
                    edge(hub, ids[target])
    block: dict[str, Any] = {
        "version": 1,
        **model.model_dump(mode="json", include=set(MAP_EXTRA_FIELDS), exclude_defaults=True),
        "claims": extension,
    }
    return {
        "nodes": nodes,
        "edges": edges,
        "locutions": locutions,
        "participants": [
            {"participantID": pid, "firstname": name, "surname": ""} for name, pid in participants.items()
        ],
        _EXTENSION: block,
    }


def _node_ids(model: ArgMap) -> dict[str, str]:
    """The I-node id of each claim: the one its note remembers from an AIF import, else 1, 2, …"""
    ids: dict[str, str] = {}
    used: set[str] = set()
    for cid, claim in model.claims.items():
        m = _MARKER.search(claim.note or "")
        if m and m.group(1) not in used:
            ids[cid] = m.group(1)
            used.add(m.group(1))
    counter = _Counter(used)
    for cid in model.claims:
        if cid not in ids:
            ids[cid] = counter.next()
    return {cid: ids[cid] for cid in model.claims}


def _after_ws(text: str, i: int) -> int:
    """Where the white space at `i` ends."""
    found = _WS.match(text, i)
    return found.end() if found else i


class _Counter:
    """Numeric node ids as strings, skipping those already taken."""

    def __init__(self, taken: set[str]):
        self.taken = taken
        self.n = 0

    def next(self) -> str:
        while True:
            self.n += 1
            nid = str(self.n)
            if nid not in self.taken:
                self.taken.add(nid)
                return nid


# --- import: locating problems ----------------------------------------------------

Path_ = tuple[str | int, ...]


class AifError(Exception):
    def __init__(self, path: Path_, message: str, hint: str | None = None):
        super().__init__(message)
        self.path, self.message, self.hint = path, message, hint


def _show_path(path: Path_) -> str:
    out = "$"
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else f".{step}"
    return out


_WS = re.compile(r"[ \t\n\r]*")
#: A \uD800-\uDFFF escape not part of a valid pair: JSON allows it, text cannot hold it.
_LONE_SURROGATE = re.compile(
    r"(?<!\\)(?:\\\\)*\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    r"|(?<![dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)
_decoder = json.JSONDecoder()


class _Locator:
    """Finds where a JSON path's value starts in the text, to say where a problem is.

    `json` gives no positions, so we walk the (valid) text again, skipping
    values with the decoder.  Offsets found are kept, and the items of an array
    are remembered as they are passed, so locating many nodes costs one walk of
    the array, not one per problem.
    """

    def __init__(self, text: str):
        self.text = text
        self.known: dict[Path_, int] = {(): _after_ws(text, 0)}
        self.items: dict[Path_, list[int]] = {}

    def pos(self, path: Path_) -> Pos | None:
        """The line and column of the deepest located part of `path`."""
        for cut in range(len(path), -1, -1):
            offset = self.offset(path[:cut])
            if offset is not None:
                text = self.text
                return Pos(text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1)
        return None  # pragma: no cover - the empty path is always found

    def offset(self, path: Path_) -> int | None:
        cut = next(n for n in range(len(path), -1, -1) if path[:n] in self.known)
        i: int | None = self.known[path[:cut]]
        for n in range(cut, len(path)):
            assert i is not None
            i = self._step(path[:n], i, path[n])
            if i is None:
                return None
            self.known[path[: n + 1]] = i
        return i

    def _step(self, prefix: Path_, i: int, step: str | int) -> int | None:
        text = self.text
        if i >= len(text) or text[i] != ("{" if isinstance(step, str) else "["):
            return None
        if isinstance(step, int):
            return self._item(prefix, i, step)
        i = _after_ws(text, i + 1)
        while i < len(text) and text[i] == '"':
            key, i = json.decoder.scanstring(text, i + 1)  # type: ignore[attr-defined]
            i = _after_ws(text, _after_ws(text, i) + 1)  # past the colon
            if key == step:
                return i
            i = self._next(i)
        return None

    def _item(self, prefix: Path_, start: int, index: int) -> int | None:
        found = self.items.setdefault(prefix, [])
        if index < len(found):
            return found[index]
        i = self._next(found[-1]) if found else _after_ws(self.text, start + 1)
        while i < len(self.text) and self.text[i] != "]":
            found.append(i)
            if len(found) > index:
                return i
            i = self._next(i)
        return None

    def _next(self, i: int) -> int:
        """Past the value at `i` and the comma after it, to the next value or key."""
        _, i = _decoder.raw_decode(self.text, i)
        i = _after_ws(self.text, i)
        if i < len(self.text) and self.text[i] == ",":
            i = _after_ws(self.text, i + 1)
        return i


# --- import: reading the graph ----------------------------------------------------


@dataclass
class _Node:
    nid: str
    type: str
    text: str
    path: Path_
    into: list[str] = field(default_factory=list)  # node ids with an edge to this one
    out: list[str] = field(default_factory=list)


def parse(text: str, file: str) -> Imported:
    """Read AIF JSON; structural problems are errors located by JSON path and line:column."""
    builder = MapBuilder(file)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        builder.error(Pos(exc.lineno, exc.colno), "json-syntax", f"not valid JSON: {exc.msg}")
        return Imported(None, builder.diagnostics)
    except RecursionError:
        builder.error(Pos(1, 1), "json-syntax", "the JSON is nested too deeply")
        return Imported(None, builder.diagnostics)
    lone = _LONE_SURROGATE.search(text)
    if lone:
        line = text.count("\n", 0, lone.start()) + 1
        col = lone.start() - (text.rfind("\n", 0, lone.start()) + 1) + 1
        builder.error(
            Pos(line, col), "json-syntax", f"'{lone.group(0)}' is half of a character pair, not text"
        )
        return Imported(None, builder.diagnostics)
    graph = _Graph(builder, text)
    try:
        return graph.read(data).build()
    except AifError as exc:
        where = _show_path(exc.path)
        builder.error(graph.locate.pos(exc.path), "aif", f"{where}: {exc.message}", exc.hint)
        return Imported(None, builder.diagnostics)


class _Graph:
    def __init__(self, builder: MapBuilder, text: str):
        self.builder = builder
        self.locate = _Locator(text)
        self.root: Path_ = ()
        self.data: dict[str, Any] = {}
        self.nodes: dict[str, _Node] = {}
        self.speakers: dict[str, str] = {}  # L-node id -> speaker

    def read(self, data: Any) -> _Graph:
        if isinstance(data, dict) and isinstance(data.get("AIF"), dict):  # OVA3 wraps AIF in "AIF"
            data, self.root = data["AIF"], ("AIF",)
        if not isinstance(data, dict):
            raise AifError((), "an AIF document is a JSON object with 'nodes' and 'edges'")
        self.data = data
        return self

    def at(self, *path: str | int) -> Path_:
        return (*self.root, *path)

    def warn(self, path: Path_, code: str, message: str, hint: str | None = None) -> None:
        self.builder.warning(self.locate.pos(path), code, f"{_show_path(path)}: {message}", hint)

    def build(self) -> Imported:
        self._read_nodes()
        self._read_edges()
        self._read_speakers()
        block = self._extension()
        claims = self._claims(block.get("claims", {}))
        self._relations(claims)
        self._report_dialogue()
        fields = {k: v for k, v in block.items() if k in MAP_EXTRA_FIELDS}
        return self.builder.build(fields, infer_positions=_EXTENSION not in self.data)

    def _list(self, key: str, required: bool) -> list[Any]:
        value = self.data.get(key)
        if value is None:
            if required:
                raise AifError(self.root, f"no '{key}' list", "an AIF document has 'nodes' and 'edges' lists")
            return []
        if not isinstance(value, list):
            raise AifError(self.at(key), f"'{key}' must be a list, not {type(value).__name__}")
        return value

    def _read_nodes(self) -> None:
        for i, raw in enumerate(self._list("nodes", True)):
            path = self.at("nodes", i)
            if not isinstance(raw, dict):
                raise AifError(path, "a node must be an object with nodeID, text and type")
            nid = _id(raw, "nodeID", path)
            kind = raw.get("type")
            if not isinstance(kind, str):
                raise AifError(
                    path if kind is None else (*path, "type"), "a node needs a 'type' (I, RA, CA, L, YA, …)"
                )
            if kind not in _NODE_TYPES:
                self.warn(
                    (*path, "type"),
                    "aif-node-type",
                    f"node type '{kind}' is not an AIF node type; node left out",
                )
                continue
            text = raw.get("text", "")
            if not isinstance(text, str):
                raise AifError((*path, "text"), "a node's 'text' must be a string")
            if kind == "I" and not text.strip():
                raise AifError(
                    (*path, "text") if "text" in raw else path, "an I-node needs text", "write the claim"
                )
            if nid in self.nodes:
                first = self.nodes[nid].path
                raise AifError(
                    (*path, "nodeID"), f"node id '{nid}' is used twice (first at {_show_path(first)})"
                )
            self.nodes[nid] = _Node(nid, kind, text, path)

    def _read_edges(self) -> None:
        for i, raw in enumerate(self._list("edges", True)):
            path = self.at("edges", i)
            if not isinstance(raw, dict):
                raise AifError(path, "an edge must be an object with fromID and toID")
            ends = []
            for key in ("fromID", "toID"):
                nid = _id(raw, key, path)
                if nid not in self.nodes:
                    raise AifError(
                        (*path, key),
                        f"edge points to node '{nid}', which does not exist",
                        "a dangling edge: fix the id or remove the edge",
                    )
                ends.append(nid)
            a, b = ends
            self.nodes[a].out.append(b)
            self.nodes[b].into.append(a)

    def _read_speakers(self) -> None:
        people: dict[str, str] = {}
        for i, raw in enumerate(self._list("participants", False)):
            path = self.at("participants", i)
            if not isinstance(raw, dict) or "participantID" not in raw:
                raise AifError(path, "a participant must be an object with participantID, firstname, surname")
            first, last = raw.get("firstname") or "", raw.get("surname") or ""
            if not isinstance(first, str) or not isinstance(last, str):
                raise AifError(path, "a participant's firstname and surname must be strings")
            name = f"{first} {last}" if first and last else first or last
            if name.strip():
                people[str(raw["participantID"])] = name
        for i, raw in enumerate(self._list("locutions", False)):
            path = self.at("locutions", i)
            if not isinstance(raw, dict):
                raise AifError(path, "a locution must be an object with nodeID and personID")
            nid = _id(raw, "nodeID", path)
            if nid not in self.nodes:
                raise AifError((*path, "nodeID"), f"locution of node '{nid}', which does not exist")
            person = raw.get("personID")
            if person is not None and str(person) in people:
                self.speakers[nid] = people[str(person)]
        for node in self.nodes.values():
            if node.type == "L" and node.nid not in self.speakers:
                m = re.match(r"\s*([^:\n]+?)\s*:\s", node.text)
                if m:
                    self.speakers[node.nid] = m.group(1)

    def _extension(self) -> dict[str, Any]:
        block = self.data.get(_EXTENSION)
        if block is None:
            return {}
        path = self.at(_EXTENSION)
        if not isinstance(block, dict):
            raise AifError(path, "the 'argmap' block must be an object")
        fields = {k: v for k, v in block.items() if k in MAP_EXTRA_FIELDS}
        problem = map_fields_problem(fields)
        if problem:
            where, what = problem
            raise AifError((*path, *where.split(".")), what)
        for key in block:
            if key not in (*MAP_EXTRA_FIELDS, "version", "claims"):
                self.warn((*path, key), "unknown-field", f"'{key}' is not a map field; left out")
        if not isinstance(block.get("claims", {}), dict):
            raise AifError((*path, "claims"), "must be an object of node ids")
        return block

    def _claims(self, extension: dict[str, Any]) -> dict[str, str]:
        """A claim for each I-node, in file order; returns node id -> claim id."""
        claims: dict[str, str] = {}
        ext_path = self.at(_EXTENSION, "claims")
        for node in self.nodes.values():
            if node.type != "I":
                continue
            fields: dict[str, Any] = {"text": node.text}
            extra = extension.get(node.nid)
            if extra is not None and not isinstance(extra, dict):
                raise AifError((*ext_path, node.nid), "must be an object of claim fields")
            extra = extra or {}
            for key, value in extra.items():
                if key == "id":
                    continue
                if key not in _EXTRA:
                    self.warn(
                        (*ext_path, node.nid, key), "unknown-field", f"'{key}' is not a claim field; left out"
                    )
                    continue
                checked, problem = field_value(key, value)
                if problem:
                    raise AifError((*ext_path, node.nid, key), problem)
                fields[key] = checked
            by = self._speaker(node)
            if by:
                fields["by"] = by
            wanted = extra.get("id")
            if isinstance(wanted, str) and ID_RE.fullmatch(wanted) and wanted not in self.builder.taken:
                cid = self.builder.new_id(wanted)
            else:
                cid = self.builder.new_id(node.text)
                if not extra:
                    note = fields.get("note")
                    fields["note"] = f"{note}\nAIF node {node.nid}" if note else f"AIF node {node.nid}"
            claims[node.nid] = cid
            self.builder.add_claim(cid, fields)
        return claims

    def _speaker(self, node: _Node) -> str | None:
        """Who asserted the claim: the speaker of an L-node anchored to it through a YA node."""
        found: list[str] = []
        for anchor in node.into:
            if self.nodes[anchor].type != "YA":
                continue
            for said in self.nodes[anchor].into:
                speaker = self.speakers.get(said)
                if self.nodes[said].type == "L" and speaker and speaker not in found:
                    found.append(speaker)
        if len(found) > 1:
            self.warn(node.path, "several-speakers", f"asserted by {', '.join(found)}; 'by' keeps the first")
        return found[0] if found else None

    def _relations(self, claims: dict[str, str]) -> None:
        for node in self.nodes.values():
            if node.type not in ("RA", "CA", "MA", "PA"):
                continue
            if node.type == "PA":
                self.warn(node.path, "aif-preference", "a preference (PA node) has no argmap form; left out")
                continue
            relation = "opposes" if node.type == "CA" else "supports"
            sources = [claims[n] for n in node.into if n in claims]
            targets = self._targets(node, claims)
            if not sources or not targets:
                missing = "premise" if not sources else "conclusion"
                self.warn(
                    node.path,
                    "aif-incomplete",
                    f"{node.type} node '{node.nid}' has no {missing} claim; left out",
                )
                continue
            if node.type == "MA":
                self.warn(node.path, "aif-rephrase", f"rephrase (MA node '{node.nid}') mapped to support")
            pos = functools.partial(self.locate.pos, node.path)  # found only if a warning needs it
            for source in sources:
                for target in targets:
                    self.builder.relate(source, target, relation, pos)

    def _targets(self, node: _Node, claims: dict[str, str]) -> list[str]:
        """The claims `node` concludes to; an attack on an inference aims at the inference's conclusion."""
        targets = [claims[n] for n in node.out if n in claims]
        for n in node.out:
            hub = self.nodes[n]
            if hub.type in ("RA", "CA", "MA"):
                aimed = [claims[m] for m in hub.out if m in claims]
                if aimed:
                    self.warn(
                        node.path,
                        "aif-undercut",
                        f"{node.type} node '{node.nid}' bears on inference '{hub.nid}'; "
                        f"mapped to bear on its conclusion '{aimed[0]}'",
                        "argmap has no undercuts",
                    )
                    targets += aimed
        return targets

    def _report_dialogue(self) -> None:
        unanchored = [
            n
            for n in self.nodes.values()
            if n.type == "L"
            and not any(
                self.nodes[a].type == "YA" and any(self.nodes[t].type == "I" for t in self.nodes[a].out)
                for a in n.out
            )
        ]
        transitions = [n for n in self.nodes.values() if n.type == "TA"]
        if unanchored or transitions:
            first = (unanchored or transitions)[0]
            self.warn(
                first.path,
                "aif-dialogue",
                f"the dialogue ({len(transitions)} TA node(s), {len(unanchored)} L-node(s)"
                " not asserting a claim) has no argmap form; left out",
                "argmap maps the argument; speakers are kept as 'by' where they assert a claim",
            )


def _id(raw: dict[str, Any], key: str, path: Path_) -> str:
    value = raw.get(key)
    if isinstance(value, bool) or not isinstance(value, str | int) or value == "":
        where = path if key not in raw else (*path, key)
        raise AifError(
            where, f"'{key}' must be a node id (a string or number)" if key in raw else f"no '{key}'"
        )
    return str(value)
