"""Synthetic stores of N mentions for the dedup (and dyad-series) benchmarks, generated in DuckDB SQL.

Mentions are reports of ``N / REPORTS_PER_EVENT`` underlying happenings (skewed: a few are reported very
often, most once or twice), each report varying the way real ones do: a missing target, a dropped sector,
a vaguer code (``190`` for ``195``), a date one day off, a precise point jittered by up to ~20 km, only the
country, or no place at all; a few are negated or hypothetical. Six mentions per article, 300 outlets,
``MENTIONS_PER_DAY`` reports a day. Same ``n`` and ``seed``, same store.

    python benchmarks/synthetic_store.py 100000 --out /tmp/syn100k.duckdb    # build one
    python benchmarks/synthetic_store.py --bench 10000 100000 1000000         # build and time dedup
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPORTS_PER_EVENT = 4
MENTIONS_PER_ARTICLE = 6
OUTLETS = 300
#: Mentions per day: the span grows with the store (10k: 7 days, 1M: 730 days), as a news archive does,
#: so that the daily density of reports stays that of a large real feed.
MENTIONS_PER_DAY = 1370

COUNTRIES = [
    "USA",
    "IRN",
    "IRQ",
    "RUS",
    "UKR",
    "ISR",
    "SYR",
    "TUR",
    "CHN",
    "JPN",
    "IND",
    "PAK",
    "SDN",
    "ETH",
    "NGA",
    "FRA",
    "DEU",
    "GBR",
    "EGY",
    "SAU",
    "LBN",
    "YEM",
    "AFG",
    "SOM",
    "MLI",
    "COL",
    "VEN",
    "MMR",
    "PSE",
    "KOR",
    "PRK",
    "BRA",
    "MEX",
    "ZAF",
    "KEN",
    "COD",
    "LBY",
    "QAT",
    "ARE",
    "JOR",
]
SECTORS = ["", "GOV", "MIL", "COP", "CVL", "REB", "GOV", "MIL"]
CODES = [
    ("010", 0.0, 1),
    ("020", 3.0, 1),
    ("0256", -0.3, 1),
    ("036", 4.0, 1),
    ("042", 1.9, 1),
    ("043", 2.8, 1),
    ("057", 8.0, 1),
    ("111", -2.0, 3),
    ("112", -2.0, 3),
    ("130", -4.4, 3),
    ("138", -7.0, 3),
    ("163", -8.0, 3),
    ("173", -5.0, 4),
    ("180", -9.0, 4),
    ("190", -10.0, 4),
    ("193", -10.0, 4),
    ("195", -10.0, 4),
    ("1831", -9.5, 4),
    ("141", -6.5, 3),
    ("0871", 9.0, 2),
]


def _values(rows: list[tuple[object, ...]]) -> str:
    def lit(v: object) -> str:
        return f"'{v}'" if isinstance(v, str) else repr(v)

    return ", ".join("(" + ", ".join(lit(v) for v in row) + ")" for row in rows)


def build_synthetic_store(path: str | Path, n_mentions: int, *, seed: int = 7) -> Path:
    """Create (or replace) a store at ``path`` holding ``n_mentions`` synthetic mentions and their articles."""
    from eventwire.store import Store

    path = Path(path)
    if path.exists():
        path.unlink()
    n_events = max(1, n_mentions // REPORTS_PER_EVENT)
    days = max(1, round(n_mentions / MENTIONS_PER_DAY))
    with Store.open(path) as store:
        con = store._connection()
        con.execute(
            f"CREATE TEMP TABLE cc AS SELECT * FROM (VALUES {_values([(i, c) for i, c in enumerate(COUNTRIES)])}) t(i, c)"
        )
        con.execute(
            f"CREATE TEMP TABLE ss AS SELECT * FROM (VALUES {_values([(i, s) for i, s in enumerate(SECTORS)])}) t(i, s)"
        )
        con.execute(
            f"CREATE TEMP TABLE codes AS SELECT * FROM (VALUES {_values([(i, *c) for i, c in enumerate(CODES)])})"
            " t(i, code, goldstein, quad)"
        )
        # Underlying happenings.
        con.execute(f"""
            CREATE TEMP TABLE ev AS
            SELECT e,
                   hash(e, {seed}, 1) % {len(COUNTRIES)} AS sci,
                   (hash(e, {seed}, 1) % {len(COUNTRIES)} + 1 + hash(e, {seed}, 2) % {len(COUNTRIES) - 1})
                       % {len(COUNTRIES)} AS tci,
                   hash(e, {seed}, 3) % {len(SECTORS)} AS ssi, hash(e, {seed}, 4) % {len(SECTORS)} AS tsi,
                   hash(e, {seed}, 5) % {len(CODES)} AS ci,
                   DATE '2018-01-01' + CAST(hash(e, {seed}, 6) % {days} AS INTEGER) AS d,
                   -35 + (hash(e, {seed}, 7) % 7000) / 100.0 AS lat,
                   -100 + (hash(e, {seed}, 8) % 20000) / 100.0 AS lon
            FROM range({n_events}) t(e)""")
        con.execute(f"""
            CREATE TEMP TABLE raw AS
            SELECT i, CAST(floor({n_events} * pow((hash(i, {seed}, 10) % 1000000) / 1e6, 2)) AS BIGINT) AS e,
                   i // {MENTIONS_PER_ARTICLE} AS art,
                   (hash(i, {seed}, 11) % 1000) / 1000.0 AS u1, (hash(i, {seed}, 12) % 1000) / 1000.0 AS u2,
                   (hash(i, {seed}, 13) % 1000) / 1000.0 AS u3, (hash(i, {seed}, 14) % 1000) / 1000.0 AS u4,
                   (hash(i, {seed}, 15) % 1000) / 1000.0 AS u5, (hash(i, {seed}, 16) % 1000) / 1000.0 AS u6
            FROM range({n_mentions}) t(i)""")
        con.execute(f"""
            INSERT INTO mentions BY NAME
            SELECT substr(md5('m' || r.i), 1, 20) AS mention_id,
                   'art' || lpad(CAST(r.art AS VARCHAR), 8, '0') AS article_id,
                   CAST(r.i % {MENTIONS_PER_ARTICLE} AS INTEGER) AS sentence_index,
                   'Synthetic report ' || r.i || ' of happening ' || r.e || '.' AS sentence,
                   ev.d + CAST(hash(r.art, {seed}) % 3 AS INTEGER) AS publication_date,
                   ev.d + CASE WHEN r.u3 < 0.15 THEN 1 ELSE 0 END AS event_date,
                   'relative' AS date_basis,
                   sc.c || CASE WHEN r.u2 < 0.10 THEN '' ELSE s1.s END AS source_code,
                   sc.c AS source_country,
                   CASE WHEN r.u2 < 0.10 OR s1.s = '' THEN NULL ELSE s1.s END AS source_sector,
                   CASE WHEN r.u1 < 0.15 THEN NULL WHEN r.u1 < 0.20 AND s2.s <> '' THEN s2.s
                        ELSE tc.c || s2.s END AS target_code,
                   CASE WHEN r.u1 < 0.20 AND (r.u1 < 0.15 OR s2.s <> '') THEN NULL ELSE tc.c END AS target_country,
                   CASE WHEN r.u1 < 0.15 OR s2.s = '' THEN NULL ELSE s2.s END AS target_sector,
                   CASE WHEN r.u4 < 0.10 THEN left(k.code, 2) || '0' ELSE k.code END AS cameo,
                   left(k.code, 2) AS cameo_root,
                   k.goldstein, k.quad AS quad_class,
                   CASE WHEN r.u5 < 0.5 THEN 'Place ' || r.e WHEN r.u5 < 0.75 THEN tc.c END AS location_name,
                   CASE WHEN r.u5 < 0.75 THEN tc.c END AS location_country,
                   CASE WHEN r.u5 < 0.5 THEN ev.lat + (r.u6 - 0.5) * 0.3 END AS location_lat,
                   CASE WHEN r.u5 < 0.5 THEN ev.lon + (r.u6 - 0.5) * 0.3 END AS location_lon,
                   CASE WHEN r.u5 < 0.5 THEN 'city' WHEN r.u5 < 0.75 THEN 'country' END AS location_feature,
                   CASE WHEN r.u5 < 0.5 THEN 'attached' WHEN r.u5 < 0.75 THEN 'article' END AS location_basis,
                   'x' AS trigger_text, CAST(r.i % 97 AS INTEGER) AS trigger_start,
                   CAST(r.i % 97 AS INTEGER) + 1 AS trigger_end,
                   r.u6 < 0.04 AS negated, r.u6 >= 0.04 AND r.u6 < 0.07 AS hypothetical,
                   0.5 + (hash(r.i, {seed}, 17) % 45) / 100.0 AS confidence
            FROM raw r JOIN ev USING (e)
            JOIN cc sc ON sc.i = ev.sci JOIN cc tc ON tc.i = ev.tci
            JOIN ss s1 ON s1.i = ev.ssi JOIN ss s2 ON s2.i = ev.tsi JOIN codes k ON k.i = ev.ci""")
        con.execute(f"""
            INSERT INTO articles BY NAME
            SELECT article_id AS id, min(publication_date) AS date, 'outlet' || (hash(article_id, {seed}) % {OUTLETS})
                   AS source, 'synthetic' AS origin, '' AS text, 0 AS n_chars
            FROM mentions GROUP BY article_id""")
    return path


def bench(sizes: list[int], *, workdir: Path) -> list[dict[str, float]]:
    """Build a store per size and time a full dedup and an incremental one (one new article)."""
    import duckdb

    from eventwire.analysis.dedup import update_events
    from eventwire.analysis.series import dyad_series

    rows = []
    for n in sizes:
        path = workdir / f"synthetic_{n}.duckdb"
        t0 = time.perf_counter()
        build_synthetic_store(path, n)
        built = time.perf_counter() - t0
        con = duckdb.connect(str(path))
        try:
            full = update_events(con)
            # Incremental: re-code one existing article (its mentions get new ids) and add one new article.
            con.execute("""
                UPDATE mentions SET event_id = NULL, mention_id = 'x' || mention_id
                WHERE article_id = (SELECT min(article_id) FROM mentions)""")
            t1 = time.perf_counter()
            inc = update_events(con, [con.execute("SELECT min(article_id) FROM mentions").fetchall()[0][0]])
            inc_seconds = time.perf_counter() - t1
            events = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
            # Dyad series for one pair over the whole store (best of 3: the first run warms DuckDB's caches).
            pair = con.execute("""
                SELECT source_country, target_country FROM events WHERE source_country IS NOT NULL
                AND target_country IS NOT NULL GROUP BY ALL ORDER BY count(*) DESC LIMIT 1""").fetchall()[0]
            series_s = min(_timed(dyad_series, con, pair[0], pair[1], by="week") for _ in range(3))
        finally:
            con.close()
        rows.append(
            {
                "mentions": n,
                "eligible": full.mentions,
                "events": events,
                "build_s": round(built, 2),
                "dedup_full_s": full.seconds,
                "dedup_incremental_s": round(inc_seconds, 3),
                "incremental_region": inc.mentions,
                "dyad_series_week_s": round(series_s, 3),
            }
        )
    return rows


def _timed(run, *args, **kwargs) -> float:
    start = time.perf_counter()
    run(*args, **kwargs)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int)
    parser.add_argument("--out", help="build one store (of the first size) at this path")
    parser.add_argument("--bench", action="store_true", help="build each size and time dedup")
    args = parser.parse_args(argv)
    if args.bench or not args.out:
        sizes = args.sizes or [10_000, 100_000, 1_000_000]
        with tempfile.TemporaryDirectory() as tmp:
            rows = bench(sizes, workdir=Path(tmp))
        header = list(rows[0])
        print(" | ".join(header))
        for row in rows:
            print(" | ".join(str(row[h]) for h in header))
        return 0
    build_synthetic_store(args.out, args.sizes[0] if args.sizes else 10_000)
    return 0


if __name__ == "__main__":
    sys.exit(main())
