"""The map as a directed graph: each relation is an edge from the reason to its target."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Literal

from argmap.model import ArgMap

Relation = Literal["supports", "opposes"]


@dataclass(frozen=True, slots=True)
class Edge:
    source: str  # the claim giving the reason
    target: str  # the claim it supports or opposes
    relation: Relation


@dataclass
class Graph:
    """Edges between existing claims, in file order; dangling references are left out."""

    order: list[str]
    edges: list[Edge]
    out: dict[str, list[Edge]] = field(default_factory=dict)
    into: dict[str, list[Edge]] = field(default_factory=dict)

    @classmethod
    def of(cls, model: ArgMap) -> Graph:
        order = list(model.claims)
        out: dict[str, list[Edge]] = {cid: [] for cid in order}
        into: dict[str, list[Edge]] = {cid: [] for cid in order}
        edges: list[Edge] = []
        for cid, claim in model.claims.items():
            seen: set[tuple[str, str]] = set()
            for relation in ("supports", "opposes"):
                for target in getattr(claim, relation):
                    if target not in out or target == cid or (relation, target) in seen:
                        continue
                    seen.add((relation, target))
                    edge = Edge(cid, target, relation)  # type: ignore[arg-type]
                    edges.append(edge)
                    out[cid].append(edge)
                    into[target].append(edge)
        return cls(order, edges, out, into)

    def neighbours(self, cid: str) -> list[Edge]:
        return self.out[cid] + self.into[cid]

    def reasons(self, cid: str) -> list[Edge]:
        """The edges of the claims that support or oppose `cid`."""
        return self.into[cid]

    def reaching(self, targets: list[str]) -> set[str]:
        """Every claim from which one of `targets` can be reached along relations."""
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
        succ = {cid: [e.target for e in self.out[cid] if e.relation == "supports"] for cid in self.order}
        cycles = []
        for component in _strongly_connected(self.order, succ):
            if len(component) > 1:
                cycles.append(_cycle_in(component, succ, self.order))
        rank = {cid: i for i, cid in enumerate(self.order)}
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
