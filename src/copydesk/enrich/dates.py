"""Date phrases the model marks, resolved to ISO dates against the publication date.

dateparser reads only the phrases NER tagged DATE ("today", "on Tuesday", "September 18", "last
week"), never free text. Relative phrases need a base date: without one they stay unresolved
rather than be resolved against the day the program runs.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache

#: Words around a date phrase that dateparser does not need ("on Tuesday", "yesterday's").
_NOISE = re.compile(r"^(?:on|the|this past|since|until|by|in|from|of)\s+|['’]s$", re.IGNORECASE)
_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
#: Phrases the model tags DATE that are durations or ages, not a day ("as many days", "60").
_NOT_A_DAY = re.compile(r"\b(?:many|several|few|years? old|decades?|centuries)\b|^\d+$", re.I)


def base_date(published: str | None) -> datetime | None:
    """The publication date as a naive datetime, or None when absent or unreadable."""
    if not published:
        return None
    try:
        return datetime.fromisoformat(published[:10])
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def resolve_date(phrase: str, base: datetime | None) -> str | None:
    """ISO date of ``phrase`` seen on ``base``; None when it is not a day or cannot be placed."""
    text = _NOISE.sub("", " ".join(phrase.split())).strip()
    if not text or _NOT_A_DAY.search(text):
        return None
    if base is None and not _YEAR.search(text):
        return None
    import dateparser

    settings = {
        "PREFER_DATES_FROM": "past",  # news reports what happened: "Tuesday" is the last one
        "RETURN_AS_TIMEZONE_AWARE": False,
        "REQUIRE_PARTS": [],
    }
    if base is not None:
        settings["RELATIVE_BASE"] = base
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except Exception:  # dateparser raises odd errors on odd input; not a date
        return None
    return parsed.date().isoformat() if parsed else None
