"""Copies of one story side by side: each copy's words compared with the canonical copy's.

A word-level diff (difflib on word tokens, paragraph breaks kept as tokens) marks what a copy
adds (``ins``) and what it lacks (``del``, shown struck through in place), so a syndicated copy
with a local intro or a cut ending shows at a glance where it differs.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from copydesk.corpus.clusters import Member, canonical_reason
from copydesk.record import Article
from copydesk.store.read import ClusterView

#: Words compared at most per copy (a difflib over two 10k-word bodies is still fast).
MAX_WORDS = 10_000
_TOKENS = re.compile(r"\n\n|\S+")


@dataclass(frozen=True, slots=True)
class CopyView:
    article: Article
    canonical: bool
    html: Markup  # the body with differences from the canonical copy marked
    same: float  # share of the canonical copy's words this copy has, 0..1
    added: int
    missing: int


def why_canonical(view: ClusterView) -> str:
    """The rule that chose the canonical copy, in words (see `corpus.clusters.canonical`)."""
    members = [Member(i, m.words, m.published, m.credit) for i, m in enumerate(view.members)]
    chosen = next(mb for mb, m in zip(members, view.members, strict=True) if m.canonical)
    return canonical_reason(chosen, members)


def copies(canonical: Article, others: list[Article]) -> list[CopyView]:
    """The canonical copy first (unmarked), then each other copy marked against it."""
    base = _tokens(canonical.text)
    out = [CopyView(canonical, True, _render([(t, "") for t in base]), 1.0, 0, 0)]
    for art in others:
        out.append(_compare(base, art))
    return out


def _tokens(text: str) -> list[str]:
    return _TOKENS.findall(text)[:MAX_WORDS]


def _compare(base: list[str], article: Article) -> CopyView:
    mine = _tokens(article.text)
    sm = difflib.SequenceMatcher(None, base, mine, autojunk=False)
    marked: list[tuple[str, str]] = []
    added = missing = 0
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            marked.extend((t, "") for t in mine[j1:j2])
            continue
        if op in ("replace", "delete"):
            marked.extend((t, "del") for t in base[i1:i2] if t != "\n\n")
            missing += i2 - i1
        if op in ("replace", "insert"):
            marked.extend((t, "ins") for t in mine[j1:j2])
            added += j2 - j1
    same = 1.0 - missing / len(base) if base else 0.0
    return CopyView(article, False, _render(marked), same, added, missing)


def _render(tokens: list[tuple[str, str]]) -> Markup:
    out: list[str] = ["<p>"]
    run_kind = ""
    run: list[str] = []  # consecutive tokens of one kind in one element

    def flush() -> None:
        if run:
            text = escape(" ".join(run), quote=False)
            out.append(f"<{run_kind}>{text}</{run_kind}> " if run_kind else text + " ")
            run.clear()

    for token, kind in tokens:
        if token == "\n\n":
            flush()
            out.append("</p><p>")
            continue
        if kind != run_kind:
            flush()
            run_kind = kind
        run.append(token)
    flush()
    out.append("</p>")
    return Markup("".join(out))
