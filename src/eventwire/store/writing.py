"""The statements of one store write (articles, mentions, rejects from registered relations), the write's
counts, and the test-only kill points; ``store.Store`` runs them inside its transactions."""

from __future__ import annotations

import dataclasses
import os
import signal
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import StoreError
from .merge import delete_replaced, note_replaced

#: Test-only: ``EVENTWIRE_KILL_AT=<point>:<n>`` makes the process SIGKILL itself at that point of the n-th
#: ``store_batch`` call (points: before-write, after-write = inside the transaction, before the merge,
#: after-commit). The kill-and-resume tests use it to stop a run where a crash or power loss could.
KILL_ENV = "EVENTWIRE_KILL_AT"


@dataclass(frozen=True, slots=True)
class WriteStats:
    """What one ``Store.write`` did.

    ``mentions_replaced``: stored mentions deleted because their article was re-coded (or the same
    mention id was written again). ``duplicate_mentions``: mentions of the batch with the identity of an
    earlier one in the same batch (same article, sentence, trigger, CAMEO code and actor codes), stored once.
    """

    articles: int
    mentions: int
    rejects: int
    mentions_replaced: int = 0
    duplicate_mentions: int = 0


def write_registered(
    con: duckdb.DuckDBPyConnection, *, has_articles: bool, has_mentions: bool, has_rejects: bool
) -> tuple[int, list[str]]:
    """Run the batch's statements; (mentions replaced, events that lost mentions by it)."""
    replaced = 0
    stale: list[str] = []
    if has_articles or has_mentions:
        stale = note_replaced(con)  # the merge needs what the write replaces
        replaced = delete_replaced(con)
    if has_articles:
        # An article coded now is no longer a failure of an earlier run (nor partly skipped by one).
        run(con, "DELETE FROM rejects WHERE article_id IN (SELECT id FROM _ew_articles)")
        run(con, "DELETE FROM articles WHERE id IN (SELECT id FROM _ew_articles)")
        run(con, "INSERT INTO articles BY NAME SELECT * FROM _ew_articles")
    if has_mentions:
        run(con, "INSERT INTO mentions BY NAME SELECT * FROM _ew_mentions")
    if has_rejects:
        run(
            con,
            "DELETE FROM rejects USING _ew_rejects AS b WHERE rejects.origin = b.origin"
            " AND rejects.line IS NOT DISTINCT FROM b.line AND rejects.item IS NOT DISTINCT FROM b.item"
            " AND rejects.article_id IS NOT DISTINCT FROM b.article_id AND rejects.code = b.code",
        )
        run(con, "INSERT INTO rejects BY NAME SELECT * FROM _ew_rejects")
    return replaced, stale


def add_stats(a: WriteStats, b: WriteStats) -> WriteStats:
    return WriteStats(*(x + y for x, y in zip(dataclasses.astuple(a), dataclasses.astuple(b), strict=True)))


def kill_point(point: str, batch: int) -> None:
    wanted = os.environ.get(KILL_ENV)
    if wanted and wanted == f"{point}:{batch}":
        os.kill(os.getpid(), signal.SIGKILL)


def run(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    # Always read the whole result: DuckDB refuses other work on a connection with a half-read result.
    return con.execute(sql, params).fetchall()


def to_arrow(rows: list[dict[str, Any]], schema: pa.Schema, what: str) -> pa.Table:
    try:
        return pa.Table.from_pylist(rows, schema=schema)
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        raise StoreError(f"cannot store {what}: a field has the wrong type: {exc}", code="E303") from exc
