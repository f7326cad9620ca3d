"""Candidate confirmation: the real similarity of two texts, and which signal it satisfies.

LSH and the sentence sketch only propose pairs; a pair becomes a link when its measured
similarity clears a threshold. The order of the checks is the order of confidence: an exact
normalised copy, then a near duplicate by Jaccard, then a syndicated copy by containment. A
template check vetoes the last two: reports written on one form ("There were seven grain
ships loading...") share most of their words but not their facts. A story check vetoes them too:
two stories that share only a site's furniture (a newsletter box, a cookie notice, a standard
disclaimer) share neither their names nor their numbers. Where the furniture holds names and
numbers of its own (an "about us" block, a list of programmes), a boilerplate check vetoes too:
set aside the paragraphs the two share that many documents of the corpus hold
(`copydesk.corpus.boilerplate`), and what is left has neither a lede nor a third of its 3-grams
in common. The template check, in turn, never reads the numbers of a common paragraph that only
one of the two holds: that is another site's footer, not the story (`own_parts`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

import numpy as np

from copydesk.corpus import textkeys as fp
from copydesk.corpus.boilerplate import CommonLookup, paragraphs
from copydesk.corpus.settings import DedupSettings
from copydesk.corpus.tokhash import batch_shingles

#: A line above a story of at most this many words, ending without a full stop, is the site's
#: (a kicker, a label, a time stamp), not the story's lede.
KICKER_WORDS = 10
#: A paragraph that ends like a sentence: a full stop, question or exclamation mark, perhaps
#: closed by a quotation mark or a bracket.
_SENTENCE_END = re.compile(r"[.!?…][\"'“”’‘»«›)\]]*\s*$")
#: A paragraph of one sentence and at most this many words is a standalone line: a promo,
#: a follow-us line, an editor's note. Sites add the same ones to unrelated stories, so they
#: are no evidence that two texts are copies and the syndication measures leave them out.
STANDALONE_WORDS = 20
#: Share of a lede's 3-grams the other text must hold for the lede to be shared (a copy may
#: change a word or two of it: "said on Monday" -> "reported on Monday").
LEDE_SHARE = 0.5
#: A common paragraph one text holds and the other lacks is the first text's site furniture
#: (`own_parts`) when fewer than this share of its names are in the other text: another site's
#: "about us" block names its own paper, owners and staff.
FOREIGN_NAMES = 0.5


@dataclass(slots=True)
class Text:
    """A text's measures, computed once and only when a pair needs them."""

    raw: str
    _norm: str | None = None
    _words: list[str] | None = None
    _sets: dict[int, set[int]] = field(default_factory=dict)
    _sentences: set[int] | None = None
    _numbers: dict[tuple[str, str], str] | None = None
    _facts: set[str] | None = None
    _vocabulary: set[str] | None = None
    _core: Text | None = None
    _core_done: bool = False
    _lede: Text | None = None
    _lede_done: bool = False
    _paragraphs: dict[int, str] | None = None
    _common: frozenset[int] | None = None

    @classmethod
    def of(cls, raw: str) -> Text:
        return cls(raw)

    @property
    def norm(self) -> str:
        """The `normalise`d text: its tokens joined by single spaces."""
        if self._norm is None:
            self._norm = fp.normalise(self.raw)
        return self._norm

    @property
    def words(self) -> list[str]:
        """Normalised tokens, computed on first use: most texts of a batch are never compared."""
        if self._words is None:
            self._words = self.norm.split(" ") if self.norm else []
        return self._words

    def shingles(self, n: int) -> set[int]:
        """Distinct word n-gram hashes (the vectorised token hash: a Python hash call per token
        was a third of the verification time). `prepare` computes them for many texts at once."""
        if n not in self._sets:
            values, _ = batch_shingles([self.norm], n)
            self._sets[n] = set(values.tolist())
        return self._sets[n]

    def core(self) -> Text:
        """The text without standalone lines (see `STANDALONE_WORDS`); itself if nothing else.

        Never stored as ``self._core = self``: that cycle kept every compared text (and its
        shingle sets) alive until a full garbage collection, so ingest memory grew ~3 KB per
        document."""
        if not self._core_done:
            paras = [p for p in self.raw.split("\n\n") if not _standalone(p)]
            core = "\n\n".join(paras)
            self._core = Text.of(core) if paras and len(core) < len(self.raw) else None
            self._core_done = True
        return self._core or self

    def lede(self) -> Text | None:
        """The first sentence of the first paragraph, past short lines above it that end
        without a full stop (None in a text with no sentence); kept, as the other measures
        are: a text is compared with many candidates. A site's own line above a wire story
        ("Posted by Gazette staff at 10:32", "Business news") is not the story's lede: taken
        as it, it made every copy's lede the site's and the copies stopped clustering."""
        if not self._lede_done:
            paras = [p for p in self.raw.split("\n\n") if p.strip()]
            first = next((p for p in paras if not _kicker(p)), paras[0] if paras else "")
            sentences = fp.sentence_texts(first)
            self._lede = Text.of(sentences[0]) if sentences else None
            self._lede_done = True
        return self._lede

    def sentences(self) -> set[int]:
        if self._sentences is None:
            self._sentences = set(fp.sentence_hashes(self.raw))
        return self._sentences

    def numbers(self) -> dict[tuple[str, str], str]:
        if self._numbers is None:
            self._numbers = fp.number_contexts(self.words)
        return self._numbers

    def facts(self) -> set[str]:
        """Names and numbers (`copydesk.corpus.textkeys.facts`)."""
        if self._facts is None:
            self._facts = fp.facts(self.raw)
        return self._facts

    def paragraph_map(self) -> dict[int, str]:
        """Paragraph hash -> paragraph (`copydesk.corpus.boilerplate.paragraphs`)."""
        if self._paragraphs is None:
            self._paragraphs = dict(paragraphs(self.raw))
        return self._paragraphs

    def common(self, lookup: CommonLookup) -> AbstractSet[int]:
        """Hashes of this text's paragraphs that are common by ``lookup``: asked once per
        text (the store answers with a query, and a text is compared with many candidates),
        so ``lookup`` must not change while the text is in use (it never does within a
        batch). `prime_common` answers it for many texts with one call."""
        if self._common is None:
            self._common = frozenset(lookup(list(self.paragraph_map())))
        return self._common

    def vocabulary(self) -> set[str]:
        """Distinct normalised tokens: where the other text's facts are looked for, whatever
        their case here (a lower-cased copy still names the same people)."""
        if self._vocabulary is None:
            self._vocabulary = set(self.words)
        return self._vocabulary


def prepare(texts: Iterable[Text], settings: DedupSettings) -> None:
    """Compute at once the shingle sets `confirm` asks of every text first: the texts' own for
    the near-duplicate Jaccard, their cores' for containment. One numpy pass over many texts
    instead of a dozen small array operations per text: shingling was a third of the store
    writer's time at 300k stored documents."""
    todo = list(texts)
    _fill(todo, settings.shingle)
    _fill([t.core() for t in todo], settings.containment_shingle)


def prime_common(texts: Sequence[Text], lookup: CommonLookup) -> None:
    """Fill `Text.common` for every text from one ``lookup`` of all their paragraphs: one
    query for a batch instead of one per text."""
    todo = [t for t in texts if t._common is None]
    if not todo:
        return
    found = lookup(sorted({h for t in todo for h in t.paragraph_map()}))
    for text in todo:
        text._common = frozenset(h for h in text.paragraph_map() if h in found)


def own_parts(a: Text, b: Text, common: CommonLookup) -> tuple[Text, Text]:
    """Each text without its site furniture as seen from the other: its common paragraphs that
    the other lacks and whose names the other's own paragraphs do not hold (each text itself
    when it has none, or when nothing else would be left).

    A common paragraph of one text only is furniture of the text's own site, another site's
    from the other's side: a wire copy printed under a different site's footer. Such footers
    are often written on one form ("founded in 1921 by ...", "company number 4471902"), and
    their different numbers in the same slots made the template check take two copies of
    one story for two reports: on the furniture syndication set it vetoed 909 of the 1,266
    true pairs. A story paragraph that other copies hold and the other text lacks may be set
    aside too; the other has nothing to contradict in it.

    Reports written on one form have common paragraphs too, and their numbers are the slots
    that tell two reports apart. So a paragraph is set aside only when it names what the other
    text's own paragraphs do not (fewer than `FOREIGN_NAMES` of its names): "The Federal
    Reserve entered the U.S. Government securities market to arrange 1.5 billion dlrs",
    printed on many days, names what every other day's report names; "The Riverside Gazette
    was founded in 1921 by Thomas Whitfield" names nothing of another site's story. The other
    text's own paragraphs are those it keeps, for its own footer may be written on the same
    form. A standalone line (`STANDALONE_WORDS`) is never set aside: "Record March 15" under
    every dividend notice is a slot of the form. On Reuters-21578, setting aside every common
    paragraph the other text lacks linked 86 reports that are not copies."""
    pa, pb = a.paragraph_map(), b.paragraph_map()
    mine = {h for h in a.common(common) - pb.keys() if not _standalone(pa[h])}
    theirs = {h for h in b.common(common) - pa.keys() if not _standalone(pb[h])}
    if not mine and not theirs:
        return a, b
    words_a = _vocabulary(pa, mine)
    words_b = _vocabulary(pb, theirs)
    mine = {h for h in mine if _foreign(pa[h], words_b)}
    theirs = {h for h in theirs if _foreign(pb[h], words_a)}
    return _without(a, mine), _without(b, theirs)


def _vocabulary(paras: dict[int, str], leave: AbstractSet[int]) -> set[str]:
    """The normalised words of the paragraphs not in ``leave``."""
    return {w for h, p in paras.items() if h not in leave for w in fp.normalise(p).split(" ")}


def _without(text: Text, leave: AbstractSet[int]) -> Text:
    kept = [p for h, p in text.paragraph_map().items() if h not in leave]
    return Text.of("\n\n".join(kept)) if leave and kept else text


def _foreign(paragraph: str, words: set[str]) -> bool:
    """Whether fewer than `FOREIGN_NAMES` of the paragraph's names (`textkeys.facts` without
    the numbers) are in ``words``; a paragraph without names is not."""
    names = [f for f in fp.facts(paragraph) if not fp.is_number(f)]
    found = sum(1 for f in names if f in words)
    return bool(names) and found < FOREIGN_NAMES * len(names)


def _fill(texts: list[Text], n: int) -> None:
    texts = [t for t in texts if n not in t._sets]
    if not texts:
        return
    values, lengths = batch_shingles([t.norm for t in texts], n)
    pieces = np.split(values, np.cumsum(lengths)[:-1])
    for text, piece in zip(texts, pieces, strict=True):
        text._sets[n] = set(piece.tolist())


@dataclass(frozen=True, slots=True)
class Verdict:
    signal: str
    score: float


def jaccard(a: set[int], b: set[int]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def containment(a: set[int], b: set[int]) -> float:
    """Share of the smaller set inside the larger: a trimmed copy scores 1.0 against its source."""
    small = min(len(a), len(b))
    return len(a & b) / small if small else 0.0


def template_conflict(a: Text, b: Text, share: float) -> bool:
    """True when the texts put different numbers in the same slots often enough to be two
    reports."""
    na, nb = a.numbers(), b.numbers()
    common = na.keys() & nb.keys()
    if not common:
        return False
    changed = sum(1 for k in common if na[k] != nb[k])
    return changed > 0 and changed / len(common) >= share


def story_conflict(a: Text, b: Text, settings: DedupSettings) -> bool:
    """True when the texts are two stories: neither finds ``fact_share`` of its names and
    numbers in the other.

    Word overlap cannot tell a copy from two stories that carry the same furniture: a site's
    newsletter box and cookie notice, sixty words under every article, are more of a short
    story's 3-grams than its own three paragraphs, and they are whole shared sentences too.
    What the furniture never shares is the story's facts. A copy, however trimmed or
    rewritten, keeps them (its own few are nearly all in the original, so the better
    direction is taken); the facts of the furniture itself are few and count for both.
    Each text must have ``min_facts``: with fewer (a text without letter case, a short
    note) there is no evidence either way, and the pair is left to the similarity."""
    fa, fb = a.facts(), b.facts()
    if min(len(fa), len(fb)) < settings.min_facts:
        return False
    found = max(len(fa & b.vocabulary()) / len(fa), len(fb & a.vocabulary()) / len(fb))
    return found < settings.fact_share


def boilerplate_conflict(a: Text, b: Text, settings: DedupSettings, common: CommonLookup) -> bool:
    """True when the texts share common paragraphs (a site's footer: see
    `copydesk.corpus.boilerplate`) and are otherwise two stories: neither text's lede is in
    the other, and what is left of each, those paragraphs set aside, does not reach
    ``containment_threshold`` against what is left of the other.

    The lede is what tells furniture from a syndicated story, whose paragraphs are common too
    because fifty sites print them: every copy keeps the story's first sentence (under a new
    dateline, with a word changed), while two stories under one footer open differently. A
    story printed again with a new last paragraph keeps its lede as well. A text left with
    nothing of its own is not judged."""
    pa, pb = a.paragraph_map(), b.paragraph_map()
    furniture = a.common(common) & pb.keys()
    if not furniture or not (pa.keys() - furniture) or not (pb.keys() - furniture):
        return False
    n = settings.containment_shingle
    if _shares_lede(a, b, n) or _shares_lede(b, a, n):
        return False
    rest_a = Text.of("\n\n".join(p for h, p in pa.items() if h not in furniture))
    rest_b = Text.of("\n\n".join(p for h, p in pb.items() if h not in furniture))
    return containment(rest_a.shingles(n), rest_b.shingles(n)) < settings.containment_threshold


def confirm(
    a: Text, b: Text, settings: DedupSettings, common: CommonLookup | None = None
) -> Verdict | None:
    """The link between two texts, or None when they are not copies; ``common`` names the
    corpus's common paragraphs for the boilerplate check (None: no paragraph is common).

    The vetoes (template, story, boilerplate) are asked last, only of a pair that would
    otherwise link: most candidates fail on similarity, and reading every number slot of both
    texts was half the cost of confirming at a million stored documents. The verdicts are the
    same in either order. An exact copy is never vetoed: it carries the same facts by definition.
    The template check reads each text's `own_parts` (another site's footer set aside)."""
    if a.norm and a.norm == b.norm:
        return Verdict("exact", 1.0)
    if not a.norm or not b.norm:
        return None
    verdict = _similar(a, b, settings)
    if verdict is None:
        return None
    own = (a, b) if common is None else own_parts(a, b, common)
    if template_conflict(*own, settings.template_changed_share):
        return None
    if story_conflict(a, b, settings):
        return None
    if common is not None and boilerplate_conflict(a, b, settings, common):
        return None
    return verdict


def _similar(a: Text, b: Text, settings: DedupSettings) -> Verdict | None:
    near = jaccard(a.shingles(settings.shingle), b.shingles(settings.shingle))
    if near >= settings.near_threshold:
        return Verdict("near", round(near, 4))
    a, b = a.core(), b.core()
    n = settings.containment_shingle
    contained = containment(a.shingles(n), b.shingles(n))
    if contained < settings.containment_threshold:
        return None
    shared = len(a.sentences() & b.sentences())
    if shared < settings.min_shared_sentences and contained < settings.containment_alone:
        return None
    if contained < settings.lede_below and not (_shares_lede(a, b, n) or _shares_lede(b, a, n)):
        return None  # a follow-up quoting the same lines, not a copy of the story
    return Verdict("syndicated", round(contained, 4))


def _shares_lede(a: Text, b: Text, n: int) -> bool:
    """Whether ``a``'s lede (its first sentence) is in ``b``: a syndicated copy, trimmed, under
    a new dateline or with a word changed, keeps the story's lede; a follow-up on the same story
    has its own, and shares only lines it quotes again further down."""
    lede = a.lede()
    grams = lede.shingles(n) if lede is not None else set()
    return bool(grams) and len(grams & b.shingles(n)) / len(grams) >= LEDE_SHARE


def _kicker(paragraph: str) -> bool:
    return len(paragraph.split()) <= KICKER_WORDS and not _SENTENCE_END.search(paragraph)


def _standalone(paragraph: str) -> bool:
    words = paragraph.split()
    return len(words) <= STANDALONE_WORDS and len(fp.sentences(paragraph)) <= 1 and bool(words)
