"""Each HTML cleanup rule on a block that it must drop and one it must keep."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from copydesk.extract import rules
from copydesk.extract.cleanup import clean_blocks
from copydesk.extract.headline import TitleSources, choose_headline, strip_site
from copydesk.extract.match import excerpt_of
from copydesk.extract.rules import BOILERPLATE_RULES
from copydesk.extract.xmlblocks import RawBlock
from copydesk.structure.blocks import PageMeta

PROSE = RawBlock("The council voted on Tuesday to rebuild the wall, ending a long debate.", "p")


def _fires(rule: str, block: RawBlock, blocks: list[RawBlock] | None = None) -> bool:
    blocks = blocks or [PROSE, block, PROSE]
    return BOILERPLATE_RULES[rule](block, blocks, blocks.index(block))


@pytest.mark.parametrize(
    ("rule", "junk"),
    [
        ("tags", RawBlock("Tags: Flooding, Council, Harbour", "p")),
        ("comment policy", RawBlock("Comments are closed for this article.", "p")),
        ("consent notice", RawBlock("This website uses cookies to improve your experience.", "p")),
        ("share bar", RawBlock("Share on Facebook Twitter Email", "p")),
        ("linked teaser", RawBlock("Ten things to know about sea walls", "p", link_share=1.0)),
        ("notice", RawBlock("We may earn a commission when you buy through links.", "p")),
        ("notice", RawBlock("If you buy something through this post, IGN may get a share.", "p")),
        ("notice", RawBlock("Like this story? Share it with a friend!", "p")),
        ("notice", RawBlock("Fehler gefunden? Jetzt melden.", "p")),
        ("notice", RawBlock("Spotted an error? Tell us.", "p")),
        ("notice", RawBlock("この記事は会員限定です。", "p")),
        ("notice", RawBlock("Esta funcionalidad es sólo para suscriptores", "p")),
        ("contact note", RawBlock("Get in touch by emailing us at news@x.co.uk.", "p")),
        ("contact note", RawBlock("Senden Sie uns Ihr Feedback an: briefe@zeitung.de", "p")),
        ("tags", RawBlock("Etiketler :", "list")),
        ("contributors", RawBlock("Redaktion: Marcus Bensmann, Elena Müller", "p")),
        ("contributors", RawBlock("Sendung: Antenne Brandenburg, 24.04.2024, 15:10 Uhr", "p")),
        ("promo", RawBlock("Dann unterstützen Sie uns bitte mit einer Spende.", "p")),
        ("embed label", RawBlock("Link zum YouTube-Inhalt", "p")),
        ("embed label", RawBlock("Embed", "p")),
        ("embed label", RawBlock("Empfohlener redaktioneller Inhalt", "head")),
        (
            "consent notice",
            RawBlock(
                "An dieser Stelle finden Sie einen von unseren Redakteuren ausgewählten, "
                "externen Inhalt, der den Artikel mit zusätzlichen Informationen anreichert.",
                "p",
            ),
        ),
    ],
)
def test_rule_drops_its_junk_and_keeps_prose(rule: str, junk: RawBlock) -> None:
    assert _fires(rule, junk)
    assert not _fires(rule, PROSE)


@pytest.mark.parametrize(
    "text",
    ["The embed code for the video is below.", "Embedded journalism", "YouTube video", "Inhalt"],
)
def test_words_about_embeds_are_not_embed_labels(text: str) -> None:
    assert not _fires("embed label", RawBlock(text, "p"))


@pytest.mark.parametrize(
    "text",
    [
        "http://www.shia-explained.com/my/archives/2364",
        "thekian1@entermedia.co.kr",
        "[2] Joint Commission National Patient Safety Goal: Alarm Management",
    ],
)
def test_linked_citation_is_kept(text: str) -> None:
    assert not _fires("linked teaser", RawBlock(text, "p", link_share=1.0))


def _closing_list(*shares: float) -> list[RawBlock]:
    items = [
        RawBlock(f"Story number {n}, with a teaser line", "list", link_share=share)
        for n, share in enumerate(shares)
    ]
    return [PROSE, PROSE, *items]


def test_closing_list_of_linked_items_is_dropped() -> None:
    blocks = _closing_list(0.5, 0.3, 1.0)
    assert [BOILERPLATE_RULES["link list"](b, blocks, n) for n, b in enumerate(blocks)] == [
        False,
        False,
        True,
        True,
        True,
    ]


@pytest.mark.parametrize(
    "blocks",
    [
        _closing_list(0.5, 0.5),  # two items: a pair of links can be the article's own
        _closing_list(0.5, 0.1, 0.5),  # one item is mostly text
        [*_closing_list(0.5, 0.5, 0.5), PROSE],  # the list does not close the body
        _closing_list(*[0.5] * 21),  # a long index is not a "more stories" box
    ],
)
def test_other_lists_are_kept(blocks: list[RawBlock]) -> None:
    assert not any(BOILERPLATE_RULES["link list"](b, blocks, n) for n, b in enumerate(blocks))


def test_closing_list_of_sources_is_kept() -> None:
    sources = [
        RawBlock(f"https://example.org/report-{n}", "list", link_share=1.0) for n in range(3)
    ]
    blocks = [PROSE, *sources]
    assert not any(BOILERPLATE_RULES["link list"](b, blocks, n) for n, b in enumerate(blocks))


def test_linked_sentence_is_kept() -> None:
    linked = RawBlock("The price dropped to its lowest level this year.", "p", link_share=1.0)
    assert not _fires("linked teaser", linked)


def test_comment_prompt_inside_prose_is_kept() -> None:
    text = (
        "Distilling a year of launches into a list is hard, and we surely left some favourites "
        "out. Leave a comment and let us know yours."
    )
    assert not _fires("comment policy", RawBlock(text, "p"))


@pytest.mark.parametrize(
    "text",
    [
        "For more stories like this, check our news page.",
        "Get your need-to-know latest news, feel-good stories, analysis and more",
        "Access the most recent journalism from Nature's award-winning team",
        "Explore the latest features & opinion covering groundbreaking research",
        "Get real-time updates and result insights on the CBSE 12 Result 2026.",
        "Folgst du schon 20 Minuten auf Whatsapp?",
    ],
)
def test_closing_calls_to_action_are_promo(text: str) -> None:
    assert _fires("promo", RawBlock(text, "p"), [PROSE, PROSE, RawBlock(text, "p")])


@pytest.mark.parametrize(
    "text",
    [
        "Get your flu jab before the winter, the health service said on Monday.",
        "Officials will access the latest figures on Monday and report on the news next week.",
        "Stories like this one are rare, the coroner said.",
        "Folgt man der Argumentation des Gerichts, ist der Vertrag nichtig.",
    ],
)
def test_closing_prose_that_reads_like_a_call_to_action_is_kept(text: str) -> None:
    assert not _fires("promo", RawBlock(text, "p"), [PROSE, PROSE, RawBlock(text, "p")])


PAYWALL_NOTE = RawBlock("この記事は会員限定です。", "p")
PAYWALL_BOX = [
    RawBlock("紙の新聞の定期購読者の方は、無料で会員登録できます。", "p"),
    RawBlock("会員向け記事が読み放題", "list"),
    RawBlock("おすすめ情報", "p"),
]


def test_the_box_after_a_paywall_note_closing_the_body_goes() -> None:
    blocks = [PROSE, PROSE, PAYWALL_NOTE, *PAYWALL_BOX]
    fired = [_fires("after paywall", b, blocks) for b in blocks]
    assert fired == [False, False, False, True, True, True]


def test_the_article_going_on_after_a_paywall_note_is_kept() -> None:
    # a teaser for another, paid story set mid-article: the article's paragraphs follow
    long = RawBlock(PROSE.text * 3, "p")
    blocks = [PROSE, PAYWALL_NOTE, PAYWALL_BOX[0], long, PROSE]
    assert not any(_fires("after paywall", b, blocks) for b in blocks)
    # and with no paywall note, a page's closing short lines stay
    blocks = [PROSE, *PAYWALL_BOX]
    assert not any(_fires("after paywall", b, blocks) for b in blocks)


def test_tail_rules_only_fire_at_the_end() -> None:
    credit = RawBlock("(Reporting by Ann Lee; Editing by Bo Chan)", "p")
    blocks = [credit] + [PROSE] * 8
    assert not BOILERPLATE_RULES["contributors"](credit, blocks, 0)
    blocks = [PROSE] * 8 + [credit]
    assert BOILERPLATE_RULES["contributors"](credit, blocks, 8)


def test_description_that_is_the_lead_paragraph_stays_body() -> None:
    lead = "The council of the harbour town voted on Tuesday evening to rebuild its sea wall."
    blocks = [RawBlock(lead, "p"), PROSE]
    cleaned = clean_blocks(blocks, PageMeta(description=lead[:70] + "..."))
    assert cleaned.description_is_lead and cleaned.standfirst is None
    assert [b.text for _, b in cleaned.kept] == [lead, PROSE.text]


def test_cms_excerpt_across_dek_byline_and_lede_is_no_standfirst() -> None:
    # WordPress writes the page's first words into the description, whatever they are, and
    # ends it with "[…]": as the standfirst it printed the opening twice, byline and all.
    blocks = [
        RawBlock("…as villages cry foul over lost livelihoods", "p"),
        RawBlock("Ann Lee/Bo Chan", "p"),
        RawBlock("A quarry company has come under heavy criticism from five villages.", "p"),
        RawBlock("Residents say blasting cracks their walls and drives their cattle away.", "p"),
    ]
    words = " ".join(b.text for b in blocks).split()
    excerpt = "Share this " + " ".join(words[:32]) + " […]"  # into the fourth block
    assert clean_blocks(blocks, PageMeta(description=excerpt)).description_is_lead


@pytest.mark.parametrize(
    "summary",
    [
        # a summary written for the page: the same words, not a run of them
        "Five villages say a quarry company's blasting cracks walls and drives cattle away, "
        "and the company has come under criticism...",
        # the opening, but not cut off: a dek may repeat it (the other checks judge that)
        "A quarry company has come under heavy criticism from five villages over blasting.",
        "A quarry company has come under...",  # too short to tell
    ],
)
def test_summary_that_is_not_an_excerpt(summary: str) -> None:
    text = (
        "A quarry company has come under heavy criticism from five villages. Residents say "
        "blasting cracks their walls and drives their cattle away."
    )
    assert not excerpt_of(summary, text)
    assert excerpt_of(" ".join(text.split()[:14]) + "...", text)


def test_dek_styled_block_becomes_standfirst() -> None:
    dek = RawBlock(
        "Councillors backed a plan after two winters of floods.", "p", css="article-lead"
    )
    cleaned = clean_blocks([dek, PROSE], PageMeta(description=dek.text))
    assert cleaned.standfirst == dek.text
    assert [r.reason for r in cleaned.removed] == ["standfirst"]


def test_headline_printed_twice_does_not_use_up_the_lead_window() -> None:
    # WDR's layout: the headline, a player label, the headline again, a timestamp, then the dek.
    title = "Feuerwehrleute sollen später in Pension"
    dek = RawBlock(
        "Schon im Herbst hatte das Vorhaben für Empörung gesorgt, heute berät der Landtag.",
        "p",
        css="einleitung small",
    )
    blocks = [
        RawBlock(title, "head"),
        RawBlock("02:57 Min.", "p"),
        RawBlock(title, "head"),
        RawBlock("Stand: 22.04.2024, 06:00 Uhr", "p"),
        dek,
        PROSE,
    ]
    cleaned = clean_blocks(blocks, PageMeta(title=title), [title])
    assert cleaned.standfirst == dek.text
    assert [r.reason for r in cleaned.removed][:2] == ["headline", "standfirst"]


def test_lead_window_still_ends_after_four_other_blocks() -> None:
    dek = RawBlock("Councillors backed a plan after two winters of floods.", "p", css="lead")
    labels = [RawBlock(f"Label {n}", "p") for n in range(4)]
    cleaned = clean_blocks([*labels, dek, PROSE], PageMeta(description="A summary."))
    assert cleaned.standfirst is None


def test_drop_cap_paragraph_is_body_not_dek() -> None:
    # "has-dropcap__lead-standard-heading" names "lead", but a drop cap opens the body.
    lead = RawBlock(PROSE.text, "p", css="has-dropcap has-dropcap__lead-standard-heading")
    cleaned = clean_blocks([lead, PROSE], PageMeta(description="A summary for search."))
    assert cleaned.standfirst is None
    assert len(cleaned.kept) == 2


def test_no_dek_after_body_prose() -> None:
    # A "subtitle" block below the first paragraph is a related-article teaser.
    teaser = RawBlock("Read more", "p", css="subtitle")
    cleaned = clean_blocks([PROSE, teaser], PageMeta(description="A summary for search."))
    assert cleaned.standfirst is None


def test_heading_that_prints_the_headline_without_its_kicker_leaves_the_body() -> None:
    head = RawBlock("Voigt, Höcke und der Vorwurf einer Lüge", "head")
    titles = ["Landtagswahl in Thüringen: Voigt, Höcke und der Vorwurf einer Lüge"]
    cleaned = clean_blocks([head, PROSE], PageMeta(title=titles[0]), titles)
    assert [r.reason for r in cleaned.removed] == ["headline"]
    assert [b.text for _, b in cleaned.kept] == [PROSE.text]


def test_paragraph_with_the_headline_words_stays_body() -> None:
    # Only a heading is compared by words: a paragraph must equal the title as written.
    para = RawBlock("Voigt, Höcke und der Vorwurf einer Lüge", "p")
    titles = ["Landtagswahl in Thüringen: Voigt, Höcke und der Vorwurf einer Lüge"]
    cleaned = clean_blocks([para, PROSE], PageMeta(title=titles[0]), titles)
    assert len(cleaned.kept) == 2


def test_headline_prefers_h1_and_strips_site_names() -> None:
    assert strip_site("Sea wall vote | The Courier", "The Courier") == "Sea wall vote"
    assert strip_site("Sea wall vote - The Courier", "courier") == "Sea wall vote"
    assert strip_site("Storm hits town - then the sea wall held", None) == (
        "Storm hits town - then the sea wall held"
    )
    h1s = ["Menu", "Harbour town votes to rebuild its sea wall"]
    title = "Harbour town votes to rebuild its sea wall | Courier"
    assert choose_headline(TitleSources(title=title, h1s=tuple(h1s), sites=("Courier",))) == h1s[1]


def test_author_note_and_names_again_leave_the_body() -> None:
    names = RawBlock("Ann Lee, Bo Chan", "p")
    note = RawBlock("Ann Lee is the Courier's harbour correspondent. Follow her on Mastodon.", "p")
    blocks = [names, PROSE, PROSE, PROSE, note]
    cleaned = clean_blocks(blocks, PageMeta(authors=["Ann Lee", "Bo Chan"]))
    assert [(r.text, r.reason) for r in cleaned.removed] == [
        (names.text, "byline"),
        (note.text, "author note"),
    ]
    assert [b.text for _, b in cleaned.kept] == [PROSE.text] * 3


def test_author_named_high_in_the_body_stays() -> None:
    # Only the last blocks are read as author notes: higher up the author may be in the news.
    mention = RawBlock("Ann Lee is the Courier's harbour correspondent and saw the wall fall.", "p")
    blocks = [PROSE, mention, PROSE, PROSE, PROSE]
    cleaned = clean_blocks(blocks, PageMeta(authors=["Ann Lee"]))
    assert not cleaned.removed


def test_writer_named_in_the_body_replaces_a_byline_that_is_the_site() -> None:
    writer = RawBlock("Lê Phương", "p")
    meta = PageMeta(authors=["VnExpress"], site="vnexpress.net", url="https://vnexpress.net/x")
    cleaned = clean_blocks([PROSE, PROSE, writer], meta)
    assert cleaned.authors == ["Lê Phương"]
    assert [r.reason for r in cleaned.removed] == ["byline"]
    # A personal byline is never replaced, and the line stays body text.
    personal = clean_blocks([PROSE, PROSE, writer], PageMeta(authors=["Ann Lee"], site="Courier"))
    assert not personal.authors and not personal.removed


def test_a_columnists_signature_with_an_address_is_kept() -> None:
    signature = RawBlock("정덕현 칼럼니스트 thekian1@entermedia.co.kr", "p")
    assert not _fires("contact note", signature, [PROSE, PROSE, signature])


def test_table_header_printed_again_is_dropped() -> None:
    head = RawBlock("Pos | Player | Plays", "table")
    rows = [RawBlock(f"DL | Player {n} | {60 - n}", "table") for n in range(3)]
    blocks = [PROSE, head, head, *rows, head, PROSE, head]
    fired = [BOILERPLATE_RULES["table header again"](b, blocks, n) for n, b in enumerate(blocks)]
    # the footer copy and the repeat after the rows go; a new table's first row stays
    assert fired == [False, False, True, False, False, False, True, False, False]


#: Characters Python's case-insensitive matching equates with ASCII letters that lowercasing
#: does not turn into them ("ı" matches "i"); real notices do not spell words with them.
_SPECIAL_CASES = set("İıſK")


@pytest.mark.parametrize(
    ("pattern", "stems"),
    [(rules.NOTICE, rules.NOTICE_STEMS), (rules.COMMENT_POLICY, rules.COMMENT_STEMS)],
)
@given(data=st.data())
def test_prefilter_stems_are_in_every_match(
    pattern: re.Pattern[str], stems: tuple[str, ...], data: st.DataObject
) -> None:
    text = data.draw(st.from_regex(pattern))
    match = pattern.search(text)
    assume(match is not None and not _SPECIAL_CASES & set(match.group(0)))
    assert any(stem in match.group(0).lower() for stem in stems)
