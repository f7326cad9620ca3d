"""Embedded tweets trafilatura dropped go back after the block the page prints before them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import copydesk
from copydesk.extract.tweets import MAX_TWEETS, restore_tweets
from copydesk.extract.xmlblocks import RawBlock

P1 = "South Dakota launched an anti-drug campaign this week with the slogan on billboards."
P2 = "The state has paid the agency nearly $449,000 so far this year, the report says."
P3 = "The governor defended the campaign on Tuesday, saying it had people talking."
TWEET = "Yes this is real and yes the state spent nearly half a million dollars on it"
BY = "— Dianna E. Anderson (@diannaeanderson) November 18, 2019"


def _tweet(text: str = TWEET) -> str:
    return (
        '<div class="social-media-embed"><blockquote class="twitter-tweet"><p lang="en">'
        f'{text} <a href="https://t.co/x">https://t.co/x</a></p>'
        f'— Dianna E. Anderson (@diannaeanderson) <a href="https://twitter.com/d/1">November '
        "18, 2019</a></blockquote></div>"
    )


PAGE = f"<body><article><p>{P1}</p>{_tweet()}<p>{P2}</p><p>{P3}</p></article></body>"
BLOCKS = [RawBlock(P1, "p"), RawBlock(P2, "p"), RawBlock(P3, "p")]


def test_a_dropped_tweet_goes_back_after_the_paragraph_before_it() -> None:
    blocks, restored = restore_tweets(PAGE, BLOCKS)
    assert restored == 1
    assert [(b.text, b.hint) for b in blocks] == [
        (P1, "p"),
        (f"{TWEET} https://t.co/x {BY}", "quote"),  # one block: a rule drops text and credit
        (P2, "p"),
        (P3, "p"),
    ]


def test_a_tweet_extraction_kept_is_not_added_again() -> None:
    # kept split at its line break, as trafilatura keeps a <br> inside the tweet
    kept = [BLOCKS[0], RawBlock("Yes this is real and yes", "quote"), *BLOCKS[1:]]
    kept.insert(
        2, RawBlock("the state spent nearly half a million dollars on it https://t.co/x", "quote")
    )
    assert restore_tweets(PAGE, kept) == (kept, 0)


def test_tweets_outside_the_article_stay_out() -> None:
    feed = "".join(_tweet(f"Feed post number {n} about something else entirely") for n in range(3))
    before = f"<body><aside>{feed}</aside><article><p>{P1}</p><p>{P2}</p><p>{P3}</p></article>"
    assert restore_tweets(before, BLOCKS) == (BLOCKS, 0)
    far = f"<body><article><p>{P1}</p><p>{P2}</p><p>{P3}</p></article>{'<div></div>' * 2000}"
    assert restore_tweets(far + feed, BLOCKS) == (BLOCKS, 0)
    # near the article's end, but in a box beside it
    near = f"<body><article><p>{P1}</p><p>{P2}</p><p>{P3}</p></article><aside>{feed}</aside>"
    assert restore_tweets(near, BLOCKS) == (BLOCKS, 0)
    # closing the article, inside it
    last = f"<body><article><p>{P1}</p><p>{P2}</p><p>{P3}</p>{_tweet()}</article>"
    assert restore_tweets(last, BLOCKS)[0][-1].text.startswith(TWEET)


def test_the_body_is_placed_where_the_article_prints_it_not_in_its_json_ld() -> None:
    # a JSON-LD articleBody above the article prints every paragraph first
    ld = f'<script type="application/ld+json">{{"articleBody": "{P1} {P2} {P3}"}}</script>'
    page = f"<body>{ld}<article><p>{P1}</p>{_tweet()}<p>{P2}</p><p>{P3}</p></article>"
    blocks, restored = restore_tweets(page, BLOCKS)
    assert restored == 1 and blocks[1].text.startswith(TWEET)


def test_minified_embed_code_and_lookalike_attributes() -> None:
    minified = _tweet().replace('class="twitter-tweet"', "class=twitter-tweet")
    page = f"<BODY><p>{P1}</p>{minified}<p>{P2}</p><p>{P3}</p>"
    assert restore_tweets(page, BLOCKS)[1] == 1
    lookalike = _tweet().replace('class="twitter-tweet"', 'data-class="twitter-tweet"')
    assert restore_tweets(f"<body><p>{P1}</p>{lookalike}<p>{P2}</p>", BLOCKS)[1] == 0


def test_a_tweet_of_unclosed_paragraphs_is_read_in_one_pass() -> None:
    inner = "<p>word " * 1_200  # a lazy pattern rescanned the rest of the tweet for each one
    page = f'<body><p>{P1}</p><blockquote class="twitter-tweet">{inner}</blockquote><p>{P2}</p>'
    blocks, restored = restore_tweets(page, BLOCKS)
    assert restored == 1 and blocks[1].text.split()[:3] == ["word", "word", "word"]


def test_two_tweets_between_tables_keep_their_order() -> None:
    second = "Second post: the billboards went up in Sioux Falls and Rapid City overnight"
    page = (
        f"<body><p>{P1}</p><table><tr><td>Pos</td></tr></table>{_tweet()}"
        f"<table><tr><td>Row</td></tr></table>{_tweet(second)}<p>{P2}</p><p>{P3}</p>"
    )
    blocks, restored = restore_tweets(page, BLOCKS)
    assert restored == 2
    texts = [b.text.split(" https://")[0] for b in blocks]
    assert texts.index(P1) < texts.index(TWEET) < texts.index(second) < texts.index(P2)


def test_record_has_the_tweet_and_says_so() -> None:
    page = (
        "<html><head><title>Meth campaign</title></head><body><article><h1>Meth campaign</h1>"
        f"<p>{P1}</p>{_tweet()}<p>{P2}</p><p>{P3}</p></article></body></html>"
    )
    art = copydesk.parse(page, format="html")
    tweet = next(n for n, p in enumerate(art.body) if p.startswith(TWEET))
    assert art.body.index(P1) < tweet < art.body.index(P2) and art.body[tweet].endswith(BY)
    assert art.meta["tweets_restored"] == 1


def test_hostile_markup_is_bounded() -> None:
    # at most MAX_TWEETS are read, each closing within MAX_TWEET_CHARS of its start
    unclosed = "<body><p>" + P1 + "</p>" + '<blockquote class="twitter-tweet"><p>x' * 20_000
    assert restore_tweets(unclosed, BLOCKS)[1] == 0
    many = f"<body><p>{P1}</p>" + "".join(_tweet(f"{TWEET} {n}") for n in range(20_000))
    assert 0 < restore_tweets(many + f"<p>{P2}</p>", BLOCKS)[1] <= MAX_TWEETS
    assert restore_tweets(f"<body><p>{P1}</p>{_tweet() * 3}<p>{P2}</p>", BLOCKS)[1] == 1
    # blocks the page does not print as written are searched for in a window, MAX_BLOCKS at most
    absent = [RawBlock(f"Paragraph {n} that the page never prints", "p") for n in range(10_000)]
    big = f"<body><p>{P1}</p>{_tweet()}<p>{P2}</p>" + "<p>filler text</p>" * 100_000
    blocks, restored = restore_tweets(big, [*BLOCKS[:2], *absent])
    assert restored == 1 and blocks[1].text.startswith(TWEET) and blocks[2] == BLOCKS[1]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' abpqtwiler-kcos1")), max_size=400))
def test_any_markup_gives_blocks(markup: str) -> None:
    blocks, restored = restore_tweets("<body><p>" + P1 + "</p>" + markup, BLOCKS)
    assert restored >= 0 and all(b in blocks for b in BLOCKS)


def test_a_paragraph_left_open_ends_where_the_next_opens() -> None:
    from copydesk.extract.tweets import _tweet_parts

    assert _tweet_parts("<p>first line<p>second line</p>&mdash; A (@a) May 1") == (
        ["first line", "second line"],
        "— A (@a) May 1",
    )
    assert _tweet_parts("<p>a</p>— A<p>") == (["a"], "— A")
