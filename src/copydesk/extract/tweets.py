"""Embedded tweets trafilatura dropped: put back where the article prints them.

Sites embed a tweet with the code Twitter gives them, a ``<blockquote class="twitter-tweet">``
holding the tweet's text and its "— Name (@handle) date" line, often inside a wrapper named for
social media (``<div class="social-media-embed">``). trafilatura prunes such wrappers as share
buttons, so the tweets an article quotes, which the Zyte gold keeps as body text (11 of the 13
on its dev half), went missing on some pages and not others. Each tweet whose text is not in the
body goes back after the body block the page prints before it; a tweet before the body or far
below it (a sidebar's feed) stays out. Zyte dev half: recall 0.982 -> 0.987 (nj.com 0.70 ->
0.98, a Browns blog 0.85 -> 0.98). The Fundus gold leaves its one embedded tweet out (The
Telegraph's live blog, precision 1.0 -> 0.97): its parsers skip embeds, the Zyte gold keeps them,
and a reader of the article sees them as what it quotes.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from copydesk.extract.markup import body_start, elements, heading_text
from copydesk.extract.match import word_key
from copydesk.extract.xmlblocks import RawBlock

#: The embed code's blockquote (Twitter's, and X's, which kept the class name); the class may
#: be unquoted in minified markup, and a ``data-class`` is not it.
_TWEET = re.compile(
    r"""<blockquote\b[^<>]*?(?<![\w-])class\s*=\s*["']?[^"'<>]*?\btwitter-tweet\b[^<>]*>""",
    re.IGNORECASE,
)
_CLOSE = re.compile(r"</blockquote\s*>", re.IGNORECASE)
_P_TAG = re.compile(r"<(/?)p\b[^<>]*>", re.IGNORECASE)
#: Markup that ends the article or starts a box beside it, between its last block and a tweet.
_ARTICLE_ENDS = re.compile(r"</(?:article|main)\s*>|<(?:aside|footer|nav)\b", re.IGNORECASE)
#: Tweets looked at per page, and how much markup one may hold (its text is 280 characters).
MAX_TWEETS = 100
MAX_TWEET_CHARS = 10_000
#: Leading words of a block looked up in the markup to place it (fewer where entities or
#: quotation marks may be encoded differently), and the shortest such probe trusted.
PROBE_WORDS = 4
MIN_PROBE_CHARS = 12
_MARKUP_CHARS = re.compile(r"""[&<>"'’‘“”]""")
#: Blocks placed at most, and how far past the last one placed the next is looked for: a page
#: of ten thousand blocks none of which is found as written would search the whole page for
#: each.
MAX_BLOCKS = 2_000
SEARCH_WINDOW = 200_000
#: How far after the last body block a tweet may start and still close the article.
END_GAP = 10_000


def restore_tweets(page: str, blocks: list[RawBlock]) -> tuple[list[RawBlock], int]:
    """``blocks`` with the embedded tweets put back, and how many were. Each tweet is one
    block, its text and then its "— Name (@handle) date" line, so that a rule that drops the
    text drops the credit line with it."""
    if not blocks or _TWEET.search(page) is None:
        return blocks, 0
    body = f" {' '.join(word_key(block.text) for block in blocks)} "
    starts: list[tuple[int, int]] | None = None  # placed when a tweet is found missing
    after: dict[int, list[RawBlock]] = {}
    pos = 0
    for _ in range(MAX_TWEETS):
        match = _TWEET.search(page, pos)
        if match is None:
            break
        close = _CLOSE.search(page, match.end(), match.end() + MAX_TWEET_CHARS)
        if close is None:
            pos = match.end()
            continue
        pos = close.end()  # a tweet's markup is read once, however the quotes nest
        paragraphs, credit = _tweet_parts(page[match.end() : close.start()])
        key = word_key(" ".join(paragraphs or [credit]))
        if not key or f" {key} " in body:
            continue  # kept by extraction (perhaps split at its line breaks), or empty
        if starts is None:
            starts = _block_starts(page, blocks)
        anchor = _anchor(page, starts, match.start())
        if anchor is not None:
            text = " ".join(part for part in (*paragraphs, credit) if part)
            after.setdefault(anchor, []).append(RawBlock(text, "quote"))
            body += f"{key} "  # a tweet embedded twice goes back once
    if not after:
        return blocks, 0
    out: list[RawBlock] = []
    for n, block in enumerate(blocks):
        out.append(block)
        out.extend(after.get(n, ()))
    return out, sum(len(tweets) for tweets in after.values())


def _block_starts(page: str, blocks: list[RawBlock]) -> list[tuple[int, int]]:
    """(where in the markup, block number) of the blocks found there, in page order: each by
    its first words as written (a table row by its first cell), searched from the last found,
    never inside a script (a JSON-LD ``articleBody`` above the article prints them all)."""
    scripts = [(start, end) for _, _, start, end in elements(page, "script")]
    script_starts = [start for start, _ in scripts]
    cursor = body_start(page)
    out = []
    for n, block in enumerate(blocks[:MAX_BLOCKS]):
        words = block.text.split(" | ", 1)[0].split()[:PROBE_WORDS]
        probe = " ".join(words if not _MARKUP_CHARS.search(" ".join(words)) else words[:2])
        if len(probe) < MIN_PROBE_CHARS:
            continue
        limit = cursor + SEARCH_WINDOW
        at = page.find(probe, cursor, limit)
        while at >= 0 and (k := bisect_right(script_starts, at) - 1) >= 0 and at < scripts[k][1]:
            at = page.find(probe, scripts[k][1], limit)
        if at >= 0:
            out.append((at, n))
            cursor = at + len(probe)
    return out


def _anchor(page: str, starts: list[tuple[int, int]], at: int) -> int | None:
    """The block a tweet at ``at`` follows: the last one found before it, where the article
    goes on after the tweet, or where the tweet closes it (near the last block, with no end of
    the article or box beside it in between); else it is a sidebar's feed."""
    before = [(pos, n) for pos, n in starts if pos < at]
    if not before:
        return None
    if any(pos > at for pos, _ in starts):
        return before[-1][1]
    last = before[-1][0]
    if at - last > END_GAP or _ARTICLE_ENDS.search(page, last, at):
        return None
    return before[-1][1]


def _tweet_parts(inner: str) -> tuple[list[str], str]:
    """The tweet's paragraphs, and its "— Name (@handle) date" line after them: one pass over
    the ``<p>`` tags (a lazy pattern rescanned the rest of the tweet for each unclosed one)."""
    paragraphs: list[str] = []
    opened: int | None = None
    credit_from = 0
    for tag in _P_TAG.finditer(inner):
        if not tag.group(1):
            if opened is not None:  # a <p> left open ends where the next one opens
                if text := heading_text(inner[opened : tag.start()]):
                    paragraphs.append(text)
                credit_from = tag.start()
            opened = tag.end()
        elif opened is not None:
            if text := heading_text(inner[opened : tag.start()]):
                paragraphs.append(text)
            opened, credit_from = None, tag.end()
    return paragraphs, heading_text(inner[credit_from:])
