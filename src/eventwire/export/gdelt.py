"""GDELT 2.0 exports of the deduplicated store: the 61-column event table and the 16-column mentions table.

Both are tab-separated, one record per line, no header, exactly as GDELT publishes them, so readers
written for GDELT load them (``pandas.read_csv(path, sep="\\t", header=None, names=EVENT_COLUMNS,
dtype=str)``). Every line is built by DuckDB SQL and streamed in Arrow batches; Python only writes the
finished lines, so a store of any size is exported in bounded memory.

::

    write_gdelt_events(con, fh)      # one line per row of ``events``
    write_gdelt_mentions(con, fh)    # one line per mention with an ``event_id``

How each GDELT field is filled (``EVENT_FIELDS`` holds the SQL of every column, in order):

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
  dictionaries, not upper-cased). The code is cut into 3-letter units (``gdelt_actor``): a leading unit
  that is not a role is the ``CountryCode`` (ISO3 = CAMEO country, or a CAMEO region such as ``MEA``),
  role units (GOV, MIL, REB, IGO, NGO...) fill ``Type1..3Code``, religion units ``Religion1..2Code``,
  and the first remaining unit is the ``KnownGroupCode`` (``IGOUNO`` -> type IGO, group UNO;
  ``PSEREBHMS`` -> PSE, REB, HMS). ``EthnicCode`` stays empty: we do not code ethnicity.
- ``IsRootEvent``: 1 when at least one mention of the event is in the first sentence of its article
  (GDELT marks events found in the lead of a document; we only know sentences, not paragraphs).
- ``EventCode`` is the CAMEO code (a bare two-digit root such as ``19`` becomes ``190``, since GDELT
  codes have three or four digits), ``EventBaseCode`` its first three digits, ``EventRootCode`` the
  root. ``QuadClass`` and ``GoldsteinScale`` (one decimal) come from the ontology.
- ``NumMentions``, ``NumSources``, ``NumArticles``: the event's counts from dedup.
- ``AvgTone`` is 0: eventwire has no tone model.
- Geography: ``Actor1Geo_*`` and ``Actor2Geo_*`` are empty with ``Geo_Type`` 0 (we locate events, not
  actors). ``ActionGeo_*`` is the event's place: ``Geo_Type`` 1 country, 2 US state, 3 US city or
  point, 4 world city or point (cities, facilities, other named places), 5 world admin1;
  ``FullName`` "place, admin1, country" as GDELT writes it; ``CountryCode`` the FIPS 10-4 code
  (``data/fips.csv``; a place in the Palestinian territories named after Gaza gets GZ, else WE);
  ``ADM1Code`` the FIPS country code only (we do not carry admin1 codes); ``ADM2Code`` empty;
  ``Lat``/``Long`` four decimals; ``FeatureID`` the FIPS country code for country-level places (as
  GDELT does), else empty (we have no GNS feature ids).
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
``MentionDocLen`` the article length in characters; ``MentionDocTone`` 0; the last two fields empty.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TextIO

import duckdb
import pyarrow as pa

from ..actors.entries import NON_STATE_PREFIXES
from ..errors import DictionaryError
from ..store.store import DEFAULT_BATCH_ROWS
from .parquet import require_table, stream_lines

__all__ = [
    "EVENT_COLUMNS",
    "MENTION_COLUMNS",
    "GdeltActor",
    "gdelt_actor",
    "global_event_id",
    "load_fips",
    "write_gdelt_events",
    "write_gdelt_mentions",
]

#: CAMEO actor role ("type") codes, plus the international actor prefixes (IGO, NGO, IMG...).
ACTOR_TYPES = frozenset(
    {
        "AGR", "BUS", "COP", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "GOV", "HLH", "HRI", "INS", "JUD",
        "LAB", "LEG", "MED", "MIL", "MOD", "OPP", "PTY", "RAD", "REB", "REF", "SEP", "SPY", "UAF",
    }
    | NON_STATE_PREFIXES
)  # fmt: skip
#: CAMEO religion codes.
RELIGIONS = frozenset(
    {
        "ADR", "ALE", "ATH", "BAH", "BUD", "CHR", "CON", "CPT", "CTH", "DOX", "DRZ", "HIN", "HSD", "ITR",
        "JAN", "JEW", "JHW", "LDS", "MOS", "MRN", "MUS", "PRO", "QKR", "SFI", "SHI", "SHN", "SIK", "SUN",
        "TAO", "UDX", "ZRO",
    }
)  # fmt: skip
#: CAMEO regions: country-like in the first position, skipped inside IGO codes (IGOEUREEC -> group EEC).
REGIONS = frozenset(
    {
        "AFR", "ASA", "BLK", "CAS", "CAU", "CEU", "CFR", "CRB", "EAF", "EEU", "EIN", "EUR", "LAM", "MDT",
        "MEA", "NAF", "NMR", "PGS", "SAF", "SAM", "SAS", "SCN", "SEA", "WAF", "WST",
    }
)  # fmt: skip

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


@dataclass(frozen=True, slots=True)
class GdeltActor:
    """The GDELT breakdown of one CAMEO actor code."""

    code: str
    country_code: str | None
    known_group: str | None
    religion1: str | None
    religion2: str | None
    type1: str | None
    type2: str | None
    type3: str | None


def gdelt_actor(code: str) -> GdeltActor:
    """Cut a CAMEO actor code into GDELT's actor fields (see the module docstring)."""
    units = [code[i : i + 3] for i in range(0, len(code), 3)]
    country = None
    if units and units[0] not in ACTOR_TYPES and units[0] not in RELIGIONS:
        country, units = units[0], units[1:]
    types: list[str] = []
    religions: list[str] = []
    group = None
    for unit in units:
        if unit in ACTOR_TYPES:
            types.append(unit)
        elif unit in RELIGIONS:
            religions.append(unit)
        elif unit in REGIONS:
            continue
        elif group is None:
            group = unit
    t1, t2, t3 = _pad(types, 3)
    r1, r2 = _pad(religions, 2)
    return GdeltActor(code, country, group, r1, r2, t1, t2, t3)


def _pad(values: list[str], n: int) -> list[str | None]:
    padded: list[str | None] = [*values[:n]]
    return padded + [None] * (n - len(padded))


@lru_cache(maxsize=1)
def _fips_rows() -> tuple[tuple[str, str, str], ...]:
    path = "data/fips.csv"
    text = (resources.files("eventwire") / "data" / "fips.csv").read_text(encoding="utf-8")
    rows: list[tuple[str, str, str]] = []
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header != ["iso3", "fips", "name"]:
        raise DictionaryError(f"expected the header iso3,fips,name, got {header}", path=path, line=1)
    for line, row in enumerate(reader, start=2):
        if len(row) != 3 or len(row[0]) != 3 or len(row[1]) != 2:
            raise DictionaryError(f"expected ISO3,FIPS,name, got {row}", path=path, line=line)
        rows.append((row[0], row[1], row[2]))
    return tuple(rows)


def load_fips() -> dict[str, tuple[str, str]]:
    """ISO 3166-1 alpha-3 (and CAMEO ``KSV``) -> (FIPS 10-4 code, short English country name)."""
    return {iso3: (fips, name) for iso3, fips, name in _fips_rows()}


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


def _empty_geo(prefix: str) -> list[tuple[str, str]]:
    names = ("FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
    return [(f"{prefix}_Type", "0"), *((f"{prefix}_{name}", "NULL") for name in names)]


_GEO_TYPE = """CASE
    WHEN e.location_name IS NULL THEN 0
    WHEN e.location_feature = 'country' THEN 1
    WHEN e.location_feature = 'admin1' THEN CASE WHEN e.location_country = 'USA' THEN 2 ELSE 5 END
    ELSE CASE WHEN e.location_country = 'USA' THEN 3 ELSE 4 END
END"""

_GEO_FIPS = """CASE WHEN e.location_name IS NULL THEN NULL
    WHEN e.location_country = 'PSE' AND (e.location_name ILIKE '%gaza%' OR e.location_admin1 ILIKE '%gaza%')
        THEN 'GZ'
    ELSE g.fips END"""

_GEO_FULL_NAME = """CASE
    WHEN e.location_name IS NULL THEN NULL
    WHEN e.location_feature = 'country' THEN coalesce(g.name, e.location_name)
    WHEN e.location_feature = 'admin1' THEN concat_ws(', ', e.location_name, g.name)
    ELSE concat_ws(', ', e.location_name, e.location_admin1, g.name)
END"""

_EVENT_CODE = "CASE WHEN length(e.cameo) = 2 THEN e.cameo || '0' ELSE e.cameo END"

#: (GDELT column, SQL expression over ``events e``), in GDELT's order.
EVENT_FIELDS: tuple[tuple[str, str], ...] = (
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
    ("AvgTone", "0"),
    *_empty_geo("Actor1Geo"),
    *_empty_geo("Actor2Geo"),
    ("ActionGeo_Type", _GEO_TYPE),
    ("ActionGeo_FullName", _clean(_GEO_FULL_NAME)),
    ("ActionGeo_CountryCode", _GEO_FIPS),
    ("ActionGeo_ADM1Code", _GEO_FIPS),
    ("ActionGeo_ADM2Code", "NULL"),
    ("ActionGeo_Lat", "CASE WHEN e.location_name IS NOT NULL THEN round(e.location_lat, 4) END"),
    ("ActionGeo_Long", "CASE WHEN e.location_name IS NOT NULL THEN round(e.location_lon, 4) END"),
    ("ActionGeo_FeatureID", f"CASE WHEN e.location_feature = 'country' THEN {_GEO_FIPS} END"),
    ("DATEADDED", _stamp("e.first_seen")),
    ("SOURCEURL", _clean("art.url")),
)


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
    ("MentionDocTone", "0"),
    ("MentionDocTranslationInfo", "NULL"),
    ("Extras", "NULL"),
)


def _line(fields: Iterable[tuple[str, str]]) -> str:
    return " || chr(9) || ".join(f"coalesce(CAST(({sql}) AS VARCHAR), '')" for _, sql in fields)


def _events_sql() -> str:
    return f"""
WITH lead AS (
    SELECT event_id, bool_or(sentence_index = 0) AS is_root
    FROM mentions WHERE event_id IS NOT NULL GROUP BY event_id
)
SELECT {_line(EVENT_FIELDS)} AS line
FROM (SELECT *, coalesce(event_date, first_seen) AS day FROM events) e
LEFT JOIN mentions m ON m.mention_id = e.evidence_mention_id
LEFT JOIN articles art ON art.id = e.evidence_article_id
LEFT JOIN lead r ON r.event_id = e.event_id
LEFT JOIN _ew_gdelt_actors a1 ON a1.code = e.source_code
LEFT JOIN _ew_gdelt_actors a2 ON a2.code = e.target_code
LEFT JOIN _ew_gdelt_fips g ON g.iso3 = e.location_country
ORDER BY e.day NULLS LAST, e.event_id"""


def _mentions_sql() -> str:
    return f"""
SELECT {_line(MENTION_FIELDS)} AS line
FROM mentions mn
JOIN events e ON e.event_id = mn.event_id
LEFT JOIN articles art ON art.id = mn.article_id
ORDER BY mn.publication_date NULLS LAST, mn.article_id, mn.sentence_index, mn.mention_id"""


# ------------------------------------------------------------------------------------------ writers


def _actor_table(cur: duckdb.DuckDBPyConnection) -> pa.Table:
    codes = [
        row[0]
        for row in cur.execute(
            "SELECT DISTINCT code FROM (SELECT source_code AS code FROM events UNION ALL"
            " SELECT target_code FROM events) WHERE code IS NOT NULL ORDER BY code"
        ).fetchall()
    ]
    actors = [gdelt_actor(code) for code in codes]
    names = ("code", "country_code", "known_group", "religion1", "religion2", "type1", "type2", "type3")
    return pa.table({name: pa.array([getattr(a, name) for a in actors], pa.string()) for name in names})


def _fips_table() -> pa.Table:
    rows = _fips_rows()
    return pa.table(
        {
            "iso3": pa.array([r[0] for r in rows], pa.string()),
            "fips": pa.array([r[1] for r in rows], pa.string()),
            "name": pa.array([r[2] for r in rows], pa.string()),
        }
    )


def write_gdelt_events(
    con: duckdb.DuckDBPyConnection, fh: TextIO, *, batch_size: int = DEFAULT_BATCH_ROWS
) -> int:
    """Write every row of ``events`` as a GDELT 2.0 event record (61 tab-separated fields, no header) to
    the text stream ``fh``, in date order; return the number of lines written.

    Raises ``StoreError`` E310 when the store has no ``events`` table yet.
    """
    cur = con.cursor()
    try:
        require_table(cur, "events")
        cur.register("_ew_gdelt_actors", _actor_table(cur))
        cur.register("_ew_gdelt_fips", _fips_table())
        return stream_lines(cur, _events_sql(), fh, batch_size)
    finally:
        cur.close()


def write_gdelt_mentions(
    con: duckdb.DuckDBPyConnection, fh: TextIO, *, batch_size: int = DEFAULT_BATCH_ROWS
) -> int:
    """Write one GDELT 2.0 mentions record (16 tab-separated fields, no header) per mention that belongs
    to an event; return the number of lines written. Raises ``StoreError`` E310 without events."""
    cur = con.cursor()
    try:
        require_table(cur, "events")
        require_table(cur, "mentions", "event_id")
        return stream_lines(cur, _mentions_sql(), fh, batch_size)
    finally:
        cur.close()
