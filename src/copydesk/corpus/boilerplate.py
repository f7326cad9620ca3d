"""Paragraph document frequency: which paragraphs are a corpus's boilerplate.

A site prints the same paragraphs under every story (an "about us" block, a disclaimer, a list
of its programmes). Under a one-paragraph story they are most of the text and hold most of its
names and numbers, so two different stories share enough words to be "near" copies and enough
facts to pass the story check. What gives such a paragraph away is how many documents hold it:
a paragraph held by `DedupSettings.boilerplate_docs` documents or more is *common* (documents
with the same normalised text count once: a page scraped twice is one document). Two texts
whose shared paragraphs include common ones are then judged without those
(`copydesk.corpus.verify.boilerplate_conflict`).

Syndication is the trap: a wire story printed by fifty sites makes every one of its paragraphs
common. That is why common paragraphs are never dropped from the similarity measures (CCNet's
"common paragraph" filter would drop the story itself). They only open a veto, and the veto
asks what a copy always keeps: the story's lede. A common paragraph thus counts as boilerplate
for a pair only when the two texts open differently and share little else.

The counts live where the documents live: `ParagraphCounts` in memory for a batch, the store's
``paragraphs`` table for `copydesk ingest` (`copydesk.store.paragraphs`), a groupby on Ray.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet

from copydesk.corpus import textkeys as fp

#: Paragraph hashes -> those of them that are common (what the story check asks of an index).
CommonLookup = Callable[[Sequence[int]], AbstractSet[int]]


def paragraphs(raw: str) -> list[tuple[int, str]]:
    """The text's paragraphs (blank-line separated, as `copydesk.record.Article.text` joins its
    body) with the signed hash of each one's normalised form; empty ones left out."""
    out = []
    for para in raw.split("\n\n"):
        norm = fp.normalise(para)
        if norm:
            out.append((fp.exact_hash_of(norm), para))
    return out


def paragraph_hashes(raw: str) -> list[int]:
    """The distinct paragraph hashes of a text, in text order."""
    return list(dict.fromkeys(h for h, _ in paragraphs(raw)))


def distinct_texts(exact: Iterable[int], seen: set[int]) -> list[bool]:
    """For each exact hash, whether its text is new (not in ``seen``, not earlier in the list):
    only those are counted. ``seen`` is updated; a hash of 0 (an empty text) is never new."""
    out = []
    for h in exact:
        out.append(bool(h) and h not in seen)
        seen.add(h)
    return out


class ParagraphCounts:
    """Paragraph hash -> number of distinct documents holding it, in memory."""

    def __init__(self, min_docs: int) -> None:
        self.min_docs = min_docs
        self.docs: Counter[int] = Counter()
        self._texts: set[int] = set()

    def add(self, raws: Sequence[str], exact: Sequence[int]) -> None:
        """Count the paragraphs of texts ``raws`` (with their exact hashes), each text once."""
        for raw, new in zip(raws, distinct_texts(exact, self._texts), strict=True):
            if new:
                self.docs.update(paragraph_hashes(raw))

    def common(self, hashes: Sequence[int]) -> set[int]:
        return {h for h in hashes if self.docs[h] >= self.min_docs}
