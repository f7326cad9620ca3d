"""Vectorised MinHash: signatures for a whole batch of documents in a few numpy operations.

The permutations are multiply-shift hashes ``(a * x + b) >> 32`` on 64-bit words (a 2-universal
family, Dietzfelbinger et al. 1997): one multiply, one add and one shift per cell, with no modulo
by a prime as datasketch does. Shingles of many documents are stacked into one column, hashed
against all permutations at once in chunks, and reduced per document with
``np.minimum.reduceat``; that is where the speed over a per-document loop comes from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

#: Cells (shingles x permutations) hashed in one numpy call: about 64 MB of uint64 scratch.
CHUNK_CELLS = 8_000_000
#: Signature value of a document without shingles: it then shares no band with anything.
EMPTY = np.uint32(0xFFFFFFFF)


@dataclass(frozen=True, slots=True)
class Permutations:
    """The ``a`` (odd) and ``b`` coefficients of the hash family, drawn from a fixed seed."""

    a: np.ndarray
    b: np.ndarray

    @property
    def size(self) -> int:
        return len(self.a)


def make_permutations(num_perm: int, seed: int = 1) -> Permutations:
    rng = np.random.default_rng(seed)
    a = rng.integers(1, 2**63, size=num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
    return Permutations(a, b)


def signatures(shingles: Sequence[np.ndarray], perms: Permutations) -> np.ndarray:
    """One uint32 signature row per document (``len(shingles)`` x ``perms.size``)."""
    out = np.full((len(shingles), perms.size), EMPTY, dtype=np.uint32)
    rows = max(1, CHUNK_CELLS // perms.size)
    start = 0
    while start < len(shingles):
        stop, total = start, 0
        while stop < len(shingles) and (total == 0 or total + len(shingles[stop]) <= rows):
            total += len(shingles[stop])
            stop += 1
        out[start:stop] = _chunk(shingles[start:stop], perms)
        start = stop
    return out


def _chunk(shingles: Sequence[np.ndarray], perms: Permutations) -> np.ndarray:
    lengths = np.fromiter((len(s) for s in shingles), dtype=np.int64, count=len(shingles))
    out = np.full((len(shingles), perms.size), EMPTY, dtype=np.uint32)
    full = lengths > 0
    if not full.any():
        return out
    stacked = np.concatenate([s for s in shingles if len(s)]).astype(np.uint64)
    # Fold to 32 bits: multiply-add-shift is 2-universal for 32-bit keys in 64-bit arithmetic.
    stacked = (stacked ^ (stacked >> np.uint64(32))) & np.uint64(0xFFFFFFFF)
    with np.errstate(over="ignore"):
        cells = stacked[:, None] * perms.a[None, :]
        cells += perms.b[None, :]
    cells >>= np.uint64(32)
    offsets = np.concatenate(([0], np.cumsum(lengths[full])[:-1]))
    out[full] = np.minimum.reduceat(cells, offsets, axis=0).astype(np.uint32)
    return out


def estimate_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Share of equal signature cells: the MinHash estimate of Jaccard similarity."""
    return float(np.mean(a == b))
