"""Lone surrogates out of every string a document brings in.

Python carries two things as surrogate code points that no UTF-8 writer accepts: JSON's
"\\ud800"-style escapes that pair with nothing, and the bytes of a file name that are not UTF-8
(``surrogateescape``). Left in, one such character made the JSONL writer or the store's insert
raise and stop the batch; scrubbed here, once, nothing downstream has to care.
"""

from __future__ import annotations

import re
from dataclasses import replace

from copydesk.document import Document

_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub_document(doc: Document) -> Document:
    """``doc`` with its text, id, URL, source and errors free of lone surrogates; a note in
    ``errors`` says how many characters of the content were replaced."""
    content = doc.content
    texts = [doc.id, doc.url, doc.source.path, doc.source.url, *doc.errors]
    if isinstance(content, str):
        texts.append(content)
    if not any(t and _SURROGATE.search(t) for t in texts):
        return doc
    source = replace(doc.source, path=printable_name(doc.source.path), url=_scrub(doc.source.url))
    where = source.path or source.url or "<input>"
    errors = [printable_name(e) or "" for e in doc.errors]
    if isinstance(content, str) and (count := len(_SURROGATE.findall(content))):
        content = _SURROGATE.sub("\ufffd", content)
        errors.append(
            f"{where}: {count} lone surrogate code point(s) (escapes such as \\ud800 that "
            "encode no character) replaced by U+FFFD"
        )
    return replace(
        doc, content=content, source=source, id=_scrub(doc.id), url=_scrub(doc.url), errors=errors
    )


def printable_name(name: str | None) -> str | None:
    """A file name's bytes that are not UTF-8 as ``\\xNN``, so the record still says which
    file it came from; any other lone surrogate as U+FFFD."""
    if name is None or not _SURROGATE.search(name):
        return name
    raw = name.encode("utf-8", "surrogateescape") if _escaped_only(name) else None
    return raw.decode("utf-8", "backslashreplace") if raw is not None else _scrub(name)


def _escaped_only(name: str) -> bool:
    """Every surrogate in ``name`` is one ``surrogateescape`` made (U+DC80..U+DCFF)."""
    return all("\udc80" <= c <= "\udcff" for c in _SURROGATE.findall(name))


def _scrub(text: str | None) -> str | None:
    return _SURROGATE.sub("\ufffd", text) if text else text
