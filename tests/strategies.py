"""Generated maps for the format tests: valid maps, with arguments and undercuts, and text meant
to trip every writer (YAML indicators, Argdown and Markdown syntax, odd Unicode)."""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from argmap.model import CONTROL, ID_RE, ArgMap, Argument, Claim, Kind

NASTY = st.one_of(
    # any text a map may hold: no control characters or noncharacters (the checker refuses them)
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(
        lambda t: not CONTROL.search(t)
    ),
    st.sampled_from(
        [
            "yes",
            "no",
            "null",
            "~",
            "123",
            "1.5",
            "0x1F",
            "1_000",
            "2021-09-20",
            "true",
            "- item",
            "key: value",
            "a #hash",
            "#tag",
            "'single'",
            '"double"',
            "  leading spaces",
            "trailing  ",
            "line\nbreak",
            "two\n\nparagraphs",
            "tab\there",
            "back\\slash",
            "[A] +> [B]",
            "<Arg>: x",
            "{data: 1}",
            "// not a comment",
            "/* nor this */",
            "*bold* _it_",
            "**bold** __b__",
            "(1) premise",
            "----",
            "-- rule --",
            "===",
            "@[mention]",
            "[link](http://x.y)",
            ":smile: .A. e.g.",
            "a, b; c",
            "http://example.com/a?b=c",
            "é ü ß 中文 🚀",
            "\u2028\u2029\ufeff",  # U+0085 (NEL) is a C1 control: the checker refuses it
            "ends with colon:",
            "%percent",
            "!bang",
            "&anchor *alias",
            "|",
            ">",
            "Default Inference",
        ]
    ),
)
TEXT = NASTY.filter(lambda s: s.strip() != "")
IDS = st.from_regex(ID_RE, fullmatch=True).filter(lambda s: len(s) <= 20)


@st.composite
def argmaps(draw, *, arguments: bool = True) -> ArgMap:
    """A map `argmap check` accepts (apart from quotes, which need an article)."""
    ids = draw(st.lists(IDS, min_size=1, max_size=8, unique=True))
    questions = draw(st.dictionaries(IDS, TEXT, max_size=2))
    claims: dict[str, Claim] = {}
    for cid in ids:
        others = [o for o in ids if o != cid]
        supports = draw(st.lists(st.sampled_from(others), unique=True, max_size=3)) if others else []
        rest = [o for o in others if o not in supports]
        opposes = draw(st.lists(st.sampled_from(rest), unique=True, max_size=2)) if rest else []
        claims[cid] = Claim(
            kind=draw(st.sampled_from(list(Kind))),
            text=draw(TEXT),
            quote=draw(st.lists(TEXT, max_size=2)),
            by=draw(st.none() | TEXT),
            supports=supports,
            opposes=opposes,
            tags=draw(st.lists(TEXT, max_size=3)),
            note=draw(st.none() | NASTY | st.just("")),
            weight=draw(st.none() | st.floats(0, 1)),
            answers=draw(st.none() | st.sampled_from(sorted(questions) or ["q"])),
        )
    args: dict[str, Argument] = {}
    if arguments:
        free = [i for i in draw(st.lists(IDS, max_size=4, unique=True)) if i not in claims]
        for aid in free:
            relation = draw(
                st.sampled_from(["supports", "opposes", "undercuts"] if args else ["supports", "opposes"])
            )
            target = draw(st.sampled_from(sorted(args) if relation == "undercuts" else ids))
            pool = [c for c in ids if c != target]
            if relation == "undercuts":
                pool = [c for c in pool if c not in args[target].premises]
            if not pool:
                continue
            premises = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3, unique=True))
            args[aid] = Argument(
                premises=premises,
                **{relation: target},
                text=draw(st.none() | TEXT),
                scheme=draw(st.none() | TEXT),
                by=draw(st.none() | TEXT),
                quote=draw(st.lists(TEXT, max_size=2)),
                tags=draw(st.lists(TEXT, max_size=2)),
                note=draw(st.none() | NASTY),
            )
        for cid in ids:  # claims undercut arguments they are not a premise of
            targets = [a for a in args if cid not in args[a].premises]
            if targets and draw(st.booleans()):
                chosen = draw(st.lists(st.sampled_from(targets), unique=True, max_size=2))
                claims[cid] = claims[cid].model_copy(update={"undercuts": chosen})
    return ArgMap(
        argmap=1,
        title=draw(st.none() | TEXT),
        question=draw(st.none() | TEXT),
        questions=questions,
        source=draw(st.none() | st.builds(dict, title=TEXT, url=st.just("https://example.org/a?b=c"))),
        claims=claims,
        arguments=args,
    )


PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
