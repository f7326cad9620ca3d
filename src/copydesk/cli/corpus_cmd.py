"""Corpus commands: ingest, search, dups, export, stats (filled in by the corpus work)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the corpus commands to ``app``."""
