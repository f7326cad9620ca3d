"""Stories that share a site's furniture are not copies; copies with other furniture still are.

Sites print the same long paragraphs (newsletter box, cookie notice, disclaimer) under every
article. For short stories those paragraphs are most of the text, so the word measures alone
call two unrelated stories "near" or "syndicated" copies (found by a tester: a bus crash in
Peru and Chile's copper output were clustered, and export dropped one).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from copydesk.cli import app
from copydesk.corpus import DedupSettings, dedup_records
from copydesk.corpus import textkeys as fp
from copydesk.corpus.verify import Text, confirm, story_conflict
from copydesk.record import Article

SETTINGS = DedupSettings()

#: One site's furniture, as a scraper leaves it in every body.
SITE = [
    "Sign up for our daily newsletter to receive the most important business and markets news "
    "of the day, with analysis from our reporters and editors around the world, delivered "
    "straight to your inbox every morning.",
    "We value your privacy. This site uses cookies to improve your experience and to show you "
    "personalised content and advertising. By continuing to browse the site you agree to our "
    "use of cookies.",
    "The information in this article is provided for general purposes only and does not "
    "constitute investment advice. Readers should seek independent advice before acting on "
    "any of the information published on this website.",
    "Our journalists follow a strict code of practice and we correct errors as soon as we can. "
    "If you believe an article contains a mistake, please write to the readers' editor, who "
    "will look into it and reply within five working days.",
]
#: Another site's furniture, for the copies of one wire story.
OTHER_SITE = [
    "Get the best of our coverage in your inbox: register for free and choose the briefings "
    "you want to receive every week from our newsroom.",
    "This website stores small files on your device to remember your settings and measure "
    "how our pages are used. You can change your choices at any time in the settings menu.",
]

PERU = [
    "A bus plunged into a ravine in the Peruvian Andes on Sunday, killing four passengers and "
    "injuring 20, police said.",
    "The bus was travelling from Cusco to Arequipa when the driver lost control on a bend, a "
    "police spokesman told local radio, adding that heavy rain had made the road slippery.",
    "Road accidents are frequent in Peru's mountainous regions, where many highways are "
    "narrow, poorly maintained and lack guard rails.",
]
CHILE = [
    "Chile's copper production rose 3 percent in March from a year earlier, the national "
    "statistics institute said on Monday.",
    "State-owned Codelco, the world's largest copper miner, reported higher output at its El "
    "Teniente and Chuquicamata mines after maintenance work ended in February.",
    "Chile produces about a quarter of the world's copper, which is used in power cables, "
    "electric vehicles and construction.",
]
#: Short stories: with four paragraphs of furniture each, their word 5-gram Jaccard passes
#: the near-duplicate threshold.
SHORT = [
    ["Floods in Kenya's Tana River county forced 3,000 families from their homes on Tuesday, "
     "the Red Cross said."],
    ["Toyota will recall 120,000 Corolla cars sold in Japan over a faulty brake sensor, the "
     "carmaker said on Friday."],
    ["Norway's central bank held its key rate at 4.5 percent on Thursday, as Governor Ida "
     "Wolden Bache had signalled in May."],
]  # fmt: skip


def _article(key: str, paragraphs: list[str]) -> Article:
    return Article(id=key, body=list(paragraphs))


def test_two_stories_with_one_sites_furniture_are_not_copies() -> None:
    a, b = Text.of("\n\n".join(PERU + SITE[:2])), Text.of("\n\n".join(CHILE + SITE[:2]))
    assert story_conflict(a, b, SETTINGS)
    assert confirm(a, b, SETTINGS) is None
    pair = [_article("peru", PERU + SITE[:2]), _article("chile", CHILE + SITE[:2])]
    out = dedup_records(pair, SETTINGS)
    assert [(r.cluster, r.duplicate_of) for r in out] == [(None, None), (None, None)]


def test_short_stories_with_much_furniture_are_not_near_copies() -> None:
    texts = [Text.of("\n\n".join(story + SITE)) for story in SHORT]
    near = [t.shingles(SETTINGS.shingle) for t in texts]
    assert len(near[0] & near[1]) / len(near[0] | near[1]) >= SETTINGS.near_threshold
    recs = [_article(f"s{i}", story + SITE) for i, story in enumerate(SHORT)]
    assert all(r.cluster is None for r in dedup_records(recs, SETTINGS))


def test_wire_copies_with_other_sites_furniture_still_cluster() -> None:
    """One wire story on three sites: new dateline and credit, a sentence reworded, the tail
    cut, and each site's own furniture around it."""
    wire = [
        *CHILE,
        "Codelco said it expected production to keep rising in the second quarter as a new "
        "concentrator at its Chuquicamata underground mine reached full capacity.",
    ]
    copies = [
        _article("wire", wire),
        _article("site1", ["SANTIAGO (Reuters) - " + wire[0], *wire[1:3], *SITE]),
        _article(
            "site2",
            [wire[0].replace("said on Monday", "reported on Monday"), *wire[1:], *OTHER_SITE],
        ),
        _article("site3", [*OTHER_SITE[:1], *wire[:2], *SITE[1:3]]),
        _article("peru", PERU + SITE),
    ]
    out = {r.id: r for r in dedup_records(copies, SETTINGS)}
    assert {out[k].cluster for k in ("wire", "site1", "site2", "site3")} == {"wire"}
    assert out["peru"].cluster is None


def test_a_copy_in_lower_case_keeps_its_facts() -> None:
    """Facts are looked for among the other text's words, so a copy that lost its case (a
    feed in lower case) is not vetoed; a text without case has too few facts to judge."""
    story = "\n\n".join(CHILE)
    assert not story_conflict(Text.of(story), Text.of(story.lower()), SETTINGS)
    assert fp.facts(story.lower()) == {"3"}


def test_facts_are_names_and_numbers_not_sentence_openers() -> None:
    facts = fp.facts("The bus left Cusco at 9. It crashed near\nArequipa, police said. I saw it.")
    assert facts == {"cusco", "9", "arequipa"}


@pytest.mark.parametrize("furniture", [SITE[:2], SITE[2:]], ids=["notices", "disclaimers"])
def test_ingest_keeps_both_stories(tmp_path: Path, furniture: list[str]) -> None:
    """The tester's check through the store: no cluster, and export without duplicates keeps
    both stories (the notices are also removed by the structure stage; the disclaimers are
    not, so there only the story check keeps the two apart)."""
    folder, db, out = tmp_path / "in", tmp_path / "c.db", tmp_path / "out.jsonl"
    folder.mkdir()
    heads = {"x1": "Bus crash kills four in Peru", "x2": "Chile copper output rises"}
    for (name, head), story in zip(heads.items(), (PERU, CHILE), strict=True):
        text = "\n\n".join([head, *story, *furniture]) + "\n"
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(folder), "--db", str(db), "-j", "1"]).exit_code == 0
    dups = runner.invoke(app, ["dups", "--db", str(db), "--format", "jsonl"])
    assert dups.exit_code == 0 and dups.stdout.strip() == ""
    args = ["export", "--db", str(db), "-o", str(out), "--no-duplicates"]
    assert runner.invoke(app, args).exit_code == 0
    headlines = {json.loads(line)["headline"] for line in out.read_text().splitlines()}
    assert headlines == set(heads.values())
