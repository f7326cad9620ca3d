"""Reading one file or stream with a size cap, gunzipping gzip data whatever its name says."""

from __future__ import annotations

import codecs
import gzip
import io
import zlib
from pathlib import Path
from typing import IO, Any

#: The first bytes of every gzip stream.
GZIP_MAGIC = b"\x1f\x8b"


def read_capped(path: Path, cap: int) -> tuple[bytes, bool]:
    """At most ``cap`` bytes of the (decompressed) file, and whether there was more.

    Gzip data is gunzipped by its first bytes, whatever the name: wget saves a page served
    with ``Content-Encoding: gzip`` under its ``.html`` name, and a mirror's pages often have no
    extension at all. A corrupt or truncated gzip raises `OSError` (gzip's
    `BadGzipFile` is one; zlib and EOF errors are re-raised as one), so callers handle a single
    failure type.
    """
    with path.open("rb") as fh:
        return read_stream_capped(fh, cap)


def read_stream_capped(fh: IO[bytes], cap: int) -> tuple[bytes, bool]:
    """`read_capped` for an open binary stream (standard input): gunzipped when it starts
    with gzip's magic bytes (``cat page.html.gz | copydesk parse -``), and read as it is
    otherwise, a ``.gz`` name or not (a page saved under ``.html.gz`` uncompressed)."""
    if starts_gzip(fh):
        try:
            with gzip.GzipFile(fileobj=fh, mode="rb") as gz:
                data = gz.read(cap + 1)
        except (EOFError, zlib.error) as exc:
            raise OSError(f"corrupt or truncated gzip data ({exc})") from exc
    else:
        data = fh.read(cap + 1)
    return data[:cap], len(data) > cap


def starts_gzip(fh: IO[bytes]) -> bool:
    """Whether the stream starts with gzip's magic bytes, looked at without consuming them (a
    stream that cannot be peeked at is taken as it is)."""
    peek = getattr(fh, "peek", None)
    try:
        return peek is not None and peek(2)[:2] == GZIP_MAGIC
    except (OSError, ValueError):
        return False


def bom_encoding(head: bytes) -> str | None:
    """The encoding a byte-order mark at the start of ``head`` names ("utf-8-sig" for UTF-8's);
    UTF-32's marks are tried first, since UTF-16's little-endian one begins them."""
    for marks, codec in (
        ((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE), "utf-32"),
        ((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE), "utf-16"),
        ((codecs.BOM_UTF8,), "utf-8-sig"),
    ):
        if head.startswith(marks):
            return codec
    return None


def gunzip_prefix(head: bytes, size: int = 64) -> bytes:
    """Up to ``size`` bytes of what the start of a gzip stream decompresses to (b"" when it
    cannot be): enough to tell a gzipped WARC or JSONL on standard input from a gzipped page."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, size)
    except zlib.error:
        return b""


def describe_os_error(where: str, exc: OSError) -> str:
    """An input that cannot be opened, said the same way by every reader."""
    reason = exc.strerror or str(exc)
    if isinstance(exc, FileNotFoundError):
        return f"{where}: no such file (check the path or the glob pattern)"
    if isinstance(exc, PermissionError):
        return f"{where}: permission denied (check the file's permissions)"
    if isinstance(exc, IsADirectoryError):
        return f"{where}: is a directory"
    return f"{where}: cannot be read: {reason}"


class ForwardOnly(io.RawIOBase):
    """A pipe that says where it is and seeks forward by reading, which is all fastwarc asks
    of a stream; a seek backwards raises."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw, self._pos = raw, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        target = offset if whence == io.SEEK_SET else self._pos + offset
        if whence not in (io.SEEK_SET, io.SEEK_CUR) or target < self._pos:
            raise OSError("a pipe cannot seek backwards")
        while self._pos < target and self.read(min(1 << 20, target - self._pos)):
            pass
        return self._pos

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def read(self, size: int | None = -1) -> bytes:
        data = self._raw.read(-1 if size is None else size)
        self._pos += len(data)
        return data
