"""Matching a batch of texts against an index of earlier texts and against each other.

Pure functions over arrays and a small lookup protocol (`CorpusIndex`), so the same code serves
the in-memory stage, the SQLite store and, later, the Ray executor. Documents are named by
integer ``refs`` (the store's rowids, or positions in a stream).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from itertools import islice
from typing import Protocol

import numpy as np

from copydesk.corpus import textkeys as fp
from copydesk.corpus.boilerplate import ParagraphCounts
from copydesk.corpus.clusters import UnionFind
from copydesk.corpus.lsh import KeyIndex, band_keys
from copydesk.corpus.minhash import Permutations, make_permutations, signatures, signatures_flat
from copydesk.corpus.settings import DedupSettings
from copydesk.corpus.storykeys import add_story_keys
from copydesk.corpus.tokhash import batch_shingles
from copydesk.corpus.verify import Text, confirm, prepare

#: One text's keys as plain values (exact hash, band keys, sketch, words): what a parsing
#: worker sends back with each record, so the store's writer need not compute them itself.
DocKeys = tuple[int, list[int], list[int], int]


@dataclass(slots=True)
class Fingerprints:
    """A batch's keys, row i for text i: what the index stores and is queried with."""

    exact: list[int]
    bands: np.ndarray  # (n, bands) int64, 0 = no key
    sketch: list[list[int]]  # bottom-k sentence hashes per text
    texts: list[Text]
    words: list[int]
    #: Row -> further band / sentence keys of the text without its common paragraphs
    #: (`copydesk.corpus.storykeys`), filled by `match_batch` (on Ray, by the signature step);
    #: stored and indexed with the rest.
    story_bands: dict[int, list[int]] = field(default_factory=dict)
    story_sketch: dict[int, list[int]] = field(default_factory=dict)

    def band_rows(self, refs: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        """Flat (keys, refs) arrays to persist or add to a `KeyIndex`."""
        keys = self.bands.reshape(-1)
        owners = np.repeat(np.asarray(refs, dtype=np.int64), self.bands.shape[1])
        return _with_story(keys, owners, self.story_bands, refs)

    def rows(self) -> list[DocKeys]:
        return list(zip(self.exact, self.bands.tolist(), self.sketch, self.words, strict=True))

    @classmethod
    def from_rows(cls, rows: Sequence[DocKeys], raws: Sequence[str], bands: int) -> Fingerprints:
        """The batch of ``rows`` (as `rows` gives them) for the texts ``raws``."""
        matrix = np.array([r[1] for r in rows], dtype=np.int64).reshape(len(rows), bands)
        return cls(
            [r[0] for r in rows],
            matrix,
            [r[2] for r in rows],
            [Text.of(raw) for raw in raws],
            [r[3] for r in rows],
        )

    def subset(self, rows: Sequence[int]) -> Fingerprints:
        """The batch of rows ``rows`` only (numbered from 0 in that order), story keys kept."""
        at = {old: new for new, old in enumerate(rows)}
        return Fingerprints(
            [self.exact[i] for i in rows],
            self.bands[list(rows)],
            [self.sketch[i] for i in rows],
            [self.texts[i] for i in rows] if self.texts else [],
            [self.words[i] for i in rows],
            {at[i]: keys for i, keys in self.story_bands.items() if i in at},
            {at[i]: keys for i, keys in self.story_sketch.items() if i in at},
        )

    def sketch_rows(self, refs: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        keys = [k for row in self.sketch for k in row]
        owners = [r for r, row in zip(refs, self.sketch, strict=True) for _ in row]
        flat = np.array(keys, dtype=np.int64), np.array(owners, dtype=np.int64)
        return _with_story(*flat, self.story_sketch, refs)

    def query_keys(self, i: int) -> tuple[list[int], list[int]]:
        """Text ``i``'s band keys and sentence keys, its story keys included."""
        return (
            [*self.bands[i].tolist(), *self.story_bands.get(i, ())],
            [*self.sketch[i], *self.story_sketch.get(i, ())],
        )


def _with_story(
    keys: np.ndarray, owners: np.ndarray, story: dict[int, list[int]], refs: Sequence[int]
) -> tuple[np.ndarray, np.ndarray]:
    """(keys, owners) with the story keys of ``story`` (row -> keys) appended."""
    if not any(story.values()):
        return keys, owners
    extra = [k for row in story.values() for k in row]
    mine = [refs[i] for i, row in story.items() for _ in row]
    return (
        np.concatenate([keys, np.asarray(extra, dtype=np.int64)]),
        np.concatenate([owners, np.asarray(mine, dtype=np.int64)]),
    )


@dataclass(frozen=True, slots=True)
class Link:
    """``a`` is a copy of ``b`` (b came first) by ``signal`` with ``score``."""

    a: int
    b: int
    signal: str
    score: float


class CorpusIndex(Protocol):
    """What matching needs from wherever earlier documents live."""

    def exact_refs(self, hashes: list[int]) -> dict[int, int]: ...
    def band_refs(self, keys: np.ndarray) -> dict[int, list[int]]: ...
    def sketch_refs(self, keys: np.ndarray) -> dict[int, list[int]]: ...
    def texts(self, refs: list[int]) -> dict[int, str]: ...
    def clusters(self, refs: list[int]) -> Mapping[int, Hashable]: ...
    def common_paragraphs(self, hashes: Sequence[int]) -> AbstractSet[int]: ...


def permutations(settings: DedupSettings) -> Permutations:
    return make_permutations(settings.num_perm, settings.seed)


def fingerprint(raws: Sequence[str], settings: DedupSettings, perms: Permutations) -> Fingerprints:
    norms = [fp.normalise(raw) for raw in raws]
    bands = band_keys(minhash_batch(norms, settings, perms), settings.bands, settings.rows)
    exact = [fp.exact_hash_of(norm) if norm else 0 for norm in norms]
    sketch = [fp.bottom_k(fp.sentence_hashes(raw), settings.sketch) for raw in raws]
    words = [norm.count(" ") + 1 if norm else 0 for norm in norms]
    return Fingerprints(exact, bands, sketch, [Text.of(raw) for raw in raws], words)


def minhash_batch(norms: Sequence[str], settings: DedupSettings, perms: Permutations) -> np.ndarray:
    """Signatures of `normalise`d texts, by the token hash of ``settings.keys``."""
    if settings.keys == 1:
        hashed = [fp.token_hashes(norm.split(" ") if norm else []) for norm in norms]
        return signatures([fp.shingle_hashes(h, settings.shingle) for h in hashed], perms)
    if settings.keys != 2:
        raise ValueError(f"unknown key version {settings.keys} (this copydesk knows 1 and 2)")
    values, lengths = batch_shingles(norms, settings.shingle)
    return signatures_flat(values, lengths, perms)


def match_batch(
    batch: Fingerprints, refs: Sequence[int], index: CorpusIndex, settings: DedupSettings
) -> list[Link]:
    """Links from each text of the batch to earlier texts (stored ones, or earlier in the batch).

    An exact copy links to its first stored twin and is not compared further; other texts are
    compared with up to ``max_candidates`` candidates, those sharing the most keys first. The
    batch's story keys are computed first (`copydesk.corpus.storykeys`): they are asked with the
    others, and stored with them by whoever stores the batch.
    """
    add_story_keys(batch, index.common_paragraphs, settings, permutations(settings))
    split = [batch.query_keys(i) for i in range(len(refs))]
    band_lists = [b for b, _ in split]
    sketches = [s for _, s in split]
    stored_exact = index.exact_refs([h for h in batch.exact if h])
    stored_bands = index.band_refs(np.array([k for r in band_lists for k in r], dtype=np.int64))
    stored_sketch = index.sketch_refs(np.array([k for r in sketches for k in r], dtype=np.int64))
    local = _LocalIndex()
    keys = [[*bands, *sketch] for bands, sketch in split]
    todo: list[tuple[int, list[int]]] = []
    for i, ref in enumerate(refs):
        exact = batch.exact[i]
        if not exact:
            continue
        twin = stored_exact.get(exact, local.exact.get(exact))
        if twin is not None:
            todo.append((i, [-1 - twin]))  # negative: an exact twin, no comparison needed
        else:
            hits = local.hits(keys[i])
            hits += _hits(band_lists[i], stored_bands) + _hits(sketches[i], stored_sketch)
            votes = Counter(h for h in hits if h != ref)
            todo.append((i, [c for c, _ in votes.most_common(settings.max_candidates)]))
            local.exact[exact] = ref
        local.add(keys[i], ref)
    return _confirm_all(batch, refs, todo, index, settings)


def _hits(keys: list[int], stored: dict[int, list[int]]) -> list[int]:
    """Stored refs under each key, one entry per shared key: a ref's count is its vote. Most
    texts share no key at all, so this is a list, not a Counter per key."""
    out: list[int] = []
    for key in keys:
        if key in stored:
            out += stored[key]
    return out


class _LocalIndex:
    """Keys of the batch's earlier texts, so copies inside one batch find each other."""

    def __init__(self) -> None:
        self.exact: dict[int, int] = {}
        self.keys: dict[int, list[int]] = {}

    def add(self, keys: list[int], ref: int) -> None:
        for key in keys:
            if key:
                self.keys.setdefault(key, []).append(ref)

    def hits(self, keys: list[int]) -> list[int]:
        out: list[int] = []
        for key in keys:
            if key in self.keys:
                out += self.keys[key]
        return out


def _confirm_all(
    batch: Fingerprints,
    refs: Sequence[int],
    todo: list[tuple[int, list[int]]],
    index: CorpusIndex,
    settings: DedupSettings,
) -> list[Link]:
    """Confirm candidates in vote order, skipping any already in this document's cluster.

    A link to a document's cluster settles its membership; confirming more members of the same
    cluster adds links but never changes a cluster, and it was most of the ingest time once
    clusters grew (a wire story with fifty stored copies meant fifty comparisons per new copy).
    The clusters are exactly those of verifying every candidate; the links are a spanning set.
    """
    position = {ref: i for i, ref in enumerate(refs)}
    outside = sorted({c for _, cands in todo for c in cands if c >= 0 and c not in position})
    stored = index.clusters(outside) if outside else {}
    likely = [c for c in _likely(todo, stored) if c not in position]
    texts = _StoredTexts(index, likely, settings)
    compared = {i for i, cands in todo if cands and cands[0] >= 0}
    compared.update(position[c] for _, cands in todo for c in cands if c in position)
    prepare([batch.texts[i] for i in sorted(compared)], settings)
    joined = _Components(stored)
    common = index.common_paragraphs
    links = []
    for i, cands in todo:
        me = refs[i]
        for k, cand in enumerate(cands):
            if cand < 0:
                links.append(Link(me, -1 - cand, "exact", 1.0))
                joined.union(me, -1 - cand)
                continue
            if joined.same(me, cand):
                continue
            if cand in position:
                other: Text | None = batch.texts[position[cand]]
            else:
                later = (c for c in islice(cands, k + 1, None) if c not in position)
                other = texts.get(cand, later)
            verdict = None if other is None else confirm(batch.texts[i], other, settings, common)
            if verdict is not None:
                links.append(Link(me, cand, verdict.signal, verdict.score))
                joined.union(me, cand)
    return links


class _Components:
    """Which documents are already joined: stored clusters plus this batch's links so far."""

    def __init__(self, stored: Mapping[int, Hashable]) -> None:
        self.uf = UnionFind()
        tokens: dict[Hashable, int] = {}
        self.token = {ref: tokens.setdefault(c, -1 - len(tokens)) for ref, c in stored.items()}

    def _key(self, ref: int) -> int:
        return self.token.get(ref, ref)

    def same(self, a: int, b: int) -> bool:
        return self.uf.find(self._key(a)) == self.uf.find(self._key(b))

    def union(self, a: int, b: int) -> None:
        self.uf.union(self._key(a), self._key(b))


class _StoredTexts:
    """Stored candidates' texts: read up front for the first candidate of each stored cluster
    a document proposes (nearly always the one compared); with clusters skipped, reading every
    candidate's text was most of the reads for nothing. When that first one fails, the
    document's next candidates are read together (at most `READ_AHEAD`): at a million stored
    documents, reading them one query and one shingling at a time was a fifth of matching."""

    def __init__(self, index: CorpusIndex, likely: Iterable[int], settings: DedupSettings) -> None:
        self.index = index
        self.settings = settings
        self.cache: dict[int, Text] = {}
        self._read(sorted(set(likely)))

    def get(self, ref: int, then: Iterable[int] = ()) -> Text | None:
        """``ref``'s text; on a miss, read with it the next stored refs of ``then`` not read
        yet (a lazy iterable: most calls are hits and never look at it)."""
        if ref not in self.cache:
            ahead = islice((r for r in then if r >= 0 and r not in self.cache), READ_AHEAD)
            self._read([ref, *ahead])
        return self.cache.get(ref)

    def _read(self, refs: list[int]) -> None:
        fresh = {ref: Text.of(raw) for ref, raw in self.index.texts(refs).items()}
        prepare(fresh.values(), self.settings)
        self.cache.update(fresh)


def _likely(todo: list[tuple[int, list[int]]], stored: Mapping[int, Hashable]) -> list[int]:
    """Per document, the first stored candidate of each cluster it proposes."""
    out: list[int] = []
    for _, cands in todo:
        seen: set[Hashable] = set()
        for cand in cands:
            if cand in stored:
                if stored[cand] not in seen:
                    seen.add(stored[cand])
                    out.append(cand)
            elif cand >= 0:
                out.append(cand)
    return out


#: Further candidates of a document read with the one asked for (see `_StoredTexts`).
READ_AHEAD = 16


class MemoryIndex:
    """A `CorpusIndex` held in memory: for the dedup stage and for tests. Its paragraph counts
    are those given to `count` (the dedup stage counts its whole input before matching)."""

    def __init__(self, settings: DedupSettings) -> None:
        self.settings = settings
        self.paragraphs = ParagraphCounts(settings.boilerplate_docs)
        self.exact: dict[int, int] = {}
        self.bands = KeyIndex()
        self.sketch = KeyIndex()
        self.raw: dict[int, str] = {}
        self.joined = UnionFind()

    def exact_refs(self, hashes: list[int]) -> dict[int, int]:
        return {h: self.exact[h] for h in hashes if h in self.exact}

    def band_refs(self, keys: np.ndarray) -> dict[int, list[int]]:
        return self.bands.lookup(keys, self.settings.max_postings)

    def sketch_refs(self, keys: np.ndarray) -> dict[int, list[int]]:
        return self.sketch.lookup(keys, self.settings.max_postings)

    def texts(self, refs: list[int]) -> dict[int, str]:
        return {r: self.raw[r] for r in refs if r in self.raw}

    def clusters(self, refs: list[int]) -> dict[int, Hashable]:
        return {r: self.joined.find(r) for r in refs if r in self.joined.parent}

    def common_paragraphs(self, hashes: Sequence[int]) -> set[int]:
        return self.paragraphs.common(hashes)

    def count(self, raws: Iterable[str]) -> None:
        """Count the paragraphs of texts ``raws`` (`copydesk.corpus.boilerplate`), each text's
        exact copies once. One text at a time, not from `Fingerprints`: the dedup stage counts
        its whole input first, and holding every batch's keys until it was matched cost about
        1.5 KB a document."""
        for raw in raws:
            norm = fp.normalise(raw)
            self.paragraphs.add([raw], [fp.exact_hash_of(norm) if norm else 0])

    def join(self, links: Iterable[Link]) -> None:
        """Record confirmed links, so later batches skip candidates already joined."""
        for link in links:
            self.joined.union(link.a, link.b)

    def add(self, batch: Fingerprints, refs: Sequence[int]) -> None:
        for ref, h, text in zip(refs, batch.exact, batch.texts, strict=True):
            if h:
                self.exact.setdefault(h, ref)
                self.raw[ref] = text.raw
        self.bands.add(*batch.band_rows(refs))
        self.sketch.add(*batch.sketch_rows(refs))
