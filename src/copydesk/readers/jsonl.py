"""JSON Lines: one document per line, with the field names a user maps (``--text-field``...).

A line that is not JSON, or lacks the text field, becomes an error document with its line
number; the other lines go on.
"""

from __future__ import annotations

import codecs
import gzip
import json
from collections.abc import Iterator
from dataclasses import replace
from typing import IO, Any, cast

from copydesk.document import Document
from copydesk.options import ReadOptions
from copydesk.readers.files import bom_encoding, describe_os_error, starts_gzip
from copydesk.readers.sniff import sniff_format
from copydesk.record import Source


def read_jsonl(path: str, options: ReadOptions) -> Iterator[Document]:
    display = "<stdin>" if path == "-" else path
    try:
        handle = _open(path)
    except OSError as exc:
        error = describe_os_error(display, exc)
        yield Document(b"", Source(path=display, format="jsonl"), "text", errors=[error])
        return
    encoding = options.encoding or _bom_encoding(handle)
    if encoding and _wide(encoding):
        # UTF-16 and -32 put NUL bytes beside every newline: the file is decoded as a stream,
        # and each line goes on as UTF-8
        handle = cast(IO[bytes], _WideLines(handle, encoding))
        options = replace(options, encoding=None)
    with handle:
        lineno = documents = 0
        try:
            for lineno, raw in enumerate(_lines(handle, options.max_bytes), start=1):
                if isinstance(raw, _Undecodable):
                    source = Source(path=display, format="jsonl", line=lineno)
                    why = f"not {encoding} ({raw.reason}); the line was skipped"
                    documents += 1
                    yield Document(b"", source, "text", errors=[f"{display}:{lineno}: {why}"])
                elif raw is None:
                    source = Source(path=display, format="jsonl", line=lineno)
                    error = (
                        f"{display}:{lineno}: line larger than {options.max_bytes} bytes, skipped "
                        "(a JSON object cannot be read in part; raise --max-bytes to read it)"
                    )
                    documents += 1
                    yield Document(b"", source, "text", errors=[error])
                elif raw.strip():
                    if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
                        raw = raw[len(codecs.BOM_UTF8) :]  # Windows tools start files with one
                    documents += 1
                    yield _document(raw, lineno, display, options)
        except (OSError, EOFError) as exc:
            source = Source(path=display, format="jsonl", line=lineno + 1)
            yield Document(b"", source, "text", errors=[f"{display}:{lineno + 1}: {exc}"])
            return
        except UnicodeError as exc:  # a decode error, or UTF-16 named without its BOM
            source = Source(path=display, format="jsonl", line=lineno + 1)
            reason = exc.reason if isinstance(exc, UnicodeDecodeError) else str(exc)
            why = f"not {encoding} ({reason}); the rest of the file was not read"
            yield Document(b"", source, "text", errors=[f"{display}:{lineno + 1}: {why}"])
            return
    if not documents:
        # a file with nothing in it still gets a record, as an empty text file does: a shard
        # the export step left empty should show in the output, not vanish from it
        why = "the input is empty" if not lineno else f"its {lineno} line(s) are blank"
        error = f"{display}: no JSON lines ({why})"
        yield Document(b"", Source(path=display, format="jsonl"), "text", errors=[error])


#: How much of an oversized line is read at a time while it is skipped.
_SKIP_CHUNK = 1 << 20
#: How far an oversized line is skipped looking for its end before the file is given up:
#: ``/dev/zero`` read as JSONL is one line that never ends.
MAX_SKIP = 1 << 30


def _lines(handle: IO[bytes], cap: int) -> Iterator[bytes | None]:
    """The file's lines, None for one longer than ``cap``: iterating a file object reads a whole
    line into memory however long it is, and a dump with no newlines is one 300 MB line."""
    while raw := handle.readline(cap + 1):
        if len(raw) > cap and not raw.endswith(b"\n"):
            skipped = 0
            while (rest := handle.readline(_SKIP_CHUNK)) and not rest.endswith(b"\n"):
                skipped += len(rest)
                if skipped > MAX_SKIP:
                    raise OSError(f"a line runs past {MAX_SKIP:,} bytes; the rest was not read")
            yield None
        else:
            yield raw


def _bom_encoding(handle: IO[bytes]) -> str | None:
    """The wide encoding a byte-order mark at the start names (peeked at, not consumed)."""
    peek = getattr(handle, "peek", None)
    try:
        start = peek(4)[:4] if peek else b""
    except (OSError, EOFError):
        return None
    codec = bom_encoding(start)
    return codec if codec in ("utf-16", "utf-32") else None


def _wide(encoding: str) -> bool:
    """An encoding whose code units are wider than a byte (UTF-16, UTF-32)."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return False
    return name.startswith(("utf-16", "utf-32"))


class _Undecodable(bytes):
    """A line of a wide-encoded file that does not decode: its text with replacement
    characters (for the line cap's count), and why."""

    reason: str = ""


class _WideLines:
    """A UTF-16 or UTF-32 stream read as UTF-8 lines. Split at the encoded newline on a code
    unit's boundary, each line decoded alone: a text decoder failed for its whole buffer, and
    the lines in it were lost with the rest of the file. ``readline(n)`` counts code units,
    which is at least as many UTF-8 bytes, for the line cap."""

    CHUNK = 1 << 16

    def __init__(self, handle: IO[bytes], encoding: str) -> None:
        self._handle = handle
        self._codec = codecs.lookup(encoding).name
        self._unit = 4 if self._codec.startswith("utf-32") else 2
        self._buffer = b""
        self._pos = 0
        self._started = False

    def _start(self) -> None:
        """The byte order: named, or read from the byte-order mark."""
        self._started = True
        if self._codec not in ("utf-16", "utf-32"):
            return
        marks = {
            codecs.BOM_UTF16_LE: "-le",
            codecs.BOM_UTF16_BE: "-be",
            codecs.BOM_UTF32_LE: "-le",
            codecs.BOM_UTF32_BE: "-be",
        }
        mark = self._handle.read(self._unit)
        if mark not in marks or len(mark) != self._unit:
            raise UnicodeError(
                f"{self._codec} without a byte-order mark: name the byte order "
                f"({self._codec}-le or {self._codec}-be)"
            )
        self._codec += marks[mark]

    def readline(self, size: int = -1) -> bytes:
        if not self._started:
            self._start()
        newline = "\n".encode(self._codec)
        buf, pos = self._buffer, self._pos
        limit = pos + size * self._unit if size >= 0 else None
        search = pos
        while True:
            end = buf.find(newline, search)
            while end >= 0 and (end - pos) % self._unit:
                end = buf.find(newline, end + 1)
            if end >= 0 or (limit is not None and len(buf) >= limit):
                break
            search = max(pos, len(buf) - self._unit + 1)
            chunk = self._handle.read(self.CHUNK)
            if not chunk:
                break
            # the lines read are dropped only when more is read: slicing the buffer for each
            # line copied the rest of it every time
            buf, search, pos, limit = buf[pos:] + chunk, search - pos, 0, None
            limit = size * self._unit if size >= 0 else None
        cut = end + self._unit if end >= 0 else len(buf)
        if limit is not None:
            cut = min(cut, limit)
        line, self._buffer, self._pos = buf[pos:cut], buf, cut
        try:
            return line.decode(self._codec).encode("utf-8")
        except UnicodeDecodeError as exc:
            bad = _Undecodable(line.decode(self._codec, "replace").encode("utf-8"))
            bad.reason = f"{exc.reason} at byte {exc.start}"
            return bad

    def __enter__(self) -> _WideLines:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()


def _open(path: str) -> IO[bytes]:
    """The file or standard input, gunzipped when it is gzip, by name or by its first bytes
    (``pages.jsonl`` as a crawler's export compressed it, ``cat pages.jsonl.gz |``)."""
    if path == "-":
        import sys

        stdin = sys.stdin.buffer
        return cast(IO[bytes], gzip.GzipFile(fileobj=stdin)) if starts_gzip(stdin) else stdin
    handle = open(path, "rb")  # noqa: SIM115  # returned open, closed by the caller
    # the open handle is wrapped, never the file opened again: a pipe cannot be
    return cast(IO[bytes], _OwnedGzip(handle)) if starts_gzip(handle) else handle


class _OwnedGzip(gzip.GzipFile):
    """A GzipFile over an open handle that closes it too, as one opened by name does."""

    def __init__(self, handle: IO[bytes]) -> None:
        super().__init__(fileobj=handle, mode="rb")
        self._owned = handle

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._owned.close()


def _document(raw: bytes, lineno: int, path: str, options: ReadOptions) -> Document:
    source = Source(path=path, format="jsonl", line=lineno)
    try:
        # JSON is UTF-8 (json.loads also detects UTF-16 and -32); an export in a legacy
        # encoding is read with the one --encoding names
        obj: Any = json.loads(raw.decode(options.encoding) if options.encoding else raw)
    except UnicodeDecodeError as exc:
        hint = "it is not in that encoding" if options.encoding else "name it with --encoding"
        why = f"not {options.encoding or 'UTF-8'} ({exc.reason} at byte {exc.start}; {hint})"
        return Document(b"", source, "text", errors=[f"{path}:{lineno}: {why}"])
    except json.JSONDecodeError as exc:
        return Document(b"", source, "text", errors=[f"{path}:{lineno}: not valid JSON ({exc})"])
    except (ValueError, RecursionError) as exc:  # valid JSON that Python will not build
        why = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        return Document(b"", source, "text", errors=[f"{path}:{lineno}: unreadable JSON ({why})"])
    if not isinstance(obj, dict):
        return Document(b"", source, "text", errors=[f"{path}:{lineno}: not a JSON object"])
    doc_id = _field(obj, options.id_field)
    url = _field(obj, options.url_field)
    if url:
        source.url = url
    html = obj.get(options.html_field)
    text = obj.get(options.text_field)
    if isinstance(html, str) and options.input_format != "text":
        return Document(html, source, "html", id=doc_id, url=url, meta={"jsonl": True})
    if isinstance(text, str):
        # a crawl export's "text" is sometimes the page: read it as one when it starts as one
        kind = sniff_format(text) if options.input_format != "text" else "text"
        meta: dict[str, object] = {"jsonl": True, "sniffed": kind == "html"}
        return Document(text, source, kind, id=doc_id, url=url, meta=meta)
    fields_ = ", ".join(sorted(obj)[:8])
    markup = [k for k, v in obj.items() if isinstance(v, str) and sniff_format(v) == "html"]
    hint = (
        f"'{markup[0]}' holds HTML: choose it with --html-field {markup[0]}"
        if markup
        else "choose one with --text-field"
    )
    return Document(
        "",
        source,
        "text",
        id=doc_id,
        url=url,
        errors=[
            f"{path}:{lineno}: no string field '{options.text_field}' (fields: {fields_}; {hint})"
        ],
    )


def _field(obj: dict[str, Any], name: str | None) -> str | None:
    if not name:
        return None
    value = obj.get(name)
    return None if value is None else str(value)
