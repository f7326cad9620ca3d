"""A wire story printed by two sites, each under its own footer, is one story: the footers are
set aside when the copies are keyed and verified (`copydesk.corpus.storykeys`,
`copydesk.corpus.verify.own_parts`).

The furniture benchmark (`benchmarks.furniture`) found it: with every site's footer written on
one form ("founded in 1921 by ...", "company number 4471902"), the template check took the
footers' different numbers for two reports and vetoed 909 of 1,266 true pairs, and same-site
stories, sharing the footer's sentence keys, outvoted the copies among the candidates.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from copydesk.corpus import DedupSettings, dedup, dedup_records, fingerprint, permutations
from copydesk.corpus import textkeys as fp
from copydesk.corpus.boilerplate import ParagraphCounts
from copydesk.corpus.dedup import MemoryIndex, match_batch
from copydesk.corpus.storykeys import MIN_STORY_WORDS, add_story_keys, story
from copydesk.corpus.verify import Text, confirm, own_parts
from copydesk.record import Article, Source
from copydesk.store import StoreWriter
from test_corpus_paragraph_frequency import STORIES as FOUR_STORIES

SETTINGS = DedupSettings()


def footer(
    paper: str, owner: str, people: tuple[str, str, str], numbers: tuple[int, ...]
) -> list[str]:
    """A site's three furniture paragraphs, every site's on one form."""
    year, titles, company, phone, street = numbers
    return [
        f"The {paper} was founded in {year} by {people[0]} and {people[1]} and is owned by "
        f"{owner} Media Group, which also publishes {titles} other titles across the region, "
        "reaching readers each week in print and online.",
        f"{owner} Media Group Ltd is registered under company number {company}. Opinions "
        f"expressed by columnists are their own. Editor-in-chief {people[2]} can be reached at "
        f"1-800-555-{phone} or at the newsroom, {street} King Street West.",
        f"Related programmes: Morning Report with {people[0]} at 6 a.m. and The Business Hour "
        f"with {people[1]} at {titles % 12 + 1} p.m., weekdays on our radio station.",
    ]


GAZETTE = footer(
    "Riverside Gazette",
    "Northbridge",
    ("Thomas Whitfield", "Margaret Osei", "Daniel Kowalski"),
    (1921, 14, 4471902, 142, 88),
)
HARBOUR = footer(
    "Harbour Times",
    "Eastline",
    ("Fiona MacLeod", "Omar Haddad", "Claire Boudreau"),
    (1898, 12, 3380155, 199, 410),
)
WIRE = [
    "Canada's unemployment rate fell to 5.8 percent in March from 6.1 percent in February as "
    "employers added 41,000 jobs, Statistics Canada said on Friday.",
    "Economists polled by Reuters had expected a gain of 12,000 jobs and the rate to hold at "
    "6.1 percent. Most of the new jobs were full-time positions in Ontario and Quebec.",
    "The Bank of Canada, which meets next on April 16, has held its key rate at 2.75 percent "
    "since January, and Governor Tiff Macklem has said the bank is watching the labour market.",
]
#: The paragraph-frequency tests' local stories, and one more.
STORIES = [
    *FOUR_STORIES,
    "The Kenora library will extend its opening hours to 9 p.m. on weekdays from May 1, "
    "head librarian Joyce Tremblay said, after a survey of 1,200 residents.",
]


def _counts(texts: list[str]) -> ParagraphCounts:
    counts = ParagraphCounts(SETTINGS.boilerplate_docs)
    counts.add(texts, [fp.exact_hash_of(fp.normalise(t)) for t in texts])
    return counts


def _site(stories: list[str], foot: list[str]) -> list[str]:
    return ["\n\n".join([s, *foot]) for s in stories]


def test_copies_under_two_sites_footers_pass_the_template_check() -> None:
    gazette = "\n\n".join([*WIRE[:2], *GAZETTE])
    harbour = "\n\n".join(["TORONTO (Reuters) - " + WIRE[0], WIRE[1], *HARBOUR])
    counts = _counts([gazette, harbour, *_site(STORIES[:3], GAZETTE), *_site(STORIES[3:], HARBOUR)])
    a, b = Text.of(gazette), Text.of(harbour)
    # the footers' numbers in the same slots: two reports, for the template check alone
    assert confirm(a, b, SETTINGS) is None
    assert confirm(a, b, SETTINGS, counts.common) is not None
    own_a, own_b = own_parts(a, b, counts.common)
    assert "Gazette" not in own_a.raw and "Harbour" not in own_b.raw
    assert own_a.raw.startswith("Canada's unemployment") and "TORONTO" in own_b.raw


def test_one_paragraph_stories_under_two_sites_footers_stay_apart() -> None:
    texts = [*_site(STORIES[:3], GAZETTE), *_site(STORIES[3:], HARBOUR)]
    counts = _counts(texts)
    for x in texts[:3]:
        for y in texts[3:]:
            assert confirm(Text.of(x), Text.of(y), SETTINGS, counts.common) is None


FED = [
    "The Federal Reserve entered the U.S. Government securities market to arrange 1.5 billion "
    "dlrs of customer repurchase agreements, a Fed spokesman said.",
    "The Federal Reserve entered the U.S. Government securities market to arrange two billion "
    "dlrs of customer repurchase agreements, a Fed spokesman said.",
    "Dealers said Federal funds were trading at 6-3/16 pct when the Fed began its temporary "
    "and indirect supply of reserves to the banking system.",
]


def test_a_common_paragraph_that_names_what_the_other_names_is_a_form_not_furniture() -> None:
    """Daily reports on one form: the paragraph with the day's amount is common (many days had
    1.5 billion), the other report lacks it, but it names what the other names: its numbers
    are the form's slots, and the template check still sees them."""
    one = "\n\n".join(FED[::2])
    other = "\n\n".join(FED[1:])
    counts = _counts([one, one + "\n\nReuter", one + "\n\nMore", other, other + "\n\nReuter"])
    a, b = Text.of(one), Text.of(other)
    assert counts.common([fp.exact_hash_of(fp.normalise(FED[0]))])
    assert own_parts(a, b, counts.common) == (a, b)
    assert confirm(a, b, SETTINGS, counts.common) is None


def test_a_standalone_common_line_is_a_slot_not_furniture() -> None:
    one = "Qtly div 25 cts vs 25 cts prior\n\nPay April one\n\nRecord March 15"
    other = "Qtly div 25 cts vs 25 cts prior\n\nPay April 30\n\nRecord April 16"
    filler = [one + f"\n\nNote {i} of the series" for i in range(3)]
    counts = _counts([one, other, *filler, other + "\n\nMore", other + "\n\nReuter"])
    a, b = Text.of(one), Text.of(other)
    assert own_parts(a, b, counts.common) == (a, b)


def test_story_keys_are_those_of_the_text_without_its_common_paragraphs() -> None:
    texts = _site(STORIES[:3], GAZETTE)
    counts = _counts(texts)
    perms = permutations(SETTINGS)
    batch = fingerprint([*texts, "\n\n".join(WIRE)], SETTINGS, perms)
    add_story_keys(batch, counts.common, SETTINGS, perms)
    assert set(batch.story_bands) == {0, 1, 2}  # the wire story has no common paragraph
    alone = fingerprint([STORIES[0]], SETTINGS, perms)
    assert set(batch.story_bands[0]) == set(alone.bands[0].tolist()) - {0}
    assert set(batch.story_sketch[0]) == set(alone.sketch[0]) - set(batch.sketch[0])
    keys, owners = batch.band_rows([10, 11, 12, 13])
    assert len(keys) == 4 * SETTINGS.bands + sum(len(k) for k in batch.story_bands.values())
    assert np.count_nonzero(owners == 10) == SETTINGS.bands + len(batch.story_bands[0])


def test_a_story_of_a_few_words_gets_no_keys() -> None:
    texts = _site(["Short item.", *STORIES[:2]], GAZETTE)
    counts = _counts(texts)
    assert MIN_STORY_WORDS > 2  # "Short item." is two words
    assert story(Text.of(texts[0]), counts.common) is None
    assert story(Text.of(texts[1]), counts.common) == STORIES[0]


def _article(key: str, body: list[str]) -> Article:
    return Article(id=key, body=body, source=Source(path=f"{key}.txt"))


def _copies() -> list[Article]:
    """One wire story, printed by the Gazette and by the Harbour Times (with a dateline) under
    their footers."""
    return [
        _article("gazette-wire", [*WIRE, *GAZETTE]),
        _article("harbour-wire", ["TORONTO (Reuters) - " + WIRE[0], *WIRE[1:], *HARBOUR]),
    ]


def test_copies_under_two_footers_cluster_in_the_dedup_stage() -> None:
    own = [
        *(_article(f"g{i}", [s, *GAZETTE]) for i, s in enumerate(STORIES[:3])),
        *(_article(f"h{i}", [s, *HARBOUR]) for i, s in enumerate(STORIES[3:])),
    ]
    clusters = {r.id: r.cluster for r in dedup_records([*own, *_copies()], SETTINGS)}
    assert clusters["gazette-wire"] == clusters["harbour-wire"] is not None
    assert all(clusters[r.id] is None for r in own)


def test_copies_under_two_footers_cluster_in_the_store(tmp_path: Path) -> None:
    """Streaming: the sites' own stories come first (their footers become common), then the
    wire copies, a batch each; one-paragraph stories under one footer stay apart."""
    writer = StoreWriter(tmp_path / "c.db")
    try:
        run = writer.start_run("test", [])
        batches = [
            [_article(f"g{i}", [s, *GAZETTE]) for i, s in enumerate(STORIES[:3])],
            [_article(f"h{i}", [s, *HARBOUR]) for i, s in enumerate(STORIES[2:])],
            _copies()[:1],
            _copies()[1:],
        ]
        for batch in batches:
            writer.write_batch(batch, run)
        rows = dict(writer.conn.execute("SELECT id, cluster FROM articles"))
        linked = writer.conn.execute("SELECT count(*) FROM links").fetchone()[0]
    finally:
        writer.close()
    # the wire story, and the one story both sites printed (STORIES[2]); not the others
    assert rows["gazette-wire"] == rows["harbour-wire"] is not None
    assert rows["g2"] == rows["h0"] is not None
    assert linked == 2
    assert all(
        rows[k] is None for k in rows if k not in ("gazette-wire", "harbour-wire", "g2", "h0")
    )


def _last_links(records: list[Article], settings: DedupSettings) -> list[tuple[int, int]]:
    """The links of the last record, matched alone against all the others (counted first)."""
    index = MemoryIndex(settings)
    index.count(r.text for r in records)
    perms = permutations(settings)
    refs = list(range(len(records) - 1))
    first = fingerprint([r.text for r in records[:-1]], settings, perms)
    index.join(match_batch(first, refs, index, settings))
    index.add(first, refs)
    last = fingerprint([records[-1].text], settings, perms)
    return [(lk.a, lk.b) for lk in match_batch(last, [len(refs)], index, settings)]


def test_story_keys_find_a_copy_that_same_site_stories_outvote(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Among ``max_candidates`` candidates, the Gazette's own stories, which share its footer's
    sentence keys, came before the Harbour Times copy of the story."""
    settings = DedupSettings(max_candidates=2)
    harbour = [_article(f"h{i}", [s, *HARBOUR]) for i, s in enumerate(STORIES[:2])]
    gazette = [_article(f"g{i}", [s, *GAZETTE]) for i, s in enumerate(STORIES)]
    wire_gazette, wire_harbour = _copies()
    records = [*harbour, wire_harbour, *gazette, wire_gazette]
    last = len(records) - 1
    assert _last_links(records, settings) == [(last, 2)]
    monkeypatch.setattr(dedup, "add_story_keys", lambda *args: None)
    assert _last_links(records, settings) == []
