"""Timestamp lines: "Stand: 22.04.2024, 06:00 Uhr", "17:41 JST, October 13, 2024", "Updated at
1:23 p.m.", "2025年1月14日 01時28分 (1月14日 01時40分更新)".

Page templates print the publication or update time as a line of its own above the article, and
extractors keep it as the first paragraph; some print "Updated at ..." below the last one. A line
is a timestamp when every word in it is a date word (a month, a weekday, a time zone, a "published"
or "updated" label, in one of the listed languages) and it holds a date, or a time under a label.
Anything else in the line ("by Jane Doe", "Exhibition:") makes it prose and it stays.

Whether such a line may go depends on where it is, not on its shape: a date inside the body is a
live-blog entry or the date of an embedded tweet, and the gold of both dev sets keeps those. The
structure stage therefore only drops a timestamp among the first eight lines above the first line
of prose (twelve words or more), or as the last line, and in text only a line of its own, not
one inside a hard-wrapped paragraph (`copydesk.structure.build`).
"""

from __future__ import annotations

import re


def _table(words: str) -> frozenset[str]:
    """A word table written as running text, one language per line, so it reads like a list."""
    return frozenset(words.split())


#: Month names and their usual abbreviations: en, de, fr, es, pt, it, nl, no/da, sv, pl, cs, tr,
#: ru, id. Genitive forms where the language dates with them ("22 października", "13 мая").
MONTHS = _table(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    januar februar märz mai juni juli oktober dezember jänner mär okt dez
    janvier février mars avril juin juillet août septembre octobre novembre décembre
    janv févr avr juil déc
    enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre
    diciembre ene abr ago dic
    janeiro fevereiro março maio junho julho setembro outubro novembro dezembro fev out
    gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre gen mag giu lug ott
    januari februari maart mei augustus desember des maj augusti
    styczeń stycznia luty lutego marzec marca kwiecień kwietnia maja czerwiec czerwca lipiec
    lipca sierpień sierpnia wrzesień września październik października listopad listopada
    grudzień grudnia
    leden ledna únor února březen března duben dubna květen května červen června červenec
    července srpen srpna září říjen října listopadu prosinec prosince
    ocak şubat nisan mayıs haziran temmuz ağustos eylül ekim kasım aralık
    января февраля марта апреля мая июня июля августа сентября октября ноября декабря
    январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь
    maret agustus
    """
)

#: Weekdays, time words and time zones, "published"/"updated" labels and the particles that join
#: them ("à", "um", "às", "kl."): words a timestamp may hold besides months and numbers.
OTHER_WORDS = _table(
    """
    monday tuesday wednesday thursday friday saturday sunday
    mon tue tues wed thu thur thurs fri sat sun
    montag dienstag mittwoch donnerstag freitag samstag sonntag sonnabend mo di mi do fr sa so
    lundi mardi mercredi jeudi vendredi samedi dimanche
    lunes martes miércoles jueves viernes sábado domingo
    segunda terça quarta quinta sexta feira
    lunedì martedì mercoledì giovedì venerdì sabato domenica
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
    mandag tirsdag onsdag torsdag fredag lørdag søndag måndag tisdag lördag söndag
    poniedziałek wtorek środa czwartek piątek sobota niedziela
    pondělí úterý středa čtvrtek pátek neděle
    pazartesi salı çarşamba perşembe cuma cumartesi pazar
    понедельник вторник среда четверг пятница суббота воскресенье
    senin selasa rabu kamis jumat sabtu minggu
    am pm a p m uhr h hrs st nd rd th er
    gmt utc bst cet cest est edt pst pdt cst cdt mst mdt jst kst ist aest aedt sast eat wat msk
    mez mesz wib wita wit
    updated update last published posted modified created first on at
    stand aktualisiert veröffentlicht erstellt zuletzt geändert um den
    publié mis à jour le modifié
    publicado actualizado actualización a las el de del
    atualizado atualização em às
    pubblicato aggiornato alle il
    gepubliceerd bijgewerkt op om
    publisert oppdatert sist kl klokken publicerad uppdaterad
    opublikowano aktualizacja zaktualizowano o
    publikováno aktualizováno aktualizace v
    yayınlanma güncelleme tarihi saat
    опубликовано обновлено в
    diterbitkan diperbarui pukul
    """
)

#: Labels that say a time is the page's time: a bare time ("4:14 p.m.") is a timestamp only
#: under one of these, since a live blog heads each entry with one.
LABELS = _table(
    """
    updated update published posted modified stand aktualisiert veröffentlicht erstellt publié
    publicado actualizado atualizado pubblicato aggiornato gepubliceerd bijgewerkt publisert
    oppdatert publicerad uppdaterad opublikowano aktualizacja zaktualizowano publikováno
    aktualizováno yayınlanma güncelleme опубликовано обновлено diterbitkan diperbarui
    """
)

#: East Asian date characters and labels ("年", "更新", "기사입력"), taken out before the words are
#: read; numbers beside them make a date.
CJK_DATE = re.compile(
    r"기사입력|입력|수정|승인|등록|업데이트|오전|오후|最終更新|更新|発行|公開|配信|发布时间|更新时间|"
    r"发布|午前|午後|[年月日時时分秒]"
)

#: 22.04.2024, 11/19/2019, 2018-08-25: a year of four digits (two-digit years read as version
#: numbers and codes too often: "1.2.10"), and day and month in range.
NUMERIC_DATE = re.compile(
    r"(?<!\d)(?:(?:[0-3]?\d[./-][01]?\d|[01]?\d[./-][0-3]?\d)[./-](?:19|20)\d\d"
    r"|(?:19|20)\d\d[./-][01]?\d[./-][0-3]?\d)(?![\d.-]\d)"
)
#: A month word counts with a year or a day beside it ("May 5", "30. Januar", "22 de outubro"):
#: some are everyday words elsewhere ("out", "may", "des").
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
TIME = re.compile(r"(?<!\d)\d{1,2}[:.h]\d{2}(?!\d)")
_NUMBER = re.compile(r"\d")
_WORD = re.compile(r"[^\W\d_]+")

#: A timestamp is a short line; longer ones are sentences that mention a date.
MAX_TIMESTAMP_CHARS = 80


def is_timestamp(line: str) -> bool:
    """True when the whole line is a date or time stamp (see the module docstring)."""
    text = line.strip()
    if not text or len(text) > MAX_TIMESTAMP_CHARS or not _NUMBER.search(text):
        return False
    cjk = CJK_DATE.search(text) is not None
    words = [w.casefold() for w in _WORD.findall(CJK_DATE.sub(" ", text) if cjk else text)]
    if not all(w in MONTHS or w in OTHER_WORDS for w in words):
        return False
    if cjk or NUMERIC_DATE.search(text) or _month_with_day_or_year(text, words):
        return True
    return bool(TIME.search(text)) and any(w in LABELS for w in words)


def _month_with_day_or_year(text: str, words: list[str]) -> bool:
    if not any(w in MONTHS for w in words):
        return False
    if _YEAR.search(text):
        return True
    tokens = [t.casefold().rstrip(".,") for t in text.split()]
    for k, token in enumerate(tokens):
        if token in MONTHS:
            near = tokens[max(0, k - 2) : k] + tokens[k + 1 : k + 2]
            if any(t.rstrip("stndrh").isdigit() and len(t) <= 4 for t in near):
                return True
    return False


_STAMP_BY = re.compile(r"^(?P<stamp>.+?)\s+by\s+(?P<names>\S.*)$", re.IGNORECASE)


def stamped_byline(line: str) -> str | None:
    """ "5:45 AM PST 11/19/2019 by Patrick Shanley": the byline part ("By Patrick Shanley")
    when the line is a timestamp followed by one, for `copydesk.rules.bylines` to read."""
    match = _STAMP_BY.match(line.strip())
    if match is None or not is_timestamp(match.group("stamp")):
        return None
    return f"By {match.group('names')}"
