"""argmap → AIF JSON, as OVA and AIFdb write it, with argmap's own fields in an `argmap` block.

One I-node per claim; one RA node per support and one CA node per opposition of a claim
(argmap's plain relations are independent reasons, convergent arguments).  An argument is
one RA (it supports) or CA (it opposes) node fed by all its premises: linked premises.  An
undercut is a CA node aimed at the RA or CA node of the argument it attacks.  A claim's
`by` is an L-node with its locution, a YA node ("Asserting") and a participant.  What AIF
has no place for (ids, kind, quote, tags, note, weight, the question, the source; an
argument's id, gist, by, quote, tags, note) goes in the `argmap` block that AIF tools
ignore and reader.py reads, so argmap → AIF → argmap gives back an equal model.
An argument's `scheme` is its node's text, as OVA writes scheme names.
"""

from __future__ import annotations

import json
import os
import re
from datetime import UTC, datetime
from typing import Any

from argmap.formats._build import ARGUMENT_EXTRA_FIELDS, CLAIM_DATA_FIELDS, MAP_EXTRA_FIELDS
from argmap.model import ArgMap

#: The note line an imported claim or argument keeps its AIF node id in.
MARKER = re.compile(r"(?:^|\n)AIF node (\S+)\Z")
EXTENSION = "argmap"
#: Claim fields AIF has no place for (text is the I-node's, `by` the locution's).
CLAIM_EXTRA = tuple(f for f in CLAIM_DATA_FIELDS if f not in ("text", "by"))
#: Argument fields AIF has no place for (the scheme is also the node's text, as OVA writes it,
#: but only the block keeps it exactly: "Default Inference" is a scheme too).
ARGUMENT_EXTRA = ARGUMENT_EXTRA_FIELDS
DEFAULT_LABELS = {"RA": "Default Inference", "CA": "Default Conflict", "MA": "Default Rephrase"}


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
    claims: dict[str, Any] = {}
    arguments: dict[str, Any] = {}

    def node(nid: str, text: str, kind: str) -> str:
        nodes.append({"nodeID": nid, "text": text, "type": kind, "timestamp": stamp})
        return nid

    def edge(a: str, b: str) -> None:
        edges.append({"edgeID": str(len(edges) + 1), "fromID": a, "toID": b, "formEdgeID": None})

    for cid, claim in model.claims.items():
        node(ids[cid], claim.text, "I")
        extra = claim.model_dump(mode="json", include=set(CLAIM_EXTRA), exclude_defaults=True)
        claims[ids[cid]] = {"id": cid, **extra}
    # the hub node of each argument first, so that undercuts can aim at it
    for aid, argument in model.arguments.items():
        kind = "RA" if argument.supports is not None else "CA"
        node(ids[aid], argument.scheme or DEFAULT_LABELS[kind], kind)
        extra = argument.model_dump(mode="json", include=set(ARGUMENT_EXTRA), exclude_defaults=True)
        arguments[ids[aid]] = {"id": aid, **extra}
    for aid, argument in model.arguments.items():
        for premise in argument.premises:
            if premise in ids:
                edge(ids[premise], ids[aid])
        relation_target = argument.conclusion
        if relation_target is not None and relation_target[1] in ids:
            edge(ids[aid], ids[relation_target[1]])
    for cid, claim in model.claims.items():
        if claim.by is not None:
            pid = participants.setdefault(claim.by, len(participants) + 1)
            said = node(counter.next(), f"{claim.by} : {claim.text}", "L")
            anchor = node(counter.next(), "Asserting", "YA")
            edge(said, anchor)
            edge(anchor, ids[cid])
            locutions.append({"nodeID": said, "personID": str(pid), "timestamp": stamp})
        for relation, kind in (("supports", "RA"), ("opposes", "CA"), ("undercuts", "CA")):
            for target in getattr(claim, relation):
                if target in ids:
                    hub = node(counter.next(), DEFAULT_LABELS[kind], kind)
                    edge(ids[cid], hub)
                    edge(hub, ids[target])
    block: dict[str, Any] = {
        "version": 1,
        **model.model_dump(mode="json", include=set(MAP_EXTRA_FIELDS), exclude_defaults=True),
        "claims": claims,
    }
    if arguments:
        block["arguments"] = arguments
    return {
        "nodes": nodes,
        "edges": edges,
        "locutions": locutions,
        "participants": [
            {"participantID": pid, "firstname": name, "surname": ""} for name, pid in participants.items()
        ],
        EXTENSION: block,
    }


def _node_ids(model: ArgMap) -> dict[str, str]:
    """The node id of each claim (I-node) and argument (RA or CA node): the one its note
    remembers from an AIF import, else 1, 2, …"""
    ids: dict[str, str] = {}
    used: set[str] = set()
    notes = [(cid, claim.note) for cid, claim in model.claims.items()]
    notes += [(aid, argument.note) for aid, argument in model.arguments.items()]
    for key, note in notes:
        m = MARKER.search(note or "")
        if m and m.group(1) not in used:
            ids[key] = m.group(1)
            used.add(m.group(1))
    counter = _Counter(used)
    for key, _ in notes:
        if key not in ids:
            ids[key] = counter.next()
    return ids


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
