"""Where an output file is written: most are written beside their name and renamed over it at
the end, so an interrupted run never leaves half a file under the name asked for; a few names
must be written where they are."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

#: Names that stand for a stream the process already has, whatever file or pipe that is.
_STREAM_ALIAS = re.compile(r"^/(?:dev/(?:stdout|stderr|fd/\d+)|proc/(?:self|\d+)/fd/\d+)$")


def written_in_place(output: Path) -> bool:
    """Written to where it is, and appended to: a device, a pipe, or a name for one of the
    process's streams. Renamed over, ``-o /dev/null`` became a regular file; opened for
    writing, ``/dev/stdout`` truncated the file the shell appends stdout to (``>> log.txt``).
    A regular file elsewhere under /dev (``/dev/shm``) is a file like any other, and a folder
    is none of these: the caller refuses it."""
    if _STREAM_ALIAS.match(str(output)):
        return True
    return output.exists() and not output.is_file() and not output.is_dir()


def seekable(output: Path) -> bool:
    """Parquet's writer seeks: a pipe or a terminal cannot take it (``lseek failed``), a
    regular file or /dev/null can."""
    try:
        mode = os.stat(output).st_mode
    except OSError:
        return True  # not there yet: a new regular file
    if stat.S_ISREG(mode):
        return True
    try:
        return os.path.samefile(output, os.devnull)
    except OSError:
        return False
