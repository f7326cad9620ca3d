"""HTML-only cleanup before the structure stage: rules that need to know a block's markup.

The shared structure stage sees text; these rules see that a block was a heading, a list item
or a quote, and compare blocks with what the page's metadata declares. Each dropped block is a
`Removal` with its rule's name, so ``--explain`` and the closing summary can show it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from copydesk.extract.authors import names_site
from copydesk.extract.headline import prints_headline, site_keys
from copydesk.extract.match import excerpt_of, norm, same_text, starts_alike, word_overlap
from copydesk.extract.rules import (
    AUTHOR_TAIL_BLOCKS,
    BOILERPLATE_RULES,
    DEK_CLASS,
    DESCRIPTION_IN_BODY,
    DROPCAP_CLASS,
    LEAD_BLOCKS,
    tag_names,
)
from copydesk.extract.xmlblocks import RawBlock
from copydesk.record import Removal
from copydesk.rules.bylines import author_note, name_line, names_only
from copydesk.structure.blocks import PROSE_WORDS, PageMeta


@dataclass(slots=True)
class Cleaned:
    kept: list[tuple[int, RawBlock]] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    headline: str | None = None
    standfirst: str | None = None
    tags: list[str] = field(default_factory=list)
    #: The writers named in the body where the page's byline is only its own name.
    authors: list[str] = field(default_factory=list)
    description_is_lead: bool = False


def clean_blocks(
    blocks: list[RawBlock],
    meta: PageMeta,
    titles: Sequence[str] = (),
    appended_from: int | None = None,
    boxed: dict[int, str] | None = None,
) -> Cleaned:
    """Blocks numbered from 0 in extraction order; ``kept`` keeps those numbers. ``titles``:
    every wording of the headline the page states (`headline.headline_variants`).
    ``appended_from``: the first block of a story the page prints below its own
    (`appended.appended_from`); it and the blocks after it go first, so that the rules that
    look at the article's last blocks see this article's. ``boxed``: blocks that are a box the
    page sets beside the story (`boxes.boxed_blocks`), with the reason; they go first too."""
    out = Cleaned()
    drop: dict[int, tuple[str, str | None]] = {}
    for n, reason in (boxed or {}).items():
        drop[n] = (reason, "a box the page's markup sets beside the story")
    if appended_from is not None:
        why = "a story the page prints in full below this one (infinite scroll)"
        drop.update(dict.fromkeys(range(appended_from, len(blocks)), ("appended article", why)))
    _lead_fields(blocks, meta, [t for t in (meta.title, *titles) if t], out, drop)
    out.description_is_lead = out.standfirst is None and _repeats_body(blocks, meta, drop)
    _author_lines(blocks, meta, out, drop)
    for n, block in enumerate(blocks):
        if n in drop:
            continue
        for name, rule in BOILERPLATE_RULES.items():
            if rule(block, blocks, n):
                drop[n] = (name, None)
                break
    for n, block in enumerate(blocks):
        if n in drop:
            reason, detail = drop[n]
            out.removed.append(Removal(block.text, reason, n, detail))
            if reason in ("tags", "tag list"):
                out.tags.extend(tag_names(block.text))
        else:
            out.kept.append((n, block))
    return out


def _lead_fields(
    blocks: list[RawBlock],
    meta: PageMeta,
    titles: list[str],
    out: Cleaned,
    drop: dict[int, tuple[str, str | None]],
) -> None:
    """The page's headline and dek repeated as the first blocks: moved to their fields. The
    dek sits above the body: once a paragraph of body prose has passed, none is looked for.
    The headline printed again (an SEO heading over the visible one) is not counted in the
    window of leading blocks, or it pushes the dek out of it (WDR: standfirst found, no page
    lost on the dev sets)."""
    prose = False
    seen = 0
    folded = [norm(t) for t in titles]
    for n, block in enumerate(blocks):
        if seen == LEAD_BLOCKS:
            break
        if _is_title(block, titles, folded):
            if out.headline is None:
                out.headline = block.text
                drop[n] = ("headline", "the headline, printed again in the body")
            continue
        seen += 1
        if out.standfirst is None and not prose and _is_dek(block, meta):
            out.standfirst = block.text
            drop[n] = ("standfirst", "moved to the standfirst field")
        else:
            prose = prose or (block.hint == "p" and len(block.text.split()) >= PROSE_WORDS)


def _author_lines(
    blocks: list[RawBlock], meta: PageMeta, out: Cleaned, drop: dict[int, tuple[str, str | None]]
) -> None:
    """The authors' names printed again above the article or under it, and a note about an
    author closing it ("Eric Song is IGN's deal curator ..."): the byline field has the names.
    Where the page's byline is only the site's own name, a line of people's names above the
    article or closing it is the writer ("Lê Phương"), and becomes the byline."""
    if not meta.authors:
        return
    open_ = [n for n in range(len(blocks)) if n not in drop]
    lead = []
    for n in open_[:LEAD_BLOCKS]:
        if len(blocks[n].text.split()) >= PROSE_WORDS:
            break
        lead.append(n)
    host = urlsplit(meta.url or "").hostname
    keys = site_keys((meta.site, host))
    by_site = all(names_site(a, keys) for a in meta.authors)
    for n in lead + open_[-AUTHOR_TAIL_BLOCKS:]:
        text = blocks[n].text
        if names_only(text, meta.authors):
            drop[n] = ("byline", "the authors' names again")
        elif by_site and not out.authors and (n in lead or n == open_[-1]):
            names = name_line(text) if blocks[n].hint == "p" else None
            if names:
                out.authors = names
                drop[n] = ("byline", "the writer, where the page names only itself")
        elif n not in lead and author_note(text, meta.authors):
            drop[n] = ("author note", None)


def _is_title(block: RawBlock, titles: Sequence[str], folded: Sequence[str]) -> bool:
    """The block prints one of the headline's wordings (``folded``: each of ``titles`` `norm`-ed,
    once for all the blocks)."""
    if block.hint == "head" and any(prints_headline(block.text, t) for t in titles):
        return True
    text = norm(block.text)
    for title in folded:
        if text == title:
            return True
        # "Headline | Site" titles: the block is the headline part of the title.
        if (
            len(text) >= 15
            and title.startswith(text)
            and title[len(text) :].lstrip()[:1] in "|-:–—·"
        ):
            return True
    return False


def _is_dek(block: RawBlock, meta: PageMeta) -> bool:
    """The description repeated on the page as a heading or a block styled as a dek.

    A plain paragraph equal to the description is usually the article's first paragraph
    (sites copy it into the meta tag), so it stays in the body.
    """
    if block.hint == "head" and same_text(block.text, meta.description):
        return True
    if DROPCAP_CLASS.search(block.css):
        return False
    return bool(DEK_CLASS.search(block.css)) and (
        not meta.description or same_text(block.text, meta.description) or block.hint == "p"
    )


def _repeats_body(
    blocks: list[RawBlock], meta: PageMeta, drop: dict[int, tuple[str, str | None]]
) -> bool:
    """The description says again what the first paragraphs say (often their first sentences,
    cut or lightly edited), so as a standfirst it would print the same text twice. An excerpt
    runs across the first blocks whatever they are, the byline included."""
    lead = [b for n, b in enumerate(blocks[: LEAD_BLOCKS + 2]) if n not in drop and b.hint == "p"]
    if any(starts_alike(b.text, meta.description) for b in lead):
        return True
    if excerpt_of(meta.description, " ".join(b.text for b in blocks[: LEAD_BLOCKS + 4])):
        return True
    text = " ".join(b.text for b in lead[:3])
    return word_overlap(meta.description, text) >= DESCRIPTION_IN_BODY
