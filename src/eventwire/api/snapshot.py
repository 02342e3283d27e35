"""An in-memory copy of the ``events`` table for the event list, valid until the server next writes.

``GET /v1/events`` is the API's busiest read. In DuckDB each page costs three queries (count, a sort for
the page's ids, the rows by key; ~10 ms on 100k events); on a polars frame held in memory the same filter
and sort take about a millisecond, and concurrent requests no longer queue behind each other. The
server is the store's only writer, so the copy is exact until its next write, after which it is rebuilt
on the next read. Filters and orders here mean exactly what ``queries.EventFilter`` and ``queries.SORTS``
mean in SQL; tests/test_api_snapshot.py checks the two against each other on random requests.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import duckdb
import numpy as np
import polars as pl

from ..analysis.filters import EventFilter, cameo_prefix
from ..errors import UsageError
from ..store.query import cameo_root
from .queries import EVENT_COLUMNS, SORTS, _event_select

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
        frame = cur.sql(f"SELECT {_event_select()} FROM events").pl()
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
            raise UsageError(f"sort must be one of {', '.join(SORTS)}, got {sort!r}", code="E401")
        order = self.order[sort]
        predicate = _predicate(filters, self.codes)
        if predicate is None:
            hits = order
        else:
            mask = self.frame.select(predicate).to_series().to_numpy()
            hits = order[mask[order]]  # the matching rows, in rank order
        return len(hits), self.frame[hits[offset : offset + limit]].select(OUTPUT_COLUMNS)


def _predicate(f: EventFilter, codes: dict[str, tuple[str, ...]]) -> pl.Expr | None:
    def code(column: str, pattern: str) -> pl.Expr:
        return _code(column, pattern, codes[column])

    terms: list[pl.Expr] = []
    if f.actor is not None:
        terms.append(code("source_code", f.actor) | code("target_code", f.actor))
    if f.source is not None:
        terms.append(code("source_code", f.source))
    if f.target is not None:
        terms.append(code("target_code", f.target))
    if f.dyad is not None:
        a, b = f.dyad
        ab = code("source_code", a) & code("target_code", b)
        terms.append(ab | (code("source_code", b) & code("target_code", a)) if f.either_way else ab)
    if f.country is not None:
        iso = f.country.strip().upper()
        terms.append(
            (pl.col("source_country") == iso) | (pl.col("target_country") == iso) | (pl.col("location_country") == iso)
        )
    if f.root is not None:
        terms.append(pl.col("cameo_root") == cameo_root(f.root))
    if f.cameo is not None:
        terms.append(pl.col("cameo").str.starts_with(cameo_prefix(f.cameo)))
    if f.quad is not None:
        terms.append(pl.col("quad_class") == f.quad)
    if f.date_from is not None:
        terms.append(pl.col("date") >= f.date_from)
    if f.date_to is not None:
        terms.append(pl.col("date") <= f.date_to)
    if f.q is not None:
        for word in f.q.split()[:8]:
            terms.append(pl.col(_LOWER).str.contains(word.lower(), literal=True))
    # A null comparison keeps nothing, as coalesce(..., false) does in SQL.
    return pl.all_horizontal([t.fill_null(False) for t in terms]) if terms else None


def _code(column: str, pattern: str, distinct: tuple[str, ...]) -> pl.Expr:
    """``store.query.code_pattern`` as a polars expression: glob, 3-letter-step prefix, or exact code,
    matched against the column's distinct codes."""
    text = pattern.strip().upper()
    if not text:
        raise UsageError("an actor pattern must not be empty", code="E401")
    if "*" in text or "?" in text:
        regex = re.compile("".join(".*" if ch == "*" else "." if ch == "?" else re.escape(ch) for ch in text), re.DOTALL)
        keep = [i for i, code in enumerate(distinct) if regex.fullmatch(code)]
    elif len(text) % 3 == 0:
        keep = [i for i, code in enumerate(distinct) if code.startswith(text)]
    else:
        keep = [i for i, code in enumerate(distinct) if code == text]
    return pl.col(_id(column)).is_in(keep)


def _id(column: str) -> str:
    return f"_{column}_id"
