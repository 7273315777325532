"""The detail panel: every field of the selected claim (or question, or the map), checked as you type.

One rule for every field: what you type is kept when you leave the field — enter, tab,
escape or a click elsewhere — as one step that ctrl+z takes back.  A value that cannot be
kept stays in its field, in red, with the reason; escape pressed again puts the old value
back.  In the fields that hold several lines (Quotes, Note), ctrl+j or shift+enter breaks
the line.

Until it is kept, a value is only validated, so a half-typed id never reaches the map.
The panel does not change the map itself: it posts `DetailPanel.Edited` (and `FieldFix`
for a field the format does not know) and the screen hands them to the editing core.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, cast

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from argmap.model import CLAIM_FIELDS as FORMAT_FIELDS
from argmap.model import Kind
from argmap.suggest import closest
from argmap.tui.fields import ARGUMENT_FIELDS, CLAIM_FIELDS, MAP_FIELDS, QUESTION_FIELDS, Field

Validator = Callable[[Field, Any], str | None]
KIND_OPTIONS = [(kind.value, kind.value) for kind in Kind]
#: The keys that break the line in a field of several lines (terminals send shift+enter as enter).
NEW_LINE_KEYS = ("ctrl+j", "shift+enter", "alt+enter")


class FieldArea(TextArea):
    """A wrapping text box where enter keeps the value, as in every field; in a field of several
    lines ctrl+j (or shift+enter, where the terminal tells it apart) breaks the line."""

    class Submitted(Message):
        def __init__(self, area: FieldArea) -> None:
            super().__init__()
            self.area = area

        @property
        def control(self) -> FieldArea:
            return self.area

    def __init__(self, *, multiline: bool, id: str | None = None) -> None:
        super().__init__(id=id, soft_wrap=True, classes="field-area", tab_behavior="focus")
        self.multiline = multiline

    async def _on_key(self, event: events.Key) -> None:
        # Textual then runs TextArea._on_key itself, unless the default is prevented.
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted(self))
        elif event.key in NEW_LINE_KEYS:
            event.stop()
            event.prevent_default()
            if self.multiline:
                self.insert("\n")


class DetailPanel(VerticalScroll):
    """The form for one claim, a further question, or the map's own fields (on the main question)."""

    DEFAULT_CSS = """
    DetailPanel {
        #detail-header { height: 3; padding: 0 0 1 0; color: $text-muted; }
        .field-label { color: $text-muted; margin-top: 1; }
        Vertical > .field-label:first-of-type { margin-top: 0; }
        Input { width: 1fr; background: $boost; }
        Input.-invalid { background: $error-muted; }
        Select { width: 24; }
        /* A fixed height: a box that grew with its text made every cursor move re-lay out the
           whole panel (a third of a move's cost); longer texts scroll inside the box. */
        .field-area { height: 5; border: none; padding: 0; background: $boost; }
        .field-area.-invalid { background: $error-muted; }
        .field-error { color: $text-error; display: none; }
        #unknown-fields {
            height: auto; display: none; border-left: thick $error; padding-left: 1; margin-bottom: 1;
        }
        .unknown-field { color: $text-error; }
        .unknown-buttons { height: auto; }
        .unknown-buttons Button { margin-right: 1; min-width: 10; }
        #question-form, #map-form, #argument-form { display: none; }
    }
    """

    class Edited(Message):
        """A field was committed with a new value.

        `claim` is the claim's id, `question` the further question's, `argument` the argument's;
        all None for a field of the map.
        """

        def __init__(
            self,
            claim: str | None,
            field: Field,
            value: Any,
            question: str | None = None,
            argument: str | None = None,
        ) -> None:
            super().__init__()
            self.claim, self.field, self.value = claim, field, value
            self.question, self.argument = question, argument

    class FieldFix(Message):
        """Rename (`new` set) or remove (`new` None) a field of the claim the format does not know."""

        def __init__(self, claim: str, name: str, new: str | None) -> None:
            super().__init__()
            self.claim, self.name, self.new = claim, name, new

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.claim: str | None = None
        self.question: str | None = None
        self.argument: str | None = None
        self.validate: Validator = lambda field, value: None
        self._fields: dict[str, Field] = {
            f.dom_id: f for f in (*CLAIM_FIELDS, *MAP_FIELDS, *QUESTION_FIELDS, *ARGUMENT_FIELDS)
        }
        #: the value each field showed when it was filled, to commit only real changes
        self._shown: dict[str, Any] = {}
        #: the error each field shows (None: none), so unchanged verdicts cost nothing
        self._errors: dict[str, str | None] = {}
        #: dom id -> widget, looked up once: filling the form happens on every cursor move
        self._widgets: dict[str, Widget] = {}
        #: the text each field showed when it was filled, to put back on a second escape
        self._shown_text: dict[str, str] = {}
        #: the unknown fields shown, (name, value) — rebuilt only when they change
        self._unknown: list[tuple[str, str]] = []
        #: button id -> (claim, field, new name or None to remove)
        self._fixes: dict[str, tuple[str, str, str | None]] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="detail-header")
        with Vertical(id="claim-form"):
            yield Vertical(id="unknown-fields")
            yield from self._form(CLAIM_FIELDS)
        with Vertical(id="question-form"):
            yield from self._form(QUESTION_FIELDS)
        with Vertical(id="argument-form"):
            yield from self._form(ARGUMENT_FIELDS)
        with Vertical(id="map-form"):
            yield from self._form(MAP_FIELDS)

    def on_mount(self) -> None:
        for widget in self.query("*"):
            if widget.id:
                self._widgets[widget.id] = widget

    def _widget(self, dom_id: str) -> Widget:
        return self._widgets[dom_id]

    def _form(self, fields: tuple[Field, ...]) -> Iterator[Widget]:
        for field in fields:
            yield Label(field.label, classes="field-label")
            if field.widget == "select":
                yield Select(KIND_OPTIONS, allow_blank=False, id=field.dom_id, compact=True)
            elif field.widget == "area":
                area = FieldArea(id=field.dom_id, multiline=field.multiline)
                area.placeholder = field.placeholder
                yield area
            else:
                yield Input(placeholder=field.placeholder, id=field.dom_id, compact=True)
            yield Static("", id=f"{field.dom_id}-error", classes="field-error")

    # -- filling ---------------------------------------------------------------------

    def _show_form(self, name: str) -> None:
        for form in ("claim-form", "question-form", "argument-form", "map-form"):
            self._widget(form).display = form == name

    def show_claim(self, cid: str, data: dict[str, Any], header: Text) -> None:
        """Fill the form with the claim's stored fields (`data` as the file has them)."""
        self.claim, self.question, self.argument = cid, None, None
        self._show_form("claim-form")
        values = dict(data, id=cid)
        self._fill(CLAIM_FIELDS, lambda f: values.get(f.name, "claim" if f.name == "kind" else None))
        self._show_unknown(cid, data)
        cast(Static, self._widget("detail-header")).update(header, layout=False)

    def show_question(self, qid: str, text: str, header: Text) -> None:
        """Fill the form of a further question."""
        self.claim, self.question, self.argument = None, qid, None
        self._show_form("question-form")
        self._fill(QUESTION_FIELDS, lambda f: text)
        cast(Static, self._widget("detail-header")).update(header, layout=False)

    def show_argument(self, aid: str, data: dict[str, Any], header: Text) -> None:
        """Fill the form of an argument (its gist, scheme, premises…)."""
        self.claim, self.question, self.argument = None, None, aid
        self._show_form("argument-form")
        self._fill(ARGUMENT_FIELDS, lambda f: data.get(f.path[-1]))
        cast(Static, self._widget("detail-header")).update(header, layout=False)

    def show_map(self, data: dict[str, Any], header: Text) -> None:
        """Fill the form with the map's own fields (question, title, source)."""
        self.claim, self.question, self.argument = None, None, None
        self._show_form("map-form")

        def value(field: Field) -> Any:
            node: Any = data
            for key in field.path:
                node = node.get(key) if isinstance(node, dict) else None
            return node

        self._fill(MAP_FIELDS, value)
        cast(Static, self._widget("detail-header")).update(header, layout=False)

    def _fill(self, fields: tuple[Field, ...], value_of: Callable[[Field], Any]) -> None:
        with self.prevent(Input.Changed, TextArea.Changed, Select.Changed):
            for field in fields:
                value = value_of(field)
                widget = self._widget(field.dom_id)
                text = field.show(value)
                if isinstance(widget, Select):
                    if widget.value != (text or "claim"):
                        widget.value = text or "claim"
                elif isinstance(widget, TextArea):
                    if widget.text != text:
                        widget.load_text(text)
                elif isinstance(widget, Input) and widget.value != text:
                    widget.value = text
                    widget.cursor_position = len(text)
                self._shown[field.dom_id] = field.parse(text)
                self._shown_text[field.dom_id] = text
                self._set_error(field, None)

    def _show_unknown(self, cid: str, data: dict[str, Any]) -> None:
        """List the claim's fields the format does not know, each with a fix."""
        unknown = [(str(k), _brief(v)) for k, v in data.items() if k not in FORMAT_FIELDS]
        if unknown == self._unknown:
            return
        self._unknown = unknown
        box = cast(Vertical, self._widget("unknown-fields"))
        box.remove_children()
        box.display = bool(unknown)
        self._fixes = {}
        taken = set(data)
        for i, (name, value) in enumerate(unknown):
            guess = closest(name, [f for f in FORMAT_FIELDS if f not in taken])
            hint = f" — did you mean '{guess}'?" if guess else ""
            box.mount(Static(f"unknown field '{name}: {value}'{hint}", classes="unknown-field"))
            buttons = []
            if guess:
                buttons.append(Button(f"Rename to {guess}", id=f"unknown-rename-{i}", compact=True))
                self._fixes[f"unknown-rename-{i}"] = (cid, name, guess)
            buttons.append(Button(f"Remove {name}", id=f"unknown-remove-{i}", compact=True))
            self._fixes[f"unknown-remove-{i}"] = (cid, name, None)
            box.mount(Horizontal(*buttons, classes="unknown-buttons"))

    @on(Button.Pressed, "#unknown-fields Button")
    def _fix_field(self, event: Button.Pressed) -> None:
        event.stop()
        fix = self._fixes.get(event.button.id or "")
        if fix is not None:
            self.post_message(self.FieldFix(*fix))

    def focus_first(self) -> None:
        if self.claim is not None:
            form = "#claim-form"
        elif self.argument is not None:
            form = "#argument-form"
        else:
            form = "#question-form" if self.question is not None else "#map-form"
        first = self.query_one(form).query("Input, TextArea, Select").first()
        first.focus()
        if isinstance(first, TextArea):
            first.move_cursor(first.document.end)  # ready to add to the text

    # -- validating and committing ----------------------------------------------------

    def _text_of(self, widget: Widget) -> str:
        if isinstance(widget, TextArea):
            return widget.text
        if isinstance(widget, Select):
            return str(widget.value)
        assert isinstance(widget, Input)
        return widget.value

    def _set_error(self, field: Field, error: str | None) -> None:
        # Called on every keystroke: touch the widgets only when the verdict changes,
        # since showing or hiding a message costs a layout of the whole panel.
        if self._errors.get(field.dom_id) == error:
            return
        self._errors[field.dom_id] = error
        message = cast(Static, self._widget(f"{field.dom_id}-error"))
        message.update(error or "")
        message.display = bool(error)
        self._widget(field.dom_id).set_class(bool(error), "-invalid")

    def _check(self, widget: Widget) -> tuple[Field, Any, str | None] | None:
        field = self._fields.get(widget.id or "")
        if field is None:
            return None
        value = field.parse(self._text_of(widget))
        error = self.validate(field, value)
        self._set_error(field, error)
        return field, value, error

    def _commit(self, widget: Widget, *, post: bool = True) -> Edited | None:
        """The edit the widget's value makes, if it is valid and new; posted unless `post` is False."""
        checked = self._check(widget)
        if checked is None:
            return None
        field, value, error = checked
        if error is not None or value == self._shown.get(field.dom_id):
            return None
        self._shown[field.dom_id] = value
        edit = self.Edited(self.claim, field, value, self.question, self.argument)
        if post:
            self.post_message(edit)
        return edit

    def show_error(self, field: Field, error: str) -> None:
        """Show an error the core gave when the value was committed."""
        self._set_error(field, error)

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _changed(self, event: Input.Changed | TextArea.Changed) -> None:
        event.stop()
        self._check(event.control)

    @on(Input.Submitted)
    @on(FieldArea.Submitted)
    @on(Select.Changed)
    def _submitted(self, event: Input.Submitted | FieldArea.Submitted | Select.Changed) -> None:
        event.stop()
        self._commit(event.control)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if isinstance(event.widget, Input | TextArea):
            self._commit(event.widget)

    def _focused_field(self) -> Input | TextArea | None:
        focused = self.screen.focused
        if isinstance(focused, Input | TextArea) and focused.id in self._fields:
            return focused
        return None

    def commit_pending(self) -> Edited | None:
        """The edit of the field being typed in, if any, for the screen to apply at once (before a
        save, a quit or an action on the claim) rather than after them."""
        focused = self._focused_field()
        return self._commit(focused, post=False) if focused is not None else None

    def pending_error(self) -> tuple[Field, str] | None:
        """The field being typed in and why its changed value cannot be kept, if it cannot."""
        focused = self._focused_field()
        checked = self._check(focused) if focused is not None else None
        if checked is None:
            return None
        field, value, error = checked
        if error is None or value == self._shown.get(field.dom_id):
            return None
        return field, error

    def revert_pending(self) -> None:
        """Put back the value the field being typed in had before."""
        focused = self._focused_field()
        if focused is None:
            return
        field = self._fields[focused.id or ""]
        text = self._shown_text.get(field.dom_id, "")
        with self.prevent(Input.Changed, TextArea.Changed):
            if isinstance(focused, TextArea):
                focused.load_text(text)
            else:
                focused.value = text
        self._set_error(field, None)


def _brief(value: Any) -> str:
    """A value of the file in a few words, written the way YAML writes it."""
    if isinstance(value, list):
        value = "[" + ", ".join(str(v) for v in value) + "]"
    text = " ".join(str(value).split())
    return text if len(text) <= 60 else text[:59] + "…"
