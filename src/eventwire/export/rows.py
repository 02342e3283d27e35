"""Store query results (Arrow) back into the shapes the writers print."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pyarrow as pa

from ..store.columns import MENTION_COLUMNS, nest_mention_row

ArrowMentions = pa.Table | pa.RecordBatch | Iterable[pa.RecordBatch]


def _batches(data: ArrowMentions) -> Iterator[pa.RecordBatch]:
    if isinstance(data, pa.Table):
        yield from data.to_batches()
    elif isinstance(data, pa.RecordBatch):
        yield data
    else:
        yield from data


def flat_rows_from_table(table: ArrowMentions) -> Iterator[dict[str, Any]]:
    """Flat mention rows (keys = ``MENTION_COLUMNS``, in that order), one record batch in memory at a time."""
    for batch in _batches(table):
        for row in batch.to_pylist():
            yield {name: row.get(name) for name in MENTION_COLUMNS}


def mention_rows_from_table(table: ArrowMentions) -> Iterator[dict[str, Any]]:
    """The JSONL contract dict of each row of a store query result (same shape as ``EventMention.to_dict``).

    Accepts the table of ``Store.query_mentions`` or the batches of ``Store.iter_mention_batches``.
    """
    for batch in _batches(table):
        for row in batch.to_pylist():
            yield nest_mention_row(row)
