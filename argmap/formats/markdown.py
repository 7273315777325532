"""`--to markdown`: the argument as an outline for a report.

The tree is `argmap.outline`'s: each position with what supports (+) and
opposes (−) it, nested; a claim met again elsewhere is a reference (↪),
never repeated in full, so the outline stays as long as the map.  Quotes are
blockquotes with their speaker (the article's own words, without added
quotation marks); user text is escaped so that Markdown never reads it as
markup.
"""

from __future__ import annotations

import re

from argmap.model import ArgMap, Argument, Claim, Kind
from argmap.outline import Branch, Outline

_MARK = {"supports": "**+**", "opposes": "**−**", "undercuts": "**⊘**"}
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!~])")


def export(model: ArgMap) -> str:
    out: list[str] = [f"# {_inline(model.title or 'Argument map')}", ""]
    if model.question:
        out += [f"**Question:** {_inline(model.question)}", ""]
    source = _source_line(model)
    if source:
        out += [source, ""]
    tree = Outline(model)
    positions = [cid for cid in tree.roots if model.claims[cid].kind is Kind.POSITION]
    others = [cid for cid in tree.roots if cid not in positions and cid in model.claims]
    groups = [(g.text, g.positions) for g in model.question_groups() if g.positions]
    grouped = {cid for _, members in groups for cid in members}
    stray = [cid for cid in positions if cid not in grouped]  # `answers` naming no question
    n = 0
    for text, members in [*groups, *([(None, stray)] if stray else [])]:
        out += [f"## {_inline(text)}" if text else "## Positions", ""]
        for cid in members:
            n += 1
            out += _root(model, tree, cid, f"{n}. ")
    if others:
        out += ["## Other claims", ""]
        for cid in others:
            out += _root(model, tree, cid, "")
    out += _legend()
    return "\n".join(out).rstrip("\n") + "\n"


def _root(model: ArgMap, tree: Outline, cid: str, number: str) -> list[str]:
    claim = model.claims[cid]
    lines = [f'### {number}{_inline(claim.text)} <a id="{cid}"></a>', ""]
    lines += [f"*{_details(cid, claim)}*", ""]
    lines += _quotes(claim, "")
    for branch in _descendants(tree, cid):
        lines += _branch(model, branch)
    lines.append("")
    return lines


def _descendants(tree: Outline, root: str) -> list[Branch]:
    """The branches below `root`, depth first, references not expanded."""
    found: list[Branch] = []
    stack = list(reversed(tree.children(root)))
    while stack:
        branch = stack.pop()
        found.append(branch)
        if not branch.reference:
            stack.extend(reversed(tree.children(branch.id)))
    return found


def _branch(model: ArgMap, branch: Branch) -> list[str]:
    pad = "  " * (branch.depth - 1)
    if branch.argument:
        return _argument(model, branch, pad)
    claim = model.claims[branch.id]
    if branch.relation == "premise":
        first = model.arguments[branch.parent or ""].premises[:1] == [branch.id]
        mark = "" if first else "*together with*"
    elif branch.relation == "undercuts":
        mark = f"{_MARK['undercuts']} *undercuts this step:*"
    else:
        mark = _MARK[branch.relation or "supports"]
    mark = f"{mark} " if mark else ""
    if branch.reference:
        return [f"{pad}- {mark}{_inline(claim.text)} *(↪ shown at [{branch.id}](#{branch.id}))*"]
    lines = [f'{pad}- {mark}{_inline(claim.text)} <a id="{branch.id}"></a>']
    inner = pad + "  "
    lines.append(f"{inner}*{_details(branch.id, claim)}*")
    lines += _quotes(claim, inner)
    return lines


def _argument(model: ArgMap, branch: Branch, pad: str) -> list[str]:
    """A step with linked premises: its gist, then its premises ("together with …") beneath it."""
    argument = model.arguments[branch.id]
    mark = _MARK[branch.relation or "supports"]
    count = len(argument.premises)
    what = "Together" if count > 1 else "Step"
    gist = f": {_inline(argument.text)}" if argument.text else ""
    lines = [f'{pad}- {mark} **{what}**{gist} <a id="{branch.id}"></a>']
    inner = pad + "  "
    parts = [f"argument `{branch.id}`"]
    if argument.scheme:
        parts.append(_inline(argument.scheme))
    if argument.by:
        parts.append(f"by {_inline(argument.by)}")
    if argument.tags:
        parts.append(", ".join(f"#{_inline(t)}" for t in argument.tags))
    lines.append(f"{inner}*{' · '.join(parts)}*")
    lines += _quotes(argument, inner)
    return lines


def _details(cid: str, claim: Claim) -> str:
    parts = [f"`{cid}`"]
    if claim.kind is not Kind.CLAIM:
        parts.append(claim.kind.value)
    if claim.by:
        parts.append(f"by {_inline(claim.by)}")
    if claim.tags:
        parts.append(", ".join(f"#{_inline(t)}" for t in claim.tags))
    if claim.weight is not None:
        parts.append(f"weight {claim.weight:g}")
    return " · ".join(parts)


def _quotes(claim: Claim | Argument, pad: str) -> list[str]:
    lines: list[str] = []
    for quote in claim.quote:
        who = f" — {_inline(claim.by)}" if claim.by else ""
        lines += [f"{pad}> {_inline(quote)}{who}", ""]
    if claim.note:
        lines += [f"{pad}Note: {_inline(claim.note)}", ""]
    return lines


def _source_line(model: ArgMap) -> str:
    src = model.source
    if src is None:
        return ""
    title = _inline(src.title or src.url or src.file or "the article")
    named = f"[{title}]({_destination(src.url)})" if src.url else title
    extra = ", ".join(_inline(x) for x in (src.author, src.publisher, src.date) if x)
    return f"**Source:** {named}" + (f", {extra}" if extra else "")


def _legend() -> list[str]:
    return [
        "---",
        "",
        "**+** supports the claim it is listed under · **−** opposes it · **Together**: premises that"
        " count only together, listed beneath · **⊘** undercuts a step (not its premises, not its"
        " conclusion) · ↪ a claim shown in full elsewhere.",
    ]


def _destination(url: str) -> str:
    """A link's address for Markdown: only http(s) (the model refuses anything else, and
    spaces and unpaired parentheses), with the characters Markdown reads in it escaped."""
    if not url.lower().startswith(("http://", "https://")):
        return "#"
    return re.sub(r"[\\()<>\s]", _escaped_in_link, url)


def _escaped_in_link(m: re.Match[str]) -> str:
    ch = m.group()
    return f"%{ord(ch):02X}" if ch.isspace() else "\\" + ch


def _inline(text: str) -> str:
    """User text on one line, with every character Markdown could read as markup escaped."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))
