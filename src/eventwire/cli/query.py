"""Commands over the store: events, dyad, alerts, timeline, network, export."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from ..errors import EventwireError
from .common import DEFAULT_DB, TABLE_ROWS, app, fail, open_db, parse_date
from .render import print_mentions_table, print_table


# -------------------------------------------------------------------------------------------- events
@app.command()
def events(
    db: Annotated[str, typer.Option("--db", help="DuckDB store (or a Spark run's Parquet folder) to read.")] = DEFAULT_DB,
    actor: Annotated[str | None, typer.Option("--actor", help="Source or target: USA, IRN*, IGO*, *MIL")] = None,
    source: Annotated[str | None, typer.Option("--source")] = None,
    target: Annotated[str | None, typer.Option("--target")] = None,
    dyad: Annotated[tuple[str, str] | None, typer.Option("--dyad", help="Two actor patterns: source target.")] = None,
    country: Annotated[str | None, typer.Option("--country")] = None,
    root: Annotated[str | None, typer.Option("--root", help="CAMEO root, e.g. 19")] = None,
    quad: Annotated[int | None, typer.Option("--quad", min=1, max=4, help="GDELT quad class 1..4")] = None,
    date_from: Annotated[str | None, typer.Option("--from")] = None,
    date_to: Annotated[str | None, typer.Option("--to")] = None,
    format_: Annotated[str, typer.Option("--format", "-f", help="table | jsonl | csv")] = "table",
    limit: Annotated[int | None, typer.Option("--limit", min=1)] = None,
) -> None:
    """Query the stored event mentions."""
    from ..distributed.dataset import is_dataset, open_dataset
    from ..export import write_csv_table, write_jsonl_table
    from ..store import Store

    err = Console(stderr=True)
    if not Path(db).exists():
        err.print(f"[bold red]error[/] no store at {db}: run `eventwire code ... --db {db}` first", highlight=False)
        raise typer.Exit(2)
    try:
        with open_dataset(db, events=False) if is_dataset(db) else Store.open(db, read_only=True) as store:
            table = store.query_mentions(
                actor=actor, source=source, target=target, dyad=dyad, country=country, root=root,
                quad_class=quad, date_from=parse_date(date_from, "--from"), date_to=parse_date(date_to, "--to"),
                limit=limit if format_ != "table" else (limit or TABLE_ROWS),
            )  # fmt: skip
    except EventwireError as exc:
        fail(exc, err)
    if format_ == "jsonl":
        write_jsonl_table(table, sys.stdout)
    elif format_ == "csv":
        write_csv_table(table, sys.stdout)
    elif format_ == "table":
        from ..store import mention_from_row

        rows = [mention_from_row(r) for r in table.to_pylist()]
        print_mentions_table(rows, len(rows), Console(width=200))
    else:
        raise typer.BadParameter("choose table, jsonl or csv", param_hint="--format")


@app.command()
def dyad(
    a: Annotated[str, typer.Argument(help="Actor pattern: USA, IRN*, IGO*, *MIL")],
    b: Annotated[str, typer.Argument(help="Actor pattern")],
    by: Annotated[str, typer.Option("--by", help="day | week | month")] = "week",
    date_from: Annotated[str | None, typer.Option("--from")] = None,
    date_to: Annotated[str | None, typer.Option("--to")] = None,
    plot: Annotated[Path | None, typer.Option("--plot", help="Write a chart (.png or .svg).")] = None,
    format_: Annotated[str, typer.Option("--format", "-f", help="table | csv | jsonl")] = "table",
    db: Annotated[str, typer.Option("--db")] = DEFAULT_DB,
) -> None:
    """Conflict and cooperation between two actors over time: events per quad class, Goldstein, both directions."""
    from ..analysis.alerts import alerts as find_alerts
    from ..analysis.series import dyad_series, plot_dyad_series

    err = Console(stderr=True)
    with open_db(db, err) as database:
        con = database.store.connection()
        try:
            table = dyad_series(con, a, b, by=by, date_from=date_from, date_to=date_to)
            if plot is not None:
                marks = find_alerts(con, dyad=(a, b), by=by, date_from=date_from, date_to=date_to)
                plot_dyad_series(table, plot, title=f"{a} - {b} (by {by})", labels=(a, b), alerts=marks)
        except EventwireError as exc:
            fail(exc, err)
    columns = ["period", "direction", "events", "mentions", "quad1", "quad2", "quad3", "quad4", "goldstein_sum", "goldstein_mean"]
    print_table(table, format_, columns, title=f"{a} - {b} by {by}")
    if plot is not None:
        err.print(f"wrote {plot}", highlight=False)


@app.command()
def alerts(
    dyad_: Annotated[tuple[str, str] | None, typer.Option("--dyad", help="Two actor patterns.")] = None,
    by: Annotated[str, typer.Option("--by", help="day | week | month")] = "week",
    date_from: Annotated[str | None, typer.Option("--from")] = None,
    date_to: Annotated[str | None, typer.Option("--to")] = None,
    threshold: Annotated[float, typer.Option("--threshold", help="Minimum surprise, -log10 p.")] = 4.0,
    min_count: Annotated[int, typer.Option("--min-count", help="Minimum conflict events in the period.")] = 3,
    format_: Annotated[str, typer.Option("--format", "-f", help="table | csv | jsonl")] = "table",
    db: Annotated[str, typer.Option("--db")] = DEFAULT_DB,
) -> None:
    """Dyad-periods whose conflict intensity departs from the dyad's own baseline (method: docs/alerts.md)."""
    from ..analysis.alerts import alerts as find_alerts

    err = Console(stderr=True)
    with open_db(db, err) as database:
        try:
            table = find_alerts(database.store.connection(), dyad=dyad_, by=by, date_from=date_from,
                                date_to=date_to, threshold=threshold, min_count=min_count)
        except EventwireError as exc:
            fail(exc, err)
    columns = ["period", "source", "target", "observed", "expected", "score", "method", "driving_event_ids"]
    print_table(table, format_, columns, title=f"{table.num_rows} alert(s) (method: docs/alerts.md)")


@app.command()
def timeline(
    actor: Annotated[str | None, typer.Option("--actor")] = None,
    dyad_: Annotated[tuple[str, str] | None, typer.Option("--dyad", help="Two actor patterns (either direction).")] = None,
    date_from: Annotated[str | None, typer.Option("--from")] = None,
    date_to: Annotated[str | None, typer.Option("--to")] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1)] = None,
    format_: Annotated[str, typer.Option("--format", "-f", help="table | csv | jsonl")] = "table",
    db: Annotated[str, typer.Option("--db")] = DEFAULT_DB,
) -> None:
    """Deduplicated events in date order, one line each, with the evidence sentence."""
    from ..analysis.timeline import timeline as events_in_order

    err = Console(stderr=True)
    with open_db(db, err) as database:
        try:
            table = events_in_order(database.store.connection(), actor=actor, dyad=dyad_, date_from=date_from,
                                    date_to=date_to, limit=limit)
        except EventwireError as exc:
            fail(exc, err)
    if format_ != "table":
        print_table(table, format_)
        return
    console = Console(width=200)
    for r in table.to_pylist():
        line = (f"{r['date']}  {r['source_code'] or '-'} -> {r['target_code'] or '-'}  {r['cameo']}  "
                f"({r['num_mentions']} mention(s), {r['num_articles']} article(s))  {' '.join((r['evidence_sentence'] or '').split())[:110]}")
        console.print(escape(line), highlight=False)


@app.command()
def network(
    date_from: Annotated[str | None, typer.Option("--from")] = None,
    date_to: Annotated[str | None, typer.Option("--to")] = None,
    csv_path: Annotated[Path | None, typer.Option("--csv", help="Write the edges as CSV.")] = None,
    graphml: Annotated[Path | None, typer.Option("--graphml", help="Write the network as GraphML.")] = None,
    top: Annotated[int, typer.Option("--top", help="Edges to print.")] = 20,
    db: Annotated[str, typer.Option("--db")] = DEFAULT_DB,
) -> None:
    """Weighted actor-to-actor edges (events, mentions, Goldstein), as CSV and GraphML."""
    from ..analysis.network import edges, write_csv, write_graphml

    err = Console(stderr=True)
    with open_db(db, err) as database:
        try:
            table = edges(database.store.connection(), date_from=date_from, date_to=date_to)
        except EventwireError as exc:
            fail(exc, err)
    if csv_path is not None:
        write_csv(table, csv_path)
        err.print(f"wrote {csv_path}", highlight=False)
    if graphml is not None:
        write_graphml(table, graphml)
        err.print(f"wrote {graphml}", highlight=False)
    shown = table.sort_by([("events", "descending")]).slice(0, top)
    print_table(shown, "table", ["source", "target", "events", "mentions", "goldstein_mean"], title=f"{table.num_rows} edge(s)")


EXPORT_FORMATS = ("gdelt", "gdelt-mentions", "plover", "parquet", "csv", "jsonl")


@app.command()
def export(
    format_: Annotated[str, typer.Option("--format", "-f", help="gdelt | gdelt-mentions | plover | parquet | csv | jsonl")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (required for parquet).")] = None,
    what: Annotated[str, typer.Option("--what", help="events | mentions (parquet, csv, jsonl)")] = "events",
    db: Annotated[str, typer.Option("--db")] = DEFAULT_DB,
) -> None:
    """Export the store in formats other tools read: GDELT 2.0 events/mentions, PLOVER JSON, Parquet, CSV, JSONL."""
    from ..export.gdelt import write_gdelt_events, write_gdelt_mentions
    from ..export.parquet import write_parquet, write_table
    from ..export.plover import write_plover

    err = Console(stderr=True)
    if format_ not in EXPORT_FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(EXPORT_FORMATS)}", param_hint="--format")
    if format_ == "parquet" and output is None:
        raise typer.BadParameter("parquet needs --output FILE", param_hint="--output")
    with open_db(db, err) as database:
        con = database.store.connection()
        try:
            if format_ == "parquet":
                n = write_parquet(con, output, what=what)
            else:
                fh = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
                try:
                    if format_ == "gdelt":
                        n = write_gdelt_events(con, fh)
                    elif format_ == "gdelt-mentions":
                        n = write_gdelt_mentions(con, fh)
                    elif format_ == "plover":
                        n = write_plover(con, fh)
                    else:
                        n = write_table(con, fh, what=what, format=format_)
                finally:
                    if output:
                        fh.close()
        except EventwireError as exc:
            fail(exc, err)
    err.print(f"exported {n} row(s)" + (f" to {output}" if output else ""), highlight=False)

