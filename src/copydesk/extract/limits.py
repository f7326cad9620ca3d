"""Bounds for risky parsing (STYLE.md §5): a wall-clock limit per page and a size cap.

The time limit uses ``SIGALRM``, which only the main thread of a process may set: that is where
the CLI and every pool worker run pages. Elsewhere (a web server's thread, Windows) the page runs
unbounded in time but still under the size cap, and the caller is told so by `time_limit`
yielding False.
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: HTML beyond this many characters is cut before parsing: the article of a 50 MB page sits in
#: its first megabytes, lxml plus trafilatura need about 20x the page in memory, and
#: trafilatura takes ~10 s per 2 MB of dense markup. (The largest dev page is 1.2 MB.)
MAX_HTML_CHARS = 2_000_000

#: Markup that is never article text, dropped from an over-long page before it is cut, so the
#: cut keeps more of the content. JSON-LD scripts stay: they carry authors and dates.
_NOT_CONTENT_OPEN = re.compile(r"<(script|style|svg)\b|<!--", re.IGNORECASE)
_JSON_LD = re.compile(r"ld\+json", re.IGNORECASE)


class PageTimeout(BaseException):
    """Raised inside a page's parse when it runs past its time limit.

    A BaseException, not an Exception: extractors wrap their work in ``except Exception`` and
    would swallow the alarm, letting a pathological page run on unbounded.
    """


def _on_alarm(signum: int, frame: object) -> None:
    raise PageTimeout


@contextmanager
def time_limit(seconds: float) -> Iterator[bool]:
    """Raise `PageTimeout` in the block after ``seconds``; yields whether the limit is armed."""
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield False
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def cap_html(html: str, limit: int = MAX_HTML_CHARS) -> tuple[str, bool]:
    """``html`` cut to ``limit`` characters (at a tag boundary when one is near) and whether it was.

    Pages under the limit are returned untouched (the fast path); longer ones lose scripts,
    styles and comments first.
    """
    if len(html) <= limit:
        return html, False
    html = _without_non_content(html)
    if len(html) <= limit:
        return html, False
    cut = html.rfind("<", limit - 10_000, limit)
    return html[: cut if cut > 0 else limit], True


def _without_non_content(html: str) -> str:
    """Scripts (JSON-LD aside), styles, SVGs and comments cut in one pass. A lazy pattern
    (``<!--.*?-->``) searches to the end of the page again for each opener left unclosed, so
    600,000 unclosed comments took minutes, before the page's time limit is armed. Here an
    element whose closer is missing is left in place, and as no later one of its kind can close
    either, its kind is not searched for again: each kind fails at most once."""
    parts: list[str] = []
    pos = scan = 0
    unclosed: set[str] = set()
    while match := _NOT_CONTENT_OPEN.search(html, scan):
        start, kind = match.start(), (match.group(1) or "!--").lower()
        scan = match.end()
        if kind in unclosed:
            continue
        if kind == "!--":
            close = html.find("-->", scan)
            end = close + 3 if close >= 0 else -1
        else:
            tag_end = html.find(">", scan)
            if tag_end < 0:
                break  # no tag or comment can close after this point
            closer = re.compile(rf"</{kind}\s*>", re.IGNORECASE).search(html, tag_end)
            end = closer.end() if closer else -1
            if end >= 0 and kind == "script" and _JSON_LD.search(html, start, tag_end):
                scan = end  # kept whole: authors and dates
                continue
        if end < 0:
            unclosed.add(kind)
            continue
        parts.append(html[pos:start])
        pos = scan = end
    parts.append(html[pos:])
    return "".join(parts)
