"""Timelines: deduplicated events in date order, each with the sentence that best evidences it."""

from __future__ import annotations

from datetime import date

import duckdb
import pyarrow as pa

from ..errors import UsageError
from ..store.filters import EventFilter, cameo_root
from .series import EFFECTIVE_DATE, fetch_arrow, period_bounds

__all__ = ["TIMELINE_COLUMNS", "timeline"]

# The events columns a timeline row carries, after its ``date``.
TIMELINE_COLUMNS = (
    "event_id", "event_date", "date_basis", "source_code", "source_country", "source_sector",
    "target_code", "target_country", "target_sector", "cameo", "cameo_root", "quad_class", "goldstein",
    "plover_type", "plover_mode", "location_name", "location_country", "location_admin1", "location_lat",
    "location_lon", "location_feature", "num_mentions", "num_sources", "num_articles", "first_seen",
    "last_seen", "confidence", "evidence_article_id", "evidence_mention_id", "evidence_sentence",
)  # fmt: skip


def timeline(
    con: duckdb.DuckDBPyConnection,
    *,
    actor: str | None = None,
    dyad: tuple[str, str] | None = None,
    directed: bool = False,
    root: str | int | None = None,
    quad_class: int | None = None,
    date_from: date | str | None = None,
    date_to: date | str | None = None,
    limit: int | None = None,
) -> pa.Table:
    """Events in date order: ``date`` (the event date, else first seen) then ``TIMELINE_COLUMNS``.

    ``actor`` is an actor pattern on either side; ``dyad`` (``A``, ``B``) keeps events between the
    two in either direction, or only ``A->B`` when ``directed``. ``root`` (``"19"``) and
    ``quad_class`` (1..4) narrow the events; dates are inclusive. Events of one day are ordered by
    mentions, most first; events with no date at all come last. Raises UsageError E464 on bad filters.
    """
    lo, hi = period_bounds(date_from, date_to)
    if dyad is not None and (isinstance(dyad, str) or len(dyad) != 2):
        raise UsageError(f"dyad must be a pair (A, B), got {dyad!r}", code="E464")
    if root is not None:
        try:
            cameo_root(root)
        except UsageError as exc:
            raise UsageError(exc.message, code="E464") from None
    if quad_class is not None and (isinstance(quad_class, bool) or not isinstance(quad_class, int) or not 1 <= quad_class <= 4):
        raise UsageError(f"quad_class is 1..4, got {quad_class!r}", code="E464")
    where, params = EventFilter(
        actor=actor, dyad=tuple(dyad) if dyad is not None else None, either_way=not directed,
        root=None if root is None else str(root), quad=quad_class, date_from=lo, date_to=hi,
    ).where()  # fmt: skip
    sql = (
        f"SELECT {EFFECTIVE_DATE} AS date, {', '.join(TIMELINE_COLUMNS)} FROM events "
        f"WHERE {where} "
        f"ORDER BY {EFFECTIVE_DATE} NULLS LAST, num_mentions DESC NULLS LAST, event_id"
    )
    if limit is not None:
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
            raise UsageError(f"limit must be a whole number >= 0, got {limit!r}", code="E464")
        sql += " LIMIT ?"
        params.append(limit)
    return fetch_arrow(con, sql, params)
