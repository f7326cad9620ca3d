"""Where whole records start again after damage in a WARC file.

fastwarc stops at the first bytes that are not a record where one should start (a wrong
Content-Length, junk between records, a corrupt gzip member): every record after them was
lost, though a crawl's damage is usually local (one record written twice, a member cut by a
failed upload). A file can be read again from any offset, so the reader looks for the next
record that is whole and goes on from there; the damage is reported once, with both ends.

Only a file that can seek is searched, and only a plain or gzipped archive (a zstd or lz4
frame cannot be found again by its bytes). A record is whole when its block ends where its
Content-Length says; in a gzipped archive, when a gzip member decompresses whole and starts
with one (the standard record-per-member layout; an archive gzipped whole is one stream, and
nothing after damage in it can be read).
"""

from __future__ import annotations

import os
import re
import zlib

from copydesk.readers.files import GZIP_MAGIC
from copydesk.readers.warc_gzip import MEMBER_SIGNATURE, Gunzipped, member_end

#: Magic numbers of the compressed framings fastwarc reads besides gzip.
OTHER_FRAMINGS = (b"\x28\xb5\x2f\xfd", b"\x04\x22\x4d\x18")
#: What a record starts with. Not only at a line's start: junk before it need not end one.
#: Lines may end with a bare LF, which some writers use and the strict parser refuses.
RECORD_START = re.compile(rb"WARC/1\.[01]\r?\n")
#: A record's WARC header at most. fastwarc's default, 32 KB, ended the archive at a record
#: with a long header (a URI of tens of KB, many WARC-Concurrent-To lines); a header is held
#: in memory once, so a larger bound costs nothing while no header reaches it.
MAX_HEADER = 1 << 20
#: Header bytes read first; the rest up to `MAX_HEADER` only for a header that goes on.
FIRST_READ = 65536
_HEADER_END = re.compile(rb"\r?\n\r?\n")
_LENGTH = re.compile(rb"(?im)^Content-Length:[ \t]*(\d+)[ \t]*\r?$")
#: Bytes read at a time while looking.
CHUNK = Gunzipped.CHUNK
#: Bytes kept from one read to the next, so that a start split between them is found.
CARRY = 16


def can_resync(fd: int) -> bool:
    """Whether the file is plain or gzipped WARC (or junk where its first record should be),
    which a search by bytes can read again past damage."""
    return not os.pread(fd, 4, 0).startswith(OTHER_FRAMINGS)


def next_record(fd: int, after: int) -> int | None:
    """The offset of the first whole record that starts after ``after``, plain or first in a
    gzip member; None when there is none. In a file that opens with a gzip member only
    members are looked for (a record stored uncompressed inside a member is not one of the
    archive's); in any other, both, since damage at the start may hide what the archive is."""
    members_only = os.pread(fd, 2, 0) == GZIP_MAGIC
    at, carry = after + 1, b""
    while chunk := os.pread(fd, CHUNK, at):
        window = carry + chunk
        base = at - len(carry)
        for found in _candidates(window, members_only):
            start = base + found
            if start > after and _whole_record(fd, start):
                return start
        carry = window[-CARRY:]
        at += len(chunk)
    return None


def _candidates(window: bytes, members_only: bool) -> list[int]:
    starts = [] if members_only else [m.start() for m in RECORD_START.finditer(window)]
    found = window.find(MEMBER_SIGNATURE)
    while found >= 0:
        starts.append(found)
        found = window.find(MEMBER_SIGNATURE, found + 1)
    return sorted(starts)


def _whole_record(fd: int, start: int) -> bool:
    if os.pread(fd, 2, start) == GZIP_MAGIC:
        return _member_holds_record(fd, start)
    return _whole_plain_record(fd, start)


def _whole_plain_record(fd: int, start: int) -> bool:
    """A complete header whose block ends where its Content-Length says, with the two line
    breaks after it, or at the end of the file (a last record cut short, which the reader
    reports as truncated): a header quoted in a page, or a record whose length is wrong, is
    passed over."""
    return record_end(fd, start) is not None


def record_end(fd: int, start: int) -> int | None:
    """Where the plain record at ``start`` ends, past the line breaks after its block, as its
    header says; None when its header is not whole or its block is not followed by them. A
    writer that ends header lines with a bare LF may end the record either way."""
    block_end = _block_end(fd, start)
    if block_end is None:
        return None
    tail = os.pread(fd, 4, block_end)
    for breaks in (b"\r\n\r\n", b"\n\n"):
        if tail.startswith(breaks):
            return block_end + len(breaks)
    # a last record cut short: the reader reports it as truncated
    return (
        block_end + len(tail) if os.fstat(fd).st_size < block_end + 4 and not tail.strip() else None
    )


def bare_lf(fd: int, start: int) -> bool:
    """Whether the record at ``start`` (plain, or first in a gzip member) ends its header
    lines with a bare LF, which fastwarc reads only in its lenient mode."""
    head = os.pread(fd, 4096, start)
    if head[:2] == GZIP_MAGIC:
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            return False
    return head.startswith((b"WARC/1.0\n", b"WARC/1.1\n"))


def _block_end(fd: int, start: int) -> int | None:
    """Where the block of the record at ``start`` ends, as its header says."""
    head = os.pread(fd, FIRST_READ, start)
    found = _HEADER_END.search(head)
    if found is None and len(head) == FIRST_READ:
        head = os.pread(fd, MAX_HEADER, start)
        found = _HEADER_END.search(head)
    if found is None:
        return None
    length = _LENGTH.search(head[: found.start()])
    if length is None:
        return None
    return start + found.end() + int(length.group(1))


def _member_holds_record(fd: int, start: int) -> bool:
    """A gzip member that starts with a record and decompresses to its end."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        head = inflater.decompress(os.pread(fd, 4096, start), 64)
    except zlib.error:
        return False
    return RECORD_START.match(head) is not None and member_end(fd, start)[0] is not None
