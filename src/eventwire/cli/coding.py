"""Commands that read articles: code, explain, geocode, dates."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any, TextIO

import click
import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..errors import CodingError, EventwireError
from ..model import Article, ArticleResult, EventMention, Reject
from ..settings import Settings
from .common import DEFAULT_DB, FORMATS, STORE_BATCH, TyperOption, app, coder_settings, fail, parse_date
from .inputs import estimate_articles, missing_paths, reject_hint
from .render import CodingSummary, print_coding_summary, print_mentions_table, progress_bar, write_mentions

# ---------------------------------------------------------------------------------------------- code
#: DuckDB's memory in a coding run: its cache of the store grows with what the merges read, so it gets a bound.
STORE_MEMORY = "1GB"
COMMIT_HELP = "Articles per store transaction (a batch with its events); a killed run loses at most these."


@app.command()
def code(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="Files, directories (recursive) or - for stdin.")],
    date_: Annotated[str | None, typer.Option("--date", help="Publication date for inputs that give none.")] = None,
    format_: Annotated[str | None, typer.Option("--format", "-f", help="jsonl | csv | table: print the mentions in this form (default: a summary when the store is written, else jsonl).")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the mentions to this file (jsonl unless --format says otherwise).")] = None,
    db: Annotated[str, typer.Option("--db", help="DuckDB store to write.")] = DEFAULT_DB,
    no_db: Annotated[bool, typer.Option("--no-db", help="Do not write the store.")] = False,
    actors: Annotated[list[Path] | None, typer.Option("--actors", help="Extra actor dictionary (YAML/CSV); repeatable.")] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Processes for parsing.")] = 1,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Articles per parse batch.")] = 64,
    text_column: Annotated[str, typer.Option("--text-column")] = "text",
    id_column: Annotated[str, typer.Option("--id-column")] = "id",
    date_column: Annotated[str, typer.Option("--date-column")] = "date",
    date_format: Annotated[str | None, typer.Option("--date-format", help="strptime format of non-ISO dates in JSON/CSV records, e.g. %d/%m/%Y.")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit non-zero when any input is rejected.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar, summary or warnings (rejects are still reported).")] = False,
    commit_every: Annotated[int, typer.Option("--commit-every", min=1, help=COMMIT_HELP)] = STORE_BATCH,
    no_discards: Annotated[
        bool, typer.Option("--no-discards", help="Code sport and entertainment sentences too (data/discards.yaml).")
    ] = False,
    engine: Annotated[str, typer.Option("--engine", help="local | spark (docs/scale-out.md)")] = "local",
    master: Annotated[str | None, typer.Option("--master", help="Spark master URL (default local[2]).")] = None,
    partitions: Annotated[int | None, typer.Option("--partitions", min=1, help="Spark coding tasks.")] = None,
    out_dir: Annotated[Path | None, typer.Option("--out", help="Spark: Parquet dataset folder to write.")] = None,
    dataset: Annotated[str | None, typer.Option("--dataset", help="Spark: read PATHs as a parquet|jsonl|csv dataset.")] = None,
    typer_on: TyperOption = True,
) -> None:
    """Code articles into event mentions (JSONL contract: docs/contracts.md, fields: docs/fields.md) and store them."""
    from ..pipeline import pipeline_for
    from ..store import Store

    err = Console(stderr=True)
    if format_ is not None and format_ not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    missing = missing_paths(paths)
    if missing:
        err.print(f"[bold red]error[/] no such file or directory: {escape(', '.join(missing))}", highlight=False)
        raise typer.Exit(2)
    # Mentions go to --output, or to stdout when --format asks or there is no store to summarise.
    mentions_format = format_ or ("jsonl" if output is not None or no_db else None)
    default_date = parse_date(date_)
    if engine not in ("local", "spark"):
        raise typer.BadParameter("choose local or spark", param_hint="--engine")
    if engine == "spark":
        from .spark import code_on_spark

        db_given = ctx.get_parameter_source("db") is not click.core.ParameterSource.DEFAULT
        code_on_spark(
            paths, default_date=default_date, format_=format_ or "jsonl", output=output, db=db if db_given and not no_db else None,
            actors=actors, batch_size=batch_size, text_column=text_column, id_column=id_column,
            date_column=date_column, strict=strict, quiet=quiet, master=master, partitions=partitions, out=out_dir,
            dataset=dataset, date_format=date_format, discards=not no_discards, typer_on=typer_on,
        )  # fmt: skip
        return
    settings = replace(coder_settings(actors, workers, batch_size, typer_on=typer_on), discards=not no_discards)
    reader = _ArticleReader(err, quiet=quiet)
    articles = reader.read(
        paths, default_date=default_date, text_column=text_column, id_column=id_column,
        date_column=date_column, date_format=date_format, max_chars=settings.max_article_chars,
    )  # fmt: skip
    run: _CodingRun | None = None
    total = None if quiet else estimate_articles(paths)
    try:
        with atomic_output(output) as out:
            store = None if no_db else Store.open(db, memory_limit=STORE_MEMORY)
            try:
                run = _CodingRun(store, reader, commit_every=commit_every)
                with progress_bar(err, quiet, total=total) as progress:
                    coded = run.mentions(pipeline_for(settings).code(articles), progress, total=total)
                    if mentions_format is None:
                        for _ in coded:  # the store is the output: nothing to print per mention
                            pass
                    else:
                        write_mentions(mentions_format, coded, out)
                run.flush()
                if store is not None:
                    run.store_events = store.connection().execute("SELECT count(*) FROM events").fetchall()[0][0]
            finally:
                if store is not None:
                    store.close()
    except EventwireError as exc:
        fail(exc, err)
    assert run is not None
    if not quiet:
        summary = CodingSummary(
            articles=run.articles, mentions=run.mention_count, rejected=reader.reject_count, failed=run.failed,
            undated=reader.undated, store=None if no_db else db, store_events=run.store_events, output=output,
            discarded=run.discarded,
        )  # fmt: skip
        # The summary is the command's output when nothing else went to stdout; a note on stderr otherwise.
        print_coding_summary(summary, Console() if mentions_format is None else err, table=mentions_format is None)
    if strict and reader.reject_count:
        raise typer.Exit(1)


@contextmanager
def atomic_output(path: Path | None) -> Iterator[TextIO]:
    """Standard output, or a temporary file next to ``path`` that replaces it only when the block ends
    without an error: a failed run leaves ``path`` as it was."""
    if path is None:
        yield sys.stdout
        return
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent or Path("."))
    try:
        with open(handle, "w", encoding="utf-8", newline="") as out:
            yield out
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


class _CodingRun:
    """One `code` run: counts results, reports their rejects, and stores them every ``commit_every`` results
    (each batch and its merge into events in one transaction)."""

    def __init__(self, store: Any, reader: _ArticleReader, *, commit_every: int = STORE_BATCH) -> None:
        self.store = store
        self.reader = reader
        self.commit_every = commit_every
        self.articles = 0
        self.failed = 0
        self.mention_count = 0
        self.discarded = 0  # sentences left uncoded as sport or entertainment
        self.store_events: int | None = None
        self._pending: list[ArticleResult] = []

    def mentions(self, results: Iterator[ArticleResult], progress: Any, *, total: int | None = None) -> Iterator[EventMention]:
        task = progress.add_task("coding", total=total)
        for result in results:
            for reject in result.rejects:
                self.reader.report(reject)
            if result.coded:
                self.articles += 1
                self.mention_count += len(result.mentions)
                self.discarded += result.discarded
            else:
                self.failed += 1
            self._pending.append(result)
            if len(self._pending) >= self.commit_every:
                self.flush()
            done = self.articles + self.failed + self.reader.reading_rejects  # what the estimate counted
            progress.update(task, completed=done, description=f"coding: {self.mention_count} mentions")
            yield from result.mentions

    def flush(self) -> None:
        """Store the results and rejects not stored yet (rejects too when no article is pending)."""
        rejects = self.reader.take_rejects()
        if self.store is not None and (self._pending or rejects):
            outcome = self.store.store_batch(self._pending, rejects)
            for reject in outcome.rejected:  # an article the store could not take (E506)
                self.reader.report(reject)
                self.articles -= 1
                self.failed += 1
        self._pending.clear()


class _ArticleReader:
    """Reads inputs for a command: articles flow on, rejects are printed to stderr and kept until stored."""

    def __init__(self, err: Console, *, quiet: bool) -> None:
        self.err = err
        self.quiet = quiet
        self.reject_count = 0
        self.reading_rejects = 0  # records that could not be read (each counted by the progress estimate)
        self.undated = 0
        self._unstored: list[Reject] = []
        self._hinted: set[str] = set()

    def read(self, paths: list[str], **options: object) -> Iterator[Article]:
        from ..ingest import read_inputs

        for item in read_inputs(paths, stdin=sys.stdin.buffer, **options):  # type: ignore[arg-type]
            if isinstance(item, Reject):
                self.report(item)
                self.reading_rejects += 1
                self._unstored.append(item)
                continue
            if item.date is None:
                self.undated += 1
                if not self.quiet:
                    self.err.print(
                        f"[yellow]warning[/] {item.origin or item.id}: no publication date (use --date)", highlight=False
                    )
            yield item

    def report(self, reject: Reject) -> None:
        """Count ``reject`` and print it to stderr."""
        self.reject_count += 1
        where = reject.origin + (f":{reject.line}" if reject.line and not reject.origin.endswith(f":{reject.line}") else "")
        if reject.item is not None:
            where += f" item {reject.item}"
        self.err.print(f"[yellow]rejected[/] {escape(where)}: {escape(f'[{reject.code}] {reject.reason}')}", highlight=False)
        hint = reject_hint(reject)
        if hint and hint not in self._hinted:  # once per kind of problem, not once per row
            self._hinted.add(hint)
            self.err.print(f"  [dim]hint:[/] {escape(hint)}", highlight=False)

    def take_rejects(self) -> list[Reject]:
        """The reading rejects not handed out yet (to be stored)."""
        taken, self._unstored = self._unstored, []
        return taken


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
    from ..pipeline import Pipeline

    console = Console(width=200)
    try:
        explanations = Pipeline(coder_settings(actors, typer_on=typer_on)).explain(sentence, date=parse_date(date_))
    except EventwireError as exc:
        fail(exc, Console(stderr=True))
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
            console.print(f"discarded: {escape(ex.discarded_by)}", highlight=False)
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
            print_mentions_table(list(ex.mentions), len(ex.mentions), console)
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


# ------------------------------------------------------------------------------------------- geocode
@app.command()
def geocode(
    paths: Annotated[list[str], typer.Argument(help="Files, directories (recursive) or - for stdin.")],
    date_: Annotated[str | None, typer.Option("--date", help="Publication date for inputs that give none.")] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Articles per parse batch.")] = 64,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No warnings for undated articles.")] = False,
    unresolved: Annotated[bool, typer.Option(
        "--unresolved", help="Also named sites the gazetteer lacks (streets, squares, buildings), "
        "at the point of the place the text puts them in or without a point; evidence 'unresolved'.")] = False,
) -> None:
    """Print every place named in the articles, one JSON line each:
    {article_id, text, start, end, name, country, admin1, lat, lon, feature}."""
    from ..geo import GeoParser

    geo = GeoParser()
    # "Moscow said": a government, not a place
    _print_per_article(paths, date_, batch_size, quiet,
                       lambda doc, article: [t.to_dict(article.id) for t in geo.toponyms(doc, unresolved=unresolved)
                                             if not t.metonymic],
                       "places")


# --------------------------------------------------------------------------------------------- dates
@app.command()
def dates(
    paths: Annotated[list[str], typer.Argument(help="Files, directories (recursive) or - for stdin.")],
    date_: Annotated[str | None, typer.Option("--date", help="Publication date for inputs that give none.")] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Articles per parse batch.")] = 64,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No warnings for undated articles.")] = False,
) -> None:
    """Print every temporal expression, one JSON line each: {article_id, text, start, end, type, value}."""
    from ..timex import TimexTagger

    tagger = TimexTagger()
    _print_per_article(paths, date_, batch_size, quiet,
                       lambda doc, article: [t.to_dict(article.id) for t in tagger.find(doc, article.date)], "dates")


def _print_per_article(paths: list[str], date_: str | None, batch_size: int, quiet: bool,
                       lines: Callable[[Any, Article], list[dict]], stage_name: str) -> None:
    """Read the inputs, parse them in batches, and print ``lines(doc, article)`` as JSON lines. An article
    that fails (to parse, or in ``lines``) is a reject on stderr, as in ``code``; the others are printed."""
    from ..isolation import stage
    from ..pipeline import pipeline_for
    from ..runner import batches

    err = Console(stderr=True)
    settings = Settings(batch_size=batch_size)
    reader = _ArticleReader(err, quiet=quiet)
    articles = reader.read(paths, default_date=parse_date(date_), max_chars=settings.max_article_chars)
    try:
        pipeline = pipeline_for(settings)
        for batch in batches(articles, settings.batch_size):
            for article, doc in zip(batch, pipeline.parse_many([a.text for a in batch]), strict=True):
                try:
                    if isinstance(doc, CodingError):
                        raise doc
                    with stage(stage_name):
                        found = lines(doc, article)
                except CodingError as exc:
                    reader.report(Reject(article.origin or article.id, exc.message, exc.code, article_id=article.id))
                    continue
                for line in found:
                    print(json.dumps(line, ensure_ascii=False))
    except EventwireError as exc:
        fail(exc, err)
