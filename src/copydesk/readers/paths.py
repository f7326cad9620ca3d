"""Expand command-line inputs and dispatch each file to the reader for its format.

Everything is a generator: a folder of a million files or a 50 GB WARC is never listed or
loaded whole.
"""

from __future__ import annotations

import fnmatch
import glob
import os
import stat
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from copydesk.document import Document
from copydesk.options import ReadOptions
from copydesk.readers.files import (
    GZIP_MAGIC,
    bom_encoding,
    describe_os_error,
    gunzip_prefix,
    read_capped,
    read_stream_capped,
)
from copydesk.readers.sniff import sniff_format
from copydesk.readers.surrogates import printable_name, scrub_document
from copydesk.record import Source

#: File name endings and the format they imply; checked longest first.
FORMAT_BY_SUFFIX: dict[str, str] = {
    ".warc.gz": "warc",
    # zstandard (the IIPC's proposed WARC compression, with or without a dictionary) and lz4:
    # fastwarc detects and decompresses both itself
    ".warc.zst": "warc",
    ".warc.lz4": "warc",
    ".warc": "warc",
    ".arc.gz": "warc",
    ".arc": "warc",
    # Common Crawl's extracted text (``*.warc.wet.gz``): WARC conversion records
    ".wet.gz": "warc",
    ".wet": "warc",
    ".html.gz": "html",
    ".htm.gz": "html",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl.gz": "jsonl",
    ".jsonl": "jsonl",
    ".ndjson.gz": "jsonl",
    ".ndjson": "jsonl",
}

#: Files never worth reading when a folder is walked (hidden files, our own outputs).
SKIP_NAMES = frozenset({".DS_Store", "Thumbs.db"})
#: Reasons a path met while walking is counted in the summary instead of read.
SPECIAL_FILE = "not a regular file (a pipe, socket or device in a folder)"
UNREADABLE_FOLDER = "folder that cannot be listed (check its permissions)"
OWN_OUTPUT = "the run's own output file"
#: Counts a path met while walking that is not read, with the reason.
_Skip = Callable[..., None]


@dataclass(slots=True)
class ReadStats:
    """What the readers saw besides the documents they yielded, for a run's closing summary:
    the inputs opened, and the records inside them that were not documents, by reason (a WARC's
    request and metadata records, its images, its error pages)."""

    inputs: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    #: Input files that ``--exclude`` left out (never opened, so not in ``inputs``), and folders
    #: it left out whole (not walked, so their files are not counted).
    excluded: int = 0
    excluded_folders: int = 0


def detect_format(path: str) -> str:
    """The format an input name implies; "text" for anything unknown."""
    lower = path.lower()
    for suffix, fmt in FORMAT_BY_SUFFIX.items():
        if lower.endswith(suffix):
            return fmt
    return "text"


def expand_paths(
    inputs: Iterable[str], exclude: Sequence[str] = (), stats: ReadStats | None = None
) -> Iterator[str]:
    """Files, folders (recursively, sorted) and glob patterns to file paths; ``-`` passes through.

    A name that matches nothing is passed on as it is, so the reader reports it as an error
    record instead of the batch silently doing less than asked. Paths matching an ``exclude``
    pattern (see `excluded`) are left out, and counted in ``stats`` when it is given.
    """

    def prune(folder: str, below: str) -> bool:
        if exclude and excluded(folder, exclude, below):
            if stats is not None:
                stats.excluded_folders += 1
            return True
        return False

    def special(path: str, reason: str = SPECIAL_FILE) -> None:
        if stats is not None:
            stats.skipped[reason] += 1

    for path, below in _expand(inputs, prune, special):
        if path != "-" and exclude and excluded(path, exclude, below):
            if stats is not None:
                stats.excluded += 1
            continue
        yield path


def excluded(path: str, patterns: Sequence[str], below: str | None = None) -> bool:
    """A pattern without a slash matches the file name or a folder below the folder named on
    the command line ("*.jpg.html", "drafts"), as in .gitignore; one with a slash matches the
    path below that folder or the whole path as given ("2024-*/tmp/*", "*/tmp/*"). ``below``:
    the path under the named folder (or a glob's fixed part); the file name when none was."""
    rel = Path(below if below is not None else os.path.basename(path))
    for pattern in patterns:
        bare = pattern.rstrip("/")
        if "/" in bare:
            if fnmatch.fnmatchcase(rel.as_posix(), bare) or fnmatch.fnmatchcase(
                Path(path).as_posix(), bare
            ):
                return True
        elif any(fnmatch.fnmatchcase(part, bare) for part in rel.parts):
            return True
    return False


def _expand(
    inputs: Iterable[str], prune: _Prune, special: _Skip
) -> Iterator[tuple[str, str | None]]:
    """Each file with its path below the folder that was named (None for a file named);
    folders ``prune`` says yes to are not walked. A pipe, socket or device met in a folder or
    a glob is passed to ``special`` instead: reading a pipe nobody writes waits forever. One
    named on the command line is read (``<(zcat pages.jsonl.gz)`` is such a pipe)."""
    for item in inputs:
        if item == "-":
            yield item, None
        elif os.path.isdir(item):
            yield from _walk(item, prune, special)
        elif any(ch in item for ch in "*?[") and not os.path.exists(item):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                yield item, None
            root = _fixed_part(item)
            for match in matches:
                if os.path.isdir(match):
                    yield from _walk(match, prune, special, root)
                elif _special(match):
                    special(match)
                else:
                    yield match, os.path.relpath(match, root)
        else:
            yield item, None


def _fixed_part(pattern: str) -> str:
    """The folder a glob pattern starts from: its parts before the first wildcard."""
    fixed = []
    for part in Path(pattern).parts[:-1]:
        if glob.has_magic(part):
            break
        fixed.append(part)
    return os.path.join(*fixed) if fixed else "."


#: Whether a folder (its path, and its path below the folder named) is left out unwalked.
_Prune = Callable[[str, str], bool]


def _special(path: str) -> bool:
    """A pipe, socket or device (a dangling link is not: its reader says it cannot be read)."""
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _walk(
    folder: str, prune: _Prune, special: _Skip, named: str | None = None
) -> Iterator[tuple[str, str]]:
    """Files below ``folder``, each with its path below ``named`` (the folder the user named,
    by default ``folder`` itself)."""
    base = named or folder

    def unreadable(exc: OSError) -> None:  # os.walk drops a folder it cannot list silently
        special(exc.filename or folder, UNREADABLE_FOLDER)

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".")
            and not prune(os.path.join(root, d), os.path.relpath(os.path.join(root, d), base))
        )
        for name in sorted(files):
            if not name.startswith(".") and name not in SKIP_NAMES:
                path = os.path.join(root, name)
                if _special(path):
                    special(path)
                else:
                    yield path, os.path.relpath(path, base)


def read_inputs(
    inputs: Iterable[str], options: ReadOptions | None = None, stats: ReadStats | None = None
) -> Iterator[Document]:
    """Every document in every input, in order; unreadable inputs become error documents.
    ``stats``, when given, is updated as the inputs are read."""
    options = options or ReadOptions()
    for path in expand_paths(inputs, options.exclude, stats):
        if options.never_read and os.path.abspath(path) in options.never_read:
            if stats is not None:
                stats.skipped[OWN_OUTPUT] += 1
            continue
        if path == "-" and sys.stdin is None:  # `copydesk parse - <&-`
            if stats is not None:
                stats.inputs += 1
            error = "<stdin>: standard input is closed (pipe the input in, or name a file)"
            yield Document(b"", Source(path="<stdin>", format="text"), "text", errors=[error])
            continue
        fmt = options.input_format if options.input_format != "auto" else detect_format(path)
        if path == "-" and options.input_format == "auto":
            fmt = _stdin_format()
        if stats is not None:
            stats.inputs += 1
        docs = read_path(path, fmt, options, stats.skipped if stats is not None else None)
        if options.path_base is None or path == "-":
            yield from docs
            continue
        shown = printable_name(path_from(options.path_base, path))  # as the scrub writes it
        for doc in docs:
            doc.source.path = shown
            yield doc


def path_from(base: str, path: str) -> str:
    """``path`` as seen from the folder ``base``: relative inside it, absolute outside it
    (``crawl/a.html``, ``/data/crawl/a.html`` and ``../crawl/a.html`` from a subfolder all
    give one name). Outside it, links are resolved: the same files reached through a linked
    folder were stored again under the link's name."""
    full = os.path.abspath(path)
    for named, folder in (
        (full, os.path.abspath(base)),
        (os.path.realpath(path), os.path.realpath(base)),
    ):
        # as named first (a link inside the store's folder keeps its name), then resolved
        # (the store's folder reached through a link)
        if os.path.commonpath([named, folder]) == folder:
            return os.path.relpath(named, folder)
    return os.path.realpath(path)


def read_path(
    path: str, fmt: str, options: ReadOptions, skipped: Counter[str] | None = None
) -> Iterator[Document]:
    """The documents in one file (one for text and HTML, many for JSONL and WARC); records
    that are not documents are counted in ``skipped`` by reason."""
    for doc in _read_path(path, fmt, options, skipped):
        yield scrub_document(doc)


def _read_path(
    path: str, fmt: str, options: ReadOptions, skipped: Counter[str] | None
) -> Iterator[Document]:
    if fmt == "warc":
        from copydesk.readers.warc import read_warc

        yield from read_warc(path, options, skipped)
        return
    if fmt == "jsonl":
        from copydesk.readers.jsonl import read_jsonl

        yield from read_jsonl(path, options)
        return
    display = "<stdin>" if path == "-" else path
    source = Source(path=display, format=fmt)
    try:
        if path == "-":
            data, truncated = read_stream_capped(sys.stdin.buffer, options.max_bytes)
        else:
            data, truncated = read_capped(Path(path), options.max_bytes)
    except OSError as exc:
        yield Document(b"", source, fmt, errors=[describe_os_error(display, exc)])
        return
    sniffed = False
    if options.input_format == "auto" and fmt == "text" and not _named_text(path):
        # stdin has no name to tell HTML by (`curl URL | copydesk parse -` is a page), and
        # a mirror's pages have names that do not (`page.php?id=3`, `index.shtml`, none)
        fmt = source.format = sniff_format(data)
        sniffed = fmt == "html"
    errors = []
    if truncated:
        errors.append(
            f"{display}: input larger than {options.max_bytes} bytes: only the first "
            f"{options.max_bytes} were read (raise --max-bytes to read more)"
        )
    yield Document(data, source, fmt, errors=errors, meta={"sniffed": True} if sniffed else {})


#: Names that say text: never sniffed for HTML (a text may open with a comment, a Markdown
#: post with a block of markup).
TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")


def _named_text(path: str) -> bool:
    return path.lower().removesuffix(".gz").endswith(TEXT_SUFFIXES)


def _json_start(head: bytes) -> bool:
    """Whether the bytes start a JSON object, after any byte-order mark (Windows tools write
    one; UTF-16 and -32 JSONL carry one)."""
    codec = bom_encoding(head)
    if codec is not None:
        return head[:64].decode(codec, "ignore").lstrip().startswith("{")
    return head.lstrip().startswith(b"{")


def _stdin_format() -> str:
    """JSONL or WARC when standard input starts like one, gzipped or not (``zcat
    pages.jsonl.gz | copydesk parse -`` read a million documents as one text); else "text",
    which is sniffed for HTML once read. Looked at without consuming it; a stream that cannot
    be peeked at is text."""
    peek = getattr(sys.stdin.buffer, "peek", None)
    try:
        head = peek(4096) if peek is not None else b""
    except (OSError, ValueError):
        return "text"
    if head.startswith(GZIP_MAGIC):
        head = gunzip_prefix(head)
    if _json_start(head):
        return "jsonl"
    head = head.lstrip()
    if head.startswith(b"WARC/"):
        return "warc"
    return "text"
