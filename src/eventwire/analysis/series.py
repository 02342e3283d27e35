"""Dyad time series over the ``events`` table, and a chart of them.

A dyad is two actor patterns ``a`` and ``b`` (as in ``eventwire.store.filters``: ``USA`` is the USA and
its sectors, ``IRN*``/``IGO*``/``*MIL`` are globs). Each period gets three rows: ``a->b`` (source
matches ``a`` and target matches ``b``), ``b->a``, and ``both`` (either; an event that matches both
directions is counted once there). An event's date is its ``event_date``, else its ``first_seen`` (the
earliest publication date of its mentions); events with neither are left out. Periods start on their
first day: ``day``, ``week`` (ISO weeks, starting Monday) or ``month``.

The series is dense: every period from the first to the last (or from ``date_from`` to ``date_to`` when
given) is present, with zero counts where nothing happened (``goldstein_mean`` is then null: the mean of
no events is unknown, not neutral).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import UsageError
from ..store.filters import as_date, code_pattern

__all__ = [
    "DIRECTIONS",
    "MAX_PERIODS",
    "PERIODS",
    "check_period_count",
    "dyad_series",
    "effective_date_sql",
    "period_bounds",
    "period_count",
    "plot_dyad_series",
]

PERIODS = ("day", "week", "month")
DIRECTIONS = ("a->b", "b->a", "both")

# The date an event is counted on: when it happened, else when it was first reported.
EFFECTIVE_DATE = "coalesce(event_date, first_seen)"

_STEP = {"day": "INTERVAL 1 DAY", "week": "INTERVAL 7 DAY", "month": "INTERVAL 1 MONTH"}
#: Periods one series may span (5,000 days is 13 years; by week, 96 years). A longer span is refused with
#: UsageError E465 rather than filled period by period (0001-01-01..9999-12-31 by day is 3.65 million rows).
MAX_PERIODS = 5_000


def effective_date_sql() -> str:
    """SQL for the date an event counts on (``event_date``, else ``first_seen``)."""
    return EFFECTIVE_DATE


def check_period(by: str) -> str:
    """``by`` validated (``day``, ``week`` or ``month``); raises UsageError E460 otherwise."""
    if by not in PERIODS:
        raise UsageError(f"by must be one of {', '.join(PERIODS)}, got {by!r}", code="E460")
    return by


def period_step_sql(by: str) -> str:
    """The SQL interval between the starts of two consecutive periods."""
    return _STEP[check_period(by)]


def period_bounds(
    date_from: date | str | None, date_to: date | str | None
) -> tuple[date | None, date | None]:
    """The two date bounds validated; raises UsageError E461 when ``date_from`` is after ``date_to``."""
    lo, hi = as_date(date_from, "date_from", code="E461"), as_date(date_to, "date_to", code="E461")
    if lo is not None and hi is not None and lo > hi:
        raise UsageError(f"date_from {lo} is after date_to {hi}", code="E461")
    return lo, hi


def period_count(lo: date, hi: date, by: str) -> int:
    """Periods of length ``by`` from the one holding ``lo`` to the one holding ``hi``, both included."""
    check_period(by)
    if by == "month":
        return (hi.year - lo.year) * 12 + hi.month - lo.month + 1
    if by == "week":
        return (hi - timedelta(days=hi.weekday()) - (lo - timedelta(days=lo.weekday()))).days // 7 + 1
    return (hi - lo).days + 1


def check_period_count(lo: date | None, hi: date | None, by: str, *, max_periods: int = MAX_PERIODS) -> None:
    """Raise UsageError E465 when ``lo``..``hi`` spans more than ``max_periods`` periods of ``by``."""
    if lo is None or hi is None:
        return
    count = period_count(lo, hi, by)
    if count > max_periods:
        raise UsageError(
            f"{lo}..{hi} by {by} is {count:,} periods, more than {max_periods:,}: narrow from/to or count by a "
            "longer period",
            code="E465",
        )


def date_filter_sql(lo: date | None, hi: date | None) -> tuple[str, list[Any]]:
    """``AND``-able SQL (possibly ``TRUE``) keeping events whose effective date is in ``[lo, hi]``."""
    where, params = ["TRUE"], []
    if lo is not None:
        where.append(f"{EFFECTIVE_DATE} >= ?")
        params.append(lo)
    if hi is not None:
        where.append(f"{EFFECTIVE_DATE} <= ?")
        params.append(hi)
    return " AND ".join(where), params


def fetch_arrow(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> pa.Table:
    """Run ``sql`` with ``?`` parameters and return the result as one Arrow table."""
    return con.sql(sql, params=params).to_arrow_table()


def dyad_direction_sql(a: str, b: str) -> tuple[tuple[str, list[Any]], tuple[str, list[Any]]]:
    """Boolean SQL over ``events`` for ``a->b`` and for ``b->a``, each with its parameters."""

    def directed(source: str, target: str) -> tuple[str, list[Any]]:
        s_sql, s_params = code_pattern("source_code", source)
        t_sql, t_params = code_pattern("target_code", target)
        return f"coalesce({s_sql} AND {t_sql}, false)", [*s_params, *t_params]

    return directed(a, b), directed(b, a)


def dyad_series(
    con: duckdb.DuckDBPyConnection,
    a: str,
    b: str,
    *,
    by: str = "day",
    date_from: date | str | None = None,
    date_to: date | str | None = None,
    max_periods: int = MAX_PERIODS,
) -> pa.Table:
    """Counts per period and direction for the dyad ``a``/``b`` (see module doc).

    Columns: ``period`` (DATE, first day), ``direction`` (``a->b``, ``b->a``, ``both``), ``events``,
    ``mentions`` (sum of ``num_mentions``), ``quad1`` .. ``quad4`` (event counts per GDELT quad class),
    ``goldstein_sum``, ``goldstein_mean``. Ordered by period, then direction in that order. Empty when
    no event matches and no date bounds are given. Raises UsageError E465 when the periods from
    ``date_from`` (else the dyad's first event) to ``date_to`` (else its last) are more than ``max_periods``.
    """
    check_period(by)
    lo, hi = period_bounds(date_from, date_to)
    check_period_count(lo, hi, by, max_periods=max_periods)  # at once, before any query
    (ab_sql, ab_params), (ba_sql, ba_params) = dyad_direction_sql(a, b)
    date_sql, date_params = date_filter_sql(lo, hi)
    if lo is None or hi is None:
        first, last = con.execute(
            f"SELECT min({EFFECTIVE_DATE}), max({EFFECTIVE_DATE}) FROM events WHERE ({ab_sql} OR {ba_sql}) AND {date_sql}",
            [*ab_params, *ba_params, *date_params],
        ).fetchall()[0]
        if first is not None:
            check_period_count(lo or first, hi or last, by, max_periods=max_periods)
    sql = f"""
    WITH matched AS (
        SELECT date_trunc('{by}', {EFFECTIVE_DATE})::DATE AS period, num_mentions, quad_class, goldstein,
               {ab_sql} AS ab, {ba_sql} AS ba
        FROM events
        WHERE {date_sql}
    ),
    dyad AS (SELECT * FROM matched WHERE (ab OR ba) AND period IS NOT NULL),
    directions(direction, ord) AS (VALUES ('a->b', 0), ('b->a', 1), ('both', 2)),
    counted AS (
        SELECT period, direction,
               count(*) AS events,
               coalesce(sum(num_mentions), 0) AS mentions,
               count(*) FILTER (WHERE quad_class = 1) AS quad1,
               count(*) FILTER (WHERE quad_class = 2) AS quad2,
               count(*) FILTER (WHERE quad_class = 3) AS quad3,
               count(*) FILTER (WHERE quad_class = 4) AS quad4,
               coalesce(sum(goldstein), 0) AS goldstein_sum,
               avg(goldstein) AS goldstein_mean
        FROM dyad JOIN directions
          ON (ord = 0 AND ab) OR (ord = 1 AND ba) OR ord = 2
        GROUP BY period, direction
    ),
    bounds AS (
        SELECT coalesce(date_trunc('{by}', ?::DATE)::DATE, min(period)) AS lo,
               coalesce(date_trunc('{by}', ?::DATE)::DATE, max(period)) AS hi
        FROM dyad
    ),
    grid AS (
        SELECT unnest(generate_series(lo::TIMESTAMP, hi::TIMESTAMP, {_STEP[by]}))::DATE AS period
        FROM bounds WHERE lo IS NOT NULL AND hi IS NOT NULL
    )
    SELECT grid.period, directions.direction,
           coalesce(events, 0)::BIGINT AS events,
           coalesce(mentions, 0)::BIGINT AS mentions,
           coalesce(quad1, 0)::BIGINT AS quad1,
           coalesce(quad2, 0)::BIGINT AS quad2,
           coalesce(quad3, 0)::BIGINT AS quad3,
           coalesce(quad4, 0)::BIGINT AS quad4,
           coalesce(goldstein_sum, 0)::DOUBLE AS goldstein_sum,
           goldstein_mean::DOUBLE AS goldstein_mean
    FROM grid CROSS JOIN directions
    LEFT JOIN counted ON counted.period = grid.period AND counted.direction = directions.direction
    ORDER BY grid.period, directions.ord
    """
    return fetch_arrow(con, sql, [*ab_params, *ba_params, *date_params, lo, hi])


# --- the chart -------------------------------------------------------------------------------------------

_QUAD_STYLE = (
    # (column, label, colour, sign): cooperation above zero, conflict below.
    ("quad2", "material cooperation", "#1a7f37", 1),
    ("quad1", "verbal cooperation", "#8fd19e", 1),
    ("quad3", "verbal conflict", "#f4a261", -1),
    ("quad4", "material conflict", "#b42318", -1),
)


def plot_dyad_series(
    table: pa.Table,
    path: str | Path,
    *,
    title: str | None = None,
    alerts: pa.Table | Sequence[date] | None = None,
    labels: tuple[str, str] = ("A", "B"),
) -> Path:
    """Draw a ``dyad_series`` table to ``path`` (``.png`` or ``.svg``) and return the path.

    Top panel: events of both directions per period as diverging bars, cooperation (quad classes 1-2)
    up and conflict (3-4) down, with the Goldstein mean (right axis, -10..+10) as a line. Bottom panel:
    events per period in each direction. ``alerts`` (an ``alerts`` table, or period start dates) are
    marked as shaded periods with a triangle. ``labels`` name the two sides of the dyad in the legend.
    Raises UsageError E462 for another file type or a table without the series columns.
    """
    out = Path(path)
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in ("png", "svg"):
        raise UsageError(f"the chart is written as .png or .svg, got {out.name!r}", code="E462")
    missing = {"period", "direction", "events", "quad1", "quad2", "quad3", "quad4", "goldstein_mean"} - set(
        table.column_names
    )
    if missing:
        raise UsageError(f"not a dyad series table: missing {sorted(missing)}", code="E462")

    # Imported here: matplotlib takes a few hundred ms to import and only this function needs it.
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    rows = table.to_pydict()
    by_direction: dict[str, dict[str, list[Any]]] = {d: {} for d in DIRECTIONS}
    for i, direction in enumerate(rows["direction"]):
        series = by_direction[direction]
        for column, values in rows.items():
            series.setdefault(column, []).append(values[i])
    both = by_direction["both"]
    periods: list[date] = both.get("period", [])
    step = _period_days(periods)
    width = 0.85 * step
    # Plotted as datetimes: a date plus a fraction of a day would drop the fraction.
    starts = [datetime.combine(p, time()) for p in periods]

    fig = Figure(figsize=(11, 6.5), layout="constrained")
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=(3, 1.3))
    if periods:
        up = [0.0] * len(periods)
        down = [0.0] * len(periods)
        for column, label, colour, sign in _QUAD_STYLE:
            values = [float(v) for v in both[column]]
            base = up if sign > 0 else down
            heights = [sign * v for v in values]
            top.bar(starts, heights, width=width, bottom=base, color=colour, label=label, align="edge")
            for i, v in enumerate(values):
                base[i] += sign * v
        right = top.twinx()
        right.plot(
            [s + timedelta(days=width / 2) for s in starts],
            [float("nan") if m is None else m for m in both["goldstein_mean"]],
            color="#1f2937",
            marker="o",
            markersize=3,
            linewidth=1.4,
            label="Goldstein mean",
        )
        right.set_ylim(-10.5, 10.5)
        right.set_ylabel("Goldstein mean (-10 conflict .. +10 cooperation)")
        right.axhline(0, color="#9ca3af", linewidth=0.6, linestyle=":")
        handles, names = top.get_legend_handles_labels()
        more_handles, more_names = right.get_legend_handles_labels()
        top.legend(
            handles + more_handles,
            names + more_names,
            loc="lower left",
            bbox_to_anchor=(0, 1.0),
            fontsize=8,
            ncols=5,
            frameon=False,
        )
        # Symmetric limits put the zero of the bars on the zero of the Goldstein axis.
        reach = max([*up, *(-d for d in down), 1.0]) * 1.08
        top.set_ylim(-reach, reach)
        a_label, b_label = labels
        for direction, colour, label in (
            ("a->b", "#2563eb", f"{a_label} → {b_label}"),
            ("b->a", "#d97706", f"{b_label} → {a_label}"),
        ):
            series = by_direction[direction]
            # One more step to the end of the last period, so that period shows as wide as the others.
            ends = [*starts, starts[-1] + timedelta(days=step)]
            bottom.step(
                ends,
                [*series["events"], series["events"][-1]],
                where="post",
                color=colour,
                label=label,
                linewidth=1.4,
            )
        bottom.legend(loc="upper left", fontsize=8)
        for start in (datetime.combine(p, time()) for p in _alert_periods(alerts)):
            for axis in (top, bottom):
                axis.axvspan(start, start + timedelta(days=step), color="#fde68a", alpha=0.5, zorder=0)
            top.annotate(
                "▲ alert", (start, 0), xycoords=("data", "axes fraction"), fontsize=7, color="#b42318"
            )
        bottom.set_xlim(*_x_limits(starts, step))
        bottom.set_ylim(bottom=0)
    else:
        top.text(0.5, 0.5, "no events", transform=top.transAxes, ha="center", va="center")
    top.axhline(0, color="#374151", linewidth=0.8)
    top.set_ylabel("events (cooperation ↑, conflict ↓)")
    top.yaxis.set_major_formatter(FuncFormatter(lambda value, _pos: f"{abs(value):g}"))
    bottom.set_ylabel("events by direction")
    locator = AutoDateLocator()
    bottom.xaxis.set_major_locator(locator)
    bottom.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    top.set_title(title or f"{labels[0]} – {labels[1]}", pad=24)
    fig.savefig(out, format=fmt, dpi=120)
    return out


def _period_days(periods: list[date]) -> int:
    """The length of a period in days: the shortest gap between periods (one day for a single period)."""
    gaps = [(b - a).days for a, b in pairwise(periods) if b > a]
    return min(gaps) if gaps else 1


def _x_limits(starts: list[datetime], step: int) -> tuple[datetime, datetime]:
    """Half a period of margin on each side, and at least eight periods wide so few bars stay narrow."""
    lo = starts[0] - timedelta(days=step / 2)
    hi = starts[-1] + timedelta(days=step * 1.5)
    short = timedelta(days=8 * step) - (hi - lo)
    if short > timedelta(0):
        lo, hi = lo - short / 2, hi + short / 2
    return lo, hi


def _alert_periods(alerts: pa.Table | Sequence[date] | None) -> list[date]:
    if alerts is None:
        return []
    if isinstance(alerts, pa.Table):
        if "period" not in alerts.column_names:
            raise UsageError("an alerts table needs a 'period' column", code="E462")
        return sorted(set(alerts.column("period").to_pylist()))
    return sorted({as_date(a, "alert period", code="E461") for a in alerts})  # type: ignore[misc]
