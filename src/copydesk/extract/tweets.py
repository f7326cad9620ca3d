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

from copydesk.extract.markup import heading_text
from copydesk.extract.match import word_key
from copydesk.extract.xmlblocks import RawBlock

#: The embed code's blockquote (Twitter's, and X's, which kept the class name).
_TWEET = re.compile(
    r"""<blockquote\b[^<>]*?\bclass\s*=\s*["'][^"']*\btwitter-tweet\b[^<>]*>""", re.IGNORECASE
)
_CLOSE = re.compile(r"</blockquote\s*>", re.IGNORECASE)
_PARAGRAPH = re.compile(r"<p\b[^<>]*>(.*?)</p\s*>", re.IGNORECASE | re.DOTALL)
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
    """``blocks`` with the embedded tweets put back, and how many were."""
    if not blocks or _TWEET.search(page) is None:
        return blocks, 0
    body = f" {' '.join(word_key(block.text) for block in blocks)} "
    starts = _block_starts(page, blocks)
    after: dict[int, list[RawBlock]] = {}
    restored = 0
    for count, match in enumerate(_TWEET.finditer(page)):
        if count >= MAX_TWEETS:
            break
        close = _CLOSE.search(page, match.end(), match.end() + MAX_TWEET_CHARS)
        if close is None:
            continue
        lines = _tweet_lines(page[match.end() : close.start()])
        if not lines or f" {word_key(lines[0])} " in body:
            continue  # kept by extraction (perhaps split at its line breaks), or empty
        anchor = _anchor(starts, match.start())
        if anchor is not None:
            after.setdefault(anchor, []).extend(RawBlock(line, "quote") for line in lines)
            restored += 1
            body += f"{word_key(lines[0])} "  # a tweet embedded twice goes back once
    if not after:
        return blocks, 0
    out: list[RawBlock] = []
    for n, block in enumerate(blocks):
        out.append(block)
        out.extend(after.get(n, ()))
    return out, restored


def _block_starts(page: str, blocks: list[RawBlock]) -> list[tuple[int, int]]:
    """(where in the markup, block number) of the blocks found there, in page order: each by
    its first words as written (a table row by its first cell), searched from the last found."""
    cursor = max(page.find("<body"), 0)
    out = []
    for n, block in enumerate(blocks[:MAX_BLOCKS]):
        words = block.text.split(" | ", 1)[0].split()[:PROBE_WORDS]
        probe = " ".join(words if not _MARKUP_CHARS.search(" ".join(words)) else words[:2])
        if len(probe) < MIN_PROBE_CHARS:
            continue
        at = page.find(probe, cursor, cursor + SEARCH_WINDOW)
        if at >= 0:
            out.append((at, n))
            cursor = at + len(probe)
    return out


def _anchor(starts: list[tuple[int, int]], at: int) -> int | None:
    """The block a tweet at ``at`` follows: the last one found before it, where the article
    goes on after the tweet or the tweet closes it; a tweet far below the last block is a
    sidebar's feed."""
    before = [n for pos, n in starts if pos < at]
    if not before:
        return None
    if any(pos > at for pos, _ in starts):
        return before[-1]
    last = max(pos for pos, _ in starts)
    return before[-1] if at - last <= END_GAP else None


def _tweet_lines(inner: str) -> list[str]:
    """The tweet's paragraphs, then its "— Name (@handle) date" line."""
    paragraphs = list(_PARAGRAPH.finditer(inner))
    tail = heading_text(inner[paragraphs[-1].end() :] if paragraphs else inner)
    return [line for line in (*(heading_text(m.group(1)) for m in paragraphs), tail) if line]
