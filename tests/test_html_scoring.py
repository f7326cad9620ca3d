"""The shared scoring helpers match the data README's metric and field rules."""

from __future__ import annotations

import pytest
from benchmarks.scoring import (
    body_triple,
    field_match,
    prf,
    same_day,
    set_f1,
    strip_dateline,
    tp_fp_fn,
)


def test_identical_text_scores_one() -> None:
    text = "one two three four five six"
    assert tp_fp_fn(text, text) == (1.0, 0.0, 0.0)
    assert prf([tp_fp_fn(text, text)]) == (1.0, 1.0, 1.0)


def test_repeated_paragraph_costs_precision() -> None:
    gold = "alpha beta gamma delta epsilon zeta"
    precision, recall, _ = prf([tp_fp_fn(gold, gold + " " + gold)])
    assert recall == 1.0 and precision < 0.6


def test_missing_prediction_counts_for_recall_only() -> None:
    gold = "alpha beta gamma delta epsilon"
    triples = [tp_fp_fn(gold, gold), tp_fp_fn(gold, "")]
    precision, recall, _ = prf(triples)
    assert precision == 1.0 and recall == pytest.approx(0.5)


@pytest.mark.parametrize(
    "text",
    [
        "NEW DELHI: The minister said",
        "WASHINGTON (Reuters) - The minister said",
        "Washington, Sept 30 (AP) -- The minister said",
    ],
)
def test_leading_datelines_are_stripped(text: str) -> None:
    assert strip_dateline(text) == "The minister said"


def test_ordinary_sentence_is_not_a_dateline() -> None:
    assert strip_dateline("He said: yes") == "He said: yes"
    assert body_triple(["NEW DELHI: a b c d e"], "a b c d e") == (1.0, 0.0, 0.0)


def test_field_rules() -> None:
    assert field_match("It’s  “done” — now", 'it\'s "done" - NOW')
    assert same_day("2024-12-02 10:56:35+01:00", "2024-12-02")
    assert not same_day("2024-12-02", None)
    assert set_f1(["Ann Lee", "Bo Chan"], ["ann lee"]) == pytest.approx(2 / 3)
