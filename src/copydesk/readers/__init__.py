"""Readers turn paths (files, folders, globs, ``-``) into `Document` objects, lazily."""

from copydesk.readers.paths import ReadStats, detect_format, expand_paths, read_inputs

__all__ = ["ReadStats", "detect_format", "expand_paths", "read_inputs"]
