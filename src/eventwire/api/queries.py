"""Read-only SQL behind the HTTP API: one event with its evidence, map counts, actor lookup; event lists
come from ``analysis.listing`` (the same lists the CLI and the Python API give).

Every user value travels as a ``?`` parameter; column names and sort orders come from fixed tables here.
Each function takes a DuckDB cursor that the caller owns (one per request thread).
"""

from __future__ import annotations

from typing import Any

import duckdb
import pyarrow as pa

from ..analysis.listing import EVENT_COLUMNS, EVENT_ROWS, SORTS, event_select, events_table, list_events
from ..analysis.series import EFFECTIVE_DATE
from ..store.columns import STORE_MENTION_COLUMNS
from ..store.filters import EventFilter, escape_like

MAP_POINTS = 2000

__all__ = ["EVENT_COLUMNS", "SORTS", "EventFilter", "list_events"]


def one_value(value: str | None) -> tuple[str] | None:
    """One request value as the filter's tuple of values (``EventFilter`` reads a tuple as alternatives)."""
    return None if value is None else (value,)


def iter_events(cur: duckdb.DuckDBPyConnection, filters: EventFilter, *, sort: str, limit: int, offset: int) -> pa.Table:
    """The same page as ``list_events`` as an Arrow table (for CSV answers)."""
    return events_table(cur, filters, sort=sort, limit=limit, offset=offset, cameo_names={}).drop_columns(["cameo_name"])


def get_event(cur: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    rows = _dicts(cur, f"SELECT {event_select()} FROM {EVENT_ROWS} WHERE event_id = ?", [event_id])
    return rows[0] if rows else None


def event_mentions(cur: duckdb.DuckDBPyConnection, event_id: str) -> list[dict[str, Any]]:
    """Store rows of the mentions that make up the event, oldest article first."""
    return _dicts(
        cur,
        f"SELECT {', '.join(STORE_MENTION_COLUMNS)} FROM mentions WHERE event_id = ? "
        "ORDER BY publication_date NULLS LAST, article_id, sentence_index, trigger_start, mention_id",
        [event_id],
    )


def articles_info(cur: duckdb.DuckDBPyConnection, ids: list[str]) -> list[dict[str, Any]]:
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    return _dicts(
        cur, f"SELECT id, date, title, url, source FROM articles WHERE id IN ({marks}) ORDER BY date, id", ids
    )


def map_data(cur: duckdb.DuckDBPyConnection, filters: EventFilter) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Events per country of their place, and the most-mentioned located events as points."""
    where, params = filters.where()
    countries = _dicts(
        cur,
        "SELECT location_country AS country, count(*) AS events, "
        "count(*) FILTER (WHERE quad_class >= 3) AS conflict, "
        "count(*) FILTER (WHERE quad_class <= 2) AS cooperation, avg(goldstein) AS goldstein_mean, "
        + ", ".join(f"count(*) FILTER (WHERE quad_class = {q}) AS quad{q}" for q in (1, 2, 3, 4)) + " "
        f"FROM events WHERE location_country IS NOT NULL AND {where} "
        "GROUP BY location_country ORDER BY events DESC, country",
        params,
    )
    points = _dicts(
        cur,
        f"SELECT event_id, location_lat AS lat, location_lon AS lon, location_name, cameo, quad_class, "
        f"{EFFECTIVE_DATE} AS date FROM events "
        f"WHERE location_lat IS NOT NULL AND location_lon IS NOT NULL AND {where} "
        "ORDER BY num_mentions DESC NULLS LAST, event_id LIMIT ?",
        [*params, MAP_POINTS],
    )
    return countries, points


def actor_counts(cur: duckdb.DuckDBPyConnection, query: str, limit: int) -> list[dict[str, Any]]:
    """Stored actor codes starting with ``query`` (case-insensitive), most events first."""
    prefix = escape_like(query.strip().upper()) + "%"
    return _dicts(
        cur,
        "SELECT code, any_value(country) AS country, any_value(sector) AS sector, count(*) AS events FROM ("
        "  SELECT source_code AS code, source_country AS country, source_sector AS sector FROM events"
        "  WHERE source_code LIKE ? ESCAPE '\\'"
        "  UNION ALL"
        "  SELECT target_code, target_country, target_sector FROM events WHERE target_code LIKE ? ESCAPE '\\'"
        ") GROUP BY code ORDER BY events DESC, code LIMIT ?",
        [prefix, prefix, limit],
    )


def code_events(cur: duckdb.DuckDBPyConnection, codes: list[str]) -> dict[str, int]:
    """Stored events per exact actor code (either side)."""
    if not codes:
        return {}
    marks = ", ".join("?" * len(codes))
    rows = cur.execute(
        f"SELECT code, count(*) FROM (SELECT source_code AS code FROM events WHERE source_code IN ({marks}) "
        f"UNION ALL SELECT target_code FROM events WHERE target_code IN ({marks})) GROUP BY code",
        [*codes, *codes],
    ).fetchall()
    return {code: int(n) for code, n in rows}


def store_counts(cur: duckdb.DuckDBPyConnection) -> dict[str, int]:
    names = ("articles", "mentions", "events", "rejects")
    row = cur.execute("SELECT " + ", ".join(f"(SELECT count(*) FROM {n})" for n in names)).fetchall()[0]
    return dict(zip(names, (int(v) for v in row), strict=True))


def _dicts(cur: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    result = cur.execute(sql, params)
    names = [d[0] for d in result.description]
    return [dict(zip(names, row, strict=True)) for row in result.fetchall()]
