"""Lists of events and of mentions under one ``EventFilter``: what ``eventwire events``/``mentions``,
``Database.events()``/``mentions()`` and ``GET /v1/events`` answer, so the four agree by construction.

Mentions are read through ``store.query.MentionQuery``, as ``Store.query_mentions`` reads them.
Event rows have ``EVENT_COLUMNS`` (``date`` is the event date, else the day it was first reported) plus
``cameo_name``; mention rows the ``mentions`` table's columns (``store.STORE_MENTION_COLUMNS``). Every user
value travels as a ``?`` parameter; column names and sort orders come from the fixed tables here.
"""

from __future__ import annotations

from typing import Any

import duckdb
import pyarrow as pa

from ..errors import UsageError
from ..store.filters import EventFilter
from ..store.query import MentionQuery, page_sql
from .series import EFFECTIVE_DATE
from .timeline import TIMELINE_COLUMNS

__all__ = ["EVENT_COLUMNS", "EVENT_ROWS", "SORTS", "event_select", "events_table", "list_events", "mentions_table"]

#: The columns of an event row: the ``events`` table's, with ``date`` (the event date, else the day it was
#: first seen) and, from the evidence mention, the actors' names and the event date's granularity.
EVENT_COLUMNS = (
    "event_id", "date", "date_granularity", "event_date", "date_basis",
    "source_code", "source_name", "source_country", "source_sector",
    "target_code", "target_name", "target_country", "target_sector",
    *(c for c in TIMELINE_COLUMNS if c not in ("event_id", "event_date", "date_basis") and not c.startswith(("source_", "target_"))),
)  # fmt: skip

#: The events table with what its rows take from their evidence mention (a drop-in for ``events``).
EVENT_ROWS = """(SELECT e.*,
    CASE WHEN m.source_code = e.source_code THEN m.source_name END AS source_name,
    CASE WHEN m.target_code = e.target_code THEN m.target_name END AS target_name,
    m.date_granularity
  FROM events e LEFT JOIN mentions m ON m.mention_id = e.evidence_mention_id) AS events"""

#: Event orders: by date (oldest first; ``-date`` newest first), Goldstein score or number of mentions.
SORTS = {
    "date": f"{EFFECTIVE_DATE} NULLS LAST, num_mentions DESC NULLS LAST, event_id",
    "-date": f"{EFFECTIVE_DATE} DESC NULLS LAST, num_mentions DESC NULLS LAST, event_id",
    "goldstein": "goldstein NULLS LAST, event_id",
    "-goldstein": "goldstein DESC NULLS LAST, event_id",
    "mentions": "num_mentions NULLS LAST, event_id",
    "-mentions": "num_mentions DESC NULLS LAST, event_id",
}

def event_select() -> str:
    """The select list of an event row (``EVENT_COLUMNS``)."""
    return ", ".join(f"{EFFECTIVE_DATE} AS date" if c == "date" else c for c in EVENT_COLUMNS)


def _order(sort: str) -> str:
    if sort not in SORTS:
        raise UsageError(f"sort must be one of {', '.join(SORTS)}, got {sort!r}", code="E411")
    return SORTS[sort]


def events_table(
    cur: duckdb.DuckDBPyConnection, filters: EventFilter, *, sort: str = "date", limit: int | None = None,
    offset: int = 0, cameo_names: dict[str, str] | None = None,
) -> pa.Table:  # fmt: skip
    """Matching events as an Arrow table (``EVENT_COLUMNS`` + ``cameo_name``), in ``sort`` order."""
    where, params = filters.where()
    page, page_params = page_sql(limit, offset)
    sql = f"SELECT {event_select()} FROM {EVENT_ROWS} WHERE {where} ORDER BY {_order(sort)}{page}"
    table = cur.sql(sql, params=[*params, *page_params]).to_arrow_table()
    return with_cameo_names(table, cameo_names)


def count_events(cur: duckdb.DuckDBPyConnection, filters: EventFilter) -> int:
    where, params = filters.where()
    return int(cur.execute(f"SELECT count(*) FROM events WHERE {where}", params).fetchall()[0][0])


def list_events(
    cur: duckdb.DuckDBPyConnection, filters: EventFilter, *, sort: str, limit: int, offset: int
) -> tuple[int, list[dict[str, Any]]]:
    """The total matching ``filters`` and one page of events as dicts (``EVENT_COLUMNS``)."""
    order = _order(sort)
    where, params = filters.where()
    total = count_events(cur, filters)
    if offset >= total:
        return total, []
    # Two steps: the page's ids from a narrow sort, then the wide rows through the primary-key index.
    # On 100k events this halves the time of one wide ORDER BY ... LIMIT.
    ids = [
        row[0]
        for row in cur.execute(
            f"SELECT event_id FROM events WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?", [*params, limit, offset]
        ).fetchall()
    ]
    if not ids:
        return total, []
    marks = ", ".join("?" * len(ids))
    result = cur.execute(f"SELECT {event_select()} FROM {EVENT_ROWS} WHERE event_id IN ({marks})", ids)
    names = [d[0] for d in result.description]
    rows = {r[0]: dict(zip(names, r, strict=True)) for r in result.fetchall()}
    return total, [rows[i] for i in ids]


def mentions_table(
    cur: duckdb.DuckDBPyConnection, filters: EventFilter, *, limit: int | None = None, offset: int = 0
) -> pa.Table:
    """Matching mentions (every column of the ``mentions`` table), ordered by date, article, sentence,
    trigger; negated and hypothetical ones included unless ``filters.include_negated`` is False."""
    sql, params = MentionQuery(filters, limit, offset).to_sql()
    return cur.sql(sql, params=params).to_arrow_table()


def with_cameo_names(table: pa.Table, names: dict[str, str] | None) -> pa.Table:
    """``table`` with a ``cameo_name`` column (from ``names``, code -> name; the ontology when None)."""
    if names is None:
        from ..ontology import load_ontology

        names = {c.code: c.name for c in load_ontology().codes()}
    column = pa.array([names.get(code) for code in table.column("cameo").to_pylist()], pa.string())
    return table.append_column("cameo_name", column)
