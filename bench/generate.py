"""Generate large, valid, deterministic argmap maps for benchmarking.

`generate(n_claims, seed, out_dir)` writes `bench-<n>-s<seed>.yaml` and the
article its quotes come from, `bench-<n>-s<seed>.txt`, side by side, and
returns the path of the map.

The shape imitates a real map, scaled up:

* about max(2, n // 200) positions, each opposing every earlier position;
* every other claim supports (70 %) or opposes (30 %) one earlier claim, so
  the claims form a forest hanging under the positions; about one claim in
  ten has a second, different earlier target, which makes it a DAG. Every
  relation points from a later claim to an earlier one, so there is never a
  cycle of any kind;
* texts of 6-20 words drawn from a fixed vocabulary;
* about half the claims quote the article (sometimes twice); every quote is
  an exact run of words of one of its sentences, so quote checking does
  real work and always succeeds;
* `by` from a few names, and a few tags;
* with `arguments=K`, K arguments: each joins 2-3 claims, which give up
  their plain relation, into one step towards an earlier claim (as an analyst
  turns separate reasons into co-premises), and about one in three is
  undercut by a later claim; every claim still hangs under one thing, and the
  map stays acyclic.

The YAML is written with plain string formatting: every string is a
JSON-style double-quoted scalar (`json.dumps`), which is valid YAML. This
module does not import the argmap package, so it can be run on its own:

    python bench/generate.py 10000 out/ --seed 1
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

VOCABULARY = """
the a an this that these those its their our
north south korea korean pyongyang seoul washington beijing tokyo china
missile missiles launch launches test tests weapon weapons program
nuclear ballistic cruise range long short train parade summit talks
denuclearization sanctions dialogue diplomacy diplomatic negotiations
security defense military alliance threat deterrence pressure policy
administration president leader regime government officials analysts
experts professor interview congress party war truce moratorium
will would could should might must can may never always often rarely
not only just also still already soon later again first
develop strengthen counter renew resume refrain recognize remove lift
tested announced argued predicted expressed considered welcomed
intends seeks needs wants signals shows suggests proves means
capabilities motivation intention priority approach outcome process
cooperation tensions provocation countermeasures concessions incentives
secret open clear unclear unlikely likely serious predictable natural
bold realistic phased multilateral bilateral regional global strategic
economic political technical historical short-term long-term
usual unusual new advanced outdated stalled failed ill-fated
of in on at to for from with by under over between against toward
and or but because while since although if unless however therefore
business table lines tit-for-tat arms race peninsula border region
"""
# Possessives use the typographic apostrophe, as real articles do.
POSSESSIVES = ("North", "Kim", "country", "Washington", "China")
WORDS: tuple[str, ...] = (
    *VOCABULARY.split(),
    *(f"{name}\u2019s" for name in POSSESSIVES),
    "U.S.",
)

NAMES: tuple[str, ...] = (
    "author",
    "author",
    "author",
    "Ku",
    "Pardo",
    "Kim",
    "analysts",
)
TAGS: tuple[str, ...] = (
    "diplomacy",
    "military",
    "sanctions",
    "history",
    "china",
    "us-policy",
    "deterrence",
    "economy",
)

SUPPORT_SHARE = 0.7
SECOND_TARGET_SHARE = 0.1
EVIDENCE_SHARE = 0.3
QUOTE_SHARE = {"position": 0.5, "claim": 0.4, "evidence": 0.75}
TWO_QUOTES_SHARE = 0.1
TAGGED_SHARE = 0.4
TARGET_EVIDENCE_SHARE = 0.1


@dataclass
class Claim:
    """One generated claim, in the order it is written."""

    cid: str
    kind: str
    text: str
    by: str
    quotes: list[str] = field(default_factory=list)
    supports: list[str] = field(default_factory=list)
    opposes: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    undercuts: list[str] = field(default_factory=list)


@dataclass
class Argument:
    """One generated argument: linked premises and one conclusion."""

    aid: str
    premises: list[str]
    relation: str
    target: str


UNDERCUT_SHARE = 0.35


def make_arguments(rng: random.Random, claims: list[Claim], count: int) -> list[Argument]:
    """`count` arguments, each joining 2-3 claims into one step towards an earlier claim.

    A premise gives up its plain relation and bears only on its argument, as
    when an analyst turns separate reasons into co-premises; it keeps its own
    reasons. About a third of the arguments are undercut, by a claim that then
    does nothing else. Every premise and undercutter is written after the
    argument's conclusion, so the map stays acyclic, and every claim still
    hangs under exactly one thing, so the map keeps the tree shape of the one
    without arguments.
    """
    index = {c.cid: i for i, c in enumerate(claims)}
    arguable = [c.cid for c in claims[: len(claims) // 2] if c.kind != "evidence"]
    free = {c.cid for c in claims if c.kind != "position" and len(c.supports + c.opposes) == 1}
    width = len(str(count))
    arguments: list[Argument] = []
    for _ in range(count * 10):
        if len(arguments) == count or len(free) < 3:
            break
        target = rng.choice(arguable)
        later = sorted(cid for cid in free if index[cid] > index[target])
        if len(later) < 3:
            continue
        chosen = rng.sample(later, rng.randint(2, 3))
        relation = "supports" if rng.random() < SUPPORT_SHARE else "opposes"
        argument = Argument(f"a-{len(arguments):0{width}d}", chosen, relation, target)
        arguments.append(argument)
        taken = list(chosen)
        if rng.random() < UNDERCUT_SHARE:
            rest = [cid for cid in later if cid not in chosen]
            undercutter = rng.choice(rest)
            claims[index[undercutter]].undercuts.append(argument.aid)
            taken.append(undercutter)
        for cid in taken:
            claims[index[cid]].supports, claims[index[cid]].opposes = [], []
            free.discard(cid)
    return arguments


def words(rng: random.Random, low: int, high: int) -> list[str]:
    """Between `low` and `high` words from the vocabulary."""
    return [rng.choice(WORDS) for _ in range(rng.randint(low, high))]


def sentence(rng: random.Random, low: int, high: int, end: str = ".") -> str:
    """A capitalised sentence of `low`-`high` words, with the odd comma."""
    ws = words(rng, low, high)
    for i in range(2, len(ws) - 2, 7):
        if rng.random() < 0.4:
            ws[i] += ","
    ws[0] = ws[0][:1].upper() + ws[0][1:]
    return " ".join(ws) + end


def article_sentences(rng: random.Random, n_claims: int) -> list[str]:
    """The article's sentences: a long article for a big map."""
    return [sentence(rng, 8, 25) for _ in range(max(40, n_claims // 4))]


def write_article(path: Path, title: str, sentences: list[str], rng: random.Random) -> None:
    """Write the sentences as paragraphs of 3-6 sentences, one line each."""
    paragraphs = [title]
    i = 0
    while i < len(sentences):
        size = rng.randint(3, 6)
        paragraphs.append(" ".join(sentences[i : i + size]))
        i += size
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")


def quote_from(rng: random.Random, sentences: list[str]) -> str:
    """An exact run of 4-14 words of one article sentence."""
    ws = rng.choice(sentences).split(" ")
    size = min(len(ws), rng.randint(4, 14))
    start = rng.randint(0, len(ws) - size)
    return " ".join(ws[start : start + size])


def claim_id(kind: str, index: int, width: int) -> str:
    prefix = {"position": "p", "claim": "c", "evidence": "e"}[kind]
    return f"{prefix}-{index:0{width}d}"


def pick_target(rng: random.Random, arguable: list[str], every: list[str]) -> str:
    """An earlier claim to argue about; evidence is seldom argued about."""
    if rng.random() < TARGET_EVIDENCE_SHARE:
        return rng.choice(every)
    return rng.choice(arguable)


def relate(rng: random.Random, claim: Claim, target: str) -> None:
    if rng.random() < SUPPORT_SHARE:
        claim.supports.append(target)
    else:
        claim.opposes.append(target)


def decorate(rng: random.Random, claim: Claim, sentences: list[str]) -> None:
    """Give a claim its quotes and tags, at random."""
    if rng.random() < QUOTE_SHARE[claim.kind]:
        count = 2 if rng.random() < TWO_QUOTES_SHARE else 1
        claim.quotes = [quote_from(rng, sentences) for _ in range(count)]
    if rng.random() < TAGGED_SHARE:
        claim.tags = rng.sample(TAGS, rng.randint(1, 2))


def make_positions(rng: random.Random, count: int, width: int) -> list[Claim]:
    """`count` positions, each opposing all the earlier ones."""
    positions: list[Claim] = []
    for i in range(count):
        text = sentence(rng, 6, 20)
        claim = Claim(claim_id("position", i, width), "position", text, rng.choice(NAMES))
        claim.opposes = [p.cid for p in positions]
        positions.append(claim)
    return positions


def make_claims(rng: random.Random, n_claims: int, sentences: list[str]) -> list[Claim]:
    """All the claims, positions first, each relating only to earlier ones."""
    width = len(str(n_claims))
    claims = make_positions(rng, max(2, n_claims // 200), width)
    arguable = [c.cid for c in claims]
    every = list(arguable)
    for i in range(len(claims), n_claims):
        kind = "evidence" if rng.random() < EVIDENCE_SHARE else "claim"
        claim = Claim(claim_id(kind, i, width), kind, sentence(rng, 6, 20), rng.choice(NAMES))
        first = pick_target(rng, arguable, every)
        relate(rng, claim, first)
        if rng.random() < SECOND_TARGET_SHARE:
            second = pick_target(rng, arguable, every)
            if second != first:
                relate(rng, claim, second)
        claims.append(claim)
        every.append(claim.cid)
        if kind == "claim":
            arguable.append(claim.cid)
    for claim in claims:
        decorate(rng, claim, sentences)
    return claims


def q(value: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax)."""
    return json.dumps(value, ensure_ascii=False)


def qlist(values: list[str]) -> str:
    """A YAML flow sequence of double-quoted scalars."""
    return "[" + ", ".join(q(v) for v in values) + "]"


def claim_yaml(claim: Claim) -> list[str]:
    lines = [f"  {claim.cid}:", f"    kind: {claim.kind}", f"    text: {q(claim.text)}"]
    if len(claim.quotes) == 1:
        lines.append(f"    quote: {q(claim.quotes[0])}")
    elif claim.quotes:
        lines.append("    quote:")
        lines.extend(f"      - {q(quote)}" for quote in claim.quotes)
    lines.append(f"    by: {q(claim.by)}")
    for key in ("supports", "opposes", "undercuts", "tags"):
        values: list[str] = getattr(claim, key)
        if values:
            lines.append(f"    {key}: {qlist(values)}")
    return lines


def argument_yaml(argument: Argument) -> list[str]:
    return [
        f"  {argument.aid}:",
        f"    premises: {qlist(argument.premises)}",
        f"    {argument.relation}: {q(argument.target)}",
    ]


def map_yaml(
    title: str, question: str, article: str, claims: list[Claim], arguments: list[Argument] = ()
) -> str:
    lines = [
        "# Generated by bench/generate.py; do not edit.",
        "argmap: 1",
        f"title: {q(title)}",
        f"question: {q(question)}",
        "source:",
        f"  title: {q(title + ' (article)')}",
        f"  file: {q(article)}",
        "claims:",
    ]
    for claim in claims:
        lines.extend(claim_yaml(claim))
    if arguments:
        lines.append("arguments:")
        for argument in arguments:
            lines.extend(argument_yaml(argument))
    return "\n".join(lines) + "\n"


def generate(n_claims: int, seed: int, out_dir: Path, arguments: int = 0) -> Path:
    """Write a map of `n_claims` claims (and `arguments` arguments) and its article; return its path."""
    if n_claims < 2:
        raise ValueError("a map needs at least 2 claims (two positions)")
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"bench-{n_claims}-s{seed}" if not arguments else f"bench-{n_claims}-a{arguments}-s{seed}"
    title = f"Benchmark map of {n_claims} claims (seed {seed})"
    question = sentence(rng, 6, 14, end="?")
    sentences = article_sentences(rng, n_claims)
    write_article(out_dir / f"{stem}.txt", title, sentences, rng)
    claims = make_claims(rng, n_claims, sentences)
    linked = make_arguments(random.Random(seed + 1), claims, arguments) if arguments else []
    path = out_dir / f"{stem}.yaml"
    path.write_text(map_yaml(title, question, f"{stem}.txt", claims, linked), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Generate a benchmark argmap map.")
    parser.add_argument("n_claims", type=int, help="number of claims")
    parser.add_argument("out_dir", type=Path, help="folder to write the map and article to")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--arguments", type=int, default=0, help="number of linked arguments (default 0)")
    args = parser.parse_args(argv)
    print(generate(args.n_claims, args.seed, args.out_dir, args.arguments))


if __name__ == "__main__":
    main()
