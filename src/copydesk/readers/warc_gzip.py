"""The gzip members of a WARC.gz, looked at directly: fastwarc reads gzipped archives itself,
but says nothing of what it does not read (an empty member, bytes that are not gzip) and gives
offsets that find a record only in an archive gzipped record by record. These helpers check its
offsets against the members and read an archive gzipped whole as fastwarc would.
"""

from __future__ import annotations

import os
import re
import zlib
from collections import deque
from typing import IO, Any

from copydesk.readers.files import GZIP_MAGIC

#: Compressed bytes read at a record's offset to see which record its member starts with.
PROBE_BYTES = 16384
#: Compressed bytes read and decompressed at a time while looking for the header's end.
HEADER_STEP = 2048


def member_starts(fd: int, offset: int, record_id: str | None) -> bool:
    """Whether a gzip member starts at ``offset`` and holds the record ``record_id`` first:
    in an archive gzipped in blocks of records, fastwarc gives a record inside a block the
    offset of the next block. Read with ``pread``, which leaves the reader's position alone."""
    head = os.pread(fd, 2, offset)
    if head != GZIP_MAGIC:
        return False
    if not record_id:
        return True
    inflater, start, pending = zlib.decompressobj(16 + zlib.MAX_WBITS), b"", b""
    read_at = offset
    # a step at a time until the header ends: most are under 2 KB, a long URI makes more
    while True:
        if not pending:
            if read_at - offset >= PROBE_BYTES:
                break
            pending = os.pread(fd, HEADER_STEP, read_at)
            read_at += len(pending)
            if not pending:
                break
        try:
            start += inflater.decompress(pending, 4 * HEADER_STEP)
        except zlib.error:
            return False
        pending = inflater.unconsumed_tail
        if b"\r\n\r\n" in start or inflater.eof or len(start) > 4 * PROBE_BYTES:
            break
    header = start.split(b"\r\n\r\n", 1)[0]
    # the record's own ID line: a request's WARC-Concurrent-To names the response's ID too
    own = rb"(?im)^WARC-Record-ID:[ \t]*" + re.escape(record_id.encode("utf-8", "replace"))
    return re.search(own + rb"[ \t]*\r?$", header) is not None


def next_full_member(fd: int, last: int, start: int = 0) -> int | None:
    """Where the first gzip member after the record at ``last`` (-1: before any record, from
    ``start`` on) that
    holds any data starts; None at the end of the file and at bytes after the last member
    that are not gzip (which fastwarc rightly ignores). Padding between members is passed
    over. Raises `OSError` at a member cut or damaged before it decompressed to anything, and
    at bytes that are not gzip with gzip data after them: fastwarc ended there without a word,
    and the records after them were lost."""
    at = start if last < 0 else member_end(fd, last)[0]
    while at is not None:
        at = _past_padding(fd, at)
        if at is None:
            return None
        if os.pread(fd, 2, at) != GZIP_MAGIC:
            _check_trailing(fd, at)
            return None
        end, holds_data = member_end(fd, at, stop_at_data=True)
        if holds_data:
            return at
        if end is None:
            raise OSError(f"the gzip member at offset {at} is cut short or damaged")
        at = end
    return None


#: Bytes some writers leave between gzip members (a blank line, NULs up to a block size); no
#: record is lost in them.
PADDING = b"\x00\t\n\r "
#: The first bytes of a gzip member (magic, then the deflate method), looked for in bytes that
#: are not gzip to tell trailing bytes from damage with records after it.
MEMBER_SIGNATURE = GZIP_MAGIC + b"\x08"


def _past_padding(fd: int, at: int) -> int | None:
    """The first offset from ``at`` on that is not padding; None at the end of the file."""
    while chunk := os.pread(fd, Gunzipped.CHUNK, at):
        rest = chunk.lstrip(PADDING)
        if rest:
            return at + len(chunk) - len(rest)
        at += len(chunk)
    return None


def _check_trailing(fd: int, at: int) -> None:
    """Nothing when the bytes from ``at`` to the end hold no gzip member; else `OSError`."""
    tail, read_at = b"", at
    while chunk := os.pread(fd, Gunzipped.CHUNK, read_at):
        found = (tail + chunk).find(MEMBER_SIGNATURE)
        if found >= 0:
            raise OSError(not_gzip(at, read_at - len(tail) + found))
        tail, read_at = chunk[-2:], read_at + len(chunk)


def not_gzip(at: int, resumes: int) -> str:
    return (
        f"{resumes - at} bytes at offset {at} are not gzip data; gzip data goes on at "
        f"offset {resumes}"
    )


def member_end(fd: int, offset: int, stop_at_data: bool = False) -> tuple[int | None, bool]:
    """(where the gzip member at ``offset`` ends, None when it is cut or damaged; whether it
    decompresses to anything but white space, which some writers put between records), read
    with ``pread`` a chunk at a time, the output dropped; with ``stop_at_data``, the end is
    not looked for once it holds data."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    read_at, tail, holds_data = offset, b"", False
    while not inflater.eof:
        data = tail or os.pread(fd, Gunzipped.CHUNK, read_at)
        if not tail:
            read_at += len(data)
        if not data:
            return None, holds_data
        try:
            holds_data = bool(inflater.decompress(data, Gunzipped.CHUNK).strip()) or holds_data
        except zlib.error:
            return None, holds_data
        if holds_data and stop_at_data:
            return None, True
        tail = inflater.unconsumed_tail
    return read_at - len(inflater.unused_data), holds_data


class GzipDamage(OSError):
    """Damage in a gzipped archive, with where in the file it starts: the member it is in,
    or the bytes that are not gzip. A search for the next whole member starts past it."""

    def __init__(self, message: str, at: int) -> None:
        super().__init__(message)
        self.at = at


class Gunzipped:
    """A gzip file read as the archive inside it, as fastwarc reads one: member after member,
    past padding between members, ending quietly at trailing bytes that are not gzip and at a
    cut with what decompressed, and at damage with what decompressed before it and the damage
    in ``error`` (Python's GzipFile raised at a cut, and the records fastwarc had read ahead
    were lost). Bytes that are not gzip with gzip data after them, and a member cut before it
    decompressed to anything, are damage too: ending quietly there lost records unseen.

    With ``track_members``, where each member starts, in the archive and in its decompressed
    bytes, is kept for `member_at`, so that a pipe's records get the offsets of a file's."""

    CHUNK = 1 << 16
    #: Output of one decompression call at most: highly compressible input stays bounded.
    MAX_OUT = 1 << 20
    #: Input fed at a time to salvage what decompresses before damage.
    SALVAGE = 512

    def __init__(self, raw: IO[bytes], track_members: bool = False) -> None:
        self._raw = raw
        self._inflater: Any = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._input = b""
        self._pending = b""
        self._at = 0
        self._ended = False
        self.error: str | None = None
        #: where in ``raw`` the damage ``error`` names starts
        self.damaged_at = 0
        #: bytes read from ``raw``, bytes decompressed, and where the current member started
        self._consumed = 0
        self._produced = 0
        self._member = (0, 0)
        self._members: deque[tuple[int, int]] | None = deque([(0, 0)]) if track_members else None

    def read(self, size: int = -1) -> bytes:
        if size < 0:
            return b"".join(iter(lambda: self.read(self.CHUNK), b""))
        while self._at >= len(self._pending) and not self._ended:
            self._pending, self._at = self._inflate(), 0
            self._produced += len(self._pending)
        out = self._pending[self._at : self._at + size]
        self._at += len(out)
        return out

    def member_at(self, position: int) -> int | None:
        """The archive offset of the member whose data starts at ``position`` of the
        decompressed bytes (the last such one: an empty member before it starts there too),
        None when no member starts there. Members before ``position`` are forgotten, so ask
        in increasing order."""
        members = self._members
        if members is None:
            raise ValueError("members are not tracked")
        while members and (
            members[0][0] < position or (len(members) > 1 and members[1][0] == position)
        ):
            members.popleft()
        return members[0][1] if members and members[0][0] == position else None

    def _read_raw(self) -> bytes:
        data = self._raw.read(self.CHUNK)
        self._consumed += len(data)
        return data

    def _inflate(self) -> bytes:
        if self._inflater.eof:
            rest = self._next_member(self._inflater.unused_data)
            if not rest:
                self._ended = True  # the last member, or bytes after it that are not gzip
                return b""
            self._inflater, self._input = zlib.decompressobj(16 + zlib.MAX_WBITS), rest
            self._member = (self._produced, self._consumed - len(rest))
            if self._members is not None:
                self._members.append(self._member)
        if not self._input:
            self._input = self._inflater.unconsumed_tail or self._read_raw()
            if not self._input:
                self._ended = True  # cut inside a member: what it held so far
                out = bytes(self._inflater.flush())
                if not out and self._produced == self._member[0]:
                    self.error = f"the gzip member at offset {self._member[1]} is cut short"
                    self.damaged_at = self._member[1]
                return out
        data, self._input = self._input, b""
        backup = self._inflater.copy()
        try:
            return bytes(self._inflater.decompress(data, self.MAX_OUT))
        except zlib.error as exc:
            self._inflater, self._ended = backup, True
            self.error = f"corrupt gzip data ({exc})"
            self.damaged_at = self._member[1]
            return self._salvage(data)

    def _next_member(self, rest: bytes) -> bytes:
        """The input from the next member's first byte on, padding before it passed over; b""
        at the end, and at bytes that are not gzip (an error when gzip data follows them)."""
        rest = rest.lstrip(PADDING)
        while len(rest) < len(MEMBER_SIGNATURE) and (more := self._read_raw()):
            rest = (rest + more).lstrip(PADDING)
        if not rest or rest.startswith(GZIP_MAGIC):
            return rest
        at, tail = self._consumed - len(rest), rest
        while True:
            found = tail.find(MEMBER_SIGNATURE)
            if found >= 0:
                self.error = not_gzip(at, self._consumed - len(tail) + found)
                self.damaged_at = at
                return b""
            more = self._read_raw()
            if not more:
                return b""
            tail = tail[-2:] + more

    def _salvage(self, data: bytes) -> bytes:
        """What ``data`` decompresses to before the damage, fed in small pieces."""
        out = []
        for start in range(0, len(data), self.SALVAGE):
            piece = data[start : start + self.SALVAGE]
            before = self._inflater.copy()
            try:
                out.append(self._inflater.decompress(piece))
            except zlib.error:
                # the piece that fails, byte by byte: a check that fails at the member's end
                # must not cost the text its last piece held
                self._inflater = before
                for byte in range(len(piece)):
                    try:
                        out.append(self._inflater.decompress(piece[byte : byte + 1]))
                    except zlib.error:
                        break
                break
        return b"".join(out)
