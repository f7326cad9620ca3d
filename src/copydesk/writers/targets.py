"""Where an output file is written: most are written beside their name and renamed over it at
the end, so an interrupted run never leaves half a file under the name asked for; a few names
must be written where they are."""

from __future__ import annotations

from pathlib import Path


def written_in_place(output: Path) -> bool:
    """Written to where it is, and appended to: a name under /dev or /proc, a device or a pipe.
    Renamed over, ``-o /dev/null`` became a regular file; opened for writing, ``/dev/stdout``
    truncated the file the shell appends stdout to (``>> log.txt``); a device or pipe is the
    same either way. A folder is none of these: the caller refuses it."""
    if str(output).startswith(("/dev/", "/proc/")):
        return True
    return output.exists() and not output.is_file() and not output.is_dir()
