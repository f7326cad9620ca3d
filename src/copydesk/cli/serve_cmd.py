"""``copydesk serve``: the web app over the store (filled in by the web work)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the serve command to ``app``."""
