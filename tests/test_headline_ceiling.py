"""The headline-ceiling study scores rules the way it says: vote, tie order, held-out choice."""

from __future__ import annotations

from benchmarks.headline_ceiling import (
    GROUPINGS,
    Page,
    Rule,
    all_rules,
    best_rule,
    leave_publisher_out,
    right_pages,
)

from copydesk.extract.headline import SOURCE_ORDER, vote_headline

SEO, SOCIAL = "Campaigns brace for a sprint", "Campaigns brace for an intense sprint"
CANDS = [("jsonld", SEO), ("og", SOCIAL), ("h1", SOCIAL), ("title", SEO)]


def test_vote_follows_the_order_and_grouping_it_is_given() -> None:
    assert vote_headline(CANDS) == SOCIAL  # og + h1: two channels against one
    og_last = ("jsonld", "title", "h1", "twitter", "og")
    assert vote_headline(CANDS, og_last, GROUPINGS["fixed priority"]) == SEO
    assert vote_headline(CANDS, ("og", *og_last[:-1]), GROUPINGS["fixed priority"]) == SOCIAL
    assert vote_headline([]) is None


def test_copydesk_rule_comes_first_and_every_rule_once() -> None:
    rules = all_rules()
    assert rules[0] == Rule("channels", SOURCE_ORDER)
    assert len(rules) == len(set(rules)) == 3 * 120


def test_held_out_choice_cannot_learn_a_publishers_own_convention() -> None:
    # Two publishers with the same sources and opposite gold: whichever rule the other one
    # teaches is wrong on the held-out one, though a rule exists for each.
    pages = [Page("A", SEO, CANDS), Page("A", SEO, CANDS), Page("B", SOCIAL, CANDS)]
    rules = [Rule("fixed priority", SOURCE_ORDER), Rule("channels", SOURCE_ORDER)]
    table = right_pages(rules, pages)
    assert table == [[True, True, False], [False, False, True]]
    assert best_rule(table, [True, True, True]) == 0
    assert leave_publisher_out(table, pages) == 0
