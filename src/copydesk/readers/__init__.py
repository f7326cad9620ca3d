"""Readers turn paths (files, folders, globs, ``-``) into `Document` objects, lazily."""

from copydesk.readers.paths import detect_format, expand_paths, read_inputs

__all__ = ["detect_format", "expand_paths", "read_inputs"]
