"""Dyad series over the events table: directions, actor patterns, dense periods, dates, the chart, scale.

The helpers at the top (``events_connection``, ``insert_events``, ``synthetic_events``) build events
tables by hand; tests/test_alerts.py and tests/test_timeline_network.py import them from here.
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from typing import Any

import duckdb
import pyarrow as pa
import pytest

from eventwire.analysis.series import dyad_series, plot_dyad_series
from eventwire.errors import UsageError

# The events table of docs/analysis-contracts.md (migration 4). Used only while the store's migrations
# do not create it yet; then the store's own schema is used, so these tests follow it.
EVENTS_DDL = """
CREATE TABLE events (
    event_id VARCHAR PRIMARY KEY,
    source_code VARCHAR, source_country VARCHAR, source_sector VARCHAR,
    target_code VARCHAR, target_country VARCHAR, target_sector VARCHAR,
    cameo VARCHAR, cameo_root VARCHAR, quad_class INTEGER, goldstein DOUBLE,
    plover_type VARCHAR, plover_mode VARCHAR,
    event_date DATE, date_basis VARCHAR,
    location_name VARCHAR, location_country VARCHAR, location_admin1 VARCHAR,
    location_lat DOUBLE, location_lon DOUBLE, location_feature VARCHAR,
    num_mentions INTEGER, num_sources INTEGER, num_articles INTEGER,
    first_seen DATE, last_seen DATE,
    evidence_mention_id VARCHAR, evidence_article_id VARCHAR, evidence_sentence VARCHAR,
    confidence DOUBLE
)"""

# CAMEO code -> (root, quad class, Goldstein) for the few codes the synthetic events use.
CODES = {
    "010": ("01", 1, 0.0),
    "036": ("03", 1, 4.0),
    "057": ("05", 1, 8.0),
    "070": ("07", 2, 7.0),
    "112": ("11", 3, -2.0),
    "138": ("13", 3, -7.0),
    "190": ("19", 4, -10.0),
    "195": ("19", 4, -10.0),
}


def events_connection() -> duckdb.DuckDBPyConnection:
    """An in-memory database with an empty ``events`` table (the store's schema once it has one)."""
    con = duckdb.connect()
    from eventwire.store import migrations

    if migrations.LATEST_VERSION >= 4:
        migrations.migrate(con, path=":memory:")
    else:
        con.execute(EVENTS_DDL)
    return con


def event_row(
    event_id: str,
    source: str | None,
    target: str | None,
    cameo: str,
    day: date | str | None,
    *,
    mentions: int = 1,
    first_seen: date | str | None = None,
    sentence: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """One events row; country and sector are split off the codes (``USAMIL`` -> USA, MIL)."""
    root, quad, goldstein = CODES[cameo]
    event_date = date.fromisoformat(day) if isinstance(day, str) else day
    seen = date.fromisoformat(first_seen) if isinstance(first_seen, str) else first_seen
    row = {
        "event_id": event_id,
        "source_code": source,
        "source_country": source[:3] if source else None,
        "source_sector": (source[3:] or None) if source else None,
        "target_code": target,
        "target_country": target[:3] if target else None,
        "target_sector": (target[3:] or None) if target else None,
        "cameo": cameo,
        "cameo_root": root,
        "quad_class": quad,
        "goldstein": goldstein,
        "event_date": event_date,
        "num_mentions": mentions,
        "num_sources": 1,
        "num_articles": mentions,
        "first_seen": seen or event_date,
        "last_seen": seen or event_date,
        "evidence_mention_id": f"m-{event_id}",
        "evidence_article_id": f"a-{event_id}",
        "evidence_sentence": sentence or f"sentence of {event_id}",
        "confidence": 0.9,
    }
    row.update(extra)
    return row


def insert_events(con: duckdb.DuckDBPyConnection, rows: list[dict[str, Any]]) -> None:
    """Insert rows (dicts with a subset of the events columns) by name."""
    if not rows:
        return
    new_rows = pa.Table.from_pylist(rows)  # noqa: F841  (read by DuckDB's replacement scan)
    columns = ", ".join(rows[0])
    con.execute(f"INSERT INTO events ({columns}) SELECT {columns} FROM new_rows")


def synthetic_events(con: duckdb.DuckDBPyConnection, n: int, *, seed: int = 7) -> None:
    """``n`` events over 20 countries x 4 sectors and ~3 years, generated in SQL (no Python rows)."""
    con.execute(
        """
        INSERT INTO events (event_id, source_code, source_country, target_code, target_country, cameo,
                            cameo_root, quad_class, goldstein, event_date, num_mentions, first_seen)
        WITH g AS (
            SELECT i, hash(i, ?) AS h FROM generate_series(1, ?) t(i)
        ), c AS (
            SELECT i, h,
                   ['USA','IRN','IRQ','ISR','SYR','RUS','UKR','CHN','IND','PAK','SAU','TUR','EGY','GBR',
                    'FRA','DEU','JPN','KOR','PRK','AFG'][1 + (h % 20)::INTEGER] AS src,
                   ['USA','IRN','IRQ','ISR','SYR','RUS','UKR','CHN','IND','PAK','SAU','TUR','EGY','GBR',
                    'FRA','DEU','JPN','KOR','PRK','AFG'][1 + ((h // 20) % 20)::INTEGER] AS tgt,
                   ['', 'GOV', 'MIL', 'CVL'][1 + ((h // 400) % 4)::INTEGER] AS s_sec,
                   ['', 'GOV', 'MIL', 'CVL'][1 + ((h // 1600) % 4)::INTEGER] AS t_sec,
                   1 + ((h // 6400) % 4)::INTEGER AS quad,
                   (DATE '2019-01-01' + ((h // 25600) % 1100)::INTEGER) AS day,
                   1 + ((h // 2816000) % 5)::INTEGER AS mentions
            FROM g
        )
        SELECT 'e' || i, src || s_sec, src, tgt || t_sec, tgt,
               ['057', '070', '112', '190'][quad], ['05', '07', '11', '19'][quad], quad,
               [8.0, 7.0, -2.0, -10.0][quad], day, mentions, day
        FROM c
        """,
        [seed, n],
    )


# ----------------------------------------------------------------------------------------------- tests


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    con = events_connection()
    insert_events(
        con,
        [
            event_row("e1", "USAMIL", "IRN", "195", "2020-01-03", mentions=40),
            event_row("e2", "IRNMIL", "USAMIL", "195", "2020-01-08", mentions=120),
            event_row("e3", "IRN", "USA", "138", "2020-01-08", mentions=10),
            event_row("e4", "USAGOV", "IRNGOV", "112", "2020-01-08", mentions=5),
            # no event date: counted on the first publication date
            event_row("e5", "IRNGOV", "USA", "036", None, first_seen="2020-01-09", mentions=2),
            # not the dyad
            event_row("e6", "IGOUNO", "IRQ", "010", "2020-01-08"),
            event_row("e7", "IRQGOV", "USA", "112", "2020-01-08"),
            # a bare 4-letter code is not matched by the 3-letter prefix pattern's exact fallback
            event_row("e8", "USA", None, "057", "2020-01-08"),
        ],
    )
    return con


def rows_by(table: pa.Table) -> dict[tuple[date, str], dict[str, Any]]:
    return {(r["period"], r["direction"]): r for r in table.to_pylist()}


def test_daily_series_counts_each_direction_and_both(con):
    table = dyad_series(con, "USA", "IRN", by="day")
    assert table.column_names == [
        "period", "direction", "events", "mentions", "quad1", "quad2", "quad3", "quad4",
        "goldstein_sum", "goldstein_mean",
    ]  # fmt: skip
    rows = rows_by(table)
    spike = rows[(date(2020, 1, 8), "b->a")]
    assert (spike["events"], spike["mentions"], spike["quad3"], spike["quad4"]) == (2, 130, 1, 1)
    assert spike["goldstein_sum"] == pytest.approx(-17.0)
    assert spike["goldstein_mean"] == pytest.approx(-8.5)
    assert rows[(date(2020, 1, 8), "a->b")]["events"] == 1
    both = rows[(date(2020, 1, 8), "both")]
    assert (both["events"], both["mentions"], both["quad3"], both["quad4"]) == (3, 135, 2, 1)
    assert rows[(date(2020, 1, 3), "a->b")]["quad4"] == 1
    assert rows[(date(2020, 1, 9), "b->a")]["quad1"] == 1  # e5, dated by first_seen


def test_series_is_dense_with_zero_periods_and_null_mean(con):
    table = dyad_series(con, "USA", "IRN", by="day")
    periods = sorted(set(table.column("period").to_pylist()))
    assert periods == [date(2020, 1, 3) + timedelta(days=i) for i in range(7)]
    assert table.num_rows == 7 * 3
    quiet = rows_by(table)[(date(2020, 1, 5), "both")]
    assert (quiet["events"], quiet["mentions"], quiet["quad4"], quiet["goldstein_sum"]) == (0, 0, 0, 0.0)
    assert quiet["goldstein_mean"] is None
    assert table.column("direction").to_pylist()[:3] == ["a->b", "b->a", "both"]


def test_weekly_and_monthly_periods_start_on_monday_and_the_first(con):
    weekly = dyad_series(con, "USA", "IRN", by="week")
    assert sorted(set(weekly.column("period").to_pylist())) == [date(2019, 12, 30), date(2020, 1, 6)]
    week2 = rows_by(weekly)[(date(2020, 1, 6), "both")]
    assert week2["events"] == 4
    monthly = dyad_series(con, "USA", "IRN", by="month")
    assert rows_by(monthly)[(date(2020, 1, 1), "both")]["events"] == 5


def test_date_bounds_filter_and_extend_the_grid(con):
    table = dyad_series(con, "USA", "IRN", by="day", date_from="2020-01-01", date_to=date(2020, 1, 8))
    periods = sorted(set(table.column("period").to_pylist()))
    assert periods[0] == date(2020, 1, 1)
    assert periods[-1] == date(2020, 1, 8)
    assert sum(r["events"] for r in table.to_pylist() if r["direction"] == "both") == 4  # e5 (Jan 9) out


def test_actor_patterns_sectors_and_globs(con):
    mil = rows_by(dyad_series(con, "*MIL", "IRN*", by="month"))[(date(2020, 1, 1), "both")]
    assert mil["events"] == 2  # e1 USAMIL->IRN, e2 IRNMIL->USAMIL
    exact = rows_by(dyad_series(con, "USAGOV", "IRNGOV", by="month"))[(date(2020, 1, 1), "a->b")]
    assert exact["events"] == 1
    assert dyad_series(con, "IGO*", "USA").num_rows == 0


def test_an_event_matching_both_directions_counts_once_in_both(con):
    assert dyad_series(con, "USA*", "USA*", by="month").num_rows == 0
    insert_events(con, [event_row("e9", "USAGOV", "USAMIL", "010", "2020-01-10")])
    table = rows_by(dyad_series(con, "USA*", "USA*", by="month"))
    assert table[(date(2020, 1, 1), "a->b")]["events"] == 1
    assert table[(date(2020, 1, 1), "b->a")]["events"] == 1
    assert table[(date(2020, 1, 1), "both")]["events"] == 1


def test_no_match_gives_an_empty_table_with_the_schema(con):
    table = dyad_series(con, "CHN", "IND")
    assert table.num_rows == 0
    assert "goldstein_mean" in table.column_names


def test_user_values_are_parameters_not_sql(con):
    assert dyad_series(con, "USA' OR 1=1 --", "IRN").num_rows == 0


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"by": "year"}, "E460"),
        ({"date_from": "2020-13-01"}, "E461"),
        ({"date_from": "2020-02-01", "date_to": "2020-01-01"}, "E461"),
    ],
)
def test_bad_arguments_raise_usage_errors(con, kwargs, code):
    with pytest.raises(UsageError) as info:
        dyad_series(con, "USA", "IRN", **kwargs)
    assert info.value.code == code


def test_empty_actor_pattern_is_rejected(con):
    with pytest.raises(UsageError):
        dyad_series(con, " ", "IRN")


def test_plot_writes_png_and_valid_svg(con, tmp_path):
    table = dyad_series(con, "USA", "IRN", by="day")
    png = plot_dyad_series(table, tmp_path / "dyad.png", title="USA – IRN", alerts=[date(2020, 1, 8)])
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 10_000
    svg = plot_dyad_series(table, tmp_path / "dyad.svg", labels=("USA", "IRN"))
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    assert "Goldstein mean" in svg.read_text()


def test_plot_of_an_empty_series_still_writes_a_chart(con, tmp_path):
    out = plot_dyad_series(dyad_series(con, "CHN", "IND"), tmp_path / "empty.png")
    assert out.stat().st_size > 0


def test_plot_rejects_other_formats_and_tables(con, tmp_path):
    table = dyad_series(con, "USA", "IRN")
    with pytest.raises(UsageError) as info:
        plot_dyad_series(table, tmp_path / "dyad.pdf")
    assert info.value.code == "E462"
    with pytest.raises(UsageError):
        plot_dyad_series(pa.table({"x": [1]}), tmp_path / "dyad.png")


@pytest.mark.slow
def test_one_million_events_series_matches_a_direct_count():
    con = events_connection()
    synthetic_events(con, 1_000_000)
    started = time.perf_counter()
    table = dyad_series(con, "USA", "IRN", by="week")
    elapsed = time.perf_counter() - started
    expected = con.execute(
        "SELECT count(*) FROM events WHERE (source_country = 'USA' AND target_country = 'IRN') "
        "OR (source_country = 'IRN' AND target_country = 'USA')"
    ).fetchall()[0][0]
    both = sum(r["events"] for r in table.to_pylist() if r["direction"] == "both")
    assert both == expected > 1000
    print(f"dyad_series USA IRN by week over 1M events: {elapsed * 1000:.0f} ms")
