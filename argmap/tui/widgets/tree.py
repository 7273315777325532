"""The argument tree: question → positions → what supports or opposes each, built lazily.

Nodes below a claim are created only when it is expanded, so a map of ten
thousand claims opens as fast as one of ten.  The tree is rebuilt after every
change from a fresh `Outline`; which claims were expanded and where the cursor
stood are remembered by claim id, so a rebuild looks like an update.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from argmap.model import ArgMap
from argmap.outline import Branch, Outline
from argmap.tui.widgets.labels import argument_label, claim_label, shorten

Node = TreeNode[Branch | None]

#: Maps up to this many claims open fully expanded; bigger ones show their positions only.
EXPAND_ALL_UP_TO = 200
_STYLE_NAMES = (
    "supports",
    "opposes",
    "undercuts",
    "premise",
    "reference",
    "position",
    "evidence",
    "claim",
    "question",
)


class ArgumentTree(Tree[Branch | None]):
    """The map as a foldable tree; each node's data is the `Branch` it shows (None for the question)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "app.edit", "Edit", show=False),
        Binding("shift+up", "app.reorder(-1)", "Up", show=False),
        Binding("shift+down", "app.reorder(1)", "Down", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {f"argtree--{name}" for name in _STYLE_NAMES}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", data=None, id=id)
        self.auto_expand = False
        self.guide_depth = 3
        self.model: ArgMap | None = None
        self.outline: Outline | None = None
        #: claims whose home node the user has expanded (by id, so they survive rebuilds)
        self.expanded: set[str] = set()
        self._first_show = True
        #: the node of each further question (`questions:`), by id
        self._questions: dict[str, Node] = {}

    # -- building --------------------------------------------------------------------

    def show_map(self, model: ArgMap | None, outline: Outline | None, select: Branch | str | None) -> None:
        """Rebuild from `outline`, keeping expansion; put the cursor on `select` (a branch or claim id)."""
        self.model, self.outline = model, outline
        if self._first_show and model is not None:
            self._first_show = False
            if len(model.claims) <= EXPAND_ALL_UP_TO:
                self.expanded = set(model.claims)
            else:
                self.expanded = set(outline.roots) if outline else set()
        self.clear()
        self.root.set_label(self._question_label())
        self.root.expand()
        self._questions: dict[str, Node] = {}
        if outline is not None and model is not None:
            # Positions that answer a further question (`answers:`) go under a
            # node of that question; everything else under the main one (the root).
            further = {q.id: q for q in model.question_groups() if q.id is not None}
            branches = outline.root_branches()
            self._fill(self.root, [b for b in branches if self._answers(b.id) not in further])
            for qid, group in further.items():
                label = Text("? " + shorten(group.text or qid), self._styles()["question"])
                node = self.root.add(label, None, expand=True)
                self._questions[qid] = node
                self._fill(node, [b for b in branches if self._answers(b.id) == qid])
        if model is not None and not model.claims:
            hint = "p adds a position (select a passage in the article first to quote it)"
            self.root.add_leaf(Text(hint, self._styles()["reference"]), None)
        self.select(select)

    def _answers(self, cid: str) -> str | None:
        claim = self.model.claims.get(cid) if self.model is not None else None
        return claim.answers if claim is not None else None

    def _styles(self) -> dict[str, Style]:
        return {
            name: self.get_component_rich_style(f"argtree--{name}", partial=True) for name in _STYLE_NAMES
        }

    def _question_label(self) -> Text:
        styles = self._styles()
        model = self.model
        if model is None:
            return Text("(the map did not load: see the problems below)", styles["reference"])
        if model.question:
            return Text("? " + shorten(model.question), styles["question"])
        return Text("? (no question yet: e writes it)", styles["reference"])

    def _fill(self, node: Node, branches: list[Branch]) -> None:
        """Add `branches` under `node`, and the children of those the user keeps expanded."""
        assert self.outline is not None and self.model is not None
        styles = self._styles()
        reasons = self.outline.graph.reasons
        for branch in branches:
            if branch.argument:
                argument = self.model.arguments.get(branch.id)
                label = argument_label(argument, branch.id, branch.relation, styles=styles)
                expandable = argument is not None and bool(reasons(branch.id))
            else:
                claim = self.model.claims.get(branch.id)
                label = claim_label(
                    claim, branch.id, branch.relation, reference=branch.reference, styles=styles
                )
                expandable = not branch.reference and claim is not None and bool(reasons(branch.id))
            child = node.add(label, branch, allow_expand=expandable)
            if expandable and branch.id in self.expanded:
                child.expand()
                self._fill(child, self.outline.children(branch.id))

    def _on_tree_node_expanded(self, event: Tree.NodeExpanded[Branch | None]) -> None:
        branch = event.node.data
        if branch is None or self.outline is None:
            return
        self.expanded.add(branch.id)
        if not event.node.children:
            self._fill(event.node, self.outline.children(branch.id))

    def _on_tree_node_collapsed(self, event: Tree.NodeCollapsed[Branch | None]) -> None:
        if event.node.data is not None:
            self.expanded.discard(event.node.data.id)

    # -- the cursor ------------------------------------------------------------------

    @property
    def branch(self) -> Branch | None:
        """The branch under the cursor (None on the question)."""
        node = self.cursor_node
        return node.data if node is not None else None

    @property
    def question_id(self) -> str | None:
        """The further question (`questions:` id) the cursor is in, or None for the main question."""
        node = self.cursor_node
        while node is not None:
            for qid, qnode in self._questions.items():
                if qnode is node:
                    return qid
            node = node.parent
        return None

    @property
    def claim_id(self) -> str | None:
        branch = self.branch
        return branch.id if branch is not None else None

    def select(self, target: Branch | str | None) -> None:
        """Move the cursor to a branch (the same place in the tree) or to a claim's home."""
        node = self._find(target) if target is not None else None
        node = node or self.root
        # Nodes added since the last frame have no line number yet; asking for the
        # last line lays the tree out, so the cursor lands on the right line now.
        _ = self.last_line
        self.move_cursor(node)
        self.scroll_to_node(node, animate=False)

    def _find(self, target: Branch | str) -> Node | None:
        if isinstance(target, Branch):
            same = self._visible(lambda b: b.id == target.id and b.parent == target.parent)
            if same is not None:
                return same
            target = target.id
        return self._reveal(target)

    def _visible(self, match) -> Node | None:
        stack = list(reversed(self.root.children))
        while stack:
            node = stack.pop()
            if node.data is not None and match(node.data):
                return node
            if node.is_expanded:
                stack.extend(reversed(node.children))
        return None

    def _reveal(self, cid: str) -> Node | None:
        """Expand the way down to the home of `cid` and return its node."""
        if self.outline is None or cid not in self.outline.home:
            return None
        path = self.outline.path(cid)
        node = self._questions.get(self._answers(path[0]) or "", self.root)
        for step in path:
            found = next(
                (
                    c
                    for c in node.children
                    if c.data is not None and c.data.id == step and not c.data.reference
                ),
                None,
            )
            if found is None:
                return None
            if step != cid and not found.is_expanded:
                found.expand()
                self.expanded.add(step)
                if not found.children:
                    self._fill(found, self.outline.children(step))
            node = found
        return node

    def trail(self) -> list[str]:
        """The claim ids from the top of the tree down to the cursor (the breadcrumb)."""
        ids: list[str] = []
        node = self.cursor_node
        while node is not None and node.data is not None:
            ids.append(node.data.id)
            node = node.parent
        return list(reversed(ids))
