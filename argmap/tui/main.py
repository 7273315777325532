"""The editor's main screen: the panels, the keys, and the one path by which changes reach the map.

The screen holds the bindings (from `keys.ACTIONS`, each with an id a keymap can rebind)
and an `action_*` method for each; those ask `ClaimActions` (argmap/tui/actions.py) or
`FileActions` (argmap/tui/files.py) to do the work.  Dialogs are screens of their own,
so while one is open none of these keys reach the map: no special case is needed.

The screen is the only place that talks to the editing core: widgets post what the
user did, the screen asks `MapEditor` to do it, then shows the new state of the map
everywhere at once (`show_state`).  It knows no rule of the format; refusals come back
from the core as `EditError` and are shown as they are worded there.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Tree

from argmap.check import SourceProblem, open_source, source_path
from argmap.evaluate import Evaluation, evaluate, format_strength
from argmap.model import ArgMap
from argmap.outline import Branch, Outline
from argmap.tui.actions import ClaimActions
from argmap.tui.fields import Field
from argmap.tui.files import FileActions
from argmap.tui.keys import ACTIONS
from argmap.tui.passages import Passages, Span, quote_spans
from argmap.tui.widgets.article import ArticleView
from argmap.tui.widgets.breadcrumb import Breadcrumb
from argmap.tui.widgets.detail import DetailPanel
from argmap.tui.widgets.footer import KeyFooter
from argmap.tui.widgets.problems import ProblemList
from argmap.tui.widgets.tree import ArgumentTree, Question, Target

if TYPE_CHECKING:
    from argmap.editing import MapEditor
    from argmap.load import Document

#: How often the map file is looked at for changes made by other programs (seconds).
DISK_CHECK_INTERVAL = 2.0
#: Above this many quotes not yet located, they are located in a thread after the first paint.
LOCATE_IN_BACKGROUND = 300
#: How the grounded labels read in the detail panel.
LABEL_WORDS = {"in": "accepted (in)", "out": "defeated (out)", "undec": "undecided (undec)"}


class MainScreen(Screen[None]):
    """The tree, the detail panel, the article and the problems of one map."""

    BINDINGS: ClassVar[list[BindingType]] = [action.binding() for action in ACTIONS]

    def __init__(self, editor: MapEditor, *, watch_disk: bool = True) -> None:
        super().__init__()
        self.editor = editor
        self.watch_disk = watch_disk
        self.outline: Outline | None = None
        self.evaluation: Evaluation | None = None
        self._article_key: tuple[object, ...] | None = None
        self._passages: Passages | None = None
        self.claims = ClaimActions(self)
        self.files = FileActions(self)
        #: escape was pressed once on a value that cannot be kept: a second one puts the old back
        self._escape_armed = False
        #: the model shown by the last quick update, until the full one follows (see show_state)
        self._shown_quick: ArgMap | None = None
        #: (wall, CPU) clock when the last change was first drawn
        self.shown_at: tuple[float, float] = (0.0, 0.0)

    # -- layout ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(icon="⌥")
        yield Breadcrumb(id="breadcrumb")
        with Horizontal(id="main"):
            yield ArgumentTree(id="tree")
            with Vertical(id="side"):
                yield DetailPanel(id="detail")
                yield ArticleView(id="article")
        yield ProblemList(id="problems")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.tree.border_title = "Argument"
        self.detail.border_title = "Detail"
        self.article.border_title = "Article"
        self.detail.validate = self._validate
        self.show_state(select=None)
        self.tree.focus()
        self.call_after_refresh(gc.freeze)  # see EditorApp.on_unmount
        if self.watch_disk:
            self.set_interval(DISK_CHECK_INTERVAL, self.files.check_disk)

    @property
    def tree(self) -> ArgumentTree:  # type: ignore[override]  # DOMNode.tree is a debugging view
        return self.query_one("#tree", ArgumentTree)

    @property
    def detail(self) -> DetailPanel:
        return self.query_one("#detail", DetailPanel)

    @property
    def article(self) -> ArticleView:
        return self.query_one("#article", ArticleView)

    @property
    def problems(self) -> ProblemList:
        return self.query_one("#problems", ProblemList)

    @property
    def map_name(self) -> str:
        return Path(self.editor.path).name

    # -- the actions (see keys.ACTIONS) ---------------------------------------------------

    def action_add(self, relation: str) -> None:
        self.claims.add(relation)

    def action_add_co_premise(self) -> None:
        self.claims.add_linked("co-premise")

    def action_add_undercut(self) -> None:
        self.claims.add_linked("undercut")

    def action_add_question(self) -> None:
        self.claims.add_question()

    def action_edit(self) -> None:
        self.claims.edit()

    def action_link(self) -> None:
        self.claims.link()

    def action_unlink(self) -> None:
        self.claims.unlink()

    def action_delete(self) -> None:
        self.claims.delete()

    def action_move(self) -> None:
        self.claims.move()

    def action_reorder(self, delta: int) -> None:
        self.claims.reorder(delta)

    def action_find(self) -> None:
        self.claims.find()

    def action_undo(self) -> None:
        self.claims.undo()

    def action_redo(self) -> None:
        self.claims.redo()

    def action_save(self) -> None:
        self.files.save_pressed()

    def action_save_as(self) -> None:
        self.files.save_as()

    def action_render(self) -> None:
        self.files.render()

    async def action_quit(self) -> None:
        self.files.quit()

    def action_preview(self) -> None:
        self.files.preview()

    def action_article(self) -> None:
        self.article.focus()

    def action_problems(self) -> None:
        self.problems.focus()

    def action_back(self) -> None:
        """Escape: keep the field being typed in and go back to the tree (see DetailPanel)."""
        problem = self.detail.pending_error()
        if problem is not None and not self._escape_armed:
            field, error = problem
            self._escape_armed = True
            self.notify(
                f"{field.label}: not kept — {error}.\n"
                "Fix it, or press escape again to put back the old value.",
                severity="warning",
            )
            return
        self._escape_armed = False
        if problem is not None:
            self.detail.revert_pending()
        else:
            self.commit_pending()
        if self.maximized is not None:
            self.minimize()
        self.tree.focus()

    def action_tree_width(self, delta: int) -> None:
        self.tree.set_width(self.tree.outer_size.width + delta)

    def action_zoom(self) -> None:
        """Fill the screen with the panel that has the focus; again to restore."""
        if self.maximized is not None:
            self.minimize()
            return
        panel = self._focused_panel()
        if panel is not None:
            self.maximize(panel, container=False)

    def _focused_panel(self) -> Widget | None:
        node = self.focused
        panels = (self.tree, self.detail, self.article, self.problems)
        while node is not None:
            if node in panels:
                return node
            node = node.parent if isinstance(node.parent, Widget) else None
        return None

    def action_toggle_dark(self) -> None:
        self.app.theme = "textual-light" if self.app.current_theme.dark else "textual-dark"

    def action_help(self) -> None:
        from argmap.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.app._keymap))  # the keymap in force, as Textual holds it

    def restyle(self) -> None:
        """Tree labels and problem lines carry styles read from the theme when built."""
        self.problems.diagnostics = None
        self.show_state(select=self.tree.cursor_target())

    # -- showing the map ------------------------------------------------------------------

    def show_state(self, select: Target | None = None, *, quick: bool = False) -> None:
        """Show the editor's current map in every panel; the cursor goes to `select`.

        `quick` (after an edit): the tree, the detail panel and the article show the edit at
        once, from the core's `quick_model`; the map is read and checked again, and the
        problems and strengths follow, just after that frame is drawn.
        """
        self.claims.said_nothing = None
        model = self.editor.quick_model() if quick else None
        if model is None:
            self._finish_state(select)
            return
        self._shown_quick = model
        self.outline = Outline(model)
        self.tree.show_map(model, self.outline, select)
        self._show_article(model, self.editor.last_document or self.editor.document)
        self.show_selection()
        self.show_title()
        self.call_after_refresh(self._mark_shown)
        self.call_after_refresh(self._finish_state, None, model)

    def _mark_shown(self) -> None:
        """When the last change was first on screen (wall and CPU clocks), for bench/tui.py."""
        self.shown_at = (time.perf_counter(), time.process_time())

    def _finish_state(self, select: Target | None, quick: ArgMap | None = None) -> None:
        """Read and check the map (when it changed), and show it, problems and strengths included."""
        if quick is not None and quick is not self._shown_quick:
            return  # a later change is on its way
        doc = self.editor.document
        model = self.editor.editable_model
        self.evaluation = evaluate(doc.model) if doc.model is not None else None
        if quick is None or model != quick:
            self.outline = Outline(model) if model is not None else None
            self.tree.show_map(model, self.outline, select if quick is None else self.tree.cursor_target())
            self._show_article(model, doc)
        self._shown_quick = None
        self.problems.show_problems(doc.diagnostics, doc.locations)
        self.show_selection()
        self.show_title()
        if quick is None:
            self.call_after_refresh(self._mark_shown)

    def show_title(self) -> None:
        self.title = f"{self.map_name}{' ●' if self.editor.dirty else ''}"
        self.sub_title = "unsaved changes" if self.editor.dirty else ""

    def forget_article(self) -> None:
        """Read the article again at the next `show_state` (after a reload)."""
        self._article_key = None

    def _show_article(self, model: ArgMap | None, doc: Document) -> None:
        """Load the article when it is another file or changed on disk; highlight every quote."""
        path = source_path(doc)
        key, placeholder = self._article_state(path)
        if key != self._article_key:
            self._article_key = key
            self._passages = None
            if path is not None and placeholder is None:
                source = open_source(doc)  # the checker's rules: inside the project, a regular file
                if isinstance(source, SourceProblem):
                    placeholder = f"The article cannot be shown: {source.message}"
                elif source is not None:
                    self._passages = Passages(source)
            text = self._passages.source.text if self._passages is not None else ""
            self.article.show_article(text, placeholder or "")
        passages = self._passages
        if passages is None or model is None:
            self.article.set_spans({})
        elif passages.unknown(model) > LOCATE_IN_BACKGROUND:
            self._locate_quotes(passages, model)  # a big map just opened: paint first
        else:
            self.article.set_spans(quote_spans(passages, model))

    @work(thread=True, exclusive=True, group="quotes")
    def _locate_quotes(self, passages: Passages, model: ArgMap) -> None:
        """Find many quotes in the article off the event loop; later edits find them remembered."""
        spans = quote_spans(passages, model)
        self.app.call_from_thread(self._quotes_located, model, spans)

    def _quotes_located(self, model: ArgMap, spans: dict[str, list[Span]]) -> None:
        if self.editor.editable_model is model:  # no edit since: these spans are current
            self.article.set_spans(spans)
            self.article.select_claim(self.tree.claim_id)

    def _article_state(self, path: Path | None) -> tuple[tuple[object, ...], str | None]:
        """What identifies the article's current contents, and the reason there is none (if so)."""
        if path is None:
            return (None,), (
                "No article. Set the map's article file (select the question, press e), "
                "or start with `argmap edit MAP --source ARTICLE.txt`."
            )
        try:
            stat = path.stat()
        except OSError as exc:
            return (path, "missing"), f"The article {path} cannot be read: {exc.strerror or exc}"
        return (path, stat.st_mtime_ns, stat.st_size), None

    def sync_preview(self) -> None:
        """Hand the browser preview (once `b` opened it) the map as it is now and the cursor's node."""
        preview = self.files.browser_preview
        if preview is not None:
            branch, asked = self.tree.branch, self.tree.on_question
            item = branch.id if branch is not None else asked.id if asked is not None else None
            preview.follow(self.editor.text, item, self.shown_model, Path(self.editor.path))

    def on_unmount(self) -> None:
        self.files.close_preview()

    @property
    def shown_model(self) -> ArgMap | None:
        """The map on screen: just after an edit, the quick model (the file is read and checked
        again after that frame; asking the editor for its model here would do it before)."""
        return self._shown_quick if self._shown_quick is not None else self.editor.editable_model

    @property
    def _shown_document(self) -> Document:
        """The document the panels describe: the last one read while a quick model is shown."""
        last = self.editor.last_document
        return last if self._shown_quick is not None and last is not None else self.editor.document

    def show_selection(self) -> None:
        """Fill the detail panel, the breadcrumb and the article's bright quote for the cursor's node."""
        self.sync_preview()
        model = self.shown_model
        branch = self.tree.branch
        question, trail = self.tree.trail()
        self.query_one(Breadcrumb).show_trail(model, question, trail)
        if branch is not None and branch.argument and model is not None and branch.id in model.arguments:
            self.detail.show_argument(
                branch.id, self.editor.argument(branch.id), self._argument_header(branch)
            )
            self.article.select_claim(None)
            return
        if branch is not None and model is not None and branch.id in model.claims:
            self.detail.show_claim(branch.id, self.editor.claim(branch.id), self._claim_header(branch))
            self.article.select_claim(branch.id)
            return
        self.article.select_claim(None)
        asked = self.tree.on_question
        if asked is not None and asked.id is not None and model is not None and asked.id in model.questions:
            answering = [cid for cid, c in model.claims.items() if c.answers == asked.id]
            header = Text.assemble(
                ("A further question", "bold"), f" ({asked.id})\n", _answered_by(answering)
            )
            self.detail.show_question(asked.id, model.questions[asked.id], header)
            return
        doc = self._shown_document
        data = doc.data if isinstance(doc.data, dict) else {}
        header = Text.assemble(("The map", "bold"), " and its main question\n", self._count())
        self.detail.show_map(data, header)

    def _count(self) -> str:
        model = self.shown_model
        n = len(model.claims) if model is not None else 0
        return f"{n} claim{'s' * (n != 1)}"

    def _claim_header(self, branch: Branch) -> Text:
        """The claim's id, then how the evaluation rates it and where it is shown in full."""
        facts = []
        result = self.evaluation.claims.get(branch.id) if self.evaluation is not None else None
        if result is not None:
            label = LABEL_WORDS.get(result.label, result.label)
            facts.append(f"{label} · strength {format_strength(result.strength)}")
        elif branch.id in self._shown_document.broken:
            facts.append("not evaluated: fix its problems first")
        if branch.reference and self.outline is not None:
            home = self.outline.home.get(branch.id)
            facts.append(f"shown in full under {home}" if home else "shown in full at the top")
        return Text.assemble((branch.id, "bold"), "\n", " · ".join(facts))

    def _argument_header(self, branch: Branch) -> Text:
        """The argument's id, what it concludes, and how the evaluation rates it."""
        model = self.shown_model
        argument = model.arguments.get(branch.id) if model is not None else None
        facts = []
        if argument is not None and argument.conclusion is not None:
            relation, target = argument.conclusion
            premises = ", ".join(argument.premises)
            facts.append(f"{premises} together {relation} {target}")
        result = self.evaluation.arguments.get(branch.id) if self.evaluation is not None else None
        if result is not None:
            label = LABEL_WORDS.get(result.label, result.label)
            facts.append(f"{label} · strength {format_strength(result.strength)}")
        return Text.assemble(("argument ", "dim"), (branch.id, "bold"), "\n", " · ".join(facts))

    @on(Tree.NodeHighlighted, "#tree")
    def _highlighted(self) -> None:
        self.show_selection()

    @on(ProblemList.Chosen)
    def _problem_chosen(self, event: ProblemList.Chosen) -> None:
        if event.target is not None:
            self.tree.select(event.target)
            self.tree.focus()
        else:
            self.tree.select(Question(None))
            self.notify(event.diagnostic.message, title="Problem in the map's header")

    # -- committing fields ---------------------------------------------------------------

    def _validate(self, field: Field, value: Any) -> str | None:
        """Why the value being typed cannot be kept (the core's own rules), or None."""
        from argmap.editing import validate_argument_field, validate_field, validate_id, validate_map_field

        if self.detail.argument is not None:
            return validate_argument_field(field.path[-1], value, self.detail.argument)
        if self.detail.question is not None:
            if not value or not str(value).strip():
                return "a question needs its text (d on the question deletes it)"
            return validate_map_field(("questions", self.detail.question), value)
        claim = self.detail.claim
        if claim is None:
            return self.editor.validate_map_field(field.path, value)  # the article: as `check` reads it
        if field.name == "id":
            taken = value != claim and (
                value in self.editor.claim_ids() or value in self.editor.argument_ids()
            )
            return f"there is already a claim or argument '{value}'" if taken else validate_id(value)
        problem = validate_field(field.name, value, claim)
        if problem is None and field.name in ("supports", "opposes") and value:
            problem = self.editor.validate_targets(claim, field.name, value)
        return problem

    def commit_pending(self) -> None:
        """Apply the field being typed in, so a save, an action or a quit includes it."""
        edit = self.detail.commit_pending()
        if edit is not None:
            self._edited(edit)

    @on(DetailPanel.Edited)
    def _edited(self, event: DetailPanel.Edited) -> None:
        from argmap.editing import EditError

        target: Target | None = self.tree.cursor_target()
        try:
            if event.argument is not None:
                self.editor.set_argument_field(event.argument, event.field.path[-1], event.value)
            elif event.question is not None:
                self.editor.set_map_field(("questions", event.question), event.value)
            elif event.claim is None:
                self.editor.set_map_field(event.field.path, event.value)
            elif event.field.name == "id":
                self.editor.rename_claim(event.claim, event.value)
                target = event.value
            else:
                self.editor.set_claim_field(event.claim, event.field.name, event.value)
        except EditError as exc:
            self.detail.show_error(event.field, str(exc))
            return
        focused = self.focused
        self.show_state(select=target, quick=True)
        if focused is not None and focused.is_attached:
            focused.focus()

    @on(DetailPanel.FieldFix)
    def _field_fix(self, event: DetailPanel.FieldFix) -> None:
        if event.new is not None:
            change = lambda: self.editor.rename_field(event.claim, event.name, event.new)  # noqa: E731
            done = f"renamed '{event.name}' to '{event.new}' (ctrl+z undoes)"
        else:
            change = lambda: self.editor.remove_field(event.claim, event.name)  # noqa: E731
            done = f"removed '{event.name}' (ctrl+z undoes)"
        self.apply(change, select=event.claim, done=done)

    def apply(
        self,
        change: Callable[[], Any],
        select: Callable[[Any], Target | None] | Target | None = None,
        done: str = "",
    ) -> bool:
        """Run one change through the core and show the result, or the core's refusal.

        `select` says where the cursor goes: a branch, a claim id, a question, or a function
        of what the change returned (the id of a new claim); by default it stays.
        """
        from argmap.editing import EditError

        try:
            result = change()
        except EditError as exc:
            self.notify(str(exc), title="Not done", severity="error")
            return False
        target = select(result) if callable(select) else select
        self.show_state(select=target if target is not None else self.tree.cursor_target(), quick=True)
        if done:
            self.notify(done)
        return True

    def claim_choices(self, exclude: str | None = None) -> list[tuple[str, str]]:
        """(id, text) of every claim, for find, link and move."""
        model = self.editor.editable_model
        if model is None:
            return []
        return [(cid, c.text) for cid, c in model.claims.items() if cid != exclude]

    def needs_claim(self, what: str) -> Branch | None:
        branch = self.tree.branch
        if branch is None:
            self.notify(f"Select a claim in the tree to {what}.", severity="warning")
        return branch


def _answered_by(ids: list[str]) -> str:
    if not ids:
        return "no position answers it yet: p under it adds one"
    return "answered by " + ", ".join(ids)
