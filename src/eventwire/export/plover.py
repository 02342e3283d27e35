"""PLOVER export: one JSON object per deduplicated event, one per line (JSONL, as PLOVER recommends).

Field names follow the PLOVER data interchange specification (Open Event Data Alliance, draft 0.7-0.8,
"JSON Data Fields"), with ``actor``/``recipient`` for the two actor lists as in PLOVER 2.0 data
(the draft spec's ``source`` is our ``actor``). Each object, in this key order:

===================  =====================================================================================
``id``               the event id (``events.event_id``)
``date``             event date ``YYYY-MM-DD``; the first publication date when the event date is unknown
``date_basis``       how the event date was found (``events.date_basis``)
``first_seen``       earliest / latest publication date of the event's mentions
``last_seen``
``actor``            list of actor objects (empty when there is no source); each ``{"code": top-level code
                     (country ISO3, CAMEO region or IGO/NGO code), "sector": role (GOV, MIL...),
                     "cameo_code": full CAMEO actor code, "name": canonical name, "actor_text": the words
                     in the evidence sentence}``; name and text come from the evidence mention
``recipient``        list of actor objects for the target (empty when none)
``event_type``       PLOVER event category (``events.plover_type``: ASSAULT, CONSULT...)
``mode``             PLOVER mode (``events.plover_mode``) or null
``context``          list of PLOVER contexts from the ``plover_context`` column of ``data/cameo.csv`` when
                     the ontology has one, else null (the current table carries type and mode only)
``cameo``            the CAMEO event code, ``quad_code`` GDELT's quad class (1..4), ``event_scale`` the
``quad_code``        Goldstein score
``event_scale``
``event_loc``        ``{"name", "country" (ISO3), "admin1", "lat", "lon", "feature"}`` or null
``text``             the evidence sentence
``cite_info``        ``{"article_id", "url", "title", "publication"}`` of the evidence article
``num_mentions``     dedup counts and confidence (``events``)
``num_sources``
``num_articles``
``confidence``
``coder``            ``"eventwire"``
===================  =====================================================================================

What it leaves out: PLOVER has no category for CAMEO root 01 (public statements: "make statement",
"decline comment", optimistic/pessimistic comments...; CAMEO's 02 appeals map to REQUEST). Those events
are left out unless ``include_statements=True``, which writes them with ``event_type`` and ``mode``
null; ``unmapped_events(con)`` counts them, so a caller can say how many were left out (the CLI does).
The JSON is built by DuckDB (``to_json``) and streamed in Arrow batches; Python only writes the lines.
"""

from __future__ import annotations

import csv
import io
from importlib import resources
from typing import TextIO

import duckdb
import pyarrow as pa

from ..store.store import DEFAULT_BATCH_ROWS
from .parquet import require_table, stream_lines

__all__ = ["unmapped_events", "write_plover"]

CODER = "eventwire"


def _plover_contexts() -> pa.Table | None:
    """(cameo code, context list) from ``data/cameo.csv``'s ``plover_context`` column, or None without one.

    Contexts in a cell are separated by ``;`` or ``,``.
    """
    text = (resources.files("eventwire") / "data" / "cameo.csv").read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text))
    if "plover_context" not in (reader.fieldnames or ()):
        return None
    codes: list[str] = []
    contexts: list[list[str]] = []
    for row in reader:
        values = [v.strip() for v in (row["plover_context"] or "").replace(";", ",").split(",") if v.strip()]
        if values:
            codes.append(row["code"])
            contexts.append(values)
    return pa.table(
        {"code": pa.array(codes, pa.string()), "context": pa.array(contexts, pa.list_(pa.string()))}
    )


def _actor_sql(role: str) -> str:
    return f"""CASE WHEN e.{role}_code IS NULL THEN [] ELSE [{{
        'code': e.{role}_country,
        'sector': e.{role}_sector,
        'cameo_code': e.{role}_code,
        'name': CASE WHEN m.{role}_code = e.{role}_code THEN m.{role}_name END,
        'actor_text': CASE WHEN m.{role}_code = e.{role}_code THEN m.{role}_text END
    }}] END"""


def _plover_sql(*, with_context: bool, include_statements: bool) -> str:
    context = "ctx.context" if with_context else "CAST(NULL AS VARCHAR[])"
    join = "LEFT JOIN _ew_plover_context ctx ON ctx.code = e.cameo" if with_context else ""
    where = "" if include_statements else "WHERE e.plover_type IS NOT NULL"
    return f"""
SELECT to_json({{
    'id': e.event_id,
    'date': coalesce(e.event_date, e.first_seen),
    'date_basis': e.date_basis,
    'first_seen': e.first_seen,
    'last_seen': e.last_seen,
    'actor': {_actor_sql("source")},
    'recipient': {_actor_sql("target")},
    'event_type': e.plover_type,
    'mode': e.plover_mode,
    'context': {context},
    'cameo': e.cameo,
    'quad_code': e.quad_class,
    'event_scale': e.goldstein,
    'event_loc': CASE WHEN e.location_name IS NULL THEN NULL ELSE {{
        'name': e.location_name,
        'country': e.location_country,
        'admin1': e.location_admin1,
        'lat': e.location_lat,
        'lon': e.location_lon,
        'feature': e.location_feature
    }} END,
    'text': e.evidence_sentence,
    'cite_info': {{
        'article_id': e.evidence_article_id,
        'url': art.url,
        'title': art.title,
        'publication': art.source
    }},
    'num_mentions': e.num_mentions,
    'num_sources': e.num_sources,
    'num_articles': e.num_articles,
    'confidence': round(e.confidence, 3),
    'coder': '{CODER}'
}}) AS line
FROM events e
LEFT JOIN mentions m ON m.mention_id = e.evidence_mention_id
LEFT JOIN articles art ON art.id = e.evidence_article_id
{join}
{where}
ORDER BY coalesce(e.event_date, e.first_seen) NULLS LAST, e.event_id"""


def write_plover(
    con: duckdb.DuckDBPyConnection,
    fh: TextIO,
    *,
    include_statements: bool = False,
    batch_size: int = DEFAULT_BATCH_ROWS,
) -> int:
    """Write one PLOVER JSON object per event (one per line) to the text stream ``fh``, in date order;
    return the number written. Raises ``StoreError`` E310 when the store has no ``events`` table."""
    cur = con.cursor()
    try:
        require_table(cur, "events")
        contexts = _plover_contexts()
        if contexts is not None:
            cur.register("_ew_plover_context", contexts)
        sql = _plover_sql(with_context=contexts is not None, include_statements=include_statements)
        return stream_lines(cur, sql, fh, batch_size)
    finally:
        cur.close()


def unmapped_events(con: duckdb.DuckDBPyConnection) -> int:
    """The number of events without a PLOVER type (``write_plover`` leaves them out unless asked)."""
    cur = con.cursor()
    try:
        require_table(cur, "events")
        return int(cur.execute("SELECT count(*) FROM events WHERE plover_type IS NULL").fetchall()[0][0])
    finally:
        cur.close()
