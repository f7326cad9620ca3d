"""The quote and entity scorers of `make eval`: a wrong scorer would report wrong figures."""

from __future__ import annotations

from benchmarks.eval_entities import score as score_entities
from benchmarks.eval_quotes import Pred, parse_brat, score, to_article

TEXT = 'Title.\n\n"We won," Smith said.\n\nJones said the vote was close.'
ANN = (
    "T1\tSource 18 23\tSmith\n"
    "T2\tCue 24 28\tsaid\n"
    'T3\tContent 8 17\t"We won,"\n'
    "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n"
    "T4\tSource 31 36\tJones\n"
    "T5\tCue 37 41\tsaid\n"
    "T6\tContent 42 60\tthe vote was close\n"
    "E2\tAttribution:T5 Content:T6 Cue:T5 Source:T4\n"
)


def test_brat_attributions_and_direct_rule() -> None:
    gold = parse_brat(ANN, TEXT)
    assert TEXT[18:23] == "Smith" and TEXT[42:60] == "the vote was close"
    assert [(g.source, g.direct, g.cue) for g in gold] == [
        ("Smith", True, "said"),
        ("Jones", False, "said"),
    ]


def test_article_offsets_map_back_to_the_raw_text() -> None:
    article, offsets, _ = to_article(TEXT, None)
    assert article.headline == "Title."
    for para, off in zip(article.body, offsets, strict=True):
        assert TEXT[off : off + len(para)] == para


def test_quote_scores() -> None:
    gold = [parse_brat(ANN, TEXT)]
    preds = [
        [
            Pred([(9, 15)], {"smith"}, "direct"),  # right span, right speaker
            Pred([(0, 5)], set(), "direct"),  # overlaps no gold content
            Pred([(42, 60)], {"jones"}, "indirect"),
        ]
    ]
    got = score(gold, preds)
    assert got["direct_precision"] == 0.5 and got["direct_recall"] == 1.0
    assert got["speaker_accuracy"] == 1.0
    assert got["indirect_precision"] == 1.0 and got["indirect_recall"] == 1.0


def test_entity_scores() -> None:
    gold = [
        {
            "entities": [
                {"mention": "Munter", "labels": ["PERSON"], "canonical": "Cameron Munter"},
                {"mention": "US", "labels": ["GPE"], "canonical": "United States"},
            ]
        }
    ]
    predicted = [
        [
            {"label": "PERSON", "canonical": "Cameron Munter", "mentions": ["Munter"]},
            {"label": "GPE", "canonical": "US", "mentions": ["US"]},
            {"label": "ORG", "canonical": "Twitter", "mentions": ["Twitter"]},
        ]
    ]
    got = score_entities(gold, predicted)
    assert got["entity_recall"] == 1.0
    assert got["alias_accuracy"] == 0.5
    assert got["entity_precision"] == round(2 / 3, 3)
