"""``copydesk serve``: the web app over the store, read-only, on 127.0.0.1 by default."""

from __future__ import annotations

import contextlib
import errno
import socket
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
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
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
    try:
        listener = _listen(host, port)
    except OSError as exc:
        # bound here, before saying where it serves: uvicorn printed its own error after our
        # "serving at" line, and a port in use is the usual reason
        why = "it is in use; pass another --port" if exc.errno == errno.EADDRINUSE else exc
        print_error(console, OSError(f"cannot listen on {host}:{port}: {why}"))
        raise typer.Exit(2) from None
    console.print(f"copydesk: serving {db} at http://{host}:{port}/  (Ctrl-C to stop)")
    server = uvicorn.Server(uvicorn.Config(create_app(db), log_level="warning"))
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how it stops: status 0
        server.run(sockets=[listener])


def _listen(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port``, bound as uvicorn binds one (IPv6 for an
    address with a colon; "localhost" is 127.0.0.1 even where it resolves to ::1 first)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    return socket.create_server((host, port), family=family)
