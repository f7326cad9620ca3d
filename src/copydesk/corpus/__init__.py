"""Finding copies in a news corpus: exact, near-duplicate and syndicated (edited wire copy).

The pieces, each a pure function or a small class over arrays and records:

- `textkeys`: normalised tokens, the exact hash, word shingles, sentence keys, number slots;
- `minhash`: vectorised MinHash signatures for a batch;
- `lsh`: band keys and `KeyIndex`, the compact in-memory key -> refs index;
- `verify`: the real similarity of a candidate pair and the signal it satisfies;
- `boilerplate`: paragraph document frequency, which tells a site's footer from the story;
- `dedup`: `fingerprint` a batch, `match_batch` it against a `CorpusIndex`;
- `clusters`: union-find and the canonical-copy rule;
- `stage`: `dedup_stage()`, the in-memory stage ``Iterable[Article] -> Iterator[Article]``.
"""

from copydesk.corpus.clusters import UnionFind, canonical, components
from copydesk.corpus.dedup import Link, MemoryIndex, fingerprint, match_batch, permutations
from copydesk.corpus.settings import DedupSettings
from copydesk.corpus.stage import dedup_records, dedup_stage

__all__ = [
    "DedupSettings",
    "Link",
    "MemoryIndex",
    "UnionFind",
    "canonical",
    "components",
    "dedup_records",
    "dedup_stage",
    "fingerprint",
    "match_batch",
    "permutations",
]
