"""Event counts normalised by the volume of all coded events: the GDELT habit of reading shares, not counts.

News volume changes over time (more sources, more articles), so a rising count of conflict events may only
mean more news. ``share_series`` counts the events that match a filter per period and key (the country of
the event's place, an actor's country, the CAMEO root or the quad class) and divides by every event of the
period: ``share = events / total``.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from ..errors import UsageError
from ..store.filters import EventFilter
from .series import EFFECTIVE_DATE, check_period

__all__ = ["KEYS", "share_series"]

#: What a series can be broken down by, and the events column it reads.
KEYS = {
    "country": "location_country",
    "source_country": "source_country",
    "target_country": "target_country",
    "root": "cameo_root",
    "quad_class": "quad_class",
}


def share_series(con: duckdb.DuckDBPyConnection, filters: EventFilter, *, of: str = "country", by: str = "month") -> pa.Table:
    """Columns ``period`` (DATE, first day), the key (named ``of``), ``events`` (matching ``filters``),
    ``total`` (every event of the period inside the filter's dates) and ``share`` (events / total), in
    period order, most events first. Events without the key (e.g. no place) count in ``total`` only."""
    if of not in KEYS:
        raise UsageError(f"of must be one of {', '.join(KEYS)}, got {of!r}", code="E466")
    check_period(by)
    where, params = filters.where()
    dates, date_params = EventFilter(date_from=filters.date_from, date_to=filters.date_to).where()
    period = f"date_trunc('{by}', {EFFECTIVE_DATE})::DATE"
    sql = f"""
    WITH totals AS (
        SELECT {period} AS period, count(*) AS total FROM events
        WHERE {EFFECTIVE_DATE} IS NOT NULL AND {dates} GROUP BY 1
    ), hits AS (
        SELECT {period} AS period, {KEYS[of]} AS key, count(*) AS events FROM events
        WHERE {EFFECTIVE_DATE} IS NOT NULL AND {KEYS[of]} IS NOT NULL AND {where} GROUP BY 1, 2
    )
    SELECT h.period, h.key AS "{of}", h.events, t.total, h.events / t.total AS share
    FROM hits h JOIN totals t USING (period)
    ORDER BY h.period, h.events DESC, h.key"""
    return con.sql(sql, params=[*date_params, *params]).to_arrow_table()
