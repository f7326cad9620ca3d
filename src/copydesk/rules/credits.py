"""News-agency credits: a line that is only an agency, or "(With inputs from PTI)" and kin."""

from __future__ import annotations

import re

#: Agencies by the spelling a credit line uses, mapped to the canonical credit. Wire services
#: that syndicate text across sites; picture agencies (Getty, Shutterstock) are image credits.
AGENCIES: dict[str, str] = {
    name.casefold(): canon
    for canon, names in {
        "PTI": ["PTI", "Press Trust of India"],
        # "Reuter": the wire's sign-off line until the 1990s (all of Reuters-21578)
        "Reuters": ["Reuters", "Thomson Reuters", "Reuter"],
        "AP": ["AP", "Associated Press", "The Associated Press"],
        "AFP": ["AFP", "Agence France-Presse", "Agence France Presse"],
        "IANS": ["IANS"],
        "ANI": ["ANI"],
        "UNI": ["UNI"],
        "dpa": ["dpa", "DPA", "Deutsche Presse-Agentur"],
        "AAP": ["AAP", "Australian Associated Press"],
        "Xinhua": ["Xinhua"],
        "EFE": ["EFE"],
        "ANSA": ["ANSA"],
        "Kyodo": ["Kyodo", "Kyodo News"],
        "Yonhap": ["Yonhap"],
        "TASS": ["TASS", "ТАСС"],
        "RIA Novosti": ["RIA Novosti", "РИА Новости"],
        "Interfax": ["Interfax", "Интерфакс"],
        "Bloomberg": ["Bloomberg"],
        "PA": ["PA", "PA Media", "Press Association"],
        "CP": ["CP", "The Canadian Press", "Canadian Press"],
        "APA": ["APA"],
        "KNA": ["KNA"],
        "epd": ["epd"],
        "SDA": ["SDA", "Keystone-SDA", "sda"],
        "ATS": ["ATS"],
        "Belga": ["Belga"],
        "ANP": ["ANP"],
        "NTB": ["NTB"],
        "TT": ["TT"],
        "Ritzau": ["Ritzau"],
        "PAP": ["PAP"],
        "CTK": ["ČTK", "CTK"],
        "Anadolu": ["Anadolu", "Anadolu Agency", "AA"],
        "Bernama": ["Bernama"],
        "Antara": ["Antara"],
        "WAM": ["WAM"],
        "KUNA": ["KUNA"],
        "BSS": ["BSS"],
        "APP": ["APP"],
        "CNA": ["CNA"],
        "NNA": ["NNA"],
        "Lusa": ["Lusa"],
        "AGI": ["AGI"],
        "Adnkronos": ["Adnkronos"],
        "Europa Press": ["Europa Press"],
        "Notimex": ["Notimex"],
        "Agencia Brasil": ["Agência Brasil", "Agencia Brasil"],
        "HT": ["HT Correspondent"],
    }.items()
    for name in names
}

_AGENCY_ALT = "|".join(sorted((re.escape(k) for k in {n for n in AGENCIES}), key=len, reverse=True))

#: A whole line naming agencies: "PTI", "AFP/dpa", "— Reuters", "(AP)", "Reuters, AFP".
CREDIT_LINE = re.compile(
    rf"^[\s(\[—–-]*(?P<names>(?:{_AGENCY_ALT})(?:\s*(?:/|,|and|&|und|y|et|e)\s*(?:{_AGENCY_ALT}))*)"
    r"[\s)\].]*$",
    re.IGNORECASE,
)

#: "(With inputs from PTI)", "Mit Material von dpa", "Con información de EFE", "avec AFP".
INPUTS_FROM = re.compile(
    r"^[\s(\[]*(?:with (?:inputs|input|agency inputs) from|inputs from|source:|quelle:|"
    r"mit material von|mit material der|con información de|con informaci[oó]n de|avec|"
    r"con|com informações d[aeo]|met dank aan|written by|edited by)"
    r"\s+(?:the\s+)?(?P<names>[\w .,/&-]{2,60}?)[\s)\].]*$",
    re.IGNORECASE,
)


def credit_of_line(line: str) -> str | None:
    """The canonical credit a line carries, when the whole line is a credit; else None.

    Only lines up to 80 characters qualify: a credit is a signature, not a sentence.
    """
    if len(line) > 80:
        return None
    m = CREDIT_LINE.match(line)
    if m:
        return _canonical(m.group("names"))
    m = INPUTS_FROM.match(line)
    if m:
        names = m.group("names")
        first = re.split(r"\s*(?:/|,| and | & )\s*", names)[0].strip(" .")
        if first.casefold() in AGENCIES or first.casefold() in ("agencies", "agency", "wire"):
            return AGENCIES.get(first.casefold(), first)
    return None


def canonical_agency(name: str) -> str | None:
    """ "Associated Press" → "AP"; None when ``name`` is not a known agency."""
    return AGENCIES.get(name.strip().casefold())


def _canonical(names: str) -> str:
    parts = re.split(
        r"\s*(?:/|,|\band\b|&|\bund\b|\by\b|\bet\b|\be\b)\s*", names.strip(), flags=re.I
    )
    canon = [AGENCIES.get(p.strip().casefold(), p.strip()) for p in parts if p.strip()]
    return "/".join(dict.fromkeys(canon))
