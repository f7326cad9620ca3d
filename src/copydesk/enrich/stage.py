"""The enrichment stage: records in, records with entities, quotes and dates out.

Records are batched through ``nlp.pipe`` (several processes with ``jobs``); an article longer
than a chunk goes to the model in chunks. Records not in English are passed through with a
note in ``errors`` that starts with `SKIP_PREFIX`, so callers can tell it from a failure.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from copydesk.enrich.annotate import annotate
from copydesk.enrich.model import load_model
from copydesk.enrich.segments import Chunk, article_pieces, chunk_pieces
from copydesk.options import EnrichOptions
from copydesk.record import SKIP_NOTE_PREFIX, Article

#: Every note this stage adds to ``errors`` for a record it did not enrich starts with this.
SKIP_PREFIX = SKIP_NOTE_PREFIX
#: Languages the model reads; other records are passed through with a note.
LANGUAGES = frozenset({"en"})


def enrich_records(
    records: Iterable[Article], options: EnrichOptions, *, jobs: int = 1
) -> Iterator[Article]:
    """Yield every record, in order, enriched where it is in English and has text.

    Raises `MissingExtraError` (before any record is read) when spaCy or the model is missing.
    """
    nlp = load_model(options.model, quotes=options.quotes)
    size = max(1, options.batch_size)
    it = iter(records)
    while batch := list(islice(it, size)):
        yield from _enrich_batch(nlp, batch, options, jobs)


def _enrich_batch(
    nlp: Any, batch: list[Article], options: EnrichOptions, jobs: int
) -> list[Article]:
    plans: list[tuple[Article, list[Chunk]]] = []
    for article in batch:
        chunks = _plan(article)
        if chunks:
            plans.append((article, chunks))
    texts = [(chunk.text, i) for i, (_, chunks) in enumerate(plans) for chunk in chunks]
    docs: list[list[Any]] = [[] for _ in plans]
    pipe_args: dict[str, Any] = {"as_tuples": True, "batch_size": max(1, options.batch_size)}
    if jobs > 1 and len(texts) > 1:
        pipe_args["n_process"] = jobs
    for doc, i in nlp.pipe(texts, **pipe_args):
        docs[i].append(doc)
    for (article, chunks), article_docs in zip(plans, docs, strict=True):
        try:
            annotate(article, chunks, article_docs, options)
        except Exception as exc:  # one bad article must not stop the batch; the record says so
            where = article.source.path or article.source.url or article.id or "<input>"
            article.errors.append(
                f"{where}: enrichment failed, internal error {type(exc).__name__}: {exc} "
                "(please report it; the record is otherwise complete)"
            )
    return batch


def _plan(article: Article) -> list[Chunk]:
    """The chunks the model must read for ``article``; none when it is skipped (noted)."""
    where = article.source.path or article.source.url or article.id or "<input>"
    if article.language is not None and article.language not in LANGUAGES:
        article.errors.append(
            f"{SKIP_PREFIX} language {article.language} for {where} (entities, quotes and dates "
            "need English text; the record is otherwise complete)"
        )
        return []
    pieces = article_pieces(article)
    if not any(p.field == "body" for p in pieces) and not article.dateline:
        return []
    return chunk_pieces(pieces)


def is_skip_note(error: str) -> bool:
    """True for the note of a record not enriched on purpose (not a failure of its input)."""
    return error.startswith(SKIP_PREFIX)
