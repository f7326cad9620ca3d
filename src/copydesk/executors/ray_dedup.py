"""Dedup at cluster scale on Ray Data: paragraph counts over the whole run, signatures (with the
story keys they allow) in parallel, LSH banding as a groupby over band keys, candidates
verified in parallel, connected components by star contraction, canonical copies per component.

Documents are named by ``ref``, their position in the run (1, 2, ...), which is also the rowid
the store gives them, so "earlier" and "first stored" mean what they mean locally. No step
needs all documents, all keys or the whole link graph on one machine: the driver only receives
the common paragraphs' hashes, the links and the cluster assignments (8 bytes per common
paragraph; the others as small as the number of copies).

The counts come first because a text's keys depend on them: a text holding common paragraphs
(a site's footer) also gets the keys of the rest of it (`copydesk.corpus.storykeys`), as in
local ingest. The count reads the records once more (a map and one groupby over paragraph
hashes, no text shuffled) instead of keying twice or holding the texts twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from copydesk.corpus.settings import DedupSettings
from copydesk.executors import dedup_batches as steps
from copydesk.executors.star_components import components

#: Texts fingerprinted per task (as in the local dedup stage).
SIGNATURE_BATCH = 512
#: Up to this many links, the components are found on the driver by union-find (a second for a
#: million links, ~200 MB); above it, by star contraction on the cluster, a few groupbys per
#: round, so that no machine ever holds the whole graph. Each groupby costs seconds of fixed
#: overhead, which only pays off on big graphs.
DRIVER_EDGES = 1_000_000


@dataclass
class RayDedup:
    """The materialised results: per-document fingerprints (in ref order), the confirmed links
    (``a`` copies ``b``), and (``ref``, ``cluster``, ``duplicate_of``) for every member of a
    cluster."""

    signatures: Any
    links: Any
    clusters: Any


def dedup_on_ray(
    records: Any,
    settings: DedupSettings,
    partitions: int | None = None,
    driver_edges: int = DRIVER_EDGES,
) -> RayDedup:
    """``records``: a Ray Dataset with ``ref``, ``id``, ``text``, ``published``, ``credit``."""
    from ray.data.context import ShuffleStrategy

    from copydesk.executors.ray_exec import quiet_data_context

    ctx = quiet_data_context()
    before = ctx.shuffle_strategy
    # the sort shuffle runs as plain tasks; the default hash shuffle parks aggregator actors on
    # CPUs, which costs ~5 s per groupby on a small cluster (79 s against 10 s for 300 texts)
    ctx.shuffle_strategy = ShuffleStrategy.SORT_SHUFFLE_PULL_BASED
    try:
        return _dedup(records, settings, partitions, driver_edges)
    finally:
        ctx.shuffle_strategy = before


def _dedup(
    records: Any, settings: DedupSettings, partitions: int | None, driver_edges: int
) -> RayDedup:
    common = _common_paragraphs(records, settings, partitions)
    sigs = records.map_batches(
        steps.signature_batch,
        batch_size=SIGNATURE_BATCH,
        batch_format="numpy",
        fn_kwargs={"settings": settings, "common": common},
    ).materialize()
    links = _verify(_proposals(sigs, settings, partitions), sigs, settings, partitions, common)
    links = links.materialize()
    count = links.count()
    if count == 0:
        return RayDedup(sigs, links, links.limit(0))
    if count <= driver_edges:
        return RayDedup(sigs, links, _clusters_on_driver(links, sigs))
    edges = links.select_columns(["a", "b"]).rename_columns({"a": "u", "b": "v"})
    labels = components(edges, partitions)
    info = sigs.select_columns(["ref", "id", "words", "published", "credit"])
    clusters = (
        labels.map_batches(steps.label_rows, batch_format="numpy")
        .union(info.map_batches(steps.info_rows, batch_format="numpy"))
        .groupby("ref", num_partitions=partitions)
        .map_groups(steps.attach_info, batch_format="numpy")
        .groupby("root", num_partitions=partitions)
        .map_groups(steps.cluster_group, batch_format="numpy")
        .materialize()
    )
    return RayDedup(sigs, links, clusters)


def _proposals(sigs: Any, settings: DedupSettings, partitions: int | None) -> Any:
    """Banding as one groupby over (kind, key): band keys, sentence keys and the exact hash."""
    return (
        sigs.select_columns(["ref", "bands", "sketch", "story_bands", "story_sketch", "exact"])
        .map_batches(steps.key_batch, batch_format="numpy")
        .groupby(["kind", "key"], num_partitions=partitions)
        .map_groups(
            steps.bucket_pairs,
            batch_format="numpy",
            fn_kwargs={"max_postings": settings.max_postings},
        )
    )


def _common_paragraphs(records: Any, settings: DedupSettings, partitions: int | None) -> np.ndarray:
    """The sorted hashes of the paragraphs that ``boilerplate_docs`` distinct texts of the run
    hold (`copydesk.corpus.boilerplate`), as one groupby over paragraph hashes of the records,
    before any text is keyed: the story keys (`copydesk.corpus.storykeys`) need them. They go
    to every keying and verifying task as one array, 8 bytes per common paragraph (a site's
    furniture, the paragraphs of syndicated stories)."""
    rows = (
        records.select_columns(["text"])
        .map_batches(steps.paragraph_rows, batch_format="numpy")
        .groupby("hash", num_partitions=partitions)
        .map_groups(
            steps.common_hash,
            batch_format="numpy",
            fn_kwargs={"min_docs": settings.boilerplate_docs},
        )
    )
    found = [np.asarray(b["hash"], dtype=np.int64) for b in rows.iter_batches(batch_format="numpy")]
    return np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)


def _verify(
    proposals: Any, sigs: Any, settings: DedupSettings, partitions: int | None, common: np.ndarray
) -> Any:
    """Two reduce-side joins (groupbys over a union of text rows and pair rows): by ``a``, which
    also chooses each document's candidates, then by ``b``, which confirms each pair."""
    texts = sigs.select_columns(["ref", "text"]).map_batches(steps.text_rows, batch_format="numpy")
    chosen = (
        proposals.map_batches(steps.pair_rows, batch_format="numpy")
        .union(texts)
        .groupby("k", num_partitions=partitions)
        .map_groups(
            steps.choose_and_attach,
            batch_format="numpy",
            fn_kwargs={"max_candidates": settings.max_candidates},
        )
    )
    return (
        chosen.union(texts)
        .groupby("k", num_partitions=partitions)
        .map_groups(
            steps.verify_group,
            batch_format="numpy",
            fn_kwargs={"settings": settings, "common": common},
        )
    )


def _clusters_on_driver(links: Any, sigs: Any) -> Any:
    """Union-find over the links (`copydesk.corpus.clusters.components`), then the canonical
    rule with the members' facts fetched by one filtering pass."""
    import ray.data

    from copydesk.corpus.clusters import components as union_find

    pairs = [(int(r["a"]), int(r["b"])) for r in links.select_columns(["a", "b"]).iter_rows()]
    groups = union_find(pairs)
    wanted = {ref for group in groups for ref in group}
    facts = sigs.select_columns(["ref", "id", "words", "published", "credit"]).map_batches(
        _only, batch_format="numpy", fn_kwargs={"refs": wanted}
    )
    by_ref = {int(row["ref"]): row for row in facts.iter_rows()}
    rows: list[dict[str, Any]] = []
    for group in groups:
        cols = ("ref", "id", "words", "published", "credit")
        out = steps.cluster_group({c: [by_ref[r][c] for r in group] for c in cols})
        rows.extend(
            {"ref": int(r), "cluster": str(c), "duplicate_of": d}
            for r, c, d in zip(out["ref"], out["cluster"], out["duplicate_of"], strict=True)
        )
    return ray.data.from_items(rows)


def _only(batch: dict[str, Any], refs: set[int]) -> dict[str, Any]:
    keep = np.isin(np.asarray(batch["ref"], dtype=np.int64), list(refs))
    return {k: np.asarray(v)[keep] for k, v in batch.items()}
