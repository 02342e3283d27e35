"""The command line. The only module that prints or exits; everything else raises."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .errors import EventwireError
from .model import ActorRef, Article, EventMention, Reject
from .settings import Settings

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="eventwire: dated news articles in, explained CAMEO/PLOVER political events out.",
)

FORMATS = ("jsonl", "csv", "table")
TABLE_ROWS = 200  # a table is for reading; longer runs should use jsonl/csv
DEFAULT_DB = "eventwire.duckdb"
STORE_BATCH = 256  # articles per store transaction


def _parse_date(value: str | None, what: str = "--date") -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=what) from None


def _settings(actors: list[Path] | None, workers: int = 1, batch_size: int = 64, *, typer_on: bool = True) -> Settings:
    return Settings(actor_files=tuple(actors or ()), workers=workers, batch_size=batch_size, typer=typer_on)


# --typer/--no-typer on code, explain and eval: the learned event typer (eventwire.learned) after the rules.
TyperOption = Annotated[bool, typer.Option(
    "--typer/--no-typer", help="Let the learned event typer propose a root where the rules code nothing.")]


def _fail(err: EventwireError, console: Console) -> None:
    console.print(f"[bold red]error[/] {escape(str(err))}", highlight=False)
    raise typer.Exit(2)


# ---------------------------------------------------------------------------------------------- code
@app.command()
def code(
    paths: Annotated[list[str], typer.Argument(help="Files, directories (recursive) or - for stdin.")],
    date_: Annotated[str | None, typer.Option("--date", help="Publication date for inputs that give none.")] = None,
    format_: Annotated[str, typer.Option("--format", "-f", help="jsonl | csv | table")] = "jsonl",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write mentions here (default stdout).")] = None,
    db: Annotated[str, typer.Option("--db", help="DuckDB store to write.")] = DEFAULT_DB,
    no_db: Annotated[bool, typer.Option("--no-db", help="Do not write the store.")] = False,
    actors: Annotated[list[Path] | None, typer.Option("--actors", help="Extra actor dictionary (YAML/CSV); repeatable.")] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Processes for parsing.")] = 1,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Articles per parse batch.")] = 64,
    text_column: Annotated[str, typer.Option("--text-column")] = "text",
    id_column: Annotated[str, typer.Option("--id-column")] = "id",
    date_column: Annotated[str, typer.Option("--date-column")] = "date",
    strict: Annotated[bool, typer.Option("--strict", help="Exit non-zero when any input is rejected.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
    typer_on: TyperOption = True,
) -> None:
    """Code articles into event mentions (JSONL contract in DESIGN.md) and store them."""
    from .pipeline import Pipeline
    from .store import Store

    err = Console(stderr=True)
    if format_ not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    default_date = _parse_date(date_)
    settings = _settings(actors, workers, batch_size, typer_on=typer_on)
    reader = _ArticleReader(err, quiet=quiet)
    articles = reader.read(
        paths, default_date=default_date, text_column=text_column, id_column=id_column,
        date_column=date_column, max_chars=settings.max_article_chars,
    )  # fmt: skip
    rejects = reader.rejects

    out: TextIO = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    store = None
    counts = {"articles": 0, "mentions": 0}
    try:
        pipeline = Pipeline(settings)
        store = None if no_db else Store.open(db)

        def mentions() -> Iterator[EventMention]:
            batch_articles: list[Article] = []
            batch_mentions: list[EventMention] = []
            stored_rejects = 0
            with _progress(err, quiet) as progress:
                task = progress.add_task("coding", total=None)
                for result in pipeline.code(articles):
                    counts["articles"] += 1
                    counts["mentions"] += len(result.mentions)
                    batch_articles.append(result.article)
                    batch_mentions.extend(result.mentions)
                    if len(batch_articles) >= STORE_BATCH:
                        stored_rejects = _flush(store, batch_articles, batch_mentions, rejects, stored_rejects)
                    progress.update(task, advance=1, description=f"coding: {counts['mentions']} mentions")
                    yield from result.mentions
            _flush(store, batch_articles, batch_mentions, rejects, stored_rejects)

        _write_mentions(format_, mentions(), out)
    except EventwireError as exc:
        _fail(exc, err)
    finally:
        if store is not None:
            store.close()
        if output:
            out.close()
    n_articles, n_mentions = counts["articles"], counts["mentions"]
    if not quiet:
        where = "" if no_db else f" into {db}"
        err.print(
            f"coded {n_articles} article(s){where}: {n_mentions} mention(s), {len(rejects)} rejected"
            + (f", {reader.undated} without a date" if reader.undated else ""),
            highlight=False,
        )
    if strict and rejects:
        raise typer.Exit(1)


class _ArticleReader:
    """Reads inputs for a command: articles flow on, rejects are printed to stderr and kept."""

    def __init__(self, err: Console, *, quiet: bool) -> None:
        self.err = err
        self.quiet = quiet
        self.rejects: list[Reject] = []
        self.undated = 0

    def read(self, paths: list[str], **options: object) -> Iterator[Article]:
        from .ingest import read_inputs

        for item in read_inputs(paths, stdin=sys.stdin.buffer, **options):  # type: ignore[arg-type]
            if isinstance(item, Reject):
                self.rejects.append(item)
                where = item.origin + (f":{item.line}" if item.line and not item.origin.endswith(f":{item.line}") else "")
                self.err.print(f"[yellow]rejected[/] {escape(where)}: {escape(f'[{item.code}] {item.reason}')}", highlight=False)
                continue
            if item.date is None:
                self.undated += 1
                if not self.quiet:
                    self.err.print(
                        f"[yellow]warning[/] {item.origin or item.id}: no publication date (use --date)", highlight=False
                    )
            yield item


def _flush(store, articles: list[Article], mentions: list[EventMention], rejects: list[Reject], stored: int) -> int:
    if store is not None and (articles or len(rejects) > stored):
        store.write(articles, mentions, rejects[stored:])
        if articles:
            from .analysis.dedup import update_events

            # Incremental: only the events these articles' mentions can join are recomputed.
            update_events(store.connection(), [a.id for a in articles])
    articles.clear()
    mentions.clear()
    return len(rejects)


def _progress(console: Console, quiet: bool):
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed} articles"),
        TimeElapsedColumn(), console=console, transient=True, disable=quiet or not console.is_terminal,
    )  # fmt: skip


def _write_mentions(format_: str, mentions: Iterator[EventMention], out: TextIO) -> None:
    """Stream mentions as JSONL or CSV; for a table keep the first rows and count the rest."""
    from .export import write_csv, write_jsonl

    if format_ == "jsonl":
        write_jsonl(mentions, out)
    elif format_ == "csv":
        write_csv(mentions, out)
    else:
        rows: list[EventMention] = []
        total = 0
        for m in mentions:
            total += 1
            if len(rows) < TABLE_ROWS:
                rows.append(m)
        _print_mentions_table(rows, total, Console(file=out, width=220))
    out.flush()


def _actor_cell(actor: ActorRef | None) -> str:
    return f"{actor.code} [dim]{escape(actor.text)}[/]" if actor else "[dim]-[/]"


def _print_mentions_table(mentions: list[EventMention], total: int, console: Console) -> None:
    table = Table(title=f"{total} event mention(s)", title_justify="left", show_edge=False, pad_edge=False)
    table.add_column("date", no_wrap=True)
    table.add_column("source", max_width=30)
    table.add_column("event", max_width=34)
    table.add_column("target", max_width=30)
    table.add_column("where", max_width=24)
    table.add_column("flags", max_width=16)
    table.add_column("evidence", max_width=70)
    for m in mentions:
        flags = " ".join(f for f, on in (("neg", m.negated), ("hyp", m.hypothetical)) if on)
        if m.attributed_to:
            flags += f" per {m.attributed_to.code}"
        table.add_row(
            m.event_date.isoformat() if m.event_date else "?", _actor_cell(m.source),
            f"[bold]{m.cameo}[/] {escape(m.cameo_name)}", _actor_cell(m.target), _place_cell(m), flags.strip(),
            _evidence(m),
        )  # fmt: skip
    console.print(table)
    if total > len(mentions):
        console.print(f"... {total - len(mentions)} more; use --format jsonl or csv for all of them")


def _place_cell(m: EventMention) -> str:
    if m.location is None:
        return "[dim]-[/]"
    place = escape(m.location.name) + (f" [dim]{m.location.country}[/]" if m.location.country else "")
    return place if m.location.basis == "attached" else f"[dim]({place})[/]"


def _evidence(m: EventMention, context: int = 30) -> str:
    """The words around the trigger, with the trigger in bold."""
    start = m.trigger.start - m.sentence_start
    end = m.trigger.end - m.sentence_start
    if not (0 <= start < end <= len(m.sentence)):
        return escape(" ".join(m.sentence.split())[: 2 * context])
    left = " ".join(m.sentence[max(0, start - context) : start].split())
    right = " ".join(m.sentence[end : end + context].split())
    return f"…{escape(left)} [bold]{escape(m.trigger.text)}[/] {escape(right)}…"


# -------------------------------------------------------------------------------------------- events
@app.command()
def events(
    db: Annotated[str, typer.Option("--db", help="DuckDB store to read.")] = DEFAULT_DB,
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
    from .export import write_csv_table, write_jsonl_table
    from .store import Store

    err = Console(stderr=True)
    if not Path(db).exists():
        err.print(f"[bold red]error[/] no store at {db}: run `eventwire code ... --db {db}` first", highlight=False)
        raise typer.Exit(2)
    try:
        with Store.open(db, read_only=True) as store:
            table = store.query_mentions(
                actor=actor, source=source, target=target, dyad=dyad, country=country, root=root,
                quad_class=quad, date_from=_parse_date(date_from, "--from"), date_to=_parse_date(date_to, "--to"),
                limit=limit if format_ != "table" else (limit or TABLE_ROWS),
            )  # fmt: skip
    except EventwireError as exc:
        _fail(exc, err)
    if format_ == "jsonl":
        write_jsonl_table(table, sys.stdout)
    elif format_ == "csv":
        write_csv_table(table, sys.stdout)
    elif format_ == "table":
        from .store import mention_from_row

        rows = [mention_from_row(r) for r in table.to_pylist()]
        _print_mentions_table(rows, len(rows), Console(width=200))
    else:
        raise typer.BadParameter("choose table, jsonl or csv", param_hint="--format")


# ------------------------------------------------------------------------------------------- explain
@app.command()
def explain(
    sentence: Annotated[str, typer.Argument(help="The text to explain (one or more sentences).")],
    date_: Annotated[str | None, typer.Option("--date", help="Publication date (for date-bounded actors).")] = None,
    actors: Annotated[list[Path] | None, typer.Option("--actors")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    typer_on: TyperOption = True,
) -> None:
    """Show the parse, every actor match and its dictionary entry, the patterns tried, the learned typer's
    top classes and the mentions."""
    from .pipeline import Pipeline

    console = Console(width=200)
    try:
        explanations = Pipeline(_settings(actors, typer_on=typer_on)).explain(sentence, date=_parse_date(date_))
    except EventwireError as exc:
        _fail(exc, Console(stderr=True))
    if as_json:
        print(json.dumps([_explanation_dict(e) for e in explanations], ensure_ascii=False, indent=2))
        return
    for ex in explanations:
        console.rule(f"sentence {ex.index}")
        console.print(escape(ex.text), highlight=False)
        parse = Table(title="parse", show_edge=False)
        for col in ("i", "token", "lemma", "pos", "dep", "head"):
            parse.add_column(col)
        for i, text, lemma, pos, dep, head in ex.tokens:
            parse.add_row(str(i), text, lemma, pos, dep, str(head))
        console.print(parse)
        actors_table = Table(title="actors", show_edge=False)
        for col in ("tokens", "text", "code", "kind", "dictionary entry"):
            actors_table.add_column(col)
        for m in ex.actors:
            words = " ".join(t[1] for t in ex.tokens if m.start <= t[0] < m.end)
            actors_table.add_row(f"{m.start}-{m.end}", words, m.code, m.kind, str(m.entry))
        console.print(actors_table if ex.actors else "actors: none")
        if ex.discarded_by:
            console.print(f"discarded: the sentence contains {ex.discarded_by!r} (data/discards.yaml)")
        for step in ex.steps:
            console.print(f"[bold]{step.kind} {escape(repr(step.text))}[/] (token {step.token})", highlight=False)
            for tried in step.tried:
                console.print(f"    tried {escape(tried)}", highlight=False)
            console.print(f"    => {escape(step.outcome)}", highlight=False)
        for note in ex.notes:
            scores = ", ".join(f"{label} {p:.2f}" for label, p in note.scores)
            console.print(f"[bold]{note.component}[/] top classes: {scores}", highlight=False)
            console.print(f"    => {escape(note.decision)}", highlight=False)
        if ex.mentions:
            _print_mentions_table(list(ex.mentions), len(ex.mentions), console)
            for m in ex.mentions:
                console.print(f"  {m.cameo} from rule: {escape(m.rule or '')}", highlight=False)
                when = f"{m.event_date} ({m.date_basis})" if m.event_date else "unknown"
                where = f"{m.location.name}, {m.location.country} ({m.location.basis})" if m.location else "unknown"
                console.print(f"      when: {escape(when)}   where: {escape(where)}", highlight=False)
        else:
            console.print("mentions: none")


def _explanation_dict(ex) -> dict:
    return {
        "index": ex.index,
        "text": ex.text,
        "tokens": [dict(zip(("i", "text", "lemma", "pos", "dep", "head"), t, strict=True)) for t in ex.tokens],
        "actors": [
            {"start": m.start, "end": m.end, "code": m.code, "kind": m.kind, "entry": m.entry} for m in ex.actors
        ],
        "steps": [{"token": s.token, "text": s.text, "kind": s.kind, "tried": s.tried, "outcome": s.outcome} for s in ex.steps],
        "discarded_by": ex.discarded_by,
        "mentions": [dict(m.to_dict(), rule=m.rule) for m in ex.mentions],
        "components": [
            {"component": n.component, "scores": [{"label": label, "p": round(p, 4)} for label, p in n.scores],
             "decision": n.decision}
            for n in ex.notes
        ],
    }


# ---------------------------------------------------------------------------------------------- eval
@app.command(name="eval")
def eval_(
    gold: Annotated[Path, typer.Argument(help="Gold file (JSONL, see docs/gold-format.md).")],
    errors: Annotated[bool, typer.Option("--errors", help="List every miss, false alarm and wrong code.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    actors: Annotated[list[Path] | None, typer.Option("--actors")] = None,
    match: Annotated[str, typer.Option("--match", help="strict (root, source and target at country/sector level; "
                                       "the default) | loose (both sides at country level) | anchored (one side)")] = "strict",
    typer_on: TyperOption = True,
) -> None:
    """Score the coder against a gold file: detection P/R/F1, root/code/actor accuracy, confusion by root."""
    from .evaluate import evaluate_file
    from .pipeline import code_text

    settings = _settings(actors, typer_on=typer_on)
    _run_eval(
        lambda: evaluate_file(gold, lambda text, when: code_text(text, date=when, settings=settings), matching=match),
        as_json=as_json, errors=errors,
    )  # fmt: skip


# ------------------------------------------------------------------------------------------- geocode
@app.command()
def geocode(
    paths: Annotated[list[str], typer.Argument(help="Files, directories (recursive) or - for stdin.")],
    date_: Annotated[str | None, typer.Option("--date", help="Publication date for inputs that give none.")] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Articles per parse batch.")] = 64,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No warnings for undated articles.")] = False,
) -> None:
    """Print every place named in the articles, one JSON line each:
    {article_id, text, start, end, name, country, admin1, lat, lon, feature}."""
    from .geo import GeoParser

    geo = GeoParser()
    # "Moscow said": a government, not a place
    _print_per_article(paths, date_, batch_size, quiet,
                       lambda doc, article: [t.to_dict(article.id) for t in geo.toponyms(doc) if not t.metonymic])


@app.command(name="eval-geo")
def eval_geo(
    gold: Annotated[Path, typer.Argument(help="Gold file (JSONL, see docs/geo-gold-format.md).")],
    errors: Annotated[bool, typer.Option("--errors", help="List every miss, false alarm and far or wrong place.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Score the geoparser: detection P/R/F1, accuracy within 161 km, median error, country accuracy."""
    from .evaluate.geo import evaluate_geo_file
    from .geo import GeoParser
    from .nlp import load_nlp

    geo = GeoParser()
    model = Settings().model  # load_nlp is cached: the pipeline loads once, inside _run_eval's error handling
    _run_eval(
        lambda: evaluate_geo_file(
            gold, lambda text, when: [t for t in geo.toponyms(load_nlp(model)(text)) if not t.metonymic]
        ),
        as_json=as_json, errors=errors,
    )  # fmt: skip


# ------------------------------------------------------------------------------- events: analysis
def _open_db(db: str, err: Console):
    from .database import open as open_db

    if not Path(db).exists():
        err.print(f"[bold red]error[/] no store at {escape(db)}: run `eventwire code ... --db {escape(db)}` first")
        raise typer.Exit(2)
    return open_db(db)


def _print_table(table, fmt: str, columns: list[str] | None = None, title: str | None = None) -> None:
    """An Arrow table as a Rich table, CSV or JSONL."""
    rows = table.to_pylist()
    if fmt == "jsonl":
        for row in rows:
            print(json.dumps(row, ensure_ascii=False, default=str))
        return
    columns = columns or table.column_names
    if fmt == "csv":
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([["" if r.get(c) is None else r.get(c) for c in columns] for r in rows])
        return
    out = Table(title=title, title_justify="left", show_edge=False)
    for c in columns:
        out.add_column(c, overflow="fold", max_width=60)
    for r in rows:
        out.add_row(*[escape(_cell(r.get(c))) for c in columns])
    Console(width=200).print(out)


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, list):
        return ", ".join(map(str, value[:5])) + (f" (+{len(value) - 5})" if len(value) > 5 else "")
    return str(value)


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
    from .analysis.alerts import alerts as find_alerts
    from .analysis.series import dyad_series, plot_dyad_series

    err = Console(stderr=True)
    with _open_db(db, err) as database:
        con = database.store.connection()
        try:
            table = dyad_series(con, a, b, by=by, date_from=date_from, date_to=date_to)
            if plot is not None:
                marks = find_alerts(con, dyad=(a, b), by=by, date_from=date_from, date_to=date_to)
                plot_dyad_series(table, plot, title=f"{a} - {b} (by {by})", labels=(a, b), alerts=marks)
        except EventwireError as exc:
            _fail(exc, err)
    columns = ["period", "direction", "events", "mentions", "quad1", "quad2", "quad3", "quad4", "goldstein_sum", "goldstein_mean"]
    _print_table(table, format_, columns, title=f"{a} - {b} by {by}")
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
    from .analysis.alerts import alerts as find_alerts

    err = Console(stderr=True)
    with _open_db(db, err) as database:
        try:
            table = find_alerts(database.store.connection(), dyad=dyad_, by=by, date_from=date_from,
                                date_to=date_to, threshold=threshold, min_count=min_count)
        except EventwireError as exc:
            _fail(exc, err)
    columns = ["period", "source", "target", "observed", "expected", "score", "method", "driving_event_ids"]
    _print_table(table, format_, columns, title=f"{table.num_rows} alert(s) (method: docs/alerts.md)")


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
    from .analysis.timeline import timeline as events_in_order

    err = Console(stderr=True)
    with _open_db(db, err) as database:
        try:
            table = events_in_order(database.store.connection(), actor=actor, dyad=dyad_, date_from=date_from,
                                    date_to=date_to, limit=limit)
        except EventwireError as exc:
            _fail(exc, err)
    if format_ != "table":
        _print_table(table, format_)
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
    from .analysis.network import edges, write_csv, write_graphml

    err = Console(stderr=True)
    with _open_db(db, err) as database:
        try:
            table = edges(database.store.connection(), date_from=date_from, date_to=date_to)
        except EventwireError as exc:
            _fail(exc, err)
    if csv_path is not None:
        write_csv(table, csv_path)
        err.print(f"wrote {csv_path}", highlight=False)
    if graphml is not None:
        write_graphml(table, graphml)
        err.print(f"wrote {graphml}", highlight=False)
    shown = table.sort_by([("events", "descending")]).slice(0, top)
    _print_table(shown, "table", ["source", "target", "events", "mentions", "goldstein_mean"], title=f"{table.num_rows} edge(s)")


EXPORT_FORMATS = ("gdelt", "gdelt-mentions", "plover", "parquet", "csv", "jsonl")


@app.command()
def export(
    format_: Annotated[str, typer.Option("--format", "-f", help="gdelt | gdelt-mentions | plover | parquet | csv | jsonl")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (required for parquet).")] = None,
    what: Annotated[str, typer.Option("--what", help="events | mentions (parquet, csv, jsonl)")] = "events",
    db: Annotated[str, typer.Option("--db")] = DEFAULT_DB,
) -> None:
    """Export the store in formats other tools read: GDELT 2.0 events/mentions, PLOVER JSON, Parquet, CSV, JSONL."""
    from .export.gdelt import write_gdelt_events, write_gdelt_mentions
    from .export.parquet import write_parquet, write_table
    from .export.plover import write_plover

    err = Console(stderr=True)
    if format_ not in EXPORT_FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(EXPORT_FORMATS)}", param_hint="--format")
    if format_ == "parquet" and output is None:
        raise typer.BadParameter("parquet needs --output FILE", param_hint="--output")
    with _open_db(db, err) as database:
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
            _fail(exc, err)
    err.print(f"exported {n} row(s)" + (f" to {output}" if output else ""), highlight=False)


# --------------------------------------------------------------------------------------------- dates
@app.command()
def dates(
    paths: Annotated[list[str], typer.Argument(help="Files, directories (recursive) or - for stdin.")],
    date_: Annotated[str | None, typer.Option("--date", help="Publication date for inputs that give none.")] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Articles per parse batch.")] = 64,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No warnings for undated articles.")] = False,
) -> None:
    """Print every temporal expression, one JSON line each: {article_id, text, start, end, type, value}."""
    from .timex import TimexTagger

    tagger = TimexTagger()
    _print_per_article(paths, date_, batch_size, quiet,
                       lambda doc, article: [t.to_dict(article.id) for t in tagger.find(doc, article.date)])


def _print_per_article(paths: list[str], date_: str | None, batch_size: int, quiet: bool,
                       lines: Callable[[Any, Article], list[dict]]) -> None:
    """Read the inputs, parse them in batches, and print ``lines(doc, article)`` as JSON lines."""
    from .nlp import load_nlp

    err = Console(stderr=True)
    settings = Settings(batch_size=batch_size)
    reader = _ArticleReader(err, quiet=quiet)
    articles = reader.read(paths, default_date=_parse_date(date_), max_chars=settings.max_article_chars)
    try:
        nlp = load_nlp(settings.model)
        pairs = ((a.text, a) for a in articles)
        for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=settings.batch_size):
            for line in lines(doc, article):
                print(json.dumps(line, ensure_ascii=False))
    except EventwireError as exc:
        _fail(exc, err)


def _run_eval(evaluate: Callable[[], Any], *, as_json: bool, errors: bool) -> None:
    """Run an evaluation and print its report; a library error becomes a message and exit code 2."""
    try:
        report = evaluate()
    except EventwireError as exc:
        _fail(exc, Console(stderr=True))
    _print_report(report, as_json=as_json, errors=errors)


def _print_report(report: Any, *, as_json: bool, errors: bool) -> None:
    """An evaluation report as JSON, or as text tables followed by the error list if asked."""
    if as_json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    print(report.format_text())
    if errors:
        print(report.format_errors())


@app.command(name="eval-dates")
def eval_dates(
    gold: Annotated[Path, typer.Argument(help="Gold file (JSONL, see docs/timex-gold-format.md).")],
    errors: Annotated[bool, typer.Option("--errors", help="List every miss, false alarm and wrong value.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Score the temporal tagger: strict/relaxed detection F1 and value accuracy, by DATE/TIME and DURATION/SET."""
    from .evaluate.timex import evaluate_timex_file
    from .nlp import load_nlp
    from .timex import TimexTagger

    tagger = TimexTagger()
    model = Settings().model
    _run_eval(lambda: evaluate_timex_file(gold, lambda text, when: tagger.find(load_nlp(model)(text), when)),
              as_json=as_json, errors=errors)


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
) -> None:
    """Serve the HTTP API (/v1, OpenAPI at /docs) and the dashboard (/). Holds the store for writing.

    EVENTWIRE_TOKEN makes POST endpoints require `Authorization: Bearer <token>`; EVENTWIRE_CORS_ORIGINS
    (comma-separated) allows browser origins; EVENTWIRE_MAX_BODY caps request bodies (bytes).
    """
    import uvicorn

    from .api import ApiSettings, create_app
    from .store import Store

    err = Console(stderr=True)
    try:
        settings = ApiSettings.from_env(
            db, coder=_settings(actors), cache_entries=cache_entries, preload_model=preload,
            cors_origins=tuple(cors_origin) if cors_origin else None,
        )  # fmt: skip
        store = Store.open(db)  # fail here, clearly, when another process holds the store
    except EventwireError as exc:
        _fail(exc, err)
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"[yellow]warning[/] listening on {escape(host)}: the API is reachable from other machines", highlight=False)
    if settings.token is None:
        err.print("[dim]EVENTWIRE_TOKEN is not set: POST endpoints are open to anyone who can reach the server[/]")
    try:
        uvicorn.run(create_app(settings=settings, store=store), host=host, port=port, log_level=log_level)
    finally:
        store.close()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
