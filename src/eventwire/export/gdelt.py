"""GDELT 2.0 exports of the deduplicated store: the 61-column event table and the 16-column mentions table.

Both are tab-separated, one record per line, without a header unless asked (``header=True``, the CLI's
``--header``), exactly as GDELT publishes them, so readers written for GDELT load them
(``pandas.read_csv(path, sep="\\t", header=None, names=EVENT_COLUMNS, dtype=str)``). Every line is built
by DuckDB SQL and streamed in Arrow batches; Python only writes the finished lines (and computes each
article's tone once), so a store of any size is exported in bounded memory.

::

    write_gdelt_events(con, fh)      # one line per row of ``events``
    write_gdelt_mentions(con, fh)    # one line per mention with an ``event_id``

How each GDELT field is filled (``event_fields()`` holds the SQL of every column, in order; the field
reference is docs/fields.md). A field we cannot fill honestly is empty, never a made-up 0:

- ``GLOBALEVENTID``: ``global_event_id(event_id)``, the first 13 hex digits (52 bits) of the MD5 of the
  event id, as an integer: the same event always gets the same number, in every process and on every
  machine, and it stays exact in float64 readers (JavaScript, pandas columns with gaps). Collisions are
  possible in principle (~1 in 10^4 for a store of one million events).
- Dates: the event date, else (unknown event date) the first publication date of its mentions.
  ``SQLDATE`` YYYYMMDD, ``MonthYear`` YYYYMM, ``Year``, ``FractionDate`` = year + (month * 30 + day) / 365
  to four decimals, as GDELT computes it. ``DATEADDED`` is ``first_seen`` (the earliest publication date
  of the event's mentions) at 000000: GDELT's 15-minute update stamp has no equivalent offline, and
  the time the store was written is not a property of the event (it would change at every recode).
- Actors: ``Actor1*`` is the event's source, ``Actor2*`` its target. ``ActorNCode`` is the full CAMEO
  code; ``ActorNName`` the canonical name of the actor in the evidence mention (as written in our
  dictionaries, not upper-cased); the other actor fields come from cutting the code into 3-letter units
  (``gdelt_actors.gdelt_actor``). ``EthnicCode`` stays empty: we do not code ethnicity.
- ``IsRootEvent``: 1 when at least one mention of the event is in the first sentence of its article
  (GDELT marks events found in the lead of a document; we only know sentences, not paragraphs).
- ``EventCode`` is the CAMEO code (a bare two-digit root such as ``19`` becomes ``190``, since GDELT
  codes have three or four digits), ``EventBaseCode`` its first three digits, ``EventRootCode`` the
  root. ``QuadClass`` and ``GoldsteinScale`` (one decimal) come from the ontology.
- ``NumMentions``, ``NumSources``, ``NumArticles``: the event's counts from dedup.
- ``AvgTone``: the mean tone of the articles that mention the event (``export.tone``: VADER, GDELT's
  positive-minus-negative percentage), four decimals; empty when none of them has any text.
- Geography (``Actor1Geo_*``, ``Actor2Geo_*``, ``ActionGeo_*``): see ``export.gdelt_geo``.
- ``SOURCEURL``: the URL of the article holding the evidence sentence, empty when it has none.

Text fields never contain tabs, line breaks or double quotes (replaced by a space, or ``'`` for ``"``),
so that naive splitters and pandas' default quoting both read every line as exactly 61 fields.

Mentions (16 columns): ``EventTimeDate`` is the event's ``DATEADDED``; ``MentionTimeDate`` the
article's publication date at 000000; ``MentionType`` 1 (web) when the article has a URL, else 2
(citation only); ``MentionSourceName`` the article's source, else the URL's host name;
``MentionIdentifier`` the URL, else the article id; ``SentenceID`` is 1-based; the three
``CharOffset`` fields are character offsets into the article text (-1 when absent); ``InRawText`` is
1 when every actor of the mention was found inside the sentence itself (0 when one was carried over
from context, e.g. an implicit agent); ``Confidence`` the mention confidence in percent;
``MentionDocLen`` the article length in characters; ``MentionDocTone`` the tone of the mention's article
(as ``AvgTone``; empty without text); ``MentionDocTranslationInfo`` and ``Extras`` empty.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import TextIO

import duckdb

from ..store.store import DEFAULT_BATCH_ROWS
from .gdelt_actors import GdeltActor, actor_table, gdelt_actor
from .gdelt_geo import geo_columns_sql, geo_fields, geo_joins_sql
from .parquet import require_table, stream_lines
from .places import load_fips, register_place_tables
from .tone import TONE_TABLE, register_tones

__all__ = [
    "EVENT_COLUMNS",
    "MENTION_COLUMNS",
    "GdeltActor",
    "event_fields",
    "gdelt_actor",
    "global_event_id",
    "load_fips",
    "write_gdelt_events",
    "write_gdelt_mentions",
]

EVENT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)  # fmt: skip

MENTION_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
    "InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
)  # fmt: skip


# ------------------------------------------------------------------------------------------ pure helpers


def global_event_id(event_id: str) -> int:
    """GDELT's integer ``GLOBALEVENTID`` for an eventwire event id (the SQL of the exports computes the
    same number): the first 13 hex digits of ``md5(event_id)``."""
    return int(hashlib.md5(event_id.encode("utf-8")).hexdigest()[:13], 16)


# ------------------------------------------------------------------------------------------ SQL


def _clean(expr: str) -> str:
    """SQL: a text value with tabs/line breaks as spaces and double quotes as single quotes."""
    return f"translate({expr}, chr(9) || chr(10) || chr(13) || '\"', '   ''')"


def _stamp(date_expr: str) -> str:
    return f"strftime({date_expr}, '%Y%m%d') || '000000'"


def _actor_fields(n: int, role: str) -> list[tuple[str, str]]:
    a = f"a{n}"
    return [
        (f"Actor{n}Code", f"e.{role}_code"),
        (f"Actor{n}Name", _clean(f"CASE WHEN m.{role}_code = e.{role}_code THEN m.{role}_name END")),
        (f"Actor{n}CountryCode", f"{a}.country_code"),
        (f"Actor{n}KnownGroupCode", f"{a}.known_group"),
        (f"Actor{n}EthnicCode", "NULL"),
        (f"Actor{n}Religion1Code", f"{a}.religion1"),
        (f"Actor{n}Religion2Code", f"{a}.religion2"),
        (f"Actor{n}Type1Code", f"{a}.type1"),
        (f"Actor{n}Type2Code", f"{a}.type2"),
        (f"Actor{n}Type3Code", f"{a}.type3"),
    ]


_EVENT_CODE = "CASE WHEN length(e.cameo) = 2 THEN e.cameo || '0' ELSE e.cameo END"


def event_fields() -> tuple[tuple[str, str], ...]:
    """(GDELT column, SQL expression over the staged ``events e``), in GDELT's order."""
    geo = geo_fields("e")
    fields = (
        ("GLOBALEVENTID", "('0x' || substr(md5(e.event_id), 1, 13))::BIGINT"),
        ("SQLDATE", "strftime(e.day, '%Y%m%d')"),
        ("MonthYear", "strftime(e.day, '%Y%m')"),
        ("Year", "year(e.day)"),
        ("FractionDate", "printf('%.4f', year(e.day) + (month(e.day) * 30 + day(e.day)) / 365.0)"),
        *_actor_fields(1, "source"),
        *_actor_fields(2, "target"),
        ("IsRootEvent", "CASE WHEN r.is_root THEN 1 ELSE 0 END"),
        ("EventCode", _EVENT_CODE),
        ("EventBaseCode", f"substr({_EVENT_CODE}, 1, 3)"),
        ("EventRootCode", "coalesce(e.cameo_root, substr(e.cameo, 1, 2))"),
        ("QuadClass", "e.quad_class"),
        ("GoldsteinScale", "round(e.goldstein, 1)"),
        ("NumMentions", "e.num_mentions"),
        ("NumSources", "e.num_sources"),
        ("NumArticles", "e.num_articles"),
        ("AvgTone", "round(tn.tone, 4)"),
        *((name, _clean(sql) if name.endswith("FullName") else sql) for name, sql in geo),
        ("DATEADDED", _stamp("e.first_seen")),
        ("SOURCEURL", _clean("art.url")),
    )
    assert tuple(name for name, _ in fields) == EVENT_COLUMNS
    return fields


def _in_sentence(role: str) -> str:
    """SQL: the mention's actor ``role`` is absent or lies inside the mention's sentence."""
    return (
        f"(mn.{role}_code IS NULL OR (mn.{role}_start >= mn.sentence_start"
        f" AND mn.{role}_end <= mn.sentence_start + length(mn.sentence)))"
    )


#: (GDELT mentions column, SQL expression over ``mentions mn`` joined to ``articles art``, ``events e``).
MENTION_FIELDS: tuple[tuple[str, str], ...] = (
    ("GLOBALEVENTID", "('0x' || substr(md5(mn.event_id), 1, 13))::BIGINT"),
    ("EventTimeDate", _stamp("e.first_seen")),
    ("MentionTimeDate", _stamp("coalesce(mn.publication_date, art.date)")),
    ("MentionType", "CASE WHEN art.url IS NOT NULL THEN 1 ELSE 2 END"),
    (
        "MentionSourceName",
        _clean(
            "coalesce(art.source, regexp_extract(art.url, '^[A-Za-z][A-Za-z0-9+.-]*://(www\\.)?([^/:?#]+)', 2))"
        ),
    ),
    ("MentionIdentifier", _clean("coalesce(art.url, mn.article_id)")),
    ("SentenceID", "mn.sentence_index + 1"),
    ("Actor1CharOffset", "coalesce(mn.source_start, -1)"),
    ("Actor2CharOffset", "coalesce(mn.target_start, -1)"),
    ("ActionCharOffset", "coalesce(mn.trigger_start, -1)"),
    (
        "InRawText",
        f"CASE WHEN {_in_sentence('source')} AND {_in_sentence('target')} THEN 1 ELSE 0 END",
    ),
    ("Confidence", "CAST(round(coalesce(mn.confidence, 0) * 100) AS INTEGER)"),
    ("MentionDocLen", "coalesce(art.n_chars, length(art.text))"),
    ("MentionDocTone", "round(t.tone, 4)"),
    ("MentionDocTranslationInfo", "NULL"),
    ("Extras", "NULL"),
)


def _line(fields: Iterable[tuple[str, str]]) -> str:
    return " || chr(9) || ".join(f"coalesce(CAST(({sql}) AS VARCHAR), '')" for _, sql in fields)


def _geonames_column(cur: duckdb.DuckDBPyConnection) -> str | None:
    """The events column with a place's GeoNames id, when the store has one."""
    found = cur.execute(
        "SELECT count(*) FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = 'events'"
        " AND column_name = 'location_geonames_id'"
    ).fetchall()[0][0]
    return "location_geonames_id" if found else None


def _events_sql(geonames_id: str | None) -> str:
    return f"""
WITH lead AS (
    SELECT event_id, bool_or(sentence_index = 0) AS is_root
    FROM mentions WHERE event_id IS NOT NULL GROUP BY event_id
), tn AS (
    SELECT m.event_id, avg(t.tone) AS tone
    FROM (SELECT DISTINCT event_id, article_id FROM mentions WHERE event_id IS NOT NULL) m
    JOIN {TONE_TABLE} t ON t.article_id = m.article_id
    GROUP BY m.event_id
), staged AS (
    SELECT *, coalesce(event_date, first_seen) AS day,
    {geo_columns_sql(geonames_id)}
    FROM events
)
SELECT {_line(event_fields())} AS line
FROM staged e
LEFT JOIN mentions m ON m.mention_id = e.evidence_mention_id
LEFT JOIN articles art ON art.id = e.evidence_article_id
LEFT JOIN lead r ON r.event_id = e.event_id
LEFT JOIN tn ON tn.event_id = e.event_id
LEFT JOIN _ew_gdelt_actors a1 ON a1.code = e.source_code
LEFT JOIN _ew_gdelt_actors a2 ON a2.code = e.target_code
{geo_joins_sql("e")}
ORDER BY e.day NULLS LAST, e.event_id"""


def _mentions_sql() -> str:
    return f"""
SELECT {_line(MENTION_FIELDS)} AS line
FROM mentions mn
JOIN events e ON e.event_id = mn.event_id
LEFT JOIN articles art ON art.id = mn.article_id
LEFT JOIN {TONE_TABLE} t ON t.article_id = mn.article_id
ORDER BY mn.publication_date NULLS LAST, mn.article_id, mn.sentence_index, mn.mention_id"""


# ------------------------------------------------------------------------------------------ writers


def write_gdelt_events(
    con: duckdb.DuckDBPyConnection, fh: TextIO, *, header: bool = False, batch_size: int = DEFAULT_BATCH_ROWS
) -> int:
    """Write every row of ``events`` as a GDELT 2.0 event record (61 tab-separated fields) to the text
    stream ``fh``, in date order, after a line of column names when ``header``; return the number of
    records written.

    Raises ``StoreError`` E310 when the store has no ``events`` table yet.
    """
    cur = con.cursor()
    try:
        require_table(cur, "events")
        cur.register("_ew_gdelt_actors", actor_table(cur))
        register_place_tables(cur)
        register_tones(cur)
        if header:
            fh.write("\t".join(EVENT_COLUMNS) + "\n")
        return stream_lines(cur, _events_sql(_geonames_column(cur)), fh, batch_size)
    finally:
        cur.close()


def write_gdelt_mentions(
    con: duckdb.DuckDBPyConnection, fh: TextIO, *, header: bool = False, batch_size: int = DEFAULT_BATCH_ROWS
) -> int:
    """Write one GDELT 2.0 mentions record (16 tab-separated fields) per mention that belongs to an event,
    after a line of column names when ``header``; return the number of records written. Raises
    ``StoreError`` E310 without events."""
    cur = con.cursor()
    try:
        require_table(cur, "events")
        require_table(cur, "mentions", "event_id")
        register_tones(cur)
        if header:
            fh.write("\t".join(MENTION_COLUMNS) + "\n")
        return stream_lines(cur, _mentions_sql(), fh, batch_size)
    finally:
        cur.close()
