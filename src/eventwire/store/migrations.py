"""The store's schema as numbered migrations, applied in order, each once.

A new database runs every step; an older one runs the steps it lacks, recorded in ``schema_version``.
To change the schema, append a ``Migration`` (never edit a published one): the next number, a short
description and its SQL statements. Codes (actor, CAMEO) are VARCHAR: "010" and "0256" keep their zeros.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from ..errors import StoreError
from .columns import utc_now


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


def _actor_sql(role: str) -> str:
    return (
        f"{role}_code VARCHAR, {role}_name VARCHAR, {role}_country VARCHAR, {role}_sector VARCHAR, "
        f"{role}_text VARCHAR, {role}_start INTEGER, {role}_end INTEGER"
    )


_V1_ARTICLES = """
CREATE TABLE articles (
    id VARCHAR PRIMARY KEY,
    date DATE,
    title VARCHAR,
    url VARCHAR,
    source VARCHAR,
    origin VARCHAR,
    text VARCHAR,
    n_chars BIGINT,
    coded_at TIMESTAMP
)"""

_V1_MENTIONS = f"""
CREATE TABLE mentions (
    mention_id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    sentence_index INTEGER,
    sentence VARCHAR,
    publication_date DATE,
    event_date DATE,
    date_basis VARCHAR,
    {_actor_sql("source")},
    {_actor_sql("target")},
    cameo VARCHAR NOT NULL,
    cameo_root VARCHAR,
    cameo_name VARCHAR,
    goldstein DOUBLE,
    quad_class TINYINT,
    plover_type VARCHAR,
    plover_mode VARCHAR,
    location_name VARCHAR,
    location_country VARCHAR,
    location_admin1 VARCHAR,
    location_lat DOUBLE,
    location_lon DOUBLE,
    location_feature VARCHAR,
    location_start INTEGER,
    location_end INTEGER,
    trigger_text VARCHAR,
    trigger_start INTEGER,
    trigger_end INTEGER,
    negated BOOLEAN,
    hypothetical BOOLEAN,
    {_actor_sql("attributed_to")},
    confidence DOUBLE
)"""

_V1_REJECTS = """
CREATE TABLE rejects (
    origin VARCHAR NOT NULL,
    line BIGINT,
    code VARCHAR NOT NULL,
    reason VARCHAR,
    seen_at TIMESTAMP
)"""

_V4_EVENTS = """
CREATE TABLE events (
    event_id VARCHAR PRIMARY KEY,
    source_code VARCHAR,
    source_country VARCHAR,
    source_sector VARCHAR,
    target_code VARCHAR,
    target_country VARCHAR,
    target_sector VARCHAR,
    cameo VARCHAR NOT NULL,
    cameo_root VARCHAR,
    quad_class INTEGER,
    goldstein DOUBLE,
    plover_type VARCHAR,
    plover_mode VARCHAR,
    event_date DATE,
    date_basis VARCHAR,
    location_name VARCHAR,
    location_country VARCHAR,
    location_admin1 VARCHAR,
    location_lat DOUBLE,
    location_lon DOUBLE,
    location_feature VARCHAR,
    num_mentions INTEGER,
    num_sources INTEGER,
    num_articles INTEGER,
    first_seen DATE,
    last_seen DATE,
    evidence_mention_id VARCHAR,
    evidence_article_id VARCHAR,
    evidence_sentence VARCHAR,
    confidence DOUBLE
)"""

_V6_WATCHED = """
CREATE TABLE watched (
    source VARCHAR PRIMARY KEY,
    kind VARCHAR NOT NULL,
    parent VARCHAR,
    size BIGINT,
    mtime_ns BIGINT,
    bytes_read BIGINT,
    lines_read BIGINT,
    digest VARCHAR,
    etag VARCHAR,
    last_modified VARCHAR,
    article_id VARCHAR,
    attempts INTEGER,
    seen_at TIMESTAMP
)"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "articles, mentions (JSONL contract, flattened), rejects",
        (_V1_ARTICLES, _V1_MENTIONS, _V1_REJECTS),
    ),
    Migration(
        2,
        "mention evidence for explain: sentence offset, rule, actor dictionary entries",
        (
            "ALTER TABLE mentions ADD COLUMN sentence_start INTEGER DEFAULT 0",
            "ALTER TABLE mentions ADD COLUMN rule VARCHAR",
            "ALTER TABLE mentions ADD COLUMN source_entry VARCHAR",
            "ALTER TABLE mentions ADD COLUMN target_entry VARCHAR",
            "ALTER TABLE mentions ADD COLUMN attributed_to_entry VARCHAR",
        ),
    ),
    Migration(
        3,
        "event dates and places: date granularity, confidence and flags; how the location was chosen",
        (
            "ALTER TABLE mentions ADD COLUMN date_granularity VARCHAR",
            "ALTER TABLE mentions ADD COLUMN date_confidence DOUBLE",
            "ALTER TABLE mentions ADD COLUMN date_flags VARCHAR",
            "ALTER TABLE mentions ADD COLUMN location_basis VARCHAR",
        ),
    ),
    Migration(
        4,
        "deduplicated events: the events table and the event each mention belongs to",
        ("ALTER TABLE mentions ADD COLUMN event_id VARCHAR", _V4_EVENTS),
    ),
    Migration(
        5,
        "rejects of coding failures: the record's position on its line, the article a stage failed on",
        (
            "ALTER TABLE rejects ADD COLUMN item BIGINT",
            "ALTER TABLE rejects ADD COLUMN article_id VARCHAR",
        ),
    ),
    Migration(
        6,
        "what eventwire watch has read: files (size, time, offset), feeds and pages (HTTP validators), feed items",
        (_V6_WATCHED,),
    ),
    Migration(
        7,
        "GeoNames ids of places (GDELT's FeatureID for cities): on mentions and events",
        (
            "ALTER TABLE mentions ADD COLUMN location_geonames_id BIGINT",
            "ALTER TABLE events ADD COLUMN location_geonames_id BIGINT",
        ),
    ),
    Migration(
        8,
        "indexes for the merge into events: mentions by article, by event and by date (read by key, not scanned)",
        (
            "CREATE INDEX IF NOT EXISTS mentions_article_id ON mentions (article_id)",
            "CREATE INDEX IF NOT EXISTS mentions_event_id ON mentions (event_id)",
            "CREATE INDEX IF NOT EXISTS mentions_event_date ON mentions (event_date)",
            "CREATE INDEX IF NOT EXISTS mentions_publication_date ON mentions (publication_date)",
        ),
    ),
)

LATEST_VERSION = MIGRATIONS[-1].version

_VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY,
    description VARCHAR,
    applied_at TIMESTAMP
)"""


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    """The highest applied migration, 0 for an empty database."""
    # fetchall, not fetchone: DuckDB keeps a half-read result open and refuses other work meanwhile.
    exists = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = 'schema_version'"
    ).fetchall()
    if not exists[0][0]:
        return 0
    return int(con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchall()[0][0])


def migrate(con: duckdb.DuckDBPyConnection, *, path: str, upto: int = LATEST_VERSION) -> list[int]:
    """Apply the migrations after the database's version, up to ``upto``; return the versions applied.

    Each step runs in its own transaction together with its ``schema_version`` row.
    Raises StoreError E304 when the database is newer than this eventwire.
    """
    have = current_version(con)
    if have > LATEST_VERSION:
        raise StoreError(
            f"{path} has schema version {have}, newer than this eventwire supports ({LATEST_VERSION}); "
            "upgrade eventwire",
            code="E304",
        )
    applied: list[int] = []
    con.execute(_VERSION_TABLE).fetchall()
    for step in MIGRATIONS:
        if step.version <= have or step.version > upto:
            continue
        con.begin()
        try:
            for statement in step.statements:
                con.execute(statement).fetchall()
            con.execute(
                "INSERT INTO schema_version VALUES (?, ?, ?)", [step.version, step.description, utc_now()]
            ).fetchall()
        except duckdb.Error as exc:
            con.rollback()
            raise StoreError(
                f"{path}: migration {step.version} ({step.description}) failed: {exc}", code="E305"
            ) from exc
        con.commit()
        applied.append(step.version)
    return applied
