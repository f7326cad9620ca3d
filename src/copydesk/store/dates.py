"""Published-date filters: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, checked and widened to days.

``published`` is stored as ISO text and compared as text, so an unchecked bound fails silently:
``notadate`` matches nothing, ``2019-13-45`` is compared as if it were a date, and ``to=2019``
drops all of 2019 (``'2019-05-01' > '2019'``). Each bound is therefore validated and turned into
a whole day: a year or a month is read as a range, its first day for ``from`` and its last for
``to``.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from copydesk.errors import UsageError

#: A year, a month or a day, ISO style.
DATE_SHAPE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
#: What the message after a bad date shows as valid forms.
DATE_FORMS = "YYYY-MM-DD, YYYY-MM or YYYY (e.g. 2019-05-01, 2019-05, 2019)"


class DateFilterError(UsageError):
    """A date filter is not a date; the message names the option and the forms accepted."""


def date_bound(value: str, *, end: bool, name: str) -> str:
    """``value`` as a ``YYYY-MM-DD`` day: the first day of a year or month, or with ``end`` the
    last; raises `DateFilterError` naming ``name`` (the option as the caller spells it)."""
    text = value.strip()
    shape = DATE_SHAPE.fullmatch(text)
    if not shape:
        raise DateFilterError(f"{name}={value!r} is not a date: use {DATE_FORMS}")
    year, month, day = (int(g) if g else None for g in shape.groups())
    assert year is not None  # the pattern requires it
    try:
        first = date(year, month or 1, day or 1)
    except ValueError as exc:
        raise DateFilterError(f"{name}={value!r} is not a date ({exc}): use {DATE_FORMS}") from None
    if not end or day:
        return first.isoformat()
    last_month = month or 12
    return date(year, last_month, calendar.monthrange(year, last_month)[1]).isoformat()


def date_range(
    start: str | None, stop: str | None, *, names: tuple[str, str] = ("from", "to")
) -> tuple[str | None, str | None]:
    """Both bounds checked and widened (None or "" stays None); ``names`` for the messages."""
    low = date_bound(start, end=False, name=names[0]) if start else None
    high = date_bound(stop, end=True, name=names[1]) if stop else None
    if low and high and high < low:  # it showed "No articles match", as if none were there
        raise DateFilterError(f"{names[1]}={stop!r} is before {names[0]}={start!r}: swap them")
    return low, high
