"""An in-memory copy of the ``events`` table for the event list, valid until the server next writes.

``GET /v1/events`` is the API's busiest read. In DuckDB each page costs three queries (count, a sort for
the page's ids, the rows by key; ~10 ms on 100k events); on a polars frame held in memory the same filter
and sort take about a millisecond, and concurrent requests no longer queue behind each other. The
server is the store's only writer, so the copy is exact until its next write, after which it is rebuilt
on the next read. Filters are ``store.filters.EventFilter`` compiled to polars (``expression``) from
the same definition as its SQL; orders mean what ``queries.SORTS`` means in SQL. tests/test_api_snapshot.py
checks the two against each other on random requests.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import duckdb
import numpy as np
import polars as pl

from ..analysis.listing import EVENT_COLUMNS, EVENT_ROWS, SORTS, event_select
from ..errors import UsageError
from ..store.filters import EventFilter

# (column, descending) per sort, as in queries.SORTS; nulls always last.
_ORDERS: dict[str, tuple[tuple[str, bool], ...]] = {
    "date": (("date", False), ("num_mentions", True), ("event_id", False)),
    "-date": (("date", True), ("num_mentions", True), ("event_id", False)),
    "goldstein": (("goldstein", False), ("event_id", False)),
    "-goldstein": (("goldstein", True), ("event_id", False)),
    "mentions": (("num_mentions", False), ("event_id", False)),
    "-mentions": (("num_mentions", True), ("event_id", False)),
}
assert set(_ORDERS) == set(SORTS)
_LOWER = "_evidence_lower"
OUTPUT_COLUMNS = (*EVENT_COLUMNS, "cameo_name")
_CODE_COLUMNS = ("source_code", "target_code")


@dataclass(frozen=True, slots=True)
class EventSnapshot:
    """The events of one store generation, with the evidence lower-cased once for word search."""

    generation: int
    frame: pl.DataFrame
    order: dict[str, np.ndarray]  # per sort, the rows in that order
    codes: dict[str, tuple[str, ...]]  # the distinct actor codes of each side, by id

    @classmethod
    def load(
        cls, cur: duckdb.DuckDBPyConnection, generation: int, cameo_names: Mapping[str, str] | None = None
    ) -> EventSnapshot:
        """Read the events table and put its rows in every sort order once, so that a page is a mask taken
        in that order rather than a sort of everything that matched. ``cameo_names`` (code -> name) fills
        each row's ``cameo_name``, as ``results.with_cameo_names`` does for rows read from DuckDB."""
        frame = cur.sql(f"SELECT {event_select()} FROM {EVENT_ROWS}").pl()
        frame = frame.with_columns(
            pl.col("cameo").replace_strict(dict(cameo_names or {}), default=None, return_dtype=pl.String).alias("cameo_name")
        )
        orders = {}
        for sort, keys in _ORDERS.items():
            columns, descending = zip(*keys, strict=True)
            by_rank = frame.with_row_index("_row").sort(list(columns), descending=list(descending), nulls_last=True)
            orders[sort] = by_rank["_row"].to_numpy().astype(np.int64)
        # Actor codes as small integers: a pattern is matched against the distinct codes (a few thousand at
        # most), then the rows are picked by integer, not by comparing strings row by row.
        codes, ids = {}, []
        for column in _CODE_COLUMNS:
            distinct = tuple(sorted(frame[column].drop_nulls().unique().to_list()))
            codes[column] = distinct
            lookup = pl.DataFrame({column: distinct, _id(column): range(len(distinct))},
                                  schema={column: pl.String, _id(column): pl.Int32})  # fmt: skip
            ids.append(frame.select(column).join(lookup, on=column, how="left", maintain_order="left")[_id(column)])
        frame = frame.with_columns(pl.col("evidence_sentence").str.to_lowercase().alias(_LOWER), *ids)
        return cls(generation, frame, orders, codes)

    def __len__(self) -> int:
        return self.frame.height

    def page(self, filters: EventFilter, *, sort: str, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
        """The total matching ``filters`` and one page of events: ``queries.list_events`` plus ``cameo_name``."""
        total, rows = self._page(filters, sort=sort, limit=limit, offset=offset)
        return total, rows.to_dicts()

    def page_json(self, filters: EventFilter, *, sort: str, limit: int, offset: int) -> tuple[int, str]:
        """The same page as a JSON array, written by polars (several times faster than dicts + json.dumps)."""
        total, rows = self._page(filters, sort=sort, limit=limit, offset=offset)
        return total, rows.write_json() if rows.height else "[]"

    def _page(self, filters: EventFilter, *, sort: str, limit: int, offset: int) -> tuple[int, pl.DataFrame]:
        if sort not in _ORDERS:
            raise UsageError(f"sort must be one of {', '.join(SORTS)}, got {sort!r}", code="E411")
        order = self.order[sort]
        ids = {column: (_id(column), codes) for column, codes in self.codes.items()}
        predicate = filters.expression(date_column="date", text_lower=_LOWER, code_ids=ids)
        if predicate is None:
            hits = order
        else:
            mask = self.frame.select(predicate).to_series().to_numpy()
            hits = order[mask[order]]  # the matching rows, in rank order
        return len(hits), self.frame[hits[offset : offset + limit]].select(OUTPUT_COLUMNS)


def _id(column: str) -> str:
    return f"_{column}_id"
