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
"""

from __future__ import annotations

import copy
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from argmap import store
from argmap.check import RELATIONS, SourceCache, check
from argmap.diagnostics import Diagnostic, Pos, Severity
from argmap.editing import roundtrip as rt
from argmap.editing.errors import ChangedOnDisk, EditError, MapUnreadable
from argmap.editing.history import History
from argmap.editing.layout import Block, Piece, State, no_gc, parse
from argmap.editing.validate import normalize_claim_field, normalize_map_field, validate_id
from argmap.load import Document, char_name, load_text, position_of, read_map
from argmap.model import CLAIM_FIELDS, MAP_FIELDS, SOURCE_FIELDS, ArgMap
from argmap.store import Identity
from argmap.suggest import did_you_mean
from argmap.validation import describe, slug

_VERBS = {"supports": "support", "opposes": "oppose"}
#: longest id made from a claim's text (longer texts are cut at a word boundary)
MAX_AUTO_ID = 32


def _claim_order(prefix: tuple[str, ...]) -> tuple[str, ...]:
    return CLAIM_FIELDS if len(prefix) == 1 else ()


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
        return self._doc

    @property
    def model(self) -> ArgMap | None:
        return self.document.model

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
        taken = set(self.claim_ids())
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
        current = _fields(block).get(field, rt.MISSING)
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
        if cid in self._state.index:
            raise EditError(f"there is already a claim '{cid}'")
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
        if new in self._state.index:
            raise EditError(f"there is already a claim '{new}'")
        lines = list(block.lines)
        root = rt.compose(lines)
        key_node = root.value[0][0]  # type: ignore[union-attr]
        pos = rt.Positions(lines)
        n, start, end = (
            pos.line(key_node.start_mark),
            pos.col(key_node.start_mark),
            pos.col(key_node.end_mark),
        )
        lines[n] = lines[n][:start] + rt.plain_key(new) + lines[n][end:]
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
        self._commit(f"rename '{old}' to '{new}'", state)

    def delete_claim(self, cid: str) -> list[tuple[str, str]]:
        """Delete a claim and every reference to it; return the (claim, relation) references removed."""
        i, _ = self._block(cid)
        removed = [(claim, rel) for claim, rel in self.references_to(cid) if claim != cid]
        state = self._rewrite(
            self._state, [(claim, rel, rt.EditList(remove=(cid,))) for claim, rel in removed]
        )
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
        state = self._state
        unit = [*state.head, *state.tail]
        splice = rt.rewrite(unit, path, self._conv.put(path[-1], value), self._conv, _map_order)
        if not splice.changes(unit):
            return
        n = len(state.head)
        if splice.start < n or not state.blocks:
            head, tail = tuple(splice.apply(state.head)), state.tail
        else:
            moved = rt.Splice(splice.start - n, splice.stop - n, splice.lines)
            head, tail = state.head, tuple(moved.apply(state.tail))
        new = State(head, state.blocks, state.gaps, tail, state.claims)
        self._commit(f"edit {'.'.join(path)}", new)

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
        """Refuse to write bytes that would not load as the map being edited."""
        written = load_text(data, file=self._display, path=self.path)
        expected = self.document.data
        if written.data is None or expected is None or written.data != expected:
            errors = [d for d in written.diagnostics if d.severity is Severity.ERROR and written.data is None]
            why = f": {errors[0].format()}" if errors else ""
            raise EditError(
                f"not saved: the file would not read back as the map being edited{why} — "
                "nothing was written; please report this as a bug"
            )

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

    def _rewrite(self, state: State, edits: list[tuple[str, str, rt.Op]]) -> State:
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
        lines = rt.render_entry(cid, fields, self._conv, self._conv.claim_col)
        block = Block.of(cid, tuple(lines), 0)
        blocks, gaps = list(self._state.blocks), list(self._state.gaps)
        blocks.insert(at + 1, block)
        gaps.insert(at, self._conv.separator)  # the gap after `at` moves on to the new claim
        return self._state.with_blocks(blocks, gaps)

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
        before: Piece = gaps[i - 1] if i > 0 else state.head
        after = gaps[i]
        if i == len(blocks) - 1:
            before = _strip_blank_end(before)
        elif after and rt.is_blank(after[0]) and (i == 0 or not before or rt.is_blank(before[-1])):
            after = _strip_blank_start(after)
        merged = before + after
        del blocks[i]
        del gaps[i]
        if i == 0:
            return State(merged, tuple(blocks), tuple(gaps), state.tail, state.claims)
        gaps[i - 1] = merged
        return state.with_blocks(blocks, gaps)


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


def _same(current: Any, value: Any) -> bool:
    if isinstance(current, str) and isinstance(value, list):
        return value == [current]
    return current == value and type(current) is type(value)


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
