"""The watch command: keep folders, files and feeds coded as they change."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from ..errors import EventwireError
from .common import DEFAULT_DB, app, coder_settings, fail, parse_date


@app.command()
def watch(
    sources: Annotated[list[str], typer.Argument(help="Folders, files, and RSS/Atom feed or page URLs.")],
    db: Annotated[str, typer.Option("--db", help="DuckDB store to write (it also remembers what was read).")] = DEFAULT_DB,
    interval: Annotated[float, typer.Option("--interval", min=0.1, help="Seconds between polls.")] = 30.0,
    once: Annotated[bool, typer.Option("--once", help="Poll once and exit.")] = False,
    date_: Annotated[str | None, typer.Option("--date", help="Publication date for inputs that give none.")] = None,
    actors: Annotated[list[Path] | None, typer.Option("--actors", help="Extra actor dictionary (YAML/CSV); repeatable.")] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Processes for coding.")] = 1,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Articles per parse batch.")] = 64,
    text_column: Annotated[str, typer.Option("--text-column")] = "text",
    id_column: Annotated[str, typer.Option("--id-column")] = "id",
    date_column: Annotated[str, typer.Option("--date-column")] = "date",
    request_delay: Annotated[float, typer.Option("--request-delay", min=0.0, help="Seconds between two requests to one host.")] = 1.0,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds a request may take.")] = 10.0,
    max_items: Annotated[int, typer.Option("--max-items", min=1, help="Feed item pages fetched per feed and poll.")] = 50,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
) -> None:
    """Code new and changed files (and lines added to .jsonl files), new feed items and changed pages as
    they appear; merge them into events; remember what was read in the store, so that a restarted watcher
    codes nothing twice. Runs until interrupted (Ctrl-C), or once with --once."""
    from ..ingest.records import ReadOptions
    from ..store import Store
    from ..watch import FetchSettings, LocalTarget, PollStats, Watcher

    err = Console(stderr=True)
    settings = coder_settings(actors, workers, batch_size)
    options = ReadOptions(
        default_date=parse_date(date_), text_column=text_column, id_column=id_column, date_column=date_column,
        max_chars=settings.max_article_chars,
    )  # fmt: skip
    fetch = FetchSettings(timeout_s=timeout, min_delay_s=request_delay, max_items=max_items)

    def report(stats: PollStats) -> None:
        for reject in stats.rejected:
            where = reject.origin + (f":{reject.line}" if reject.line and not reject.origin.endswith(f":{reject.line}") else "")
            err.print(f"[yellow]rejected[/] {escape(where)}: {escape(f'[{reject.code}] {reject.reason}')}", highlight=False)
        if not quiet and (stats.sources or once):
            err.print(
                f"poll {watcher.polls}: {stats.articles} new article(s), {stats.mentions} mention(s), "
                f"{stats.rejects} rejected, {stats.known} already coded ({stats.sources} source(s) read, "
                f"{stats.seconds:.1f} s)",
                highlight=False,
            )

    stop = threading.Event()
    try:
        with Store.open(db) as store:
            watcher = Watcher(sources, LocalTarget(store, settings), options=options, fetch=fetch)
            try:
                if once:
                    report(watcher.poll())
                else:
                    if not quiet:
                        err.print(f"watching {len(sources)} source(s) every {interval:g} s into {escape(db)}; Ctrl-C stops",
                                  highlight=False)  # fmt: skip
                    watcher.run(interval_s=interval, stop=stop, on_poll=report)
            except KeyboardInterrupt:
                stop.set()
                if not quiet:
                    err.print(f"stopped after {watcher.polls} poll(s)", highlight=False)
            finally:
                watcher.close()
    except EventwireError as exc:
        fail(exc, err)
