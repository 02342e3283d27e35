"""What every command shares: the app, option parsing, failing with a message, opening a store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from ..errors import EventwireError
from ..settings import Settings

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="eventwire: dated news articles in, explained CAMEO/PLOVER political events out.",
)

FORMATS = ("jsonl", "csv", "table")
TABLE_ROWS = 200  # a table is for reading; longer runs should use jsonl/csv
DEFAULT_DB = "eventwire.duckdb"
STORE_BATCH = 256  # articles per store transaction


def parse_date(value: str | None, what: str = "--date") -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=what) from None


def coder_settings(actors: list[Path] | None, workers: int = 1, batch_size: int = 64) -> Settings:
    return Settings(actor_files=tuple(actors or ()), workers=workers, batch_size=batch_size)


def fail(err: EventwireError, console: Console) -> None:
    console.print(f"[bold red]error[/] {escape(str(err))}", highlight=False)
    raise typer.Exit(2)


def open_db(db: str, err: Console):
    """The store at ``db`` for reading, or a message and exit code 2 when there is none."""
    from .. import database

    if not Path(db).exists():
        err.print(f"[bold red]error[/] no store at {escape(db)}: run `eventwire code ... --db {escape(db)}` first")
        raise typer.Exit(2)
    return database.open(db)

