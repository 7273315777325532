"""`argmap evaluate MAP`: which claims stand, how strong each is, and which position prevails."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from argmap.commands import EXIT_INVALID, EXIT_OK, EXIT_USAGE, shown

if TYPE_CHECKING:
    from argmap.evaluate import Evaluation, QuestionResult
    from argmap.load import Document
    from argmap.model import ArgMap

TEXT_WIDTH = 60  # characters of a claim's text shown in the table


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "evaluate",
        help="weigh the argument: grounded labels, DF-QuAD strengths, and which position prevails",
        description="Label every claim in, out or undec (grounded semantics over `opposes`), "
        "give it a strength in [0, 1] (DF-QuAD over `supports` and `opposes`, from each claim's "
        "`weight`, 0.5 when absent), rank the positions and say which prevails and why.",
    )
    p.add_argument("map", metavar="MAP", help="map file to evaluate")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from argmap.check import check_file
    from argmap.evaluate import evaluate

    doc = check_file(args.map)
    if doc.model is None or not doc.ok:
        return _report_invalid(doc, args.format)
    import gc

    gc.freeze()  # the loaded map lives to the end; rescanning it at every collection doubles the cost
    for d in doc.diagnostics:  # warnings only: they do not stop the evaluation
        print(d.format(), file=sys.stderr)
    result = evaluate(doc.model)
    if args.format == "json":
        from argmap.diagnostics import safe_json

        print(safe_json(result.as_json()))
    else:
        print(text_report(doc.model, result))
    return EXIT_OK


def _report_invalid(doc: Document, fmt: str) -> int:
    """The problems, printed as `argmap check` prints them, and the exit code check would give."""
    from argmap.commands import plural
    from argmap.diagnostics import Severity, count, to_json

    if fmt == "json":
        print(to_json(doc.diagnostics))
    else:
        for d in doc.diagnostics:
            print(d.format())
        errors = count(doc.diagnostics, Severity.ERROR)
        warnings = count(doc.diagnostics, Severity.WARNING)
        print(f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in 1 file", file=sys.stderr)
    if any(d.code == "no-file" for d in doc.diagnostics):
        return EXIT_USAGE
    print(f"argmap: not evaluated: {shown(doc.file)} has errors", file=sys.stderr)
    return EXIT_INVALID


def text_report(model: ArgMap, result: Evaluation) -> str:
    """The claims table (file order), the positions ranked, and the verdict (control characters shown)."""
    from argmap.diagnostics import visible

    return visible(_text_report(model, result), lines=True)


def _text_report(model: ArgMap, result: Evaluation) -> str:
    from argmap.evaluate import format_strength
    from argmap.quotes import shorten

    ids = list(result.claims)
    if not ids:
        return f"The map has no claims.\n\nVerdict: {result.verdict()}"
    width = max(len("claim"), *(len(cid) for cid in ids))
    header = f"{'claim':<{width}}  {'kind':<8}  {'label':<5}  {'strength':<8}  text"
    lines = [header, "-" * len(header)]
    for cid in ids:
        r, claim = result.claims[cid], model.claims[cid]
        lines.append(
            f"{cid:<{width}}  {claim.kind.value:<8}  {r.label:<5}  {format_strength(r.strength):<8}"
            f"  {shorten(claim.text, TEXT_WIDTH)}"
        )
    lines.append("")
    if result.arguments:
        lines.extend(_arguments_table(model, result))
        lines.append("")
    groups: list[QuestionResult | None] = [q for q in result.questions if q.positions] or [None]
    for q in groups:
        ranked = list(q.positions) if q is not None else result.positions
        if not ranked:
            continue
        if q is not None and len(result.questions) > 1:
            lines.append(shorten(q.text or "Positions that answer no question", TEXT_WIDTH + 40))
        lines.append("Positions, strongest first:")
        pwidth = max(len(p) for p in ranked)
        for n, cid in enumerate(ranked, 1):
            r = result.claims[cid]
            lines.append(
                f"  {n}. {cid:<{pwidth}}  {format_strength(r.strength):<6}  {r.label:<5}"
                f"  {shorten(model.claims[cid].text, TEXT_WIDTH)}"
            )
        lines.append("")
    verdict = result.verdict().splitlines()
    if len(verdict) > 1:
        lines.append("Verdict:")
        lines.extend(f"  {line}" for line in verdict)
        return "\n".join(lines)
    lines.append(f"Verdict: {result.verdict()}")
    return "\n".join(lines)


def _arguments_table(model: ArgMap, result: Evaluation) -> list[str]:
    """Each argument: whether its inference stands, what it carries to its conclusion, and the step."""
    from argmap.evaluate import format_strength
    from argmap.quotes import shorten

    ids = list(result.arguments)
    width = max(len("argument"), *(len(aid) for aid in ids))
    header = f"{'argument':<{width}}  {'label':<5}  {'strength':<8}  step"
    lines = [header, "-" * len(header)]
    for aid in ids:
        r, argument = result.arguments[aid], model.arguments[aid]
        relation, target = argument.conclusion or ("→", "?")
        step = f"{' + '.join(r.premises)} {relation} {target}"
        if r.undercutters:
            step += f" (undercut by {', '.join(r.undercutters)})"
        figure = format_strength(r.strength)
        lines.append(f"{aid:<{width}}  {r.label:<5}  {figure:<8}  {shorten(step, TEXT_WIDTH + 20)}")
    return lines
