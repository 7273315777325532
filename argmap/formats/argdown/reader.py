"""Argdown → argmap: Argdown's own model of a document, turned into a map.

The document is read exactly as Argdown reads it (lexer.py, parser.py, interpret.py); a
document Argdown rejects is refused with Argdown's line and our words, and one Argdown
accepts is never refused.  Then each construct becomes what the map can say:

- a statement (all the places it is written, by title) is a claim: its text is the text
  Argdown shows (the last definition, or the one with `isCanonical: true`); other texts
  go in the note; leading and trailing `#tags` become `tags`; `{data}` keys that are claim
  fields are those fields, others go in the note;
- an argument with a premise–conclusion structure is an argument per inference step: its
  premises together support the conclusion; the inference rules are the `scheme`, the
  description the `text`; `uses` picks the premises;
- an argument without one is a claim (its description), related as Argdown relates it;
- support, attack, undercut are supports, opposes, undercuts; contradictory (`><`) and, in
  strict mode, contrary are opposition both ways; entails is support;
- headings group statements in Argdown; a group becomes a tag on its members, and a lone
  top heading is the map's title.

Every mapping and every loss gives a located warning, and the import report counts them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

from argmap.diagnostics import Pos
from argmap.formats import Imported
from argmap.formats._build import (
    ARGUMENT_EXTRA_FIELDS,
    CLAIM_DATA_FIELDS,
    MAP_EXTRA_FIELDS,
    MapBuilder,
    field_value,
    map_fields_problem,
)
from argmap.formats.argdown import interpret as im
from argmap.formats.argdown.interpret import (
    ArgdownModelError,
    Argument,
    EquivalenceClass,
    Inference,
    Interpreter,
    Model,
    Relation,
    Section,
    Statement,
)
from argmap.formats.argdown.lexer import LexError, line_col, tokenize
from argmap.formats.argdown.parser import ArgdownParseError, parse_tokens
from argmap.model import ID_RE

#: Data keys Argdown itself acts on: kept in meaning, never copied into the map.
ARGDOWN_DATA_KEYS = frozenset({"isCanonical", "isInGroup", "uses", "from"})
#: Front-matter settings Argdown acts on while reading (applied, so kept in meaning).
MODEL_SETTINGS = frozenset({"model", "group", "data"})
#: The marker writer.py puts on the conclusion it writes for an argument that opposes a
#: claim or undercuts an argument (Argdown's arguments conclude statements).
CONCLUSION_MARKER = "argmap"


def parse(text: str, file: str) -> Imported:
    """Read an Argdown document; located errors and warnings about it come with the map."""
    builder = MapBuilder(file)
    text = text.removeprefix("\ufeff")
    comments: list[int] = []
    try:
        tokens = tokenize(text, comments)
    except LexError as exc:
        line, col = line_col(text, exc.offset)
        builder.error(Pos(line, col), "argdown-syntax", exc.message, "write \\\\ for a backslash")
        return Imported(None, builder.diagnostics, builder.report)
    if not tokens:
        builder.error(Pos(1, 1), "argdown-syntax", "the document has no statements or arguments")
        return Imported(None, builder.diagnostics, builder.report)
    try:
        tree = parse_tokens(tokens)
        model = Interpreter().run(tree)
    except ArgdownParseError as exc:
        builder.error(Pos(exc.token.line, exc.token.column), "argdown-syntax", exc.message, exc.hint)
        return Imported(None, builder.diagnostics, builder.report)
    except ArgdownModelError as exc:
        pos = Pos(exc.line, exc.column or 1) if exc.line else None
        builder.error(pos, "argdown", exc.message, exc.hint)
        return Imported(None, builder.diagnostics, builder.report)
    if comments:
        builder.report.left_out("comments", len(comments))
    return _Reader(builder, model).build()


def _pos(line: int, column: int = 1) -> Pos | None:
    return Pos(line, max(column, 1)) if line else None


@dataclass
class _Step:
    """One inference of a reconstructed argument: an argmap argument."""

    aid: str
    argument: Argument
    premises: list[str]  # equivalence-class titles
    conclusion: str  # equivalence-class title
    inference: Inference | None
    last: bool


@dataclass
class _Reader:
    builder: MapBuilder
    model: Model
    #: equivalence-class title -> claim id; non-reconstructed argument title -> claim id
    claim_of: dict[str, str] = field(default_factory=dict)
    claim_of_argument: dict[str, str] = field(default_factory=dict)
    #: (argument title, conclusion index) -> argmap argument id
    step_of: dict[tuple[str, int], str] = field(default_factory=dict)
    last_step: dict[str, _Step] = field(default_factory=dict)
    #: conclusions written by writer.py for arguments that oppose or undercut: title -> relation
    folded: dict[str, Relation] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)
    markup: list[tuple[int, int]] = field(default_factory=list)
    links: list[tuple[int, int]] = field(default_factory=list)

    @property
    def report(self) -> Any:
        return self.builder.report

    def build(self) -> Imported:
        fields, has_argmap = self._front_matter()
        self._find_folded_conclusions()
        self._claims()
        self._steps()
        self._relations()
        title_section = self._title_section(fields)
        self._sections(title_section)
        self._markup_warnings()
        for cid, lines in self.notes.items():
            note = self.builder.claims[cid].get("note")
            self.builder.claims[cid]["note"] = "\n".join([note, *lines] if note else lines)
        return self.builder.build(fields, infer_positions=not has_argmap)

    # -- front matter ------------------------------------------------------------

    def _front_matter(self) -> tuple[dict[str, Any], bool]:
        front = self.model.front_matter
        fields: dict[str, Any] = {}
        if front is None:
            return fields, False
        where = _pos(self.model.front_matter_line)
        if not isinstance(front, dict):
            self.builder.warning(
                where, "argdown-front-matter", "the front matter is not key: value pairs; left out"
            )
            self.report.left_out("front matter")
            return fields, False
        block = front.get("argmap")
        if isinstance(block, dict):
            for key, value in block.items():
                if key == "version":
                    continue
                problem = map_fields_problem({key: value}) if key in MAP_EXTRA_FIELDS else None
                if key not in MAP_EXTRA_FIELDS or problem:
                    what = (
                        f"{problem[0]}' in the front matter: {problem[1]}"
                        if problem
                        else (f"{key}' in the front matter is not a map field")
                    )
                    self.builder.warning(
                        self._key_pos(key, under="argmap"),
                        "argdown-front-matter",
                        f"'argmap: {what}; left out",
                    )
                    self.report.left_out("front matter: argmap fields")
                    continue
                fields[key] = value
                self.report.kept("front matter: argmap fields")
        elif block is not None:
            self.builder.warning(
                where,
                "argdown-front-matter",
                "'argmap' in the front matter is not key: value pairs; left out",
            )
            self.report.left_out("front matter: argmap fields")
        title = front.get("title")
        if isinstance(title, str) and title.strip():
            if "title" not in fields:  # exactly as written in our own exports, else trimmed
                fields["title"] = title if isinstance(block, dict) else title.strip()
            self.report.kept("front matter: title")
        source = dict(fields.get("source") or {})
        for key in ("author", "date"):
            value = front.get(key)
            if value is None:
                continue
            if isinstance(value, dt.date):
                value = value.isoformat()[:10]
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                value = str(value)
            if not isinstance(value, str) or not value.strip():
                self.builder.warning(
                    where, "argdown-front-matter", f"front matter '{key}' is not text; left out"
                )
                self.report.left_out(f"front matter: {key}")
                continue
            if key in source:
                continue
            source[key] = value.strip()
            self.builder.warning(
                self._key_pos(key),
                "argdown-front-matter",
                f"front matter '{key}: {value}' kept as the source's {key}",
                "argmap's source is the article the map analyses; "
                "correct it there if it is the document's own",
            )
            self.report.mapped(f"front matter: {key}")
        if source and not map_fields_problem({"source": source}):
            fields["source"] = source
        handled = {"argmap", "title", "author", "date"}
        for key, value in front.items():
            if key in handled:
                continue
            if key in MODEL_SETTINGS:
                if isinstance(value, dict):
                    self.report.kept("front matter: reading settings")
                    continue
                self.builder.warning(
                    self._key_pos(key),
                    "argdown-front-matter",
                    f"front matter '{key}' is not key: value pairs: Argdown reads it as no settings at all "
                    "(not even its defaults), and so does argmap",
                    f"write e.g. `{key}:` with indented `key: value` lines under it",
                )
                self.report.mapped("front matter: reading settings")
                continue
            shown = key if not isinstance(value, str) else f"{key}: {_short(value)}"
            self.builder.warning(
                self._key_pos(key),
                "argdown-front-matter",
                f"front matter '{shown}' has no place in an argmap; left out",
                "Argdown's display settings (color, map, dot, …) and other fields are not part of a map",
            )
            self.report.left_out(f"front matter: {key}")
        return fields, isinstance(block, dict)

    def _key_pos(self, key: Any, under: str | None = None) -> Pos | None:
        """The line of `key:` in the front matter (under `under:` when given), else its first line."""
        lines = self.model.front_matter_text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        start = 0
        if under is not None:
            start = next((i for i, line in enumerate(lines) if re.match(rf"{re.escape(under)}\s*:", line)), 0)
        pattern = re.compile(rf"(\s*)['\"]?{re.escape(str(key))}['\"]?\s*:")
        for i in range(start, len(lines)):
            m = pattern.match(lines[i])
            if m and (under is None) == (m.group(1) == ""):
                return _pos(self.model.front_matter_line + i, len(m.group(1)) + 1)
        return _pos(self.model.front_matter_line)

    # -- claims --------------------------------------------------------------------

    def _find_folded_conclusions(self) -> None:
        """Conclusions writer.py wrote for an argument that opposes or undercuts: not claims."""
        for argument in self.model.arguments.values():
            if not argument.reconstructed:
                continue
            ec = self.model.statements.get(argument.pcs[-1].title or "")
            if ec is None or not isinstance(ec.data, dict):
                continue
            marker = ec.data.get(CONCLUSION_MARKER)
            wanted = {"opposes": im.ATTACK, "undercuts": im.UNDERCUT}.get(marker)  # type: ignore[arg-type]
            outgoing = [r for r in ec.relations if r.source is ec]
            used_elsewhere = [m for m in ec.members if m.argument_title not in (argument.title, None)]
            if wanted and len(outgoing) == 1 and outgoing[0].type == wanted and not used_elsewhere:
                self.folded[ec.title] = outgoing[0]

    def _claims(self) -> None:
        """A claim for each statement, and for each argument without a reconstruction, in the
        order they are first defined (those only referred to come last, in order of mention)."""
        items: list[tuple[tuple[float, int], str, EquivalenceClass | Argument]] = []
        for ec in self.model.statements.values():
            if ec.title in self.folded:
                continue
            items.append((_order(ec.members), "statement", ec))
        for argument in self.model.arguments.values():
            if not argument.reconstructed:
                items.append((_order(argument.members), "argument", argument))
        items.sort(key=lambda item: item[0])
        for _, kind, node in items:
            if kind == "statement":
                assert isinstance(node, EquivalenceClass)
                self._statement(node)
            else:
                assert isinstance(node, Argument)
                self._argument_claim(node)

    def _statement(self, ec: EquivalenceClass) -> None:
        canonical = ec.canonical()
        where = _pos(*_where(ec.members))
        untitled = all(m.untitled for m in ec.members)
        fields, tags = self._text_fields(ec, canonical, ec.members, "statement", where)
        wanted = fields["text"] if untitled else ec.title
        cid = self.builder.new_id(wanted)
        self.claim_of[ec.title] = cid
        self._data(cid, ec.data, fields, where, _show_statement(ec, untitled))
        self._tags(fields, tags)
        self.builder.add_claim(cid, fields)
        self.report.kept("statements")
        others = self._other_texts(canonical, ec.members)
        if others:
            self._note(cid, *(f"Argdown also gives [{ec.title}] as: “{t}”" for t in others))
            self.builder.warning(
                where,
                "argdown-other-text",
                f"{_show_statement(ec, untitled)} is written with {len(others) + 1} different texts; "
                "the one Argdown shows is the text, the others are kept in the note",
                "argmap keeps one text per claim",
            )
            self.report.mapped("statements written with different texts")

    def _argument_claim(self, argument: Argument) -> None:
        canonical = argument.canonical()
        where = _pos(argument.line or _where(argument.members)[0])
        fields, tags = self._text_fields(argument, canonical, argument.members, "argument", where)
        cid = self.builder.new_id(argument.title)
        self.claim_of_argument[argument.title] = cid
        self._data(cid, argument.data, fields, where, f"<{argument.title}>")
        self._tags(fields, tags)
        self.builder.add_claim(cid, fields)
        self.builder.warning(
            where,
            "argdown-argument-as-claim",
            f"<{argument.title}> has no premise–conclusion structure: it becomes the claim '{cid}' "
            "(its description), related as Argdown relates the argument",
        )
        self.report.mapped("arguments without premise–conclusion structure")

    def _text_fields(
        self,
        node: EquivalenceClass | Argument,
        canonical: Statement | None,
        members: list[Statement],
        kind: str,
        where: Pos | None,
    ) -> tuple[dict[str, Any], list[str]]:
        text, links = "", list[tuple[str, str]]()
        if canonical is not None and canonical.text:
            text, links = _plain_text(canonical)
            if any(r.type in (im.RANGE_BOLD, im.RANGE_ITALIC) for r in canonical.ranges or []):
                self.markup.append((canonical.line, canonical.column))
        tags = list(node.tags or [])
        if not text:
            text = node.title
            show = f"[{node.title}]" if kind == "statement" else f"<{node.title}>"
            what = "has no text" if kind == "statement" else "has no description"
            self.builder.warning(where, "no-text", f"{show} {what}; its title is used as its text")
            self.report.mapped(f"{kind}s without text")
        fields: dict[str, Any] = {"text": text}
        if links:
            self.links.append(((canonical.line if canonical else 0), (canonical.column if canonical else 1)))
            fields["_links"] = links
        return fields, tags

    def _other_texts(self, canonical: Statement | None, members: list[Statement]) -> list[str]:
        if canonical is None:
            return []
        shown = _plain_text(canonical)[0]
        others: list[str] = []
        for member in members:
            if member is canonical or member.is_reference or not member.text:
                continue
            text = _plain_text(member)[0]
            if text and text != shown and text not in others:
                others.append(text)
        return others

    def _data(self, cid: str, data: Any, fields: dict[str, Any], where: Pos | None, show: str) -> None:
        """The `{data}` of a statement or argument-as-claim: claim fields, the rest into the note."""
        links = fields.pop("_links", [])
        if links:
            self._note(cid, *(f"Link: “{t}” → {u}" for t, u in links))
            self.report.mapped("links")
        if not isinstance(data, dict):
            return
        for key, value in data.items():
            key_s = str(key)
            if key_s in ARGDOWN_DATA_KEYS or key_s == CONCLUSION_MARKER:
                continue
            if key_s == "text":
                if isinstance(value, str) and value.strip():
                    fields["text"] = value
                    self.report.kept("data: argmap fields")
                    continue
            elif key_s in CLAIM_DATA_FIELDS:
                checked, problem = field_value(key_s, _plain(value))
                if problem is None:
                    if key_s == "tags":
                        fields["tags"] = [
                            *fields.get("tags", []),
                            *(t for t in checked if t not in fields.get("tags", [])),
                        ]
                    else:
                        fields[key_s] = checked
                    self.report.kept("data: argmap fields")
                    continue
                self.builder.warning(
                    where,
                    "argdown-data",
                    f"{show}: data {problem}; kept in the note",
                    "fix the value in the {data}",
                )
            else:
                self.builder.warning(
                    where,
                    "argdown-data",
                    f"{show}: data '{key_s}' has no argmap field; kept in the note",
                )
            self._note(cid, f"{key_s}: {_yamlish(value)}")
            self.report.mapped("data: other keys")

    def _tags(self, fields: dict[str, Any], tags: list[str]) -> None:
        if tags:
            extra = fields.get("tags", [])
            fields["tags"] = [*tags, *(t for t in extra if t not in tags)]
            self.report.kept("tags", len(tags))

    def _note(self, cid: str, *lines: str) -> None:
        self.notes.setdefault(cid, []).extend(lines)

    # -- arguments -----------------------------------------------------------------

    def _steps(self) -> None:
        """Each inference of each reconstruction becomes an argmap argument (in document order)."""
        reconstructed = [a for a in self.model.arguments.values() if a.reconstructed]
        for argument in sorted(reconstructed, key=lambda a: a.pcs_line):
            self._reconstruction(argument)

    def _reconstruction(self, argument: Argument) -> None:
        pcs = argument.pcs
        conclusions = [
            i for i, s in enumerate(pcs) if s.role in (im.INTERMEDIARY_CONCLUSION, im.MAIN_CONCLUSION)
        ]
        where = _pos(argument.pcs_line or argument.line)
        for n, index in enumerate(conclusions, 1):
            conclusion = pcs[index]
            premises = self._premises(argument, index, where)
            last = index == conclusions[-1]
            if argument.untitled:
                base = self.claim_of.get(conclusion.title or "", "claim") + "-argument"
            else:
                base = argument.title
            if len(conclusions) > 1:  # Argdown names the steps "title - 1", "title - 2", …
                base = f"{base}-{n}" if ID_RE.fullmatch(base) else f"{base} {n}"
            aid = self.builder.new_id(base, "argument")
            if last and self._exploded_before(argument):
                last = False  # an earlier piece of an argument Argdown split (explodeArguments)
            step = _Step(aid, argument, premises, conclusion.title or "", conclusion.inference, last)
            self.step_of[(argument.title, index)] = aid
            if index == conclusions[-1]:
                self.last_step[argument.title] = step
            self._add_step(step, where)
        self.report.kept("premise–conclusion structures")
        if len(conclusions) > 1:
            self.builder.warning(
                where,
                "argdown-steps",
                f"<{argument.title}> has {len(conclusions)} inferences: each becomes an argument "
                f"('{self.step_of[(argument.title, conclusions[0])]}' … "
                f"'{self.last_step[argument.title].aid}'), "
                "the intermediate conclusions claims",
            )
            self.report.mapped("reconstructions with several inferences")

    def _exploded_before(self, argument: Argument) -> bool:
        """True for "T - n" when Argdown split <T> into steps and "T - n+1" follows: the description,
        tags and data belong to the last step only."""
        m = re.fullmatch(r"(.*) - (\d+)", argument.title)
        return m is not None and f"{m.group(1)} - {int(m.group(2)) + 1}" in self.model.arguments

    def _premises(self, argument: Argument, index: int, where: Pos | None) -> list[str]:
        """The premises of the inference before pcs[index]: `uses`, or the statements since the
        previous conclusion (that one included), as Argdown's ExplodeArgumentsPlugin takes them."""
        pcs = argument.pcs
        conclusion = pcs[index]
        uses = None
        for source, key in (
            (conclusion.inference.data if conclusion.inference else None, "uses"),
            (conclusion.data, "uses"),
            (conclusion.inference.data if conclusion.inference else None, "from"),
        ):
            if isinstance(source, dict) and isinstance(source.get(key), list):
                uses = source[key]
                break
        if uses is not None:
            bad = [
                u
                for u in uses
                if isinstance(u, bool) or not isinstance(u, int) or not 1 <= u <= len(pcs) or u - 1 == index
            ]
            if not bad:
                self.report.kept("inference: uses")
                return [pcs[u - 1].title or "" for u in uses]
            self.builder.warning(
                _pos(conclusion.inference.line if conclusion.inference else argument.line),
                "argdown-uses",
                f"'uses' of the inference to ({index + 1}) in <{argument.title}> names "
                f"({bad[0]}), which is not a statement above it; the statements above are its premises",
            )
            self.report.left_out("inference: uses")
        premises: list[str] = []
        for i in range(index - 1, -1, -1):
            premises.append(pcs[i].title or "")
            if pcs[i].role == im.INTERMEDIARY_CONCLUSION:
                break
        return list(reversed(premises))

    def _add_step(self, step: _Step, where: Pos | None) -> None:
        argument = step.argument
        fields: dict[str, Any] = {}
        if step.inference is not None and step.inference.rules:
            fields["scheme"] = ", ".join(r for r in step.inference.rules if r) or None
            if fields["scheme"]:
                self.report.kept("inference rules")
        if step.last:
            described = [m for m in argument.members if not m.is_reference] or argument.members
            if described:
                where = _pos(described[-1].line, described[-1].column)
            canonical = argument.canonical()
            if canonical is not None and canonical.text:
                text, links = _plain_text(canonical)
                if text:
                    fields["text"] = text
                if links:
                    fields["note"] = "\n".join(f"Link: “{t}” → {u}" for t, u in links)
                    self.report.mapped("links")
                self.report.kept("argument descriptions")
            if argument.tags:
                fields["tags"] = list(argument.tags)
                self.report.kept("tags", len(argument.tags))
            self._argument_data(step.aid, argument.data, fields, where, f"<{argument.title}>")
        if step.inference is not None and isinstance(step.inference.data, dict):
            self._argument_data(
                step.aid,
                {k: v for k, v in step.inference.data.items() if k not in ("uses", "from")},
                fields,
                _pos(step.inference.line),
                f"the inference of <{argument.title}>",
            )
        premises = [self.claim_of[p] for p in step.premises if p in self.claim_of]
        self.builder.add_argument(
            step.aid, premises, {k: v for k, v in fields.items() if v is not None}, where
        )
        self.report.kept("inferences")

    def _argument_data(
        self, aid: str, data: Any, fields: dict[str, Any], where: Pos | None, show: str
    ) -> None:
        if not isinstance(data, dict):
            return
        extra: list[str] = []
        for key, value in data.items():
            key_s = str(key)
            if key_s in ARGDOWN_DATA_KEYS:
                continue
            if key_s in ARGUMENT_EXTRA_FIELDS:
                checked, problem = field_value(key_s, _plain(value), argument=True)
                if problem is None:
                    fields[key_s] = checked if key_s != "tags" else [*fields.get("tags", []), *checked]
                    self.report.kept("data: argmap fields")
                    continue
                self.builder.warning(where, "argdown-data", f"{show}: data {problem}; kept in the note")
            else:
                self.builder.warning(
                    where, "argdown-data", f"{show}: data '{key_s}' has no argmap field; kept in the note"
                )
            extra.append(f"{key_s}: {_yamlish(value)}")
            self.report.mapped("data: other keys")
        if extra:
            fields["note"] = "\n".join([fields["note"], *extra] if fields.get("note") else extra)

    # -- relations -----------------------------------------------------------------

    def _relations(self) -> None:
        for step in self.last_step.values():
            conclusion = step.conclusion
            if conclusion in self.folded:
                self._fold(step, self.folded[conclusion])
            elif conclusion in self.claim_of:
                self.builder.conclude(step.aid, "supports", self.claim_of[conclusion])
        for (title, index), aid in self.step_of.items():
            step_conclusion = self.model.arguments[title].pcs[index].title or ""
            if self.last_step[title].aid != aid and step_conclusion in self.claim_of:
                self.builder.conclude(aid, "supports", self.claim_of[step_conclusion])
        undercut_targets = self._undercut_wrapping()
        folded = set(map(id, self.folded.values()))
        for relation in self.model.relations:
            if id(relation) in folded:
                continue
            self._relation(relation, undercut_targets)

    def _fold(self, step: _Step, relation: Relation) -> None:
        """An argument writer.py wrote with a stand-in conclusion: it opposes or undercuts directly."""
        target = relation.target
        if (
            relation.type == im.ATTACK
            and isinstance(target, EquivalenceClass)
            and target.title in self.claim_of
        ):
            self.builder.conclude(step.aid, "opposes", self.claim_of[target.title])
        elif relation.type == im.UNDERCUT:
            aid = self._step_for(target)
            if aid is not None:
                self.builder.conclude(step.aid, "undercuts", aid)

    def _step_for(self, target: Any) -> str | None:
        if isinstance(target, Inference):
            return self.step_of.get((target.argument_title or "", target.conclusion_index or 0))
        if isinstance(target, Argument) and target.title in self.last_step:
            return self.last_step[target.title].aid
        return None

    def _undercut_wrapping(self) -> dict[str, dict[tuple[str, str], str]]:
        """Arguments-as-claims that are undercut: their outgoing supports/attacks become
        one-premise arguments, so the undercut has a step to attack.  claim -> {(rel, target): aid}"""
        wrapped: dict[str, dict[tuple[str, str], str]] = {}
        for relation in self.model.relations:
            target = relation.target
            if relation.type != im.UNDERCUT or not isinstance(target, Argument) or target.reconstructed:
                continue
            cid = self.claim_of_argument.get(target.title)
            if cid is None or cid in wrapped:
                continue
            steps: dict[tuple[str, str], str] = {}
            for outgoing in target.relations:
                if outgoing.source is not target or outgoing.type not in (im.SUPPORT, im.ATTACK, im.ENTAILS):
                    continue
                goal = self._claim(outgoing.target)
                if goal is None:
                    continue
                rel = "opposes" if outgoing.type == im.ATTACK else "supports"
                aid = self.builder.new_id(f"{cid}-step" if not steps else f"{cid}-step-{len(steps) + 1}")
                self.builder.add_argument(aid, [cid], {}, _pos(outgoing.line, outgoing.column))
                self.builder.conclude(aid, rel, goal)
                steps[(rel, goal)] = aid
            wrapped[cid] = steps
        return wrapped

    def _claim(self, member: Any) -> str | None:
        """The claim an Argdown relation member stands for (None for an inference)."""
        if isinstance(member, EquivalenceClass):
            return self.claim_of.get(member.title)
        if isinstance(member, Argument):
            if not member.reconstructed:
                return self.claim_of_argument.get(member.title)
            step = self.last_step.get(member.title)
            return self.claim_of.get(step.conclusion) if step else None
        return None

    def _relation(self, relation: Relation, wrapped: dict[str, dict[tuple[str, str], str]]) -> None:
        where = _pos(relation.line, relation.column)
        kind = relation.type
        source, target = relation.source, relation.target
        construct = f"relations: {kind}"
        if kind == im.UNDERCUT:
            self._undercut(relation, wrapped, where)
            return
        src = self._claim(source)
        if isinstance(source, Argument) and source.reconstructed:  # transformArgumentRelations is off
            self.builder.warning(
                where,
                "argdown-relation",
                f"<{source.title}> is related by itself, not through its conclusion "
                f"(`transformArgumentRelations: false`): mapped to its conclusion '{src}'",
                "an argmap argument concludes one claim; its conclusion carries its other relations",
            )
            self.report.mapped("relations of reconstructed arguments")
        if isinstance(target, Argument) and target.reconstructed:
            self._to_reconstruction(relation, src, target, where)
            return
        dst = self._claim(target)
        if src is None or dst is None:  # pragma: no cover - every member is a claim or an argument
            self.report.left_out(construct)
            return
        if kind in (im.SUPPORT, im.ENTAILS, im.ATTACK):
            rel = "opposes" if kind == im.ATTACK else "supports"
            step = wrapped.get(src, {}).get((rel, dst))
            if step is None:
                self.builder.relate(src, dst, rel, where)
            if kind == im.ENTAILS:
                self.report.mapped(construct)
                self.builder.warning(
                    where, "argdown-entails", f"'{src}' entails '{dst}' (strict mode): kept as support"
                )
            else:
                self.report.kept(construct)
            return
        # contradictory (><) and contrary (strict mode) are symmetric in Argdown
        self.builder.relate(src, dst, "opposes", where)
        self.builder.relate(dst, src, "opposes", where)
        self.report.mapped(construct)
        self.builder.warning(
            where,
            "argdown-symmetric",
            f"'{src}' and '{dst}' are {kind} (they cannot both be true): each opposes the other",
            "argmap has no contrary/contradictory relation; opposition both ways is its closest form",
        )

    def _to_reconstruction(
        self, relation: Relation, src: str | None, target: Argument, where: Pos | None
    ) -> None:
        """A statement supports or attacks a reconstructed argument: in Argdown it bears on one of
        the argument's premises."""
        construct = f"relations: {relation.type} of an argument"
        step = self.last_step.get(target.title)
        if src is None or step is None:  # pragma: no cover - defensive
            self.report.left_out(construct)
            return
        rel = "opposes" if relation.type in (im.ATTACK, im.CONTRARY, im.CONTRADICTORY) else "supports"
        premises = [self.claim_of[p] for p in step.premises if p in self.claim_of]
        verb = "attacks" if rel == "opposes" else "supports"
        if len(premises) == 1:
            self.builder.relate(src, premises[0], rel, where)
            self.builder.warning(
                where,
                "argdown-argument-relation",
                f"'{src}' {verb} <{target.title}>, that is, its premise '{premises[0]}': "
                f"it {rel} '{premises[0]}'",
            )
        else:
            goal = self.claim_of.get(step.conclusion)
            if goal is None:  # pragma: no cover
                self.report.left_out(construct)
                return
            self.builder.relate(src, goal, rel, where)
            self.builder.warning(
                where,
                "argdown-argument-relation",
                f"'{src}' {verb} <{target.title}> (one of its premises, in Argdown, without saying which): "
                f"mapped to '{src}' {rel} its conclusion '{goal}'",
                "say which premise it bears on: [Title] -> [premise] in Argdown, "
                "or supports/opposes in the map",
            )
        self.report.mapped(construct)

    def _undercut(
        self, relation: Relation, wrapped: dict[str, dict[tuple[str, str], str]], where: Pos | None
    ) -> None:
        source, target = relation.source, relation.target
        src = self._claim(source)
        if src is None:  # pragma: no cover
            self.report.left_out("relations: undercut")
            return
        step = self._step_for(target)
        if step is not None:
            self.builder.relate(src, step, "undercuts", where)
            self.report.kept("relations: undercut")
            return
        if isinstance(target, Argument):
            cid = self.claim_of_argument.get(target.title)
            steps = wrapped.get(cid or "", {})
            if steps:
                for aid in steps.values():
                    self.builder.relate(src, aid, "undercuts", where)
                self.builder.warning(
                    where,
                    "argdown-undercut",
                    f"'{src}' undercuts <{target.title}>, which has no premise–conclusion structure: "
                    f"its step{'s' if len(steps) > 1 else ''} to "
                    f"{', '.join(repr(goal) for _, goal in steps)} became "
                    f"{'arguments' if len(steps) > 1 else 'an argument'} with '{cid}' as premise, and "
                    f"'{src}' undercuts {'them' if len(steps) > 1 else 'it'}",
                )
                self.report.mapped("relations: undercut")
                return
        dst = self._claim(target)
        if dst is None:  # pragma: no cover
            self.report.left_out("relations: undercut")
            return
        self.builder.relate(src, dst, "opposes", where)
        what = f"<{target.title}>" if isinstance(target, Argument) else f"[{target.title}]"  # type: ignore[union-attr]
        self.builder.warning(
            where,
            "argdown-undercut",
            f"'{src}' undercuts {what}, which draws no inference (nothing it supports or attacks): "
            f"mapped to '{src}' opposes '{dst}'",
            "an undercut attacks a step from premises to a conclusion",
        )
        self.report.mapped("relations: undercut")

    # -- sections ------------------------------------------------------------------

    def _title_section(self, fields: dict[str, Any]) -> Section | None:
        """A lone top-level heading before everything else is the document's title, not a group."""
        roots = self.model.sections
        if len(roots) != 1:
            return None
        section = roots[0]
        nodes: list[EquivalenceClass | Argument] = [
            *self.model.statements.values(),
            *self.model.arguments.values(),
        ]
        lines = [m.line for node in nodes for m in node.members]
        if lines and section.line > min(lines):
            return None
        title = _plain_text(section)[0]
        if section.tags:
            self.builder.warning(
                _pos(section.line), "argdown-heading", f"the tags of heading '{title}' are left out"
            )
            self.report.left_out("tags", len(section.tags))
        if not fields.get("title") and title:
            fields["title"] = title
            self.report.kept("headings")
        elif " ".join(title.split()) != " ".join(str(fields.get("title")).split()):
            self.builder.warning(
                _pos(section.line),
                "argdown-heading",
                f"heading '{title}' differs from the front matter's title; left out",
            )
            self.report.left_out("headings")
        else:
            self.report.kept("headings")
        return section

    def _sections(self, title_section: Section | None) -> None:
        """Every other heading groups statements and arguments in Argdown: a tag on its members."""
        members: dict[int, list[str]] = {}
        for ec in self.model.statements.values():
            cid = self.claim_of.get(ec.title)
            if cid is not None and ec.section is not None:
                members.setdefault(id(ec.section), []).append(cid)
        for argument in self.model.arguments.values():
            if argument.section is None:
                continue
            cid = self.claim_of_argument.get(argument.title)
            if cid is not None:
                members.setdefault(id(argument.section), []).append(cid)
            elif argument.title in self.last_step:
                aid = self.last_step[argument.title].aid
                members.setdefault(id(argument.section), []).append("@" + aid)
        for section in _all_sections(self.model.sections):
            if section is title_section:
                continue
            where = _pos(section.line) or self._key_pos("group")  # regrouped in the front matter
            if section.is_group is False:
                self.builder.warning(
                    where, "argdown-heading", f"heading '{section.title}' (not a group); left out"
                )
                self.report.left_out("headings")
                continue
            tag = _plain_text(section)[0] or section.title
            found = members.get(id(section), [])
            if section.tags:
                self.builder.warning(where, "argdown-heading", f"the tags of heading '{tag}' are left out")
                self.report.left_out("tags", len(section.tags))
            if not found or not tag:
                self.builder.warning(
                    where, "argdown-heading", f"heading '{section.title}' groups nothing directly; left out"
                )
                self.report.left_out("headings")
                continue
            for cid in found:
                target = (
                    self.builder.arguments.get(cid[1:]) if cid.startswith("@") else self.builder.claims[cid]
                )
                if target is None:  # pragma: no cover
                    continue
                tags = target.setdefault("tags", [])
                if tag not in tags:
                    tags.append(tag)
            self.builder.warning(
                where,
                "argdown-heading",
                f"heading '{tag}' groups {len(found)} statement(s) and argument(s) in Argdown: "
                f"kept as the tag '{tag}' on them",
            )
            self.report.mapped("headings")

    def _markup_warnings(self) -> None:
        if self.markup:
            line, col = self.markup[0]
            self.builder.warning(
                _pos(line, col),
                "argdown-markup",
                f"bold and italic text in {len(self.markup)} statement(s) and argument(s) is kept as plain "
                f"text (as Argdown's text has it, without the ** and _ marks; first here)",
                "argmap texts are plain text",
            )
            self.report.mapped("bold and italic", len(self.markup))
        if self.links:
            line, col = self.links[0]
            self.builder.warning(
                _pos(line, col),
                "argdown-link",
                f"links in {len(self.links)} statement(s) keep their text; each address is kept in the note "
                "(first here)",
            )


def _all_sections(sections: list[Section]) -> list[Section]:
    out: list[Section] = []
    for section in sections:
        out.append(section)
        out.extend(_all_sections(section.children))
    return out


def _order(members: list[Statement]) -> tuple[float, int]:
    """Where an element is first defined (with text), else first mentioned: claims follow it."""
    defined = [m.line for m in members if not m.is_reference and m.text]
    return (min(defined) if defined else float("inf"), min((m.line for m in members), default=0))


def _where(members: list[Statement]) -> tuple[int, int]:
    defined = [m for m in members if not m.is_reference] or members
    first = min(defined, key=lambda m: (m.line, m.column)) if defined else None
    return (first.line, first.column) if first else (0, 1)


def _show_statement(ec: EquivalenceClass, untitled: bool) -> str:
    if untitled:
        canonical = ec.canonical()
        text = _plain_text(canonical)[0] if canonical else ""
        return f"the statement “{_short(text)}”"
    return f"[{ec.title}]"


def _plain_text(statement: Statement | Section) -> tuple[str, list[tuple[str, str]]]:
    """A statement's text without the tags at its start and end (they become tags), and its links."""
    text = statement.text or ""
    ranges = statement.ranges or []
    tag_spans = sorted((r.start, r.stop + 1) for r in ranges if r.type == "tag")
    start, end = 0, len(text)
    changed = True
    while changed:
        changed = False
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        for a, b in tag_spans:
            if a == start and b <= end:
                start, changed = b, True
            elif b >= end and a >= start and text[a:end].strip() == text[a:b].strip():
                end, changed = a, True
    links = [(text[r.start : r.stop + 1], r.url or "") for r in ranges if r.type == "link"]
    return text[start:end], links


def _plain(value: Any) -> Any:
    """YAML values as plain data (dates as ISO text)."""
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _yamlish(value: Any) -> str:
    value = _plain(value)
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _short(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
