"""The headline: the wording most of the page's own headline sources agree on.

A page states its headline up to five times: the JSON-LD ``headline``, ``og:title``,
``twitter:title``, ``<title>`` and the ``<h1>``. Sites rewrite some of them (a search-engine
title, a social-card title, an ``<h1>`` with a kicker run into it), so no one source is right
everywhere: on the Fundus dev half each one alone scores 0.54 (twitter:) to 0.84 (og:title).
Each source, once its site-name affixes are cut, votes for its wording; sources that copy each
other (`CHANNELS`) vote once; the wording with most votes wins, ties going to `SOURCE_ORDER`.
Fundus half: 0.837 (JSON-LD headline, replaced by an h1 that agrees with it) -> 0.899.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from copydesk.extract.match import word_key

#: Tie-break between equally supported wordings: the structured-data headline is the one a
#: site declares as its article's headline, og:title the one it writes for readers sharing it.
SOURCE_ORDER = ("jsonld", "og", "h1", "title", "twitter")
#: Sources that copy each other count once: the search-engine pair (JSON-LD and <title>), the
#: social-card pair (og: and twitter:), and what the reader sees (the h1).
CHANNELS = {
    "jsonld": "search",
    "title": "search",
    "og": "social",
    "twitter": "social",
    "h1": "page",
}
#: Separators between a headline and a site or section name; "|" never occurs in headlines.
TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|»|›)\s+|\s*ㅣ\s*|(?<=\S)-(?=정치|사회|경제)")
#: Weaker separators (a colon is common inside headlines): cut only before a site name.
SITE_SEPARATORS = re.compile(r"\s*[:：]\s*")
#: A title part that is only a date ("DW – 13.06.2023") is never the headline.
DATE_PART = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")
#: An h1 may carry a kicker run into the headline ("Premier League Liverpool lose ..."): it
#: votes for the headline it ends with when the kicker has at most this many words.
MAX_KICKER_WORDS = 4
_HOST_AFFIX = re.compile(r"^(?:www|m|amp)\.|\.(?:co\.uk|com\.\w\w|\w{2,6})$")


@dataclass(frozen=True, slots=True)
class TitleSources:
    """Every place a page states its headline, and the names the site goes by."""

    jsonld: str | None = None
    og: str | None = None
    twitter: str | None = None
    title: str | None = None
    h1s: tuple[str, ...] = ()
    h2s: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()
    #: The JSON-LD ``alternativeHeadline``: no vote (a secondary title), but some sites print
    #: it as the visible headline, kicker and all (20 Minuten, t-online), so a block at the
    #: top of the body that states it is the headline printed again.
    alternative: str | None = None


def choose_headline(src: TitleSources) -> str | None:
    """The best-supported wording among the page's headline sources (None when it has none)."""
    return vote_headline(headline_candidates(src))


def vote_headline(
    cands: list[tuple[str, str]],
    order: tuple[str, ...] = SOURCE_ORDER,
    channels: dict[str, str] = CHANNELS,
) -> str | None:
    """The wording of ``cands`` ((source, wording) pairs) backed by most channels, ties going
    to ``order``. The parameters are there for `benchmarks.headline_ceiling`, which scores every
    other order and grouping on the dev set."""
    if not cands:
        return None
    ranked = sorted(cands, key=lambda c: order.index(c[0]))
    support: dict[str, set[str]] = {}
    for source, text in ranked:
        support.setdefault(_key(text), set()).add(channels[source])
    best = max(len(c) for c in support.values())
    return next(t for _s, t in ranked if len(support[_key(t)]) == best)


def headline_variants(src: TitleSources) -> list[str]:
    """Every wording of the headline the page states, as written and with affixes cut, and
    the h1s and the visible heading with any kicker: a block at the top of the body equal to
    one of them is the headline printed again (whichever wording won), never body text."""
    raw = [src.jsonld, src.og, src.title, src.twitter, *src.h1s, src.alternative]
    heading = _visible_heading(src, [t for _s, t in _declared(src)])
    found = [*raw, *(t for _s, t in headline_candidates(src)), heading[0] if heading else None]
    return list(dict.fromkeys(t for t in found if t))


def prints_headline(heading: str, headline: str) -> bool:
    """``heading`` is ``headline`` printed again: the same words (punctuation and case aside),
    with a short "kicker:" on one side only ("Landtagswahl in Thüringen: Voigt, Höcke ..." and
    "Voigt, Höcke ..."), a kicker run into it without the colon, or a separated affix ("... |
    wdr aktuell")."""
    key, want = _key(heading), _key(headline)
    if not key or not want:
        return False
    if key == want or _key(TITLE_SEPARATORS.split(heading)[0]) == want or _glued(key, want):
        return True
    for longer, shorter, text in ((want, key, headline), (key, want, heading)):
        parts = SITE_SEPARATORS.split(text, maxsplit=1)
        if len(parts) == 2 and _key(parts[1]) == shorter and _short(parts[0]):
            return True
        if longer.endswith(" " + shorter) and _short(longer[: -len(shorter)]):
            return True
    return False


def _glued(key: str, want: str) -> bool:
    """The same letters with spaces lost between words: the extractor joins a kicker set in
    its own ``<span>`` to the headline without one ("SVP-Sonderparteitag zur MigrationChiesa
    ruft ...", where the page's heading reads "... zur Migration – Chiesa ruft ...")."""
    return key.replace(" ", "") == want.replace(" ", "")


def _short(kicker: str) -> bool:
    return 0 < len(kicker.split()) <= MAX_KICKER_WORDS


def headline_candidates(src: TitleSources) -> list[tuple[str, str]]:
    """(source, wording) in `SOURCE_ORDER`, affixes cut, the h1 matched to the others."""
    meta = dict(_declared(src))
    keys = {_key(v) for v in (*meta.values(), *src.h1s, *src.h2s)}
    for name in ("og", "title", "twitter"):
        if name in meta:
            meta[name] = _cut_to_other(meta[name], keys)
    heading = _visible_heading(src, list(meta.values()))
    if heading:
        meta["h1"] = heading[1]
    return [(name, meta[name]) for name in SOURCE_ORDER if meta.get(name)]


def _declared(src: TitleSources) -> list[tuple[str, str]]:
    raw = {"jsonld": src.jsonld, "og": src.og, "title": src.title, "twitter": src.twitter}
    return [(k, t) for k, v in raw.items() if (t := strip_site(v, src.sites))]


def _visible_heading(src: TitleSources, others: list[str]) -> tuple[str, str] | None:
    """(heading as written, the wording it votes for). An h1 that agrees with no declared
    wording counts only on a page that declares none: elsewhere it is as often the logo, a
    section name or a box title; an h2 counts only when it agrees."""
    return _pick(src.h1s, others, not others) or _pick(src.h2s, others, False)


def _pick(headings: tuple[str, ...], others: list[str], first: bool) -> tuple[str, str] | None:
    """The heading that states one of the other sources' wordings (a kicker in front allowed),
    else, with ``first``, the first one."""
    keys = {_key(o): o for o in others}
    for text in headings:
        if _key(text) in keys:
            return text, text
        words = text.split()
        kicker = 0
        for n in range(1, len(words) - 3):
            kicker += any(c.isalnum() for c in words[n - 1])
            if kicker > MAX_KICKER_WORDS:
                break
            tail = " ".join(words[n:])
            if _key(tail) in keys:
                return text, keys[_key(tail)]
    return (headings[0], headings[0]) if headings and first else None


def _cut_to_other(text: str, keys: set[str]) -> str:
    """A title that is another source's wording or a heading plus a separated affix
    ("X – OL Paris 2024", "Opinion | X") is that wording: the affix is a section or series
    name the site-name cut did not know."""
    parts = TITLE_SEPARATORS.split(text)
    for n in range(len(parts) - 1, 0, -1):
        for piece in (_join(text, parts[:n]), _join(text, parts[-n:])):
            if _key(piece) in keys:
                return piece
    return text


def strip_site(title: str | None, sites: tuple[str, ...] | str | None) -> str | None:
    """``title`` without leading or trailing parts that name the site (or are a date)."""
    if not title or not title.strip():
        return None
    title = title.strip()
    names = site_keys((sites,) if isinstance(sites, str) else sites or ())
    parts = TITLE_SEPARATORS.split(title)
    if len(parts) > 1:
        pipes = "|" in title or "ㅣ" in title
        while (
            len(parts) > 1
            and (pipes or _names_site(parts[-1], names))
            and len(parts[-1]) < len(parts[0])
        ):
            parts.pop()
        if len(parts) > 1 and _names_site(parts[0], names):
            parts.pop(0)
        title = _join(title, parts) or title
    weak = SITE_SEPARATORS.split(title)
    if len(weak) > 1 and _names_site(weak[-1], names) and len(weak[-1]) < len(weak[0]):
        title = title[: title.rfind(weak[-1])].rstrip(" :：")
    return title


def _join(title: str, parts: list[str]) -> str:
    sep = TITLE_SEPARATORS.search(title)
    return (sep.group(0) if sep else " ").join(parts).strip()


def site_keys(sites: tuple[str | None, ...]) -> list[str]:
    """The site's names folded for comparison: as written, and a host without www. or TLD."""
    return list(_site_keys(sites))


@functools.lru_cache(maxsize=256)
def _site_keys(sites: tuple[str | None, ...]) -> tuple[str, ...]:
    """Cached: every title wording of a page is stripped against the same sites (folding them
    again for each was most of the headline vote's time)."""
    out: list[str] = []
    for site in sites:
        if site:
            host = _HOST_AFFIX.sub("", _HOST_AFFIX.sub("", site.strip().lstrip("@").casefold()))
            out.extend(k for k in (_fold(site), _fold(host)) if len(k) >= 2 and k not in out)
    return tuple(out)


def _names_site(part: str, names: list[str]) -> bool:
    p = _fold(part)
    if DATE_PART.match(part.strip()):
        return True
    return bool(p) and any(p in s or p.startswith(s) or p.endswith(s) for s in names)


def _fold(text: str) -> str:
    """Letters and digits only, accents dropped: "Seznam Zprávy" and "@Seznam_Zpravy" meet."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum())


def _key(text: str) -> str:
    """Wordings compare equal when they have the same words in the same order (sources differ
    in typography only)."""
    return word_key(text)
