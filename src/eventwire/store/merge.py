"""The merge stage: event mentions into deduplicated events, next to the store that holds both.

``merge_batch`` runs inside the transaction that wrote a batch (``Store.store_batch``), so a batch and its
events are committed together or not at all. ``update_events`` is the repair and rebuild entry point, in
its own transaction: everything (``article_ids=None``), or what some articles change plus whatever is
pending (eligible mentions with no event, events whose mention count no longer matches: both can only
come from writes made without the merge).

What a batch can change, and so what is recomputed (the *region*). Clustering (``merge_sql``) groups
mentions into cores per (root, day) cell and attaches each core to the best-ranked compatible core ranked
above it; compatible cores share the root and lie within ``DATE_WINDOW_DAYS`` (W) of each other.

- The *changed cells*: the (root, day) cells of the batch's mentions and of the mentions it replaced.
- A core's parent can change only if the core is in a changed cell or compatible with one: within W of a
  changed cell (set A). To recompute A's parents, every core compatible with A must be present: the cells
  within 2W of a changed cell. The region takes every eligible mention in those cells ...
- ... and every mention of a stored event that has a mention there (and of the events that lost
  mentions). A core outside A keeps its parent, which lies in its own event, which is in the region; so
  clustering the region alone gives every parent that a full recompute gives, and no event reaches out of it.

So a merge reads the mentions of the cells within 2W of the batch's cells and of the events found there
(``DedupStats.candidates`` counts the rows read): its cost follows the batch's neighbourhood, not the
store. Either path gives the events of a full recompute (tested). The rules: ``docs/dedup.md``.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from ..errors import StoreError
from .merge_sql import DATE_WINDOW_DAYS, ELIGIBLE, KEY_COLUMNS, cluster_and_write, run, scalar


@dataclass(frozen=True, slots=True)
class DedupStats:
    """What one merge did.

    ``mentions``: eligible mentions whose event was (re)computed (the region); ``events``: events written;
    ``events_removed``: stored events deleted (replaced or emptied); ``rounds``: 1 for an incremental merge,
    0 for a full one; ``full``: whether the whole store was recomputed; ``candidates``: eligible mentions
    read from the cells near the batch (the region is they and the rest of their events).
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
        _drop_work_tables(con)
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
            _drop_work_tables(cur)
            cur.commit()
        except BaseException:
            cur.rollback()
            raise
    except duckdb.Error as exc:
        raise StoreError(f"updating events failed, nothing was kept: {exc}", code="E303") from exc
    finally:
        cur.close()
    return _stats(stats, started)


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


def note_replaced(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Before a write deletes the mentions it replaces (those of ``_ew_articles`` and ``_ew_mentions``):
    keep their (root, day) cells in ``_ew_dd_gone`` for the merge, and return the events that lose them."""
    replaced = (
        "FROM mentions m WHERE (m.article_id IN (SELECT id FROM _ew_articles)"
        " OR m.mention_id IN (SELECT mention_id FROM _ew_mentions))"
    )
    run(con, f"CREATE OR REPLACE TEMP TABLE _ew_dd_gone AS SELECT DISTINCT {_CELL} {replaced} AND {ELIGIBLE}")
    return [row[0] for row in run(con, f"SELECT DISTINCT m.event_id {replaced} AND m.event_id IS NOT NULL")]


_CELL = "coalesce(m.cameo_root, left(m.cameo, 2)) AS root, coalesce(m.event_date, m.publication_date, DATE '0001-01-01') AS d"


def _seed(cur: duckdb.DuckDBPyConnection, article_ids: Sequence[str], stale_events: Sequence[str], *, pending: bool) -> None:
    """The changed cells (``_ew_dd_changed``): the cells of the articles' eligible mentions and of the mentions
    replaced (``_ew_dd_gone``, when the write noted them). When ``pending``, also the cells of every eligible
    mention with no event, and of the stale events' mentions widened by the window (their lost mentions'
    cells are unknown, but were within the window of a remaining one)."""
    run(cur, "CREATE OR REPLACE TEMP TABLE _ew_dd_ids AS SELECT unnest(?::VARCHAR[]) AS id", [list(article_ids)])
    run(cur, "CREATE OR REPLACE TEMP TABLE _ew_dd_stale AS SELECT DISTINCT unnest(?::VARCHAR[]) AS event_id",
        [list(stale_events)])  # fmt: skip
    has_gone = scalar(cur, "SELECT count(*) FROM duckdb_tables() WHERE temporary AND table_name = '_ew_dd_gone'")
    parts = [f"SELECT DISTINCT {_CELL} FROM mentions m WHERE {ELIGIBLE} AND m.article_id IN (SELECT id FROM _ew_dd_ids)"]
    if has_gone and not pending:
        parts.append("SELECT root, d FROM _ew_dd_gone")
    if pending:
        parts.append(f"SELECT DISTINCT {_CELL} FROM mentions m WHERE {ELIGIBLE} AND m.event_id IS NULL")
        parts.append(
            f"SELECT DISTINCT k.root, k.d + o.o AS d FROM (SELECT {_CELL} FROM mentions m WHERE {ELIGIBLE}"
            f" AND m.event_id IN (SELECT event_id FROM _ew_dd_stale)) k CROSS JOIN (VALUES {_WINDOW}) o(o)"
        )
    run(cur, "CREATE OR REPLACE TEMP TABLE _ew_dd_changed AS " + " UNION ".join(parts))
    if has_gone:
        run(cur, "DROP TABLE _ew_dd_gone")


_KEYS = f"SELECT m.mention_id AS id, m.article_id AS aid, m.event_id, {KEY_COLUMNS} FROM mentions m"
_WINDOW = ", ".join(f"({o})" for o in range(-DATE_WINDOW_DAYS, DATE_WINDOW_DAYS + 1))
_TWO_WINDOWS = ", ".join(f"({o})" for o in range(-2 * DATE_WINDOW_DAYS, 2 * DATE_WINDOW_DAYS + 1))


def _incremental(cur: duckdb.DuckDBPyConnection) -> _Counts:
    """Recluster the region of the changed cells (see the module docstring)."""
    run(
        cur,
        "CREATE OR REPLACE TEMP TABLE _ew_dd_cells AS "
        f"SELECT DISTINCT c.root, c.d + o.o AS d FROM _ew_dd_changed c CROSS JOIN (VALUES {_TWO_WINDOWS}) o(o)",
    )
    run(
        cur,
        f"""
        CREATE OR REPLACE TEMP TABLE _ew_dd_near AS
        SELECT k.id, k.event_id FROM ({_KEYS} WHERE {ELIGIBLE}) k
        SEMI JOIN _ew_dd_cells c ON c.root = k.root AND c.d = k.d""",
    )
    candidates = scalar(cur, "SELECT count(*) FROM _ew_dd_near")
    run(
        cur,
        """
        CREATE OR REPLACE TEMP TABLE _ew_dd_old AS
        SELECT DISTINCT event_id FROM _ew_dd_near WHERE event_id IS NOT NULL
        UNION SELECT event_id FROM _ew_dd_stale""",
    )
    run(
        cur,
        f"""
        CREATE OR REPLACE TEMP TABLE _ew_dd_region AS
        SELECT id FROM _ew_dd_near
        UNION SELECT m.mention_id AS id FROM mentions m
        WHERE {ELIGIBLE} AND m.event_id IN (SELECT event_id FROM _ew_dd_old)""",
    )
    removed = scalar(cur, "SELECT count(*) FROM events WHERE event_id IN (SELECT event_id FROM _ew_dd_old)")
    run(cur, "DELETE FROM events WHERE event_id IN (SELECT event_id FROM _ew_dd_old)")
    mentions, events = cluster_and_write(
        cur, touched="(a.id IS NOT NULL OR m.event_id IN (SELECT event_id FROM _ew_dd_old))"
    )
    return mentions, events, removed, 1, False, candidates


def _drop_work_tables(cur: duckdb.DuckDBPyConnection) -> None:
    """Drop the merge's temporary tables: they would otherwise hold the last region's rows in memory until
    the next merge replaced them."""
    names = cur.execute(
        "SELECT table_name FROM duckdb_tables() WHERE temporary AND starts_with(table_name, '_ew_dd_')"
    ).fetchall()
    for (name,) in names:
        cur.execute(f'DROP TABLE IF EXISTS "{name}"').fetchall()


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
