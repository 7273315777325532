"""The detail panel: every field of the selected claim (or of the map), editable, checked as you type.

A field is committed when you press enter in it or leave it; until then the
value is only validated, so a half-typed id never reaches the map.  The panel
does not change the map itself: it posts `DetailPanel.Edited` and the app
hands the value to the editing core.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, cast

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from argmap.model import Kind
from argmap.tui.widgets.fields import CLAIM_FIELDS, MAP_FIELDS, Field

Validator = Callable[[Field, Any], str | None]
KIND_OPTIONS = [(kind.value, kind.value) for kind in Kind]


class FieldArea(TextArea):
    """A wrapping text box; for one-paragraph fields enter keeps the value instead of breaking the line."""

    class Submitted(Message):
        def __init__(self, area: FieldArea) -> None:
            super().__init__()
            self.area = area

        @property
        def control(self) -> FieldArea:
            return self.area

    def __init__(self, *, submit_on_enter: bool, id: str | None = None) -> None:
        super().__init__(id=id, soft_wrap=True, classes="field-area", tab_behavior="focus")
        self.submit_on_enter = submit_on_enter

    async def _on_key(self, event: events.Key) -> None:
        # Textual then runs TextArea._on_key itself, unless the default is prevented.
        if self.submit_on_enter and event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted(self))


class DetailPanel(VerticalScroll):
    """The form for one claim, or for the map's own fields when the question is selected."""

    class Edited(Message):
        """A field was committed with a new value; `claim` is None for a field of the map."""

        def __init__(self, claim: str | None, field: Field, value: Any) -> None:
            super().__init__()
            self.claim, self.field, self.value = claim, field, value

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.claim: str | None = None
        self.validate: Validator = lambda field, value: None
        self._fields: dict[str, Field] = {f.dom_id: f for f in (*CLAIM_FIELDS, *MAP_FIELDS)}
        #: the value each field showed when it was filled, to commit only real changes
        self._shown: dict[str, Any] = {}
        #: the error each field shows (None: none), so unchanged verdicts cost nothing
        self._errors: dict[str, str | None] = {}
        #: dom id -> widget, looked up once: filling the form happens on every cursor move
        self._widgets: dict[str, Widget] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="detail-header")
        with Vertical(id="claim-form"):
            yield from self._form(CLAIM_FIELDS)
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
                area = FieldArea(id=field.dom_id, submit_on_enter=not field.multiline)
                area.placeholder = field.placeholder
                yield area
            else:
                yield Input(placeholder=field.placeholder, id=field.dom_id, compact=True)
            yield Static("", id=f"{field.dom_id}-error", classes="field-error")

    # -- filling ---------------------------------------------------------------------

    def show_claim(self, cid: str, data: dict[str, Any], header: Text) -> None:
        """Fill the form with the claim's stored fields (`data` as the file has them)."""
        self.claim = cid
        self._widget("claim-form").display = True
        self._widget("map-form").display = False
        values = dict(data, id=cid)
        self._fill(CLAIM_FIELDS, lambda f: values.get(f.name, "claim" if f.name == "kind" else None))
        cast(Static, self._widget("detail-header")).update(header, layout=False)

    def show_map(self, data: dict[str, Any], header: Text) -> None:
        """Fill the form with the map's own fields (question, title, source)."""
        self.claim = None
        self._widget("claim-form").display = False
        self._widget("map-form").display = True

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
                self._set_error(field, None)

    def focus_first(self) -> None:
        form = "#claim-form" if self.claim is not None else "#map-form"
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
        edit = self.Edited(self.claim, field, value)
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

    def commit_pending(self) -> Edited | None:
        """The edit of the field being typed in, if any, for the app to apply at once (before a save,
        a quit or an action on the claim) rather than after them."""
        focused = self.screen.focused
        if isinstance(focused, Input | TextArea) and focused in self.query("Input, TextArea"):
            return self._commit(focused, post=False)
        return None
