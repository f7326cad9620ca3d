"""A site's footer full of names and numbers is boilerplate by document frequency; a wire story
printed by many sites, whose paragraphs are just as common, is still one story.

Found by a tester: two one-paragraph stories from one site, each followed by the site's three
paragraphs of furniture (an "about us" block, a disclaimer with a company number and a phone
line, the site's programmes with presenters and times), were clustered as near copies: the
footer is most of their words and holds most of their facts, so the story check passed too.
"""

from __future__ import annotations

import gc
import sqlite3
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from copydesk.cli import app
from copydesk.corpus import DedupSettings, dedup_records, stage
from copydesk.corpus import textkeys as fp
from copydesk.corpus.boilerplate import ParagraphCounts, paragraph_hashes
from copydesk.corpus.dedup import Fingerprints, match_batch
from copydesk.corpus.verify import Text, confirm
from copydesk.executors import dedup_batches as steps
from copydesk.record import Article, Source
from copydesk.store import StoreWriter
from copydesk.store.schema import SCHEMA_VERSION

SETTINGS = DedupSettings()

FOOTER = [
    "The Riverside Gazette was founded in 1921 by Thomas Whitfield and Margaret Osei and is "
    "owned by Northbridge Media Group, which also publishes the Lakeland Herald, the Kent "
    "Valley Echo and 14 other titles across Ontario and Manitoba, reaching 2.3 million readers "
    "each week.",
    "Northbridge Media Group Ltd is registered in Toronto under company number 4471902. "
    "Opinions expressed by columnists are their own and not those of the publisher. "
    "Editor-in-chief Daniel Kowalski can be reached at 1-800-555-0142 or at the newsroom, 88 "
    "King Street West, Toronto.",
    "Related programmes: Morning Report with Sarah Lindqvist weekdays at 6 a.m. on CRGZ 98.1 "
    "FM; The Business Hour with James Adeyemi on Thursdays at 7 p.m.; Weekend Edition with "
    "Priya Raman and Tom Baxter on Saturdays at 9 a.m.",
]
OTHER_FOOTER = [
    "The Harbour Times is published by Eastline Press of Halifax, Nova Scotia, and has served "
    "readers on the South Shore since 1898; its 12 journalists are members of the Atlantic "
    "Press Council, chaired by Fiona MacLeod.",
    "Eastline Press Inc., 410 Water Street, Halifax, company number 3380155. Subscriptions: "
    "1-888-555-0199. Letters to the editor, Graham Doucette, must include a full name and a "
    "daytime telephone number.",
    "Listen: Harbour Morning with Claire Boudreau at 6:30 a.m. and Night Shift with Omar "
    "Haddad at 11 p.m., weekdays on CHTX 101.5 FM and on the Harbour Times app.",
]
STORIES = [
    "City council voted 7-2 on Tuesday to approve a new bus route linking the Eastgate mall "
    "with Riverside General Hospital, Mayor Linda Chu said, with service expected to begin in "
    "September.",
    "Police arrested a 34-year-old man in Millbrook on Wednesday after a break-in at a "
    "pharmacy on Elm Street, Constable Ravi Singh said, adding that stolen medication worth "
    "$12,000 was recovered.",
    "Heavy snow closed the Trans-Canada Highway near Kenora for six hours on Thursday, the "
    "Ontario Provincial Police said, and crews expected to reopen both lanes by 8 p.m.",
    "A fire at a sawmill in Dryden destroyed two storage sheds early on Friday, but no one was "
    "hurt, fire chief Anne Morrow said; the cause is under investigation.",
]
WIRE = [
    "Canada's unemployment rate fell to 5.8 percent in March from 6.1 percent in February as "
    "employers added 41,000 jobs, Statistics Canada said on Friday.",
    "Economists polled by Reuters had expected a gain of 12,000 jobs and the rate to hold at "
    "6.1 percent. Most of the new jobs were full-time positions in Ontario and Quebec.",
    "The Bank of Canada, which meets next on April 16, has held its key rate at 2.75 percent "
    "since January, and Governor Tiff Macklem has said the bank is watching the labour market.",
    "Average hourly wages rose 3.6 percent from a year earlier, down from 3.8 percent in "
    "February, the agency said.",
]


def _site(stories: list[str], footer: list[str], prefix: str) -> list[Article]:
    return [Article(id=f"{prefix}{i}", body=[s, *footer]) for i, s in enumerate(stories)]


def _clusters(records: list[Article]) -> dict[str, str | None]:
    return {r.id: r.cluster for r in dedup_records(records, SETTINGS)}


def test_one_paragraph_stories_under_one_footer_are_not_copies() -> None:
    records = _site(STORIES, FOOTER, "s")
    a, b = (Text.of(r.text) for r in records[:2])
    assert confirm(a, b, SETTINGS) is not None  # the word and fact measures alone link them
    counts = ParagraphCounts(SETTINGS.boilerplate_docs)
    counts.add([r.text for r in records], [fp.exact_hash_of(fp.normalise(r.text)) for r in records])
    assert confirm(a, b, SETTINGS, counts.common) is None
    assert set(_clusters(records).values()) == {None}


def test_a_wire_story_on_many_sites_still_clusters() -> None:
    """The trap: printed by five sites, every paragraph of the wire story is common, as is each
    site's footer; the copies keep the story's lede and cluster, the sites' own stories not."""
    copies = [
        Article(id="wire", body=WIRE),
        Article(id="gazette", body=["TORONTO (Reuters) - " + WIRE[0], *WIRE[1:3], *FOOTER]),
        Article(id="harbour", body=[*WIRE[:2], WIRE[3], *OTHER_FOOTER]),
        Article(
            id="echo", body=[WIRE[0].replace("said on Friday", "reported"), *WIRE[1:], *FOOTER]
        ),
        Article(id="herald", body=[*WIRE, *OTHER_FOOTER]),
    ]
    own = [*_site(STORIES[:2], FOOTER, "g"), *_site(STORIES[2:], OTHER_FOOTER, "h")]
    records = copies + own
    counts = ParagraphCounts(SETTINGS.boilerplate_docs)
    counts.add([r.text for r in records], [fp.exact_hash_of(fp.normalise(r.text)) for r in records])
    assert counts.common(paragraph_hashes("\n\n".join(WIRE[1:3] + FOOTER))) == set(
        paragraph_hashes("\n\n".join(WIRE[1:3] + FOOTER))
    )
    clusters = _clusters(records)
    assert {clusters[r.id] for r in copies} == {"wire"}
    assert all(clusters[r.id] is None for r in own)


def test_wire_copies_under_each_sites_own_kicker_line_still_cluster() -> None:
    """Found by a reviewer: each site prints its own line above the wire story, so every copy
    opened differently, the lede check found no shared lede and the copies stopped
    clustering. A short line without a full stop is the site's, not the story's lede."""
    kickers = [
        "Posted by Gazette staff at 10:32",
        "Harbour Times wire desk, 11:05",
        "From our partners at the newswire, updated 9:15",
        "Business news",
    ]
    footers = [FOOTER, OTHER_FOOTER, FOOTER, OTHER_FOOTER]
    copies = [
        Article(id=f"c{i}", body=[k, *WIRE, *f])
        for i, (k, f) in enumerate(zip(kickers, footers, strict=True))
    ]
    own = [*_site(STORIES[:2], FOOTER, "g"), *_site(STORIES[2:], OTHER_FOOTER, "h")]
    clusters = _clusters(copies + own)
    assert {clusters[r.id] for r in copies} == {"c0"}
    assert all(clusters[r.id] is None for r in own)
    lede = Text.of("Business news\n\n" + WIRE[0]).lede()
    assert lede is not None and lede.raw.startswith("Canada's unemployment rate fell")


def test_a_story_printed_again_with_a_new_last_paragraph_still_clusters() -> None:
    """Three versions of one story share three paragraphs (common) and differ in the last:
    they keep the lede, so they are one story."""
    ends = [STORIES[0], STORIES[1], STORIES[3]]
    records = [Article(id=f"v{i}", body=[*WIRE[:3], end]) for i, end in enumerate(ends)]
    assert set(_clusters(records).values()) == {"v0"}


def _fingerprints() -> int:
    gc.collect()
    return sum(isinstance(o, Fingerprints) for o in gc.get_objects())


def test_the_stage_fingerprints_one_batch_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Counting the whole input first must not hold every batch's keys until it is matched
    (about 1.5 KB a document, kept to the end with the measures its compared texts cache)."""
    monkeypatch.setattr(stage, "BATCH", 2)
    before = _fingerprints()
    alive: list[int] = []

    def matching(*args: object) -> object:
        alive.append(_fingerprints() - before)
        return match_batch(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(stage, "match_batch", matching)
    records = [Article(id=f"s{i}", body=[s, *FOOTER]) for i, s in enumerate(STORIES + WIRE)]
    assert set(_clusters(records).values()) == {None}
    assert alive == [1, 1, 1, 1]


def test_exact_copies_count_once() -> None:
    """A page stored twice is one document: a story and its twin do not make the story's
    paragraph common."""
    counts = ParagraphCounts(2)
    text = "\n\n".join([STORIES[0], *FOOTER])
    exact = fp.exact_hash_of(fp.normalise(text))
    counts.add([text, text], [exact, exact])
    assert counts.common(paragraph_hashes(text)) == set()


def _write_site(folder: Path, stories: list[str], start: int = 0) -> None:
    folder.mkdir(exist_ok=True)
    for i, story in enumerate(stories, start):
        text = "\n\n".join([f"Local news item number {i}", story, *FOOTER]) + "\n"
        (folder / f"story{i}.txt").write_text(text, encoding="utf-8")


def test_ingest_keeps_the_stories_apart_across_runs(tmp_path: Path) -> None:
    """Through the store: the counts persist, so a story ingested later meets a footer the
    store already knows as common. (The first run holds three of the site's stories: two
    alone do not make the footer common, see `DedupSettings.boilerplate_docs`.)"""
    db, runner = tmp_path / "c.db", CliRunner()
    for n, stories in enumerate((STORIES[:3], STORIES[3:])):
        folder = tmp_path / f"in{n}"
        _write_site(folder, stories, start=3 * n)
        args = ["ingest", str(folder), "--db", str(db), "-j", "1"]
        assert runner.invoke(app, args).exit_code == 0
    dups = runner.invoke(app, ["dups", "--db", str(db), "--format", "jsonl"])
    assert dups.exit_code == 0 and dups.stdout.strip() == ""
    with sqlite3.connect(db) as conn:
        texts = [r[0] for r in conn.execute("SELECT text FROM articles")]
        assert len(texts) == 4 and all(FOOTER[1][:40] in t for t in texts)
        held = dict(conn.execute("SELECT hash, docs FROM paragraphs"))
    assert [held[h] for h in paragraph_hashes("\n\n".join(FOOTER))] == [4, 4, 4]


def _store(db: Path, articles: list[Article]) -> None:
    writer = StoreWriter(db)
    writer.write_batch(articles, writer.start_run("test", []))
    writer.close()


def test_a_version_3_store_gets_its_paragraph_counts(tmp_path: Path) -> None:
    arts = [
        Article(id=r.id, body=r.body, source=Source(path=f"{r.id}.txt"))
        for r in _site(STORIES[:3], FOOTER, "s")
    ]
    old, new = tmp_path / "old.db", tmp_path / "new.db"
    _store(old, arts)
    _store(new, arts)
    with sqlite3.connect(old) as conn:  # as copydesk left stores before the counts
        conn.execute("DROP TABLE paragraphs")
        conn.execute("PRAGMA user_version = 3")
    late = Article(id="late", body=[STORIES[3], *FOOTER], source=Source(path="late.txt"))
    writer = StoreWriter(old)
    try:
        stored = dict(writer.conn.execute("SELECT hash, docs FROM paragraphs"))
        assert writer.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert writer.write_batch([late], writer.start_run("test", [])).duplicates == 0
    finally:
        writer.close()
    with sqlite3.connect(new) as conn:
        assert stored == dict(conn.execute("SELECT hash, docs FROM paragraphs"))


def test_ray_steps_count_distinct_texts() -> None:
    """The Ray executor's groupby steps give the common paragraphs of the in-memory count."""
    records = [*_site(STORIES, FOOTER, "s"), Article(id="twin", body=[STORIES[0], *FOOTER])]
    texts = [r.text for r in records]
    exact = [fp.exact_hash_of(fp.normalise(t)) for t in texts]
    rows = steps.paragraph_rows({"text": np.asarray(texts, dtype=object)})
    common: list[int] = []
    for h in np.unique(rows["hash"]):
        group = {k: v[rows["hash"] == h] for k, v in rows.items()}
        common += steps.common_hash(group, SETTINGS.boilerplate_docs)["hash"].tolist()
    lookup = steps.sorted_lookup(np.sort(np.asarray(common, dtype=np.int64)))
    counts = ParagraphCounts(SETTINGS.boilerplate_docs)
    counts.add(texts, exact)
    hashes = [h for t in texts for h in paragraph_hashes(t)]
    assert lookup(hashes) == counts.common(hashes) == set(paragraph_hashes("\n\n".join(FOOTER)))
