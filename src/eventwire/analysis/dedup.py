"""Deduplication moved next to the store, as its merge stage: ``eventwire.store.merge``.

This module keeps the old import path working (``from eventwire.analysis.dedup import update_events``).
"""

from __future__ import annotations

from ..store.merge import DedupStats, update_events
from ..store.merge_sql import (
    AREA_FEATURES,
    CONFIDENCE_CAP,
    DATE_WINDOW_DAYS,
    DEFAULT_CONFIDENCE,
    MAX_DISTANCE_KM,
    PRECISE_BASES,
    UNDATED,
)

__all__ = [
    "AREA_FEATURES",
    "CONFIDENCE_CAP",
    "DATE_WINDOW_DAYS",
    "DEFAULT_CONFIDENCE",
    "MAX_DISTANCE_KM",
    "PRECISE_BASES",
    "UNDATED",
    "DedupStats",
    "update_events",
]
