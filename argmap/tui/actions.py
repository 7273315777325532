"""The editor's actions on the map: add, edit, link, unlink, delete, move, reorder, find, undo.

Each asks what it needs (a dialog), then hands one call to the editing core through
`MainScreen.apply`; none of them decides what a valid map is.  They say what they did:
undo and redo name the step, a delete leaves the cursor on a neighbour.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from argmap.outline import Branch
from argmap.tui.labels import shorten
from argmap.tui.screens.confirm import confirm
from argmap.tui.screens.find import FindScreen
from argmap.tui.screens.link_picker import LinkPicker
from argmap.tui.screens.new_claim import NewClaimScreen, NewText
from argmap.tui.widgets.tree import Question, Target

if TYPE_CHECKING:
    from argmap.tui.main import MainScreen


class ClaimActions:
    """What the keys that change the map, or move through it, do."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        #: "undo" or "redo" when "nothing more to undo/redo" was said and nothing happened since
        self.said_nothing: str | None = None

    @property
    def editor(self):
        return self.screen.editor

    def add(self, relation: str) -> None:
        """`a`, `o`, `p`: ask for the text and kind; a passage selected in the article becomes the quote."""
        s = self.screen
        s.commit_pending()
        target = s.tree.claim_id
        model = self.editor.editable_model
        if relation != "position" and target is None:
            on_argument = s.tree.branch is not None and s.tree.branch.argument
            hint = "c adds a premise to it, x an undercut" if on_argument else "p adds a position"
            s.notify(f"Select the claim the new one bears on ({hint}).", severity="warning")
            return
        quote = s.article.take_passage() or None
        # A position answers the question the cursor is under (a further one, or the main one).
        answers = s.tree.question_id if relation == "position" else None
        if relation == "position":
            asked = (model.questions.get(answers) if answers else model.question) if model else None
            title, where = "New position", "an answer to: " + shorten(asked or "the question")
            kind = "position"
        else:
            title = "New supporting claim" if relation == "supports" else "New opposing claim"
            claim = model.claims[target] if model is not None and target in model.claims else None
            where = f"{relation}: {shorten(claim.text if claim else str(target), 120)}"
            kind = "claim"

        def add(answer: NewText | None) -> None:
            if answer is None:
                return
            kind = answer.kind or "claim"
            if relation == "position":
                change = partial(self.editor.add_claim, answer.text, kind=kind, quote=quote, answers=answers)
            else:
                assert target is not None
                targets = (target,)
                change = partial(
                    self.editor.add_claim,
                    answer.text,
                    kind=kind,
                    quote=quote,
                    supports=targets if relation == "supports" else (),
                    opposes=targets if relation == "opposes" else (),
                )
            if s.apply(change, select=lambda new: new) and quote:
                s.article.move_cursor(s.article.selection.end)  # the passage is used up

        s.app.push_screen(NewClaimScreen(title, where, quote, kind=kind), add)

    def add_linked(self, what: str) -> None:
        """`c`, `x`: a new claim that works together with the selected reason (a co-premise), or
        that attacks its step (an undercut); a plain reason becomes an argument first."""
        s = self.screen
        s.commit_pending()
        branch = s.tree.branch
        if branch is None or (branch.parent is None and not branch.argument):
            s.notify(
                f"Select a reason under the claim it bears on, or an argument, to add the {what} to.",
                severity="warning",
            )
            return
        if not branch.argument and branch.relation not in ("supports", "opposes", "premise"):
            s.notify(f"{branch.id} is no reason here: select a reason or a premise.", severity="warning")
            return
        quote = s.article.take_passage() or None
        model = self.editor.editable_model
        if branch.argument:
            step = f"the argument {branch.id}"
        elif branch.relation == "premise":
            step = f"the argument {branch.parent}"
        else:
            parent = model.claims.get(branch.parent or "") if model is not None else None
            reason = model.claims.get(branch.id) if model is not None else None
            said = shorten(reason.text if reason else branch.id, 50)
            upon = shorten(parent.text if parent else str(branch.parent), 50)
            step = f"“{said}” {branch.relation} “{upon}”"
        if what == "co-premise":
            title, where = "New co-premise", f"works together with {step}"
            change_of = self.editor.add_co_premise
        else:
            title, where = "New undercut", f"attacks the step: {step}"
            change_of = self.editor.add_undercut

        def add(answer: NewText | None) -> None:
            if answer is None:
                return
            change = partial(
                change_of, branch.id, branch.parent, answer.text, kind=answer.kind or "claim", quote=quote
            )
            if (
                s.apply(change, select=lambda result: result[0], done=f"added the {what} (ctrl+z undoes)")
                and quote
            ):
                s.article.move_cursor(s.article.selection.end)

        s.app.push_screen(NewClaimScreen(title, where, quote, kind="claim"), add)

    def edit(self) -> None:
        """`e`, enter: to the detail panel's first field (of the claim, the question or the map)."""
        self.screen.detail.focus_first()

    def add_question(self) -> None:
        """Add a further question; its id is made from its text; the cursor goes to it."""
        s = self.screen
        s.commit_pending()

        def add(answer: NewText | None) -> None:
            if answer is None:
                return
            model = self.editor.document.model
            taken = set(model.questions) if model is not None else set()
            base = self.editor.suggest_id(answer.text)
            qid, n = base, 2
            while qid in taken:
                qid, n = f"{base}-{n}", n + 1
            change = partial(self.editor.set_map_field, ("questions", qid), answer.text)
            s.apply(change, select=Question(qid), done=f"added question {qid}")

        s.app.push_screen(
            NewClaimScreen(
                "New question",
                "another question the article answers (p under it adds an answer)",
                None,
                placeholder="the question (enter to add)",
            ),
            add,
        )

    def link(self) -> None:
        s = self.screen
        branch = s.needs_claim("link")
        if branch is None or self._is_argument(branch, "link"):
            return

        def link(result: object) -> None:
            if isinstance(result, tuple):
                target, relation = result
                s.apply(
                    lambda: self.editor.link(branch.id, target, relation),
                    done=f"{branch.id} {relation} {target}",
                )

        s.app.push_screen(LinkPicker(f"Link {branch.id} to…", s.claim_choices(exclude=branch.id)), link)

    def unlink(self) -> None:
        """`u`: take back the relation between the claim and the parent it is shown under."""
        s = self.screen
        branch = s.needs_claim("unlink")
        if branch is None:
            return
        parent = branch.parent
        if parent is None:
            s.notify(f"{branch.id} is at the top: it hangs under nothing.", severity="warning")
            return
        if branch.argument:
            s.notify(f"{branch.id} is an argument: d deletes it.", severity="warning")
            return
        if branch.relation == "premise":
            s.apply(
                lambda: self.editor.remove_premise(parent, branch.id),
                select=parent,
                done=f"{branch.id} is no longer a premise of {parent} (ctrl+z undoes)",
            )
            return
        if branch.relation == "undercuts":
            s.apply(
                lambda: self.editor.remove_undercut(branch.id, parent),
                select=parent,
                done=f"{branch.id} no longer undercuts {parent} (ctrl+z undoes)",
            )
            return
        s.apply(
            lambda: self.editor.unlink(branch.id, parent),
            select=branch.id,
            done=f"{branch.id} no longer {branch.relation} {parent} (ctrl+z undoes)",
        )

    def delete(self) -> None:
        """`d`: ask first, saying what loses a relation to it; then the cursor goes to a neighbour."""
        s = self.screen
        question = s.tree.on_question
        if question is not None and question.id is not None:
            self._delete_question(question.id)
            return
        if question is not None:
            s.notify(
                "The main question cannot be deleted: e edits it (an empty text removes it).",
                severity="warning",
            )
            return
        branch = s.needs_claim("delete")
        if branch is None:
            return
        if branch.argument:
            self._delete_argument(branch.id)
            return
        users = [claim for claim, _ in self.editor.references_to(branch.id) if claim != branch.id]
        refs = f"\n\nIt is also taken out of the supports or opposes of: {', '.join(users)}." if users else ""
        text = shorten(self.editor.claim(branch.id).get("text", ""), 200)
        after = self._neighbour(branch.id)

        def delete(yes: object) -> None:
            if yes:
                s.apply(
                    lambda: self.editor.delete_claim(branch.id),
                    select=after,
                    done=f"deleted {branch.id} (ctrl+z undoes)",
                )

        s.app.push_screen(
            confirm("Delete claim", f"Delete {branch.id}?\n“{text}”{refs}", yes="Delete"), delete
        )

    def _delete_argument(self, aid: str) -> None:
        s = self.screen
        model = self.editor.editable_model
        cutters = [cid for cid, c in model.claims.items() if aid in c.undercuts] if model else []
        also = f"\n\nThe undercuts aimed at it go too ({', '.join(cutters)})." if cutters else ""
        after = self._neighbour(aid)

        def delete(yes: object) -> None:
            if yes:
                s.apply(
                    lambda: self.editor.delete_argument(aid),
                    select=after,
                    done=f"deleted argument {aid} (ctrl+z undoes)",
                )

        question = f"Delete the argument {aid}? Its premises stay, as claims.{also}"
        s.app.push_screen(confirm("Delete argument", question, yes="Delete"), delete)

    def _delete_question(self, qid: str) -> None:
        s = self.screen
        model = self.editor.editable_model
        answering = [cid for cid, c in model.claims.items() if c.answers == qid] if model else []
        moved = (
            f"\n\nThe positions answering it ({', '.join(answering)}) will answer the main question."
            if answering
            else ""
        )
        asked = model.questions.get(qid, qid) if model else qid
        after = self._neighbour(None)

        def delete(yes: object) -> None:
            if yes:
                s.apply(
                    lambda: self.editor.delete_question(qid),
                    select=after,
                    done=f"deleted question {qid} (ctrl+z undoes)",
                )

        s.app.push_screen(
            confirm(
                "Delete question", f"Delete the question {qid}?\n“{shorten(asked, 200)}”{moved}", yes="Delete"
            ),
            delete,
        )

    def _neighbour(self, gone: str | None) -> Target | None:
        """The tree's neighbour of the cursor, unless it is (another place of) the claim going away."""
        after = self.screen.tree.neighbour()
        if gone is not None and getattr(after, "id", None) == gone:
            return None
        return after

    def move(self) -> None:
        """`m`: re-point the relation shown here (to the parent in the tree) at another claim."""
        s = self.screen
        branch = s.needs_claim("move")
        if branch is None or self._is_argument(branch, "move"):
            return
        parent = branch.parent
        if branch.relation in ("premise", "undercuts"):
            s.notify("m moves a plain reason; u takes a premise or undercut away.", severity="warning")
            return
        if parent is None:
            s.notify(f"{branch.id} is at the top; use l to link it under a claim.", severity="warning")
            return

        def move(result: object) -> None:
            if isinstance(result, tuple):
                target, relation = result
                s.apply(
                    lambda: self.editor.move(branch.id, parent, target, relation),
                    select=branch.id,
                    done=f"{branch.id} now {relation} {target}",
                )

        picker = LinkPicker(
            f"Move {branch.id} from under {parent} to…",
            s.claim_choices(exclude=branch.id),
            branch.relation or "supports",
        )
        s.app.push_screen(picker, move)

    def reorder(self, delta: int) -> None:
        """Move the claim past its neighbour in the tree (siblings are in file order, so the file moves)."""
        s = self.screen
        branch = s.needs_claim("move")
        node = s.tree.cursor_node
        if branch is None or node is None or self._is_argument(branch, "move"):
            return
        sibling = node.previous_sibling if delta < 0 else node.next_sibling
        other = sibling.data if sibling is not None else None
        if other is None or not hasattr(other, "relation"):
            s.notify(f"{branch.id} is already the {'first' if delta < 0 else 'last'} here.")
            return
        ids = self.editor.claim_ids()
        places = ids.index(other.id) - ids.index(branch.id)
        s.apply(lambda: self.editor.reorder(branch.id, places), select=branch)

    def _is_argument(self, branch: Branch, what: str) -> bool:
        if branch.argument:
            self.screen.notify(f"{branch.id} is an argument: {what} works on claims.", severity="warning")
        return branch.argument

    def find(self) -> None:
        s = self.screen

        def jump(cid: object) -> None:
            if isinstance(cid, str) and cid:
                s.tree.select(cid)
                s.tree.focus()

        s.app.push_screen(FindScreen(s.claim_choices()), jump)

    def undo(self) -> None:
        self._history("undo")

    def redo(self) -> None:
        self._history("redo")

    def _history(self, way: str) -> None:
        """Undo or redo one step and say which; past the end, say so once (not at every press)."""
        s = self.screen
        editor = self.editor
        label = editor.undo_label if way == "undo" else editor.redo_label
        if editor.undo() if way == "undo" else editor.redo():
            s.show_state(select=s.tree.cursor_target(), quick=True)
            s.notify(f"{'Undid' if way == 'undo' else 'Redid'}: {label}", timeout=3)
            return
        if self.said_nothing != way:
            where = "where this session started" if way == "undo" else "the latest change"
            s.notify(f"Nothing more to {way}: this is {where}.", timeout=3)
            self.said_nothing = way
