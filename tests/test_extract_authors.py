"""Bylines of HTML pages: people from JSON-LD, meta tags or the page, never the site itself."""

from __future__ import annotations

from copydesk.extract.authors import (
    MAX_AUTHORS,
    clean_name,
    declared_authors,
    is_person,
    split_authors,
    visible_authors,
)
from copydesk.extract.headline import site_keys
from copydesk.extract.meta import page_meta

STERN = site_keys(("stern.de", "STERN.de"))


def test_site_named_author_gives_way_to_a_person_in_the_meta_tags() -> None:
    ld = [{"author": {"@type": "Organization", "name": "STERN.de"}}]
    tags = {"cxenseparse:author": ["Jemima Kelly"]}
    assert declared_authors(ld, tags, STERN) == (["Jemima Kelly"], ["STERN.de"])


def test_agencies_that_are_not_the_site_stay() -> None:
    ld = [
        {"author": [{"@type": "Organization", "name": "Deutsche Presse-Agentur"}, "MM-Redaktion"]}
    ]
    people, _ = declared_authors(ld, {}, site_keys(("Mallorca Magazin",)))
    assert people == ["Deutsche Presse-Agentur", "MM-Redaktion"]


def test_a_string_that_starts_with_the_site_is_a_signature_not_people() -> None:
    keys = site_keys(("hessenschau.de",))
    tags = {"author": ["hessenschau.de, Frankfurt, Germany"]}
    assert declared_authors([], tags, keys) == ([], ["hessenschau.de", "Frankfurt", "Germany"])


def test_slugs_urls_and_addresses_are_not_people() -> None:
    assert not is_person("chuck-ross", [])
    assert not is_person("Deutsche Welle (www.dw.com)", [])
    assert is_person("Chuck Ross", [])
    ld = [{"author": {"name": "chuck-ross"}}]
    assert declared_authors(ld, {"author": ["Chuck Ross"]}, [])[0] == ["Chuck Ross"]


def test_names_lose_by_words_and_job_titles() -> None:
    assert clean_name("신현주 기자") == "신현주"
    assert split_authors(["By Jane Doe and John Roe"]) == ["Jane Doe", "John Roe"]
    assert split_authors(["Mathatisi Sebusi/Mohalenyane Phakela"]) == [
        "Mathatisi Sebusi",
        "Mohalenyane Phakela",
    ]


def test_visible_byline_gives_each_styled_name() -> None:
    page = (
        "<html><body><div class='byline'><span>Teaser Author</span></div><h1>Headline</h1>"
        "<div class='article-byline'><span class='simple'>Birgit Baumann</span>"
        "<span class='simple'>Anna Giulia Fink</span></div></body></html>"
    )
    assert visible_authors(page, []) == ["Birgit Baumann", "Anna Giulia Fink"]


def test_visible_byline_skips_labels_dates_and_foreign_regions() -> None:
    page = (
        "<html><body><h1>Headline</h1><aside><a rel='author'>Other Writer</a></aside>"
        "<p class='byline'>Quelle: dpa</p><p class='byline'>27.04.24 News</p>"
        "<div class='author'><span>by</span> <a href='/author/jk'>Capital Von Jemima Kelly</a>"
        "</div></body></html>"
    )
    assert visible_authors(page, []) == ["Jemima Kelly"]


def test_page_byline_used_when_the_metadata_names_only_the_site() -> None:
    page = (
        '<html><head><meta property="og:site_name" content="Lesotho Times">'
        '<meta name="author" content="Lesotho Times"></head><body><h1>Mining blasts</h1>'
        '<p class="post-author">By <a href="/author/mm/">Mohloai Mpesi</a></p></body></html>'
    )
    assert page_meta(page).authors == ["Mohloai Mpesi"]
    no_byline = page.replace("Mohloai Mpesi", "")
    assert page_meta(no_byline).authors == ["Lesotho Times"]


def test_innermost_byline_element_wins_over_its_box() -> None:
    page = (
        "<html><body><h1>Headline</h1><div class='entry-byline'>"
        "<span class='entry-author'>Carlos Nadalim</span> <span>27/09/2018</span>"
        "<a href='/c/toys'>Brinquedos e Brincadeiras</a></div></body></html>"
    )
    assert visible_authors(page, []) == ["Carlos Nadalim"]


def test_a_text_that_is_not_all_names_is_no_byline() -> None:
    page = (
        "<html><body><h1>Fact check</h1>"
        "<h4 class='author'>The Russian and Syrian defense ministries</h4></body></html>"
    )
    assert visible_authors(page, []) == []


def test_a_byline_keeps_at_most_max_authors_names() -> None:
    # 100,000 author meta tags gave a 9,549-name byline, each name checked against all before
    names = [f"Reporter Number{i} Smith" for i in range(200)]
    assert split_authors(names) == names[:MAX_AUTHORS]
    assert split_authors([" and ".join(names)]) == names[:MAX_AUTHORS]
