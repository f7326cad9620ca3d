"""Vectorised token and shingle hashes for a whole batch of normalised texts.

The normalised texts (`textkeys.normalise`: tokens joined by single spaces) of a batch are
joined into one UTF-8 byte array, and every token's hash is computed at once with numpy, with no
Python object per token: a polynomial hash ``sum(c_k * R**(k - start))`` mod 2**64 taken from
one prefix sum (``R`` odd, hence invertible mod 2**64, which removes each token's offset), then
finished with the length and the splitmix64 mixer so that every output bit depends on every
input byte. Shingles are the same multiply-xor combination as `textkeys.shingle_hashes`, applied
to the flat array of the batch and kept only where the n-gram lies inside one text.

This is key version 2 of the store (`DedupSettings.keys`); version 1 hashed each token with
xxh3 in a Python loop.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import numpy as np

from copydesk.corpus.textkeys import _MIX, shingle_hashes

#: The polynomial's base (odd) and its inverse mod 2**64.
_R = 0x9E3779B97F4A7C15
_R_INV = pow(_R, -1, 1 << 64)
#: Bytes hashed in one group: the scratch arrays (about 40 bytes per text byte) then stay in
#: cache, twice as fast as one group per batch, and memory is bounded whatever the batch.
GROUP_BYTES = 1 << 16
_U = np.uint64


def _mix64(h: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser, in place."""
    h ^= h >> _U(30)
    h *= _U(0xBF58476D1CE4E5B9)
    h ^= h >> _U(27)
    h *= _U(0x94D049BB133111EB)
    h ^= h >> _U(31)
    return h


def _powers(base: int, n: int) -> np.ndarray:
    """``base**0 .. base**(n-1)`` mod 2**64 (read-only). Texts are hashed one at a time when a
    pair is verified, and recomputing the table per text was a tenth of verification time, so
    tables up to `GROUP_BYTES` are computed once."""
    if n <= GROUP_BYTES:
        return _power_table(base, GROUP_BYTES)[:n]
    return _compute_powers(base, n)


@functools.cache
def _power_table(base: int, n: int) -> np.ndarray:
    table = _compute_powers(base, n)
    table.flags.writeable = False
    return table


def _compute_powers(base: int, n: int) -> np.ndarray:
    out = np.full(n, base, dtype=np.uint64)
    out[0] = 1
    with np.errstate(over="ignore"):
        return np.cumprod(out, dtype=np.uint64)


def token_hashes_joined(norms: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(hashes of every token of every text, in order; tokens per text). Empty texts have none."""
    counts = np.fromiter(
        (s.count(" ") + 1 if s else 0 for s in norms), dtype=np.int64, count=len(norms)
    )
    data = np.frombuffer(" ".join(s for s in norms if s).encode("utf-8"), dtype=np.uint8)
    if len(data) == 0:
        return np.empty(0, dtype=np.uint64), counts
    spaces = np.flatnonzero(data == 32)
    starts = np.concatenate(([0], spaces + 1))
    ends = np.concatenate((spaces, [len(data)]))
    with np.errstate(over="ignore"):
        prefix = np.zeros(len(data) + 1, dtype=np.uint64)
        np.cumsum(data.astype(np.uint64) * _powers(_R, len(data)), out=prefix[1:])
        hashes = (prefix[ends] - prefix[starts]) * _powers(_R_INV, len(data))[starts]
        hashes ^= (ends - starts).astype(np.uint64) * _U(0xC2B2AE3D27D4EB4F)
    return _mix64(hashes), counts


def batch_shingles(norms: Sequence[str], n: int) -> tuple[np.ndarray, np.ndarray]:
    """(all texts' word ``n``-gram hashes, flat; how many per text), in groups of about
    `GROUP_BYTES` so scratch memory stays bounded whatever the batch."""
    values: list[np.ndarray] = []
    lengths: list[np.ndarray] = []
    start = 0
    while start < len(norms):
        stop, size = start, 0
        while stop < len(norms) and (size == 0 or size + len(norms[stop]) <= GROUP_BYTES):
            size += len(norms[stop]) + 1
            stop += 1
        v, ln = _group_shingles(norms[start:stop], n)
        values.append(v)
        lengths.append(ln)
        start = stop
    if not values:
        return np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.int64)
    return np.concatenate(values), np.concatenate(lengths)


def _group_shingles(norms: Sequence[str], n: int) -> tuple[np.ndarray, np.ndarray]:
    tokens, counts = token_hashes_joined(norms)
    offsets = np.concatenate(([0], np.cumsum(counts)[:-1]))
    width = min(n, len(_MIX))
    flat = _flat_shingles(tokens, width)
    per_text = np.where(counts >= width, counts - width + 1, np.minimum(counts, 1))
    pieces: list[np.ndarray] = []
    short = np.flatnonzero((counts > 0) & (counts < width))
    if len(short) == 0:
        pick = np.repeat(offsets - np.concatenate(([0], np.cumsum(per_text)[:-1])), per_text)
        return flat[pick + np.arange(int(per_text.sum()))], per_text
    for off, count in zip(offsets.tolist(), counts.tolist(), strict=True):
        if count >= width:
            pieces.append(flat[off : off + count - width + 1])
        elif count:  # shorter than one n-gram: one shingle of the whole text
            pieces.append(shingle_hashes(tokens[off : off + count], width))
    return (np.concatenate(pieces) if pieces else np.empty(0, np.uint64)), per_text


def _flat_shingles(tokens: np.ndarray, n: int) -> np.ndarray:
    """`textkeys.shingle_hashes` over the whole flat array (n-grams crossing texts included;
    the caller drops them)."""
    if len(tokens) < n:
        return np.empty(0, dtype=np.uint64)
    return shingle_hashes(tokens, n)
