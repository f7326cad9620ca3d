"""The article carried in the page's scripts: the fallback candidate for client-rendered pages."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

import copydesk
from copydesk.extract.embedded import embedded_blocks, html_blocks

PARAS = [
    "The harbour council voted on Tuesday to rebuild the sea wall that failed in the storm.",
    "Work is due to start in the spring and to take two years, the mayor told reporters.",
    "Residents had campaigned for a new wall since the floods of last winter, she said.",
    "The cost will be shared by the town and the regional government, officials said.",
]


def _next_page(paras: list[str], title: str, markup: str = "") -> str:
    """A client-rendered page: the body only as escaped HTML in a framework's data script."""
    content = "".join(f'<p class="editor-p">{p}</p>' for p in paras)
    content = '<div class="caption"><p>A photo of the harbour wall.</p></div>' + content
    data = json.dumps({"article": {"title": title, "contentHtml": content}})
    data = data.replace("<", "\\u003c").replace(">", "\\u003e")  # as frameworks escape it
    return (
        f"<html><head><title>{title}</title></head><body><div id='app'>{markup}</div>"
        f"<script>self.__next_f.push([1, {data}])</script></body></html>"
    )


def test_client_rendered_page_gets_its_body_from_the_scripts() -> None:
    rec = copydesk.parse(_next_page(PARAS, "Harbour council votes to rebuild the sea wall"))
    assert rec.body == PARAS  # the caption is not body
    assert rec.meta["extractor"] == "embedded"
    assert not rec.errors


def test_another_article_in_the_scripts_does_not_replace_the_page() -> None:
    own = "".join(
        f"<p>{p}</p>"
        for p in (
            "Shares in the ferry company fell sharply on Monday after it cut its forecast.",
            "The company blamed higher fuel costs and a weak summer season for the warning.",
        )
    )
    page = _next_page(PARAS, "Ferry company cuts its forecast", f"<article>{own}</article>")
    rec = copydesk.parse(page)
    assert rec.body and all("harbour" not in p for p in rec.body)
    assert rec.meta["extractor"] != "embedded"


def test_jsonld_article_body_is_a_candidate() -> None:
    ld = {"@type": "NewsArticle", "headline": "Harbour wall", "articleBody": "\n".join(PARAS)}
    page = (
        "<html><head><title>Harbour council votes to rebuild the sea wall</title>"
        f'<script type="application/ld+json">{json.dumps(ld)}</script></head>'
        "<body><div id='app'></div></body></html>"
    )
    assert [b.text for b in embedded_blocks(page)] == PARAS
    # trafilatura reads articleBody itself here (as one paragraph), so no fallback is needed.
    assert copydesk.parse(page).body == [" ".join(PARAS)]


def test_html_blocks_skip_figures_and_nested_paragraph_containers() -> None:
    fragment = (
        "<figure><p>Caption</p></figure><h2>Heading</h2><ul><li>One</li></ul>"
        "<blockquote><p>Quoted.</p></blockquote>"
    )
    got = [(b.text, b.hint) for b in html_blocks(fragment)]
    assert got == [("Heading", "head"), ("One", "list"), ("Quoted.", "p")]


@given(st.text(max_size=3000))
def test_embedded_blocks_never_raise(text: str) -> None:
    embedded_blocks(f"<script>{text}</script>")
    embedded_blocks(text)


@pytest.mark.timeout(60)
def test_escaped_quotes_without_an_end_do_not_stall() -> None:
    # Every '\\"' used to start a string literal that ran to the end of the script.
    script = "<p x>" * 3 + 'x = "' + '\\"' * 300_000
    assert embedded_blocks(f"<script>{script}</script>") == []
