"""What the editor shows: the current state of the map in every panel at once.

`MapView` is the part of the app that reads: after any change it asks the
editing core for the checked document and fills the tree, the detail panel,
the article and the problems from it (`show_state`).  It also carries the one
path by which a change reaches the core (`_apply`, and `_edited` for fields),
so that every refusal is shown the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import App
from textual.widgets import Tree

from argmap.check import SourceProblem, open_source, source_path
from argmap.evaluate import Evaluation, evaluate, format_strength
from argmap.model import ArgMap
from argmap.outline import Branch, Outline
from argmap.tui.widgets.article import ArticleView, Passages, Span, quote_spans
from argmap.tui.widgets.breadcrumb import Breadcrumb
from argmap.tui.widgets.detail import DetailPanel
from argmap.tui.widgets.fields import Field
from argmap.tui.widgets.problems import ProblemList
from argmap.tui.widgets.tree import ArgumentTree

if TYPE_CHECKING:
    from argmap.editing import MapEditor

#: Above this many quotes not yet located, they are located in a thread after the first paint.
LOCATE_IN_BACKGROUND = 300
#: How the grounded labels read in the detail panel.
LABEL_WORDS = {"in": "accepted (in)", "out": "defeated (out)", "undec": "undecided (undec)"}


class MapView(App[int]):
    """The panels, filled from the editing core's current document."""

    def __init__(self, editor: MapEditor) -> None:
        super().__init__()
        self.editor = editor
        self.outline: Outline | None = None
        self.evaluation: Evaluation | None = None
        self._article_key: tuple[object, ...] | None = None
        self._passages: Passages | None = None

    @property
    def tree(self) -> ArgumentTree:
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

    def modal_open(self) -> bool:
        """Whether a dialog (or the command palette) is over the main screen."""
        return len(self.screen_stack) > 1

    @property
    def map_name(self) -> str:
        return Path(self.editor.path).name

    # -- showing the map ------------------------------------------------------------------

    def show_state(self, select: Branch | str | None = None) -> None:
        """Show the editor's current map in every panel; the cursor goes to `select`."""
        doc = self.editor.document
        model = doc.model
        self.outline = Outline(model) if model is not None else None
        self.evaluation = evaluate(model) if model is not None else None
        self.tree.show_map(model, self.outline, select)
        self.problems.show_problems(doc.diagnostics, doc.locations)
        self._show_article()
        self.show_selection()
        self._show_title()

    def _show_title(self) -> None:
        self.title = f"{self.map_name}{' ●' if self.editor.dirty else ''}"
        self.sub_title = "unsaved changes" if self.editor.dirty else ""

    def _show_article(self) -> None:
        """Load the article when it is another file or changed on disk; highlight every quote."""
        doc = self.editor.document
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
        model = doc.model
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
        self.call_from_thread(self._quotes_located, model, spans)

    def _quotes_located(self, model: ArgMap, spans: dict[str, list[Span]]) -> None:
        if self.editor.document.model is model:  # no edit since: these spans are current
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

    def show_selection(self) -> None:
        """Fill the detail panel, the breadcrumb and the article's bright quote for the cursor's claim."""
        model = self.editor.document.model
        branch = self.tree.branch
        self.query_one(Breadcrumb).show_trail(model, self.tree.trail())
        if branch is None or model is None or branch.id not in model.claims:
            data = self.editor.document.data if isinstance(self.editor.document.data, dict) else {}
            self.detail.show_map(data, Text.assemble(("The map", "bold"), "\n", self._count()))
            self.article.select_claim(None)
            return
        self.detail.show_claim(branch.id, self.editor.claim(branch.id), self._claim_header(branch))
        self.article.select_claim(branch.id)

    def _count(self) -> str:
        model = self.editor.document.model
        n = len(model.claims) if model is not None else 0
        return f"{n} claim{'s' * (n != 1)}"

    def _claim_header(self, branch: Branch) -> Text:
        """The claim's id, then how the evaluation rates it and where it is shown in full."""
        facts = []
        result = self.evaluation.claims.get(branch.id) if self.evaluation is not None else None
        if result is not None:
            label = LABEL_WORDS.get(result.label, result.label)
            facts.append(f"{label} · strength {format_strength(result.strength)}")
        if branch.reference and self.outline is not None:
            home = self.outline.home.get(branch.id)
            facts.append(f"shown in full under {home}" if home else "shown in full at the top")
        return Text.assemble((branch.id, "bold"), "\n", " · ".join(facts))

    @on(Tree.NodeHighlighted, "#tree")
    def _highlighted(self) -> None:
        self.show_selection()

    @on(ProblemList.Chosen)
    def _problem_chosen(self, event: ProblemList.Chosen) -> None:
        if event.claim is not None:
            self.tree.select(event.claim)
            self.tree.focus()
        else:
            self.tree.select(None)
            self.notify(event.diagnostic.message, title="Problem in the map's header")

    # -- committing fields ---------------------------------------------------------------

    def _validate(self, field: Field, value: Any) -> str | None:
        """Why the value being typed cannot be kept (the core's own rules), or None."""
        from argmap.editing import validate_field, validate_id

        claim = self.detail.claim
        if claim is None:
            return self.editor.validate_map_field(field.path, value)
        if field.name == "id":
            taken = value != claim and value in self.editor.claim_ids()
            return f"there is already a claim '{value}'" if taken else validate_id(value)
        problem = validate_field(field.name, value, claim)
        if problem is None and field.name in ("supports", "opposes") and value:
            problem = self.editor.validate_targets(claim, field.name, value)
        return problem

    def commit_pending(self) -> None:
        """Apply the field being typed in, so a save or quit includes it."""
        edit = self.detail.commit_pending()
        if edit is not None:
            self._edited(edit)

    @on(DetailPanel.Edited)
    def _edited(self, event: DetailPanel.Edited) -> None:
        from argmap.editing import EditError

        branch = self.tree.branch
        try:
            if event.claim is None:
                self.editor.set_map_field(event.field.path, event.value)
            elif event.field.name == "id":
                self.editor.rename_claim(event.claim, event.value)
                branch = event.value
            else:
                self.editor.set_claim_field(event.claim, event.field.name, event.value)
        except EditError as exc:
            self.detail.show_error(event.field, str(exc))
            return
        focused = self.focused
        self.show_state(select=branch)
        if focused is not None and focused.is_attached:
            focused.focus()

    def _apply(
        self,
        change: Callable[[], Any],
        select: Callable[[Any], Branch | str | None] | Branch | str | None = None,
        done: str = "",
    ) -> bool:
        """Run one change through the core and show the result, or the core's refusal.

        `select` says where the cursor goes: a branch, a claim id, or a function
        of what the change returned (the id of a new claim); by default it stays.
        """
        from argmap.editing import EditError

        try:
            result = change()
        except EditError as exc:
            self.notify(str(exc), title="Not done", severity="error")
            return False
        target = select(result) if callable(select) else select
        self.show_state(select=target if target is not None else self.tree.branch)
        if done:
            self.notify(done)
        return True

    def _claims(self, exclude: str | None = None) -> list[tuple[str, str]]:
        model = self.editor.document.model
        if model is None:
            return []
        return [(cid, c.text) for cid, c in model.claims.items() if cid != exclude]

    def _needs_claim(self, what: str) -> Branch | None:
        branch = self.tree.branch
        if branch is None:
            self.notify(f"Select a claim in the tree to {what}.", severity="warning")
        return branch
