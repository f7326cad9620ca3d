"""Direct quotes by their marks: every style, nesting, paragraphs, and no crash on bad marks."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk.enrich.quotes import find_quotes
from copydesk.enrich.segments import article_pieces, chunk_pieces
from copydesk.record import Article


def quotes_of(*paras: str) -> list[list[str]]:
    chunk = chunk_pieces(article_pieces(Article(body=list(paras))))[0]
    return [[chunk.text[s:e] for s, e in q.parts] for q in find_quotes(chunk)]


def test_every_quote_style() -> None:
    assert quotes_of('He said "straight one" here.') == [["straight one"]]
    assert quotes_of("He said “curly one” here.") == [["curly one"]]
    assert quotes_of("Il a dit « guillemets » ici.") == [["guillemets"]]
    assert quotes_of("She said ‘single curly’ here.") == [["single curly"]]
    assert quotes_of("She said 'single straight' here.") == [["single straight"]]
    assert quotes_of("Er sagte „deutsch“ dann.") == [["deutsch"]]


def test_comma_before_the_cue_is_not_part_of_the_quote() -> None:
    assert quotes_of('"Both agreed on dialogue," she said.') == [["Both agreed on dialogue"]]


def test_apostrophes_are_not_quotes() -> None:
    assert quotes_of("It's O'Brien's dog and the students' union’s rock’n’roll.") == []


def test_nested_quote_stays_inside() -> None:
    assert quotes_of("He said \"she told me 'no way' twice\" then.") == [
        ["she told me 'no way' twice"]
    ]
    assert quotes_of("He said “she told me “no” twice” then.") == [["she told me “no” twice"]]


def test_quote_over_paragraphs() -> None:
    got = quotes_of("“First part of it.", "“Second part,” he said.", "Then no quote.")
    assert got == [["First part of it.", "Second part"]]


def test_unbalanced_marks_end_with_their_paragraph() -> None:
    assert quotes_of('He said "never closed', "Next paragraph is plain.") == [["never closed"]]
    assert quotes_of('A stray " mark and "a real one" here.') == [["a real one"]]
    assert quotes_of('Closing only" here.') == []


def test_rtl_cjk_emoji() -> None:
    assert quotes_of("قال «مرحبا بكم» اليوم") == [["مرحبا بكم"]]
    assert quotes_of("他说「你好」。") == [["你好"]]
    assert quotes_of('She said "great 🎉 news" 😀.') == [["great 🎉 news"]]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.text(alphabet=st.sampled_from(list("ab \"'“”‘’«»„‹›「」.,\n")), max_size=40), max_size=5
    )
)
def test_never_raises_and_spans_are_inside(paras: list[str]) -> None:
    chunks = chunk_pieces(article_pieces(Article(body=paras)))
    for chunk in chunks:
        for q in find_quotes(chunk):
            for s, e in q.parts:
                assert 0 <= s <= e <= len(chunk.text)
