"""``copydesk serve``: the web app over the store, read-only, on 127.0.0.1 by default."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Add the serve command to ``app``."""
    app.command("serve")(serve)


def serve(
    db: Annotated[Path, typer.Option("--db", help="The corpus store (SQLite).")] = Path(
        "copydesk.db"
    ),
    host: Annotated[
        str, typer.Option(help="Address to listen on; 0.0.0.0 exposes the store to the network.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Search, read, audit and compare the stored articles in a browser (read-only; works while
    an ingest is writing)."""
    import uvicorn

    from copydesk.cli.progress import print_error, stderr_console
    from copydesk.store.read import ReadStore
    from copydesk.store.schema import StoreError
    from copydesk.web import create_app

    console = stderr_console()
    try:
        ReadStore(db).close()  # fail now, with the store's own message, not on the first request
    except StoreError as exc:
        print_error(console, exc)
        raise typer.Exit(2) from exc
    console.print(f"copydesk: serving {db} at http://{host}:{port}/  (Ctrl-C to stop)")
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")
