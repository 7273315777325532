"""The editor's actions on claims: add, edit, link, unlink, delete, move, reorder, find, undo.

Each asks what it needs (a dialog), then hands one call to the editing core
through `MapView._apply`; none of them decides what a valid map is.
"""

from __future__ import annotations

from functools import partial

from argmap.tui.screens.confirm import confirm
from argmap.tui.screens.find import FindScreen
from argmap.tui.screens.help import HelpScreen
from argmap.tui.screens.link_picker import LinkPicker
from argmap.tui.screens.new_claim import NewClaimScreen
from argmap.tui.view import MapView
from argmap.tui.widgets.labels import shorten


class EditActions(MapView):
    """The `action_*` methods behind the keys that change or move through the map."""

    def action_add(self, relation: str) -> None:
        """`a`, `o`, `p`: ask for the text; a passage selected in the article becomes the quote."""
        self.commit_pending()
        target = self.tree.claim_id
        model = self.editor.document.model
        if relation != "position" and target is None:
            self.notify("Select the claim the new one bears on (p adds a position).", severity="warning")
            return
        quote = self.article.passage or None
        # A position answers the question the cursor is under (a further one, or the main one).
        answers = self.tree.question_id if relation == "position" else None
        if relation == "position":
            asked = (model.questions.get(answers) if answers else model.question) if model else None
            title, where = "New position", "an answer to: " + shorten(asked or "the question")
        else:
            title = "New supporting claim" if relation == "supports" else "New opposing claim"
            claim = model.claims[target] if model is not None and target in model.claims else None
            where = f"{relation}: {shorten(claim.text if claim else str(target), 120)}"

        def add(text: str | None) -> None:
            if text is None:
                return
            if relation == "position":
                change = partial(self.editor.add_claim, text, kind="position", quote=quote, answers=answers)
            else:
                change = partial(self.editor.add_claim, text, quote=quote, **{relation: (target,)})
            if self._apply(change, select=lambda new: new) and quote:
                self.article.move_cursor(self.article.selection.end)  # the passage is used up

        self.push_screen(NewClaimScreen(title, where, quote), add)

    def action_edit(self) -> None:
        qid = self.tree.question_id
        if qid is not None and self.tree.claim_id is None:  # on a further question itself
            self._edit_question(qid)
            return
        self.detail.focus_first()

    def _edit_question(self, qid: str) -> None:
        model = self.editor.document.model
        current = model.questions.get(qid, "") if model is not None else ""

        def done(text: str | None) -> None:
            if text is not None:
                change = partial(self.editor.set_map_field, ("questions", qid), text)
                self._apply(change, done=f"question {qid}")

        self.push_screen(
            NewClaimScreen(f"Question '{qid}'", "", None, value=current, placeholder="the question"), done
        )

    def action_add_question(self) -> None:
        """Add a further question; its id is made from its text."""
        self.commit_pending()

        def add(text: str | None) -> None:
            if text is None:
                return
            model = self.editor.document.model
            taken = set(model.questions) if model is not None else set()
            base = self.editor.suggest_id(text)
            qid, n = base, 2
            while qid in taken:
                qid, n = f"{base}-{n}", n + 1
            self._apply(partial(self.editor.set_map_field, ("questions", qid), text), done=f"question {qid}")

        self.push_screen(
            NewClaimScreen(
                "New question",
                "another question the article answers (p under it adds an answer)",
                None,
                placeholder="the question (enter to add)",
            ),
            add,
        )

    def action_link(self) -> None:
        branch = self._needs_claim("link")
        if branch is None:
            return

        def link(result: tuple[str, str] | None) -> None:
            if result is not None:
                target, relation = result
                self._apply(
                    lambda: self.editor.link(branch.id, target, relation),
                    done=f"{branch.id} {relation} {target}",
                )

        self.push_screen(LinkPicker(f"Link {branch.id} to…", self._claims(exclude=branch.id)), link)

    def action_unlink(self) -> None:
        """`u`: take back the relation between the claim and the parent it is shown under."""
        branch = self._needs_claim("unlink")
        if branch is None:
            return
        if branch.parent is None:
            self.notify(f"{branch.id} is at the top: it hangs under nothing.", severity="warning")
            return
        self._apply(
            lambda: self.editor.unlink(branch.id, branch.parent),
            select=branch.id,
            done=f"{branch.id} no longer {branch.relation} {branch.parent} (ctrl+z undoes)",
        )

    def action_delete(self) -> None:
        """`d`: ask first, saying which claims lose a relation to it."""
        branch = self._needs_claim("delete")
        if branch is None or self.outline is None:
            return
        users = [claim for claim, _ in self.editor.references_to(branch.id) if claim != branch.id]
        refs = f"\n\nIt is also taken out of the supports or opposes of: {', '.join(users)}." if users else ""
        text = shorten(self.editor.claim(branch.id).get("text", ""), 200)
        question = f"Delete {branch.id}?\n“{text}”{refs}"
        after = branch.parent

        def delete(yes: bool) -> None:
            if yes:
                self._apply(
                    lambda: self.editor.delete_claim(branch.id),
                    select=after or "",  # the claim it hung under; "" for the question at the top
                    done=f"deleted {branch.id}",
                )

        self.push_screen(confirm("Delete claim", question, yes="Delete"), delete)

    def action_move(self) -> None:
        """`m`: re-point the relation shown here (to the parent in the tree) at another claim."""
        branch = self._needs_claim("move")
        if branch is None:
            return
        if branch.parent is None:
            self.notify(f"{branch.id} is at the top; use l to link it under a claim.", severity="warning")
            return

        def move(result: tuple[str, str] | None) -> None:
            if result is not None:
                target, relation = result
                self._apply(
                    lambda: self.editor.move(branch.id, branch.parent, target, relation),
                    select=branch.id,
                    done=f"{branch.id} now {relation} {target}",
                )

        picker = LinkPicker(
            f"Move {branch.id} from under {branch.parent} to…",
            self._claims(exclude=branch.id),
            branch.relation or "supports",
        )
        self.push_screen(picker, move)

    def action_reorder(self, delta: int) -> None:
        """Move the claim past its neighbour in the tree (siblings are in file order, so the file moves)."""
        branch = self._needs_claim("move")
        node = self.tree.cursor_node
        if branch is None or node is None:
            return
        sibling = node.previous_sibling if delta < 0 else node.next_sibling
        if sibling is None or sibling.data is None:
            self.notify(f"{branch.id} is already the {'first' if delta < 0 else 'last'} here.")
            return
        ids = self.editor.claim_ids()
        places = ids.index(sibling.data.id) - ids.index(branch.id)
        self._apply(lambda: self.editor.reorder(branch.id, places), select=branch)

    def action_find(self) -> None:
        def jump(cid: str | None) -> None:
            if cid:
                self.tree.select(cid)
                self.tree.focus()

        self.push_screen(FindScreen(self._claims()), jump)

    def action_undo(self) -> None:
        if self.editor.undo():
            self.show_state(select=self.tree.branch)
        else:
            self.notify("Nothing to undo.")

    def action_redo(self) -> None:
        if self.editor.redo():
            self.show_state(select=self.tree.branch)
        else:
            self.notify("Nothing to redo.")

    def action_problems(self) -> None:
        self.problems.focus()

    def action_article(self) -> None:
        self.article.focus()

    def action_leave(self) -> None:
        """Escape: what was typed and not kept is put back, and the tree has the focus again."""
        self.show_selection()
        self.tree.focus()

    def action_toggle_dark(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def watch_theme(self, theme: str) -> None:
        # Tree labels and problem lines carry styles read from the theme when built.
        if self.is_mounted:
            self.call_after_refresh(self._restyle)

    def _restyle(self) -> None:
        self.problems.diagnostics = None
        self.show_state(select=self.tree.branch)

    def action_help(self) -> None:
        self.push_screen(HelpScreen())
