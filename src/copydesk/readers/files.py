"""Reading one file with a size cap, transparently gunzipping ``.gz`` files."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path


def read_capped(path: Path, cap: int) -> tuple[bytes, bool]:
    """At most ``cap`` bytes of the (decompressed) file, and whether there was more.

    A corrupt or truncated gzip raises `OSError` (gzip's `BadGzipFile` is one; zlib and EOF
    errors are re-raised as one), so callers handle a single failure type.
    """
    if path.name.lower().endswith(".gz"):
        try:
            with gzip.open(path, "rb") as fh:
                data = fh.read(cap + 1)
        except (EOFError, zlib.error) as exc:
            raise OSError(f"corrupt or truncated gzip data ({exc})") from exc
    else:
        with path.open("rb") as fh:
            data = fh.read(cap + 1)
    return data[:cap], len(data) > cap


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
