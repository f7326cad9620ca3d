"""The dek printed in a page's header (`copydesk.extract.dek`) and which standfirst wins."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import copydesk
from copydesk.extract.dek import completed_description, printed_on_page, template_dek
from copydesk.extract.markup import TAG
from copydesk.extract.xmlblocks import RawBlock

DEK = "Councillors backed the plan after two winters of floods ruined the promenade."
BODY = (
    "The council of the harbour town voted on Tuesday evening to rebuild its sea wall, "
    "ending a debate that had run for three years."
)
MORE = "Work is to start in spring and should take two years, the mayor said after the vote."
BLOCKS = [RawBlock(BODY, "p"), RawBlock(MORE, "p")]


def _page(header: str, description: str = "A summary written for search engines only.") -> str:
    return (
        f'<html><head><title>Sea wall to be rebuilt</title><meta name="description" '
        f'content="{description}"></head><body><article><h1>Sea wall to be rebuilt</h1>'
        f"{header}<p>{BODY}</p><p>{MORE}</p><p>{MORE} Again.</p></article></body></html>"
    )


def test_header_dek_is_found() -> None:
    assert template_dek(_page(f'<h2 class="article-excerpt">{DEK}</h2>'), BLOCKS) == DEK


@pytest.mark.parametrize(
    "css", ["article__desc", "art_synopsis", "standfirst", "c-article-dek", "intro-text"]
)
def test_dek_class_names(css: str) -> None:
    # Le Monde's "article__desc" and the Times of India's "art_synopsis" among them.
    assert template_dek(_page(f'<p class="{css}">{DEK}</p>'), BLOCKS) == DEK


@pytest.mark.parametrize(
    "css",
    ["describe-me", "synopsisbox", "image-caption", "byline-lead", "image-desc", "related-teaser"],
)
def test_other_class_names_are_not_deks(css: str) -> None:
    assert template_dek(_page(f'<p class="{css}">{DEK}</p>'), BLOCKS) is None


def test_dek_in_sibling_paragraphs_is_joined() -> None:
    header = '<p class="lead">Floods ruined it twice.</p><p class="lead">Now it is rebuilt.</p>'
    assert template_dek(_page(header), BLOCKS) == "Floods ruined it twice. Now it is rebuilt."


@pytest.mark.parametrize(
    "above", ["", "<h2>Coastal defences</h2><p>Photo by the council archive.</p>"]
)
def test_a_kept_dek_below_other_header_lines_is_printed_once(above: str) -> None:
    # the structure stage moves a block equal to the standfirst only from the first two lines
    art = copydesk.parse(_page(f'{above}<div class="intro"><p>{DEK}</p></div>'), format="html")
    assert art.standfirst == DEK and DEK not in art.body
    assert [r.text for r in art.removed if r.reason == "standfirst"] == [DEK]


def test_a_list_of_related_links_is_not_a_dek() -> None:
    items = "".join(
        f'<li><a href="/{n}">{t}</a></li>'
        for n, t in enumerate(
            ["Storm damage bill for the coast tops ten million", "Harbour master resigns"]
        )
    )
    assert template_dek(_page(f'<ul class="teaser-list">{items}</ul>'), BLOCKS) is None


@pytest.mark.parametrize(
    "attrs",
    ['data-manual="teaserText" class="css-1485smx"', 'data-testid="article-lead"', "data-qa=intro"],
)
def test_a_dek_named_only_in_a_data_attribute_is_found(attrs: str) -> None:
    # Sites styled with generated classes name the dek in a data attribute (Süddeutsche).
    found = template_dek(_page(f"<p {attrs}>{DEK}</p>"), BLOCKS)
    assert found == (None if attrs == "data-qa=intro" else DEK)  # quoted values only


@pytest.mark.parametrize(
    "attrs",
    [
        'data-ad-type="leaderboardWallpaper"',
        'data-src="/img/lead.jpg"',
        'data-id="7"',
        # found by a reviewer: a byline and a caption named in data attributes became the dek
        'data-testid="byline-lead"',
        'data-testid="image-desc"',
    ],
)
def test_other_data_attributes_say_nothing(attrs: str) -> None:
    assert template_dek(_page(f"<p {attrs}>{DEK}</p>"), BLOCKS) is None


def test_a_run_of_linked_teasers_is_not_a_dek() -> None:
    # t-online's header: "TeaserSchlagzeile" blocks of links to other stories
    teaser = '<div data-sctrack="TeaserSchlagzeile"><a href="/{n}">{t}</a></div>'
    header = "".join(
        teaser.format(n=n, t=t)
        for n, t in enumerate(
            ["Presenter leaves the morning show", "Unexpected turn in murder case"]
        )
    )
    assert template_dek(_page(header), BLOCKS) is None


def test_a_bulleted_summary_is_read_point_by_point() -> None:
    header = (
        '<ul class="summary-list"><li>Floods ruined it twice.</li><li>Now it is rebuilt.</li></ul>'
    )
    assert template_dek(_page(header), BLOCKS) == "Floods ruined it twice. Now it is rebuilt."


def test_a_dek_of_several_blocks_kept_in_the_body_leaves_it_once() -> None:
    # Business Insider's summary points, inside <article>: extraction keeps each as a block,
    # and the dek read whole from the header equals none of them; it was printed twice.
    points = ["Floods ruined the promenade twice in two winters.", "Now the council rebuilds it."]
    items = "".join(f"<li>{p}</li>" for p in points)
    art = copydesk.parse(_page(f'<ul class="summary-list">{items}</ul>'), format="html")
    assert art.standfirst == " ".join(points)
    assert art.meta["standfirst_from"] == "page header"
    assert not set(points) & set(art.body) and art.body[0] == BODY
    assert [r.text for r in art.removed if r.reason == "standfirst"] == points


def test_hidden_and_author_elements_are_not_deks() -> None:
    hidden = (
        '<div class="intro-body__premium hidden">This content is reserved for subscribers.</div>'
    )
    author = '<div class="author-description">Jane Roe writes about coastal towns and tides.</div>'
    assert template_dek(_page(hidden + author), BLOCKS) is None


def test_no_dek_is_looked_for_past_the_first_body_paragraph() -> None:
    page = _page("").replace(
        f"<p>{MORE}</p>",
        f'<p>{MORE}</p><div class="teaser">Read our other stories about the coast.</div>',
    )
    assert template_dek(page, BLOCKS) is None


def test_labels_and_link_lists_are_too_short_or_too_long() -> None:
    assert template_dek(_page('<p class="subtitle">Read more</p>'), BLOCKS) is None
    long = " ".join(["word"] * 120)
    assert template_dek(_page(f'<div class="summary">{long}</div>'), BLOCKS) is None


def test_page_without_visible_h1_has_no_header_dek() -> None:
    page = _page(f'<p class="standfirst">{DEK}</p>').replace("<h1>", '<h1 class="sr-only">')
    assert template_dek(page, BLOCKS) is None


def test_headline_set_in_an_h2_starts_the_header() -> None:
    # Stern and Die Welt print the headline in an h2 (with a kicker) and have no h1 readers see.
    h2 = '<h2 class="title"><span class="kicker">Coast</span> Sea wall to be rebuilt</h2>'
    page = _page(f'<p class="standfirst">{DEK}</p>').replace("<h1>Sea wall to be rebuilt</h1>", h2)
    assert template_dek(page, BLOCKS) is None  # which h2 is the headline is not known
    assert template_dek(page, BLOCKS, "Sea wall to be rebuilt") == DEK
    assert template_dek(page, BLOCKS, "Harbour closes for winter") is None


def test_a_caption_under_the_headline_is_not_the_dek() -> None:
    caption = (
        '<figure><img src="wall.jpg"><figcaption><div class="image-element__description">'
        "The old sea wall at high tide, seen from the pier</div></figcaption></figure>"
    )
    assert template_dek(_page(caption + f'<p class="intro">{DEK}</p>'), BLOCKS) == DEK
    credit = '<p class="caption-desc">The old sea wall at high tide, seen from the pier</p>'
    assert template_dek(_page(credit), BLOCKS) is None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' abcdhlpiv1-")), max_size=400))
def test_any_markup_gives_text_or_none(markup: str) -> None:
    page = "<h1>Title</h1>" + markup
    out = template_dek(page, BLOCKS)
    assert out is None or isinstance(out, str)


def test_record_takes_the_printed_dek_over_the_description() -> None:
    # The dek sits in the page header, outside <article>: extraction leaves it out.
    dek = f'<h2 class="article-excerpt">{DEK}</h2>'
    head = f"<h1>Sea wall to be rebuilt</h1>{dek}"
    page = _page(dek).replace(f"<article>{head}", f'<header class="top">{head}</header><article>')
    art = copydesk.parse(page, format="html")
    assert art.standfirst == DEK
    assert art.meta["standfirst_from"] == "page header"
    assert DEK not in art.body


def test_dek_kept_as_a_body_paragraph_is_the_standfirst() -> None:
    # The element styled as the dek wraps a paragraph extraction kept (its class is on the
    # wrapper, so the block itself does not say so): that text is the printed dek, moved out
    # of the body once; the description, written for search, is not printed on the page and
    # used to become the standfirst beside it.
    dek = f'<div class="intro"><p>{DEK}</p></div>'
    art = copydesk.parse(_page(dek), format="html")
    assert art.standfirst == DEK
    assert art.meta["standfirst_from"] == "page header"
    assert art.body[0] == BODY and DEK not in art.body


PRINTED = "Councillors backed the plan after two winters of floods ruined the promenade."


def test_description_printed_on_the_page_is_the_fallback_standfirst() -> None:
    # Printed under the headline, outside <article> and not styled as a dek; set in lines
    # with <br> (MBN) and with an entity, it is still the text the page shows.
    shown = PRINTED.replace("after two", "after<br/>two").replace(
        "the promenade", "the&#32;promenade"
    )
    head = "<h1>Sea wall to be rebuilt</h1>"
    page = _page("", PRINTED).replace(
        f"<article>{head}", f"<header>{head}<div>{shown}</div></header><article>"
    )
    art = copydesk.parse(page, format="html")
    assert art.standfirst == PRINTED
    assert art.meta["standfirst_from"] == "description"


def test_description_the_page_never_prints_is_no_standfirst() -> None:
    # Only in the head's metadata and in JSON-LD: a summary for search engines and link
    # previews (BBC, TechCrunch, Metro; a Korean page's machine summary), not a dek.
    summary = "A summary written for search engines only."
    ld = f'<script type="application/ld+json">{{"description": "{summary}"}}</script>'
    art = copydesk.parse(_page(ld), format="html")
    assert art.standfirst is None
    assert art.body[0] == BODY


@pytest.mark.parametrize(
    ("description", "page", "printed"),
    [
        (PRINTED, f"<body><p>{PRINTED}</p></body>", True),
        # the ending cut or edited for search: the opening words are what is looked for
        (PRINTED[:60] + "...", f"<body><p>{PRINTED}</p></body>", True),
        (PRINTED, f'<head><meta content="{PRINTED}"></head><body><p>Other.</p></body>', False),
        (PRINTED, f"<body><img alt='{PRINTED}'><p>Other.</p></body>", False),
        (PRINTED, f"<body><script>var d = '{PRINTED}';</script></body>", False),
        ("", f"<body><p>{PRINTED}</p></body>", False),
    ],
)
def test_printed_on_page(description: str, page: str, printed: bool) -> None:
    assert printed_on_page(description, page) is printed


def test_printed_on_page_reads_past_closed_scripts_and_stops_at_an_open_one() -> None:
    shown = f"<body><script>var a = 1;</script><p>{PRINTED}</p></body>"
    assert printed_on_page(PRINTED, shown)
    assert not printed_on_page(PRINTED, f"<body><script>var a = 1;<p>{PRINTED}</p></body>")
    # a thousand unclosed tags: one pass, not one scan to the end per tag
    assert not printed_on_page(PRINTED, "<body>" + "<script>" * 1000 + "x" * 100_000)


def test_only_the_first_few_dek_styled_elements_are_read() -> None:
    # A header has one or two; a page of thousands (nested "intro" divs) must not cost a
    # parse each, so the search stops after `MAX_TRIES` of them.
    from copydesk.extract.dek import MAX_TRIES

    labels = [f'<p class="lead n{i}">Read</p>' for i in range(MAX_TRIES)]
    dek = f'<p class="lead">{DEK}</p>'
    assert template_dek(_page("".join(labels) + dek), BLOCKS) is None
    assert template_dek(_page("".join(labels[1:]) + dek), BLOCKS) == DEK


CUT = "Hanna went missing on Tuesday. The police have found clothes, says Johan Hå"


def test_description_cut_inside_a_word_is_finished_from_the_body() -> None:
    body = (
        "<body><p>Hanna went missing on Tuesday.</p><p>The police have found clothes, says "
        "Johan Håkansson of the police. </p><p>More text.</p></body>"
    )
    assert completed_description(CUT, body) == CUT + "kansson of the police."


@pytest.mark.parametrize(
    "page",
    [
        # The page has a space (or a tag) after the last word: the description ends a word.
        "<body><p>The police have found clothes, says Johan Hå and others.</p></body>",
        "<body><p>The police have found clothes, says Johan Hå</p></body>",
        # Only a copy in the head: the body never prints it (in either case of the tag).
        '<head><meta content="have found clothes, says Johan Håkansson"></head><body></body>',
        '<HEAD><META CONTENT="have found clothes, says Johan Håkansson"></HEAD><BODY></BODY>',
        # No tag within reach to end the text at.
        "<body><p>found clothes, says Johan Håkansson" + "x" * 400,
    ],
)
def test_description_is_left_as_it_is(page: str) -> None:
    assert completed_description(CUT, page) is None


def test_description_ending_a_sentence_is_never_finished() -> None:
    done = "The council backed the plan after two winters of floods ruined the promenade."
    assert completed_description(done, f"<body><p>{done}x</p></body>") is None


def test_record_says_the_standfirst_was_finished() -> None:
    header = (
        "<p>Hanna went missing on Tuesday.</p><p>The police have found clothes, says Johan "
        "Håkansson of the police.</p>"
    )
    # In the page header, outside <article>: extraction leaves it out of the body.
    head = f"<h1>Sea wall to be rebuilt</h1>{header}"
    page = _page(header, CUT).replace(f"<article>{head}", f"<header>{head}</header><article>")
    art = copydesk.parse(page, format="html")
    assert art.standfirst == CUT + "kansson of the police."
    assert art.meta["standfirst_from"] == "description, finished from the page"


def test_printed_description_found_past_what_the_fast_search_looks_at() -> None:
    # the text around each place the probe's longest ASCII word is written is folded, not the
    # whole page (9 ms a page); these are the cases where that must not change the answer
    desc = "Harbour authorities reopened the northern quay to fishing boats on Monday morning."
    said = "<p>Harbour authorities reopened the northern quay to fishing boats on Monday.</p>"
    # the word written more often than the places looked at, the print after them all
    many = "<p>northern</p>" * 30
    assert printed_on_page(desc, f"<html><body>{many}{said}</body></html>")
    # "İ" lowercases to two characters: positions in the lowered page must still agree
    turkish = "<p>" + "İstanbul " * 50 + "</p>"
    assert printed_on_page(desc, f"<html><body>{turkish}<script>x</script>{said}</body></html>")
    assert not printed_on_page(desc, f"<html><body>{turkish}<script>{said}</script></body></html>")
    # words set apart by markup far from the longest word
    spread = said.replace(" the ", " <span class='x'>" + " " * 2500 + "</span>the ")
    assert printed_on_page(desc, f"<html><body>{spread}</body></html>")


def test_printed_description_in_another_unicode_form() -> None:
    # Chunichi: the description and the article write "１３日" in full-width digits, a teaser
    # of the same story (cut short) in ASCII digits; the article's print is what counts
    desc = (
        "１３日午後９時１９分ごろ、宮崎県で震度５弱の地震があった。"
        "気象庁によると、震源地は日向灘で、震源の深さは約３６キロ。"
    )
    cut = "13日午後9時19分ごろ、宮崎県で震度5弱の地震があった。気象庁によると、震源の深..."
    teaser = f"<p><a href='/a'>{cut}</a></p>"
    body = f"<p>{desc}</p>"
    assert printed_on_page(desc, f"<html><body>{teaser}{body}</body></html>")
    assert not printed_on_page(desc, f"<html><body>{teaser}</body></html>")


def _printed_by_folding_the_page(description: str, page: str) -> bool:
    """The reference: the whole page's shown text folded, as the check first did it."""
    import html as html_lib
    import re

    from copydesk.extract.markup import body_start
    from copydesk.extract.match import word_key

    words = word_key(description).split()
    probe = words[:8] if len(words) > 8 else words[:-1]
    if not probe:
        return False
    body = page[body_start(page) :]
    shown = re.sub(r"<(script|style)\b.*?(</\1|$)", " ", body, flags=re.S | re.I)
    text = word_key(html_lib.unescape(TAG.sub(" ", shown)))
    return f" {' '.join(probe)} " in f" {text} "


_PIECES = st.sampled_from(
    [
        "<p>The northern quay reopened to fishing boats on Monday after repairs.</p>",
        "<p>Fishing boats were kept in port by the storm for a week.</p>",
        "<script>var d = 'The northern quay reopened to fishing boats';</script>",
        "<style>p { color: red }</style>",
        "<a href='/a?" + "x" * 3000 + "'>more</a>",
        "<p>The <b>northern</b> quay<br>reopened to fishing boats on Monday.</p>",
        "<p>İstanbul ferries ran as usual.</p>",
        "<p>northern northern northern</p>",
        "<div>Boats</div>",
    ]
)


@settings(max_examples=200, deadline=None)
@given(pieces=st.lists(_PIECES, max_size=12), description=_PIECES)
def test_printed_on_page_agrees_with_folding_the_whole_page(
    pieces: list[str], description: str
) -> None:
    page = "<html><head><title>t</title></head><body>" + "".join(pieces) + "</body></html>"
    text = " ".join(TAG.sub(" ", description).split())
    assert printed_on_page(text, page) == _printed_by_folding_the_page(text, page)
