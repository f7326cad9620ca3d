"""Unwrapping hard-wrapped lines into paragraphs, without merging real paragraphs."""

from __future__ import annotations

import textwrap

import pytest

import copydesk
from copydesk.repair.unwrap import ends_sentence, should_join, unwrap, unwrap_block, wrap_width

PARA1 = (
    "Pakistan and the United States today stepped up contacts to defuse tensions triggered "
    "by American allegations that the intelligence agency was waging a proxy war in "
    "Afghanistan through the Haqqani network, with the envoy meeting the Foreign Secretary "
    "for the second time in as many days."
)
PARA2 = (
    "Munter met Bashir at the Foreign Ministry to discuss ways to reduce tensions and bring "
    "relations between the estranged allies back on an even keel, diplomatic sources said. "
    "Munter had met the Foreign Secretary yesterday after his return from Washington."
)


def _texts(groups) -> list[str]:
    return [text for _, text, _ in groups]


def test_continuation_lower_case() -> None:
    groups = unwrap(["The talks, which began", "on Monday, ended without a deal."])
    assert _texts(groups) == ["The talks, which began on Monday, ended without a deal."]
    assert groups[0][2][0].rule == "continuation"


@pytest.mark.parametrize("width", [55, 64, 75])
def test_greedy_width_rejoins_wrapped_paragraphs(width: int) -> None:
    lines = textwrap.wrap(PARA1, width) + textwrap.wrap(PARA2, width)
    assert _texts(unwrap(lines)) == [PARA1, PARA2]


def test_width_join_across_capitalised_word() -> None:
    # "Foreign" starts upper case: only the width signal can tell the break is a wrap.
    lines = textwrap.wrap(PARA1, 60)
    assert any(line.split()[0][0].isupper() for line in lines[1:])
    groups = unwrap(lines)
    assert len(groups) == 1
    assert any(j.rule == "width" for j in groups[0][2])


def test_hyphenated_break_keeps_hyphen_without_space() -> None:
    groups = unwrap(["The deal was signed by the inter-", "national community on Monday."])
    assert _texts(groups) == ["The deal was signed by the inter-national community on Monday."]
    assert groups[0][2][0].hyphen


def test_real_paragraphs_are_not_merged() -> None:
    # Sentence-final lines well short of the run's width are paragraph ends. (Lines of nearly
    # equal width that each end a sentence are ambiguous: a greedy wrapper makes them too.)
    lines = [
        "The first paragraph ends here.",
        "The second paragraph starts with a capital letter and ends with a stop.",
        "A third one, much shorter.",
        "And a fourth paragraph which is again rather longer than the third one.",
    ]
    assert _texts(unwrap(lines)) == lines


def test_long_lines_are_paragraphs() -> None:
    assert _texts(unwrap([PARA1, PARA2])) == [PARA1, PARA2]


def test_subheading_is_not_joined_by_width() -> None:
    a = "Heavy rain cut off villages in the mountains on Sunday, officials said."
    assert should_join("Rescue Teams Arrive", "Rescue teams were sent by helicopter.", 70) is None
    assert should_join(a, "More rain is expected.", None) is None


def test_wrap_width() -> None:
    assert wrap_width([60, 58, 61, 20]) == 61
    assert wrap_width([60]) is None
    assert wrap_width([10, 12, 9]) is None  # a list of short items
    assert wrap_width([60, 15, 14, 12, 61]) is None  # lines far from the width


def test_ends_sentence() -> None:
    assert ends_sentence('He said: "No."')
    assert ends_sentence("Done!")
    assert not ends_sentence("and then")


def test_blank_line_blocks_join_every_line_except_list_items() -> None:
    groups = unwrap_block(["one line of a block", "Continues here", "- item one", "- item two"])
    assert _texts(groups) == ["one line of a block Continues here", "- item one", "- item two"]


def test_blank_line_layout_in_a_document() -> None:
    paras = [PARA1, PARA2, "Officials declined to comment on the talks."]
    text = "Talks resume\n\n" + "\n\n".join("\n".join(textwrap.wrap(p, 70)) for p in paras)
    rec = copydesk.parse(text)
    assert rec.headline == "Talks resume"
    assert rec.body == paras
    assert any(r.kind == "unwrap" for r in rec.repairs)


def test_two_line_run_of_real_paragraphs() -> None:
    # the first line set the wrap width, so it always "filled" it: one full line is no wrap
    lines = [
        "The minister resigned on Monday after a week of protests over the budget plan.",
        "He said he had lost the confidence of his party.",
    ]
    assert _texts(unwrap(lines)) == lines


def test_one_paragraph_a_line_is_not_unwrapped() -> None:
    # found by a tester: three pairs of paragraphs of a sports story were joined
    lines = [
        "Hours before the match, the coach said the winger always finds a way to score.",
        '"It takes a little longer now, but he is playing well," the coach said on Tuesday.',
        "Right now, having scored four times in three games, he is brimming with confidence.",
        "For good measure, he blocked a shot in the waning seconds of the third period.",
        '"That is perfect," the coach said. "It is the mark of a true competitor."',
        "Barely a week ago, he had scored just once in a ten-game stretch.",
    ]
    assert _texts(unwrap(lines)) == lines


def test_a_paragraph_wrapped_at_sixty_columns_is_still_joined() -> None:
    text = (
        "Islamabad: Pakistan and the US today stepped up contacts to defuse tensions triggered "
        "by American allegations that the ISI was waging a proxy war in Afghanistan through "
        "the Haqqani network, with US envoy Cameron Munter meeting Foreign Secretary Salman "
        "Bashir for the second time in as many days."
    )
    import textwrap

    lines = textwrap.wrap(text, 60)
    assert len(lines) > 3 and _texts(unwrap(lines)) == [text]


def test_a_paragraph_wrapped_to_two_lines_is_joined() -> None:
    # found by a reviewer: "two full lines" could never hold for a paragraph of two lines
    lines = [
        "A magnitude 6.1 earthquake struck off the coast of northern Japan on",
        "Monday, the Japan Meteorological Agency said.",
    ]
    assert _texts(unwrap(lines)) == [" ".join(lines)]
    # a short line or a heading over a line stays apart
    assert len(unwrap(["Rescue work goes on", "Crews reached the villages on Monday."])) == 2
