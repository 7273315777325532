"""The argument as a tree: question → positions → what supports or opposes each, recursively.

An argument with linked premises appears under its conclusion as one branch
(`Branch.argument`), with its premises beneath it (relation "premise") and
then whatever undercuts it (relation "undercuts").

A map is a graph, not a tree: one claim may support two positions, and reasons
may form cycles.  Readers still want a tree.  We give every claim one *home* —
the first place a depth-first walk from the positions (in file order, reasons
in file order) meets it — and show it there in full.  Everywhere else it
appears as a *reference*: shown, marked, never expanded again.  This keeps the
tree finite on cycles and linear in the size of the map, and it is the same
tree for the editor, the Markdown export and anyone else who needs one.

Claims no walk from a position reaches (an unconnected claim, or a cluster of
reasons attached to nothing) become extra roots, in file order, so nothing in
the map is ever hidden.

`children()` answers one node at a time, so a user interface can build its
tree lazily; `outline()` builds the whole tree eagerly for exporters.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from argmap.graph import Graph, Relation
from argmap.model import ArgMap


@dataclass(frozen=True)
class Branch:
    """One place a claim appears in the tree."""

    id: str
    #: how this claim (or argument) bears on its parent; None for a root
    relation: Relation | None
    #: the claim this branch hangs under; None for a root
    parent: str | None
    #: True when the claim's home is elsewhere: show it, do not expand it
    reference: bool
    depth: int
    #: True when `id` names an argument (an inference with its premises), not a claim
    argument: bool = False


class Outline:
    """The tree of one map, with a home for every claim."""

    def __init__(self, model: ArgMap, graph: Graph | None = None) -> None:
        self.model = model
        self.graph = graph or Graph.of(model)
        self.roots: list[str] = []
        #: claim id -> the parent it is shown in full under (None for roots)
        self.home: dict[str, str | None] = {}
        self._place()

    def _place(self) -> None:
        positions = [cid for cid in self.graph.order if self.model.claims[cid].kind == "position"]
        # Positions are roots even when they also oppose one another: home them
        # all before walking, so no position is shown in full under a rival.
        for start in positions:
            self.home[start] = None
        for start in positions:
            self._walk(start)
        # Whatever the positions do not reach: first the claims that bear on
        # nothing (an unconnected claim, or the top of a stray cluster), then
        # any leftovers (reasons caught in a cycle), always in file order.
        nodes = [*self.graph.order, *self.graph.arguments]
        for nid in nodes:
            if nid not in self.home and not self.graph.out.get(nid):
                self._walk(nid)
        for nid in nodes:
            if nid not in self.home:
                self._walk(nid)

    def _walk(self, root: str) -> None:
        """Depth-first from `root` in reading order; a claim's home is where the walk first shows it.

        Iterative (maps can be deep); a claim is placed when it is popped, not
        when it is pushed, so its home is its first appearance in the tree.
        """
        self.roots.append(root)
        self.home[root] = None
        stack = [(edge.source, root) for edge in reversed(self.graph.reasons(root))]
        while stack:
            cid, parent = stack.pop()
            if cid in self.home:
                continue
            self.home[cid] = parent
            stack.extend((edge.source, cid) for edge in reversed(self.graph.reasons(cid)))

    def children(self, cid: str) -> list[Branch]:
        """The branches directly under the home of `cid`, in file order of the reasons."""
        depth = self.depth(cid) + 1
        return [
            Branch(
                id=edge.source,
                relation=edge.relation,
                parent=cid,
                reference=self.home.get(edge.source) != cid,
                depth=depth,
                argument=self.graph.is_argument(edge.source),
            )
            for edge in self.graph.reasons(cid)
        ]

    def root_branches(self) -> list[Branch]:
        return [
            Branch(
                id=nid,
                relation=None,
                parent=None,
                reference=False,
                depth=0,
                argument=self.graph.is_argument(nid),
            )
            for nid in self.roots
        ]

    def depth(self, cid: str) -> int:
        """How far below a root the home of `cid` is."""
        depth = 0
        parent = self.home.get(cid)
        while parent is not None:
            depth += 1
            parent = self.home.get(parent)
        return depth

    def path(self, cid: str) -> list[str]:
        """The claims from a root down to `cid` along homes (for a breadcrumb)."""
        chain = [cid]
        parent = self.home.get(cid)
        while parent is not None:
            chain.append(parent)
            parent = self.home.get(parent)
        return list(reversed(chain))

    def walk(self) -> Iterator[Branch]:
        """Every branch of the whole tree, depth first, in reading order."""
        stack = list(reversed(self.root_branches()))
        while stack:
            branch = stack.pop()
            yield branch
            if not branch.reference:
                stack.extend(reversed(self.children(branch.id)))


def outline(model: ArgMap) -> Outline:
    return Outline(model)
