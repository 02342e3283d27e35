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

How it reads them: by key, never by scanning a table. The store indexes mentions by article, by event and by
date (schema 8); the cells' days, the old events' ids, the region's articles are key lists that DuckDB turns
into index lookups (``lookups_by_key`` raises the size of list it does that for). Each region mention is read
from the store once, into ``_ew_dd_m``; clustering, event rows and the new event ids work on that copy.
``benchmarks/merge_scans.py`` counts the rows each table gives a batch (tests/test_merge_scans.py).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from ..errors import StoreError
from .merge_sql import DATE_WINDOW_DAYS, ELIGIBLE, UNDATED, cluster_and_write, run, scalar


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
        lookups_by_key(con)
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
        lookups_by_key(cur)
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
    # Every mention is in the region: read them where they are (a view, not a copy of the store).
    run(cur, "CREATE OR REPLACE TEMP VIEW _ew_dd_m AS SELECT * FROM mentions")
    run(cur, "CREATE OR REPLACE TEMP TABLE _ew_dd_stale AS SELECT NULL::VARCHAR AS event_id LIMIT 0")
    run(cur, "DELETE FROM events")
    mentions, events = cluster_and_write(cur)
    run(cur, "INSERT INTO events BY NAME SELECT * FROM _ew_dd_new")
    return mentions, events, removed, 0, True, mentions


#: Largest key list, and most rows found, for which DuckDB reads a table through its index (a join's build
#: side, ``IN`` lists). Its defaults (50 keys; 2,048 rows or 0.1% of the table) make a batch's lookups scans
#: of the whole table; a region of a few thousand mentions is found faster by key than by reading a large
#: store, and about as fast on a small one.
LOOKUP_KEYS = 20_000
LOOKUP_ROWS = 100_000


def lookups_by_key(con: duckdb.DuckDBPyConnection) -> None:
    """Let DuckDB read the rows of up to ``LOOKUP_KEYS`` keys, ``LOOKUP_ROWS`` rows, through the store's
    indexes (a setting of this connection)."""
    run(con, f"SET dynamic_or_filter_threshold = {LOOKUP_KEYS}")
    run(con, f"SET index_scan_max_count = {LOOKUP_ROWS}")


def note_replaced(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Before a write deletes the mentions it replaces (those of the articles of ``_ew_articles`` and the
    ids of ``_ew_mentions``): keep them in ``_ew_dd_replaced`` (``delete_replaced`` deletes them) and their
    (root, day) cells in ``_ew_dd_gone`` for the merge; return the events that lose them. Read by key."""
    lookups_by_key(con)
    parts = []
    if scalar(con, "SELECT count(*) FROM _ew_articles"):
        parts.append("SELECT m.mention_id FROM mentions m WHERE m.article_id IN (SELECT id FROM _ew_articles)")
    if scalar(con, "SELECT count(*) FROM _ew_mentions"):
        parts.append("SELECT m.mention_id FROM mentions m WHERE m.mention_id IN (SELECT mention_id FROM _ew_mentions)")
    ids = " UNION ".join(parts) or "SELECT NULL::VARCHAR AS mention_id LIMIT 0"
    run(
        con,
        "CREATE OR REPLACE TEMP TABLE _ew_dd_replaced AS SELECT m.mention_id, m.event_id, "
        f"{ELIGIBLE} AS eligible, {_CELL} FROM mentions m WHERE m.mention_id IN ({ids})",
    )
    run(con, "CREATE OR REPLACE TEMP TABLE _ew_dd_gone AS SELECT DISTINCT root, d FROM _ew_dd_replaced WHERE eligible")
    return [row[0] for row in run(con, "SELECT DISTINCT event_id FROM _ew_dd_replaced WHERE event_id IS NOT NULL")]


def delete_replaced(con: duckdb.DuckDBPyConnection) -> int:
    """Delete the mentions ``note_replaced`` found, by key; how many."""
    return scalar(con, "DELETE FROM mentions WHERE mention_id IN (SELECT mention_id FROM _ew_dd_replaced)")


_CELL = f"coalesce(m.cameo_root, left(m.cameo, 2)) AS root, coalesce(m.event_date, m.publication_date, {UNDATED}) AS d"


def _seed(cur: duckdb.DuckDBPyConnection, article_ids: Sequence[str], stale_events: Sequence[str], *, pending: bool) -> None:
    """The changed cells (``_ew_dd_changed``): the cells of the articles' eligible mentions and of the mentions
    replaced (``_ew_dd_gone``, when the write noted them). When ``pending``, also the cells of every eligible
    mention with no event (a scan: repairs only), and of the stale events' mentions widened by the window
    (their lost mentions' cells are unknown, but were within the window of a remaining one)."""
    run(cur, "CREATE OR REPLACE TEMP TABLE _ew_dd_ids AS SELECT unnest(?::VARCHAR[]) AS id", [list(article_ids)])
    run(cur, "CREATE OR REPLACE TEMP TABLE _ew_dd_stale AS SELECT DISTINCT unnest(?::VARCHAR[]) AS event_id",
        [list(stale_events)])  # fmt: skip
    has_gone = scalar(cur, "SELECT count(*) FROM duckdb_tables() WHERE temporary AND table_name = '_ew_dd_gone'")
    parts = [f"SELECT DISTINCT {_CELL} FROM mentions m WHERE m.article_id IN (SELECT id FROM _ew_dd_ids) AND {ELIGIBLE}"]
    if has_gone and not pending:
        parts.append("SELECT root, d FROM _ew_dd_gone")
    if pending:
        parts.append(f"SELECT DISTINCT {_CELL} FROM mentions m WHERE {ELIGIBLE} AND m.event_id IS NULL")
        parts.append(
            f"SELECT DISTINCT k.root, k.d + o.o AS d FROM (SELECT {_CELL} FROM mentions m WHERE m.event_id IN"
            f" (SELECT event_id FROM _ew_dd_stale) AND {ELIGIBLE}) k CROSS JOIN (VALUES {_WINDOW}) o(o)"
        )
    run(cur, "CREATE OR REPLACE TEMP TABLE _ew_dd_changed AS " + " UNION ".join(parts))
    for name in ("_ew_dd_gone", "_ew_dd_replaced"):
        run(cur, f"DROP TABLE IF EXISTS {name}")


_WINDOW = ", ".join(f"({o})" for o in range(-DATE_WINDOW_DAYS, DATE_WINDOW_DAYS + 1))
_TWO_WINDOWS = ", ".join(f"({o})" for o in range(-2 * DATE_WINDOW_DAYS, 2 * DATE_WINDOW_DAYS + 1))
_REGION_COLUMNS = "m.*"  # the region's copy: every mention column


def _incremental(cur: duckdb.DuckDBPyConnection) -> _Counts:
    """Recluster the region of the changed cells (see the module docstring), reading mentions by key: the
    cells' days (event date, else publication date: two indexes), then the old events' other mentions."""
    run(
        cur,
        "CREATE OR REPLACE TEMP TABLE _ew_dd_cells AS "
        f"SELECT DISTINCT c.root, c.d + o.o AS d FROM _ew_dd_changed c CROSS JOIN (VALUES {_TWO_WINDOWS}) o(o)",
    )
    # The days as a constant list: DuckDB looks a list up in the index, where it scans for a subquery's.
    # The undated stand-in's cells are left out: they lie around year 1 (before it too, which Python's dates
    # cannot hold, so the list would be read as text) and no real date is there (E504 rejects such years).
    undated_end = f"{UNDATED} + {2 * DATE_WINDOW_DAYS + 1}"
    days = [row[0] for row in run(cur, f"SELECT DISTINCT d FROM _ew_dd_cells WHERE d >= {undated_end} ORDER BY d")]
    by_day = [
        f"SELECT {_REGION_COLUMNS} FROM mentions m WHERE m.event_date = ANY(CAST($days AS DATE[]))",
        f"SELECT {_REGION_COLUMNS} FROM mentions m WHERE m.publication_date = ANY(CAST($days AS DATE[])) "
        "AND m.event_date IS NULL",
    ]
    if scalar(cur, f"SELECT count(*) FROM _ew_dd_cells WHERE d < {undated_end}"):
        # Undated mentions (no event or publication date) share one stand-in day that no index holds.
        by_day.append(f"SELECT {_REGION_COLUMNS} FROM mentions m WHERE m.event_date IS NULL AND m.publication_date IS NULL")
    # Two statements: joined to the cells in one, the lookup would become a scan (DuckDB pushes the join's
    # filter into it instead).
    run(
        cur,
        f"CREATE OR REPLACE TEMP TABLE _ew_dd_days AS SELECT m.*, {_CELL} FROM ({' UNION ALL '.join(by_day)}) m",
        {"days": days},
    )
    run(
        cur,
        f"""
        CREATE OR REPLACE TEMP TABLE _ew_dd_m AS
        SELECT k.* EXCLUDE (root, d) FROM _ew_dd_days k SEMI JOIN _ew_dd_cells c ON c.root = k.root AND c.d = k.d
        WHERE {ELIGIBLE.replace("m.", "k.")}""",
    )
    run(cur, "DROP TABLE _ew_dd_days")
    candidates = scalar(cur, "SELECT count(*) FROM _ew_dd_m")
    run(
        cur,
        """
        CREATE OR REPLACE TEMP TABLE _ew_dd_old AS
        SELECT DISTINCT event_id FROM _ew_dd_m WHERE event_id IS NOT NULL
        UNION SELECT event_id FROM _ew_dd_stale""",
    )
    # The old events' mentions outside the cells (ineligible ones too: they lose the event id).
    run(
        cur,
        f"""
        INSERT INTO _ew_dd_m
        SELECT {_REGION_COLUMNS} FROM mentions m
        WHERE m.event_id IN (SELECT event_id FROM _ew_dd_old)
          AND m.mention_id NOT IN (SELECT mention_id FROM _ew_dd_m)""",
    )
    mentions, events = cluster_and_write(cur)
    removed = _replace_events(cur)
    return mentions, events, removed, 1, False, candidates


def _replace_events(cur: duckdb.DuckDBPyConnection) -> int:
    """Replace the region's old events (``_ew_dd_old``) by its new ones (``_ew_dd_new``), leaving alone every
    event the batch did not change (the same id and the same row): most of a region's events, where a day
    holds many. Deleting and inserting those again left a deleted row and a new one each time, batch after
    batch (checkpoints do not vacuum them, ``store.WRITER_SETTINGS``): writes that grew with the events per
    day, not with the batch (docs/reliability.md, "Memory"). How many stored events were deleted."""
    columns = [row[0] for row in run(cur, "DESCRIBE _ew_dd_new") if row[0] != "event_id"]
    same = " AND ".join(f"n.{c} IS NOT DISTINCT FROM e.{c}" for c in columns) or "true"
    run(
        cur,
        f"""
        CREATE OR REPLACE TEMP TABLE _ew_dd_same AS
        SELECT n.event_id FROM _ew_dd_new n
        JOIN (SELECT * FROM events WHERE event_id IN (SELECT event_id FROM _ew_dd_old)) e USING (event_id)
        WHERE {same}""",
    )
    removed = scalar(
        cur,
        "DELETE FROM events WHERE event_id IN (SELECT event_id FROM _ew_dd_old)"
        " AND event_id NOT IN (SELECT event_id FROM _ew_dd_same)",
    )
    run(cur, "INSERT INTO events BY NAME SELECT * FROM _ew_dd_new WHERE event_id NOT IN (SELECT event_id FROM _ew_dd_same)")
    return removed


def _drop_work_tables(cur: duckdb.DuckDBPyConnection) -> None:
    """Drop the merge's temporary tables: they would otherwise hold the last region's rows in memory until
    the next merge replaced them."""
    for kind in ("VIEW", "TABLE"):
        names = cur.execute(
            f"SELECT {kind.lower()}_name FROM duckdb_{kind.lower()}s() WHERE temporary"
            f" AND starts_with({kind.lower()}_name, '_ew_dd_')"
        ).fetchall()
        for (name,) in names:
            cur.execute(f'DROP {kind} IF EXISTS "{name}"').fetchall()


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
