"""The dedup stage for a stream of records: ``Iterable[Article] -> Iterator[Article]``.

Without a store the stage must see every record before it can say which copy is canonical, so
it holds the batch's records (not their signatures) until the input ends; use `copydesk ingest`
for corpora that do not fit in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from copydesk.corpus.clusters import Member, canonical
from copydesk.corpus.dedup import MemoryIndex, fingerprint, match_batch, permutations
from copydesk.corpus.settings import DedupSettings
from copydesk.record import Article

#: Texts fingerprinted together: large enough for numpy to pay off, small enough to bound memory.
BATCH = 512


def dedup_stage(
    settings: DedupSettings | None = None,
) -> Callable[[Iterable[Article]], Iterator[Article]]:
    """A stage that fills ``duplicate_of``, ``cluster`` and ``meta["dedup"]`` (signal, score)."""
    settings = settings or DedupSettings()

    def stage(records: Iterable[Article]) -> Iterator[Article]:
        yield from dedup_records(list(records), settings)

    return stage


def dedup_records(records: list[Article], settings: DedupSettings) -> list[Article]:
    perms = permutations(settings)
    index = MemoryIndex(settings)
    best: dict[int, tuple[int, str, float]] = {}
    index.count(r.text for r in records)  # the whole input's paragraph counts, before any match
    for start in range(0, len(records), BATCH):
        refs = list(range(start, min(start + BATCH, len(records))))
        batch = fingerprint([records[r].text for r in refs], settings, perms)
        links = match_batch(batch, refs, index, settings)
        index.join(links)
        for link in links:
            if link.a not in best or link.score > best[link.a][2]:
                best[link.a] = (link.b, link.signal, link.score)
        index.add(batch, refs)
    for group in index.joined.groups():
        if len(group) < 2:
            continue
        members = [_member(r, records[r]) for r in group]
        keep = records[canonical(members).ref]
        for ref in group:
            rec = records[ref]
            rec.cluster = records[group[0]].id
            rec.duplicate_of = None if rec is keep else keep.id
            if ref in best:
                b, signal, score = best[ref]
                rec.meta["dedup"] = {"match": records[b].id, "signal": signal, "score": score}
    return records


def _member(ref: int, rec: Article) -> Member:
    return Member(ref, len(rec.text.split()), rec.published, rec.credit)
