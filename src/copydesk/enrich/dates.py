"""Date phrases the model marks, resolved to ISO dates against the publication date.

dateparser reads only the phrases NER tagged DATE ("today", "on Tuesday", "September 18", "last
week"), never free text. Relative phrases need a base date: without one they stay unresolved
rather than be resolved against the day the program runs.

The model tags more than dates: durations ("about six months"), ages ("8-year-old"), compound
adjectives ("a four-year plan") and counts ("as many days"). These name no time on the calendar
and are left out of ``dates`` (`date_phrase`): resolved, they became invented days a year back.
A phrase is resolved at its own granularity: "July" is ``2024-07``, "last year" ``2023``, never a
day taken from the publication date. The words around it say which way a bare weekday or month
lies (`Wording`): news reports the past ("the council met on Tuesday"), except where the clause
says otherwise ("the vote will take place on Friday", "the festival opens in two weeks").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from itertools import pairwise
from typing import Any

from copydesk.enrich.tables import FUTURE_PAIRS, FUTURE_WORDS, INTENT_LEMMAS

#: Words around a date phrase that dateparser does not need ("on Tuesday", "yesterday's").
_NOISE = re.compile(r"^(?:on|the|this past|since|until|by|in|from|of)\s+|['’]s$", re.IGNORECASE)
#: A part of a month or year: the month or year itself is the granularity ("late September").
_PART_OF = re.compile(
    r"^(?:early|late|mid|earlier|later|(?:the\s+)?(?:end|start|beginning|middle|turn)\s+of)"
    r"(?:\s+|-)",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
_YEAR_ONLY = re.compile(r"^(1[89]|20)\d\d$")
#: Phrases the model tags DATE that are counts or ages, not a time ("as many days", "60").
_NOT_A_DAY = re.compile(r"\b(?:many|several|few|years? old|decades|centuries)\b|^\d+$", re.I)
_UNITS = (
    r"(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|century|winter"
    r"|summer|autumn|season)s?"
)
_NUMBER = (
    r"(?:\d+(?:[.,]\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty"
    r"|sixty|seventy|eighty|ninety|hundred|dozen|half|couple|several|few|many)"
)
#: Words between a number and its unit in a duration: "a single week", "three full days".
_SIZES = r"(?:single|full|whole|long|short|further|additional|extra|straight|consecutive)"
#: "a four-year plan", "a 10-day festival", "an 8-year-old", "a decades-long feud": adjectives.
_ADJECTIVE = re.compile(
    rf"\b{_NUMBER}(?:[-‐‑–]\w+)*[-‐‑–]{_UNITS}\b|\b{_UNITS}[-‐‑–](?:old|long)\b", re.IGNORECASE
)
#: "about six months", "the past three years", "two and a half weeks": how long, not when.
_DURATION = re.compile(
    rf"^(?:(?:about|around|nearly|almost|roughly|approximately|some|just|only|over|under|"
    rf"another|at least|up to|more than|less than|fewer than|the|past|last|next|first|final|"
    rf"previous|coming|following|better part of|a further|a couple of|of)\s+)*"
    rf"{_NUMBER}(?:\s+(?:and\s+a\s+half|{_NUMBER}))*\s+(?:{_SIZES}\s+)?{_UNITS}"
    rf"(?:\s+and\s+(?:a\s+half|{_NUMBER}\s+{_UNITS}))?$",
    re.IGNORECASE,
)
#: "in the next two weeks", "in the past three years": a stretch of time, not a time ahead.
_WITHIN = re.compile(r"^(?:the|past|last|next|first|final|previous|coming|following)\b", re.I)
#: "the 1990s", "the '80s", "this century": no ISO date string names a decade or a century.
_DECADE = re.compile(r"\d0s\b|['’]\d0s\b|\bcentury\b", re.IGNORECASE)
#: A weekday alone ("Friday", "late Friday", "Friday night"): on the day of the week the article
#: came out, it is that day ("said Friday" in Friday's paper), not a week before or after.
_WEEKDAY = re.compile(
    r"^(?:(?:midnight|noon)\s+)?(mon|tues|wednes|thurs|fri|satur|sun)day"
    r"(?:\s+(?:morning|afternoon|evening|night))?$",
    re.IGNORECASE,
)
_WEEKDAYS = ("mon", "tues", "wednes", "thurs", "fri", "satur", "sun")
#: "two years later", "three days earlier": counted from an event of the story, not from the
#: publication date, which is the only base known.
_FROM_AN_EVENT = re.compile(r"\b(?:later|earlier|before|after|afterwards?|prior)$", re.I)
#: Tokens that end the clause a date phrase sits in, for `date_wording`.
_CLAUSE_BREAKS = frozenset({".", "!", "?", ";", ":", ","})
_SENTENCE_BREAKS = frozenset({".", "!", "?", ";"})
#: Tags of a verb in the past: "the plant was built in two years" is how long it took.
_PAST_TAGS = frozenset({"VBD", "VBN"})
#: How many words either side of a phrase are read for its wording.
_REACH = 12


@dataclass(frozen=True, slots=True)
class Wording:
    """What the clause around a date phrase says about it.

    ``lead`` is the word just before it ("in" of "opens in two weeks"); ``future`` is true when
    the clause speaks of what is to come ("will", "is due to"), ``past`` when its verb is in the
    past tense and nothing says future; ``nearest`` when a past intent governs it ("agreed to
    look at a pause in July": to come when agreed, maybe past by now).
    """

    lead: str = ""
    future: bool = False
    past: bool = False
    nearest: bool = False


def date_wording(doc: Any, start: int, end: int) -> Wording:
    """The wording of the clause around tokens ``start:end`` of a spaCy doc (`Wording`).

    The words before the phrase, back to the start of its clause, decide; where they hold no
    verb ("On Friday, the council will vote") the rest of the sentence does.
    """
    before = _clause_before(doc, start)
    words = before if any(_is_verb(t) for t in before) else before + _sentence_after(doc, end)
    lowered = [t.lower_ for t in words]
    future = any(w in FUTURE_WORDS for w in lowered) or any(
        pair in FUTURE_PAIRS for pair in pairwise(lowered)
    )
    verbs = [t for t in words if _is_verb(t)]
    past = not future and bool(verbs) and verbs[-1].tag_ in _PAST_TAGS
    lead = before[-1].lower_ if before else ""
    if lead == "since":  # "in force since January, will be lifted": since is always before
        return Wording(lead, False, True)
    if not future and _past_intent(before):
        return Wording(lead, nearest=True)
    return Wording(lead, future, past)


def _past_intent(tokens: list[Any]) -> bool:
    """A past verb of intent with "to" and a verb after it: "voted to close", "agreed to look";
    not when a verb in the past tense follows it, to which the date belongs ("wanted to know
    what happened on Sunday", "asked to speak to anyone who saw the crash on Sunday")."""
    intents = [
        at
        for at, (verb, to, then) in enumerate(zip(tokens, tokens[1:], tokens[2:], strict=False))
        if verb.tag_ in _PAST_TAGS
        and verb.lemma_.lower() in INTENT_LEMMAS
        and to.lower_ == "to"
        and then.tag_ == "VB"
    ]
    return bool(intents) and not any(t.tag_ == "VBD" for t in tokens[intents[-1] + 3 :])


def _clause_before(doc: Any, start: int) -> list[Any]:
    out: list[Any] = []
    for i in range(start - 1, max(-1, start - 1 - _REACH), -1):
        t = doc[i]
        if t.text in _CLAUSE_BREAKS or (t.is_space and "\n" in t.text):
            break
        out.append(t)
    return out[::-1]


def _sentence_after(doc: Any, end: int) -> list[Any]:
    out: list[Any] = []
    for t in doc[end : end + _REACH]:
        if t.text in _SENTENCE_BREAKS or (t.is_space and "\n" in t.text):
            break
        out.append(t)
    return out


def _is_verb(token: Any) -> bool:
    return bool(token.tag_[:2] == "VB" or token.tag_ == "MD")


def date_phrase(text: str, wording: Wording) -> str | None:
    """What to resolve for the DATE phrase ``text``, or None when it names no time at all.

    Durations are left out unless "in" makes them a time ahead ("opens in two weeks"; not "was
    built in two years"), and so are ages, compound adjectives, counts and bare numbers.
    """
    phrase = " ".join(text.split())
    if _ADJECTIVE.search(phrase) or _not_a_time(phrase):
        return None
    core = _NOISE.sub("", phrase)
    if _DURATION.match(core):
        ahead = wording.lead == "in" or phrase.lower().startswith("in ")
        ahead = ahead and not _WITHIN.match(core)
        return f"{core} from now" if ahead and not wording.past else None
    return phrase


def _not_a_time(phrase: str) -> bool:
    core = _NOISE.sub("", phrase).strip()
    return not core or (bool(_NOT_A_DAY.search(core)) and not _YEAR_ONLY.match(core))


def base_date(published: str | None) -> datetime | None:
    """The publication date as a naive datetime, or None when absent or unreadable."""
    if not published:
        return None
    try:
        return datetime.fromisoformat(published[:10])
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def resolve_date(
    phrase: str, base: datetime | None, future: bool = False, nearest: bool = False
) -> str | None:
    """ISO 8601 form of ``phrase`` seen on ``base``, at its own granularity: ``2011-09-27`` for a
    day, ``2011-W38`` for a week ("last week"), ``2011-09`` for a month, ``2011`` for a year.
    None when it is no time, or cannot be placed (no base, a decade, a time counted from an
    event of the story). ``future`` resolves a bare weekday or month forward, ``nearest`` to
    whichever of the last and the next is closer to ``base``.
    """
    if nearest and base is not None:
        back, ahead = resolve_date(phrase, base), resolve_date(phrase, base, True)
        if back is None or ahead is None:
            return back or ahead
        return min((back, ahead), key=lambda iso: abs((_middle(iso) - base).days))
    whole = _NOISE.sub("", " ".join(phrase.split())).strip()
    named = _named_period(whole, base, future)
    if named is not None:
        return named
    text = _PART_OF.sub("", whole)
    if _not_a_time(text) or _DECADE.search(text) or _FROM_AN_EVENT.search(text):
        return None
    if base is None and not _YEAR.search(text):
        return None
    if base is not None and _on_the_day(text, base, future):
        return base.date().isoformat()
    parsed = _parse(text, base, future)
    if parsed is None:
        return None
    when, period = parsed
    if period == "year":
        return f"{when.year:04d}"
    if period == "month":
        year = when.year
        if base is not None and when.month == base.month and not _YEAR.search(text):
            year = base.year  # "March" in March is this March, looking back or ahead
        return f"{year:04d}-{when.month:02d}"
    if period == "week":
        year, week, _ = when.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return when.date().isoformat()


def _middle(iso: str) -> datetime:
    """The middle of the period an ISO form of `resolve_date` names, to measure how far it is."""
    if "-W" in iso:
        year, week = iso.split("-W")
        return datetime.fromisocalendar(int(year), int(week), 4)
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 1:
        return datetime(parts[0], 7, 1)
    return datetime(parts[0], parts[1], parts[2] if len(parts) == 3 else 15)


#: "the end of the year", "the start of this month": the period the base date is in.
_PART_OF_PERIOD = re.compile(
    r"^(?:the )?(?:end|start|beginning|middle|rest) of (?:the |this )?(year|month|week)$", re.I
)
#: A season: with a year ("Spring 2025") or a relative word ("next spring", "this summer").
_SEASON = re.compile(
    r"^(?:(next|this|last) )?(?:spring|summer|autumn|fall|winter)(?: (\d{4}))?$", re.I
)
#: "the week of 22 April": that date's week.
_WEEK_OF = re.compile(r"^(?:the )?week of (.+)$", re.I)


def _named_period(text: str, base: datetime | None, future: bool) -> str | None:
    """Periods dateparser leaves unresolved, at their own granularity: the end of the year is
    the year (found by a reviewer: "by the end of the year", "next spring", "Spring 2025" and
    "the week of 22 April" stayed null). A season is its year: seasons differ by hemisphere."""
    part = _PART_OF_PERIOD.match(text)
    if part and base is not None:
        unit = part.group(1).lower()
        if unit == "year":
            return f"{base.year:04d}"
        if unit == "month":
            return f"{base.year:04d}-{base.month:02d}"
        year, week, _ = base.isocalendar()
        return f"{year:04d}-W{week:02d}"
    season = _SEASON.match(text)
    if season:
        if season.group(2):
            return season.group(2)
        if base is None or not season.group(1):
            return None
        shift = {"next": 1, "this": 0, "last": -1}[season.group(1).lower()]
        return f"{base.year + shift:04d}"
    week_of = _WEEK_OF.match(text)
    if week_of:
        parsed = _parse(week_of.group(1), base, future)
        if parsed is not None and parsed[1] == "day":
            year, week, _ = parsed[0].isocalendar()
            return f"{year:04d}-W{week:02d}"
    return None


def _on_the_day(text: str, base: datetime, future: bool) -> bool:
    """True when ``text`` names the publication day itself: its weekday ("Friday" in a Friday
    paper), or its date looking ahead ("Sept. 30" on September 30; dateparser, told to prefer
    the future, puts it a year on)."""
    weekday = _WEEKDAY.match(text)
    if weekday:
        return _WEEKDAYS.index(weekday.group(1).lower()) == base.weekday()
    if not future:
        return False
    parsed = _parse(text, base, False)
    return parsed is not None and parsed[1] == "day" and parsed[0].date() == base.date()


def _parse(text: str, base: datetime | None, future: bool) -> tuple[datetime, str] | None:
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {
        # news reports what happened: "Tuesday" is the last one, unless the clause looks ahead
        "PREFER_DATES_FROM": "future" if future else "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "REQUIRE_PARTS": [],
    }
    if base is not None:
        settings["RELATIVE_BASE"] = base
    try:
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    except Exception:  # dateparser raises odd errors on odd input; not a date
        return None
    if data is None or data.date_obj is None:
        return None
    return data.date_obj, str(data.period or "day")
