"""The merge stage: event mentions into deduplicated events, next to the store that holds both.

``merge_batch`` runs inside the transaction that wrote a batch (``Store.store_batch``), so a batch and its
events are committed together or not at all. It recomputes only the *region* the batch can change: the
batch's eligible mentions and the remaining mentions of the events that lost mentions when the batch's
articles were re-coded, grown round by round with the mentions that can link to it (same root, dates
within the window, linked actors) and the events those belong to, until it is closed. Each round reads
the store only for the (root, day) cells its frontier can reach, so the rows it touches are the batch's
neighbourhood, not the store (``DedupStats.candidates`` counts them).

``update_events`` is the repair and rebuild entry point, in its own transaction: everything
(``article_ids=None``), or the region of some articles plus whatever is pending (eligible mentions with no
event, events whose mention count no longer matches: both can only come from writes made without the merge).

Clustering a closed region depends on nothing outside it, so either path gives the events of a full
recompute (tested). The rules: ``docs/dedup.md``; the SQL: ``merge_sql``.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from ..errors import StoreError
from .merge_sql import (
    DATE_WINDOW_DAYS,
    ELIGIBLE,
    KEY_COLUMNS,
    MAX_CLOSURE_ROUNDS,
    cluster_and_write,
    pairs_sql,
    run,
    scalar,
)


@dataclass(frozen=True, slots=True)
class DedupStats:
    """What one merge did.

    ``mentions``: eligible mentions whose event was (re)computed (the region); ``events``: events written;
    ``events_removed``: stored events deleted (replaced or emptied); ``rounds``: closure rounds of an
    incremental merge (0 for a full one); ``full``: whether the whole store was recomputed;
    ``candidates``: mention rows read from the store as possible links while growing the region.
    """

    mentions: int
    events: int
    events_removed: int
    rounds: int
    full: bool
    seconds: float
    candidates: int = 0


def merge_batch(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str], stale_events: Sequence[str] = ()) -> DedupStats:
    """Merge the mentions of ``article_ids`` into events, inside the caller's open transaction on ``con``.

    ``stale_events``: events that lost mentions in this transaction (the articles' earlier mentions were
    replaced); their remaining mentions are merged again.
    """
    started = time.perf_counter()
    try:
        _seed(con, article_ids, stale_events, pending=False)
        stats = _incremental(con)
    except duckdb.Error as exc:
        raise StoreError(f"merging mentions into events failed, nothing was kept: {exc}", code="E303") from exc
    return _stats(stats, started)


def update_events(con: Any, article_ids: Sequence[str] | None = None) -> DedupStats:
    """Recompute events: all of them (``article_ids=None``), or the region of the given articles together
    with everything pending (eligible mentions with no event, events that lost mentions).

    ``con`` is a DuckDB connection to a store at schema version 4 or later (or a ``Store``). Runs in one
    transaction on its own cursor. Storing results through ``Store.store_batch`` merges them already; this
    is for stores written otherwise (``Store.write``) and for rebuilding.
    """
    started = time.perf_counter()
    base = _connection(con)
    cur = base.cursor()
    try:
        _check_schema(cur)
        cur.begin()
        try:
            if article_ids is None:
                stats = _full(cur)
            else:
                stale = [row[0] for row in run(cur, _STALE_SQL)]
                _seed(cur, [str(a) for a in article_ids], stale, pending=True)
                stats = _incremental(cur)
            cur.commit()
        except BaseException:
            cur.rollback()
            raise
    except duckdb.Error as exc:
        raise StoreError(f"updating events failed, nothing was kept: {exc}", code="E303") from exc
    finally:
        cur.close()
    return _stats(stats, started)


def clear_events(con: Any) -> None:
    """Remove every event and every mention's event id (e.g. before a full rebuild from scratch)."""
    cur = _connection(con).cursor()
    try:
        _check_schema(cur)
        cur.begin()
        run(cur, "DELETE FROM events")
        run(cur, "UPDATE mentions SET event_id = NULL WHERE event_id IS NOT NULL")
        cur.commit()
    finally:
        cur.close()


# Events whose stored mention count no longer matches their mentions (a scan of the store: repairs only).
_STALE_SQL = """
SELECT e.event_id FROM events e
LEFT JOIN (SELECT event_id, count(*) AS n FROM mentions WHERE event_id IS NOT NULL GROUP BY event_id) c
  USING (event_id)
WHERE c.n IS DISTINCT FROM e.num_mentions"""

_Counts = tuple[int, int, int, int, bool, int]


def _stats(counts: _Counts, started: float) -> DedupStats:
    mentions, events, removed, rounds, full, candidates = counts
    return DedupStats(mentions, events, removed, rounds, full, round(time.perf_counter() - started, 4), candidates)


def _full(cur: duckdb.DuckDBPyConnection) -> _Counts:
    removed = scalar(cur, "SELECT count(*) FROM events")
    run(cur, f"CREATE OR REPLACE TEMP TABLE _ew_dd_region AS SELECT m.mention_id AS id FROM mentions m WHERE {ELIGIBLE}")
    run(cur, "CREATE OR REPLACE TEMP TABLE _ew_dd_stale AS SELECT NULL::VARCHAR AS event_id LIMIT 0")
    run(cur, "DELETE FROM events")
    mentions, events = cluster_and_write(cur, touched="true")
    return mentions, events, removed, 0, True, mentions


def _seed(cur: duckdb.DuckDBPyConnection, article_ids: Sequence[str], stale_events: Sequence[str], *, pending: bool) -> None:
    """The region's seeds: eligible mentions of the articles and of the stale events (and, when ``pending``,
    every eligible mention with no event yet)."""
    run(cur, "CREATE OR REPLACE TEMP TABLE _ew_dd_ids AS SELECT unnest(?::VARCHAR[]) AS id", [list(article_ids)])
    run(cur, "CREATE OR REPLACE TEMP TABLE _ew_dd_stale AS SELECT DISTINCT unnest(?::VARCHAR[]) AS event_id",
        [list(stale_events)])  # fmt: skip
    no_event = " OR m.event_id IS NULL" if pending else ""
    run(
        cur,
        f"""
        CREATE OR REPLACE TEMP TABLE _ew_dd_region AS
        SELECT m.mention_id AS id FROM mentions m
        WHERE {ELIGIBLE} AND (m.article_id IN (SELECT id FROM _ew_dd_ids)
                              OR m.event_id IN (SELECT event_id FROM _ew_dd_stale){no_event})""",
    )


_KEYS = f"SELECT m.mention_id AS id, m.article_id AS aid, m.event_id, {KEY_COLUMNS} FROM mentions m"
_WINDOW = ", ".join(f"({o})" for o in range(-DATE_WINDOW_DAYS, DATE_WINDOW_DAYS + 1))


def _incremental(cur: duckdb.DuckDBPyConnection) -> _Counts:
    """Grow ``_ew_dd_region`` until closed, then recluster it (see the module docstring)."""
    run(cur, "CREATE OR REPLACE TEMP TABLE _ew_dd_frontier AS SELECT id FROM _ew_dd_region")
    rounds = candidates = 0
    while scalar(cur, "SELECT count(*) FROM _ew_dd_frontier"):
        rounds += 1
        if rounds > MAX_CLOSURE_ROUNDS:  # a safety net: never reached by real corpora
            return _full(cur)
        run(cur, f"CREATE OR REPLACE TEMP TABLE _ew_dd_f AS {_KEYS} SEMI JOIN _ew_dd_frontier f ON f.id = m.mention_id")
        # The (root, day) cells the frontier can link into; only mentions in them are read.
        run(
            cur,
            "CREATE OR REPLACE TEMP TABLE _ew_dd_cells AS "
            f"SELECT DISTINCT root, d + o.o AS d FROM _ew_dd_f CROSS JOIN (VALUES {_WINDOW}) o(o)",
        )
        run(
            cur,
            f"""
            CREATE OR REPLACE TEMP TABLE _ew_dd_near AS
            SELECT k.* FROM ({_KEYS} WHERE {ELIGIBLE}) k
            SEMI JOIN _ew_dd_cells c ON c.root = k.root AND c.d = k.d""",
        )
        candidates += scalar(cur, "SELECT count(*) FROM _ew_dd_near")
        run(
            cur,
            f"""
            CREATE OR REPLACE TEMP TABLE _ew_dd_next AS
            WITH linked AS ({pairs_sql("_ew_dd_f", "_ew_dd_near", extra="")}),
            reached AS (SELECT DISTINCT b AS id FROM linked UNION SELECT id FROM _ew_dd_frontier),
            owners AS (
                SELECT DISTINCT n.event_id FROM _ew_dd_near n SEMI JOIN reached r ON r.id = n.id
                WHERE n.event_id IS NOT NULL
                UNION SELECT DISTINCT event_id FROM _ew_dd_f WHERE event_id IS NOT NULL
            ),
            whole AS (
                SELECT m.mention_id AS id FROM mentions m
                WHERE {ELIGIBLE} AND m.event_id IN (SELECT event_id FROM owners)
                UNION SELECT id FROM reached
            )
            SELECT DISTINCT w.id FROM whole w ANTI JOIN _ew_dd_region r USING (id)""",
        )
        run(cur, "INSERT INTO _ew_dd_region SELECT id FROM _ew_dd_next")
        run(cur, "CREATE OR REPLACE TEMP TABLE _ew_dd_frontier AS SELECT id FROM _ew_dd_next")

    run(
        cur,
        """
        CREATE OR REPLACE TEMP TABLE _ew_dd_old AS
        SELECT DISTINCT m.event_id FROM mentions m SEMI JOIN _ew_dd_region r ON r.id = m.mention_id
        WHERE m.event_id IS NOT NULL
        UNION SELECT event_id FROM _ew_dd_stale""",
    )
    removed = scalar(cur, "SELECT count(*) FROM events WHERE event_id IN (SELECT event_id FROM _ew_dd_old)")
    run(cur, "DELETE FROM events WHERE event_id IN (SELECT event_id FROM _ew_dd_old)")
    mentions, events = cluster_and_write(
        cur, touched="(a.id IS NOT NULL OR m.event_id IN (SELECT event_id FROM _ew_dd_old))"
    )
    return mentions, events, removed, rounds, False, candidates


def _connection(con: Any) -> duckdb.DuckDBPyConnection:
    if isinstance(con, duckdb.DuckDBPyConnection):
        return con
    getter = getattr(con, "connection", None)  # a Store
    if callable(getter):
        found = getter()
        if isinstance(found, duckdb.DuckDBPyConnection):
            return found
    raise TypeError(f"expected a DuckDB connection or a Store, got {type(con).__name__}")


def _check_schema(cur: duckdb.DuckDBPyConnection) -> None:
    has = scalar(
        cur,
        "SELECT count(*) FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = 'mentions'"
        " AND column_name = 'event_id'",
    )
    events = scalar(cur, "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = 'events'")
    if not has or not events:
        raise StoreError(
            "this store has no events table (schema version < 4); open it once for writing to migrate it",
            code="E304",
        )
