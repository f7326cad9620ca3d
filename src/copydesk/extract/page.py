"""One HTML page to one article record: decode, bound, extract, clean, structure.

The page is parsed once (lxml, via trafilatura's loader); trafilatura works on a copy of that
tree, and the headline and fallback checks read the original, so no step re-parses the markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from copydesk.document import Document
from copydesk.extract.cleanup import Cleaned, clean_blocks
from copydesk.extract.decode import decode_html, looks_like_html
from copydesk.extract.headline import TitleSources, headline_variants
from copydesk.extract.limits import PageTimeout, cap_html, time_limit
from copydesk.extract.meta import published_fallback, read_page_meta
from copydesk.extract.xmlblocks import RawBlock, body_blocks
from copydesk.options import ParseOptions
from copydesk.pipeline import Parsed
from copydesk.record import Article
from copydesk.structure.blocks import Block, PageMeta
from copydesk.structure.build import build_article


@dataclass(slots=True)
class Extraction:
    """What extraction gave before the structure stage; `page` fills it step by step."""

    blocks: list[RawBlock] = field(default_factory=list)
    meta: PageMeta = field(default_factory=PageMeta)
    titles: TitleSources = field(default_factory=TitleSources)
    extractor: str = "trafilatura"
    errors: list[str] = field(default_factory=list)
    notes: dict[str, Any] = field(default_factory=dict)


def parse_html(doc: Document, options: ParseOptions) -> Parsed:
    """An HTML `Document` to a record; failures are strings in ``errors``, never exceptions."""
    where = doc.source.path or doc.source.url or "<input>"
    ext = Extraction()
    html = _decoded(doc, options, where, ext)
    if html is not None:
        try:
            with time_limit(options.html_timeout):
                _extract(html, doc.url or doc.source.url, ext)
        except PageTimeout:
            ext.errors.append(
                f"{where}: page took longer than {options.html_timeout:g} s to extract and was "
                "skipped (a pathological page; raise html_timeout to try harder)"
            )
            ext.blocks = []
        except RecursionError:
            ext.errors.append(f"{where}: markup nested too deeply to extract")
            ext.blocks = []
    return _structure(ext, html or "")


def _decoded(doc: Document, options: ParseOptions, where: str, ext: Extraction) -> str | None:
    if not doc.content:
        return None
    decoded = decode_html(doc.content, options.read.encoding)
    if decoded.binary:
        ext.errors.append(f"{where}: binary data, not HTML (is this an image, PDF or archive?)")
        return None
    if not looks_like_html(decoded.text):
        ext.errors.append(
            f"{where}: no HTML markup found (if it is plain text, use --input-format text)"
        )
        return None
    html, cut = cap_html(decoded.text)
    if cut:
        ext.errors.append(
            f"{where}: page of {len(decoded.text):,} characters cut to {len(html):,} before "
            "extraction (the article is almost always near the start)"
        )
    return html


def _extract(html: str, url: str | None, ext: Extraction) -> None:
    from trafilatura import bare_extraction

    from copydesk.extract.fallback import maybe_fallback

    result = bare_extraction(html, url=url, include_links=True)
    # bare_extraction returns a Document (or a dict with as_dict=True); we never ask for a dict.
    ext.blocks = body_blocks(getattr(result, "body", None))
    ext.meta, ext.titles = read_page_meta(html, url)
    if ext.meta.published is None:
        ext.meta.published = published_fallback(html, url)
    maybe_fallback(html, url, ext)


def _structure(ext: Extraction, html: str) -> Parsed:
    cleaned: Cleaned = clean_blocks(ext.blocks, ext.meta, headline_variants(ext.titles))
    blocks = [Block(b.text, n, b.hint) for n, b in cleaned.kept]
    meta = ext.meta
    if cleaned.description_is_lead:
        # The description is the article's first paragraph, copied into the meta tag: it is
        # body text, not a standfirst, so the structure stage must not move it out.
        meta = replace(meta, description=None)
    article, trace = build_article(blocks, meta, layout="html")
    _fill_from_meta(article, ext.meta, cleaned)
    article.removed[:0] = cleaned.removed
    article.errors.extend(ext.errors)
    article.meta["extractor"] = ext.extractor
    article.meta.update(ext.notes)
    return Parsed(article, trace, "\n\n".join(b.text for b in ext.blocks))


def _fill_from_meta(article: Article, meta: PageMeta, cleaned: Cleaned) -> None:
    """Fields the structure stage left empty, from what the page declares about itself."""
    article.headline = article.headline or cleaned.headline or meta.title
    article.standfirst = article.standfirst or cleaned.standfirst
    article.byline = article.byline or list(meta.authors)
    article.published = article.published or meta.published
    article.site = article.site or meta.site
    article.url = article.url or meta.url
    article.language = article.language or meta.language
    article.tags = article.tags or list(dict.fromkeys(meta.categories + meta.tags + cleaned.tags))
