"""The argument tree: question → positions → what supports or opposes each, built lazily.

Nodes below a claim are created only when it is expanded, so a map of ten
thousand claims opens as fast as one of ten.  The tree is rebuilt after every
change from a fresh `Outline`; which claims were expanded and where the cursor
stood are remembered by claim id, so a rebuild looks like an update.

Labels are cut with an ellipsis at the panel's width, so the tree never needs
sideways scrolling; a wider panel (`>`, a drag on its border, `z`) shows more.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from argmap.model import ArgMap
from argmap.outline import Branch, Outline
from argmap.tui.keys import TREE_KEYS
from argmap.tui.labels import argument_label, claim_label, one_line

#: Maps up to this many claims open fully expanded; bigger ones show their positions only.
EXPAND_ALL_UP_TO = 200
#: Labels are never cut shorter than this, however deep the node (the tree scrolls instead).
MIN_LABEL = 16
#: The narrowest the panel is made, and the least it leaves to the panels beside it.
MIN_WIDTH, MIN_REST = 20, 30
_STYLE_NAMES = (
    "supports",
    "opposes",
    "premise",
    "undercuts",
    "argument",
    "reference",
    "position",
    "evidence",
    "claim",
    "question",
)


@dataclass(frozen=True)
class Question:
    """The data of a question's node: `id` None for the map's main question."""

    id: str | None = None


Data = Branch | Question
Node = TreeNode[Data]
#: Where the cursor can be sent: a place in the tree, a claim's home (its id), or a question.
Target = Branch | Question | str


class ArgumentTree(Tree[Data]):
    """The map as a foldable tree; a node's data is the `Branch` it shows, or a `Question`."""

    DEFAULT_CSS = """
    ArgumentTree {
        & > .argtree--supports { color: $text-success; text-style: bold; }
        & > .argtree--opposes { color: $text-error; text-style: bold; }
        /* Component styles apply to text, not widgets: plain colours, not "auto" ones like $text. */
        & > .argtree--reference { color: $foreground-muted; text-style: italic; }
        & > .argtree--position { color: $text-accent; text-style: bold; }
        & > .argtree--evidence { color: $text-secondary; }
        & > .argtree--claim { color: $foreground; }
        & > .argtree--question { color: $text-primary; text-style: bold; }
        & > .argtree--argument { color: $text-primary; text-style: italic; }
        & > .argtree--premise { color: $foreground-muted; text-style: bold; }
        & > .argtree--undercuts { color: $text-warning; text-style: bold; }
        &.-dragging { border-right: heavy $accent; }
    }
    """
    # The tree's own `enter` (select) and `shift+↑/↓` (jump to a sibling) would run before the
    # screen's bindings of those keys while the tree has the focus: bound again here, to the
    # screen's actions (see keys.TREE_KEYS).  `home` also scrolls back to the left edge.
    BINDINGS: ClassVar[list[BindingType]] = [key.binding() for key in TREE_KEYS]
    COMPONENT_CLASSES: ClassVar[set[str]] = {f"argtree--{name}" for name in _STYLE_NAMES}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", data=Question(None), id=id)
        self.auto_expand = False
        self.guide_depth = 3
        self.model: ArgMap | None = None
        self.outline: Outline | None = None
        #: claims whose home node the user has expanded (by id, so they survive rebuilds)
        self.expanded: set[str] = set()
        self._first_show = True
        #: the node of each further question (`questions:`), by id
        self._questions: dict[str, Node] = {}
        self._dragging = False

    # -- building --------------------------------------------------------------------

    def show_map(self, model: ArgMap | None, outline: Outline | None, select: Target | None) -> None:
        """Rebuild from `outline`, keeping expansion; put the cursor on `select`."""
        self.model, self.outline = model, outline
        if self._first_show and model is not None:
            self._first_show = False
            if len(model.claims) <= EXPAND_ALL_UP_TO:
                self.expanded = set(model.claims) | set(model.arguments)
            else:
                self.expanded = set(outline.roots) if outline else set()
        self.clear()
        self.root.set_label(self._question_label())
        self.root.expand()
        self._questions = {}
        if outline is not None and model is not None:
            # Positions that answer a further question (`answers:`) go under a
            # node of that question; everything else under the main one (the root).
            further = {q.id: q for q in model.question_groups() if q.id is not None}
            branches = outline.root_branches()
            self._fill(self.root, [b for b in branches if self._answers(b.id) not in further])
            for qid, group in further.items():
                label = Text("? " + one_line(group.text or qid), self._styles()["question"])
                node = self.root.add(label, Question(qid), expand=True)
                self._questions[qid] = node
                self._fill(node, [b for b in branches if self._answers(b.id) == qid])
        if model is not None and not model.claims:
            hint = "p adds a position (select a passage in the article first to quote it)"
            self.root.add_leaf(Text(hint, self._styles()["reference"]), Question(None))
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
            return Text("? " + one_line(model.question), styles["question"])
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
                known = argument is not None
            else:
                claim = self.model.claims.get(branch.id)
                label = claim_label(
                    claim, branch.id, branch.relation, reference=branch.reference, styles=styles
                )
                known = claim is not None
            expandable = not branch.reference and known and bool(reasons(branch.id))
            child = node.add(label, branch, allow_expand=expandable)
            if expandable and branch.id in self.expanded:
                child.expand()
                self._fill(child, self.outline.children(branch.id))

    def _on_tree_node_expanded(self, event: Tree.NodeExpanded[Data]) -> None:
        branch = event.node.data
        if not isinstance(branch, Branch) or self.outline is None:
            return
        self.expanded.add(branch.id)
        if not event.node.children:
            self._fill(event.node, self.outline.children(branch.id))

    def _on_tree_node_collapsed(self, event: Tree.NodeCollapsed[Data]) -> None:
        if isinstance(event.node.data, Branch):
            self.expanded.discard(event.node.data.id)

    # -- labels fit the panel ----------------------------------------------------------

    def render_label(self, node: Node, base_style: Style, style: Style) -> Text:
        label = super().render_label(node, base_style, style)
        # Room for the vertical scrollbar is kept whether it shows or not: it comes and goes as
        # nodes fold, and labels cut without it would then need a sideways scrollbar.
        width = self.content_region.width - self.styles.scrollbar_size_vertical
        room = max(MIN_LABEL, width - self._indent(node))
        if label.cell_len > room:
            label.truncate(room, overflow="ellipsis")
        return label

    def _indent(self, node: Node) -> int:
        depth = 0
        parent = node.parent
        while parent is not None:
            depth += 1
            parent = parent.parent
        return depth * self.guide_depth

    def on_resize(self) -> None:
        self._invalidate()  # labels are cut to the width: build them again

    # -- the width: by keys (`<`, `>`) and by dragging the right border ------------------------

    def set_width(self, width: int) -> None:
        """Make the panel `width` columns wide, within what leaves the other panels usable."""
        most = max(MIN_WIDTH, self.screen.size.width - MIN_REST)
        self.styles.width = max(MIN_WIDTH, min(width, most))

    def on_mouse_down(self, event: events.MouseDown) -> None:
        if event.x >= self.outer_size.width - 1:  # on the right border
            self._dragging = True
            self.capture_mouse()
            self.add_class("-dragging")
            event.stop()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._dragging:
            self.set_width(event.screen_x - self.region.x + 1)
            event.stop()

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._dragging:
            self._dragging = False
            self.release_mouse()
            self.remove_class("-dragging")
            event.stop()

    def action_scroll_to_top(self) -> None:
        """`home`: the cursor to the question at the top, and the view back to the left edge."""
        self.move_cursor(self.root)
        self.scroll_to(0, 0, animate=False)

    # -- the cursor ------------------------------------------------------------------

    @property
    def branch(self) -> Branch | None:
        """The branch under the cursor (None on a question)."""
        node = self.cursor_node
        data = node.data if node is not None else None
        return data if isinstance(data, Branch) else None

    @property
    def on_question(self) -> Question | None:
        """The question under the cursor itself (None on a claim)."""
        node = self.cursor_node
        data = node.data if node is not None else None
        return data if isinstance(data, Question) else None

    @property
    def question_id(self) -> str | None:
        """The further question (`questions:` id) the cursor is in, or None for the main question."""
        node = self.cursor_node
        while node is not None:
            if isinstance(node.data, Question) and node.data.id is not None:
                return node.data.id
            node = node.parent
        return None

    def cursor_target(self) -> Target | None:
        """Where the cursor is, to put it back there after a rebuild."""
        node = self.cursor_node
        return node.data if node is not None else None

    @property
    def claim_id(self) -> str | None:
        """The claim under the cursor (None on a question or an argument)."""
        branch = self.branch
        return branch.id if branch is not None and not branch.argument else None

    def select(self, target: Target | None) -> None:
        """Move the cursor to a branch (the same place in the tree), a claim's home or a question."""
        node = self._find(target) if target is not None else None
        node = node or self.root
        # Nodes added since the last frame have no line number yet; asking for the
        # last line lays the tree out, so the cursor lands on the right line now.
        _ = self.last_line
        self.move_cursor(node)
        self.scroll_to_node(node, animate=False)

    def _find(self, target: Target) -> Node | None:
        if isinstance(target, Question):
            return self._questions.get(target.id) if target.id is not None else self.root
        if isinstance(target, Branch):
            place = target
            same = self._visible(lambda b: b.id == place.id and b.parent == place.parent)
            if same is not None:
                return same
            target = target.id
        return self._reveal(target)

    def _visible(self, match: Callable[[Branch], bool]) -> Node | None:
        stack = list(reversed(self.root.children))
        while stack:
            node = stack.pop()
            if isinstance(node.data, Branch) and match(node.data):
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
                    if isinstance(c.data, Branch) and c.data.id == step and not c.data.reference
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

    def neighbour(self) -> Target | None:
        """Where the cursor should go when the node under it is deleted: the next sibling, else
        the previous one, else the parent."""
        node = self.cursor_node
        if node is None:
            return None
        for other in (node.next_sibling, node.previous_sibling, node.parent):
            if other is not None and other.data is not None:
                return other.data
        return None

    def trail(self) -> tuple[str | None, list[str]]:
        """The question the cursor is under (None: the main one) and the claim ids from the top
        of the tree down to the cursor (for the breadcrumb)."""
        ids: list[str] = []
        node = self.cursor_node
        while node is not None and isinstance(node.data, Branch):
            ids.append(node.data.id)
            node = node.parent
        return self.question_id, list(reversed(ids))
