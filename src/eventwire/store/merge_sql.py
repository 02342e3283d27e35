"""The SQL of the merge stage: eligible mentions, candidate pairs, clustering a region into events.

The rules are documented in ``docs/dedup.md``; the tunable ones are the constants below. Everything runs
in DuckDB SQL over the store (a few statements per step, a short loop of SQL statements for the
transitive parts); no Python loop ever touches a mention. ``merge.py`` decides which mentions form the
region; ``cluster_and_write`` turns the region into events.

Outline:

1. **Eligible mentions**: not negated, not hypothetical, with a source or a target.
2. **Cores**: mentions with the same actors (country + sector on each side), the same CAMEO code, the same
   day and the same place cell (a point, an admin1 unit, a country, or unknown) are one core.
3. **Attachment**: cores are ranked (most specific actors, then code, then place, then most mentions, then
   id). Each core attaches to the best-ranked *compatible* core ranked above it (same root, compatible leaf,
   dates within a day, compatible actors sharing at least one side, compatible places). Following the
   attachments to their top gives the event. A core attaches to one parent only, so a vague mention
   ("Iran attacked" with no target) never bridges two specific events.
4. **Events**: one row per tree, with counts, first/last seen, best evidence, code, date, place and a
   confidence that grows with independent sources. ``event_id`` is a hash of the event's earliest mention
   (publication date, then mention id), so it does not depend on insertion order.
"""

from __future__ import annotations

from typing import Any

import duckdb

from ..geodesy import EARTH_RADIUS_KM
from ..model import ATTACHED

#: Event dates (event date, else publication date) at most this many days apart can be one event.
DATE_WINDOW_DAYS = 1
#: Two precise places further apart than this are different events.
MAX_DISTANCE_KM = 50.0
#: How a place was chosen for it to count as precise (a point). Places chosen because they are the nearest
#: in the sentence or the article's dominant place only say which country (they often belong to another
#: event of the same sentence). A NULL basis (older stores, hand-built records) counts as attached.
PRECISE_BASES: tuple[str, ...] = (ATTACHED,)
#: Gazetteer features that are areas, not points.
AREA_FEATURES: tuple[str, ...] = ("country", "admin1")
#: A mention's confidence is capped here before sources are combined, so that the event confidence
#: ``1 - prod(1 - c_source)`` stays below 1.
CONFIDENCE_CAP = 0.99
#: Confidence of a mention stored without one.
DEFAULT_CONFIDENCE = 0.5
#: Stand-in date for mentions with neither an event nor a publication date: they only merge among themselves.
UNDATED = "DATE '0001-01-01'"


ELIGIBLE = (
    "NOT coalesce(m.negated, false) AND NOT coalesce(m.hypothetical, false)"
    " AND (m.source_code IS NOT NULL OR m.target_code IS NOT NULL)"
)


# -- clustering of the region --------------------------------------------------------------------------


def _side_sql(role: str, short: str) -> str:
    # Actor at country + sector level. A code with neither country nor sector stands for itself.
    return (
        f"CASE WHEN m.{role}_code IS NULL THEN NULL ELSE coalesce(m.{role}_country,"
        f" CASE WHEN m.{role}_sector IS NULL THEN m.{role}_code END) END AS {short}c, "
        f"CASE WHEN m.{role}_code IS NULL THEN NULL ELSE m.{role}_sector END AS {short}s"
    )


KEY_COLUMNS = (
    "coalesce(m.cameo_root, left(m.cameo, 2)) AS root, "
    f"coalesce(m.event_date, m.publication_date, {UNDATED}) AS d, "
    f"{_side_sql('source', 's')}, {_side_sql('target', 't')}"
)


def _present(alias: str, side: str) -> str:
    return f"({alias}.{side}c IS NOT NULL OR {alias}.{side}s IS NOT NULL)"


def _side_compatible(x: str, y: str, side: str) -> str:
    """Both actors on ``side`` agree where both are known (country, sector)."""
    xc, yc, xs, ys = f"{x}.{side}c", f"{y}.{side}c", f"{x}.{side}s", f"{y}.{side}s"
    return (
        f"(NOT {_present(x, side)} OR NOT {_present(y, side)} OR "
        f"(({xc} = {yc} OR {xc} IS NULL OR {yc} IS NULL) AND ({xs} = {ys} OR {xs} IS NULL OR {ys} IS NULL)))"
    )


def _actors_compatible(x: str, y: str) -> str:
    """Actors agree on both sides, and link the two: the same country on one side (both known), or the
    same sectors on both sides with a side both know (``COP -> CVL`` and ``IRQCOP -> CVL``)."""
    shared = " OR ".join(f"({_present(x, s)} AND {_present(y, s)})" for s in ("s", "t"))
    link = (
        f"{x}.sc = {y}.sc OR {x}.tc = {y}.tc OR ({x}.ss IS NOT DISTINCT FROM {y}.ss"
        f" AND {x}.ts IS NOT DISTINCT FROM {y}.ts AND ({shared}))"
    )
    return f"({_side_compatible(x, y, 's')} AND {_side_compatible(x, y, 't')} AND ({link}))"


def _countryless(alias: str) -> str:
    """The row has a known actor without a country on some side (``MIL``, ``COP``)."""
    return f"(({alias}.sc IS NULL AND {alias}.ss IS NOT NULL) OR ({alias}.tc IS NULL AND {alias}.ts IS NOT NULL))"


def pairs_sql(left: str, right: str, *, extra: str) -> str:
    """Pairs (a, b) of ``left`` x ``right`` rows with the same root, dates within the window and linked
    actors (see ``_actors_compatible``), found by equi-joins on root and day plus, by case: both countries
    (both rows know both); the source country (one row lacks the target country); the target country (one
    row lacks the source country); both sectors (one row has a country-less actor). Each case restricts
    one side of its join, so candidates stay close to the real pairs even when a day has many reports of
    one country. A pair may come out more than once."""
    window = ", ".join(f"({o})" for o in range(-DATE_WINDOW_DAYS, DATE_WINDOW_DAYS + 1))
    sectors = "coalesce(y.ss, '') = coalesce(x.ss, '') AND coalesce(y.ts, '') = coalesce(x.ts, '')"
    both = "{a}.sc IS NOT NULL AND {a}.tc IS NOT NULL"
    cases = (  # (join condition, filter on x, filter on y)
        ("y.sc = x.sc AND y.tc = x.tc", both.format(a="x"), both.format(a="y")),
        ("y.sc = x.sc", "x.sc IS NOT NULL AND x.tc IS NULL", "y.sc IS NOT NULL"),
        ("y.sc = x.sc", both.format(a="x"), "y.sc IS NOT NULL AND y.tc IS NULL"),
        ("y.tc = x.tc", "x.tc IS NOT NULL AND x.sc IS NULL", "y.tc IS NOT NULL"),
        ("y.tc = x.tc", both.format(a="x"), "y.tc IS NOT NULL AND y.sc IS NULL"),
        (sectors, _countryless("x"), "true"),
        (sectors, f"NOT {_countryless('x')}", _countryless("y")),
    )
    selects = [
        f"SELECT x.id AS a, y.id AS b FROM (SELECT * FROM xw x WHERE {xf}) x"
        f" JOIN (SELECT * FROM {right} y WHERE {yf}) y ON y.root = x.root AND y.d = x.dj AND {on}"
        f" WHERE x.id <> y.id{extra} AND {_actors_compatible('x', 'y')}"
        for on, xf, yf in cases
    ]
    union = "\n UNION ALL ".join(selects)  # duplicates are harmless to both callers
    return (
        f"WITH xw AS (SELECT l.*, l.d + o.o AS dj FROM {left} l CROSS JOIN (VALUES {window}) o(o))\n{union}"
    )


_POINT = (
    "m.location_lat IS NOT NULL AND m.location_lon IS NOT NULL"
    " AND coalesce(m.location_feature, '') NOT IN ({areas})"
    " AND coalesce(m.location_basis, '{first}') IN ({bases})"
)


def _precise_basis() -> str:
    return "coalesce(m.location_basis, '{}') IN ({})".format(
        PRECISE_BASES[0], ", ".join(_quote(b) for b in PRECISE_BASES)
    )


def _prepare_sql() -> str:
    point = _POINT.format(
        areas=", ".join(_quote(a) for a in AREA_FEATURES),
        first=PRECISE_BASES[0],
        bases=", ".join(_quote(b) for b in PRECISE_BASES),
    )
    return f"""
    CREATE OR REPLACE TEMP TABLE _ew_dd_p AS
    WITH base AS (
        SELECT m.mention_id AS id, m.article_id AS aid, m.sentence_index AS sidx, m.publication_date AS pub,
               m.cameo, {KEY_COLUMNS}, m.source_code AS scode, m.target_code AS tcode,
               coalesce(m.confidence, {DEFAULT_CONFIDENCE}) AS conf,
               CASE WHEN {point} THEN 'P'
                    WHEN m.location_country IS NULL THEN 'U'
                    WHEN m.location_feature = 'admin1' AND {_precise_basis()} THEN 'R'
                    ELSE 'C' END AS lk0,
               m.location_country AS lc0, m.location_admin1, m.location_name,
               round(m.location_lat, 4) AS lat0, round(m.location_lon, 4) AS lon0,
               m.sentence_index, m.trigger_start
        FROM _ew_dd_m m
        WHERE {ELIGIBLE}
    ), cells AS (
        SELECT *,
               CASE lk0 WHEN 'P' THEN location_admin1 WHEN 'R' THEN coalesce(location_admin1, location_name) END
                   AS la0,
               concat_ws('|', lk0, lc0, CASE lk0 WHEN 'R' THEN coalesce(location_admin1, location_name) END,
                         CASE lk0 WHEN 'P' THEN lat0 END, CASE lk0 WHEN 'P' THEN lon0 END) AS cell
        FROM base
    ), grouped AS (
        -- One trigger coded at several places ("missiles on bases in Al-Asad and Arbil") is one event
        -- spanning them: its mentions take the country they share, else an unknown place.
        SELECT *,
               min(cell) OVER g <> max(cell) OVER g AS multi,
               (min(lc0) OVER g = max(lc0) OVER g AND count(lc0) OVER g = count(*) OVER g) AS one_country
        FROM cells
        WINDOW g AS (PARTITION BY aid, sentence_index, trigger_start, cameo, scode, tcode)
    ), located AS (
        SELECT id, aid, sidx, pub, cameo, root, d, sc, ss, tc, ts, scode, tcode, conf,
               CASE WHEN NOT multi THEN lk0 WHEN one_country THEN 'C' ELSE 'U' END AS lk,
               CASE WHEN NOT multi OR one_country THEN lc0 END AS lc,
               CASE WHEN NOT multi THEN la0 END AS la,
               CASE WHEN NOT multi AND lk0 = 'P' THEN lat0 END AS lat,
               CASE WHEN NOT multi AND lk0 = 'P' THEN lon0 END AS lon
        FROM grouped
    )
    SELECT *,
           min(id) OVER (PARTITION BY sc, ss, tc, ts, root, cameo, d, lk, lc, la, lat, lon) AS core_id,
           CASE WHEN sc IS NOT NULL AND ss IS NOT NULL THEN 3 WHEN sc IS NOT NULL THEN 2
                WHEN ss IS NOT NULL THEN 1 ELSE 0 END
           + CASE WHEN tc IS NOT NULL AND ts IS NOT NULL THEN 3 WHEN tc IS NOT NULL THEN 2
                  WHEN ts IS NOT NULL THEN 1 ELSE 0 END AS a_spec,
           CASE WHEN cameo = root OR cameo = root || '0' THEN 0 WHEN length(cameo) = 3 THEN 1 ELSE 2 END AS l_spec,
           CASE lk WHEN 'P' THEN 3 WHEN 'R' THEN 2 WHEN 'C' THEN 1 ELSE 0 END AS g_spec
    FROM located"""


def _leaf_compatible(x: str, y: str) -> str:
    xc, yc = f"{x}.cameo", f"{y}.cameo"
    return (
        f"({xc} = {yc} OR {x}.l_spec = 0 OR {y}.l_spec = 0"
        f" OR starts_with({xc}, {yc}) OR starts_with({yc}, {xc}))"
    )


def _place_compatible(x: str, y: str) -> str:
    distance = (
        f"2 * {EARTH_RADIUS_KM} * asin(sqrt(pow(sin(radians({y}.lat - {x}.lat) / 2), 2)"
        f" + cos(radians({x}.lat)) * cos(radians({y}.lat)) * pow(sin(radians({y}.lon - {x}.lon) / 2), 2)))"
    )
    return f"""(CASE
        WHEN {x}.lk = 'U' OR {y}.lk = 'U' THEN true
        WHEN {x}.lk = 'P' AND {y}.lk = 'P' THEN {distance} <= {MAX_DISTANCE_KM}
        WHEN {x}.lc IS DISTINCT FROM {y}.lc THEN false
        WHEN {x}.lk = 'R' AND {y}.lk = 'R' THEN {x}.la = {y}.la
        WHEN {x}.lk = 'R' AND {y}.lk = 'P' THEN {y}.la IS NULL OR {y}.la = {x}.la
        WHEN {x}.lk = 'P' AND {y}.lk = 'R' THEN {x}.la IS NULL OR {x}.la = {y}.la
        ELSE true END)"""


def cluster_and_write(cur: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """Cluster the eligible mentions of the region ``_ew_dd_m`` (a relation with the ``mentions`` columns,
    read once from the store), put their events in ``_ew_dd_new`` (the caller writes them) and set
    ``mentions.event_id`` on every region row (NULL for the ineligible ones)."""
    run(cur, _prepare_sql())
    mentions = scalar(cur, "SELECT count(*) FROM _ew_dd_p")
    if not mentions:
        run(
            cur,
            "CREATE OR REPLACE TEMP TABLE _ew_dd_a AS SELECT NULL::VARCHAR AS id, NULL::VARCHAR AS event_id LIMIT 0",
        )
        run(cur, "CREATE OR REPLACE TEMP TABLE _ew_dd_new AS SELECT * FROM events LIMIT 0")
        _set_event_ids(cur)
        return 0, 0
    run(
        cur,
        """
        CREATE OR REPLACE TEMP TABLE _ew_dd_c AS
        SELECT core_id AS id, any_value(root) AS root, any_value(d) AS d, any_value(cameo) AS cameo,
               any_value(sc) AS sc, any_value(ss) AS ss, any_value(tc) AS tc, any_value(ts) AS ts,
               any_value(lk) AS lk, any_value(lc) AS lc, any_value(la) AS la, any_value(lat) AS lat,
               any_value(lon) AS lon, any_value(a_spec) AS a_spec, any_value(l_spec) AS l_spec,
               any_value(g_spec) AS g_spec, count(*) AS n
        FROM _ew_dd_p GROUP BY core_id""",
    )
    run(
        cur,
        """
        CREATE OR REPLACE TEMP TABLE _ew_dd_cr AS
        SELECT *, row_number() OVER (ORDER BY a_spec DESC, l_spec DESC, g_spec DESC, n DESC, id) AS rnk
        FROM _ew_dd_c""",
    )
    extra = f" AND y.rnk < x.rnk AND {_leaf_compatible('x', 'y')} AND {_place_compatible('x', 'y')}"
    run(
        cur,
        f"""
        CREATE OR REPLACE TEMP TABLE _ew_dd_top AS
        WITH pairs AS ({pairs_sql("_ew_dd_cr", "_ew_dd_cr", extra=extra)}),
        best AS (
            SELECT p.a AS id, arg_min(p.b, y.rnk) AS parent
            FROM pairs p JOIN _ew_dd_cr y ON y.id = p.b GROUP BY p.a
        )
        SELECT c.id, coalesce(b.parent, c.id) AS top FROM _ew_dd_c c LEFT JOIN best b USING (id)""",
    )
    # Pointer jumping: every core points at its parent's parent until all point at a tree's top.
    while True:
        changed = scalar(
            cur,
            """
            WITH upd AS (
                SELECT t.id, p.top AS top FROM _ew_dd_top t JOIN _ew_dd_top p ON p.id = t.top
                WHERE p.top <> t.top
            )
            SELECT count(*) FROM upd""",
        )
        if not changed:
            break
        run(
            cur,
            """
            CREATE OR REPLACE TEMP TABLE _ew_dd_top AS
            SELECT t.id, p.top FROM _ew_dd_top t JOIN _ew_dd_top p ON p.id = t.top""",
        )
    run(
        cur,
        """
        CREATE OR REPLACE TEMP TABLE _ew_dd_a AS
        WITH a AS (SELECT p.*, t.top AS gid FROM _ew_dd_p p JOIN _ew_dd_top t ON t.id = p.core_id)
        SELECT a.*, 'ev' || substr(md5(first_value(id) OVER (
                   PARTITION BY gid ORDER BY pub ASC NULLS LAST, id
                   ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)), 1, 18) AS event_id
        FROM a""",
    )
    run(cur, _OUTLETS_SQL)
    run(cur, _EVENT_ROWS_SQL)
    for name, sql in _EVENT_PARTS:
        run(cur, f"CREATE OR REPLACE TEMP TABLE _ew_dd_{name} AS {sql}")
    run(cur, f"CREATE OR REPLACE TEMP TABLE _ew_dd_new AS {_EVENTS_SQL}")
    _set_event_ids(cur)
    events = scalar(cur, "SELECT count(DISTINCT event_id) FROM _ew_dd_a")
    return mentions, events


def _set_event_ids(cur: duckdb.DuckDBPyConnection) -> None:
    # Only rows whose event id changes, found by key.
    run(
        cur,
        """
        CREATE OR REPLACE TEMP TABLE _ew_dd_u AS
        SELECT m.mention_id AS id, a.event_id
        FROM _ew_dd_m m LEFT JOIN _ew_dd_a a ON a.id = m.mention_id
        WHERE m.event_id IS DISTINCT FROM a.event_id""",
    )
    run(cur, "UPDATE mentions SET event_id = u.event_id FROM _ew_dd_u u WHERE mentions.mention_id = u.id")


_EVENT_ROWS_SQL = """
CREATE OR REPLACE TEMP TABLE _ew_dd_e AS
    SELECT a.*, m.sentence, m.event_date, m.date_basis, m.date_granularity, m.goldstein, m.quad_class,
           m.plover_type, m.plover_mode, m.cameo_root AS m_root, m.source_country AS m_sc,
           m.source_sector AS m_ss, m.target_country AS m_tc, m.target_sector AS m_ts,
           m.location_name, m.location_country, m.location_admin1, m.location_lat, m.location_lon,
           m.location_feature, m.location_geonames_id,
           coalesce('s:' || ar.source, 'a:' || a.aid) AS outlet
    FROM _ew_dd_a a JOIN _ew_dd_m m ON m.mention_id = a.id LEFT JOIN _ew_dd_outlets ar ON ar.id = a.aid
"""
#: The outlets of the region's articles, read by key (joined directly, DuckDB would scan ``articles``).
_OUTLETS_SQL = """
CREATE OR REPLACE TEMP TABLE _ew_dd_outlets AS
    SELECT id, source FROM articles WHERE id IN (SELECT DISTINCT aid FROM _ew_dd_a)
"""

#: Per-event parts, each a temp table ``_ew_dd_<name>`` over ``_ew_dd_e`` (joined once at the end: DuckDB
#: plans the parts much better one at a time than as one statement of eight CTEs).
_EVENT_PARTS: tuple[tuple[str, str], ...] = (
    (
        "counts",
        """

    SELECT event_id, any_value(gid) AS gid, count(*) AS num_mentions, count(DISTINCT aid) AS num_articles,
           count(DISTINCT outlet) AS num_sources, min(pub) AS first_seen, max(pub) AS last_seen
    FROM _ew_dd_e GROUP BY event_id
""",
    ),
    (
        "conf",
        f"""

    SELECT event_id, round(1 - exp(sum(ln(1 - best))), 4) AS confidence
    FROM (SELECT event_id, outlet, max(least(conf, {CONFIDENCE_CAP})) AS best FROM _ew_dd_e GROUP BY event_id, outlet)
    GROUP BY event_id
""",
    ),
    (
        "src",
        """

    SELECT event_id, scode AS source_code, m_sc AS source_country, m_ss AS source_sector FROM (
        SELECT event_id, scode, m_sc, m_ss, row_number() OVER (
            PARTITION BY event_id ORDER BY count(*) DESC, scode NULLS LAST, m_sc NULLS LAST, m_ss NULLS LAST) AS r
        FROM _ew_dd_e WHERE core_id = gid GROUP BY event_id, scode, m_sc, m_ss) WHERE r = 1
""",
    ),
    (
        "tgt",
        """

    SELECT event_id, tcode AS target_code, m_tc AS target_country, m_ts AS target_sector FROM (
        SELECT event_id, tcode, m_tc, m_ts, row_number() OVER (
            PARTITION BY event_id ORDER BY count(*) DESC, tcode NULLS LAST, m_tc NULLS LAST, m_ts NULLS LAST) AS r
        FROM _ew_dd_e WHERE core_id = gid GROUP BY event_id, tcode, m_tc, m_ts) WHERE r = 1
""",
    ),
    (
        "code",
        f"""

    SELECT event_id, cameo, m_root AS cameo_root, quad_class, goldstein, plover_type, plover_mode FROM (
        SELECT x.event_id, x.cameo, any_value(x.m_root) AS m_root, any_value(x.quad_class) AS quad_class,
               any_value(x.goldstein) AS goldstein, any_value(x.plover_type) AS plover_type,
               any_value(x.plover_mode) AS plover_mode,
               row_number() OVER (PARTITION BY x.event_id
                                  ORDER BY max(x.l_spec) DESC, count(*) DESC, x.cameo) AS r
        FROM _ew_dd_e x JOIN _ew_dd_c top ON top.id = x.gid
        WHERE {_leaf_compatible("x", "top")}
        GROUP BY x.event_id, x.cameo) WHERE r = 1
""",
    ),
    (
        "dates",
        """

    SELECT event_id, event_date, date_basis FROM (
        SELECT *, row_number() OVER (
            PARTITION BY event_id ORDER BY date_day_n DESC, date_n DESC, event_date, n DESC, date_basis NULLS LAST) AS r
        FROM (SELECT *, sum(day_n) OVER (PARTITION BY event_id, event_date) AS date_day_n,
                     sum(n) OVER (PARTITION BY event_id, event_date) AS date_n
              FROM (SELECT event_id, event_date, date_basis, count(*) AS n,
                           count(*) FILTER (WHERE coalesce(date_granularity, 'day') = 'day') AS day_n
                    FROM _ew_dd_e WHERE event_date IS NOT NULL GROUP BY event_id, event_date, date_basis)))
    WHERE r = 1
""",
    ),
    (
        "place",
        """

    SELECT event_id,
           CASE WHEN keep THEN location_name END AS location_name,
           lc AS location_country,
           CASE WHEN keep THEN location_admin1 WHEN lk = 'R' THEN la END AS location_admin1,
           CASE WHEN keep THEN location_lat END AS location_lat,
           CASE WHEN keep THEN location_lon END AS location_lon,
           CASE WHEN keep THEN location_feature WHEN lk = 'R' THEN 'admin1' ELSE 'country' END AS location_feature,
           CASE WHEN keep THEN location_geonames_id END AS location_geonames_id
    FROM (
        SELECT *, row_number() OVER (
                   PARTITION BY event_id
                   ORDER BY g_spec DESC, cell_n DESC, lk, lc, la, lat, lon, keep DESC, id) AS r
        FROM (SELECT *, (lk = 'P' OR (lk = 'C' AND location_feature = 'country')
                         OR (lk = 'R' AND location_feature = 'admin1')) AS keep,
                     count(*) OVER (PARTITION BY event_id, lk, lc, la, lat, lon) AS cell_n
              FROM _ew_dd_e WHERE lk <> 'U'))
    WHERE r = 1
""",
    ),
    (
        "evidence",
        """

    SELECT event_id, id AS evidence_mention_id, aid AS evidence_article_id, sentence AS evidence_sentence FROM (
        SELECT event_id, id, aid, sentence, row_number() OVER (
            PARTITION BY event_id ORDER BY conf DESC, pub ASC NULLS LAST, aid, sidx, id) AS r
        FROM _ew_dd_e) WHERE r = 1
""",
    ),
)

_EVENTS_SQL = """
SELECT c.event_id, s.source_code, s.source_country, s.source_sector, t.target_code, t.target_country,
       t.target_sector, k.cameo, coalesce(k.cameo_root, left(k.cameo, 2)) AS cameo_root, k.quad_class,
       k.goldstein, k.plover_type, k.plover_mode, d.event_date, d.date_basis, p.location_name,
       p.location_country, p.location_admin1, p.location_lat, p.location_lon, p.location_feature,
       p.location_geonames_id, c.num_mentions, c.num_sources, c.num_articles, c.first_seen, c.last_seen,
       e.evidence_mention_id, e.evidence_article_id, e.evidence_sentence, f.confidence
FROM _ew_dd_counts c
JOIN _ew_dd_src s USING (event_id) JOIN _ew_dd_tgt t USING (event_id) JOIN _ew_dd_code k USING (event_id)
JOIN _ew_dd_evidence e USING (event_id) JOIN _ew_dd_conf f USING (event_id)
LEFT JOIN _ew_dd_dates d USING (event_id) LEFT JOIN _ew_dd_place p USING (event_id)
"""


# -- helpers -------------------------------------------------------------------------------------------


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def run(cur: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
    return cur.execute(sql, params).fetchall()


def scalar(cur: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> int:
    return int(run(cur, sql, params)[0][0] or 0)
