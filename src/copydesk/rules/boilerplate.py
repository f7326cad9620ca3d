"""Boilerplate lines: page furniture that scrapers leave inside article text.

Each pattern matches a *whole short line* (see `MAX_BOILERPLATE_CHARS`), never a phrase inside a
sentence: "Follow us on Twitter" alone is furniture, "He told followers on Twitter" is news.
Patterns are grouped by language (`copydesk.rules.boilerplate_phrases`); a line is tested
against all groups, since pages mix languages (an English "Advertisement" label on a German page
is common).
"""

from __future__ import annotations

import re

from copydesk.rules.boilerplate_phrases import EXACT, PREFIXES

#: Longer lines are prose even when they start like a prompt ("Read more about how ...").
MAX_BOILERPLATE_CHARS = 200


def _is_phrase(prefix: str) -> bool:
    """Multi-word prefixes and labels ending in a colon may start a longer line; a single word
    ("del", "teilen", "reklama") is a real word elsewhere, so it must stand alone or before a
    separator ("Anzeige | ...", "Advertisement - Scroll to continue")."""
    return " " in prefix or prefix.endswith((":", ".", "：")) or prefix.startswith("(")


def _label(prefix: str) -> str:
    """The pattern of ``prefix``, a space allowed before its colon: French typography sets one
    ("Photo :"), and so do some English sites' labels ("MORE : <headline>")."""
    return re.escape(prefix).replace(":", r"\s?:")


_ALL_PREFIXES = {p for group in PREFIXES.values() for p in group}
_PREFIX_RE = re.compile(
    r"^[\s(\[*_•·-]*(?:"
    + "|".join(sorted((_label(p) for p in _ALL_PREFIXES if _is_phrase(p)), key=len, reverse=True))
    + r")(?=$|[\s:.,;!)\]|»>-]|\w*:)",
    re.IGNORECASE,
)
_WORD_RE = re.compile(
    r"^[\s(\[*_•·-]*(?:"
    + "|".join(
        sorted((re.escape(p) for p in _ALL_PREFIXES if not _is_phrase(p)), key=len, reverse=True)
    )
    + r")\s*(?:$|[:|•·»>–—-]\s*\S.*$|\W*$)",
    re.IGNORECASE,
)

#: "Follow us on Twitter/Facebook ..." and "Join us on Telegram" in any of the listed languages.
SOCIAL = re.compile(
    r"\b(?:facebook|twitter|instagram|whatsapp|telegram|youtube|tiktok|linkedin|google news"
    r"|x\.com)\b",
    re.IGNORECASE,
)
SOCIAL_VERBS = re.compile(
    r"^\W*(?:follow|join|like|subscribe|find|connect with|folgen|suivez|síguenos|seguici|siga|"
    r"volg|følg|följ|obserwuj|подписывайтесь|ikuti)\b",
    re.IGNORECASE,
)


#: First words of every pattern: a line whose first word is none of these skips the big
#: alternations (most lines), which keeps the check cheap on long texts.
_FIRST_WORDS = frozenset(
    re.split(r"[\s:.：]", p.lstrip("(").casefold(), maxsplit=1)[0] for p in _ALL_PREFIXES
) | {w.split()[0] for w in EXACT}
_LEAD = re.compile(r"[\s(\[*_•·-]*([^\s:：.,;!)\]|»>(-]*)")


def is_boilerplate(line: str) -> bool:
    """True when the whole line is page furniture in one of the listed languages."""
    text = line.strip()
    if not text or len(text) > MAX_BOILERPLATE_CHARS:
        return False
    lead = _LEAD.match(text)
    first = lead.group(1).casefold() if lead else ""
    if first not in _FIRST_WORDS and not _social(text):
        return False
    if text.strip(" .:!|·•-–—()[]").casefold() in EXACT:
        return True
    if _PREFIX_RE.match(text) or _WORD_RE.match(text):
        return True
    return bool(SOCIAL_VERBS.match(text) and _social(text))


#: Every SOCIAL name, lowercased: on ASCII text one of them must be a substring for SOCIAL to
#: match, and seven substring tests are much cheaper than the case-insensitive scan.
_SOCIAL_NAMES = (
    "facebook",
    "twitter",
    "instagram",
    "whatsapp",
    "telegram",
    "youtube",
    "tiktok",
    "linkedin",
    "google news",
    "x.com",
)


def _social(text: str) -> bool:
    if text.isascii():
        low = text.lower()
        for name in _SOCIAL_NAMES:  # a plain loop: twice as fast as any() over a generator
            if name in low:
                break
        else:
            return False
    return SOCIAL.search(text) is not None
