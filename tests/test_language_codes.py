"""`language` is an ISO 639-1 code or null, as docs/record.md promises, whatever py3langid says.

py3langid names some languages by ISO 639-3 codes: a headline over an Arabic, a Hebrew and an
English paragraph came out as "ary" (Moroccan Arabic).
"""

from __future__ import annotations

import pytest

import copydesk
from copydesk.language import ISO_639_1_OF, _identifier, detect_language, iso_639_1

MIXED = (
    "News of the day\n\n"
    "قال المتحدث باسم الحكومة إن الاجتماع سيعقد الأسبوع المقبل في العاصمة لمناقشة الخطة.\n\n"
    "אמר דובר הממשלה כי הפגישה תתקיים בשבוע הבא בבירה כדי לדון בתוכנית.\n\n"
    "The government spokesman said the meeting would be held next week in the capital.\n"
)


def test_arabic_dialect_is_reported_as_arabic() -> None:
    assert copydesk.parse(MIXED).language == "ar"


def test_dialects_go_to_their_macrolanguage_and_others_to_none() -> None:
    assert iso_639_1("ary") == "ar" and iso_639_1("yue") == "zh" and iso_639_1("en") == "en"
    assert iso_639_1("kab") is None and iso_639_1("zxx") is None


def test_every_label_of_the_model_gives_a_two_letter_code_or_none() -> None:
    pycountry = pytest.importorskip("pycountry")
    for label in set(_identifier().nb_classes):
        code = iso_639_1(label)
        assert code is None or (len(code) == 2 and pycountry.languages.get(alpha_2=code)), label
    assert set(ISO_639_1_OF) <= set(_identifier().nb_classes)  # no stale entries


def test_two_letter_answers_are_unchanged() -> None:
    assert detect_language("Heavy rain has cut off dozens of mountain villages in the north.") == (
        "en"
    )


def test_three_letter_html_lang_leaves_it_to_the_text() -> None:
    body = "<p>Heavy rain has cut off dozens of mountain villages in the north, officials said.</p>"
    page = f"<html lang='fil'><head><title>Rain</title></head><body>{body * 4}</body></html>"
    assert copydesk.parse(page).language == "en"
