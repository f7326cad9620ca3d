"""Enrichment on hostile input: nothing stops a batch, and a missing model says what to install."""

from __future__ import annotations

import json
from typing import Any

import pytest

from copydesk.errors import MissingExtraError
from copydesk.options import EnrichOptions
from copydesk.record import Article


@pytest.fixture(scope="module")
def enrich(enrich_article: Any) -> Any:
    def run(*paras: str, language: str | None = "en") -> Article:
        return enrich_article(Article(body=list(paras), language=language))

    return run


def test_missing_model_names_the_extra() -> None:
    from copydesk.enrich import load_model

    with pytest.raises(MissingExtraError, match=r"pip install -e '\.\[nlp\]'"):
        load_model("xx_no_such_model_sm")


def test_missing_model_raises_before_reading_records() -> None:
    from copydesk.enrich import enrich_records

    records = enrich_records([Article(body=["x"])], EnrichOptions(model="xx_no_such_model_sm"))
    with pytest.raises(MissingExtraError):
        next(records)


def test_non_english_is_skipped_with_a_note_not_a_wrong_answer(enrich: Any) -> None:
    from copydesk.enrich import is_skip_note

    out = enrich("Angela Merkel sagte am Dienstag in Berlin, dass alles gut sei.", language="de")
    assert out.entities == [] and out.quotes == []
    assert len(out.errors) == 1 and is_skip_note(out.errors[0]) and "language de" in out.errors[0]


@pytest.mark.nlp
def test_texts_without_sentences(enrich: Any) -> None:
    for paras in ([], [""], ["   "], ["...", "!!!"], ["\u200b\u200b"]):
        out = enrich(*paras)
        assert out.errors == [] and out.quotes == []


@pytest.mark.nlp
def test_unbalanced_and_nested_quotes(enrich: Any) -> None:
    out = enrich(
        'Smith said "the start of a quote that never ends.',
        'Then “Outer ‘inner’ and “deeper” text,” Jones said. A stray ” mark. And " another.',
        "“A new paragraph opening a quote continues the open one,” Smith said.",
    )
    direct = [q for q in out.quotes if q["kind"] == "direct"]
    assert direct[0]["text"].startswith("the start of a quote")
    assert direct[1]["text"] == "Outer ‘inner’ and “deeper” text"
    assert direct[1]["speaker"] == "Jones"
    assert len(direct) == 3


@pytest.mark.nlp
def test_right_to_left_cjk_and_emoji(enrich: Any) -> None:
    out = enrich(
        "قال الرئيس «مرحبا» اليوم في القاهرة.",
        "日本の首相は「ありがとう」と述べた。",
        'Barack Obama said "great news 🎉🎉" on Tuesday 😀.',
    )
    assert out.errors == []
    direct = [q for q in out.quotes if q["kind"] == "direct"]
    assert [q["text"] for q in direct] == ["مرحبا", "ありがとう", "great news 🎉🎉"]
    assert direct[2]["speaker"] == "Barack Obama"


@pytest.mark.nlp
@pytest.mark.slow
def test_hundred_thousand_words_are_chunked(enrich: Any) -> None:
    sentence = "Officials in Washington met on Tuesday and Barack Obama said the talks went well. "
    para = sentence * 7000  # about 100,000 words in one paragraph
    out = enrich("Barack Obama arrived.", para, '"We are done," Obama said.')
    assert out.errors == []
    assert any(e["canonical"] == "Barack Obama" for e in out.entities)
    direct = [q for q in out.quotes if q["kind"] == "direct"]
    assert [(q["text"], q["speaker"]) for q in direct] == [("We are done", "Barack Obama")]
    spans = [s for e in out.entities for s in e["spans"]]
    assert max(s["start"] for s in spans if s["para"] == 1) > 500_000


def test_missing_spacy_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from copydesk.enrich.model import load_model

    load_model.cache_clear()
    monkeypatch.setitem(sys.modules, "spacy", None)  # import spacy now raises ImportError
    try:
        with pytest.raises(MissingExtraError, match=r"pip install -e '\.\[nlp\]'"):
            load_model("auto")
    finally:
        load_model.cache_clear()


@pytest.mark.slow
def test_several_jobs_give_the_same_records_in_order(enrich: Any) -> None:
    """With jobs, all records stream through one multi-process pipe and come back in order,
    records with nothing to read (not English, no body) included where they were."""
    from copydesk.enrich import enrich_records

    story = (
        "Prime Minister Jane Holt said on Tuesday that the plan would go ahead. "
        '"We will not wait any longer," Holt told reporters in London.'
    )

    def batch() -> list[Article]:
        out = [Article(id="de", body=["Ein ganz anderer Text."], language="de")]
        for i in range(7):
            out.append(
                Article(id=f"en{i}", body=[story, f"Paragraph {i} of the story."] * (i % 3 + 1))
            )
            if i == 3:
                out.append(Article(id="empty", body=[], language="en"))
        return out

    one = [a.to_json() for a in enrich_records(batch(), EnrichOptions(batch_size=2))]
    two = [a.to_json() for a in enrich_records(batch(), EnrichOptions(batch_size=2), jobs=2)]
    assert two == one
    assert [json.loads(r)["id"] for r in one][:5] == ["de", "en0", "en1", "en2", "en3"]
    assert any(json.loads(r).get("quotes") for r in one)
