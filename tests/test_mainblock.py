"""Main-content selection from a whole rendered page (copydesk.structure.mainblock).

One test per rule on small synthetic pages, the C4 + Gopher baseline's rules, the detector on
every extracted dev text and the seed, and a golden floor over text-dev/fullpage.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

# The baseline and the eval live in benchmarks/ at the repository root, which plain `pytest`
# (unlike `python -m pytest`) does not put on sys.path.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.baseline_linefilter import c4_line_reason, filter_lines, gopher_line_reason
from benchmarks.eval_fullpage import load_metric, strip_dateline
from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk.structure import mainblock as mb
from copydesk.structure.mainblock import looks_like_full_page, select_main_content
from copydesk.structure.mainblock_features import Kind, effective_size, letter_ratio, shape

PROSE = [
    "The council approved the new budget on Tuesday after a long debate about the cost of "
    "repairing the city's ageing bridges, which engineers say cannot wait another winter.",
    "Opposition members argued that the plan leaves too little for schools, and they promised "
    "to bring an amendment to the next session when the figures for the spring are known.",
    "The mayor said the vote showed that the city could still agree on what matters most, and "
    "she thanked the engineers who had walked every bridge during the autumn inspections.",
    "Work on the first two bridges is due to start in March, and the council expects the "
    "closures to last about six weeks each, with buses diverted through the old town.",
]
MENU = ["    * Home", "    * News", "    * Sport", "    * Culture", "    * Weather", "    * Video"]
FOOTER = [
    "  * About us",
    "  * Contact",
    "  * Careers",
    "  © 2024 Example Media. All rights reserved.",
]


def page(*parts: list[str]) -> list[str]:
    return [line for part in parts for line in part]


def article(indent: int = 8, prose: list[str] = PROSE) -> list[str]:
    out = [" " * indent + "Council backs bridge repairs", ""]
    for para in prose:
        out += [" " * indent + para, ""]
    return out


def kept(lines: list[str]) -> list[str]:
    """The non-blank lines the selector keeps, stripped."""
    verdicts = select_main_content(lines)
    return [x.strip() for x, why in zip(lines, verdicts, strict=True) if why is None and x.strip()]


# --- line shapes -------------------------------------------------------------------------------


def test_bullets_of_every_renderer_are_list_items() -> None:
    for line in ("* Home", "+ World", "- Asia", "• Sport", "1. Top Stories", "12) Item", "*"):
        assert shape(line).bullet, line
    assert not shape("-5 degrees tonight").bullet
    assert not shape("2024 was a hard year.").bullet


def test_terminal_punctuation_across_scripts_and_closing_quotes() -> None:
    for line in (
        "He left.",
        "Really?",
        "东京は晴れ。",
        "\u00abC'est fini.\u00bb",
        '"Go."',
        "Done…",
    ):
        assert shape(line).terminal, line
    assert not shape("Read more").terminal


def test_no_space_scripts_weigh_more_per_character() -> None:
    assert effective_size("東京都は今日") == 3 * 6
    assert effective_size("Berlin") == 6
    japanese = (
        "政府は今日、新しい経済対策を発表し、物価の上昇に苦しむ家庭への支援を強化する方針を示した。"
    )
    assert shape(japanese).kind is Kind.GOOD


def test_letter_ratio_marks_rows_of_numbers_as_furniture() -> None:
    assert letter_ratio("299 € 217,37 €") < 0.4
    assert shape("14 2").kind is Kind.BAD
    assert shape("Berlin").kind is Kind.SHORT


def test_classes_prose_near_short_bad() -> None:
    assert shape(PROSE[0]).kind is Kind.GOOD
    assert shape("The vote was close, and the mayor thanked everyone.").kind is Kind.NEAR
    assert shape("Most read").kind is Kind.SHORT
    assert shape("* Politics").kind is Kind.BAD
    assert shape("https://example.com/a/b").kind is Kind.BAD
    assert shape("").kind is Kind.BLANK


def test_long_line_without_punctuation_is_not_prose() -> None:
    tags = "Gutscheine Nike Store Gutscheine adidas Gutscheine JD Sports Gutscheine ASOS Gutscheine"
    assert shape(tags + " Zalando Gutscheine Engelhorn").kind is Kind.SHORT


def test_list_item_that_is_a_sentence_is_prose() -> None:
    assert shape("* The airline said the engine was within normal parameters.").kind is Kind.NEAR
    assert shape("* Aerospace & Defense").kind is Kind.BAD


def test_copyright_and_consent_shapes() -> None:
    assert shape("© 2019 SlashGear, All Rights Reserved.").kind is Kind.BAD
    assert shape("Copyright 2020 Example").copyright
    assert shape(
        "Diese Website verwendet Cookies, um Ihnen ein besseres Erlebnis zu bieten."
    ).consent
    assert shape("Bu sitede çerezler kullanılmaktadır.").consent
    assert not shape(PROSE[0]).consent


# --- selection rules ---------------------------------------------------------------------------


def test_keeps_article_and_drops_menu_and_footer() -> None:
    lines = page(["Skip to content"], MENU, [""], article(), FOOTER)
    out = select_main_content(lines)
    assert len(out) == len(lines)
    assert kept(lines) == ["Council backs bridge repairs", *PROSE]
    assert not {"* Home", "* About us"} & set(kept(lines))
    reasons = dict(zip((x.strip() for x in lines), out, strict=True))
    assert reasons["* Home"] == "navigation"
    assert reasons["© 2024 Example Media. All rights reserved."] == "footer"


def test_headline_above_the_region_is_kept_for_the_structure_stage() -> None:
    lines = page(MENU, [""], article())
    assert "Council backs bridge repairs" in kept(lines)


def test_head_block_can_be_dropped_as_head() -> None:
    head = ["", "  Council backs bridge repairs", "      By A. Writer", ""]
    lines = page(MENU, head, article()[2:])
    reasons = select_main_content(lines, keep_head=False)
    assert reasons[lines.index("  Council backs bridge repairs")] == "head"
    assert "Council backs bridge repairs" in kept(lines)
    assert "By A. Writer" in kept(lines)


def test_headline_walk_stops_at_a_list_item() -> None:
    lines = page(MENU, article())
    assert "* Video" not in kept(lines)


def test_list_item_continuation_is_furniture() -> None:
    shapes = [
        shape(x) for x in ["    * Related story", "      A teaser under the link.", "    Body."]
    ]
    assert mb._mark_furniture(shapes) == [False, True, False]


def test_repeated_lines_are_furniture_with_digits_masked() -> None:
    shapes = [shape(x) for x in ["Rating: 36 Votes", PROSE[0], "Rating: 12 Votes", "Share"]]
    assert mb._mark_furniture(shapes) == [True, False, True, False]


def test_furniture_costs_grow_along_a_run() -> None:
    shapes = [shape(x) for x in ["* a", "* b", "", "* c", PROSE[0], "* d"]]
    scores = mb._scores(shapes, [False] * len(shapes))
    assert scores[0] > scores[1] > scores[3]
    assert scores[2] == 0
    assert scores[5] == scores[0]


def test_candidate_regions_are_the_best_run_of_each_segment() -> None:
    regions = mb._candidate_regions([5, -1, 5, -20, 3, 3, -1])
    assert [(r.start, r.end, r.score) for r in regions] == [(0, 2, 9), (4, 5, 6)]
    assert mb._candidate_regions([-1, -2]) == []


def test_earliest_strong_region_wins_over_comments_after_it() -> None:
    comments = []
    for n in range(8):
        text = f"I have lived here for {n + 10} years and the bridges were never this bad, " * 2
        comments += [f"        user{n}", "        Reply", "        " + text.strip(), ""]
    lines = page(MENU, article(), ["    Comments (12)", "    * Newest", "    * Oldest"], comments)
    out = kept(lines)
    assert out.count(PROSE[0]) == 1


def test_second_article_at_another_indentation_is_left_out() -> None:
    other = [p.replace("council", "club").replace("bridge", "stadium") for p in PROSE]
    lines = page(MENU, article(2), ["  Share", "  Tags: city council", "    Next story"])
    lines += article(4, other)
    out = kept(lines)
    assert PROSE[3] in out
    assert other[0] not in out


def test_live_blog_entries_one_level_deeper_are_joined() -> None:
    entries = ["", "        10:05 Jon King", ""] + [f"          {p}" for p in PROSE[2:]]
    lines = page(MENU, article(6, PROSE[:2]), entries, FOOTER)
    assert set(PROSE) <= set(kept(lines))


def test_prose_printed_twice_in_the_region_is_kept_once() -> None:
    lines = page(MENU, article(8, [*PROSE[:2], PROSE[0], *PROSE[2:]]), FOOTER)
    assert kept(lines).count(PROSE[0]) == 1
    assert set(PROSE) <= set(kept(lines))


def test_short_lines_off_the_prose_column_are_dropped() -> None:
    body = article(8)
    body.insert(4, "              Buy now")
    body.insert(5, "        A subheading")
    out = kept(page(MENU, body))
    assert "A subheading" in out
    assert "Buy now" not in out


def test_cookie_banner_is_not_the_article() -> None:
    banner = [
        "  We use cookies to improve your experience and to show you personalised advertising, "
        "you can change your cookie settings at any time in the privacy centre of this site.",
        "  Necessary cookies are essential for the website to function properly and cannot be "
        "switched off in our systems, they are set in response to actions made by you.",
    ] * 3
    lines = page(MENU, article(), FOOTER, banner)
    out = select_main_content(lines)
    assert all(why is not None for why in out[-6:])
    assert set(PROSE) <= set(kept(lines))


def test_article_in_two_parts_at_one_indentation_is_joined() -> None:
    box = ["          £ 205", "            Buy now", "            Price at", "    Lakeland", ""]
    box += ["    * 3 year guarantee", ""]
    lines = page(MENU, article(8, PROSE[:2]), box, article(8, PROSE[2:])[2:])
    assert set(PROSE) <= set(kept(lines))


def test_flat_page_without_indentation_still_selects() -> None:
    lines = page([x.strip() for x in MENU], article(0), [x.strip() for x in FOOTER])
    assert set(PROSE) <= set(kept(lines))
    assert "* Home" not in kept(lines)


def test_never_raises_and_keeps_one_entry_per_line() -> None:
    for lines in ([], [""], ["   "], ["x"], [None, 3, "* a"], ["\x00" * 10_000]):
        out = select_main_content(lines)  # type: ignore[arg-type]
        assert len(out) == len(lines)
        assert looks_like_full_page(lines) in (True, False)  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=200), max_size=60))
def test_any_text_gets_a_verdict_per_line(lines: list[str]) -> None:
    out = select_main_content(lines)
    assert len(out) == len(lines)
    assert all(x is None or isinstance(x, str) for x in out)


def test_linear_on_a_long_page() -> None:
    lines = page(MENU, article(), FOOTER) * 300
    out = select_main_content(lines)
    assert len(out) == len(lines)
    assert out.count(None) >= len(PROSE)


# --- the detector ------------------------------------------------------------------------------


def test_detector_sees_menus() -> None:
    assert looks_like_full_page(page(MENU, article(), FOOTER))


def test_detector_sees_nested_indentation_without_menus() -> None:
    lines = page(["Site name", "    Learn More"], article(8), ["            By A. Writer"])
    assert looks_like_full_page(lines)


def test_detector_leaves_extracted_text_alone() -> None:
    flat = ["- News>", "- Asia", "Council backs bridge repairs", *PROSE, "PTI"]
    assert not looks_like_full_page(flat)
    first_line_indent = [f"    {p}" if i % 2 == 0 else p for i, p in enumerate(PROSE)]
    assert not looks_like_full_page(first_line_indent)
    assert not looks_like_full_page([])


def test_detector_is_false_on_every_extracted_text_and_the_seed(data_dir: Path) -> None:
    for path in sorted((data_dir / "text-dev" / "extracted").glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        assert not looks_like_full_page(lines), path.name
    seed = data_dir.parent / "seed" / "seed-article.txt"
    if seed.is_file():
        assert not looks_like_full_page(seed.read_text(encoding="utf-8").splitlines())


def test_detector_is_true_on_almost_every_rendered_page(data_dir: Path) -> None:
    files = sorted((data_dir / "text-dev" / "fullpage").glob("*.txt"))
    hits = sum(looks_like_full_page(f.read_text(encoding="utf-8").splitlines()) for f in files)
    assert hits >= len(files) - 3


# --- the baseline ------------------------------------------------------------------------------


def test_c4_line_rules() -> None:
    assert c4_line_reason("The vote passed on Tuesday.") is None
    assert c4_line_reason("Read more about the vote") == "no_terminal_punc"
    assert c4_line_reason("And so on...") == "no_terminal_punc"
    assert c4_line_reason("Two words.") == "too_few_words"
    assert c4_line_reason("Please enable JavaScript to continue.") == "javascript"
    assert c4_line_reason("Read our privacy policy for details.") == "policy"
    assert c4_line_reason("var x = {a: 1} is code.") == "curly_bracket"


def test_gopher_line_rules() -> None:
    assert gopher_line_reason("• A bullet point here.") == "bullet"
    assert gopher_line_reason("It went on and on…") == "end_ellipsis"
    assert gopher_line_reason("#tag #tag #news today.") == "hashes"
    assert gopher_line_reason("12 34 56 78 ok.") == "non_alpha"
    assert gopher_line_reason("A normal sentence here.") is None


def test_baseline_drops_repeats_and_short_documents() -> None:
    lines = ["The first sentence is here.", "The first sentence is here."] + [
        f"Sentence number {n} is fine." for n in range(5)
    ]
    assert filter_lines(lines).count("The first sentence is here.") == 1
    assert filter_lines(["Only one line is here."]) == []
    assert filter_lines(["Only one line is here."], doc_rules=False) == ["Only one line is here."]
    assert filter_lines(["Lorem ipsum dolor sit amet."] * 9) == []


# --- golden floor over the dev set -------------------------------------------------------------

# Body F1 reached by the selector on text-dev/fullpage (benchmarks.eval_fullpage): 0.920 with the
# headline block kept, 0.931 without it.
GOLDEN_F1_FLOOR = 0.90


def test_golden_fullpage_f1_floor(data_dir: Path) -> None:
    metric = load_metric(data_dir)
    gold = (data_dir / "text-dev" / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    triples = []
    for row in (json.loads(x) for x in gold if x.strip()):
        if row["kind"] != "fullpage":
            continue
        lines = (data_dir / "text-dev" / row["file"]).read_text(encoding="utf-8").splitlines()
        place = (row.get("dateline") or {}).get("place")
        pred = strip_dateline("\n\n".join(kept(lines)), place)
        triples.append(metric.tp_fp_fn(strip_dateline("\n\n".join(row["body"]), place), pred))
    precision, recall, f1 = metric.prf(triples)
    assert len(triples) == 214
    assert f1 >= GOLDEN_F1_FLOOR, (precision, recall, f1)
