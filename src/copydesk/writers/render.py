"""Record renderings for `copydesk parse --format`.

``txt`` is the plain article a person would paste elsewhere: headline, standfirst, dateline and
body, separated by blank lines. Parsing it again gives the same body back (a tested property),
which makes it a safe interchange format.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import TextIO

from copydesk.record import Article

FORMATS = ("jsonl", "json", "md", "txt")


def render_txt(article: Article) -> str:
    parts = [p for p in (article.headline, article.standfirst) if p]
    body = list(article.body)
    if article.dateline and body:
        body[0] = f"{article.dateline['place']}: {body[0]}"
    parts.extend(body)
    if article.credit:
        parts.append(article.credit)
    return "\n\n".join(parts) + "\n"


def render_markdown(article: Article) -> str:
    lines: list[str] = []
    if article.section:
        lines.append("*" + " › ".join(_md(s) for s in article.section) + "*\n")
    lines.append(f"# {_md(article.headline or '(no headline)')}\n")
    if article.standfirst:
        lines.append(f"**{_md(article.standfirst)}**\n")
    facts = []
    if article.byline:
        facts.append("By " + ", ".join(article.byline))
    if article.credit:
        facts.append(article.credit)
    if article.published:
        facts.append(article.published)
    if article.url:
        facts.append(f"<{article.url}>")
    if facts:
        lines.append("_" + " · ".join(_md(f) for f in facts) + "_\n")
    for i, para in enumerate(article.body):
        if i == 0 and article.dateline:
            lines.append(f"**{_md(article.dateline['place'])}** — {_md(para)}\n")
        else:
            lines.append(_md(para) + "\n")
    if article.errors:
        lines.append("> **Errors:** " + "; ".join(_md(e) for e in article.errors) + "\n")
    return "\n".join(lines)


def _md(text: str) -> str:
    """Escape the characters that would turn article text into Markdown markup."""
    out = text.replace("\\", "\\\\")
    for ch in "*_`[]<>#":
        out = out.replace(ch, "\\" + ch)
    return out


def write_records(records: Iterable[Article], out: TextIO, fmt: str) -> Iterator[Article]:
    """Write each record as it arrives (constant memory) and pass it on."""
    if fmt == "json":
        out.write("[")
    for n, article in enumerate(records):
        if fmt == "jsonl":
            out.write(article.to_json() + "\n")
        elif fmt == "json":
            out.write(
                ("," if n else "")
                + "\n"
                + json.dumps(article.to_dict(), ensure_ascii=False, indent=1)
            )
        elif fmt == "md":
            out.write(("\n---\n\n" if n else "") + render_markdown(article))
        else:
            out.write(("\n\f\n" if n else "") + render_txt(article))
        yield article
    if fmt == "json":
        out.write("\n]\n")
