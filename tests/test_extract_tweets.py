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
        (f"{TWEET} https://t.co/x", "quote"),
        (BY, "quote"),
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


def test_two_tweets_between_tables_keep_their_order() -> None:
    second = "Second post: the billboards went up in Sioux Falls and Rapid City overnight"
    page = (
        f"<body><p>{P1}</p><table><tr><td>Pos</td></tr></table>{_tweet()}"
        f"<table><tr><td>Row</td></tr></table>{_tweet(second)}<p>{P2}</p><p>{P3}</p>"
    )
    blocks, restored = restore_tweets(page, BLOCKS)
    assert restored == 2
    texts = [b.text for b in blocks]
    assert texts.index(P1) < texts.index(f"{TWEET} https://t.co/x")
    assert texts.index(f"{TWEET} https://t.co/x") < texts.index(f"{second} https://t.co/x")
    assert texts.index(f"{second} https://t.co/x") < texts.index(P2)


def test_record_has_the_tweet_and_says_so() -> None:
    page = (
        "<html><head><title>Meth campaign</title></head><body><article><h1>Meth campaign</h1>"
        f"<p>{P1}</p>{_tweet()}<p>{P2}</p><p>{P3}</p></article></body></html>"
    )
    art = copydesk.parse(page, format="html")
    assert any(TWEET in p for p in art.body)
    assert art.body.index(P1) < art.body.index(BY) < art.body.index(P2)


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
    assert restored == 1 and blocks[1].text.startswith(TWEET) and blocks[3] == BLOCKS[1]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' abpqtwiler-kcos1")), max_size=400))
def test_any_markup_gives_blocks(markup: str) -> None:
    blocks, restored = restore_tweets("<body><p>" + P1 + "</p>" + markup, BLOCKS)
    assert restored >= 0 and all(b in blocks for b in BLOCKS)
