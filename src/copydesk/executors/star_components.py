"""Connected components of the link graph on Ray Data, without the graph on one machine.

The alternating large-star / small-star algorithm (Kiveris et al., "Connected Components in
MapReduce and Beyond", SoCC 2014): each step is one groupby over edges, each node only sees its
own neighbours, and O(log n) rounds turn every component into a star around its smallest node.
News copy graphs have small diameters, so two or three rounds are the rule.

The per-node steps are plain functions (tested without Ray); `components` runs the rounds.
"""

from __future__ import annotations

from typing import Any

import numpy as np

Batch = dict[str, Any]

#: Rounds after which a graph that has not converged is reported as a bug, not looped on.
MAX_ROUNDS = 64


def both_directions(batch: Batch) -> Batch:
    u = np.asarray(batch["u"], dtype=np.int64)
    v = np.asarray(batch["v"], dtype=np.int64)
    return {"u": np.concatenate([u, v]), "v": np.concatenate([v, u])}


def smaller_last(batch: Batch) -> Batch:
    """Orient each edge from its larger node to its smaller one (the small-star input)."""
    u = np.asarray(batch["u"], dtype=np.int64)
    v = np.asarray(batch["v"], dtype=np.int64)
    return {"u": np.maximum(u, v), "v": np.minimum(u, v)}


def large_star(group: Batch) -> Batch:
    """Node u with all its neighbours: hang every larger neighbour on the smallest of them all."""
    u = int(group["u"][0])
    nbrs = np.unique(np.asarray(group["v"], dtype=np.int64))
    m = min(int(nbrs.min()), u)
    larger = nbrs[nbrs > u]
    return {"u": larger, "v": np.full(len(larger), m, dtype=np.int64)}


def small_star(group: Batch) -> Batch:
    """Node u with its smaller neighbours: hang u and them on the smallest."""
    u = int(group["u"][0])
    nbrs = np.unique(np.asarray(group["v"], dtype=np.int64))
    m = int(nbrs.min())
    nodes = np.append(nbrs, u)
    nodes = nodes[nodes != m]
    return {"u": nodes, "v": np.full(len(nodes), m, dtype=np.int64)}


def checksum(batch: Batch) -> Batch:
    """Order-free digest of an edge set's batch: (count, sum and xor of an edge hash)."""
    u = np.asarray(batch["u"], dtype=np.uint64)
    v = np.asarray(batch["v"], dtype=np.uint64)
    with np.errstate(over="ignore"):
        h = (u * np.uint64(0x9E3779B97F4A7C15)) ^ (v + np.uint64(0xC2B2AE3D27D4EB4F))
        h ^= h >> np.uint64(29)
    return {
        "n": np.asarray([len(u)], dtype=np.int64),
        "s": np.asarray([int(h.sum(dtype=np.uint64)) & 0x7FFFFFFF], dtype=np.int64),
        "x": np.asarray([int(np.bitwise_xor.reduce(h)) & 0x7FFFFFFF if len(h) else 0]),
    }


def components(edges: Any, partitions: int | None = None) -> Any:
    """A Ray Dataset of edges (``u``, ``v``) to one of (``ref``, ``root``): every node of a
    component of two or more nodes, with the component's smallest node as root."""
    edges = edges.map_batches(smaller_last, batch_format="numpy").materialize()
    seen = _digest(edges)
    for _ in range(MAX_ROUNDS):
        big = (
            edges.map_batches(both_directions, batch_format="numpy")
            .groupby("u", num_partitions=partitions)
            .map_groups(large_star, batch_format="numpy")
        )
        edges = (
            big.map_batches(smaller_last, batch_format="numpy")
            .groupby("u", num_partitions=partitions)
            .map_groups(small_star, batch_format="numpy")
            .materialize()
        )
        now = _digest(edges)
        if now == seen:
            break
        seen = now
    else:
        raise RuntimeError(f"connected components did not converge in {MAX_ROUNDS} rounds")
    return _labels(edges)


def _digest(edges: Any) -> tuple[int, int, int]:
    rows = edges.map_batches(checksum, batch_format="numpy").take_all()
    n = sum(int(r["n"]) for r in rows)
    s = sum(int(r["s"]) for r in rows)
    x = 0
    for r in rows:
        x ^= int(r["x"])
    return n, s, x


def _labels(stars: Any) -> Any:
    """Star edges (node, root) plus one (root, root) row per component."""

    def rows(batch: Batch) -> Batch:
        u = np.asarray(batch["u"], dtype=np.int64)
        v = np.asarray(batch["v"], dtype=np.int64)
        roots = np.unique(v)
        return {"ref": np.concatenate([u, roots]), "root": np.concatenate([v, roots])}

    return (
        stars.map_batches(rows, batch_format="numpy")
        .groupby("ref")
        .map_groups(_first, batch_format="numpy")
    )


def _first(group: Batch) -> Batch:
    return {"ref": group["ref"][:1], "root": np.asarray([int(np.min(group["root"]))])}
