"""LSH banding and a compact in-memory index of band keys, rebuilt from the store.

A signature is cut into ``bands`` bands of ``rows`` cells; two documents become candidates when
any band is equal. Each band is hashed (with its band number, so band 3 never meets band 5) into
one signed 64-bit key. The index is two parallel numpy arrays (sorted keys, document refs) plus
an unsorted tail of recent additions that is merged in when it grows: 12 bytes per key, so a
million documents with 20 bands take about 240 MB, and a query is a binary search.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from copydesk.corpus.minhash import EMPTY

#: Merge the tail into the sorted arrays when it holds this many keys.
MERGE_TAIL = 250_000


def band_keys(sigs: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """``(n, bands)`` int64 keys, vectorised; a document without shingles gets 0 ("no key")."""
    n = sigs.shape[0]
    if sigs.shape[1] < bands * rows:
        raise ValueError(f"signature of {sigs.shape[1]} cells cannot give {bands}x{rows} bands")
    cells = sigs[:, : bands * rows].astype(np.uint64).reshape(n, bands, rows)
    acc = np.arange(1, bands + 1, dtype=np.uint64)[None, :] * np.uint64(0xD6E8FEB86659FD93)
    acc = np.broadcast_to(acc, (n, bands)).copy()
    with np.errstate(over="ignore"):
        for r in range(rows):
            acc ^= cells[:, :, r] + np.uint64(0x9E3779B97F4A7C15) + (acc << np.uint64(6))
            acc *= np.uint64(0xFF51AFD7ED558CCD)
            acc ^= acc >> np.uint64(33)
    out = acc.view(np.int64)
    out[out == 0] = 1
    empty = (sigs == EMPTY).all(axis=1)
    out[empty] = 0
    return out


@dataclass
class KeyIndex:
    """Key -> document refs (ints), many per key; the store persists (keys, refs) blocks."""

    keys: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    refs: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    _tail_keys: list[np.ndarray] = field(default_factory=list)
    _tail_refs: list[np.ndarray] = field(default_factory=list)
    _tail_size: int = 0

    def __len__(self) -> int:
        return len(self.keys) + self._tail_size

    @classmethod
    def from_blocks(cls, blocks: list[tuple[np.ndarray, np.ndarray]]) -> KeyIndex:
        """An index of many stored (keys, refs) blocks, sorted once: adding them one by one
        merged the growing sorted arrays every `MERGE_TAIL` keys, and opening a million-document
        store spent 14 s of CPU doing it."""
        if not blocks:
            return cls()
        keys = np.concatenate([k for k, _ in blocks]).astype(np.int64)
        refs = np.concatenate([r for _, r in blocks]).astype(np.int64)
        keep = keys != 0
        keys, refs = keys[keep], refs[keep]
        order = np.argsort(keys, kind="stable")
        return cls(keys[order], refs[order])

    def add(self, keys: np.ndarray, refs: np.ndarray) -> None:
        """Add parallel arrays of keys and refs (zero keys mean "no key" and are dropped)."""
        keep = keys != 0
        self._tail_keys.append(keys[keep].astype(np.int64))
        self._tail_refs.append(refs[keep].astype(np.int64))
        self._tail_size += int(keep.sum())
        if self._tail_size >= MERGE_TAIL:
            self._merge()

    def lookup(self, keys: np.ndarray, max_postings: int = 0) -> dict[int, list[int]]:
        """For each key, the refs stored under it; keys with more than ``max_postings`` refs
        (when set) are left out: a band or sentence shared by hundreds of documents is
        boilerplate, not evidence of a copy."""
        out: dict[int, list[int]] = {}
        uniq = np.unique(keys[keys != 0])
        if len(uniq) == 0 or len(self) == 0:
            return out
        lo = np.searchsorted(self.keys, uniq, side="left")
        hi = np.searchsorted(self.keys, uniq, side="right")
        for key, a, b in zip(uniq.tolist(), lo.tolist(), hi.tolist(), strict=True):
            if b > a:
                out[key] = self.refs[a:b].tolist()
        if self._tail_size:
            tail_keys = np.concatenate(self._tail_keys)
            tail_refs = np.concatenate(self._tail_refs)
            hit = np.isin(tail_keys, uniq)
            for key, ref in zip(tail_keys[hit].tolist(), tail_refs[hit].tolist(), strict=True):
                out.setdefault(key, []).append(ref)
        if max_postings:
            out = {k: v for k, v in out.items() if len(v) <= max_postings}
        return out

    def _merge(self) -> None:
        if not self._tail_keys:
            return
        tail_keys = np.concatenate(self._tail_keys)
        tail_refs = np.concatenate(self._tail_refs)
        order = np.argsort(tail_keys, kind="stable")
        tail_keys, tail_refs = tail_keys[order], tail_refs[order]
        at = np.searchsorted(self.keys, tail_keys, side="right")
        self.keys = np.insert(self.keys, at, tail_keys)
        self.refs = np.insert(self.refs, at, tail_refs)
        self._tail_keys, self._tail_refs, self._tail_size = [], [], 0
