"""Escalation alerts: dyad-periods whose conflict count is improbably high for the dyad's own recent past.

The method is described in docs/alerts.md. In short, per directed dyad and period: the count of
material-conflict events (quad class 4, or the classes given) is compared with a negative-binomial (or,
without over-dispersion, Poisson) distribution whose mean and variance come from the dyad's trailing
window of periods; the score is ``-log10`` of the upper-tail probability ``P(X >= observed)``. Everything
runs in one DuckDB query (the tail sums are SQL over ``lgamma``), so it scales with the events table, not
with Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import UsageError
from .series import (
    EFFECTIVE_DATE,
    MAX_PERIODS,
    check_period,
    check_period_count,
    dyad_direction_sql,
    fetch_arrow,
    period_bounds,
    period_step_sql,
)

__all__ = ["DEFAULT_HISTORY", "DEFAULT_WINDOW", "LEVELS", "alerts"]

# Trailing baseline length and the least history (periods since the dyad's first event) before a
# period may raise an alert, per period length: eight weeks of days, half a year of weeks, a year of months.
DEFAULT_WINDOW = {"day": 56, "week": 26, "month": 12}
DEFAULT_HISTORY = {"day": 14, "week": 8, "month": 6}
LEVELS = ("country", "code")

# Below this the tail is taken from 1 - CDF; above it float rounding would swamp it, so the tail is
# bounded instead by the first term times a geometric series (see docs/alerts.md).
_EXACT_TAIL_FLOOR = 1e-9


def alerts(
    con: duckdb.DuckDBPyConnection,
    *,
    dyad: tuple[str, str] | None = None,
    by: str = "week",
    date_from: date | str | None = None,
    date_to: date | str | None = None,
    level: str = "country",
    quad_classes: Sequence[int] = (4,),
    window: int | None = None,
    min_history: int | None = None,
    min_count: int = 3,
    threshold: float = 4.0,
    max_event_ids: int = 25,
    max_periods: int = MAX_PERIODS,
) -> pa.Table:
    """Alerts over the ``events`` table, strongest first within each period, periods in date order.

    ``dyad`` (two actor patterns ``A``, ``B``) checks the directed series ``A->B`` and ``B->A``;
    without it every directed pair of actors is checked, at the ``level`` of ``country`` (the actor's
    country, else its code) or ``code``. ``date_from``/``date_to`` bound the periods reported (history
    before ``date_from`` still forms the baseline). A period alerts when its count is at least
    ``min_count``, above the baseline mean, the dyad has ``min_history`` earlier periods, and the score
    is at least ``threshold`` (4 = a one-in-10,000 count under the baseline).

    Columns: ``source``, ``target`` (the patterns, or the actors at ``level``), ``period`` (DATE, first
    day), ``observed`` (events of the counted quad classes), ``expected`` (baseline mean), ``score``
    (``-log10 p``), ``p_value``, ``method`` (``negbin`` or ``poisson``), ``baseline_periods``,
    ``driving_event_ids`` (the counted events of the period, most-mentioned first, at most
    ``max_event_ids``).

    Raises UsageError E465 when ``date_from``..``date_to`` spans more than ``max_periods`` periods; a
    dyad's series is filled for at most its last ``max_periods`` periods (older ones are no baseline for
    the periods reported anyway).
    """
    check_period(by)
    lo, hi = period_bounds(date_from, date_to)
    check_period_count(lo, hi, by, max_periods=max_periods)
    window = DEFAULT_WINDOW[by] if window is None else window
    min_history = min(DEFAULT_HISTORY[by], window) if min_history is None else min_history
    quads = _check(level, quad_classes, window, min_history, min_count, threshold, max_event_ids)

    upto, upto_params = ("TRUE", []) if hi is None else (f"{EFFECTIVE_DATE} <= ?", [hi])
    hit = f"quad_class IN ({', '.join(str(q) for q in quads)})"
    columns = f"event_id, date_trunc('{by}', {EFFECTIVE_DATE})::DATE AS period, {hit} AS hit, num_mentions"
    params: list[Any] = []
    if dyad is not None:
        if isinstance(dyad, str) or len(dyad) != 2:
            raise UsageError(f"dyad must be a pair (A, B), got {dyad!r}", code="E463")
        a, b = (str(p).strip().upper() for p in dyad)
        (ab_sql, ab_params), (ba_sql, ba_params) = dyad_direction_sql(a, b)
        directed = [(a, b, ab_sql, ab_params)]
        if a != b:
            directed.append((b, a, ba_sql, ba_params))
        selects = []
        for source, target, condition, condition_params in directed:
            selects.append(
                f"SELECT ? AS source, ? AS target, {columns} FROM events WHERE {condition} AND {upto}"
            )
            params += [source, target, *condition_params, *upto_params]
        base = " UNION ALL ".join(selects)
    else:
        if level == "country":
            source, target = "coalesce(source_country, source_code)", "coalesce(target_country, target_code)"
        else:
            source, target = "source_code", "target_code"
        base = (
            f"SELECT {source} AS source, {target} AS target, {columns} FROM events "
            f"WHERE {source} IS NOT NULL AND {target} IS NOT NULL AND {upto}"
        )
        params += upto_params

    report_from = "TRUE" if lo is None else f"period >= date_trunc('{by}', ?::DATE)::DATE"
    pmf_at = {
        # log of the probability mass at k, for either model (r, p, q as in docs/alerts.md).
        "poisson": "{k} * ln(mu) - mu - lgamma({k} + 1)",
        "negbin": "lgamma({k} + r) - lgamma(r) - lgamma({k} + 1) + r * ln(p) + {k} * ln(q)",
    }
    log_pmf_k = (
        f"CASE WHEN nb THEN {pmf_at['negbin'].format(k='k')} ELSE {pmf_at['poisson'].format(k='k')} END"
    )
    log_pmf_x = (
        f"CASE WHEN nb THEN {pmf_at['negbin'].format(k='observed')} "
        f"ELSE {pmf_at['poisson'].format(k='observed')} END"
    )
    sql = f"""
    WITH base AS ({base}),
    counts AS (
        SELECT source, target, period, count(*) FILTER (WHERE hit) AS x
        FROM base WHERE period IS NOT NULL GROUP BY source, target, period
    ),
    dyads AS (
        SELECT source, target, min(period) AS first_period, max(period) AS last_period
        FROM counts GROUP BY source, target HAVING max(x) >= ?
    ),
    grid AS (
        SELECT source, target,
               unnest(generate_series(greatest(first_period::TIMESTAMP,
                                               last_period::TIMESTAMP - {int(max_periods)} * {period_step_sql(by)}),
                                      last_period::TIMESTAMP, {period_step_sql(by)}))::DATE AS period
        FROM dyads
    ),
    dense AS (
        SELECT grid.source, grid.target, grid.period, coalesce(counts.x, 0) AS x
        FROM grid LEFT JOIN counts
          ON counts.source = grid.source AND counts.target = grid.target AND counts.period = grid.period
    ),
    baseline AS (
        SELECT *, count(*) OVER w AS n, coalesce(sum(x) OVER w, 0) AS sx, coalesce(sum(x * x) OVER w, 0) AS sxx
        FROM dense
        WINDOW w AS (PARTITION BY source, target ORDER BY period ROWS BETWEEN {window} PRECEDING AND 1 PRECEDING)
    ),
    fitted AS (
        SELECT source, target, period, x AS observed, n,
               greatest(sx / n, 0.5 / n) AS mu,
               CASE WHEN n > 1 THEN greatest((sxx - sx * sx / n) / (n - 1), 0) ELSE 0 END AS s2
        FROM baseline
        WHERE n >= ? AND x >= ? AND {report_from}
    ),
    model AS (
        SELECT *, s2 > mu * (1 + 1e-9) AS nb,
               CASE WHEN s2 > mu * (1 + 1e-9) THEN mu * mu / (s2 - mu) END AS r,
               CASE WHEN s2 > mu * (1 + 1e-9) THEN mu / s2 END AS p,
               CASE WHEN s2 > mu * (1 + 1e-9) THEN 1 - mu / s2 END AS q
        FROM fitted WHERE observed > mu
    ),
    lower_tail AS (
        SELECT source, target, period, sum(exp({log_pmf_k})) AS cdf_below
        FROM (SELECT *, unnest(range(observed)) AS k FROM model)
        GROUP BY source, target, period
    ),
    scored AS (
        SELECT model.*,
               CASE WHEN 1 - cdf_below > {_EXACT_TAIL_FLOOR} THEN 1 - cdf_below
                    ELSE exp({log_pmf_x}) / (1 - CASE WHEN nb THEN q * greatest(1, (observed + r) / (observed + 1))
                                                      ELSE mu / (observed + 1) END)
               END AS p_value
        FROM model JOIN lower_tail USING (source, target, period)
    ),
    flagged AS (
        SELECT *, -log10(greatest(p_value, 1e-300)) AS score FROM scored
        WHERE -log10(greatest(p_value, 1e-300)) >= ?
    ),
    drivers AS (
        SELECT base.source, base.target, base.period,
               list(base.event_id ORDER BY base.num_mentions DESC NULLS LAST, base.event_id) AS ids
        FROM base JOIN flagged
          ON base.source = flagged.source AND base.target = flagged.target AND base.period = flagged.period
        WHERE base.hit
        GROUP BY base.source, base.target, base.period
    )
    SELECT flagged.source::VARCHAR AS source, flagged.target::VARCHAR AS target, flagged.period,
           observed::BIGINT AS observed, mu::DOUBLE AS expected, score::DOUBLE AS score,
           p_value::DOUBLE AS p_value, CASE WHEN nb THEN 'negbin' ELSE 'poisson' END AS method,
           n::BIGINT AS baseline_periods, list_slice(ids, 1, ?) AS driving_event_ids
    FROM flagged JOIN drivers USING (source, target, period)
    ORDER BY period, score DESC, source, target
    """
    params += [min_count, min_history, min_count]
    if lo is not None:
        params.append(lo)
    params += [threshold, max_event_ids]
    return fetch_arrow(con, sql, params)


def _check(
    level: str,
    quad_classes: Sequence[int],
    window: int,
    min_history: int,
    min_count: int,
    threshold: float,
    max_event_ids: int,
) -> tuple[int, ...]:
    if level not in LEVELS:
        raise UsageError(f"level must be one of {', '.join(LEVELS)}, got {level!r}", code="E463")
    quads = tuple(sorted(set(quad_classes)))
    if not quads or any(isinstance(q, bool) or not isinstance(q, int) or not 1 <= q <= 4 for q in quads):
        raise UsageError(f"quad_classes must be some of 1..4, got {quad_classes!r}", code="E463")
    if not isinstance(window, int) or window < 1:
        raise UsageError(f"window must be a positive number of periods, got {window!r}", code="E463")
    if not isinstance(min_history, int) or not 1 <= min_history <= window:
        raise UsageError(f"min_history must be 1..window ({window}), got {min_history!r}", code="E463")
    if min_count < 1:
        raise UsageError(f"min_count must be at least 1, got {min_count!r}", code="E463")
    if not threshold > 0:
        raise UsageError(f"threshold must be above 0, got {threshold!r}", code="E463")
    if max_event_ids < 1:
        raise UsageError(f"max_event_ids must be at least 1, got {max_event_ids!r}", code="E463")
    return quads
