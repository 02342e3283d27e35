"""The serve command: the HTTP API and the dashboard over one store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from ..errors import EventwireError
from .common import DEFAULT_DB, app, coder_settings, fail


# --------------------------------------------------------------------------------------------- serve
@app.command()
def serve(
    db: Annotated[str, typer.Option("--db", help="DuckDB store the server holds (created if missing).")] = DEFAULT_DB,
    host: Annotated[str, typer.Option("--host", help="Address to bind; 127.0.0.1 keeps it on this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535)] = 8000,
    cors_origin: Annotated[list[str] | None, typer.Option("--cors-origin", help="Allow this browser origin (repeatable).")] = None,
    actors: Annotated[list[Path] | None, typer.Option("--actors", help="Extra actor dictionary (YAML/CSV); repeatable.")] = None,
    cache_entries: Annotated[int, typer.Option("--cache-entries", min=0, help="Read answers kept until the next write (0: none).")] = 4096,
    preload: Annotated[bool, typer.Option("--preload/--no-preload", help="Load the spaCy model at start-up, in the background.")] = True,
    log_level: Annotated[str, typer.Option("--log-level")] = "info",
    watch: Annotated[list[str] | None, typer.Option("--watch", help="Also code this folder, file or feed URL as it changes (repeatable).")] = None,
    watch_interval: Annotated[float, typer.Option("--watch-interval", min=0.1, help="Seconds between watch polls.")] = 30.0,
) -> None:
    """Serve the HTTP API (/v1, OpenAPI at /docs) and the dashboard (/). Holds the store for writing;
    other eventwire processes read it meanwhile through a copy the server hands out (<store>.server.json).

    EVENTWIRE_TOKEN makes POST endpoints require `Authorization: Bearer <token>`; EVENTWIRE_CORS_ORIGINS
    (comma-separated) allows browser origins; EVENTWIRE_MAX_BODY caps request bodies (bytes).
    """
    import uvicorn

    from ..api import ApiSettings, create_app
    from ..serving import remove_server_file, write_server_file
    from ..store import Store

    err = Console(stderr=True)
    try:
        settings = ApiSettings.from_env(
            db, coder=coder_settings(actors), cache_entries=cache_entries, preload_model=preload,
            cors_origins=tuple(cors_origin) if cors_origin else None, watch=tuple(watch) if watch else None,
            watch_interval_s=watch_interval,
        )  # fmt: skip
        store = Store.open(db)  # fail here, clearly, when another process holds the store
    except EventwireError as exc:
        fail(exc, err)
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"[yellow]warning[/] listening on {escape(host)}: the API is reachable from other machines", highlight=False)
    if settings.token is None:
        err.print("[dim]EVENTWIRE_TOKEN is not set: POST endpoints are open to anyone who can reach the server[/]")
    if port == 0:
        port = _free_port(host)
    if db != ":memory:":
        write_server_file(db, host=host, port=port)  # readers find the server here while it holds the store
    try:
        uvicorn.run(create_app(settings=settings, store=store), host=host, port=port, log_level=log_level)
    finally:
        if db != ":memory:":
            remove_server_file(db)
        store.close()


def _free_port(host: str) -> int:
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])

