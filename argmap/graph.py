"""The map as a directed graph: each relation is an edge from the reason to what it bears on.

The nodes are the claims and the arguments (inferences) of the map.  A plain
`supports`/`opposes` is an edge from claim to claim.  An argument has an edge
from each of its premises (relation "premise") and one to its conclusion
("supports", "opposes", or "undercuts" when it attacks another argument); a
claim that undercuts an argument has an edge to it ("undercuts").
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Literal

from argmap.model import ArgMap

Relation = Literal["supports", "opposes", "undercuts", "premise"]
#: Relations that argue for or against their target, as opposed to feeding an inference.
ATTACKS: frozenset[str] = frozenset({"opposes", "undercuts"})


@dataclass(frozen=True, slots=True)
class Edge:
    source: str  # the claim (or argument) giving the reason
    target: str  # the claim (or argument) it bears on
    relation: Relation


@dataclass
class Graph:
    """Edges between existing claims and arguments, in file order; dangling or ill-typed
    references (errors the checker reports) are left out."""

    order: list[str]  # claims, in file order
    edges: list[Edge]
    out: dict[str, list[Edge]] = field(default_factory=dict)
    into: dict[str, list[Edge]] = field(default_factory=dict)
    arguments: list[str] = field(default_factory=list)  # arguments, in file order

    @classmethod
    def of(cls, model: ArgMap) -> Graph:
        order = list(model.claims)
        arguments = [aid for aid in model.arguments if aid not in model.claims]
        out: dict[str, list[Edge]] = {nid: [] for nid in (*order, *arguments)}
        into: dict[str, list[Edge]] = {nid: [] for nid in out}
        edges: list[Edge] = []
        claims = model.claims
        is_argument = set(arguments).__contains__

        def add(source: str, target: str, relation: Relation) -> None:
            edge = Edge(source, target, relation)
            edges.append(edge)
            out[source].append(edge)
            into[target].append(edge)

        for cid, claim in claims.items():
            seen: set[tuple[str, str]] = set()
            for relation in ("supports", "opposes", "undercuts"):
                for target in getattr(claim, relation):
                    fits = is_argument(target) if relation == "undercuts" else target in claims
                    if not fits or target == cid or (relation, target) in seen:
                        continue
                    seen.add((relation, target))
                    add(cid, target, relation)
        for aid in arguments:
            argument = model.arguments[aid]
            conclusion = argument.conclusion
            premises = list(dict.fromkeys(p for p in argument.premises if p in claims))
            if conclusion is None or not premises:
                continue  # an argument without premises or conclusion bears on nothing
            relation, target = conclusion
            fits = is_argument(target) if relation == "undercuts" else target in claims
            if not fits or target == aid or target in premises:
                continue
            for premise in premises:
                add(premise, aid, "premise")
            add(aid, target, relation)  # type: ignore[arg-type]
        return cls(order, edges, out, into, arguments)

    def __post_init__(self) -> None:
        self._argument_ids = frozenset(self.arguments)

    def is_argument(self, nid: str) -> bool:
        """Whether `nid` names an argument (an inference) rather than a claim."""
        return nid in self._argument_ids

    def premises(self, aid: str) -> list[str]:
        """The premises of argument `aid` (claims), in the order written."""
        return [e.source for e in self.into[aid] if e.relation == "premise"]

    def undercutters(self, aid: str) -> list[str]:
        """The claims and arguments that undercut argument `aid`."""
        return [e.source for e in self.into[aid] if e.relation == "undercuts"]

    def conclusion(self, aid: str) -> Edge | None:
        """The edge from argument `aid` to what it concludes, when it has a valid one."""
        found = self.out[aid]
        return found[0] if found else None

    def neighbours(self, cid: str) -> list[Edge]:
        return self.out[cid] + self.into[cid]

    def reasons(self, nid: str) -> list[Edge]:
        """The edges of what bears on `nid`: on a claim, its reasons and objections, plain ones
        first, then arguments; on an argument, its premises, then what undercuts it."""
        into = self.into[nid]
        if nid in self._argument_ids:
            return sorted(into, key=lambda e: e.relation != "premise")  # stable: file order within
        return into

    def reaching(self, targets: list[str]) -> set[str]:
        """Every claim and argument from which one of `targets` can be reached along relations."""
        found = set(targets)
        queue = deque(targets)
        while queue:
            for edge in self.into[queue.popleft()]:
                if edge.source not in found:
                    found.add(edge.source)
                    queue.append(edge.source)
        return found

    def support_cycles(self) -> list[list[str]]:
        """One cycle of `supports` for each group of claims that support each other in a circle."""
        nodes = [*self.order, *self.arguments]
        supporting = {a for a in self.arguments if (c := self.conclusion(a)) and c.relation == "supports"}
        succ = {
            nid: [
                e.target
                for e in self.out[nid]
                if e.relation == "supports" or (e.relation == "premise" and e.target in supporting)
            ]
            for nid in nodes
        }
        cycles = []
        for component in _strongly_connected(nodes, succ):
            if len(component) > 1:
                cycles.append(_cycle_in(component, succ, nodes))
        rank = {nid: i for i, nid in enumerate(nodes)}
        return sorted(cycles, key=lambda c: rank[c[0]])


def _strongly_connected(order: list[str], succ: dict[str, list[str]]) -> list[set[str]]:
    """Tarjan's algorithm, iterative so that long chains cannot overflow the stack."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[set[str]] = []
    counter = 0
    for root in order:
        if root in index:
            continue
        work = [(root, iter(succ[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(succ[child])))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                components.append(component)
    return components


def _cycle_in(component: set[str], succ: dict[str, list[str]], order: list[str]) -> list[str]:
    """A shortest cycle through the component's first claim (in file order)."""
    start = next(cid for cid in order if cid in component)
    parent: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for child in succ[node]:
            if child not in component:
                continue
            if child == start:
                path = [node]
                while path[-1] != start:
                    path.append(parent[path[-1]])
                return path[::-1]
            if child not in parent:
                parent[child] = node
                queue.append(child)
    return [start]  # pragma: no cover - a component of two or more always has a cycle
