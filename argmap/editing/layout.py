"""A map's text cut into pieces an edit can replace without touching the rest.

    head      everything before the first claim (top-level fields, `claims:`, comments)
    block 1   one claim: the comment lines directly above its id, its id line, its fields
    gap 1     what follows it up to the next claim: blank lines, section comments
    block 2 …
    tail      what follows the claims mapping (top-level fields written after it)

The `arguments:` mapping (usually in the tail, after the claims) is cut the same way, into
`Entries`: what comes before its first entry, a block per argument with the gaps between,
and what follows.  It is cut on demand (`State.arguments`) from the piece that holds it, so
a map without arguments pays nothing, and an edit of an argument rewrites only its block.

Pieces are immutable tuples of lines, and a `State` is a tuple of pieces, so an edit builds a
new state that shares every untouched piece with the old one: undo keeps whole states at the
price of one tuple of references each, and the text of an untouched claim is never copied,
re-parsed or re-emitted.

Comment ownership, which deleting and reordering rely on: the comment lines *directly above*
a claim id (no blank line between) belong to that claim and travel with it; a comment
separated from the next claim by a blank line is a section comment and stays where it is.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import yaml

from argmap.editing import roundtrip as rt
from argmap.editing.errors import EditError

Piece = tuple[str, ...]


@contextmanager
def no_gc() -> Iterator[None]:
    """PyYAML's node trees are large graphs of small objects: the cycle collector only slows
    their building (measured 2-5x on a 10,000-claim map) and frees nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass(frozen=True, eq=False)
class Block:
    """One claim as written: `lead` comment lines, then its id line and fields."""

    id: str
    lines: Piece
    lead: int = 0
    #: the claim's plain data, as argmap's loader builds it (None for an empty claim)
    data: Any = field(default=None, repr=False)

    @classmethod
    def of(cls, cid: str, lines: Piece, lead: int) -> Block:
        """A block from its lines, reading its data back (after an edit)."""
        node = rt.compose(lines)
        if node is None or not rt.is_block_mapping(node) or len(node.value) != 1:
            raise EditError(f"claim '{cid}' would no longer be a single `{cid}:` entry")
        data = rt.plain(node)
        key = next(iter(data))
        return cls(key, lines, lead, data[key])


@dataclass(frozen=True, eq=False)
class State:
    """The whole text as pieces; `blocks` is empty when the claims are not a block mapping."""

    head: Piece
    blocks: tuple[Block, ...] = ()
    gaps: tuple[Piece, ...] = ()
    tail: Piece = ()
    #: how `claims:` stands when there are no blocks: "block", "missing", "null", "empty" or "other"
    claims: str = "block"

    @cached_property
    def text(self) -> str:
        parts = list(self.head)
        for block, gap in zip(self.blocks, self.gaps, strict=True):
            parts.extend(block.lines)
            parts.extend(gap)
        parts.extend(self.tail)
        return "".join(parts)

    @cached_property
    def index(self) -> dict[str, int]:
        return {b.id: i for i, b in enumerate(self.blocks)}

    def forget(self) -> None:
        """Drop the cached text and index (a state on the undo stack must not hold a copy of
        the whole map: 1,000 steps of a 10,000-claim map would be 2.4 GB of text)."""
        self.__dict__.pop("text", None)
        self.__dict__.pop("index", None)
        self.__dict__.pop("arguments", None)

    def with_blocks(self, blocks: list[Block], gaps: list[Piece]) -> State:
        return State(self.head, tuple(blocks), tuple(gaps), self.tail, self.claims)

    @cached_property
    def arguments(self) -> tuple[str, Entries] | None:
        """The `arguments:` entries as blocks, and whether they stand in the "tail" or the "head"
        (None when the map has no `arguments:` mapping with entries in block style)."""
        for where in ("tail", "head"):
            piece: Piece = getattr(self, where)
            if piece and any(line.startswith("arguments") for line in piece):
                entries = _cut_arguments(piece)
                if entries is not None:
                    return where, entries
        return None

    def with_piece(self, where: str, piece: Piece) -> State:
        """This state with its head or tail replaced."""
        if where == "head":
            return State(piece, self.blocks, self.gaps, self.tail, self.claims)
        return State(self.head, self.blocks, self.gaps, piece, self.claims)


@dataclass(frozen=True, eq=False)
class Entries:
    """A top-level block mapping other than the claims (the `arguments:`), cut into blocks."""

    #: the lines before the first entry (the `arguments:` key line among them)
    before: Piece
    blocks: tuple[Block, ...]
    gaps: tuple[Piece, ...]
    #: the lines after the last entry's gap (further top-level keys)
    after: Piece

    @property
    def lines(self) -> Piece:
        parts: list[str] = list(self.before)
        for block, gap in zip(self.blocks, self.gaps, strict=True):
            parts.extend(block.lines)
            parts.extend(gap)
        parts.extend(self.after)
        return tuple(parts)

    @cached_property
    def index(self) -> dict[str, int]:
        return {b.id: i for i, b in enumerate(self.blocks)}

    def with_blocks(self, blocks: list[Block], gaps: list[Piece]) -> Entries:
        return Entries(self.before, tuple(blocks), tuple(gaps), self.after)


#: The last few pieces cut for their arguments, by identity: an edit of a claim makes a new
#: state that shares its tail with the one before, so the tail need not be read again.
_CUTS: dict[int, tuple[Piece, Entries | None]] = {}


def _cut_arguments(piece: Piece) -> Entries | None:
    known = _CUTS.get(id(piece))
    if known is not None and known[0] is piece:
        return known[1]
    entries = cut_entries(piece, "arguments")
    if len(_CUTS) >= 8:
        _CUTS.pop(next(iter(_CUTS)))
    _CUTS[id(piece)] = (piece, entries)
    return entries


def cut_entries(piece: Piece, key: str) -> Entries | None:
    """The entries of the top-level block mapping `key` in `piece` (a head or a tail, valid YAML
    on its own), or None when there is no such mapping with entries."""
    lines = list(piece)
    try:
        root = rt.compose(lines)
    except EditError:
        return None
    if not rt.is_block_mapping(root):
        return None
    pair = rt.find(root, key)  # type: ignore[arg-type]
    if pair is None or not rt.is_block_mapping(pair[1]) or not pair[1].value:
        return None
    pos = rt.Positions(lines)
    spans, end = _spans(lines, pos, root, pair[0], pair[1])  # type: ignore[arg-type]
    blocks, gaps = _blocks(lines, spans, end, {})
    return Entries(tuple(lines[: spans[0][1]]), tuple(blocks), tuple(gaps), tuple(lines[end:]))


def parse(text: str, claims_data: dict[str, Any] | None = None) -> tuple[State, rt.Conventions]:
    """Cut `text` (which argmap's loader accepted as a mapping) into a state; learn its style.

    `claims_data` is the loader's data of the same text's claims, reused rather than rebuilt.
    """
    lines = rt.split_lines(text)
    with no_gc():
        root = rt.compose(lines)
    if not rt.is_block_mapping(root):
        raise EditError("the map is not written in block style (one `key: value` per line)")
    pos = rt.Positions(lines)
    pair = rt.find(root, "claims")  # type: ignore[arg-type]
    if pair is None:
        return State(tuple(lines), claims="missing"), rt.Conventions()
    claims_key, claims = pair
    if not rt.is_block_mapping(claims):
        kind = _claims_kind(claims)
        return State(tuple(lines), claims=kind), rt.Conventions()
    with no_gc():
        return _cut(lines, pos, root, claims_key, claims, claims_data or {})  # type: ignore[arg-type]


def _claims_kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null", "Null", "NULL"):
        return "null"
    if isinstance(node, yaml.MappingNode) and not node.value:
        return "empty"
    return "other"


def _cut(
    lines: list[str],
    pos: rt.Positions,
    root: yaml.MappingNode,
    claims_key: yaml.Node,
    claims: yaml.MappingNode,
    known: dict[str, Any],
) -> tuple[State, rt.Conventions]:
    spans, tail_start = _spans(lines, pos, root, claims_key, claims)
    blocks, gaps = _blocks(lines, spans, tail_start, known)
    state = State(tuple(lines[: spans[0][1]]), tuple(blocks), tuple(gaps), tuple(lines[tail_start:]))
    return state, _conventions(pos, claims, gaps)


Span = tuple[str, int, int, int, yaml.Node]  # id, lead start, key line, last line, value


def _spans(
    lines: list[str], pos: rt.Positions, root: yaml.MappingNode, key: yaml.Node, mapping: yaml.MappingNode
) -> tuple[list[Span], int]:
    """Where each entry of `mapping` stands (with its lead comments), and where the text after
    the mapping starts."""
    floor = pos.line(key.start_mark) + 1
    spans: list[Span] = []
    for key_node, value_node in mapping.value:
        key_line = pos.line(key_node.start_mark)
        start = rt.lead_start(lines, key_line, floor)
        end = _own_comments(
            lines, rt.last_line(lines, pos, value_node, key_line), pos.col(key_node.start_mark)
        )
        spans.append((str(key_node.value), start, key_line, end, value_node))
        floor = end + 1
    return spans, _tail_start(lines, pos, root, key, floor)


def _blocks(
    lines: list[str], spans: list[Span], tail_start: int, known: dict[str, Any]
) -> tuple[list[Block], list[Piece]]:
    blocks, gaps = [], []
    for i, (cid, start, key_line, end, value_node) in enumerate(spans):
        next_start = spans[i + 1][1] if i + 1 < len(spans) else tail_start
        data = known[cid] if cid in known else rt.plain(value_node)
        blocks.append(Block(cid, tuple(lines[start : end + 1]), key_line - start, data))
        gaps.append(tuple(lines[end + 1 : next_start]))
    return blocks, gaps


def _own_comments(lines: list[str], end: int, claim_col: int) -> int:
    """Extend a claim over the comment lines right after it that are indented like its fields
    (a commented-out field belongs to the claim, and goes with it when it moves)."""
    while end + 1 < len(lines) and rt.is_comment(lines[end + 1]) and rt.indent_of(lines[end + 1]) > claim_col:
        end += 1
    return end


def _tail_start(
    lines: list[str], pos: rt.Positions, root: yaml.MappingNode, claims_key: yaml.Node, floor: int
) -> int:
    """Where the text after a mapping starts: the next top-level key and its own comments."""
    keys = [k for k, _ in root.value]
    i = next(n for n, k in enumerate(keys) if k is claims_key)
    if i + 1 == len(keys):
        return len(lines)
    return rt.lead_start(lines, pos.line(keys[i + 1].start_mark), floor)


def _conventions(pos: rt.Positions, claims: yaml.MappingNode, gaps: list[Piece]) -> rt.Conventions:
    """The file's habits, read from its first claims: indentation, list and quoting styles."""
    claim_col = pos.col(claims.value[0][0].start_mark)
    mapping, seq = None, None
    flow: Counter[tuple[str, bool]] = Counter()
    kinds: Counter[bool] = Counter()  # claims of kind 'claim': with `kind: claim` written, or without a kind
    styles: Counter[tuple[str, str]] = Counter()
    for key_node, value_node in claims.value[:200]:
        if not rt.is_block_mapping(value_node):
            continue
        key_col = pos.col(key_node.start_mark)
        names = {str(k.value): v for k, v in value_node.value}
        kind = names.get("kind")
        if kind is None or (isinstance(kind, yaml.ScalarNode) and kind.value == "claim"):
            kinds[kind is not None] += 1
        for fkey, fvalue in value_node.value:
            name = str(fkey.value)
            field_col = pos.col(fkey.start_mark)
            mapping = mapping or (field_col - key_col if field_col > key_col else None)
            if isinstance(fvalue, yaml.SequenceNode) and fvalue.value:
                flow[(name, bool(fvalue.flow_style))] += 1
                if not fvalue.flow_style and seq is None:
                    dash = pos.col(fvalue.start_mark) - field_col
                    item = pos.col(fvalue.value[0].start_mark) - field_col
                    seq = (item, dash) if 0 <= dash < item else None
                first = fvalue.value[0]
            else:
                first = fvalue
            if isinstance(first, yaml.ScalarNode) and first.tag == "tag:yaml.org,2002:str":
                styles[(name, first.style or "")] += 1
    default = rt.Conventions()
    indent = rt.Indent(mapping or 2, *(seq or (default.indent.sequence, default.indent.offset)))
    return rt.Conventions(
        indent=indent,
        claim_col=claim_col,
        separator=_separator(gaps),
        flow=_flow_fields(flow, default.flow),
        styles=_styles(styles, dict(default.styles)),
        explicit_kind=kinds[True] > kinds[False],
    )


def _separator(gaps: list[Piece]) -> Piece:
    """The blank lines most often found just above a claim (one when there is nothing to go by)."""
    runs: Counter[int] = Counter()
    for gap in gaps[:-1]:
        n = 0
        while n < len(gap) and rt.is_blank(gap[len(gap) - 1 - n]):
            n += 1
        runs[n] += 1
    n = runs.most_common(1)[0][0] if runs else 1
    return ("\n",) * n


def _flow_fields(seen: Counter[tuple[str, bool]], default: frozenset[str]) -> frozenset[str]:
    names = {name for name, _ in seen} | set(default)
    return frozenset(
        n
        for n in names
        if seen[(n, True)] > seen[(n, False)] or (n in default and seen[(n, True)] == seen[(n, False)])
    )


def _styles(seen: Counter[tuple[str, str]], default: dict[str, str]) -> tuple[tuple[str, str], ...]:
    best: dict[str, tuple[int, str]] = {}
    for (name, style), count in seen.items():
        if style in ('"', "'", "") and count > best.get(name, (0, ""))[0]:
            best[name] = (count, style)
    merged = dict(default)
    merged.update({name: style for name, (_, style) in best.items()})
    return tuple(sorted(merged.items()))
