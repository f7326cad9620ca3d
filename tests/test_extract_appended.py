"""A story the page appends below its own (`copydesk.extract.appended`): cut, and only that."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import copydesk
from copydesk.extract.appended import MAX_ARTICLE_TAGS, MAX_BLOCKS, MAX_H1, appended_from
from copydesk.extract.headline import TitleSources
from copydesk.extract.xmlblocks import RawBlock

HEADLINE = "Harbour town votes to rebuild its sea wall"
NEXT = "Striker returns to his old club as interim manager"
OWN = [
    "The council of the harbour town voted on Tuesday evening to rebuild its sea wall.",
    "Work is to start in spring and should take two years, the mayor said after the vote.",
    "The summary was written by a machine and checked by an editor.",
]
OTHER = [
    "Rumours of the striker's return began on Monday evening and grew louder overnight.",
    "The club's sporting director is said to see him as the leading candidate for the role.",
    "The summary was written by a machine and checked by an editor.",
]
TITLES = TitleSources(og=HEADLINE, title=f"{HEADLINE} | Gazette", h1s=(HEADLINE, NEXT))
BLOCKS = [RawBlock(t, "p") for t in OWN + OTHER]


def _story(h1: str, paragraphs: list[str], attrs: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<article{attrs}><h1>{h1}</h1>{body}</article>"


def _page(main: str, head_extra: str = "") -> str:
    return (
        f'<html><head><meta property="og:title" content="{HEADLINE}">{head_extra}</head>'
        f"<body>{main}</body></html>"
    )


def test_story_appended_in_an_article_of_its_own_is_found() -> None:
    page = _page(_story(HEADLINE, OWN) + _story(NEXT, OTHER, ' id="second-article"'))
    assert appended_from(page, TITLES, HEADLINE, BLOCKS) == len(OWN)


def test_teaser_articles_inside_the_story_do_not_end_it() -> None:
    # Dagbladet nests advert previews (articles of their own) inside the article itself.
    teaser = "<article class='preview'><h2>Read also</h2></article>"
    own = _story(HEADLINE, OWN[:1]).replace("</article>", teaser + f"<p>{OWN[1]}</p></article>")
    page = _page(own + _story(NEXT, OTHER))
    blocks = [RawBlock(t, "p") for t in OWN[:2] + OTHER]
    assert appended_from(page, TITLES, HEADLINE, blocks) == 2


def test_text_both_stories_print_is_cut_with_the_appended_one() -> None:
    page = _page(_story(HEADLINE, OWN) + _story(NEXT, OTHER))
    blocks = [RawBlock(t, "p") for t in OWN[:2] + OTHER]
    assert appended_from(page, TITLES, HEADLINE, blocks) == 2


def test_second_h1_in_the_same_article_is_not_a_new_story() -> None:
    # A subtitle or a photo caption set as an h1 (The Namibian, Taipei Times).
    page = _page(f"<article><h1>{HEADLINE}</h1><p>{OWN[0]}</p><h1>{NEXT}</h1><p>{OTHER[0]}</p>")
    assert appended_from(page, TITLES, HEADLINE, BLOCKS) is None


def test_article_nested_inside_the_story_is_not_appended() -> None:
    # A teaser card with an h1 of its own, set inside the story before its last paragraph.
    card = f"<article class='card'><h1>{NEXT}</h1><p>{OTHER[0]}</p></article>"
    own = _story(HEADLINE, OWN[:1]).replace("</article>", card + f"<p>{OWN[1]}</p></article>")
    blocks = [RawBlock(t, "p") for t in (OWN[0], OTHER[0], OWN[1])]
    assert appended_from(_page(own), TITLES, HEADLINE, blocks) is None


def test_headline_outside_any_article_gives_no_structure_to_go_by() -> None:
    page = _page(f"<div><h1>{HEADLINE}</h1><p>{OWN[0]}</p></div>" + _story(NEXT, OTHER))
    assert appended_from(page, TITLES, HEADLINE, BLOCKS) is None


def test_logo_h1_before_the_headline_is_not_the_story() -> None:
    # Nettavisen's first h1 is its logo: the story starts at the second.
    titles = TitleSources(og=HEADLINE, h1s=("Gazette", HEADLINE))
    page = _page("<article><h1>Gazette</h1></article>" + _story(HEADLINE, OWN))
    assert appended_from(page, titles, HEADLINE, BLOCKS[:3]) is None


def test_article_that_wraps_both_h1s_is_not_appended() -> None:
    inner = f"<section><h1>{HEADLINE}</h1><p>{OWN[0]}</p></section>"
    page = _page(f"<article><article>{inner}</article><h1>{NEXT}</h1><p>{OTHER[0]}</p></article>")
    assert appended_from(page, TITLES, HEADLINE, BLOCKS) is None


def test_copy_in_the_head_does_not_place_a_block() -> None:
    # JSON-LD in the head repeats the appended story's text before either article.
    ld = f'<script type="application/ld+json">{{"articleBody": "{OTHER[0]}"}}</script>'
    page = _page(_story(HEADLINE, OWN[:2]) + _story(NEXT, OTHER), ld)
    blocks = [RawBlock(t, "p") for t in OWN[:2] + OTHER[:1]]
    assert appended_from(page, TITLES, HEADLINE, blocks) == 2


def test_markup_is_searched_only_where_two_visible_h1s_were_read() -> None:
    # The page's visible h1s come from reading its metadata; with one, nothing is searched.
    titles = TitleSources(og=HEADLINE, h1s=(HEADLINE,))
    page = _page(_story(HEADLINE, OWN) + _story(NEXT, OTHER))
    assert appended_from(page, titles, HEADLINE, BLOCKS) is None


def test_record_cuts_the_appended_story_and_says_so() -> None:
    # In a shared body container trafilatura reads both stories (alone, only the first).
    own = [*OWN[:2], "The wall was first built in 1890 and was last repaired in the 1970s."]
    stories = _story(HEADLINE, own) + _story(NEXT, OTHER)
    art = copydesk.parse(_page(f'<div class="article-body">{stories}</div>'), format="html")
    assert art.body == own
    cut = [r for r in art.removed if r.reason == "appended article"]
    assert [r.text for r in cut] == [NEXT, *OTHER]
    assert art.headline == HEADLINE


def test_h1s_and_blocks_looked_at_are_bounded() -> None:
    # A hostile page's thousands of h1s and blocks: the search stops at MAX_H1 and MAX_BLOCKS.
    fillers = "".join(f"<article><h1>{HEADLINE}</h1></article>" for _ in range(MAX_H1))
    page = _page(fillers + _story(NEXT, OTHER))
    assert appended_from(page, TITLES, HEADLINE, BLOCKS) is None
    page = _page(_story(HEADLINE, OWN) + _story(NEXT, OTHER))
    padding = [RawBlock(OWN[0], "p")] * MAX_BLOCKS
    assert appended_from(page, TITLES, HEADLINE, padding + BLOCKS[3:]) is None
    assert appended_from(page, TITLES, HEADLINE, padding[1:] + BLOCKS[3:]) == MAX_BLOCKS - 1
    # Two tags for the story, two a card, one opening the next story.
    card, cards = "<article><p>card</p></article>", (MAX_ARTICLE_TAGS - 3) // 2
    fits = _page(_story(HEADLINE, OWN) + card * cards + _story(NEXT, OTHER))
    assert appended_from(fits, TITLES, HEADLINE, BLOCKS) == len(OWN)
    too_many = _page(_story(HEADLINE, OWN) + card * (cards + 1) + _story(NEXT, OTHER))
    assert appended_from(too_many, TITLES, HEADLINE, BLOCKS) is None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/ah1rticle ps")), max_size=300))
def test_any_markup_gives_an_index_or_none(markup: str) -> None:
    page = _page(_story(HEADLINE, OWN[:1]) + markup + _story(NEXT, OTHER[:1]))
    found = appended_from(page, TITLES, HEADLINE, BLOCKS)
    assert found is None or 0 <= found < len(BLOCKS)
