"""What every command shares: the app, option parsing, failing with a message, opening a store."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

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


def coder_settings(actors: list[Path] | None, workers: int = 1, batch_size: int = 64, *,
                   typer_on: bool = True) -> Settings:
    return Settings(actor_files=tuple(actors or ()), workers=workers, batch_size=batch_size, typer=typer_on)


# --typer/--no-typer on code, explain and eval: the learned event typer (eventwire.learned) after the rules.
TyperOption = Annotated[bool, typer.Option(
    "--typer/--no-typer", help="Let the learned event typer propose a root where the rules code nothing.")]


def fail(err: EventwireError, console: Console) -> None:
    console.print(f"[bold red]error[/] {escape(str(err))}", highlight=False)
    raise typer.Exit(2)


def open_db(db: str, err: Console):
    """The store at ``db`` for reading (through the server's copy while ``eventwire serve`` holds it), or a
    message and exit code 2 when there is none or it cannot be read."""
    from .. import database

    if not Path(db).exists():
        err.print(f"[bold red]error[/] no store at {escape(db)}: run `eventwire code ... --db {escape(db)}` first")
        raise typer.Exit(2)
    try:
        return database.open(db)
    except EventwireError as exc:
        fail(exc, err)


# Filter options shared by the commands that list events or mentions (their meaning: store/filters.py).
ACTOR_HELP = "An actor code, pattern or name: USA, IRN*, *MIL, Iran, 'the UN'."
DbOpt = Annotated[str, typer.Option("--db", help="DuckDB store (or a Spark run's Parquet folder) to read.")]
ActorOpt = Annotated[list[str] | None, typer.Option("--actor", help="Either side. " + ACTOR_HELP)]
SourceOpt = Annotated[list[str] | None, typer.Option("--source", help="The acting side. " + ACTOR_HELP)]
TargetOpt = Annotated[list[str] | None, typer.Option("--target", help="The side acted on. " + ACTOR_HELP)]
DyadOpt = Annotated[tuple[str, str] | None, typer.Option("--dyad", help="A acts on B (two actors: codes or names).")]
CountryOpt = Annotated[list[str] | None, typer.Option("--country", help="ISO3 of either actor or of the place.")]
RootOpt = Annotated[str | None, typer.Option("--root", help="CAMEO root, e.g. 19.")]
CameoOpt = Annotated[str | None, typer.Option("--cameo", help="CAMEO code prefix: 19 matches 19x and 19xx.")]
QuadOpt = Annotated[int | None, typer.Option("--quad", min=1, max=4, help="GDELT quad class 1..4.")]
FromOpt = Annotated[str | None, typer.Option("--from", help="First date (YYYY-MM-DD), inclusive.")]
ToOpt = Annotated[str | None, typer.Option("--to", help="Last date (YYYY-MM-DD), inclusive.")]
TextOpt = Annotated[str | None, typer.Option("--text", help="Words that must all be in the sentence.")]

