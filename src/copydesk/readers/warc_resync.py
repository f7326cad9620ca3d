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
RECORD_START = re.compile(rb"WARC/1\.[01]\r\n")
#: A record header's length at most, as fastwarc reads it.
MAX_HEADER = 65536
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
    gzip member; None when there is none. Both kinds are looked for whatever the file's
    first bytes are: damage there hides what the archive is."""
    at, carry = after + 1, b""
    while chunk := os.pread(fd, CHUNK, at):
        window = carry + chunk
        base = at - len(carry)
        for found in _candidates(window):
            start = base + found
            if start > after and _whole_record(fd, start):
                return start
        carry = window[-CARRY:]
        at += len(chunk)
    return None


def _candidates(window: bytes) -> list[int]:
    starts = [m.start() for m in RECORD_START.finditer(window)]
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
    head = os.pread(fd, MAX_HEADER, start)
    end = head.find(b"\r\n\r\n")
    if end < 0:
        return False
    length = _LENGTH.search(head[:end])
    if length is None:
        return False
    block_end = start + end + 4 + int(length.group(1))
    tail = os.pread(fd, 4, block_end)
    return tail == b"\r\n\r\n" or (len(tail) < 4 and os.fstat(fd).st_size <= block_end + 4)


def _member_holds_record(fd: int, start: int) -> bool:
    """A gzip member that starts with a record and decompresses to its end."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        head = inflater.decompress(os.pread(fd, 4096, start), 64)
    except zlib.error:
        return False
    return RECORD_START.match(head) is not None and member_end(fd, start)[0] is not None
