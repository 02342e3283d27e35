"""Commands over the store's events: dyad series, alerts, networks, and exports in other tools' formats."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from ..errors import EventwireError
from .common import DEFAULT_DB, app, fail, open_db
from .render import print_table


@app.command()
def dyad(
    a: Annotated[str, typer.Argument(help="An actor code, pattern or name: USA, IRN*, Iran, 'the UN'.")],
    b: Annotated[str, typer.Argument(help="The other actor.")],
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
            pa_, pb = database.actor(a), database.actor(b)
            table = dyad_series(con, pa_, pb, by=by, date_from=date_from, date_to=date_to)
            if plot is not None:
                marks = find_alerts(con, dyad=(pa_, pb), by=by, date_from=date_from, date_to=date_to)
                plot_dyad_series(table, plot, title=f"{a} - {b} (by {by})", labels=(a, b), alerts=marks)
        except EventwireError as exc:
            fail(exc, err)
    columns = ["period", "direction", "events", "mentions", "quad1", "quad2", "quad3", "quad4", "goldstein_sum", "goldstein_mean"]
    print_table(table, format_, columns, title=f"{a} ({pa_}) - {b} ({pb}) by {by}")
    if plot is not None:
        err.print(f"wrote {plot}", highlight=False)


@app.command()
def alerts(
    dyad_: Annotated[tuple[str, str] | None, typer.Option("--dyad", help="Two actors: codes, patterns or names.")] = None,
    by: Annotated[str, typer.Option("--by", help="day | week | month")] = "week",
    date_from: Annotated[str | None, typer.Option("--from")] = None,
    date_to: Annotated[str | None, typer.Option("--to")] = None,
    threshold: Annotated[float, typer.Option("--threshold", help="Minimum surprise, -log10 p.")] = 4.0,
    min_count: Annotated[int, typer.Option("--min-count", help="Minimum conflict events in the period.")] = 3,
    format_: Annotated[str, typer.Option("--format", "-f", help="table | csv | jsonl")] = "table",
    db: Annotated[str, typer.Option("--db")] = DEFAULT_DB,
) -> None:
    """Dyad-periods whose conflict intensity departs from the dyad's own baseline (method: docs/alerts.md)."""
    err = Console(stderr=True)
    with open_db(db, err) as database:
        try:
            table = database.alerts(dyad=dyad_, by=by, date_from=date_from, date_to=date_to, threshold=threshold,
                                    min_count=min_count, as_="arrow")  # fmt: skip
        except EventwireError as exc:
            fail(exc, err)
    columns = ["period", "source", "target", "observed", "expected", "score", "method", "driving_event_ids"]
    print_table(table, format_, columns, title=f"{table.num_rows} alert(s) (method: docs/alerts.md)")
    if table.num_rows == 0:
        from ..analysis.alerts import DEFAULT_HISTORY

        err.print(f"no alerts: a dyad alerts only after {DEFAULT_HISTORY.get(by, 8)} earlier {by}s of its own "
                  f"history, with at least {min_count} conflict events in the period and a score of "
                  f"{threshold:g} or more", highlight=False)  # fmt: skip


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
    from ..analysis.network import write_csv, write_graphml

    err = Console(stderr=True)
    with open_db(db, err) as database:
        try:
            table = database.network(date_from=date_from, date_to=date_to, as_="arrow")
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
    header: Annotated[bool, typer.Option("--header", help="gdelt, gdelt-mentions: a first line of GDELT's column names.")] = False,
    include_statements: Annotated[bool, typer.Option("--include-statements", help="plover: also CAMEO 01 statements (event_type null).")] = False,
    db: Annotated[str, typer.Option("--db")] = DEFAULT_DB,
) -> None:
    """Export the store in formats other tools read: GDELT 2.0 events/mentions, PLOVER JSON, Parquet, CSV, JSONL."""
    from ..export.gdelt import write_gdelt_events, write_gdelt_mentions
    from ..export.parquet import write_parquet, write_table
    from ..export.plover import unmapped_events, write_plover

    err = Console(stderr=True)
    left_out = 0
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
                        n = write_gdelt_events(con, fh, header=header)
                    elif format_ == "gdelt-mentions":
                        n = write_gdelt_mentions(con, fh, header=header)
                    elif format_ == "plover":
                        n = write_plover(con, fh, include_statements=include_statements)
                        left_out = 0 if include_statements else unmapped_events(con)
                    else:
                        n = write_table(con, fh, what=what, format=format_)
                finally:
                    if output:
                        fh.close()
        except EventwireError as exc:
            fail(exc, err)
    err.print(f"exported {n} row(s)" + (f" to {output}" if output else ""), highlight=False)
    if format_ == "plover" and left_out:
        err.print(f"left out {left_out} CAMEO 01 statement(s): PLOVER has no category for them "
                  "(--include-statements writes them with event_type null)", highlight=False)

