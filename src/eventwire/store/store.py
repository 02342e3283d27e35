"""The DuckDB store: one writing process per file, bulk writes through Arrow, filtered reads.

The statements of a write (and the test-only kill points) are in ``writing``; this module opens the
store, runs each batch as one transaction with its merge into events, and reads."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import StoreError
from ..model import Article, ArticleResult, EventMention, Reject
from .columns import (
    ARTICLE_SCHEMA,
    MENTION_SCHEMA,
    REJECT_SCHEMA,
    article_row,
    flatten_mention,
    reject_row,
    utc_now,
)
from .filters import EventFilter, Values
from .merge import DedupStats
from .migrations import LATEST_VERSION, current_version, migrate
from .query import MentionQuery
from .writing import WriteStats, add_stats, kill_point, run, to_arrow, write_registered

_LOCK_PID = re.compile(r"\(PID (\d+)\)")
_LOCK_HOLDER = re.compile(r"lock is held in (.+?) \(PID")
DEFAULT_BATCH_ROWS = 65_536
#: DuckDB settings of a writing store. ``max_vacuum_tasks = 0``: a checkpoint writes the rows a transaction
#: deleted as deletions instead of rewriting ("vacuuming") the row groups that lost them. The merge into events
#: deletes and rewrites rows of ``events`` and ``mentions`` in every batch, and the vacuum's working memory grew
#: with those tables: it set the process's peak (5,000 vs 20,000 articles: 278 vs 366 MB with it, 283 vs 336
#: without; the file 7% larger at 20,000). docs/reliability.md, "Memory".
WRITER_SETTINGS: tuple[tuple[str, str], ...] = (("max_vacuum_tasks", "0"),)


class Store:
    """An eventwire DuckDB database. Open with ``Store.open``; use as a context manager.

    One process may hold a file for writing (DuckDB's file lock); while it does, no other process can
    open the file, not even to read. ``read_only=True`` opens an existing store for reading; many
    processes may do so at once when no writer holds it.

    Error codes (StoreError): E301 the file is locked by another process, E302 cannot be opened,
    E303 a write failed (nothing of that write is kept), E304 schema version mismatch,
    E305 a migration failed, E306 write on a read-only store, E307 the store is closed.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, *, path: str, read_only: bool) -> None:
        self._con: duckdb.DuckDBPyConnection | None = con
        self.path = path
        self.read_only = read_only
        self._batches = 0  # store_batch calls so far (the test-only kill points count them)

    # -- opening and closing ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False, memory_limit: str | None = None) -> Store:
        """Open (and for writing, create or migrate) the store at ``path``; ``":memory:"`` for a throwaway one.

        ``memory_limit`` (e.g. ``"1GB"``) caps DuckDB's memory for this database: the blocks of the store it
        keeps after reading them (about 3.5 MB per 1,000 articles merged, until the store is closed) and the
        work of its queries (which spill to disk beyond it). None: DuckDB's default, 80% of the RAM.
        """
        where = str(path)
        in_memory = where == ":memory:"
        if not in_memory:
            file = Path(path)
            if read_only and not file.exists():
                raise StoreError(f"no store at {where}", code="E302")
            if not read_only:
                file.parent.mkdir(parents=True, exist_ok=True)
        try:
            con = duckdb.connect(where, read_only=read_only)
        except duckdb.IOException as exc:
            raise _open_error(where, read_only, exc) from exc
        except duckdb.Error as exc:
            raise StoreError(f"cannot open {where}: {exc}", code="E302") from exc
        try:
            if memory_limit is not None:
                con.execute("SET memory_limit = ?", [memory_limit]).fetchall()
            if read_only:
                _check_version(con, where)
            else:
                for name, value in WRITER_SETTINGS:
                    con.execute(f"SET {name} = {value}").fetchall()
                migrate(con, path=where)
        except BaseException:
            con.close()
            raise
        return cls(con, path=where, read_only=read_only)

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        state = "closed" if self._con is None else "open"
        return f"<Store {self.path} {mode} {state}>"

    @property
    def schema_version(self) -> int:
        return current_version(self._connection())

    # -- writing ---------------------------------------------------------------------------------------

    def write(
        self,
        articles: Sequence[Article],
        mentions: Sequence[EventMention],
        rejects: Sequence[Reject] = (),
    ) -> WriteStats:
        """Store one batch in one transaction, without merging it into events (``store_batch`` does both;
        ``merge.update_events`` merges what was written this way).

        Articles are upserted by id. Every stored mention of a written article is replaced by the
        batch's mentions (re-coding never duplicates); a mention whose article is not in ``articles``
        replaces a stored mention with the same id. A reject with the (origin, line, item, article id, code)
        of a stored one replaces it; a written article clears the stored rejects of that article (a failure
        of an earlier run, coded now).
        """
        stats, _ = self._transaction(articles, mentions, rejects, merge=False)
        return stats

    def store_batch(self, results: Sequence[ArticleResult], rejects: Sequence[Reject] = ()) -> BatchOutcome:
        """Store a batch of coding results (coded articles, their mentions, every reject) and merge its
        mentions into events, in ONE transaction: a batch is stored with its events or not at all, whatever
        point a run is killed at. The one place where results are written: the CLI, the Python API and
        the HTTP server all store through it.

        An article id that comes twice in the batch keeps its last result (text and mentions alike). When
        the batch cannot be written, its articles are written one by one and an article that cannot be
        written becomes a reject (E506, in ``BatchOutcome.rejected``); when none can, or the rejects alone
        cannot be written, the store is at fault and StoreError is raised.
        """
        latest: dict[str, ArticleResult] = {}
        for result in results:
            if result.coded:
                latest.pop(result.article.id, None)
                latest[result.article.id] = result
        all_rejects = [*rejects, *(x for r in results for x in r.rejects)]
        self._batches += 1
        try:
            stats, merged = self._results_transaction(list(latest.values()), all_rejects)
            return BatchOutcome(stats, merged)
        except (StoreError, ValueError, TypeError) as exc:
            if not latest:
                raise
            first_error = exc
        return self._one_by_one(list(latest.values()), all_rejects, first_error)

    def _results_transaction(self, results: Sequence[ArticleResult], rejects: Sequence[Reject]) -> tuple[WriteStats, DedupStats | None]:
        articles = [r.article for r in results]
        mentions = [m for r in results for m in r.mentions]
        return self._transaction(articles, mentions, rejects, merge=True)

    def _one_by_one(self, results: list[ArticleResult], rejects: list[Reject], error: Exception) -> BatchOutcome:
        from ..isolation import STAGE_CODES, describe

        written = WriteStats(0, 0, 0)
        merged: list[DedupStats] = []
        failed: list[Reject] = []
        for result in results:
            try:
                stats, merge = self._results_transaction([result], ())
            except (StoreError, ValueError, TypeError) as exc:
                article = result.article
                reason = f"store failed: {describe(exc.__cause__ or exc)}"
                failed.append(Reject(article.origin or f"article {article.id}", reason, STAGE_CODES["store"],
                                     article_id=article.id))  # fmt: skip
                continue
            written = add_stats(written, stats)
            if merge is not None:
                merged.append(merge)
        if len(failed) == len(results) > 1:
            raise error  # no article of the batch could be written: the store, not the articles, is at fault
        stats, _ = self._transaction((), (), [*rejects, *failed], merge=False)
        return BatchOutcome(add_stats(written, stats), merged[-1] if merged else None, tuple(failed))

    def _transaction(self, articles: Sequence[Article], mentions: Sequence[EventMention], rejects: Sequence[Reject],
                     *, merge: bool) -> tuple[WriteStats, DedupStats | None]:  # fmt: skip
        if self.read_only:
            raise StoreError(
                f"{self.path} is open read-only; open it for writing to store results", code="E306"
            )
        con = self._connection()
        now = utc_now()

        article_rows = list({a.id: article_row(a, now) for a in articles}.values())
        mention_rows: dict[str, dict[str, Any]] = {}
        for mention in mentions:
            row = flatten_mention(mention, evidence=True)
            mention_rows.setdefault(row["mention_id"], row)
        reject_rows = list(
            {(r.origin, r.line, r.item, r.article_id, r.code): reject_row(r, now) for r in rejects}.values()
        )

        tables = {
            "_ew_articles": to_arrow(article_rows, ARTICLE_SCHEMA, "articles"),
            "_ew_mentions": to_arrow(list(mention_rows.values()), MENTION_SCHEMA, "mentions"),
            "_ew_rejects": to_arrow(reject_rows, REJECT_SCHEMA, "rejects"),
        }
        merged: DedupStats | None = None
        for name, table in tables.items():
            con.register(name, table)
        try:
            kill_point("before-write", self._batches)
            con.begin()
            try:
                replaced, stale = write_registered(
                    con,
                    has_articles=bool(article_rows),
                    has_mentions=bool(mention_rows),
                    has_rejects=bool(reject_rows),
                )
                kill_point("after-write", self._batches)
                if merge and article_rows:
                    from .merge import merge_batch

                    merged = merge_batch(con, [r["id"] for r in article_rows], stale)
                con.commit()
            except duckdb.Error as exc:
                con.rollback()
                raise StoreError(
                    f"writing to {self.path} failed, nothing was kept: {exc}", code="E303"
                ) from exc
            except BaseException:
                con.rollback()
                raise
            kill_point("after-commit", self._batches)
        finally:
            for name in tables:
                con.unregister(name)
        stats = WriteStats(
            articles=len(article_rows),
            mentions=len(mention_rows),
            rejects=len(reject_rows),
            mentions_replaced=replaced,
            duplicate_mentions=len(mentions) - len(mention_rows),
        )
        return stats, merged

    def write_relations(
        self, *, articles: str | None = None, mentions: str | None = None, rejects: str | None = None,
        merge: bool = True,
    ) -> tuple[WriteStats, DedupStats | None]:
        """Store rows that DuckDB reads itself, and merge them into events, in ONE transaction, as
        ``store_batch`` does for coding results: each argument is a SELECT giving that table's columns by
        name (e.g. over ``read_parquet``), so a bulk load never makes a Python object per row. Same rules as
        ``write``; the SELECTs must give an article id, a mention id, a reject key at most once.
        ``merge=False`` leaves the events as they were (``merge.update_events`` merges later).
        """
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only; open it for writing to store results", code="E306")
        con = self._connection()
        sources = {"_ew_articles": articles, "_ew_mentions": mentions, "_ew_rejects": rejects}
        counts: dict[str, int] = {}
        merged: DedupStats | None = None
        try:
            con.begin()
            try:
                for name, select in sources.items():
                    if select is not None:  # read once: the write below scans each table more than once
                        run(con, f"CREATE OR REPLACE TEMP TABLE {name} AS {select}")
                        counts[name] = int(run(con, f"SELECT count(*) FROM {name}")[0][0])
                replaced, stale = write_registered(
                    con,
                    has_articles=counts.get("_ew_articles", 0) > 0,
                    has_mentions=counts.get("_ew_mentions", 0) > 0,
                    has_rejects=counts.get("_ew_rejects", 0) > 0,
                )
                if merge and counts.get("_ew_articles", 0):
                    from .merge import merge_batch

                    ids = [row[0] for row in run(con, "SELECT id FROM _ew_articles")]
                    merged = merge_batch(con, ids, stale)
                con.commit()
            except duckdb.Error as exc:
                con.rollback()
                raise StoreError(f"writing to {self.path} failed, nothing was kept: {exc}", code="E303") from exc
            except BaseException:
                con.rollback()
                raise
        finally:
            for name in sources:
                run(con, f"DROP TABLE IF EXISTS {name}")
        stats = WriteStats(
            articles=counts.get("_ew_articles", 0),
            mentions=counts.get("_ew_mentions", 0),
            rejects=counts.get("_ew_rejects", 0),
            mentions_replaced=replaced,
        )
        return stats, merged

    # -- reading ---------------------------------------------------------------------------------------

    def query_mentions(
        self,
        *,
        actor: Values = None,
        source: Values = None,
        target: Values = None,
        dyad: tuple[str, str] | None = None,
        country: Values = None,
        root: str | int | Sequence[str | int] | None = None,
        cameo: Values = None,
        quad_class: int | Sequence[int] | None = None,
        date_from: date | str | None = None,
        date_to: date | str | None = None,
        include_negated: bool = True,
        limit: int | None = None,
        offset: int = 0,
    ) -> pa.Table:
        """Mentions matching every given filter, as an Arrow table with the ``mentions`` columns, ordered by
        date, article, sentence, trigger. The filters mean what ``EventFilter``'s do (``store.filters``):
        ``country`` is either actor's or the place's, ``include_negated=False`` leaves out negated and
        hypothetical mentions; ``quad_class`` is the filter's ``quad``."""
        where = EventFilter(
            actor=actor, source=source, target=target, dyad=dyad, country=country, root=root,
            cameo=cameo, quad=quad_class, date_from=date_from, date_to=date_to, include_negated=include_negated,
        )  # fmt: skip
        sql, params = MentionQuery(where, limit, offset).to_sql()
        return self._read_table(sql, params)

    def iter_mention_batches(
        self, query: MentionQuery | None = None, *, batch_size: int = DEFAULT_BATCH_ROWS
    ) -> Iterator[pa.RecordBatch]:
        """Like ``query_mentions`` but streamed in Arrow record batches, for exports of any size."""
        sql, params = (query or MentionQuery()).to_sql()
        cursor = self._connection().cursor()
        try:
            yield from cursor.sql(sql, params=params).to_arrow_reader(batch_size)
        finally:
            cursor.close()

    def get_article(self, article_id: str) -> Article | None:
        """The stored article with this id, or None."""
        table = self._read_table(
            "SELECT id, text, date, title, url, source, origin FROM articles WHERE id = ?", [article_id]
        )
        rows = table.to_pylist()
        return Article(**rows[0]) if rows else None

    def counts(self) -> dict[str, int]:
        """Rows per table, e.g. ``{"articles": 3, "mentions": 12, "rejects": 1, "schema_version": 2}``."""
        cursor = self._connection().cursor()
        try:
            names = [
                row[0]
                for row in run(
                    cursor,
                    "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY table_name",
                )
            ]
            counts: dict[str, int] = {}
            for name in names:
                quoted = '"' + name.replace('"', '""') + '"'
                counts[name] = int(run(cursor, f"SELECT count(*) FROM {quoted}")[0][0])
            return counts
        finally:
            cursor.close()

    def rejects(self) -> pa.Table:
        """The ``rejects`` table (origin, line, item, article_id, code, reason, seen_at), ordered by origin,
        line and item."""
        return self._read_table(
            "SELECT origin, line, item, article_id, code, reason, seen_at FROM rejects"
            " ORDER BY origin, line NULLS FIRST, item NULLS FIRST, code",
            [],
        )

    # -- internals -------------------------------------------------------------------------------------

    def connection(self) -> duckdb.DuckDBPyConnection:
        """The open DuckDB connection, for reading the store's tables with SQL (the analysis modules, tests).
        Writes go through ``write``/``store_batch``, which keep the events merged; StoreError E307 when the
        store is closed."""
        return self._connection()

    def _connection(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            raise StoreError(f"the store {self.path} is closed", code="E307")
        return self._con

    def _read_table(self, sql: str, params: list[Any]) -> pa.Table:
        # A cursor per read lets threads share one Store (a DuckDB connection is not thread-safe).
        cursor = self._connection().cursor()
        try:
            return cursor.sql(sql, params=params).to_arrow_table()
        finally:
            cursor.close()


@dataclass(frozen=True, slots=True)
class BatchOutcome:
    """What ``Store.store_batch`` did: the write, the merge into events (None when no article was written),
    and the articles that could not be written (E506 rejects, already stored as rejects)."""

    write: WriteStats
    merge: DedupStats | None = None
    rejected: tuple[Reject, ...] = ()


def _open_error(path: str, read_only: bool, exc: duckdb.Error) -> StoreError:
    message = str(exc)
    pid = _LOCK_PID.search(message)
    if "lock" not in message.lower():
        return StoreError(f"cannot open {path}: {message}", code="E302")
    holder = _LOCK_HOLDER.search(message)
    who = f"process {pid.group(1)}" if pid else "another process"
    program = f" ({holder.group(1)})" if holder else ""
    purpose = "reading" if read_only else "writing"
    return StoreError(
        f"cannot open {path} for {purpose}: the store is locked, held by {who}{program}. "
        "DuckDB lets one process write a store at a time and none read it meanwhile; "
        "wait for that process to finish or stop it, then retry",
        code="E301",
    )


def _check_version(con: duckdb.DuckDBPyConnection, path: str) -> None:
    version = current_version(con)
    if version == LATEST_VERSION:
        return
    if version > LATEST_VERSION:
        raise StoreError(
            f"{path} has schema version {version}, newer than this eventwire supports ({LATEST_VERSION}); "
            "upgrade eventwire",
            code="E304",
        )
    raise StoreError(
        f"{path} has schema version {version}, this eventwire needs {LATEST_VERSION}; "
        "open it once for writing to migrate it",
        code="E304",
    )
