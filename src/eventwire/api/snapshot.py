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
from dataclasses import dataclass
from typing import Any

import duckdb
import numpy as np
import polars as pl

from ..errors import UsageError
from .queries import EVENT_COLUMNS, SORTS, EventFilter, _event_select, _root

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


@dataclass(frozen=True, slots=True)
class EventSnapshot:
    """The events of one store generation, with the evidence lower-cased once for word search."""

    generation: int
    frame: pl.DataFrame
    order: dict[str, np.ndarray]  # per sort, the row of each rank
    codes: dict[str, tuple[str, ...]]  # the distinct actor codes of each side, for glob patterns

    @classmethod
    def load(cls, cur: duckdb.DuckDBPyConnection, generation: int) -> EventSnapshot:
        """Read the events table; each row also gets its rank in every sort order, so that a page is a
        top-k over one integer column rather than a sort of everything that matched."""
        frame = cur.sql(f"SELECT {_event_select()} FROM events").pl()
        ranks, orders = [], {}
        for sort, keys in _ORDERS.items():
            columns, descending = zip(*keys, strict=True)
            by_rank = frame.with_row_index("_row").sort(list(columns), descending=list(descending), nulls_last=True)
            orders[sort] = by_rank["_row"].to_numpy().astype(np.int64)
            rank = np.empty(frame.height, dtype=np.int64)
            rank[orders[sort]] = np.arange(frame.height)
            ranks.append(pl.Series(_rank(sort), rank))
        frame = frame.with_columns(pl.col("evidence_sentence").str.to_lowercase().alias(_LOWER), *ranks)
        codes = {c: tuple(frame[c].drop_nulls().unique().to_list()) for c in ("source_code", "target_code")}
        return cls(generation, frame, orders, codes)

    def __len__(self) -> int:
        return self.frame.height

    def page(self, filters: EventFilter, *, sort: str, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
        """The total matching ``filters`` and one page of events, as ``queries.list_events`` gives them."""
        if sort not in _ORDERS:
            raise UsageError(f"sort must be one of {', '.join(SORTS)}, got {sort!r}", code="E401")
        rank = _rank(sort)
        # Only the rank column of the matching rows is materialised; the page's rows are gathered after.
        matched = self.frame.lazy().filter(_predicate(filters, self.codes)).select(rank).collect()
        total = matched.height
        if offset >= total:
            return total, []
        ranks = matched.bottom_k(offset + limit, by=rank).sort(rank).slice(offset, limit)[rank].to_numpy()
        order = self.order[sort]
        return total, self.frame[order[ranks]].select(EVENT_COLUMNS).to_dicts()


def _rank(sort: str) -> str:
    return "_rank_" + sort.replace("-", "desc_")


def _predicate(f: EventFilter, codes: dict[str, tuple[str, ...]]) -> pl.Expr:
    def code(column: str, pattern: str) -> pl.Expr:
        return _code(column, pattern, codes[column])

    terms: list[pl.Expr] = []
    if f.actor:
        terms.append(code("source_code", f.actor) | code("target_code", f.actor))
    if f.source:
        terms.append(code("source_code", f.source))
    if f.target:
        terms.append(code("target_code", f.target))
    if f.dyad:
        terms.append(code("source_code", f.dyad[0]) & code("target_code", f.dyad[1]))
    if f.country:
        iso = f.country.strip().upper()
        terms.append(
            (pl.col("source_country") == iso) | (pl.col("target_country") == iso) | (pl.col("location_country") == iso)
        )
    if f.root:
        terms.append(pl.col("cameo_root") == _root(f.root))
    if f.cameo:
        code = f.cameo.strip()
        if not code.isdigit() or not 2 <= len(code) <= 4:
            raise UsageError(f"a CAMEO code is 2 to 4 digits, got {f.cameo!r}", code="E401")
        terms.append(pl.col("cameo").str.starts_with(code))
    if f.quad is not None:
        terms.append(pl.col("quad_class") == f.quad)
    if f.date_from is not None:
        terms.append(pl.col("date") >= f.date_from)
    if f.date_to is not None:
        terms.append(pl.col("date") <= f.date_to)
    if f.q:
        for word in f.q.split()[:8]:
            terms.append(pl.col(_LOWER).str.contains(word.lower(), literal=True))
    # A null comparison keeps nothing, as coalesce(..., false) does in SQL.
    return pl.all_horizontal([t.fill_null(False) for t in terms]) if terms else pl.lit(True)


def _code(column: str, pattern: str, distinct: tuple[str, ...]) -> pl.Expr:
    """``store.query.code_pattern`` as a polars expression: glob, 3-letter-step prefix, or exact code.
    A glob is matched against the column's distinct codes (a few thousand at most), not every row."""
    text = pattern.strip().upper()
    if not text:
        raise UsageError("an actor pattern must not be empty", code="E401")
    if "*" in text or "?" in text:
        regex = re.compile("".join(".*" if ch == "*" else "." if ch == "?" else re.escape(ch) for ch in text), re.DOTALL)
        return pl.col(column).is_in([c for c in distinct if regex.fullmatch(c)])
    if len(text) % 3 == 0:
        return pl.col(column).str.starts_with(text)
    return pl.col(column) == text

