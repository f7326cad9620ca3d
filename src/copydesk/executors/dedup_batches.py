"""The per-batch and per-group steps of cluster-scale dedup, as plain functions over column dicts.

Each step wraps a pure function of `copydesk.corpus` (signatures, band keys, confirmation, the
canonical rule) so that Ray Data can run it on any worker; none imports Ray, so each is tested
directly. The candidate rules are those of `copydesk.corpus.dedup.match_batch` restated for a
groupby: a document is compared with earlier documents (smaller refs) that share a band or a
sentence key; a key already held by more than ``max_postings`` earlier documents is boilerplate
and proposes nothing; an exact copy links to its first twin and is compared no further; at most
``max_candidates`` candidates per document, those sharing the most keys first.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np

from copydesk.corpus import textkeys as fp
from copydesk.corpus.boilerplate import paragraph_hashes
from copydesk.corpus.clusters import Member, canonical
from copydesk.corpus.dedup import fingerprint, permutations
from copydesk.corpus.settings import DedupSettings
from copydesk.corpus.storykeys import add_story_keys
from copydesk.corpus.verify import Text, Verdict, confirm

Batch = dict[str, Any]

#: Key kinds: band keys and sentence keys live in separate indexes locally, so here too; the
#: exact hash is a key too (its bucket links every later copy to the first, uncapped).
BAND, SENTENCE, EXACT = 0, 1, 2


def signature_batch(
    batch: Batch, settings: DedupSettings, common: np.ndarray | None = None
) -> Batch:
    """Records (``ref``, ``text``, ...) to their fingerprints: exact hash, word count, band
    keys (one column of ``bands`` ints), sentence sketch (``sketch`` ints, 0 = none), and the
    story keys (`copydesk.corpus.storykeys`: ``story_bands``, ``story_sketch``, as wide, 0 =
    none) of the texts holding any of ``common``, the sorted hashes of the run's common
    paragraphs (`common_hash`). The same calls as local ingest's `match_batch`, so the same
    keys; the whole run is counted first, so no text lacks them for being early."""
    texts = [str(t) for t in batch["text"]]
    perms = permutations(settings)
    prints = fingerprint(texts, settings, perms)
    add_story_keys(prints, sorted_lookup(_hashes(common)), settings, perms)
    rows = range(len(texts))
    out = {k: batch[k] for k in ("ref", "id", "text", "published", "credit")}
    out.update(
        exact=np.asarray(prints.exact, dtype=np.int64),
        words=np.asarray(prints.words, dtype=np.int64),
        bands=prints.bands.astype(np.int64),
        sketch=_padded(prints.sketch, settings.sketch),
        story_bands=_padded([prints.story_bands.get(i, []) for i in rows], settings.bands),
        story_sketch=_padded([prints.story_sketch.get(i, []) for i in rows], settings.sketch),
    )
    return out


def _padded(rows: list[list[int]], width: int) -> np.ndarray:
    """Lists of at most ``width`` keys as one (n, width) int64 array, 0 (no key) after each."""
    out = np.zeros((len(rows), width), dtype=np.int64)
    for i, row in enumerate(rows):
        out[i, : len(row)] = row
    return out


def story_keys(row: dict[str, Any]) -> tuple[list[int], list[int]]:
    """A signature row's story band and sentence keys, without the padding."""
    return (
        [int(k) for k in row["story_bands"] if k],
        [int(k) for k in row["story_sketch"] if k],
    )


def key_batch(batch: Batch) -> Batch:
    """One row per (kind, key, ref, pos): what the banding groupby groups on. Zero keys are
    none. Story keys are band and sentence keys like the others, as in local ingest's index.
    ``pos`` is the key's place in the document's keys as local matching lists them (own band
    keys, story band keys, own sentence keys, story sentence keys): candidates with equal votes
    are taken in that order (`pick_candidates`)."""
    refs = np.asarray(batch["ref"], dtype=np.int64)
    parts = []
    start = 0
    for kind, column in (
        (BAND, "bands"),
        (BAND, "story_bands"),
        (SENTENCE, "sketch"),
        (SENTENCE, "story_sketch"),
    ):
        keys = np.asarray(batch[column], dtype=np.int64)
        parts.append(_kind_rows(kind, keys, refs, start))
        start += keys.shape[1]
    exact = np.asarray(batch["exact"], dtype=np.int64).reshape(-1, 1)
    parts.append(_kind_rows(EXACT, exact, refs, 0))
    kinds, keys, owners, pos = (np.concatenate(p) for p in zip(*parts, strict=True))
    return {"kind": kinds, "key": keys, "ref": owners, "pos": pos}


def _kind_rows(kind: int, keys: np.ndarray, refs: np.ndarray, start: int) -> tuple[np.ndarray, ...]:
    """(kinds, keys, owners, positions) of a (docs, width) array of one kind of keys whose
    first column is position ``start``; zeros left out."""
    owners = np.repeat(refs, keys.shape[1])
    # int16: a key's place is under 2 * (bands + sketch); 2 bytes of each row the banding
    # groupby shuffles, not 8
    pos = np.tile(np.arange(start, start + keys.shape[1], dtype=np.int16), len(refs))
    flat = keys.reshape(-1)
    keep = flat != 0
    return np.full(int(keep.sum()), kind, dtype=np.int64), flat[keep], owners[keep], pos[keep]


def bucket_pairs(group: Batch, max_postings: int) -> Batch:
    """All the documents of one key: each proposes the earlier ones while the key is not yet a
    hub (held by at most ``max_postings`` earlier documents); an exact hash links each later
    copy to the first."""
    if int(group["kind"][0]) == EXACT:
        return exact_groups(group)
    refs, pos = _first_positions(group)
    a: list[int] = []
    b: list[int] = []
    at: list[int] = []
    for i in range(1, min(len(refs), max_postings + 1)):
        a.extend([int(refs[i])] * i)
        b.extend(refs[:i].tolist())
        at.extend([int(pos[i])] * i)
    return _pairs(a, b, [0] * len(a), at)


def _first_positions(group: Batch) -> tuple[np.ndarray, np.ndarray]:
    """The distinct refs of a key's rows, ascending, and where each holds the key first."""
    refs = np.asarray(group["ref"], dtype=np.int64)
    pos = _positions(group, len(refs))
    order = np.lexsort((pos, refs))
    unique, first = np.unique(refs[order], return_index=True)
    return unique, pos[order][first]


def _positions(group: Batch, n: int) -> np.ndarray:
    """The ``pos`` column (zeros where a caller has none: the order is then by ref alone)."""
    return np.asarray(group["pos"], dtype=np.int64) if "pos" in group else np.zeros(n, np.int64)


def exact_groups(group: Batch) -> Batch:
    """Documents with one exact hash: every later one is an exact copy of the first."""
    refs = np.unique(np.asarray(group["ref"], dtype=np.int64))
    later = refs[1:].tolist()
    return _pairs(later, [int(refs[0])] * len(later), [1] * len(later))


def pick_candidates(group: Batch, max_candidates: int) -> Batch:
    """One document's proposals: its exact twin alone, or its most-voted earlier documents.

    Equal votes are common (a site's stories all share its footer's sentence keys) and decide
    which candidates are among the ``max_candidates``: they are ordered as local matching
    meets them (`copydesk.corpus.dedup.match_batch` counts its hits key by key, in the order of
    ``pos``, each key's documents by ref), so that a batch matched locally in one piece picks
    the same ones. A shared band key comes first: a near copy before a site's other stories."""
    a = int(group["a"][0])
    exact = [int(b) for b, e in zip(group["b"], group["exact"], strict=True) if e]
    if exact:
        return _pairs([a], [min(exact)], [1])
    votes = Counter(int(b) for b in group["b"])
    first: dict[int, int] = {}
    for b, pos in zip(group["b"], _positions(group, len(group["b"])), strict=True):
        first[int(b)] = min(int(pos), first.get(int(b), int(pos)))
    best = sorted(votes.items(), key=lambda kv: (-kv[1], first[kv[0]], kv[0]))[:max_candidates]
    return _pairs([a] * len(best), [b for b, _ in best], [0] * len(best))


def _pairs(a: list[int], b: list[int], exact: list[int], pos: list[int] | None = None) -> Batch:
    """Pairs (``a`` proposes ``b``) with where ``a`` holds the key that proposed it."""
    return {
        "a": np.asarray(a, dtype=np.int64),
        "b": np.asarray(b, dtype=np.int64),
        "exact": np.asarray(exact, dtype=np.int64),
        "pos": np.asarray(pos if pos is not None else [0] * len(a), dtype=np.int64),
    }


def text_rows(batch: Batch, key: str = "a") -> Batch:
    """Texts as the text side of a reduce-side join (``side`` 0), keyed by their ref."""
    refs = np.asarray(batch["ref"], dtype=np.int64)
    zeros = np.zeros(len(refs), dtype=np.int64)
    return {
        "k": refs,
        "side": zeros,
        "a": refs,
        "b": refs,
        "exact": zeros,
        "pos": zeros,
        "text": np.asarray([str(t) for t in batch["text"]], dtype=object),
    }


def pair_rows(batch: Batch) -> Batch:
    """Candidate pairs as the pair side (``side`` 1) of the join on ``a``."""
    a = np.asarray(batch["a"], dtype=np.int64)
    return {
        "k": a,
        "side": np.ones(len(a), dtype=np.int64),
        "a": a,
        "b": np.asarray(batch["b"], dtype=np.int64),
        "exact": np.asarray(batch["exact"], dtype=np.int64),
        "pos": np.asarray(batch["pos"], dtype=np.int64),
        "text": np.asarray([""] * len(a), dtype=object),
    }


def choose_and_attach(group: Batch, max_candidates: int) -> Batch:
    """One document ``a`` with its text and every pair it proposed: its chosen candidates
    (`pick_candidates`), now carrying its text, keyed by the candidate ``b``."""
    side = np.asarray(group["side"])
    own = [str(t) for t, s in zip(group["text"], side, strict=True) if s == 0]
    proposed = side == 1
    if not own or not proposed.any():
        return pair_rows(_pairs([], [], []))
    chosen = pick_candidates(
        {k: np.asarray(group[k])[proposed] for k in ("a", "b", "exact", "pos")}, max_candidates
    )
    b = chosen["b"]
    return {
        "k": b,
        "side": np.ones(len(b), dtype=np.int64),
        "a": chosen["a"],
        "b": b,
        "exact": chosen["exact"],
        "pos": chosen["pos"],
        "text": np.asarray(own[:1] * len(b), dtype=object),
    }


def paragraph_rows(batch: Batch) -> Batch:
    """One row per (paragraph hash, exact hash of a text holding it): texts with one exact hash
    count once (`copydesk.corpus.boilerplate`); empty texts not at all. Made from the records
    themselves (the exact hash as `fingerprint` makes it), so the counts are known before any
    text is keyed."""
    pairs: set[tuple[int, int]] = set()
    for text in (str(t) for t in batch["text"]):
        norm = fp.normalise(text)
        if norm:
            exact = fp.exact_hash_of(norm)
            pairs.update((h, exact) for h in paragraph_hashes(text))
    return {
        "hash": np.asarray([h for h, _ in pairs], dtype=np.int64),
        "exact": np.asarray([e for _, e in pairs], dtype=np.int64),
    }


def common_hash(group: Batch, min_docs: int) -> Batch:
    """One paragraph's rows: its hash when at least ``min_docs`` distinct texts hold it."""
    held = len(np.unique(np.asarray(group["exact"], dtype=np.int64)))
    keep = group["hash"][:1] if held >= min_docs else group["hash"][:0]
    return {"hash": np.asarray(keep, dtype=np.int64)}


def sorted_lookup(common: np.ndarray) -> Any:
    """The `copydesk.corpus.boilerplate.CommonLookup` of a sorted array of common hashes."""

    def lookup(hashes: Any) -> set[int]:
        wanted = np.asarray(list(hashes), dtype=np.int64)
        if not len(common) or not len(wanted):
            return set()
        at = np.minimum(np.searchsorted(common, wanted), len(common) - 1)
        return set(wanted[common[at] == wanted].tolist())

    return lookup


def _hashes(common: np.ndarray | None) -> np.ndarray:
    return common if common is not None else np.zeros(0, dtype=np.int64)


def verify_group(group: Batch, settings: DedupSettings, common: np.ndarray | None = None) -> Batch:
    """One ``b`` with its text and the pairs that name it (with text_a): confirmed links.
    ``common``: the sorted hashes of the run's common paragraphs (`common_hash`)."""
    side = np.asarray(group["side"])
    own = [str(t) for t, s in zip(group["text"], side, strict=True) if s == 0]
    out: dict[str, list[Any]] = {"a": [], "b": [], "signal": [], "score": []}
    other = Text.of(own[0]) if own else None
    lookup = sorted_lookup(_hashes(common))
    for a, b, exact, text, s in zip(
        group["a"], group["b"], group["exact"], group["text"], side, strict=True
    ):
        if s == 0 or other is None:
            continue
        verdict = (
            Verdict("exact", 1.0) if exact else confirm(Text.of(str(text)), other, settings, lookup)
        )
        if verdict is not None:
            out["a"].append(int(a))
            out["b"].append(int(b))
            out["signal"].append(verdict.signal)
            out["score"].append(float(verdict.score))
    return {
        "a": np.asarray(out["a"], dtype=np.int64),
        "b": np.asarray(out["b"], dtype=np.int64),
        "signal": np.asarray(out["signal"], dtype=object),
        "score": np.asarray(out["score"], dtype=np.float64),
    }


def info_rows(batch: Batch) -> Batch:
    """What the canonical rule needs per document, as one side of the join with the labels."""
    refs = np.asarray(batch["ref"], dtype=np.int64)
    return {
        "ref": refs,
        "root": np.full(len(refs), -1, dtype=np.int64),
        "id": np.asarray([str(i) for i in batch["id"]], dtype=object),
        "words": np.asarray(batch["words"], dtype=np.int64),
        "published": np.asarray([_text_or_none(p) or "" for p in batch["published"]], object),
        "credit": np.asarray([_text_or_none(c) or "" for c in batch["credit"]], dtype=object),
    }


def label_rows(batch: Batch) -> Batch:
    refs = np.asarray(batch["ref"], dtype=np.int64)
    blank = np.asarray([""] * len(refs), dtype=object)
    return {
        "ref": refs,
        "root": np.asarray(batch["root"], dtype=np.int64),
        "id": blank,
        "words": np.zeros(len(refs), dtype=np.int64),
        "published": blank,
        "credit": blank,
    }


def attach_info(group: Batch) -> Batch:
    """One document's label and info rows: the info, labelled (nothing when unlabelled)."""
    roots = [int(r) for r in group["root"] if int(r) >= 0]
    infos = [i for i, r in enumerate(group["root"]) if int(r) < 0]
    if not roots or not infos:
        return {k: np.asarray(v)[:0] for k, v in group.items()}
    i = infos[0]
    return {
        k: (np.asarray([roots[0]]) if k == "root" else np.asarray(v)[i : i + 1])
        for k, v in group.items()
    }


def cluster_group(group: Batch) -> Batch:
    """One component's members to their cluster id (the first stored member's id) and the id of
    the canonical copy (`copydesk.corpus.clusters.canonical`), as the store assigns them."""
    refs = [int(r) for r in group["ref"]]
    ids = dict(zip(refs, (str(i) for i in group["id"]), strict=True))
    members = [
        Member(r, int(w), _text_or_none(p), _text_or_none(c))
        for r, w, p, c in zip(
            refs, group["words"], group["published"], group["credit"], strict=True
        )
    ]
    keep = canonical(members).ref
    cluster = ids[min(refs)]
    return {
        "ref": np.asarray(refs, dtype=np.int64),
        "cluster": np.asarray([cluster] * len(refs), dtype=object),
        "duplicate_of": np.asarray([None if r == keep else ids[keep] for r in refs], dtype=object),
    }


def _text_or_none(value: Any) -> str | None:
    """Nulls arrive as None, NaN or "" depending on the batch format: all mean "unknown"."""
    if value is None or (isinstance(value, float) and np.isnan(value)) or value == "":
        return None
    return str(value)
