"""One HTML page to one article record: decode, bound, extract, clean, structure.

trafilatura parses the page; the headline sources, the dek and the language are read from the
markup with patterns, so most pages are parsed once. A page whose metadata names no author is
parsed again for its visible byline, and one that needs the fallback extractors again for them.
(Handing trafilatura a tree parsed here would not save that: it deep-copies a tree it is given,
which costs about what the second parse does.)
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from copydesk.document import Document
from copydesk.extract.appended import appended_from
from copydesk.extract.boxes import boxed_blocks
from copydesk.extract.cleanup import Cleaned, clean_blocks
from copydesk.extract.decode import decode_html, looks_like_html
from copydesk.extract.dek import completed_description, printed_on_page, template_dek
from copydesk.extract.headline import TitleSources, headline_variants
from copydesk.extract.limits import PageTimeout, cap_html, time_limit
from copydesk.extract.link_splits import rejoin_link_splits
from copydesk.extract.markup import flatten_ruby, without_code
from copydesk.extract.match import word_key
from copydesk.extract.meta import published_fallback, read_page_meta
from copydesk.extract.rules import LEAD_BLOCKS
from copydesk.extract.split_body import rejoin_split_body
from copydesk.extract.subheads import restore_subheads
from copydesk.extract.tweets import restore_tweets
from copydesk.extract.xmlblocks import RawBlock, body_blocks
from copydesk.options import ParseOptions
from copydesk.pipeline import Parsed
from copydesk.record import Article, Removal
from copydesk.structure.blocks import Block, PageMeta, TraceLine
from copydesk.structure.build import build_article

#: Notes on repairs to trafilatura's body; they go when a fallback's body is kept instead.
TRAFILATURA_REPAIRS = (
    "link_splits_rejoined",
    "subheadings_restored",
    "split_body_blocks_added",
    "tweets_restored",
)


@dataclass(slots=True)
class Extraction:
    """What extraction gave before the structure stage; `page` fills it step by step."""

    blocks: list[RawBlock] = field(default_factory=list)
    meta: PageMeta = field(default_factory=PageMeta)
    titles: TitleSources = field(default_factory=TitleSources)
    extractor: str = "trafilatura"
    #: The first block of a story the page appends below its own (infinite scroll), if any.
    appended_from: int | None = None
    #: Blocks that are a fact box's or a related-story list's copy, with the reason (`boxes`).
    boxed: dict[int, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    notes: dict[str, Any] = field(default_factory=dict)


def parse_html(doc: Document, options: ParseOptions) -> Parsed:
    """An HTML `Document` to a record; failures are strings in ``errors``, never exceptions."""
    where = doc.where
    ext = Extraction()
    html = _decoded(doc, options, where, ext)
    html = flatten_ruby(html) if html is not None else None
    lean = without_code(html) if html is not None else ""
    if html is not None:
        try:
            with time_limit(options.html_timeout):
                _extract(html, lean, doc.url or doc.source.url, ext)
        except PageTimeout:
            ext.errors.append(
                f"{where}: page took longer than {options.html_timeout:g} s to extract and was "
                "skipped (a pathological page; raise html_timeout to try harder)"
            )
            ext.blocks = []
        except RecursionError:
            ext.errors.append(f"{where}: markup nested too deeply to extract")
            ext.blocks = []
    return _structure(ext, lean)


#: What to do about a file read as HTML that holds none.
_TEXT_HINT = " (if it is plain text, use --input-format text)"


def _decoded(doc: Document, options: ParseOptions, where: str, ext: Extraction) -> str | None:
    if not doc.content:
        return None
    charset = doc.meta.get("http_charset")
    decoded = decode_html(
        doc.content, options.read.encoding, charset if isinstance(charset, str) else None
    )
    if decoded.binary:
        ext.errors.append(f"{where}: binary data, not HTML (is this an image, PDF or archive?)")
        return None
    if not looks_like_html(decoded.text):
        # reading a whole archive or JSONL as text is no help for one of its records
        hint = "" if doc.source.format in ("warc", "jsonl") else _TEXT_HINT
        ext.errors.append(f"{where}: no HTML markup found{hint}")
        return None
    html, cut = cap_html(decoded.text)
    if cut:
        ext.errors.append(
            f"{where}: page of {len(decoded.text):,} characters cut to {len(html):,} before "
            "extraction (the article is almost always near the start)"
        )
    return html


def _extract(html: str, lean: str, url: str | None, ext: Extraction) -> None:
    """trafilatura and the passes over its result. ``lean`` is the page without scripts
    (JSON-LD kept), styles and comments (`without_code`): half the markup of the dev pages,
    which trafilatura would parse only to drop, and which the passes that search the markup
    would search. The records are the same on all 219 dev pages, and a page takes 6% less CPU
    time (trafilatura's part of it 10% less). htmldate and the fallbacks read ``html``,
    scripts and all: a client-rendered page's article is in them."""
    from trafilatura import bare_extraction

    from copydesk.extract.fallback import maybe_fallback

    # No comment extraction: copydesk never outputs reader comments, and it was 4% of
    # trafilatura's time; the bodies are the same on the Zyte half and all but two Fundus pages
    # (one better, one worse: F1 0.9479 -> 0.9478).
    result = bare_extraction(lean, url=url, include_links=True, include_comments=False)
    # bare_extraction returns a Document (or a dict with as_dict=True); we never ask for a dict.
    body = getattr(result, "body", None)
    if rejoined_lines := rejoin_link_splits(lean, body):
        ext.notes["link_splits_rejoined"] = rejoined_lines
    ext.blocks, restored = restore_subheads(lean, body_blocks(body))
    if restored:
        ext.notes["subheadings_restored"] = restored
    ext.blocks, rejoined = rejoin_split_body(lean, ext.blocks)
    if rejoined:
        ext.notes["split_body_blocks_added"] = rejoined
    ext.blocks, tweets = restore_tweets(lean, ext.blocks)
    if tweets:
        ext.notes["tweets_restored"] = tweets
    ext.meta, ext.titles = read_page_meta(lean, url)
    if ext.meta.published is None:
        ext.meta.published = published_fallback(html, url)
    maybe_fallback(html, url, ext)
    if ext.extractor != "trafilatura":  # the repairs above were to the body no longer kept
        for note in TRAFILATURA_REPAIRS:
            ext.notes.pop(note, None)
    ext.appended_from = appended_from(lean, ext.titles, ext.meta.title, ext.blocks)
    ext.boxed = boxed_blocks(lean, ext.blocks)


def _structure(ext: Extraction, html: str) -> Parsed:
    cleaned = clean_blocks(
        ext.blocks,
        ext.meta,
        headline_variants(ext.titles),
        appended_from=ext.appended_from,
        boxed=ext.boxed,
    )
    if cleaned.authors:
        ext.meta = replace(ext.meta, authors=cleaned.authors)
    meta, source = _standfirst_meta(ext, cleaned, html)
    if source == "page header" and meta.description:
        _move_dek_run(cleaned, meta.description)
    blocks = [Block(b.text, n, b.hint) for n, b in cleaned.kept]
    article, trace = build_article(blocks, meta, layout="html")
    if article.standfirst:
        article.meta["standfirst_from"] = source
    _fill_from_meta(article, ext.meta, cleaned)
    article.removed[:0] = cleaned.removed
    article.errors.extend(ext.errors)
    article.meta["extractor"] = ext.extractor
    article.meta.update(ext.notes)
    # the blocks HTML cleanup dropped never reach the structure stage's trace: without them
    # --explain showed an HTML page from its third block on
    dropped = [
        TraceLine(r.where, r.text, r.reason, r.detail or "removed")
        for r in cleaned.removed
        if isinstance(r.where, int)
    ]
    trace = sorted([*trace, *dropped], key=lambda t: t.where)
    return Parsed(article, trace, "\n\n".join(b.text for b in ext.blocks))


def _standfirst_meta(ext: Extraction, cleaned: Cleaned, html: str) -> tuple[PageMeta, str]:
    """The page metadata the structure stage sees, its description replaced by the dek readers
    saw where the page prints one, and where that standfirst came from (for the audit).

    A block styled as the dek comes first, then the header's dek, whether extraction left it
    out of the body or kept it as blocks (the class is on a wrapper, so the blocks do not say
    they are the dek; `_move_dek_run` takes them out): the description is often a different
    summary written for search, and it became the standfirst beside a printed dek left in the
    body (Fundus: 3 pages won, none lost; no Zyte page has such a dek).
    """
    if cleaned.standfirst:
        return replace(ext.meta, description=cleaned.standfirst), "dek block"
    dek = template_dek(html, ext.blocks, ext.meta.title) if html else None
    if dek:
        return replace(ext.meta, description=dek), "page header"
    if cleaned.description_is_lead:
        # The description is the article's first paragraph, copied into the meta tag: it is
        # body text, not a standfirst, so the structure stage must not move it out.
        return replace(ext.meta, description=None), "description"
    if ext.meta.description and (whole := completed_description(ext.meta.description, html)):
        return replace(ext.meta, description=whole), "description, finished from the page"
    if ext.meta.description and html and not printed_on_page(ext.meta.description, html):
        # written for search engines and link previews; readers never see it on the page
        return replace(ext.meta, description=None), "description, not printed"
    return ext.meta, "description"


def _move_dek_run(cleaned: Cleaned, dek: str) -> None:
    """The header's dek that extraction kept as body blocks leaves the body, here: the
    structure stage moves a block equal to the standfirst only from the first two lines (a
    caption or a heading above it kept it in the body, printed twice), and a dek of several
    paragraphs or bulleted points, read whole from the header, equals none of its parts."""
    want = word_key(dek)
    lead = cleaned.kept[:LEAD_BLOCKS]
    for start in range(len(lead)):
        words = ""
        for end in range(start, len(cleaned.kept)):
            words = f"{words} {word_key(cleaned.kept[end][1].text)}".strip()
            if not f"{want} ".startswith(f"{words} "):
                break
            if words == want:
                run = cleaned.kept[start : end + 1]
                del cleaned.kept[start : end + 1]
                cleaned.removed.extend(
                    Removal(b.text, "standfirst", n, "moved to the standfirst field")
                    for n, b in run
                )
                cleaned.removed.sort(key=lambda r: r.where if isinstance(r.where, int) else -1)
                return


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
