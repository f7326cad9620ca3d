"""The per-document pipeline and the shard runner every executor calls.

A stage is a plain function from an iterable of records to an iterator of records; it knows
nothing about who runs it, so the same code runs in a test, a process pool and on Ray.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from copydesk.document import Document
from copydesk.errors import CopydeskError, InputError
from copydesk.options import ParseOptions
from copydesk.readers.decode import decode_bytes, fix_mojibake
from copydesk.readers.paths import ReadStats
from copydesk.readers.sniff import is_page
from copydesk.record import Article, stable_id
from copydesk.structure.blocks import TraceLine

Stage = Callable[[Iterable[Article]], Iterator[Article]]


@dataclass(slots=True)
class Parsed:
    """A record and, for ``--explain``, what happened to each input block."""

    article: Article
    trace: list[TraceLine]
    text: str


def parse_document(doc: Document, options: ParseOptions) -> Parsed:
    """Raw document to article record. Never raises under ``errors="record"``.

    Failures become strings in ``errors``; the policy ``raise`` re-raises them as
    `InputError` so a caller debugging one input sees the real cause.
    """
    try:
        return _parse_document(doc, options)
    except CopydeskError:
        raise
    except Exception as exc:
        if options.errors == "raise":
            raise
        where = doc.where
        article = Article(id=doc.id or stable_id(doc.source, doc.content), source=doc.source)
        article.errors.append(
            f"{where}: internal error {type(exc).__name__}: {exc} (please report it)"
        )
        return Parsed(article, [], "")


def _parse_document(doc: Document, options: ParseOptions) -> Parsed:
    errors = list(doc.errors)
    where = doc.where
    parsed: Parsed | None = None
    if doc.format == "html":
        from copydesk.extract.page import parse_html

        parsed = parse_html(doc, options)
        if not parsed.article.body and doc.meta.get("sniffed") and not is_page(doc.content):
            # only its first characters said HTML, and it is no page: a text that opens with
            # a comment or a block of markup is read as the text it is (a page without an
            # article stays one, with its error, rather than becoming its markup as text)
            parsed, doc.source.format = None, "text"
    if parsed is None:
        raw_text, decode_errors = _decode(doc, where, options)
        errors.extend(decode_errors)
        raw_text, lines = _first_lines(raw_text, MAX_TEXT_LINES)
        text = fix_mojibake(raw_text)
        if lines:
            errors.append(
                f"{where}: text cut to its first {MAX_TEXT_LINES:,} lines (it has {lines:,}; "
                "no article is that long: for many documents in one file, use JSONL)"
            )
        from copydesk.structure.build import mojibake_repairs
        from copydesk.structure.text import structure_text

        article, trace = structure_text(text)
        mended = mojibake_repairs(raw_text, text)
        article.repairs[:0] = mended
        mended_lines = {r.where for r in mended}
        for line in (t for t in trace if t.where in mended_lines):
            line.note = ", ".join(n for n in ("mojibake", line.note) if n)
        parsed = Parsed(article, trace, text)
    article = parsed.article
    article.source = doc.source
    article.id = doc.id or stable_id(doc.source, doc.content)
    article.url = article.url or doc.url or doc.source.url
    article.errors[:0] = errors
    unread = bool(doc.errors) and _blank(doc.content)  # the reader said why: not found, bad JSON
    if not article.body and not unread and not any(_says_why(e) for e in article.errors):
        why = "the input is empty" if _blank(doc.content) else "the input is all boilerplate"
        article.errors.append(f"{where}: no article text found ({why})")
    elif article.body and not any(c.isalpha() for p in article.body for c in p):
        # "---", "* * *", "12:30": kept as the input had them, but no article has no words
        article.errors.append(f"{where}: no words in the body (only digits or punctuation)")
    if options.language and article.body and article.language is None:
        from copydesk.language import detect_language

        article.language = detect_language(article.text)
    if options.errors == "raise" and article.errors:
        # each error names its input already ("<where>: <problem>")
        problems = [e.removeprefix(f"{where}: ") for e in article.errors]
        raise InputError(where, "; ".join(problems))
    return parsed


#: Errors that already say why a record has no body, which "no article text found" would
#: only repeat: the bytes were binary, or held no markup.
_NO_TEXT_REASONS = ("no article text", "binary data", "no HTML markup")


def _says_why(error: str) -> bool:
    return any(reason in error for reason in _NO_TEXT_REASONS)


def _blank(content: str | bytes) -> bool:
    return not content.strip()


#: Lines of text structured at most. Each line costs about 760 bytes while the structure rules
#: run, so a 6 MB file of 3 million one-character lines took 2.3 GB; the longest dev text has
#: under 2,000 lines.
MAX_TEXT_LINES = 100_000


def _first_lines(text: str, limit: int) -> tuple[str, int]:
    """``text`` cut to its first ``limit`` lines, and how many it had (0 when not cut)."""
    if text.count("\n") + text.count("\r") < limit:
        return text, 0
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(lines) <= limit:
        return text, 0
    return "\n".join(lines[:limit]), len(lines)


def _decode(doc: Document, where: str, options: ParseOptions) -> tuple[str, list[str]]:
    """The text as decoded, before its mojibake is mended (the caller records each mend)."""
    if isinstance(doc.content, str):
        return doc.content, []
    decoded = decode_bytes(doc.content, options.read.encoding, mend=False)
    if decoded.binary:
        return "", [f"{where}: binary data, not text (is this an image, PDF or archive?)"]
    errors = []
    if decoded.replaced:
        errors.append(
            f"{where}: {decoded.replaced} undecodable byte sequence(s) replaced by U+FFFD "
            f"(decoded as {decoded.encoding}; pass --encoding if that is wrong)"
        )
    return decoded.text, errors


def parse_documents(docs: Iterable[Document], options: ParseOptions) -> Iterator[Article]:
    """The parse stage: documents in, records out, one for one (skip policy aside)."""
    for doc in docs:
        article = parse_document(doc, options).article
        if options.errors == "skip" and article.errors:
            continue
        yield article


def run_shard(
    inputs: Iterable[str],
    options: ParseOptions,
    stages: Iterable[Stage] = (),
    stats: ReadStats | None = None,
) -> Iterator[Article]:
    """Everything one worker does for its share of the inputs: read, parse, then ``stages``.
    ``stats`` counts the inputs and what the readers skipped, for the closing summary.

    The local pool and the Ray executor both call this, so they cannot drift apart.
    """
    from copydesk.readers import read_inputs

    docs = read_inputs(inputs, options.read, stats)
    records: Iterable[Article] = parse_documents(docs, options)
    if options.enrich is not None:
        from copydesk.enrich import enrich_records

        records = enrich_records(records, options.enrich)
    for stage in stages:
        records = stage(records)
    yield from records
