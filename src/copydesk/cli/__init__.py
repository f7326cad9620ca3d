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
    """The console script. A `CopydeskError` a command lets through (a missing extra named
    only once the records reach the enrich stage, say) is a message and exit status 2, not a
    traceback with the message on its last line. Ctrl-C is `interrupts`' to handle."""
    from copydesk.cli import interrupts
    from copydesk.cli.progress import print_error, stderr_console
    from copydesk.errors import CopydeskError

    interrupts.install()
    try:
        app()
    except CopydeskError as exc:
        print_error(stderr_console(), exc)
        raise SystemExit(2) from None
