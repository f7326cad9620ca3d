"""Union-find over links, and the documented choice of one canonical copy per cluster."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: A body within this share of the longest one counts as complete: publication date and
#: credit then decide, so a copy with one extra boilerplate line does not beat the original.
COMPLETE_SHARE = 0.95


class UnionFind:
    """Disjoint sets over arbitrary hashable ints, with path halving and union by size."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}
        self.size: dict[int, int] = {}

    def find(self, x: int) -> int:
        parent = self.parent
        if x not in parent:
            parent[x] = x
            self.size[x] = 1
            return x
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> int:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        return ra

    def groups(self) -> list[list[int]]:
        out: dict[int, list[int]] = {}
        for x in self.parent:
            out.setdefault(self.find(x), []).append(x)
        return [sorted(g) for g in out.values()]


def components(pairs: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Connected components (each sorted, of size >= 2) of the pairs' graph."""
    uf = UnionFind()
    for a, b in pairs:
        uf.union(a, b)
    return [g for g in uf.groups() if len(g) > 1]


@dataclass(frozen=True, slots=True)
class Member:
    """What the canonical rule looks at; ``ref`` orders by arrival (first stored first)."""

    ref: int
    words: int
    published: str | None = None
    credit: str | None = None


def canonical(members: Sequence[Member]) -> Member:
    """The copy to keep: the most complete body; among bodies within `COMPLETE_SHARE` of the
    longest, the earliest publication (undated last), then one that names its credit (the
    original agency's copy), then the first stored."""
    longest = max(m.words for m in members)
    complete = [m for m in members if m.words >= COMPLETE_SHARE * longest]
    return min(
        complete,
        key=lambda m: (m.published is None, m.published or "", m.credit is None, m.ref),
    )


def canonical_reason(chosen: Member, members: Sequence[Member]) -> str:
    """Why ``chosen`` was kept, in words, for ``copydesk dups``."""
    longest = max(m.words for m in members)
    complete = [m for m in members if m.words >= COMPLETE_SHARE * longest]
    if len(complete) == 1:
        return "most complete body"
    if chosen.published and any(m.published != chosen.published for m in complete):
        return "earliest publication among the complete copies"
    if chosen.credit and any(m.credit is None for m in complete):
        return "names its credit"
    return "first stored among equals"
