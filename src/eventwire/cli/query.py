"""Commands that list what the store holds: events (deduplicated), mentions (every report), timeline, sql.

They read through ``eventwire.database`` (as a Python user does), so their filters and answers are the
Python API's and the HTTP API's; while ``eventwire serve`` holds the store they read the copy it hands out.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from ..errors import EventwireError
from .common import (
    DEFAULT_DB,
    TABLE_ROWS,
    ActorOpt,
    CameoOpt,
    CountryOpt,
    DbOpt,
    DyadOpt,
    FromOpt,
    QuadOpt,
    RootOpt,
    SourceOpt,
    TargetOpt,
    TextOpt,
    ToOpt,
    app,
    fail,
    open_db,
    parse_date,
)
from .render import date_text, print_events_table, print_mentions_table, print_table

FormatOpt = Annotated[str, typer.Option("--format", "-f", help="table | jsonl | csv")]
LimitOpt = Annotated[int | None, typer.Option("--limit", min=1, help="At most this many rows (a table shows 200).")]


def _filters(**given: Any) -> dict[str, Any]:
    """Database.filter() keywords from the shared options (dates checked here, for the option's name)."""
    given["date_from"] = parse_date(given.pop("date_from"), "--from")
    given["date_to"] = parse_date(given.pop("date_to"), "--to")
    return given


def _check_format(format_: str) -> None:
    if format_ not in ("table", "jsonl", "csv"):
        raise typer.BadParameter("choose table, jsonl or csv", param_hint="--format")


# -------------------------------------------------------------------------------------------- events
@app.command()
def events(
    db: DbOpt = DEFAULT_DB, actor: ActorOpt = None, source: SourceOpt = None, target: TargetOpt = None,
    dyad: DyadOpt = None, country: CountryOpt = None, root: RootOpt = None, cameo: CameoOpt = None,
    quad: QuadOpt = None, date_from: FromOpt = None, date_to: ToOpt = None, text: TextOpt = None,
    sort: Annotated[str, typer.Option("--sort", help="date | -date | goldstein | -goldstein | mentions | -mentions")] = "date",
    format_: FormatOpt = "table", limit: LimitOpt = None,
) -> None:  # fmt: skip
    """Deduplicated events (one per happening, reports merged), as GET /v1/events and db.events() give them.

    Actors may be codes, patterns or names (USA, IRN*, *MIL, Iran, "the UN"). Every report of them:
    `eventwire mentions`."""
    _check_format(format_)
    err = Console(stderr=True)
    filters = _filters(actor=actor, source=source, target=target, dyad=dyad, country=country, root=root,
                       cameo=cameo, quad=quad, date_from=date_from, date_to=date_to, q=text)  # fmt: skip
    with open_db(db, err) as database:
        try:
            shown = limit if format_ != "table" else (limit or TABLE_ROWS)
            table = database.events(sort=sort, limit=shown, as_="arrow", **filters)
            total = table.num_rows if format_ != "table" or table.num_rows < shown else _count(database, filters)
        except EventwireError as exc:
            fail(exc, err)
    if format_ == "table":
        print_events_table(table.to_pylist(), total, Console())
    else:
        print_table(table, format_)


def _count(database: Any, filters: dict[str, Any]) -> int:
    from ..analysis.listing import count_events

    return count_events(database.store.connection(), database.filter(**filters))


# ------------------------------------------------------------------------------------------ mentions
@app.command()
def mentions(
    db: DbOpt = DEFAULT_DB, actor: ActorOpt = None, source: SourceOpt = None, target: TargetOpt = None,
    dyad: DyadOpt = None, country: CountryOpt = None, root: RootOpt = None, cameo: CameoOpt = None,
    quad: QuadOpt = None, date_from: FromOpt = None, date_to: ToOpt = None, text: TextOpt = None,
    negated: Annotated[bool, typer.Option("--negated/--no-negated", help="Include negated and hypothetical mentions.")] = True,
    format_: FormatOpt = "table", limit: LimitOpt = None,
) -> None:  # fmt: skip
    """Event mentions: every report of an event in every article (negated and hypothetical ones flagged),
    as `eventwire code` printed them."""
    from ..export import write_csv_table, write_jsonl_table
    from ..store import mention_from_row

    _check_format(format_)
    err = Console(stderr=True)
    filters = _filters(actor=actor, source=source, target=target, dyad=dyad, country=country, root=root,
                       cameo=cameo, quad=quad, date_from=date_from, date_to=date_to, q=text, include_negated=negated)  # fmt: skip
    with open_db(db, err) as database:
        try:
            table = database.mentions(limit=limit if format_ != "table" else (limit or TABLE_ROWS), as_="arrow", **filters)
        except EventwireError as exc:
            fail(exc, err)
    if format_ == "jsonl":
        write_jsonl_table(table, sys.stdout)
    elif format_ == "csv":
        write_csv_table(table, sys.stdout)
    else:
        rows = [mention_from_row(r) for r in table.to_pylist()]
        print_mentions_table(rows, len(rows), Console())


# ------------------------------------------------------------------------------------------ timeline
@app.command()
def timeline(
    actor: Annotated[str | None, typer.Option("--actor", help="An actor code, pattern or name.")] = None,
    dyad_: Annotated[tuple[str, str] | None, typer.Option("--dyad", help="Two actors (either direction).")] = None,
    date_from: FromOpt = None, date_to: ToOpt = None, limit: LimitOpt = None, format_: FormatOpt = "table",
    db: DbOpt = DEFAULT_DB,
) -> None:  # fmt: skip
    """Deduplicated events in date order, one line each, with the evidence sentence."""
    err = Console(stderr=True)
    with open_db(db, err) as database:
        try:
            table = database.timeline(actor=actor, dyad=dyad_, date_from=date_from, date_to=date_to, limit=limit, as_="arrow")
        except EventwireError as exc:
            fail(exc, err)
    if format_ != "table":
        print_table(table, format_)
        return
    console = Console()
    for r in table.to_pylist():
        line = (f"{date_text(r['date'], None)}  {r['source_code'] or '-'} -> {r['target_code'] or '-'}  {r['cameo']}  "
                f"({r['num_mentions']} mention(s), {r['num_articles']} article(s))  {' '.join((r['evidence_sentence'] or '').split())}")  # fmt: skip
        console.print(escape(line), highlight=False, no_wrap=True, overflow="ellipsis")


# ----------------------------------------------------------------------------------------------- sql
@app.command()
def sql(
    query: Annotated[str, typer.Argument(help='One read-only statement, e.g. "SELECT cameo_root, count(*) FROM events GROUP BY 1".')],
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="A value for the next ? in the query (repeatable).")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many rows.")] = 1000,
    format_: FormatOpt = "table",
    db: DbOpt = DEFAULT_DB,
) -> None:  # fmt: skip
    """Run one read-only SQL query over the store (tables: docs/store-schema.md), with ? parameters."""
    err = Console(stderr=True)
    with open_db(db, err) as database:
        try:
            table = database.sql(query, list(param or []), limit=limit, as_="arrow")
        except EventwireError as exc:
            fail(exc, err)
    print_table(table, format_, title=f"{table.num_rows} row(s)")
    if (table.schema.metadata or {}).get(b"truncated") == b"1":
        err.print(f"stopped at {limit} rows (--limit)", highlight=False)
