"""Which claims stand once every objection is weighed: two argumentation semantics.

*Grounded labelling* (Dung 1995) reads the map as an abstract argumentation
framework whose attacks are the `opposes` relations and gives every claim one
of three labels: `in` (accepted), `out` (defeated by an accepted claim) or
`undec` (neither can be settled, as on a cycle of objections).  It is the most
sceptical of Dung's semantics, the one every other complete semantics agrees
with, and it can be computed in linear time.

*DF-QuAD* (Rago, Toni, Aurisicchio and Baroni, KR 2016) is a gradual semantics
over both relations: each claim starts from a base score (its `weight`, 0.5
when absent) that the strength of its objections pulls down and the strength
of its reasons pushes up, giving a strength in [0, 1].  The two answer
different questions: a claim with one unanswered objection is `out` however
much support it has, while its strength still shows how much support it has.

Everything here is pure: no Graphviz, no terminal.  `grounded` and `dfquad`
work on plain ids and edges so that they can be tested and benchmarked without
a map; `evaluate` applies them to a map and explains the result.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from argmap.graph import ATTACKS, Graph
from argmap.model import ArgMap, Kind

Label = Literal["in", "out", "undec"]
IN: Label = "in"
OUT: Label = "out"
UNDEC: Label = "undec"
#: How labels rank when strengths tie: an accepted claim before an undecided one before a defeated one.
LABEL_RANK: Mapping[str, int] = {IN: 0, UNDEC: 1, OUT: 2}

DEFAULT_WEIGHT = 0.5
TOLERANCE = 1e-9
MAX_ITERATIONS = 1000
#: Decimals of a strength in JSON output; strengths equal to this many decimals count as a tie.
PRECISION = 4

Edges = Iterable[tuple[str, str]]


# --- grounded labelling ---------------------------------------------------------------

_UNLABELLED, _IN, _OUT = 0, 1, 2


def grounded(ids: Sequence[str], attacks: Edges) -> dict[str, Label]:
    """The grounded labelling of the framework (`ids`, `attacks`), each attack a pair (attacker, target).

    The linear-time algorithm (as in Modgil and Caminada 2009): a claim whose
    attackers are all `out` (at first: an unattacked one) is `in`; whatever an
    `in` claim attacks is `out`; repeat until nothing changes; what is left is
    `undec`.  Each claim keeps a count of its attackers not yet `out`, so every
    edge is looked at a bounded number of times.  Repeated attacks count once;
    a self-attack is allowed here (the checker refuses it in maps) and leaves
    its claim `undec` unless something `in` defeats it.  It is the case of
    `grounded_with_premises` with no premises.
    """
    return grounded_with_premises(ids, attacks, ())


def grounded_with_premises(ids: Sequence[str], attacks: Edges, premises: Edges) -> dict[str, Label]:
    """The grounded labelling when some nodes are inferences that stand only while all their premises do.

    `premises` are (premise, argument) pairs.  Joint dependence is not an
    attack, but it reduces to one (the standard translation of a set-attack
    framework into a Dung framework, Nielsen & Parsons 2006; Flouris & Bikakis
    2019): for each premise p a fresh node ¬p, which p attacks and which attacks
    every argument resting on p.  Then ¬p is `in` exactly when p is `out`, so an
    argument is `out` as soon as one premise is `out` (or an attacker, e.g. an
    undercutter, is `in`), and `in` only when every premise is `in` and every
    attacker `out`.

    That is what is computed here, directly, in the same linear way (the
    fresh nodes would add a node per premise and two edges per pair; the tests
    check the two agree): each node counts its attackers not yet `out` plus its
    premises not yet `in`, and is `in` when the count reaches 0; it is `out`
    when an attacker turns `in` or a premise turns `out`.
    """
    index = _index(ids)
    n = len(index)
    targets: list[list[int]] = [[] for _ in range(n)]
    dependents: list[list[int]] = [[] for _ in range(n)]
    alive = [0] * n  # attackers not (yet) out + premises not (yet) in
    for i, j in _unique_pairs(index, attacks, "attack"):
        targets[i].append(j)
        alive[j] += 1
    for p, a in _unique_pairs(index, premises, "premise"):
        dependents[p].append(a)
        alive[a] += 1
    label = [_UNLABELLED] * n
    queue = [i for i in range(n) if alive[i] == 0]
    for i in queue:
        label[i] = _IN
    while queue:
        i = queue.pop()
        if label[i] == _IN:
            defeated, supported = targets[i], dependents[i]
        else:
            defeated, supported = dependents[i], targets[i]
        for j in defeated:  # what an `in` node attacks, what rests on an `out` node
            if label[j] == _UNLABELLED:
                label[j] = _OUT
                queue.append(j)
        for j in supported:  # an `in` premise, an `out` attacker: one fewer to wait for
            if label[j] == _UNLABELLED:
                alive[j] -= 1
                if alive[j] == 0:
                    label[j] = _IN
                    queue.append(j)
    names = {_UNLABELLED: UNDEC, _IN: IN, _OUT: OUT}
    return {cid: names[label[i]] for cid, i in index.items()}


# --- DF-QuAD ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Strengths:
    """What `dfquad` computes, with the claims that had not settled when it stopped."""

    strengths: dict[str, float]
    converged: bool
    iterations: int  # fixpoint sweeps; 0 when the graph is acyclic (one topological pass)
    unsettled: tuple[str, ...] = ()


def dfquad(
    ids: Sequence[str],
    supports: Edges,
    attacks: Edges,
    base: Mapping[str, float],
    *,
    premises: Edges = (),
    tolerance: float = TOLERANCE,
    max_iterations: int = MAX_ITERATIONS,
) -> tuple[dict[str, float], bool, int]:
    """DF-QuAD strengths of `ids` given (reason, target) edges; returns (strengths, converged, iterations).

    `base` gives each claim's base score (missing ones get 0.5). See `strengths`.
    """
    result = strengths(
        ids, supports, attacks, base, premises=premises, tolerance=tolerance, max_iterations=max_iterations
    )
    return result.strengths, result.converged, result.iterations


def aggregate(values: Iterable[float]) -> float:
    """DF-QuAD's aggregation F(v1..vn) = 1 − ∏(1 − vi), 0 for none: a probabilistic 'or'."""
    rest = 1.0
    for v in values:
        rest *= 1.0 - v
    return 1.0 - rest


def combine(base: float, attack: float, support: float) -> float:
    """DF-QuAD's combination: the base score moved down by the excess of attack over support,
    in proportion to the base, or up towards 1 by the excess of support, in proportion to 1 − base."""
    if attack >= support:
        value = base - base * (attack - support)
    else:
        value = base + (1.0 - base) * (support - attack)
    return min(1.0, max(0.0, value))  # exact in reals; this only absorbs a rounding ulp


def linked(values: Iterable[float]) -> float:
    """The base score of an argument from its premises' strengths: ∏ vi, the probabilistic 'and'.

    It is the t-norm dual to `aggregate` (1 − ∏(1 − vi)), so reasons that
    bear on a claim separately and premises that bear on it only together are
    read alike, as independent chances: separate reasons add up like "at least
    one holds", linked premises like "all of them hold".
    """
    product = 1.0
    for v in values:
        product *= v
    return product


def strengths(
    ids: Sequence[str],
    supports: Edges,
    attacks: Edges,
    base: Mapping[str, float],
    *,
    premises: Edges = (),
    tolerance: float = TOLERANCE,
    max_iterations: int = MAX_ITERATIONS,
) -> Strengths:
    """DF-QuAD strengths, with the claims still moving if the iteration did not converge.

    `premises` are (premise, argument) edges: a node with premises is an
    inference, whose base score is not fixed but the product of its premises'
    strengths (`linked`); its attackers (undercutters) then pull it down as
    DF-QuAD pulls down any node.  What it contributes to its conclusion is its
    strength, through the ordinary `supports`/`attacks` edges.

    Claims that no cycle leads into are computed exactly, once each, in
    topological order (Kahn's algorithm), so an acyclic map costs one linear
    pass.  The rest — claims on a cycle and everything downstream of one — are
    updated together, all at once from the previous round's values (Jacobi
    iteration), starting from their base scores, until no strength moves by
    more than `tolerance`, or `max_iterations` rounds have passed.
    """
    if max_iterations < 1:
        raise ValueError(f"max_iterations must be at least 1, not {max_iterations}")
    index = _index(ids)
    n = len(index)
    order = list(index)
    score = [DEFAULT_WEIGHT] * n
    for cid, value in base.items():
        if cid not in index:
            raise ValueError(f"base score for unknown claim {cid!r}")
        if not 0.0 <= value <= 1.0:
            raise ValueError(f"base score of {cid!r} is {value}, not in [0, 1]")
        score[index[cid]] = float(value)
    attackers: list[list[int]] = [[] for _ in range(n)]
    supporters: list[list[int]] = [[] for _ in range(n)]
    grounds: list[list[int]] = [[] for _ in range(n)]  # an argument's premises
    successors: list[list[int]] = [[] for _ in range(n)]
    for edges, into, what in (
        (supports, supporters, "support"),
        (attacks, attackers, "attack"),
        (premises, grounds, "premise"),
    ):
        for i, j in _unique_pairs(index, edges, what):
            into[j].append(i)
            successors[i].append(j)
    basis = score[:]
    strength = score[:]

    def update(j: int, values: list[float]) -> float:
        return combine(
            linked(values[i] for i in grounds[j]) if grounds[j] else basis[j],
            aggregate(values[i] for i in attackers[j]),
            aggregate(values[i] for i in supporters[j]),
        )

    waiting = [len(attackers[j]) + len(supporters[j]) + len(grounds[j]) for j in range(n)]
    ready = [j for j in range(n) if waiting[j] == 0]
    done = [False] * n
    while ready:
        j = ready.pop()
        strength[j] = update(j, strength)
        done[j] = True
        for k in successors[j]:
            waiting[k] -= 1
            if waiting[k] == 0:
                ready.append(k)
    cyclic = [j for j in range(n) if not done[j]]
    if not cyclic:
        return Strengths(dict(zip(order, strength, strict=True)), True, 0)
    # Inferences on a cycle are not state of their own: each round they are first worked out
    # from the claims' values of the previous round, and the claims then read them, so an
    # argument adds no delay and a one-premise argument iterates exactly as the plain
    # relation does.  Inferences that undercut inferences go first where that order exists.
    inferences = _inference_order([j for j in cyclic if grounds[j]], attackers)
    claims = [j for j in cyclic if not grounds[j]]
    for iteration in range(1, max_iterations + 1):
        mid = strength
        if inferences:
            mid = strength[:]
            for j in inferences:
                mid[j] = update(j, mid)
        new = mid[:]
        for j in claims:
            new[j] = update(j, mid)
        moving = [j for j in cyclic if abs(new[j] - strength[j]) > tolerance]
        strength = new
        if not moving:
            return Strengths(dict(zip(order, strength, strict=True)), True, iteration)
    return Strengths(
        dict(zip(order, strength, strict=True)), False, max_iterations, tuple(order[j] for j in moving)
    )


def _inference_order(inferences: list[int], attackers: list[list[int]]) -> list[int]:
    """`inferences` with each after the inferences that undercut it, where no cycle prevents it."""
    members = set(inferences)
    placed: set[int] = set()
    ordered: list[int] = []
    visiting: set[int] = set()
    for start in inferences:
        stack = [(start, False)]
        while stack:
            j, expanded = stack.pop()
            if j in placed:
                continue
            if expanded:
                placed.add(j)
                visiting.discard(j)
                ordered.append(j)
                continue
            if j in visiting:
                continue  # a cycle of undercuts: file order decides
            visiting.add(j)
            stack.append((j, True))
            stack.extend((i, False) for i in reversed(attackers[j]) if i in members and i not in placed)
    return ordered


def _index(ids: Sequence[str]) -> dict[str, int]:
    index: dict[str, int] = {}
    for cid in ids:
        if cid in index:
            raise ValueError(f"claim id {cid!r} is given twice")
        index[cid] = len(index)
    return index


def _unique_pairs(index: Mapping[str, int], edges: Edges, what: str) -> list[tuple[int, int]]:
    """The edges as index pairs, each once, in first-seen order; unknown ids are a caller's bug."""
    seen: set[tuple[int, int]] = set()
    pairs: list[tuple[int, int]] = []
    for source, target in edges:
        try:
            pair = index[source], index[target]
        except KeyError as exc:
            raise ValueError(f"{what} {source!r} → {target!r} names an unknown claim") from exc
        if pair not in seen:
            seen.add(pair)
            pairs.append(pair)
    return pairs


# --- a map's evaluation ---------------------------------------------------------------


@dataclass(frozen=True)
class ClaimResult:
    """One claim's outcome, with what bears on it (claims and arguments, in file order) to explain it."""

    label: Label
    strength: float
    base: float
    supporters: tuple[str, ...] = ()
    attackers: tuple[str, ...] = ()


@dataclass(frozen=True)
class ArgumentResult:
    """One argument's outcome: whether its inference stands (label) and what it carries (strength).

    `base` is the product of its premises' strengths, before its undercutters
    pull it down; `strength` is what it gives its conclusion.
    """

    label: Label
    strength: float
    base: float
    premises: tuple[str, ...] = ()
    undercutters: tuple[str, ...] = ()


@dataclass(frozen=True)
class QuestionResult:
    """A question of the map (id None for the main `question`) and its positions, strongest first."""

    id: str | None
    text: str | None
    positions: tuple[str, ...]


@dataclass(frozen=True)
class Evaluation:
    """Both semantics applied to a map: `claims` in file order, `positions` ranked strongest first."""

    claims: dict[str, ClaimResult]
    positions: list[str]
    converged: bool
    iterations: int
    unsettled: tuple[str, ...] = ()  # claims whose strength still moved when the iteration stopped
    #: each question of the map with its positions, ranked strongest first
    questions: tuple[QuestionResult, ...] = ()
    #: each argument (inference) of the map, in file order
    arguments: dict[str, ArgumentResult] = field(default_factory=dict)

    def result(self, nid: str) -> ClaimResult | ArgumentResult:
        """The outcome of a claim or an argument."""
        found = self.claims.get(nid)
        return found if found is not None else self.arguments[nid]

    def verdict(self) -> str:
        """Which position prevails and why, or why none does: one line per question of the map.

        Positions compete only with the positions that answer the same question:
        an answer to "what should be done?" is no rival of an answer to "what
        does it mean?".
        """
        if len(self.questions) <= 1:
            return _verdict(self, self.positions)
        return "\n".join(
            f"{q.text or 'Positions that answer no question'} — {_verdict(self, q.positions)}"
            for q in self.questions
        )

    def as_json(self) -> dict[str, Any]:
        """`{"claims": {id: {"label", "strength"}}, "positions": [...]}` plus convergence and the verdict."""
        return {
            "claims": {
                cid: {"label": r.label, "strength": round(r.strength, PRECISION)}
                for cid, r in self.claims.items()
            },
            "arguments": {
                aid: {"label": r.label, "strength": round(r.strength, PRECISION)}
                for aid, r in self.arguments.items()
            },
            "positions": list(self.positions),
            "questions": [
                {
                    "id": q.id,
                    "text": q.text,
                    "positions": list(q.positions),
                    "verdict": _verdict(self, q.positions),
                }
                for q in self.questions
            ],
            "converged": self.converged,
            "iterations": self.iterations,
            "unsettled": list(self.unsettled),
            "verdict": self.verdict(),
        }


def evaluate(model: ArgMap) -> Evaluation:
    """Grounded labels and DF-QuAD strengths of every claim and argument of a map, positions ranked.

    Relations to missing claims, self-references and malformed arguments
    (errors the checker reports) are left out, as `Graph.of` leaves them out.
    An argument is a node of its own: it attacks (or supports) its conclusion,
    its undercutters attack it, and it stands only while all its premises do.
    """
    graph = Graph.of(model)
    ids = graph.order
    nodes = [*ids, *graph.arguments]
    attacks = [(e.source, e.target) for e in graph.edges if e.relation in ATTACKS]
    supports = [(e.source, e.target) for e in graph.edges if e.relation == "supports"]
    premises = [(e.source, e.target) for e in graph.edges if e.relation == "premise"]
    base = {cid: (c.weight if c.weight is not None else DEFAULT_WEIGHT) for cid, c in model.claims.items()}
    # An argument with no valid premises bears on nothing (the checker reports it); give it nothing.
    base.update((aid, 0.0) for aid in graph.arguments if not graph.premises(aid))
    labels = grounded_with_premises(nodes, attacks, premises)
    result = strengths(nodes, supports, attacks, base, premises=premises)
    claims = {
        cid: ClaimResult(
            label=labels[cid],
            strength=result.strengths[cid],
            base=base[cid],
            supporters=tuple(e.source for e in graph.into[cid] if e.relation == "supports"),
            attackers=tuple(e.source for e in graph.into[cid] if e.relation == "opposes"),
        )
        for cid in ids
    }
    arguments = {
        aid: ArgumentResult(
            label=labels[aid],
            strength=result.strengths[aid],
            base=linked(result.strengths[p] for p in graph.premises(aid)) if graph.premises(aid) else 0.0,
            premises=tuple(graph.premises(aid)),
            undercutters=tuple(graph.undercutters(aid)),
        )
        for aid in graph.arguments
    }
    questions = tuple(
        QuestionResult(group.id, group.text, tuple(rank(group.positions, claims, ids)))
        for group in model.question_groups()
    )
    return Evaluation(
        claims=claims,
        positions=rank([cid for cid in ids if model.claims[cid].kind is Kind.POSITION], claims, ids),
        questions=questions,
        converged=result.converged,
        iterations=result.iterations,
        unsettled=result.unsettled,
        arguments=arguments,
    )


def rank(ids: Iterable[str], claims: Mapping[str, ClaimResult], order: Sequence[str]) -> list[str]:
    """Strongest first; strengths equal at output precision go by label (in, undec, out), then file order."""
    place = {cid: i for i, cid in enumerate(order)}
    return sorted(
        ids,
        key=lambda c: (-round(claims[c].strength, PRECISION), LABEL_RANK[claims[c].label], place[c]),
    )


# --- explaining the result -------------------------------------------------------------


def format_strength(value: float, places: int = 2) -> str:
    """A strength for people: `places` decimals, more (up to PRECISION) rather than show 0.999 as 1.00.

    Rounding 0.999 to "1.00" would claim a certainty the map does not give,
    and 0.0002 is not "0.00"; only an exact 1 or 0 prints as one.
    """
    text = f"{value:.{places}f}"
    while places < PRECISION and (
        (text == f"{1:.{places}f}" and value < 1.0) or (text == f"{0:.{places}f}" and value > 0.0)
    ):
        places += 1
        text = f"{value:.{places}f}"
    if value < 1.0 and text == f"{1:.{places}f}":
        return f">{1 - 10**-places:.{places}f}"  # within 10⁻⁴ of certainty, yet not certain
    if value > 0.0 and text == f"{0:.{places}f}":
        return f"<{10**-places:.{places}f}"
    return text


def _verdict(ev: Evaluation, positions: Sequence[str]) -> str:
    """The verdict among `positions` (ranked strongest first), the answers to one question."""
    if not positions:
        return "No position to weigh: no claim is marked `kind: position`."
    top = positions[0]
    best = ev.claims[top]
    if len(positions) == 1:
        text = f"'{top}' is the only position: {_why(ev, top, positions)}."
    else:
        tied = [p for p in positions if _same(ev.claims[p].strength, best.strength)]
        if len(tied) > 1:
            names = _names(tied, limit=4)
            text = (
                f"No position prevails: {names} tie at strength {format_strength(best.strength)}"
                f" ({'; '.join(f'{p}: {_label_why(ev, p)}' for p in tied[:4])})."
            )
        else:
            runner = positions[1]
            a, b = _apart(best.strength, ev.claims[runner].strength)
            text = (
                f"'{top}' prevails with strength {a}, ahead of '{runner}' at {b}"
                f" ({_label_why(ev, runner)}): {_why(ev, top, positions)}."
            )
            text += _disagreement(ev, top, positions)
    if not ev.converged:
        text += (
            f" Caution: strengths on a cycle did not settle after {ev.iterations} iterations"
            f" ({_names(list(ev.unsettled))})."
        )
    return text


def _why(ev: Evaluation, cid: str, rivals: Sequence[str]) -> str:
    """Why a claim has its strength, and which label grounded semantics gives it."""
    text = f"{_strength_why(ev, cid)}; grounded: {_label_why(ev, cid)}"
    beaten = [p for p in _targets(ev, cid) if p in rivals and ev.claims[p].label == OUT]
    if ev.claims[cid].label == IN and beaten:
        text += f", and it defeats the rival position{'s' * (len(beaten) != 1)} {_names(beaten)}"
    return text


def _targets(ev: Evaluation, cid: str) -> list[str]:
    """The claims `cid` opposes, in file order."""
    return [t for t, r in ev.claims.items() if cid in r.attackers]


def _strength_why(ev: Evaluation, cid: str) -> str:
    r = ev.claims[cid]
    attack = aggregate(ev.result(a).strength for a in r.attackers)
    support = aggregate(ev.result(s).strength for s in r.supporters)
    base, att, sup = format_strength(r.base), format_strength(attack), format_strength(support)
    reasons = _count(len(r.supporters), "reason")
    objections = _count(len(r.attackers), "objection")
    if not r.supporters and not r.attackers:
        return f"nothing bears on it, so its strength is its base score {base}"
    if abs(support - attack) <= TOLERANCE:
        return f"its {reasons} and {objections} balance out ({sup} each), leaving base {base}"
    if support > attack:
        against = f" outweighing {objections} ({att})" if r.attackers else " and no objection"
        return f"raised from base {base} by {reasons} (combined {sup}){against}"
    against = f" outweighing {reasons} ({sup})" if r.supporters else " and no reason for it"
    return f"lowered from base {base} by {objections} (combined {att}){against}"


def _label_why(ev: Evaluation, cid: str) -> str:
    r = ev.claims[cid]
    if r.label == IN:
        if not r.attackers:
            return "in, unattacked"
        return f"in, every objection to it is defeated ({_names(list(r.attackers))})"
    if r.label == OUT:
        winners = [a for a in r.attackers if ev.result(a).label == IN]
        return f"out, defeated by {_names(winners)}"
    open_ = [a for a in r.attackers if ev.result(a).label == UNDEC]
    objections = f"objection{'s' * (len(open_) != 1)} {_names(open_)}"
    return f"undecided, like its {objections}: a cycle of objections leaves them open"


def _disagreement(ev: Evaluation, top: str, positions: Sequence[str]) -> str:
    """Say so when grounded semantics does not accept the strongest position."""
    label = ev.claims[top].label
    if label == IN:
        return ""
    accepted = [p for p in positions if ev.claims[p].label == IN]
    what = "rejects it" if label == OUT else "leaves it undecided"
    if accepted:
        return f" Grounded semantics {what}, and accepts {_names(accepted)} instead."
    return f" Grounded semantics {what}, and accepts no position."


def _same(a: float, b: float) -> bool:
    return round(a, PRECISION) == round(b, PRECISION)


def _apart(a: float, b: float) -> tuple[str, str]:
    """Two strengths with the fewest decimals (2 to PRECISION) that show them different."""
    for places in range(2, PRECISION + 1):
        x, y = format_strength(a, places), format_strength(b, places)
        if x != y:
            return x, y
    return format_strength(a, PRECISION), format_strength(b, PRECISION)


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def _names(ids: list[str], limit: int = 3) -> str:
    shown = [f"'{cid}'" for cid in ids[:limit]]
    if len(ids) > limit:
        shown.append(f"{len(ids) - limit} more")
    if len(shown) <= 1:
        return "".join(shown) or "nothing"
    return ", ".join(shown[:-1]) + " and " + shown[-1]
