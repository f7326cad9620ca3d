"""The publication date of a page that declares none in its metadata (`meta.published_fallback`)."""

from __future__ import annotations

import pytest

from copydesk.extract.meta import published_fallback

# A page republished with updates: the first edition's date sits in a tracking tag, the one the
# page prints is schema.org microdata (The Telegraph's layout).
REPUBLISHED = (
    '<html><head><meta name="DCSext.articleFirstPublished" content="2019-02-05 16:07"/></head>'
    '<body><article><h1>Best heated airers</h1><time class="published" itemprop="datePublished" '
    'datetime="2023-08-30T16:45+0100">30 August 2023</time><p>Body text.</p></article></body>'
    "</html>"
)


def test_microdata_date_wins_over_the_first_edition() -> None:
    assert published_fallback(REPUBLISHED, None) == "2023-08-30"


@pytest.mark.parametrize(
    "element",
    [
        '<span itemprop="datePublished" content="2021-05-04">4 May</span>',
        "<span itemprop=datePublished>2021-05-04</span>",
        '<time datetime="2021-05-04T10:00" itemprop="datePublished">Tuesday</time>',
    ],
)
def test_microdata_date_in_its_attribute_or_text(element: str) -> None:
    page = f"<html><body><h1>Title</h1>{element}<p>Text.</p></body></html>"
    assert published_fallback(page, None) == "2021-05-04"


def test_microdata_without_an_iso_date_leaves_it_to_htmldate() -> None:
    page = (
        '<html><head><meta name="date" content="2020-01-02"></head><body>'
        '<span itemprop="datePublished">last Tuesday</span><p>Text.</p></body></html>'
    )
    assert published_fallback(page, None) == "2020-01-02"


def test_hostile_tag_without_an_end_is_no_date() -> None:
    page = "<div " + "a" * 200_000 + " <span itemprop='datePublished'>"
    assert published_fallback(page, None) is None
