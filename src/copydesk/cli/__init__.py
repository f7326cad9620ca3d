"""The ``copydesk`` command line (typer). Each command group lives in its own module."""

from __future__ import annotations

import typer

from copydesk.cli import corpus_cmd, parse_cmd, serve_cmd

app = typer.Typer(
    name="copydesk",
    help="The copy desk for scraped news: clean, audited, deduplicated article records.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """The copy desk for scraped news: clean, audited, deduplicated article records."""


parse_cmd.register(app)
corpus_cmd.register(app)
serve_cmd.register(app)


def main() -> None:
    app()
