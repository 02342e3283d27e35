"""``eventwire code --engine spark``: code on Spark, write the Parquet dataset, load the store if asked."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from ..errors import EventwireError
from ..model import EventMention
from .common import coder_settings, fail
from .render import write_mentions

#: Rejects printed to stderr after a Spark run; the rest are in OUT/rejects.
SHOWN_REJECTS = 20
DEFAULT_OUT = Path("eventwire-parquet")


def code_on_spark(
    paths: list[str],
    *,
    default_date: date | None,
    format_: str,
    output: Path | None,
    db: str | None,
    actors: list[Path] | None,
    batch_size: int,
    text_column: str,
    id_column: str,
    date_column: str,
    strict: bool,
    quiet: bool,
    master: str | None,
    partitions: int | None,
    out: Path | None,
    dataset: str | None,
    date_format: str | None = None,
    discards: bool = True,
    typer_on: bool = True,
) -> None:
    """Code ``paths`` with Spark into the Parquet dataset ``out`` (a temporary one when only ``db`` is
    wanted), then load it into the store ``db`` when given, and write its mentions to ``output`` when given."""
    from ..distributed import DEFAULT_MASTER, code_with_spark, load_dataset, spark_session
    from ..ingest.records import ReadOptions
    from ..store import Store

    err = Console(stderr=True)
    settings = replace(coder_settings(actors, 1, batch_size, typer_on=typer_on), discards=discards)
    options = ReadOptions(
        default_date=default_date, text_column=text_column, id_column=id_column, date_column=date_column,
        max_chars=settings.max_article_chars, date_format=date_format,
    )  # fmt: skip
    scratch = Path(tempfile.mkdtemp(prefix="eventwire-spark-")) if out is None and db is not None else None
    folder = out or scratch or DEFAULT_OUT
    master = master or DEFAULT_MASTER
    try:
        if not quiet:
            err.print(f"coding on Spark ({escape(master)}) into {escape(str(folder))}", highlight=False)
        with spark_session(master) as spark:
            stats = code_with_spark(spark, paths, out=folder, settings=settings, options=options,
                                    dataset=dataset, partitions=partitions)  # fmt: skip
        if not quiet:
            _show_rejects(folder, stats.rejects, err)
        loaded = None
        if db is not None:
            with Store.open(db) as store:
                loaded = load_dataset(store, folder)
        if output is not None:
            with output.open("w", encoding="utf-8", newline="") as fh:
                write_mentions(format_, _dataset_mentions(folder), fh)
    except EventwireError as exc:
        fail(exc, err)
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
    if not quiet:
        where = f" into {db}" if db else ""
        kept = "" if scratch else f"; Parquet in {folder}"
        events = f", {loaded.events} event(s) in the store" if loaded else ""
        err.print(
            f"coded {stats.articles} article(s){where}: {stats.mentions} mention(s), {stats.rejects} rejected"
            f"{events} ({stats.partitions} partitions, {stats.seconds:.1f} s){kept}",
            highlight=False,
        )
    if strict and stats.rejects:
        raise typer.Exit(1)


def _dataset_mentions(folder: Path) -> Iterator[EventMention]:
    """The dataset's mentions in article order (article, sentence, trigger), streamed from DuckDB."""
    import duckdb

    from ..store import mention_from_row

    glob = str(folder.resolve() / "mentions" / "**" / "*.parquet").replace("'", "''")
    if not any((folder / "mentions").rglob("*.parquet")):
        return
    con = duckdb.connect()
    try:
        reader = con.sql(
            f"SELECT * FROM read_parquet('{glob}', hive_partitioning = true, hive_types = {{'event_date': DATE}})"
            " ORDER BY article_id, sentence_index, trigger_start, mention_id"
        ).to_arrow_reader(4096)
        for batch in reader:
            for row in batch.to_pylist():
                yield mention_from_row(row)
    finally:
        con.close()


def _show_rejects(folder: Path, total: int, err: Console) -> None:
    """Print the first rejects of the run (all of them are in ``folder``/rejects)."""
    if not total:
        return
    import duckdb

    glob = str(folder.resolve() / "rejects" / "*.parquet").replace("'", "''")
    with duckdb.connect() as con:
        rows = con.execute(
            f"SELECT origin, line, item, code, reason FROM read_parquet('{glob}')"
            f" ORDER BY origin, line NULLS FIRST, item NULLS FIRST, code LIMIT {SHOWN_REJECTS}"
        ).fetchall()
    for origin, line, item, code, reason in rows:
        where = origin + (f":{line}" if line and not origin.endswith(f":{line}") else "")
        where += f" item {item}" if item is not None else ""
        err.print(f"[yellow]rejected[/] {escape(where)}: {escape(f'[{code}] {reason}')}", highlight=False)
    if total > len(rows):
        err.print(f"... and {total - len(rows)} more in {escape(str(folder / 'rejects'))}", highlight=False)
