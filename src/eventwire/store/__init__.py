"""The DuckDB store: schema and migrations, the single writer, the filters (``EventFilter``) and mention queries.

::

    with Store.open("eventwire.duckdb") as store:
        store.store_batch(results, rejects)      # write a batch and merge it into events, one transaction
        table = store.query_mentions(dyad=("USA", "IRN"), root="19", date_from="2020-01-01")
"""

from __future__ import annotations

from .columns import (
    MENTION_COLUMNS,
    STORE_MENTION_COLUMNS,
    flatten_mention,
    mention_from_row,
    mention_id,
    nest_mention_row,
)
from .filters import EventFilter
from .migrations import LATEST_VERSION, MIGRATIONS, Migration
from .query import MentionQuery
from .store import BatchOutcome, Store
from .writing import WriteStats

__all__ = [
    "LATEST_VERSION",
    "MENTION_COLUMNS",
    "MIGRATIONS",
    "STORE_MENTION_COLUMNS",
    "BatchOutcome",
    "EventFilter",
    "MentionQuery",
    "Migration",
    "Store",
    "WriteStats",
    "flatten_mention",
    "mention_from_row",
    "mention_id",
    "nest_mention_row",
]
