"""Story keys: a text's band and sentence keys computed once more without its common paragraphs.

A wire story printed under a site's footer (an "about us" block, a disclaimer, a programme list)
is, to the keys, mostly that footer: its band keys are those of story plus footer, and the
footer's sentences fill much of its bottom-k sentence sketch. A copy under another site's footer
then shares few keys with it, while every story of its own site shares the footer's sentences:
among a document's `DedupSettings.max_candidates` candidates, same-site stories outvoted the
copies. So a text that holds common paragraphs (`copydesk.corpus.boilerplate`) gets a second
set of keys from the rest of it, its story, which copies under any footer share.

The story keys are added to the text's keys, never put in their place: a wire story printed by
many sites has common paragraphs of its own, and its story is then a fragment (the paragraphs a
site edited) whose keys find little. Its full keys still find its copies as before.

Which paragraphs are common is known only when the text is matched (the store counts a batch
before matching it), so story keys are computed there, not by the parsing workers. A text
stored before its site's footer was common has no story keys; since a paragraph is common from
`DedupSettings.boilerplate_docs` documents on (and a batch is counted before it is matched),
that is at most ``boilerplate_docs - 1`` documents per footer, and they are not re-keyed: their
copies still find them through their full keys and sketch, and verify them with the footer set
aside (`copydesk.corpus.verify.own_parts`). On Ray the whole run is counted before any text is
keyed, and the signature step calls `add_story_keys` with those counts
(`copydesk.executors.dedup_batches.signature_batch`): the same keys as a local ingest of the
run in one batch, and no text without them for being early.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from copydesk.corpus.boilerplate import CommonLookup
from copydesk.corpus.settings import DedupSettings
from copydesk.corpus.verify import Text, prime_common

if TYPE_CHECKING:
    from copydesk.corpus.dedup import Fingerprints
    from copydesk.corpus.minhash import Permutations

#: A story shorter than this (in words) gets no keys of its own: a few words make one or two
#: shingles and at most one sentence key, which find only the same few words.
MIN_STORY_WORDS = 10


def story(text: Text, common: CommonLookup) -> str | None:
    """The text without its common paragraphs, or None when it has none or too little is left."""
    mine = text.common(common)
    if not mine:
        return None
    kept = "\n\n".join(p for h, p in text.paragraph_map().items() if h not in mine)
    return kept if len(kept.split()) >= MIN_STORY_WORDS else None


def add_story_keys(
    batch: Fingerprints, common: CommonLookup, settings: DedupSettings, perms: Permutations
) -> None:
    """Fill ``batch.story_bands`` and ``batch.story_sketch``: for each text with a story (see
    `story`), its story's keys that are not among its own keys already."""
    from copydesk.corpus.dedup import fingerprint

    prime_common(batch.texts, common)
    rows: list[int] = []
    stories: list[str] = []
    for i, text in enumerate(batch.texts):
        kept = story(text, common)
        if kept is not None:
            rows.append(i)
            stories.append(kept)
    if not rows:
        return
    prints = fingerprint(stories, settings, perms)
    bands = prints.bands.tolist()
    for k, i in enumerate(rows):
        batch.story_bands[i] = _new(bands[k], batch.bands[i].tolist())
        batch.story_sketch[i] = _new(prints.sketch[k], batch.sketch[i])


def _new(keys: Sequence[int], own: Sequence[int]) -> list[int]:
    """``keys`` not in ``own`` (and not 0, "no key"): a key held twice would vote twice."""
    mine = set(own)
    return [k for k in keys if k and k not in mine]
