"""What trafilatura is handed: the page without scripts, styles and comments (`without_code`)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from copydesk.extract.markup import without_code

LD = '<script type="application/ld+json">{"headline": "Sea wall"}</script>'


def test_scripts_styles_and_comments_go_json_ld_stays() -> None:
    page = f"<p>a</p><script>var x = 1;</script><style>p{{}}</style><!-- ad -->{LD}<p>b</p>"
    assert without_code(page) == f"<p>a</p>{LD}<p>b</p>"


def test_each_ends_at_its_own_closing() -> None:
    # A "<style>" or "<!--" inside a script is script text; a "<script" inside a comment is
    # comment text (the text between must not go with it).
    assert without_code("a<script>b<style>q</style>'<!--'</script>c") == "ac"
    assert without_code("a<!-- <script src=x> -->b<script>c</script>d") == "abd"
    assert without_code("a<SCRIPT type=module>b</script >c<Style x=1>d</STYLE>e") == "ace"


def test_one_left_open_keeps_the_rest() -> None:
    assert without_code("a<script>b</script>c<script>d<p>e</p>") == "ac<script>d<p>e</p>"
    assert without_code("a<!--b<p>c</p>") == "a<!--b<p>c</p>"


def test_code_written_inside_an_attribute_is_no_element() -> None:
    page = '<a title="<script>x">Read</a><p>Body text.</p><script>y</script><p>More.</p>'
    assert without_code(page) == '<a title="<script>x">Read</a><p>Body text.</p><p>More.</p>'
    page = "<img alt='<!-- ad'><p>Body text.</p><!-- end --><p>More.</p>"
    assert without_code(page) == "<img alt='<!-- ad'><p>Body text.</p><p>More.</p>"


def test_a_page_of_openers_inside_an_open_tag_is_left_as_it_is() -> None:
    # Each opener is inside the tag the one before it opened: no closing ">" anywhere, so every
    # backward look would run to the page's start without `TAG_LOOKBACK`.
    page = "x<" + "<!--" * 200_000
    assert without_code(page) == page


def test_page_without_code_is_unchanged() -> None:
    page = "<html><body><h1>Title</h1><p>Scripted <b>words</b> stay.</p></body></html>"
    assert without_code(page) == page


# Markup between the code: words and whole tags (a stray "<" would open a tag, inside which
# code is no element; that case has a test of its own above).
_TEXT = st.lists(st.sampled_from(["a", "b", " ", "<p>", "</p>", "<b>x</b>", "-->", ">"])).map(
    "".join
)
_CODE = st.sampled_from(
    ["<script>x<p>y</p></script>", "<style>p{a:b}</style>", "<!-- <p>ad</p> -->", LD]
)


@given(st.lists(st.tuples(_TEXT, _CODE)), _TEXT)
def test_text_between_code_is_kept_exactly(pairs: list[tuple[str, str]], tail: str) -> None:
    page = "".join(t + c for t, c in pairs) + tail
    expected = "".join(t + (c if c == LD else "") for t, c in pairs) + tail
    assert without_code(page) == expected


@given(st.text(alphabet=st.sampled_from(list("<>!-/ scriptyle")), max_size=300))
def test_any_markup_only_loses_text(page: str) -> None:
    # Spans are cut, nothing is added or moved: the result is a subsequence of the page.
    rest = iter(page)
    assert all(c in rest for c in without_code(page))
