"""Repeated paragraphs and repeated runs of lines: kept once, the first copy."""

from __future__ import annotations

import pytest

import copydesk
from copydesk.repair.repeats import (
    MAX_COMPARISONS_PER_LINE,
    find_repeated_line_runs,
    find_repeats,
)

LONG_A = (
    "Munter met Bashir at the Foreign Ministry to discuss ways to reduce tensions and bring "
    "relations between the estranged allies back on an even keel, diplomatic sources said."
)
LONG_B = (
    "Interior Minister Rehman Malik today said Pakistan expects the US and other allies to "
    "recognise its sacrifices in the war on terror."
)


def test_exact_repeats_point_to_the_first_copy() -> None:
    assert find_repeats([LONG_A, LONG_B, LONG_A, LONG_B]) == {2: (0, 1.0), 3: (1, 1.0)}


def test_repeat_ignores_case_punctuation_and_spacing() -> None:
    altered = LONG_A.upper().replace(",", "").replace(" ", "  ")
    assert find_repeats([LONG_A, altered]) == {1: (0, 1.0)}


def test_altered_repeat_is_found_with_its_similarity() -> None:
    edited = LONG_A.replace("diplomatic sources said", "a diplomat said on Tuesday")
    found = find_repeats([LONG_A, LONG_B, edited])
    assert list(found) == [2]
    original, score = found[2]
    assert original == 0 and 0.8 <= score < 1.0


def test_different_paragraphs_sharing_a_phrase_are_kept() -> None:
    other = (
        "Munter met Bashir at the Foreign Ministry again in October, but this time the talks "
        "were about trade, energy and the visa regime rather than security."
    )
    assert find_repeats([LONG_A, other]) == {}


def test_short_paragraphs_repeat_only_inside_a_run() -> None:
    # A lone "PTI" or "Yes." repeats legitimately ...
    assert find_repeats(["Yes.", LONG_A, "Yes."]) == {}
    # ... but next to a repeated long paragraph it is part of the repeated block.
    assert find_repeats([LONG_A, "PTI", LONG_B, LONG_A, "PTI"]) == {3: (0, 1.0), 4: (1, 1.0)}


def test_head_counts_as_seen_before() -> None:
    assert find_repeats([LONG_A, LONG_B], [LONG_B]) == {1: (-1, 1.0)}


def test_line_level_runs() -> None:
    lines = [
        "Alpha beta gamma",
        "delta epsilon.",
        "Zeta eta.",
        "Alpha beta gamma",
        "delta epsilon.",
    ]
    assert find_repeated_line_runs(lines) == {3: 0, 4: 1}


def test_line_run_inside_a_paragraph_is_not_a_repeat() -> None:
    """Two paragraphs quoting the same long phrase can wrap it into the same lines."""
    lines = [
        "The court cited the offences of",
        "forming an organisation to commit crimes and",
        "laundering the proceeds of crime in its ruling.",
        "Prosecutors had listed the offences of",
        "forming an organisation to commit crimes and",
        "laundering the proceeds of crime in the indictment.",
    ]
    assert find_repeated_line_runs(lines) == {}


def test_single_short_repeated_line_is_not_a_run() -> None:
    assert find_repeated_line_runs(["Yes.", "Something else entirely here.", "Yes."]) == {}


def test_a_long_line_repeated_alone_is_left_to_the_paragraph_pass() -> None:
    # lines that are paragraphs each are judged as paragraphs, where recurring lines are known
    assert find_repeated_line_runs([LONG_A, "Other line.", LONG_A]) == {}
    assert find_repeats([LONG_A, "Other line.", LONG_A]) == {2: (0, 1.0)}


QUESTION = "What inspired you to start your cooking page?"


def test_an_interviews_recurring_questions_are_kept() -> None:
    # found by a tester: the second guest's questions were removed as repeats
    text = (
        "Three chefs on what they cook at home\n\nWe asked three home cooks the same questions."
        "\n\nAnna Petrova, Moscow\n\nWhat inspired you to start your cooking page?\n\n"
        "My grandmother taught me to bake bread when I was six years old.\n\n"
        "What is your favourite quick dinner?\n\n"
        "Buckwheat with mushrooms and sour cream, ready in twenty minutes.\n\n"
        "Ivan Sokolov, Kazan\n\nWhat inspired you to start your cooking page?\n\n"
        "I started posting photos of my lunches at work and people asked for recipes.\n\n"
        "What is your favourite quick dinner?\n\nFried eggs with tomatoes and lots of dill.\n"
    )
    rec = copydesk.parse(text)
    assert rec.body.count(QUESTION) == 2
    assert rec.body.count("What is your favourite quick dinner?") == 2
    assert not rec.removed


def test_a_line_written_three_times_is_the_articles_own() -> None:
    paragraphs = [LONG_A, QUESTION, LONG_B, QUESTION, "Done.", QUESTION]
    assert find_repeats(paragraphs) == {}
    # even a long one: a disclosure under each product
    assert find_repeats([LONG_A, "One.", LONG_A, "Two.", LONG_A]) == {}


def test_short_lines_repeated_away_from_their_block_are_kept() -> None:
    item, containers = "1 scoop Shakeology, 1 cup strawberries", "Portion Fix Containers: 1 Red"
    middle = [item, containers, "Meal 2 is lunch today", LONG_A, item, containers, LONG_B]
    assert find_repeats(middle) == {}
    # the same lines printed again right after their block, or at the end, are a copy
    after = [LONG_A, item, containers, item, containers, LONG_B]
    assert find_repeats(after) == {3: (1, 1.0), 4: (2, 1.0)}
    end = [item, containers, LONG_A, LONG_B, item, containers, "PTI"]
    assert set(find_repeats(end)) == {4, 5}


def test_a_recurring_line_inside_a_copied_block_goes_with_it() -> None:
    label = "[ PC World ]"
    paragraphs = [label, LONG_A, label, LONG_B, LONG_A, label, LONG_B, "Wired says yes."]
    assert find_repeats(paragraphs) == {4: (1, 1.0), 5: (2, 1.0), 6: (3, 1.0)}


def test_repeated_block_in_document_is_removed_as_duplicate() -> None:
    text = "\n".join(["Talks resume", LONG_A, LONG_B, "PTI", LONG_A, LONG_B, "PTI"])
    rec = copydesk.parse(text)
    assert rec.body == [LONG_A, LONG_B]
    assert rec.credit == "PTI"
    assert [r.reason for r in rec.removed] == ["duplicate"] * 3
    assert all(r.detail and r.detail.startswith("repeats") for r in rec.removed)


LIST_ITEM = (
    "1 scoop Shakeology, 1 cup strawberries, 8 oz. unsweetened almond milk "
    "(or 1 tsp. nut butter and 8 oz. water)"
)


def test_near_copy_adding_a_word_is_the_articles_own_when_asked() -> None:
    more = LIST_ITEM.replace("1 cup strawberries", "1 cup spinach, 1 cup strawberries")
    assert list(find_repeats([LIST_ITEM, more])) == [1]
    assert find_repeats([LIST_ITEM, more], near_adds_nothing=True) == {}


def test_near_copy_that_only_trims_is_still_a_repeat() -> None:
    trimmed = LONG_A.replace(", diplomatic sources said", "")
    found = find_repeats([LONG_A, LONG_B, trimmed], near_adds_nothing=True)
    assert list(found) == [2] and found[2][0] == 0


def test_dateline_in_front_of_a_near_copy_adds_nothing() -> None:
    summary = LONG_A.replace("Munter met", "Munter has met")
    lead = "ISLAMABAD: " + LONG_A.replace(", diplomatic sources said", "")
    assert list(find_repeats([summary, LONG_B, lead], near_adds_nothing=True)) == [2]


def test_text_keeps_list_items_that_differ_by_an_added_word() -> None:
    more = LIST_ITEM.replace("1 cup strawberries", "1 cup spinach, 1 cup strawberries")
    text = f"Meal plan for the week\n\nMeal 1\n\n{LIST_ITEM}\n\nMeal 2\n\n{more}\n"
    assert more in copydesk.parse(text).body


def test_standfirst_printed_again_in_the_body_is_the_lead() -> None:
    lead = "Tested by: John Milbank RRP: 49.95 Euro More info: www.example.net and the shop"
    text = f"Bike book with soundtrack review\n{lead}\n{LONG_A}\n{LONG_B}\n{lead}\n{LONG_A}\n"
    art = copydesk.parse(text)
    assert art.standfirst is None
    assert art.body == [lead, LONG_A, LONG_B]
    assert [r.reason for r in art.removed] == ["duplicate", "duplicate"]


def test_html_near_copy_that_adds_a_word_is_the_articles_own() -> None:
    first = (
        "Tomato Cucumber Salad (1/2 cup cherry tomatoes, 1/2 cup cucumber slices, 1/4 cup feta, "
        "1 Tbsp. balsamic vinegar), 1 cup grapes"
    )
    second = first.replace("(1/2 cup cherry", "(1 cup lettuce, 1/2 cup cherry")
    items = ["Meal 2", "Eat every 2-3 hours", first, "Meal 2", "Eat every 2-3 hours", second]
    html = (
        "<html><head><title>Meal prep plans</title></head><body><article>"
        + "".join(
            f"<p>{p}</p>"
            for p in ["Two plans for a week of training, one a little stricter.", *items]
        )
        + "</article></body></html>"
    )
    rec = copydesk.parse(html)
    assert second in rec.body and first in rec.body
    assert not [r for r in rec.removed if r.reason == "duplicate"]


def test_one_short_line_repeated_thousands_of_times_stays_within_the_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each copy of "a" starts a run against the first and was compared with every line before
    it (64 s for 20,000 lines); the search now spends a bounded number of comparisons."""
    calls = 0

    class Key(tuple):  # counts the comparisons the search makes
        def __eq__(self, other: object) -> bool:
            nonlocal calls
            calls += 1
            return tuple.__eq__(self, other)

        __hash__ = tuple.__hash__

    lines = ["a"] * 2000
    find_repeated_line_runs(lines, [Key(("a",))] * len(lines))
    assert calls <= MAX_COMPARISONS_PER_LINE * len(lines) + len(lines)
    # a real repeat before the budget runs out is still found
    monkeypatch.setattr("copydesk.repair.repeats.MAX_COMPARISONS_PER_LINE", 4)
    wrapped = [
        "Alpha beta gamma",
        "delta epsilon.",
        "Zeta eta.",
        "Alpha beta gamma",
        "delta epsilon.",
    ]
    assert find_repeated_line_runs(wrapped) == {3: 0, 4: 1}


def test_a_text_printed_three_times_is_kept_once() -> None:
    # found by a reviewer: the recurring rule kept every copy of a thrice-printed article
    paras = [
        LONG_A,
        LONG_B,
        "The finance ministry said revenue from the new port would cover the loan within a "
        "decade, a claim that opposition lawmakers called wildly optimistic on Friday.",
        "Shipping companies have yet to commit to using the terminal, which sits far from the "
        "main trade routes and lacks a rail link to the industrial towns inland.",
    ]
    assert set(find_repeats(paras * 3)) == set(range(4, 12))
    block = [*paras, *paras[1:4], *paras[1:4]]
    assert set(find_repeats(block)) == {4, 5, 6, 7, 8, 9}
    # a pair the text prints on several days (a meal plan's meal) is its own
    meal = [paras[0], paras[2], paras[3], "Day two.", paras[2], paras[3], "Day three."]
    assert find_repeats([*meal, paras[2], paras[3]]) == {}


def test_a_copied_block_after_a_credit_line_goes() -> None:
    items = ["item one of the list here", "item two of the list here", "item three of it now"]
    paras = [LONG_A, *items, "(With inputs from PTI)", *items, LONG_B]
    assert set(find_repeats(paras)) == {5, 6, 7}


def test_many_short_repeated_pairs_are_judged_in_one_pass() -> None:
    # 20,000 pairs took 87 s: each run scanned everything after it (found by a reviewer)
    lines = [x for i in range(20000) for x in (f"alpha beta gamma {i}",) * 2]
    assert len(find_repeats(lines)) == 20000
