"""The second opinion on short extractions: when it runs, what it keeps, what it costs."""

from __future__ import annotations

import trafilatura.external
from lxml import html as lxml_html

from copydesk.extract import fallback
from copydesk.extract.page import Extraction
from copydesk.extract.xmlblocks import RawBlock

#: Longer than jusText's 200 characters, so that its classifier calls them good on their own.
PROSE = [
    "The harbour council voted on Tuesday to rebuild the sea wall, which was breached twice "
    "in the storms of last winter and has been patched ever since, at a cost the town's "
    "treasurer said it could no longer carry without raising the harbour dues again.",
    "Engineers told the meeting that a new wall would last fifty years, against five for "
    "another round of repairs, and would cost a third more than the town had set aside for "
    "the work when the council first discussed the storms' damage in the spring.",
    "Residents of the lower town, whose houses flooded both times, filled the public gallery "
    "and applauded when the vote was read out by the council's clerk, some of them holding "
    "photographs of their kitchens under a foot of sea water in January.",
]
MENU = "<ul>" + "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(12)) + "</ul>"
PAGE = (
    "<html><head><title>Sea wall</title><script>var x = '<p>" + "z" * 200 + "</p>';</script>"
    "</head><body><nav>" + MENU + "</nav><div class='story'>"
    + "".join(f"<p>{p}</p>" for p in PROSE)
    + "</div><footer><p>Contact us</p></footer></body></html>"
)  # fmt: skip


def test_page_text_counts_prose_paragraphs_only() -> None:
    # the script's fake paragraph and the short footer line are not prose
    assert fallback.paragraph_chars(PAGE) == sum(len(p) for p in PROSE)


def test_sentence_chars_skip_fragments() -> None:
    blocks = [RawBlock(PROSE[0], "p"), RawBlock("Section 3", "p"), RawBlock("x" * 80, "p")]
    assert fallback.sentence_chars(blocks) == len(PROSE[0])  # no end punctuation: not prose


def test_a_short_extraction_is_replaced_and_the_choice_recorded() -> None:
    ext = Extraction(blocks=[RawBlock("Section 1", "p")])
    fallback.maybe_fallback(PAGE, None, ext)
    assert ext.extractor in ("readability", "justext")
    assert [b.text for b in ext.blocks if b.text in PROSE] == PROSE
    candidates = {"readability", "justext", "embedded"}
    assert set(ext.notes["fallback"]) == {"trafilatura", "page", *candidates}


def test_a_long_enough_extraction_is_left_alone() -> None:
    blocks = [RawBlock(p, "p") for p in PROSE]
    ext = Extraction(blocks=list(blocks))
    fallback.maybe_fallback(PAGE, None, ext)
    assert ext.extractor == "trafilatura" and ext.blocks == blocks and not ext.notes


def test_a_page_of_unknown_language_uses_every_stoplist_once() -> None:
    tree = lxml_html.document_fromstring(PAGE)
    kept = [b.text for b in fallback._justext(tree, None)]
    assert kept == PROSE
    # trafilatura's own copy, not a second one of our own: jusText caches a frozen set per
    # distinct stoplist, so an equal list of ours would double the 19 MB in every worker
    assert fallback._all_stopwords() is trafilatura.external.JT_STOPLIST
    assert {"the", "und", "les", "och"} <= set(fallback._all_stopwords())
