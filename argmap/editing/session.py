"""A map opened for editing: every change an undoable step, saved without losing a byte.

`MapEditor` holds the map as text cut into pieces (`layout.State`): each edit rewrites the
lines of the one field it changes (`roundtrip.rewrite`, ruamel.yaml on those lines only) or
moves whole claim blocks, and builds a new state; the previous state goes on the undo stack.
The checked `Document` the UI shows is rebuilt from the text, lazily, after each change.

Rules a user can rely on (the README repeats them):

* A save writes the text as it was read except for the lines of what was edited: comments,
  blank lines, key order, quoting, flow or block style, a byte order mark, CRLF line ends
  and a missing final newline are all kept.
* Deleting a claim deletes its lines and the comment lines directly above it; a comment
  separated from the claim by a blank line (a section heading) stays; blank lines are merged
  so that no double blank line appears where the claim was.  References to it are removed
  from other claims (an emptied `supports:` or `opposes:` is removed as well).
* Reordering moves a claim with the comment lines directly above it; blank lines and
  section comments between claims stay in place.
* A new claim goes after the claim named by `after`, else after the last claim that already
  argues about its first target (else after the target), else at the end; it is written in
  the file's own style (indentation, `[a, b]` or block lists, quoting, `kind: claim` or not).
* `reload()` is an undoable step: undo brings back the in-memory version it replaced.
* Arguments (`arguments:`) are edited like claims, block by block: a new one goes after the
  last argument (the section is added after the claims when there is none yet); deleting one
  deletes its lines and lead comments, the undercuts aimed at it, and the arguments that
  undercut it.  Claims and arguments share one namespace of ids.
* No edit leaves an argument without premises: removing or deleting its last premise is
  refused (delete the argument instead).  Deleting a claim deletes the arguments that
  conclude on it.
"""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap

from argmap import store
from argmap.check import RELATIONS, SourceCache, check
from argmap.diagnostics import Diagnostic, Pos, Severity
from argmap.editing import roundtrip as rt
from argmap.editing.errors import ChangedOnDisk, EditError, MapUnreadable
from argmap.editing.history import History
from argmap.editing.layout import Block, Entries, Piece, State, no_gc, parse
from argmap.editing.lenient import editable_model
from argmap.editing.validate import (
    normalize_argument_field,
    normalize_claim_field,
    normalize_map_field,
    validate_id,
)
from argmap.load import Document, char_name, load_text, position_of, read_map
from argmap.model import ARGUMENT_FIELDS, ARGUMENT_RELATIONS, CLAIM_FIELDS, MAP_FIELDS, SOURCE_FIELDS, ArgMap
from argmap.store import Identity
from argmap.suggest import did_you_mean
from argmap.validation import describe, slug

_VERBS = {"supports": "support", "opposes": "oppose"}
#: longest id made from a claim's text (longer texts are cut at a word boundary)
MAX_AUTO_ID = 32


def _claim_order(prefix: tuple[str, ...]) -> tuple[str, ...]:
    return CLAIM_FIELDS if len(prefix) == 1 else ()


def _argument_order(prefix: tuple[str, ...]) -> tuple[str, ...]:
    return ARGUMENT_FIELDS if len(prefix) == 1 else ()


def _map_order(prefix: tuple[str, ...]) -> tuple[str, ...]:
    if not prefix:
        return MAP_FIELDS
    return SOURCE_FIELDS if prefix == ("source",) else ()


@dataclass(frozen=True)
class FileFormat:
    """How the bytes wrapped the text (BOM, line ends, final newline): restored on save."""

    bom: bool = False
    crlf: bool = False
    final_newline: bool = True

    @classmethod
    def read(cls, raw: bytes) -> tuple[FileFormat, str]:
        """The format of `raw` (valid UTF-8) and its text with '\\n' line ends and a final newline."""
        text = raw.decode("utf-8")
        bom = text.startswith("\ufeff")
        text = text.removeprefix("\ufeff")
        crlf_count = text.count("\r\n")
        crlf = crlf_count > text.count("\n") - crlf_count  # mixed files follow the majority
        if crlf:
            text = text.replace("\r\n", "\n")
        final = text.endswith("\n") or not text
        return cls(bom, crlf, final), text if final else text + "\n"

    def encode(self, text: str) -> bytes:
        if not self.final_newline and text.endswith("\n"):
            text = text[:-1]
        if self.crlf:
            text = text.replace("\n", "\r\n")
        return (("\ufeff" if self.bom else "") + text).encode("utf-8")


#: Line breaks YAML reads (so `argmap check` accepts them) but the editor's line model does not.
_FOREIGN_BREAK = re.compile("\r(?!\n)|[\x85\u2028\u2029]")


def _unreadable(display: str, message: str, hint: str | None = None, pos: Pos | None = None) -> MapUnreadable:
    where = pos or Pos(1, 1)
    return MapUnreadable([Diagnostic(display, where, Severity.ERROR, "not-editable", message, hint)])


def _read(path: Path, display: str) -> tuple[bytes, Identity] | None:
    """The map's bytes and the identity of those very bytes; None when there is no file.

    Only a regular file of at most 16 MB is read, without ever blocking (a FIFO or
    a device is refused with the same words as `argmap check`).
    """
    doc = Document(file=display, path=path)
    got = read_map(path, doc)
    if got is None:
        if any(d.message == "no such file" for d in doc.diagnostics):
            return None
        raise MapUnreadable(doc.diagnostics)
    return got


def _line_ends(display: str, text: str) -> None:
    """Refuse a map whose lines end with NEL, LS, PS or a lone CR: YAML reads them as line
    breaks, the editor (which keeps the file's lines) would not, and a save could not read back.

    Inside a quoted value they are part of the text, which the editor keeps as it is.
    """
    found = _FOREIGN_BREAK.search(text)
    if found is None:
        return
    quoted = _quoted_spans(text)
    for found in _FOREIGN_BREAK.finditer(text):
        if any(start < found.start() < end for start, end in quoted):
            continue
        pos = position_of(text, found.start())
        raise _unreadable(
            display,
            f"line {pos.line} ends with {char_name(found.group())}, a line break YAML knows "
            "but the editor does not",
            "to edit the map here, convert its line ends to LF or CRLF (`argmap check` reads it as it is)",
            pos,
        )


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Where the quoted scalars of `text` start and end (character offsets)."""
    import yaml

    spans = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):  # the pure scanner counts characters
            if isinstance(token, yaml.ScalarToken) and token.style in ("'", '"'):
                spans.append((token.start_mark.index, token.end_mark.index))
    except yaml.YAMLError:
        pass
    return spans


def _title(stem: str) -> str:
    words = stem.replace("_", " ").replace("-", " ").strip()
    return (words[:1].upper() + words[1:]) if words else "Untitled map"


class MapEditor:
    """One map file being edited; see the module docstring for what edits promise."""

    def __init__(
        self,
        path: Path,
        display: str,
        text: str,
        fmt: FileFormat,
        disk: Identity | None,
        *,
        new: bool,
        data: Any = None,
    ):
        self.path = path
        self._display = display
        self._fmt = fmt
        self._disk = disk
        try:
            self._state, self._conv = parse(text, _claims_of(data))
        except EditError as exc:
            hint = "the editor needs block style: one `key: value` a line"
            raise _unreadable(display, str(exc), hint) from None
        #: the text on disk, to tell whether there are unsaved changes (None: never saved)
        self._saved: str | None = None if new else self._state.text
        self._history: History[State] = History()
        self._doc: Document | None = None
        self._sources = SourceCache()
        self._editable: tuple[Document, ArgMap | None] | None = None
        #: the state the last full document was read from, and that document (see quick_model)
        self._base: tuple[State, Document] | None = None

    # --- opening ------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, source: str | Path | None = None) -> MapEditor:
        """Open the map at `path`, or start a new one there if the file is missing or empty."""
        display = str(path)
        path = Path(path)
        got = _read(path, display)
        if got is None:
            return cls._new(path, display, source, None)
        raw, disk = got
        if not raw.strip():
            return cls._new(path, display, source, disk)
        with no_gc():
            return cls._read(path, display, raw, disk)

    @classmethod
    def _read(cls, path: Path, display: str, raw: bytes, disk: Identity) -> MapEditor:
        doc = load_text(raw, file=display, path=path)
        if not isinstance(doc.data, dict):
            errors = [d for d in doc.diagnostics if d.severity is Severity.ERROR]
            raise MapUnreadable(errors or doc.diagnostics)
        fmt, text = FileFormat.read(raw)
        _line_ends(display, text)
        editor = cls(path, display, text, fmt, disk, new=False, data=doc.data)
        if doc.text == text:  # the loader's work can be reused: same text, same positions
            editor._doc = check(doc, editor._sources)
            editor._base = (editor._state, editor._doc)
        return editor

    @classmethod
    def _new(cls, path: Path, display: str, source: str | Path | None, disk: Identity | None) -> MapEditor:
        tree = CommentedMap([("argmap", 1), ("title", rt.styled(_title(path.stem), ""))])
        if source is not None:
            tree["source"] = CommentedMap([("file", rt.styled(relative_to_map(path, source), ""))])
        tree["claims"] = CommentedMap()
        text = "".join(rt.rt_dump(tree, rt.Indent()))
        return cls(path, display, text, FileFormat(), disk, new=True)

    # --- what the UI reads ------------------------------------------------------------------

    @property
    def text(self) -> str:
        """The current YAML text ('\\n' line ends, no byte order mark: those come back on save)."""
        return self._state.text

    @property
    def document(self) -> Document:
        """The current text loaded and checked: model, positions and the checker's problems."""
        if self._doc is None:
            with no_gc():
                doc = load_text(self.text, file=self._display, path=self.path)
                self._doc = check(doc, self._sources)
            self._base = (self._state, self._doc)
        return self._doc

    @property
    def last_document(self) -> Document | None:
        """The document last read and checked (the current one, or the one before the edits
        `quick_model` shows); None before the first."""
        return self._base[1] if self._base is not None else None

    def quick_model(self) -> ArgMap | None:
        """The current map's model without reading the whole text again: the last document's
        data with the claims (and arguments) taken from their blocks, which every edit keeps
        read.  For an editor to show an edit at once and check it a moment later; None when
        the head or the rest of the file changed, or the result does not validate (then read
        `editable_model`)."""
        if self._doc is not None:
            return self.editable_model
        if self._base is None:
            return None
        base, doc = self._base
        state = self._state
        if state.head is not base.head or state.claims != base.claims or not isinstance(doc.data, dict):
            return None
        data = dict(doc.data)
        data["claims"] = {b.id: b.data for b in state.blocks}
        if state.tail is not base.tail:
            now, before = state.arguments, base.arguments
            if now is None or before is None or now[0] != "tail" or before[0] != "tail":
                return None
            if now[1].before != before[1].before or now[1].after != before[1].after:
                return None
            data["arguments"] = {b.id: b.data for b in now[1].blocks}
        try:
            return ArgMap.model_validate(data)
        except ValidationError:
            return None

    @property
    def model(self) -> ArgMap | None:
        return self.document.model

    @property
    def editable_model(self) -> ArgMap | None:
        """The model with every claim of the file, the invalid ones rebuilt from their valid
        fields (see `lenient`): what an editor shows, so that a broken claim can be fixed."""
        doc = self.document
        if self._editable is None or self._editable[0] is not doc:
            self._editable = (doc, editable_model(doc))
        return self._editable[1]

    @property
    def dirty(self) -> bool:
        """Whether the text differs from what is on disk (undoing back to it makes this False)."""
        return self._saved is None or self._state.text != self._saved

    @property
    def can_undo(self) -> bool:
        return self._history.can_undo

    @property
    def can_redo(self) -> bool:
        return self._history.can_redo

    @property
    def undo_label(self) -> str | None:
        """What undo would take back, e.g. "delete claim 'x'" (for menus and messages)."""
        return self._history.undo_label

    @property
    def redo_label(self) -> str | None:
        return self._history.redo_label

    def claim_ids(self) -> list[str]:
        """The claims' ids in file order."""
        if self._state.blocks:
            return [b.id for b in self._state.blocks]
        claims = self.document.data.get("claims") if isinstance(self.document.data, dict) else None
        return [str(k) for k in claims] if isinstance(claims, dict) else []

    def claim(self, cid: str) -> dict[str, Any]:
        """A copy of the claim's fields as written in the file (lone strings stay strings)."""
        return copy.deepcopy(_fields(self._block(cid)[1]))

    def references_to(self, cid: str) -> list[tuple[str, str]]:
        """(claim, relation) for every claim that supports or opposes `cid`, in file order."""
        self._block(cid)
        return [(b.id, rel) for b in self._state.blocks for rel in RELATIONS if cid in _related(b, rel)]

    def suggest_id(self, text: str) -> str:
        """The id `add_claim` would make from `text`: a short slug, unique in this map."""
        words = slug(text.lower()).split("-")
        cid = ""
        for word in words:
            if cid and len(cid) + 1 + len(word) > MAX_AUTO_ID:
                break
            cid = f"{cid}-{word}" if cid else word[:MAX_AUTO_ID]
        cid = cid.strip("-_.") or "claim"
        taken = self._taken()
        unique, n = cid, 2
        while unique in taken:
            unique, n = f"{cid}-{n}", n + 1
        return unique

    # --- claim edits ------------------------------------------------------------------------

    def set_claim_field(self, cid: str, field: str, value: Any) -> None:
        """Set one field of a claim; None, "" or [] removes it.  Only that field's lines change."""
        _, block = self._block(cid)
        if block.data is not None and not isinstance(block.data, dict):
            raise EditError(
                f"claim '{cid}' is {describe(block.data)}, not a mapping of fields: "
                "fix it in the file (write `text: …` indented under it)"
            )
        value = normalize_claim_field(field, value, cid)
        if field in RELATIONS and value:
            self._check_targets(cid, field, value, block)
        if field == "undercuts" and value:
            for aid in value:
                if aid not in self._argument_index(self._state):
                    hint = did_you_mean(aid, self._argument_index(self._state))
                    raise EditError(
                        f"no argument '{aid}': a claim undercuts an argument (an inference), "
                        "not a claim" + (f" — {hint}" if hint else "")
                    )
        current = _fields(block).get(field, rt.MISSING)
        value = _keep_line_end(current, value)
        if current is rt.MISSING and (value is None or (field == "kind" and value == "claim")):
            return  # nothing to remove; `kind: claim` is the default
        if _same(current, value):
            return
        state = self._rewrite(self._state, [(cid, field, self._conv.put(field, value))])
        self._commit(f"edit {field} of '{cid}'", state)

    def add_claim(
        self,
        text: str,
        *,
        kind: str = "claim",
        supports: tuple[str, ...] | list[str] = (),
        opposes: tuple[str, ...] | list[str] = (),
        quote: str | list[str] | None = None,
        by: str | None = None,
        id: str | None = None,
        after: str | None = None,
        answers: str | None = None,
    ) -> str:
        """Add a claim and return its id (made from the text when not given).

        `answers` names the further question (in `questions`) a new position answers.
        """
        cid = id or self.suggest_id(text)
        problem = validate_id(cid)
        if problem:
            raise EditError(problem)
        if cid in self._taken():
            raise EditError(f"there is already a claim or argument '{cid}'")
        if self._state.claims == "other":
            raise self._not_block()
        if after is not None:
            self._block(after)
        fields = self._new_fields(cid, text, kind, list(supports), list(opposes), quote, by, answers)
        if not self._state.blocks:
            state = self._first_claim(cid, fields)
        else:
            state = self._insert_claim(cid, fields, self._place(after, [*supports, *opposes]))
        self._commit(f"add claim '{cid}'", state)
        return cid

    def rename_claim(self, old: str, new: str) -> None:
        """Give a claim a new id and update every reference to it."""
        i, block = self._block(old)
        if new == old:
            return
        problem = validate_id(new)
        if problem:
            raise EditError(problem)
        if new in self._taken():
            raise EditError(f"there is already a claim or argument '{new}'")
        lines = rt.rename_key(list(block.lines), (old,), new)
        blocks = list(self._state.blocks)
        blocks[i] = Block.of(new, tuple(lines), block.lead)
        state = self._state.with_blocks(blocks, list(self._state.gaps))
        edits = [
            (other.id, rel, rt.EditList(replace=((old, new),), flow=rel in self._conv.flow))
            for other in state.blocks
            for rel in RELATIONS
            if old in _related(other, rel)
        ]
        state = self._rewrite(state, edits)
        state = self._rewrite_arguments(
            state,
            [
                (aid, field, rt.EditList(replace=((old, new),), flow=True))
                for aid, field in self._argument_refs(state, old)
            ],
        )
        self._commit(f"rename '{old}' to '{new}'", state)

    def delete_claim(self, cid: str) -> list[tuple[str, str]]:
        """Delete a claim and every reference to it; return the (claim, relation) references removed.

        It leaves the premises of the arguments it is a premise of, and the arguments that
        conclude on it are deleted; refused when it is an argument's only premise.
        """
        i, _ = self._block(cid)
        removed = [(claim, rel) for claim, rel in self.references_to(cid) if claim != cid]
        concluding = [aid for aid, field in self._argument_refs(self._state, cid) if field != "premises"]
        for aid, field in self._argument_refs(self._state, cid):
            if field == "premises" and aid not in concluding and self._premises(aid) == [cid]:
                raise EditError(
                    f"'{cid}' is the only premise of argument '{aid}': delete the argument first "
                    "(d on it), or give it another premise"
                )
        state = self._rewrite(
            self._state, [(claim, rel, rt.EditList(remove=(cid,))) for claim, rel in removed]
        )
        for aid in concluding:
            if aid in self._argument_index(state):
                state = self._without_argument(state, aid)
        premise_of = [aid for aid, field in self._argument_refs(state, cid) if field == "premises"]
        state = self._rewrite_arguments(
            state, [(aid, "premises", rt.EditList(remove=(cid,))) for aid in premise_of]
        )
        i = state.index[cid]
        state = self._without_block(state, i)
        self._commit(f"delete claim '{cid}'", state)
        return removed

    def link(self, reason: str, target: str, relation: str) -> None:
        """Make `reason` support or oppose `target` (appended to its list)."""
        rel = _relation(relation)
        _, block = self._block(reason)
        self._check_targets(reason, rel, [*_related(block, rel), target], block)
        op = rt.EditList(append=(target,), flow=rel in self._conv.flow, style=self._conv.style(rel))
        self._commit(f"link '{reason}' to '{target}'", self._rewrite(self._state, [(reason, rel, op)]))

    def unlink(self, reason: str, target: str) -> None:
        """Remove `target` from the supports and opposes of `reason`."""
        _, block = self._block(reason)
        rels = [rel for rel in RELATIONS if target in _related(block, rel)]
        if not rels:
            raise EditError(f"'{reason}' neither supports nor opposes '{target}'")
        state = self._rewrite(self._state, [(reason, rel, rt.EditList(remove=(target,))) for rel in rels])
        self._commit(f"unlink '{reason}' from '{target}'", state)

    def move(self, cid: str, old_target: str | None, new_target: str, relation: str) -> None:
        """Re-point one relation of `cid` from `old_target` to `new_target` (None: just add it)."""
        rel = _relation(relation)
        _, block = self._block(cid)
        kept = [t for t in _related(block, rel) if t != old_target]
        self._check_targets(cid, rel, [*kept, new_target], block, ignore=old_target)
        if old_target is not None and old_target not in (
            *_related(block, "supports"),
            *_related(block, "opposes"),
        ):
            raise EditError(f"'{cid}' neither supports nor opposes '{old_target}'")
        edits: list[tuple[str, str, rt.Op]] = []
        if old_target is not None and old_target in _related(block, rel):
            op = rt.EditList(replace=((old_target, new_target),), flow=rel in self._conv.flow)
            edits.append((cid, rel, op))
        else:
            for other in RELATIONS:
                if old_target is not None and old_target in _related(block, other):
                    edits.append((cid, other, rt.EditList(remove=(old_target,))))
            op = rt.EditList(append=(new_target,), flow=rel in self._conv.flow, style=self._conv.style(rel))
            edits.append((cid, rel, op))
        self._commit(f"move '{cid}' to '{new_target}'", self._rewrite(self._state, edits))

    def reorder(self, cid: str, delta: int) -> bool:
        """Move a claim `delta` places up (<0) or down in file order; False when it cannot move."""
        i, _ = self._block(cid)
        j = max(0, min(len(self._state.blocks) - 1, i + delta))
        if j == i:
            return False
        blocks = list(self._state.blocks)
        blocks.insert(j, blocks.pop(i))
        self._commit(
            f"move '{cid}' {'up' if j < i else 'down'}",
            self._state.with_blocks(blocks, list(self._state.gaps)),
        )
        return True

    # --- arguments --------------------------------------------------------------------------

    def argument_ids(self) -> list[str]:
        """The arguments' ids in file order."""
        state = self._state
        found = state.arguments
        if found is not None:
            return [b.id for b in found[1].blocks]
        if not any(line.startswith("arguments") for line in (*state.head, *state.tail)):
            return []  # no `arguments:` at all: no need to read the map again
        data = self.document.data if isinstance(self.document.data, dict) else {}
        arguments = data.get("arguments")  # written in flow style: read, not edited
        return [str(k) for k in arguments] if isinstance(arguments, dict) else []

    def argument(self, aid: str) -> dict[str, Any]:
        """A copy of the argument's fields as written in the file."""
        return copy.deepcopy(_fields(self._argument_block(self._state, aid)[2]))

    def set_argument_field(self, aid: str, field: str, value: Any) -> None:
        """Set one field of an argument (its gist `text`, its `scheme`, its premises…); None
        removes it.  Premises must be claims, and there must be at least one."""
        block = self._argument_block(self._state, aid)[2]
        value = normalize_argument_field(field, value, aid)
        fields = _fields(block)
        if field == "premises":
            self._check_premises(aid, value, fields)
        elif field in ARGUMENT_RELATIONS and value is not None:
            self._check_conclusion(aid, field, value, fields.get("premises"))
        current = fields.get(field, rt.MISSING)
        value = _keep_line_end(current, value)
        if (current is rt.MISSING and value is None) or _same(current, value):
            return
        state = self._rewrite_arguments(self._state, [(aid, field, self._conv.put(field, value))])
        self._commit(f"edit {field} of argument '{aid}'", state)

    def add_argument(
        self,
        premises: list[str] | tuple[str, ...],
        relation: str,
        target: str,
        *,
        id: str | None = None,
        text: str | None = None,
        scheme: str | None = None,
    ) -> str:
        """Add an argument whose premises together support, oppose or undercut `target`."""
        state, aid = self._with_new_argument(self._state, list(premises), relation, target, id, text, scheme)
        self._commit(f"add argument '{aid}'", state)
        return aid

    def delete_argument(self, aid: str) -> None:
        """Delete an argument, the undercuts aimed at it and the arguments that undercut it."""
        self._argument_block(self._state, aid)
        self._commit(f"delete argument '{aid}'", self._without_argument(self._state, aid))

    def remove_premise(self, aid: str, cid: str) -> None:
        """Take `cid` out of the premises of `aid` (refused for the last premise)."""
        premises = self._premises(aid)
        if cid not in premises:
            raise EditError(f"'{cid}' is not a premise of argument '{aid}'")
        if len(premises) == 1:
            raise EditError(
                f"'{cid}' is the only premise of argument '{aid}': an argument needs a premise "
                "(d on the argument deletes it)"
            )
        state = self._rewrite_arguments(self._state, [(aid, "premises", rt.EditList(remove=(cid,)))])
        self._commit(f"remove premise '{cid}' of '{aid}'", state)

    def undercut(self, cid: str, aid: str) -> None:
        """Make claim `cid` undercut argument `aid` (attack its step)."""
        _, block = self._block(cid)
        self._argument_block(self._state, aid)
        if aid in _related(block, "undercuts"):
            raise EditError(f"'{cid}' already undercuts '{aid}'")
        if cid in self._premises(aid):
            raise EditError(f"'{cid}' is a premise of '{aid}': it cannot undercut its own argument")
        op = rt.EditList(append=(aid,), flow=self._conv.put("undercuts", None).flow)
        self._commit(f"'{cid}' undercuts '{aid}'", self._rewrite(self._state, [(cid, "undercuts", op)]))

    def remove_undercut(self, cid: str, aid: str) -> None:
        """Claim `cid` no longer undercuts argument `aid`."""
        _, block = self._block(cid)
        if aid not in _related(block, "undercuts"):
            raise EditError(f"'{cid}' does not undercut '{aid}'")
        state = self._rewrite(self._state, [(cid, "undercuts", rt.EditList(remove=(aid,)))])
        self._commit(f"'{cid}' no longer undercuts '{aid}'", state)

    def add_co_premise(
        self,
        at: str,
        parent: str | None,
        text: str,
        *,
        kind: str = "claim",
        quote: str | list[str] | None = None,
        by: str | None = None,
    ) -> tuple[str, str]:
        """Add a new claim as a premise that works together with `at`, as one step; return
        (the new claim, the argument).

        `at` is an argument (the new claim joins its premises), a premise of the argument
        `parent`, or a claim that plainly supports or opposes `parent`: that reason becomes
        an argument with the two premises (its `supports: [parent]` moves into it).
        """
        state, aid = self._argument_at(at, parent)
        cid = self.suggest_id(text)
        fields = self._new_fields(cid, text, kind, [], [], quote, by)
        after = self._premises(aid, state)[-1]
        state = self._insert_claim_into(state, cid, fields, state.index[after])
        state = self._rewrite_arguments(state, [(aid, "premises", rt.EditList(append=(cid,), flow=True))])
        self._commit(f"add co-premise '{cid}' to '{aid}'", state)
        return cid, aid

    def add_undercut(
        self,
        at: str,
        parent: str | None,
        text: str,
        *,
        kind: str = "claim",
        quote: str | list[str] | None = None,
        by: str | None = None,
    ) -> tuple[str, str]:
        """Add a new claim that undercuts the step from `at` to `parent`, as one step; return
        (the new claim, the argument it undercuts).  A plain reason becomes a one-premise
        argument first; `at` may also be an argument, or one of the premises of `parent`."""
        state, aid = self._argument_at(at, parent)
        cid = self.suggest_id(text)
        fields = self._new_fields(cid, text, kind, [], [], quote, by)
        fields["undercuts"] = [aid]
        ordered = {name: fields[name] for name in CLAIM_FIELDS if name in fields}
        after = self._premises(aid, state)[-1]
        state = self._insert_claim_into(state, cid, ordered, state.index[after])
        self._commit(f"add undercut '{cid}' of '{aid}'", state)
        return cid, aid

    def _argument_at(self, at: str, parent: str | None) -> tuple[State, str]:
        """The argument that `at` (under `parent`) stands for, made from a plain reason if
        needed: (the state with it, its id)."""
        state = self._state
        if at in self._argument_index(state):
            return state, at
        if parent is not None and parent in self._argument_index(state):
            if at not in self._premises(parent):
                raise EditError(f"'{at}' is not a premise of argument '{parent}'")
            return state, parent
        _, block = self._block(at)
        if parent is None:
            raise EditError(
                f"'{at}' is not a reason for anything here: select it under the claim it bears on"
            )
        relation = next((rel for rel in RELATIONS if parent in _related(block, rel)), None)
        if relation is None:
            raise EditError(f"'{at}' neither supports nor opposes '{parent}'")
        state = self._rewrite(state, [(at, relation, rt.EditList(remove=(parent,)))])
        return self._with_new_argument(state, [at], relation, parent, None, None, None)

    # --- arguments: internals -------------------------------------------------------------------

    def _taken(self) -> set[str]:
        """Every id in use: claims and arguments share one namespace."""
        return {*self.claim_ids(), *self.argument_ids()}

    def _argument_index(self, state: State) -> dict[str, int]:
        found = state.arguments
        return found[1].index if found is not None else {}

    def _argument_block(self, state: State, aid: str) -> tuple[str, Entries, Block]:
        found = state.arguments
        if found is None or aid not in found[1].index:
            data = self.document.data if isinstance(self.document.data, dict) else {}
            if found is None and isinstance(data.get("arguments"), dict) and aid in data["arguments"]:
                raise EditError(
                    "the arguments of this map are not written as a block mapping (one `id:` line "
                    "per argument under `arguments:`); change that in a text editor to edit them here"
                )
            hint = did_you_mean(aid, found[1].index) if found is not None else None
            raise EditError(f"no argument '{aid}'" + (f" — {hint}" if hint else ""))
        where, entries = found
        return where, entries, entries.blocks[entries.index[aid]]

    def _premises(self, aid: str, state: State | None = None) -> list[str]:
        return _related(self._argument_block(state or self._state, aid)[2], "premises")

    def _argument_refs(self, state: State, cid: str) -> list[tuple[str, str]]:
        """(argument, field) for every argument field naming `cid`, in file order."""
        found = state.arguments
        if found is None:
            return []
        return [
            (b.id, field)
            for b in found[1].blocks
            for field in ("premises", *ARGUMENT_RELATIONS)
            if cid in _related(b, field)
        ]

    def _check_premises(self, aid: str, premises: list[str], fields: dict[str, Any]) -> None:
        conclusion = next((fields.get(rel) for rel in ARGUMENT_RELATIONS if fields.get(rel)), None)
        seen: set[str] = set()
        for cid in premises:
            if cid not in self._state.index:
                hint = did_you_mean(cid, self._state.index)
                raise EditError(f"no claim '{cid}'" + (f" — {hint}" if hint else ""))
            if cid in seen:
                raise EditError(f"'{cid}' is listed twice among the premises")
            if cid == conclusion:
                raise EditError(f"'{cid}' is the argument's conclusion: it cannot be a premise too")
            seen.add(cid)

    def _check_conclusion(self, aid: str, relation: str, target: str, premises: Any) -> None:
        if relation == "undercuts":
            if target not in self._argument_index(self._state) or target == aid:
                raise EditError(f"an argument undercuts another argument; '{target}' is none")
        elif target not in self._state.index:
            hint = did_you_mean(target, self._state.index)
            raise EditError(f"no claim '{target}'" + (f" — {hint}" if hint else ""))
        if (isinstance(premises, list) and target in premises) or premises == target:
            raise EditError(f"'{target}' is a premise of the argument: it cannot be its conclusion")

    def _rewrite_arguments(self, state: State, edits: Sequence[tuple[str, str, rt.Op]]) -> State:
        """`state` with each (argument, field, op) applied to the argument's block."""
        if not edits:
            return state
        where, entries, _ = self._argument_block(state, edits[0][0])
        blocks = list(entries.blocks)
        changed = False
        for aid, field, op in edits:
            i = entries.index[aid]
            lines = list(blocks[i].lines)
            splice = rt.rewrite(lines, (aid, field), op, self._conv, _argument_order, keep=1)
            if splice.changes(lines):
                blocks[i] = Block.of(aid, tuple(splice.apply(lines)), blocks[i].lead)
                changed = True
        if not changed:
            return state
        return state.with_piece(where, entries.with_blocks(blocks, list(entries.gaps)).lines)

    def _with_new_argument(
        self,
        state: State,
        premises: list[str],
        relation: str,
        target: str,
        aid: str | None,
        text: str | None,
        scheme: str | None,
    ) -> tuple[State, str]:
        if relation not in ARGUMENT_RELATIONS:
            raise EditError(f"unknown relation '{relation}': use 'supports', 'opposes' or 'undercuts'")
        if aid is None:
            aid = self.suggest_id(f"{premises[0] if premises else target} arg")
        problem = validate_id(aid)
        if problem:
            raise EditError(problem)
        if aid in self._taken():
            raise EditError(f"there is already a claim or argument '{aid}'")
        values = {"premises": premises, relation: target, "text": text, "scheme": scheme}
        fields: dict[str, Any] = {}
        for name in ARGUMENT_FIELDS:
            if name in values:
                value = normalize_argument_field(name, values[name], aid)
                if value is not None:
                    fields[name] = value
        self._check_premises(aid, fields["premises"], fields)
        self._check_conclusion(aid, relation, target, fields["premises"])
        found = state.arguments
        if found is not None:
            where, entries = found
            lines = rt.render_entry(aid, fields, self._conv, self._conv.claim_col)
            blocks, gaps = list(entries.blocks), list(entries.gaps)
            blocks.append(Block.of(aid, tuple(lines), 0))
            gaps.insert(len(gaps) - 1, self._conv.separator)
            return state.with_piece(where, entries.with_blocks(blocks, gaps).lines), aid
        # The first argument: an `arguments:` section after the claims.
        lines = rt.split_lines(state.text)
        body = rt.entry_tree(fields, self._conv)[0]
        splice = rt.rewrite(
            lines, ("arguments",), rt.Put(CommentedMap([(aid, body)])), self._conv, _map_order
        )
        new_lines = list(splice.lines)
        if splice.start == splice.stop and splice.start > 0 and not rt.is_blank(lines[splice.start - 1]):
            new_lines.insert(0, "\n")
        text_after = "".join(rt.Splice(splice.start, splice.stop, tuple(new_lines)).apply(lines))
        return parse(text_after)[0], aid

    def _without_argument(self, state: State, aid: str) -> State:
        """`state` without argument `aid`, the undercuts aimed at it, and (in turn) the
        arguments that undercut it."""
        gone = {aid}
        frontier = [aid]
        found = state.arguments
        blocks_by_id = {b.id: b for b in found[1].blocks} if found is not None else {}
        while frontier:
            target = frontier.pop()
            for b in blocks_by_id.values():
                if b.id not in gone and target in _related(b, "undercuts"):
                    gone.add(b.id)
                    frontier.append(b.id)
        cutters = [
            (b.id, "undercuts", rt.EditList(remove=tuple(sorted(gone & set(_related(b, "undercuts"))))))
            for b in state.blocks
            if gone & set(_related(b, "undercuts"))
        ]
        state = self._rewrite(state, cutters)
        for dead in sorted(gone, key=lambda x: -self._argument_index(state).get(x, 0)):
            found = state.arguments
            assert found is not None
            where, entries = found
            i = entries.index[dead]
            if len(entries.blocks) == 1:  # the last one: the `arguments:` key goes too
                lines = rt.split_lines(state.text)
                splice = rt.rewrite(lines, ("arguments",), rt.Put(None), self._conv, _map_order)
                start = splice.start
                alone = splice.stop == len(lines) or rt.is_blank(lines[splice.stop])
                if start > 0 and rt.is_blank(lines[start - 1]) and alone:
                    start -= 1  # and the blank line that set it apart
                return parse("".join(rt.Splice(start, splice.stop, ()).apply(lines)))[0]
            before, blocks, gaps = _drop(entries.before, list(entries.blocks), list(entries.gaps), i)
            state = state.with_piece(where, Entries(before, tuple(blocks), tuple(gaps), entries.after).lines)
        return state

    # --- map edits --------------------------------------------------------------------------

    def set_map_field(self, path: tuple[str, ...] | list[str], value: Any) -> None:
        """Set a map field such as ('title',) or ('source', 'url'); None, "" or [] removes it.

        For ('source', 'file') a `Path` is made relative to the map's folder; text is kept as is.
        """
        path = tuple(path)
        if path == ("source", "file") and isinstance(value, Path):
            value = relative_to_map(self.path, value)
        value = normalize_map_field(path, value)
        problem = self._article_problem(path, value)
        if problem is not None:
            raise EditError(problem)
        self._commit(f"edit {'.'.join(path)}", self._with_map_field(self._state, path, value))

    def _with_map_field(self, state: State, path: tuple[str, ...], value: Any) -> State:
        """`state` with the map field at `path` set to `value` (None removes it)."""
        unit = [*state.head, *state.tail]
        splice = rt.rewrite(unit, path, self._conv.put(path[-1], value), self._conv, _map_order)
        if not splice.changes(unit):
            return state
        n = len(state.head)
        if splice.start < n or not state.blocks:
            head, tail = tuple(splice.apply(state.head)), state.tail
        else:
            moved = rt.Splice(splice.start - n, splice.stop - n, splice.lines)
            head, tail = state.head, tuple(moved.apply(state.tail))
        return State(head, state.blocks, state.gaps, tail, state.claims)

    def delete_question(self, qid: str) -> list[str]:
        """Delete the further question `qid`; the positions that answered it answer the main
        question from then on (their `answers:` is removed).  Returns those positions."""
        data = self.document.data if isinstance(self.document.data, dict) else {}
        questions = data.get("questions")
        if not isinstance(questions, dict) or qid not in questions:
            hint = did_you_mean(qid, questions) if isinstance(questions, dict) else None
            raise EditError(f"no question '{qid}'" + (f" — {hint}" if hint else ""))
        answering = [b.id for b in self._state.blocks if _fields(b).get("answers") == qid]
        state = self._rewrite(self._state, [(cid, "answers", rt.Put(None)) for cid in answering])
        state = self._with_map_field(state, ("questions", qid), None)
        self._commit(f"delete question '{qid}'", state)
        return answering

    # --- fields the format does not know ---------------------------------------------------

    def rename_field(self, cid: str, old: str, new: str) -> None:
        """Rename a field of a claim where it stands (a misspelt `suports:` → `supports:`)."""
        i, block = self._block(cid)
        fields = _fields(block)
        if old not in fields:
            raise EditError(f"claim '{cid}' has no field '{old}'")
        if new in fields:
            raise EditError(
                f"claim '{cid}' already has a field '{new}': remove '{old}' or merge the two by hand"
            )
        lines = rt.rename_key(list(block.lines), (cid, old), new)
        blocks = list(self._state.blocks)
        blocks[i] = Block.of(cid, tuple(lines), block.lead)
        self._commit(
            f"rename field '{old}' of '{cid}' to '{new}'",
            self._state.with_blocks(blocks, list(self._state.gaps)),
        )

    def remove_field(self, cid: str, name: str) -> None:
        """Remove any field of a claim, one the format knows or not, with its lines."""
        _, block = self._block(cid)
        if name not in _fields(block):
            raise EditError(f"claim '{cid}' has no field '{name}'")
        state = self._rewrite(self._state, [(cid, name, rt.Put(None))])
        self._commit(f"remove field '{name}' of '{cid}'", state)

    def validate_map_field(self, path: tuple[str, ...] | list[str], value: Any) -> str | None:
        """Why `value` cannot be written at the map path (as `set_map_field` would refuse it), or None.

        For the article (`source.file`) that includes the checks `argmap check` makes
        before it reads one: inside the map's project, a regular file, not too large.
        """
        path = tuple(path)
        try:
            value = normalize_map_field(path, value)
        except EditError as exc:
            return str(exc)
        return self._article_problem(path, value)

    def _article_problem(self, path: tuple[str, ...], value: Any) -> str | None:
        if path != ("source", "file") or not isinstance(value, str):
            return None
        from argmap.check import article_problem

        problem = article_problem(Document(file=self._display, path=self.path), value)
        if problem is None:
            return None
        return f"{problem.message} — {problem.hint}" if problem.hint else problem.message

    # --- history ----------------------------------------------------------------------------

    def undo(self) -> bool:
        """Take back the last edit (of this whole session); False when there is none."""
        return self._go(self._history.undo(self._state))

    def redo(self) -> bool:
        """Redo the last undone edit; False when there is none (any new edit clears redo)."""
        return self._go(self._history.redo(self._state))

    def _go(self, state: State | None) -> bool:
        if state is None:
            return False
        self._state.forget()
        self._state = state
        self._doc = None
        return True

    # --- disk -------------------------------------------------------------------------------

    def changed_on_disk(self) -> bool:
        """Whether someone changed, created or removed the file since we last read or wrote it.

        The file's device, inode, size, mtime and ctime (in nanoseconds) are compared
        first; when any differs, the bytes' hash decides (a `touch` is not a change).
        A rewrite that restores the old size and mtime still changes the ctime.
        """
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return self._disk is not None
        except (OSError, ValueError):
            return True
        disk = self._disk
        if disk is None:
            return True
        if disk.same_stat(st):
            return False
        try:
            _, now = store.read_file(self.path)
        except OSError:
            return True
        if now.digest != disk.digest:
            return True
        self._disk = now  # touched, not changed
        return False

    def save(self, *, force: bool = False) -> Path:
        """Write the map (see `argmap.store.write_file`); ChangedOnDisk unless `force`.

        The bytes are read back with the loader first, and a save that would not
        parse to the map being edited is refused (EditError) and nothing is written.
        Under the file's lock, just before the rename, the file on disk is compared
        with the bytes last read or written: if another program (or another
        argmap) changed it, the save is refused with ChangedOnDisk.
        """
        if not force and self.changed_on_disk():
            raise ChangedOnDisk(self.path)
        data = self._fmt.encode(self.text)
        self._read_back(data)
        try:
            self._disk = store.write_file(self.path, data, expect=store.ANY if force else self._disk)
        except store.Changed:
            raise ChangedOnDisk(self.path) from None
        self._saved = self.text
        return self.path

    def _read_back(self, data: bytes) -> None:
        """Refuse to write bytes that would not load as the map being edited.

        When the bytes read (`FileFormat.read`: byte order mark, line ends and final line
        break aside) as the very text the current document was loaded from, they load to the
        same map and are not parsed again: that parse was most of a save's time (150 ms at
        1,000 claims).  Anything else is read back in full.
        """
        expected_doc = self.document
        if expected_doc.data is not None and self._decodes_to_text(data):
            return
        written = load_text(data, file=self._display, path=self.path)
        expected = expected_doc.data
        if written.data is None or expected is None or written.data != expected:
            errors = [d for d in written.diagnostics if d.severity is Severity.ERROR and written.data is None]
            why = f": {errors[0].format()}" if errors else ""
            raise EditError(
                f"not saved: the file would not read back as the map being edited{why} — "
                "nothing was written; please report this as a bug"
            )

    def _decodes_to_text(self, data: bytes) -> bool:
        try:
            return FileFormat.read(data)[1] == self.text
        except UnicodeDecodeError:
            return False

    def save_as(self, path: str | Path) -> Path:
        """Write the map to `path` (over a file there: ask first) and edit it there from now on.

        The article is named relative to the map, so `source.file` is rewritten for the new
        folder (an undoable step) when the map changes folder.
        """
        new = Path(path)
        folder = new.absolute().parent
        if not folder.is_dir():
            raise EditError(f"there is no folder {folder}: create it first, or choose another place")
        if new.is_dir():
            raise EditError(f"{new} is a folder: add the file's name")
        before = (self.path, self._display, self._disk, self._saved)
        old_state = state = self._state
        source = self._source_file()
        if source is not None:
            moved = relative_to_map(new, (self.path.absolute().parent / source).resolve())
            if moved != source:
                state = self._with_map_field(state, ("source", "file"), moved)
        self.path, self._display, self._disk = new, str(path), None
        self._state, self._doc = state, None
        try:
            saved = self.save(force=True)
        except (OSError, EditError):
            self.path, self._display, self._disk, self._saved = before
            self._state, self._doc = old_state, None
            raise
        if state is not old_state:
            self._history.record("save as: the article's path", old_state)
        return saved

    def _source_file(self) -> str | None:
        data = self.document.data if isinstance(self.document.data, dict) else {}
        source = data.get("source")
        file = source.get("file") if isinstance(source, dict) else None
        return file if isinstance(file, str) and file else None

    def disk_text(self) -> str | None:
        """The map's text on disk now, as the editor reads it (None when it is gone or unreadable)."""
        try:
            return FileFormat.read(store.read_bytes(self.path))[1]  # never a FIFO, never past 16 MB
        except (OSError, UnicodeDecodeError):
            return None

    def deleted_on_disk(self) -> bool:
        """Whether the file was there when last read or written, and is gone now."""
        return self._disk is not None and not self.path.exists()

    def reload(self) -> None:
        """Read the file again, dropping in-memory changes — as one undoable step."""
        got = _read(self.path, self._display)
        if got is None:
            raise MapUnreadable(
                [Diagnostic(self._display, None, Severity.ERROR, "no-file", "no such file", "check the path")]
            )
        raw, disk = got
        doc = load_text(raw, file=self._display, path=self.path)
        if not isinstance(doc.data, dict):
            raise MapUnreadable([d for d in doc.diagnostics if d.severity is Severity.ERROR])
        fmt, text = FileFormat.read(raw)
        _line_ends(self._display, text)
        try:
            state, conv = parse(text, _claims_of(doc.data))
        except EditError as exc:
            raise _unreadable(self._display, str(exc)) from None
        self._fmt, self._conv, self._disk = fmt, conv, disk
        self._sources = SourceCache()  # the article may have changed too
        if text != self.text:
            self._commit("reload from disk", state)
        self._saved = self.text
        self._doc = None

    # --- internals --------------------------------------------------------------------------

    def _commit(self, label: str, state: State) -> None:
        if state is self._state or state.text == self._state.text:
            return
        self._history.record(label, self._state)
        self._state.forget()
        self._state = state
        self._doc = None

    def _not_block(self) -> EditError:
        return EditError(
            "the claims of this map are not written as a block mapping (one `id:` line per claim "
            "under `claims:`); change that in a text editor to edit them here"
        )

    def _block(self, cid: str) -> tuple[int, Block]:
        i = self._state.index.get(cid)
        if i is None:
            if self._state.claims == "other":
                raise self._not_block()
            hint = did_you_mean(cid, self._state.index)
            raise EditError(f"no claim '{cid}'" + (f" — {hint}" if hint else ""))
        return i, self._state.blocks[i]

    def _rewrite(self, state: State, edits: Sequence[tuple[str, str, rt.Op]]) -> State:
        """`state` with each (claim, field, op) applied, as one new state (one step, one copy)."""
        blocks = list(state.blocks)
        index = state.index
        changed = False
        for cid, field, op in edits:
            i = index[cid]
            lines = list(blocks[i].lines)
            splice = rt.rewrite(lines, (cid, field), op, self._conv, _claim_order, keep=1)
            if splice.changes(lines):
                blocks[i] = Block.of(cid, tuple(splice.apply(lines)), blocks[i].lead)
                changed = True
        return state.with_blocks(blocks, list(state.gaps)) if changed else state

    def validate_targets(self, cid: str, relation: str, targets: list[str]) -> str | None:
        """Why `targets` cannot be `cid`'s supports or opposes, as `set_claim_field` would refuse, or None."""
        try:
            _, block = self._block(cid)
            self._check_targets(cid, relation, targets, block)
        except EditError as exc:
            return str(exc)
        return None

    def _check_targets(
        self, cid: str, rel: str, targets: list[str], block: Block, ignore: str | None = None
    ) -> None:
        """Refuse self-links, unknown ids, repeats, and support and opposition of one claim."""
        other = "opposes" if rel == "supports" else "supports"
        seen: set[str] = set()
        for target in targets:
            if target == cid:
                raise EditError(f"a claim cannot {_VERBS[rel]} itself ('{cid}')")
            if target not in self._state.index:
                hint = did_you_mean(target, self._state.index)
                raise EditError(f"no claim '{target}'" + (f" — {hint}" if hint else ""))
            if target in seen:
                raise EditError(f"'{cid}' already {rel} '{target}'")
            if target in _related(block, other) and target != ignore:
                raise EditError(
                    f"'{cid}' already {other} '{target}': a claim cannot both support and oppose "
                    "the same claim (unlink it first, or move the relation)"
                )
            seen.add(target)

    def _new_fields(
        self,
        cid: str,
        text: str,
        kind: str,
        supports: list[str],
        opposes: list[str],
        quote: str | list[str] | None,
        by: str | None,
        answers: str | None = None,
    ) -> dict[str, Any]:
        """A new claim's fields, validated, in the model's order, in the file's habits."""
        given = {
            "kind": kind,
            "text": text,
            "quote": quote,
            "by": by,
            "supports": supports,
            "opposes": opposes,
            "answers": answers,
        }
        fields: dict[str, Any] = {}
        for name in CLAIM_FIELDS:
            if name in given:
                value = normalize_claim_field(name, given[name], cid)
                if value is not None:
                    fields[name] = value
        if fields.get("kind") == "claim" and not self._conv.explicit_kind:
            del fields["kind"]
        probe = Block(cid, (), 0, {})
        for rel in RELATIONS:
            if fields.get(rel):
                self._check_targets(cid, rel, fields[rel], probe)
        both = set(fields.get("supports", ())) & set(fields.get("opposes", ()))
        if both:
            raise EditError(f"a claim cannot both support and oppose '{sorted(both)[0]}'")
        return fields

    def _place(self, after: str | None, targets: list[str]) -> int:
        """Index of the claim the new one goes after (see the module docstring)."""
        index = self._state.index
        if after is not None:
            return index[after]
        if targets:
            first = targets[0]
            reasons = [
                i for i, b in enumerate(self._state.blocks) if any(first in _related(b, r) for r in RELATIONS)
            ]
            return max(reasons) if reasons else index[first]
        return len(self._state.blocks) - 1

    def _insert_claim(self, cid: str, fields: dict[str, Any], at: int) -> State:
        return self._insert_claim_into(self._state, cid, fields, at)

    def _insert_claim_into(self, state: State, cid: str, fields: dict[str, Any], at: int) -> State:
        lines = rt.render_entry(cid, fields, self._conv, self._conv.claim_col)
        block = Block.of(cid, tuple(lines), 0)
        blocks, gaps = list(state.blocks), list(state.gaps)
        blocks.insert(at + 1, block)
        gaps.insert(at, self._conv.separator)  # the gap after `at` moves on to the new claim
        return state.with_blocks(blocks, gaps)

    def _first_claim(self, cid: str, fields: dict[str, Any]) -> State:
        """The first claim turns `claims: {}` (or a missing or empty `claims:`) into a block."""
        lines = rt.split_lines(self._state.text)

        def write() -> rt.Splice:
            body = rt.entry_tree(fields, self._conv)[0]
            return rt.rewrite(lines, ("claims",), rt.Put(CommentedMap([(cid, body)])), self._conv, _map_order)

        try:
            splice = write()
        except EditError:  # the styles were chosen before the check: choose the safest
            with rt.force_double():
                splice = write()
        state, conv = parse("".join(splice.apply(lines)))
        self._conv = conv
        return state

    def _without_block(self, state: State, i: int) -> State:
        """`state` without claim i, its lead comments and the blank lines it leaves doubled."""
        blocks, gaps = list(state.blocks), list(state.gaps)
        if len(blocks) == 1:
            lines = [*state.head, *gaps[0], *state.tail]
            splice = rt.rewrite(lines, ("claims",), rt.Put({}), self._conv, _map_order)
            return parse("".join(splice.apply(lines)))[0]
        head, blocks, gaps = _drop(state.head, blocks, gaps, i)
        return State(head, tuple(blocks), tuple(gaps), state.tail, state.claims)


# --- helpers ------------------------------------------------------------------------------


def relative_to_map(map_path: Path, source: str | Path) -> str:
    """`source` as the map should name it: relative to the map's folder, with '/'."""
    folder = Path(map_path).absolute().parent
    try:
        return Path(os.path.relpath(Path(source).absolute(), folder)).as_posix()
    except ValueError:  # another drive on Windows
        return Path(source).absolute().as_posix()


def _claims_of(data: Any) -> dict[str, Any] | None:
    claims = data.get("claims") if isinstance(data, dict) else None
    return claims if isinstance(claims, dict) else None


def _fields(block: Block) -> dict[str, Any]:
    return block.data if isinstance(block.data, dict) else {}


def _related(block: Block, rel: str) -> list[str]:
    value = _fields(block).get(rel)
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _relation(relation: str) -> str:
    if relation not in RELATIONS:
        raise EditError(f"unknown relation '{relation}': use 'supports' or 'opposes'")
    return relation


def _keep_line_end(current: Any, value: Any) -> Any:
    """A new text keeps the line break its old one ended with: a `text: >` or `|` block ends
    with one, which is how the block is written, not part of what the user typed."""
    if isinstance(current, str) and isinstance(value, str) and value and current.endswith("\n"):
        ending = current[len(current.rstrip("\n")) :]
        return value.rstrip("\n") + ending
    return value


def _same(current: Any, value: Any) -> bool:
    if isinstance(current, str) and isinstance(value, list):
        return value == [current]
    return current == value and type(current) is type(value)


def _drop(
    head: Piece, blocks: list[Block], gaps: list[Piece], i: int
) -> tuple[Piece, list[Block], list[Piece]]:
    """Entry i taken out of a section (with its lead comments), and the blank lines around it
    merged so that no double blank line is left where it was: the new (head, blocks, gaps)."""
    before: Piece = gaps[i - 1] if i > 0 else head
    after = gaps[i]
    if i == len(blocks) - 1:
        before = _strip_blank_end(before)
    elif after and rt.is_blank(after[0]) and (i == 0 or not before or rt.is_blank(before[-1])):
        after = _strip_blank_start(after)
    merged = before + after
    del blocks[i]
    del gaps[i]
    if i == 0:
        return merged, blocks, gaps
    gaps[i - 1] = merged
    return head, blocks, gaps


def _strip_blank_end(piece: Piece) -> Piece:
    end = len(piece)
    while end and rt.is_blank(piece[end - 1]):
        end -= 1
    return piece[:end]


def _strip_blank_start(piece: Piece) -> Piece:
    start = 0
    while start < len(piece) and rt.is_blank(piece[start]):
        start += 1
    return piece[start:]
