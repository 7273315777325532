"""Generated Argdown documents for the differential test: mostly valid, some broken on purpose."""

from __future__ import annotations

import random

WORDS = [
    "alpha",
    "beta",
    "the cat",
    "is",
    "not",
    "e.g.",
    "x-y",
    "5 * 3",
    "it's",
    "(see)",
    "#tag",
    "#(two words)",
    "**bold**",
    "_it_",
    "*it*",
    "__b__",
    "[l](http://a.b/c)",
    "@[A]",
    "@<Arg>",
    ":smile:",
    ".A.",
    "\\#",
    "\\[x\\]",
    "a, b",
    "end.",
    "q?",
    "é",
    "🚀",
    "1 + 1",
    "-> no",
    "a // c",
    "b /* c */ d",
    "<!-- h -->",
]
TITLES = ["A", "B", "C", "Long title", "T1", "x y"]
RELATIONS = ["+", "-", "<+", "<-", "+>", "->", "><", "_>", "<_", "_"]


def _text(r: random.Random) -> str:
    return " ".join(r.choice(WORDS) for _ in range(r.randint(1, 5)))


def _element(r: random.Random) -> str:
    k = r.random()
    if k < 0.3:
        return _text(r)
    if k < 0.5:
        return f"[{r.choice(TITLES)}]: {_text(r)}"
    if k < 0.65:
        return f"[{r.choice(TITLES)}]" + (" #t" if r.random() < 0.2 else "")
    if k < 0.8:
        return f"<{r.choice(TITLES)}>: {_text(r)}"
    return f"<{r.choice(TITLES)}>"


def _tree(r: random.Random, depth: int = 0, indent: int = 0) -> list[str]:
    lines: list[str] = []
    for _ in range(r.randint(0, 3) if depth < 3 else 0):
        step = r.choice([2, 2, 2, 2, 2, 4, 1, 3]) if r.random() < 0.97 else 0
        at = indent + step
        relation, element = r.choice(RELATIONS), _element(r)
        if relation == "><" and element.startswith("<"):
            element = _text(r)
        lines.append(" " * at + f"{relation} {element}" + (" {d: 1}" if r.random() < 0.1 else ""))
        if r.random() < 0.15:
            lines.append(" " * (at + r.choice([0, 2])) + r.choice(["// c", "/* c */", "<!-- c -->", "alpha"]))
        lines += _tree(r, depth + 1, at)
    return lines


def _pcs(r: random.Random) -> list[str]:
    lines: list[str] = []
    if r.random() < 0.5:
        lines += [f"<{r.choice(TITLES)}>: {_text(r)}" + (" #con" if r.random() < 0.3 else ""), ""]
    n = 1
    for _ in range(r.randint(1, 3)):
        for _ in range(r.randint(1, 3)):
            lines.append(f"({n}) " + (f"[{r.choice(TITLES)}]: " if r.random() < 0.4 else "") + _text(r))
            n += 1
            if r.random() < 0.1:
                lines.append("  +> [A]")
        lines.append(
            r.choice(["----", "--", "-- Modus ponens --", "-- MP, DS {uses: [1]} --", "--\nrule\n--"])
        )
        if r.random() < 0.1:
            lines.append("  <_ [U]: undercut")
        lines.append(f"({n}) {_text(r)}")
        n += 1
    return lines + (_tree(r) if r.random() < 0.3 else [])


def _paragraph(r: random.Random) -> list[str]:
    k = r.random()
    if k < 0.1:
        return [r.choice(["#", "##", "###"]) + " " + _text(r)]
    if k < 0.2:
        marker = r.choice(["1.", "*"])
        return [f"{marker} {_element(r)}" for _ in range(r.randint(1, 3))]
    if k < 0.4:
        return _pcs(r)
    if k < 0.45:
        return [r.choice(["// comment", "/* block\ncomment */", "<!-- html -->"])]
    return [_element(r) + (" {a: [1, 2]}" if r.random() < 0.1 else ""), *_tree(r)]


def document(r: random.Random) -> str:
    parts = []
    if r.random() < 0.15:
        parts.append(
            r.choice(
                ["===\ntitle: T\nmodel:\n  mode: strict\n===", "===\nmodel:\n  removeTagsFromText: true\n==="]
            )
        )
    parts += ["\n".join(_paragraph(r)) for _ in range(r.randint(1, 6))]
    out = ("\n\n" if r.random() < 0.9 else "\n").join(parts)
    if r.random() < 0.1:  # break it somewhere
        i = r.randrange(len(out) + 1)
        out = out[:i] + r.choice(["\n", " ", "-", "[", "\n\n", "", "*"]) + out[i + 1 :]
    return out + r.choice(["", "\n", "\n\n"])
