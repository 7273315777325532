"""AIF JSON → argmap: the graph of an AIF file (AIFdb's flat form or OVA3's `{"AIF": …}`) as a map.

AIF is a graph of nodes joined by edges.  I-nodes hold claims (propositions).  An S-node
joins what flows into it to what it points at: an RA node (inference) says its premises
together support its conclusion; a CA node (conflict) that its premises attack what it
points at; an MA node (rephrase) that its conclusion restates its premise; a PA node
states a preference.  L-nodes are what someone said, tied to an I-node by a YA node
(an illocution: asserting, questioning, conceding, …); TA nodes join locutions into a
dialogue.

What each becomes:

- an I-node is a claim (in file order); a YA "Asserting" from a speaker's L-node gives
  its `by`; other illocutions (questioning, challenging, conceding, …) are kept in its note;
- an RA or CA node with one premise and one conclusion claim is a plain `supports` or
  `opposes`; with several premises (linked), or when something attacks or supports the
  step itself, it is an argument;
- a CA node aimed at an RA or CA node undercuts that step: it denies that the premises
  lead to the conclusion (so a conflict aimed at a conflict *defends* the claim the first
  conflict attacked — it does not attack it);
- an RA node aimed at an RA or CA node supports that step: its premises (a warrant)
  become co-premises of the step;
- an MA node is support from the restated claim; PA, TA and the rest of the dialogue have
  no place in a map: left out, with a warning.

Without the `argmap` block of an argmap export, a claim's id is made from its text and its
node id is kept in its note ("AIF node 12"), which the writer reuses.  Structural problems
are errors located by JSON path and line:column; metadata problems (a locution of a node
that does not exist) are warnings, as other AIF tools have them.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from typing import Any

from argmap.diagnostics import Pos
from argmap.formats import Imported
from argmap.formats._build import MAP_EXTRA_FIELDS, MapBuilder, field_value, map_fields_problem
from argmap.formats.aif.locate import LONE_SURROGATE, AifError, Locator, Path_, show_path
from argmap.formats.aif.writer import ARGUMENT_EXTRA, CLAIM_EXTRA, DEFAULT_LABELS, EXTENSION
from argmap.model import ID_RE

_NODE_TYPES = {"I", "L", "RA", "CA", "MA", "PA", "TA", "YA"}
_HUBS = ("RA", "CA", "MA")
_ASSERTING = "asserting"


@dataclass
class _Node:
    nid: str
    type: str
    text: str
    path: Path_
    raw: dict[str, Any]
    into: list[str] = field(default_factory=list)  # node ids with an edge to this one
    out: list[str] = field(default_factory=list)


def parse(text: str, file: str) -> Imported:
    """Read AIF JSON; structural problems are errors located by JSON path and line:column."""
    builder = MapBuilder(file)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        builder.error(Pos(exc.lineno, exc.colno), "json-syntax", f"not valid JSON: {exc.msg}")
        return Imported(None, builder.diagnostics, builder.report)
    except RecursionError:
        builder.error(Pos(1, 1), "json-syntax", "the JSON is nested too deeply")
        return Imported(None, builder.diagnostics, builder.report)
    lone = LONE_SURROGATE.search(text)
    if lone:
        line = text.count("\n", 0, lone.start()) + 1
        col = lone.start() - (text.rfind("\n", 0, lone.start()) + 1) + 1
        builder.error(
            Pos(line, col), "json-syntax", f"'{lone.group(0)}' is half of a character pair, not text"
        )
        return Imported(None, builder.diagnostics, builder.report)
    graph = _Graph(builder, text)
    try:
        return graph.read(data).build()
    except AifError as exc:
        where = show_path(exc.path)
        builder.error(graph.locate.pos(exc.path), "aif", f"{where}: {exc.message}", exc.hint)
        return Imported(None, builder.diagnostics, builder.report)


class _Graph:
    def __init__(self, builder: MapBuilder, text: str):
        self.builder = builder
        self.report = builder.report
        self.locate = Locator(text)
        self.root: Path_ = ()
        self.data: dict[str, Any] = {}
        self.nodes: dict[str, _Node] = {}
        self.speakers: dict[str, str] = {}  # L-node id -> speaker
        self.claims: dict[str, str] = {}  # I-node id -> claim id
        self.arguments: dict[str, str] = {}  # hub node id -> argument id
        self.plain: dict[tuple[str, str], str] = {}  # (claim, claim) -> plain relation between them

    def read(self, data: Any) -> _Graph:
        if isinstance(data, dict) and isinstance(data.get("AIF"), dict):  # OVA3 wraps AIF in "AIF"
            data, self.root = data["AIF"], ("AIF",)
            self.report.kept("OVA3 wrapper")
        if not isinstance(data, dict):
            raise AifError((), "an AIF document is a JSON object with 'nodes' and 'edges'")
        self.data = data
        return self

    def at(self, *path: str | int) -> Path_:
        return (*self.root, *path)

    def where(self, path: Path_) -> functools.partial[Pos | None]:
        """The position of `path`, found only if a warning needs it (finding one walks the text)."""
        return functools.partial(self.locate.pos, path)

    def warn(self, path: Path_, code: str, message: str, hint: str | None = None) -> None:
        self.builder.warning(self.where(path), code, f"{show_path(path)}: {message}", hint)

    def build(self) -> Imported:
        self._read_nodes()
        self._read_edges()
        self._read_speakers()
        block = self._extension()
        self._claims(block.get("claims", {}))
        self._structure(block.get("arguments", {}))
        self._report_dialogue()
        fields = {k: v for k, v in block.items() if k in MAP_EXTRA_FIELDS}
        return self.builder.build(fields, infer_positions=EXTENSION not in self.data)

    # -- reading the lists ---------------------------------------------------------

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
                self.report.left_out(f"nodes of unknown type ({kind})")
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
                    (*path, "nodeID"), f"node id '{nid}' is used twice (first at {show_path(first)})"
                )
            self.nodes[nid] = _Node(nid, kind, text, path, raw)

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
            if a == b:  # a step that concludes itself, or a claim that is its own reason
                self.warn(path, "aif-self-edge", f"edge from node '{a}' to itself means nothing; left out")
                self.report.left_out("edges from a node to itself")
                continue
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
            nid = raw.get("nodeID")
            if isinstance(nid, bool) or not isinstance(nid, str | int) or str(nid) not in self.nodes:
                shown = f"node '{nid}', which does not exist" if nid is not None else "no node (no 'nodeID')"
                self.warn(
                    (*path, "nodeID") if "nodeID" in raw else path,
                    "aif-locution",
                    f"locution of {shown}; left out",
                    "locutions only name speakers: the rest of the file is read as it is",
                )
                self.report.left_out("locutions of missing nodes")
                continue
            person = raw.get("personID")
            if person is not None and str(person) in people:
                self.speakers[str(nid)] = people[str(person)]
        for node in self.nodes.values():
            if node.type == "L" and node.nid not in self.speakers:
                m = re.match(r"\s*([^:\n]+?)\s*:\s", node.text)
                if m:
                    self.speakers[node.nid] = m.group(1)

    def _extension(self) -> dict[str, Any]:
        block = self.data.get(EXTENSION)
        if block is None:
            return {}
        path = self.at(EXTENSION)
        if not isinstance(block, dict):
            raise AifError(path, "the 'argmap' block must be an object")
        fields = {k: v for k, v in block.items() if k in MAP_EXTRA_FIELDS}
        problem = map_fields_problem(fields)
        if problem:
            where, what = problem
            raise AifError((*path, *where.split(".")), what)
        for key in block:
            if key not in (*MAP_EXTRA_FIELDS, "version", "claims", "arguments"):
                self.warn((*path, key), "unknown-field", f"'{key}' is not a map field; left out")
        for key in ("claims", "arguments"):
            if not isinstance(block.get(key, {}), dict):
                raise AifError((*path, key), "must be an object of node ids")
        self.report.kept("argmap block")
        return block

    # -- claims --------------------------------------------------------------------

    def _claims(self, extension: dict[str, Any]) -> None:
        """A claim for each I-node, in file order."""
        ext_path = self.at(EXTENSION, "claims")
        for node in self.nodes.values():
            if node.type != "I":
                continue
            fields: dict[str, Any] = {"text": node.text}
            extra = self._extra(extension, node.nid, ext_path, CLAIM_EXTRA, fields, argument=False)
            by = self._illocutions(node, fields)
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
            self.claims[node.nid] = cid
            self.builder.add_claim(cid, fields)
            self.report.kept("I-nodes")

    def _extra(
        self,
        extension: dict[str, Any],
        nid: str,
        ext_path: Path_,
        allowed: tuple[str, ...],
        fields: dict[str, Any],
        *,
        argument: bool,
    ) -> dict[str, Any]:
        """The node's entry in the `argmap` block: its fields copied into `fields`."""
        extra = extension.get(nid)
        if extra is not None and not isinstance(extra, dict):
            raise AifError((*ext_path, nid), "must be an object of fields")
        extra = extra or {}
        for key, value in extra.items():
            if key == "id":
                continue
            if key not in allowed:
                what = "an argument" if argument else "a claim"
                self.warn((*ext_path, nid, key), "unknown-field", f"'{key}' is not {what} field; left out")
                continue
            checked, problem = field_value(key, value, argument=argument)
            if problem:
                raise AifError((*ext_path, nid, key), problem)
            fields[key] = checked
        return extra

    def _illocutions(self, node: _Node, fields: dict[str, Any]) -> str | None:
        """Who asserted the claim (its `by`); other illocutions on it go in its note."""
        asserted: list[str] = []
        for anchor in node.into:
            ya = self.nodes[anchor]
            if ya.type != "YA":
                continue
            said = [self.nodes[n] for n in ya.into if self.nodes[n].type == "L"]
            force = ya.text.strip() or "Asserting"
            locutions: list[_Node | None] = [*said] or [None]
            for locution in locutions:
                speaker = self.speakers.get(locution.nid) if locution else None
                if force.lower() == _ASSERTING:
                    if speaker and speaker not in asserted:
                        asserted.append(speaker)
                    continue
                who = f"by {speaker}" if speaker else "by an unnamed speaker"
                line = f"AIF: {force} {who}" + (f" (“{_short(locution.text)}”)" if locution else "")
                fields.setdefault("_illocutions", []).append(line)
                self.warn(
                    ya.path,
                    "aif-illocution",
                    f"YA node '{ya.nid}' ({force}) {who} on claim “{_short(node.text)}”: "
                    "the claim is kept, the illocution in its note",
                    "argmap's `by` says who asserts a claim; other speech acts have no field",
                )
                self.report.mapped(f"illocutions: {force}")
        lines = fields.pop("_illocutions", [])
        if lines:
            note = fields.get("note")
            fields["note"] = "\n".join([note, *lines] if note else lines)
        if len(asserted) > 1:
            self.warn(
                node.path, "several-speakers", f"asserted by {', '.join(asserted)}; 'by' keeps the first"
            )
            self.report.mapped("several speakers of one claim")
        if asserted:
            self.report.kept("speakers (L-node, YA Asserting)")
        return asserted[0] if asserted else None

    # -- inferences, conflicts, rephrases ------------------------------------------

    def _structure(self, extension: dict[str, Any]) -> None:
        hubs = [n for n in self.nodes.values() if n.type in (*_HUBS, "PA")]
        premises: dict[str, list[str]] = {}
        for hub in hubs:
            if hub.type == "PA":
                self.warn(hub.path, "aif-preference", "a preference (PA node) has no argmap form; left out")
                self.report.left_out("PA nodes (preferences)")
                continue
            premises[hub.nid] = [self.claims[n] for n in hub.into if n in self.claims]
        # RA (or MA) nodes aimed at another S-node: their premises back that step (co-premises)
        backing: dict[str, list[str]] = {}
        for hub in hubs:
            if hub.type not in ("RA", "MA") or hub.nid not in premises:
                continue
            for n in hub.out:
                if self.nodes[n].type in _HUBS:
                    backing.setdefault(n, []).append(hub.nid)
        undercut: dict[str, list[str]] = {}  # target hub -> CA hubs aimed at it
        for hub in hubs:
            if hub.type == "CA" and hub.nid in premises:
                for n in hub.out:
                    if self.nodes[n].type in _HUBS:
                        undercut.setdefault(n, []).append(hub.nid)
        ext_path = self.at(EXTENSION, "arguments")
        # a hub is an argument when its premises are linked, when its step is attacked or
        # backed, or when the argmap block says so; otherwise plain relations
        steps: dict[str, list[tuple[str, str]]] = {}  # hub -> [(relation, target)]
        for hub in hubs:
            if hub.nid not in premises:
                continue
            targets: list[tuple[str, str]] = []
            for n in hub.out:
                other = self.nodes[n]
                if n in self.claims:
                    targets.append(("opposes" if hub.type == "CA" else "supports", n))
                elif other.type in _HUBS and hub.type == "CA":
                    targets.append(("undercuts", n))
            steps[hub.nid] = targets
        for hub in hubs:
            if hub.nid not in steps:
                continue
            self._hub(hub, premises, backing, undercut, steps, extension, ext_path)
        for hub in hubs:  # in file order, so that each claim keeps the order of its undercuts
            if hub.type == "CA" and hub.nid in premises:
                for n in hub.out:
                    if self.nodes[n].type in _HUBS:
                        self._undercut(hub, n, premises, steps)

    def _hub(
        self,
        hub: _Node,
        premises: dict[str, list[str]],
        backing: dict[str, list[str]],
        undercut: dict[str, list[str]],
        steps: dict[str, list[tuple[str, str]]],
        extension: dict[str, Any],
        ext_path: Path_,
    ) -> None:
        own = premises[hub.nid]
        claim_targets = [(rel, n) for rel, n in steps[hub.nid] if rel != "undercuts"]
        backed_by = backing.get(hub.nid, [])
        meta_out = [n for n in hub.out if self.nodes[n].type in _HUBS]
        if hub.type in ("RA", "MA") and meta_out:
            # backs another step: its premises are co-premises there (handled by that step)
            for n in meta_out:
                self.warn(
                    hub.path,
                    "aif-backing",
                    f"{hub.type} node '{hub.nid}' supports the {self.nodes[n].type} node '{n}' (a step, "
                    "not a claim): its premises become co-premises of that step",
                    "argmap supports claims; a reason for a step is one of its linked premises",
                )
                self.report.mapped(f"{hub.type} → {self.nodes[n].type} (support of a step)")
            if not claim_targets:
                return
        if not own or (not claim_targets and not any(rel == "undercuts" for rel, _ in steps[hub.nid])):
            missing = "premise claim" if not own else "conclusion"
            self.warn(hub.path, "aif-incomplete", f"{hub.type} node '{hub.nid}' has no {missing}; left out")
            self.report.left_out(f"{hub.type} nodes without premise or conclusion")
            return
        if hub.type == "MA":
            self.warn(hub.path, "aif-rephrase", f"rephrase (MA node '{hub.nid}') mapped to support")
            self.report.mapped("MA nodes (rephrases)")
        co_premises = [p for b in backed_by for p in premises.get(b, [])]
        in_block = hub.nid in extension
        # one premise, one conclusion: a plain relation, unless the same claim already bears the
        # other way on that target (argmap's plain relations cannot say both; an argument can)
        clash = len(own) == 1 and any(
            self.plain.get((own[0], self.claims[target])) not in (None, rel) for rel, target in claim_targets
        )
        needs_argument = len(own) > 1 or co_premises or hub.nid in undercut or in_block or clash
        pos = self.where(hub.path)
        all_premises = [*own, *(p for p in co_premises if p not in own)]
        undercuts = [n for rel, n in steps[hub.nid] if rel == "undercuts"]
        if undercuts and needs_argument and not claim_targets:
            # a linked (or attacked) undercut: an argument whose conclusion _undercut sets
            fields = self._argument_fields(hub, extension, ext_path)
            aid = self._argument_id(fields.pop("_extra"), hub, own[0], "undercuts", 0)
            self.builder.add_argument(aid, all_premises, fields, pos)
            self.arguments[hub.nid] = aid
            return
        for i, (rel, target) in enumerate(claim_targets):
            target_cid = self.claims[target]
            if not needs_argument:
                for source in own:
                    self.builder.relate(source, target_cid, rel, pos)
                    self.plain.setdefault((source, target_cid), rel)
                self.report.kept(f"{hub.type} nodes" if hub.type != "MA" else "MA nodes as support")
                continue
            fields = self._argument_fields(hub, extension, ext_path) if i == 0 else {"_extra": {}}
            aid = self._argument_id(fields.pop("_extra"), hub, target_cid, rel, i)
            self.builder.add_argument(aid, all_premises, fields, pos)
            self.builder.conclude(aid, rel, target_cid)
            if i == 0:
                self.arguments[hub.nid] = aid
            self.report.kept(f"{hub.type} nodes" if hub.type != "MA" else "MA nodes as support")
            if len(all_premises) > 1:
                self.report.kept("linked premises")

    def _argument_fields(self, hub: _Node, extension: dict[str, Any], ext_path: Path_) -> dict[str, Any]:
        """An argument's fields from its node (the scheme) and the argmap block ("_extra": its entry)."""
        fields: dict[str, Any] = {}
        label = hub.text.strip()
        scheme = hub.raw.get("scheme")
        if label and label not in DEFAULT_LABELS.values():
            fields["scheme"] = label
        elif isinstance(scheme, str) and scheme.strip() and scheme not in DEFAULT_LABELS.values():
            fields["scheme"] = scheme.strip()
        extra = self._extra(extension, hub.nid, ext_path, ARGUMENT_EXTRA, fields, argument=True)
        if not extra:
            note = fields.get("note")
            fields["note"] = f"{note}\nAIF node {hub.nid}" if note else f"AIF node {hub.nid}"
        fields["_extra"] = extra
        return fields

    def _argument_id(self, extra: dict[str, Any], hub: _Node, target: str, rel: str, i: int) -> str:
        wanted = extra.get("id")
        if isinstance(wanted, str) and ID_RE.fullmatch(wanted) and wanted not in self.builder.taken:
            return self.builder.new_id(wanted)
        suffix = {"supports": "argument", "opposes": "objection", "undercuts": "undercut"}[rel]
        return self.builder.new_id(f"{target}-{suffix}" + (f"-{i + 1}" if i else ""))

    def _undercut(
        self,
        ca: _Node,
        target_hub: str,
        premises: dict[str, list[str]],
        steps: dict[str, list[tuple[str, str]]],
    ) -> None:
        """CA node `ca` aims at the S-node `target_hub`: it undercuts that step."""
        target = self.nodes[target_hub]
        aid = self.arguments.get(target_hub)
        own = premises.get(ca.nid, [])
        pos = self.where(ca.path)
        if aid is None or not own:
            what = (
                "no premise claim"
                if not own
                else f"its target, {target.type} node '{target_hub}', is no step"
            )
            self.warn(ca.path, "aif-incomplete", f"CA node '{ca.nid}' undercuts, but has {what}; left out")
            self.report.left_out("CA → S-node (undercuts) that cannot be placed")
            return
        attacked = "conflict" if target.type == "CA" else "inference"
        self.report.kept(f"CA → {target.type} (undercut)")
        if len(own) == 1 and ca.nid not in self.arguments:
            self.builder.relate(own[0], aid, "undercuts", pos)
        elif ca.nid not in self.arguments:
            uid = self.builder.new_id(f"{aid}-undercut")
            self.builder.add_argument(uid, own, {"note": f"AIF node {ca.nid}"}, pos)
            self.builder.conclude(uid, "undercuts", aid)
            self.arguments[ca.nid] = uid
        else:  # the CA is an argument itself (attacked, or linked): it concludes the undercut
            self.builder.conclude(self.arguments[ca.nid], "undercuts", aid)
        if target.type == "CA" and EXTENSION not in self.data:  # explain it, for files from other tools
            self.warn(
                ca.path,
                "aif-undercut",
                f"CA node '{ca.nid}' attacks the {attacked} '{target_hub}': it undercuts '{aid}', so it "
                "defends the claim that conflict attacks (it does not attack that claim)",
            )

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
        ya_on_steps = [
            n
            for n in self.nodes.values()
            if n.type == "YA" and not any(self.nodes[t].type == "I" for t in n.out)
        ]
        self.report.left_out("TA nodes (dialogue)", len(transitions))
        self.report.left_out("L-nodes asserting no claim", len(unanchored))
        self.report.left_out("YA nodes anchoring steps or transitions", len(ya_on_steps))
        if unanchored or transitions or ya_on_steps:
            first = (transitions or unanchored or ya_on_steps)[0]
            self.warn(
                first.path,
                "aif-dialogue",
                f"the dialogue ({len(transitions)} TA node(s), {len(unanchored)} L-node(s) not anchored in "
                f"a claim, {len(ya_on_steps)} YA node(s) anchoring steps or transitions) has no argmap "
                "form; left out",
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


def _short(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
