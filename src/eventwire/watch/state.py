"""What the watcher has read, kept in the store's ``watched`` table so that a restarted watcher goes on
where it stopped: one row per file, feed, page and feed item (``Seen``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from typing import Any

import duckdb
import pyarrow as pa

from ..store.columns import utc_now

FILE, FEED, PAGE, ITEM = "file", "feed", "page", "item"


@dataclass(frozen=True, slots=True)
class Seen:
    """One source as last read.

    ``source``: a file path, a feed or page URL, or a feed item's key (its guid, else its link).
    ``size``/``mtime_ns``: a file's size and modification time when read; ``bytes_read``/``lines_read``: the
    bytes and lines of a JSONL file read so far (whole lines only); ``digest``: a fingerprint of what was read
    (a file's first ``bytes_read`` bytes, a page's body); ``etag``/``last_modified``: the HTTP validators of a
    feed or page; ``article_id``: the article of a page or item; ``attempts``: failed fetches of an item.
    """

    source: str
    kind: str
    parent: str | None = None
    size: int | None = None
    mtime_ns: int | None = None
    bytes_read: int | None = None
    lines_read: int | None = None
    digest: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    article_id: str | None = None
    attempts: int = 0
    seen_at: datetime | None = None


_COLUMNS = tuple(f.name for f in fields(Seen))
_SCHEMA = pa.schema(
    [("source", pa.string()), ("kind", pa.string()), ("parent", pa.string()), ("size", pa.int64()),
     ("mtime_ns", pa.int64()), ("bytes_read", pa.int64()), ("lines_read", pa.int64()), ("digest", pa.string()),
     ("etag", pa.string()), ("last_modified", pa.string()), ("article_id", pa.string()),
     ("attempts", pa.int32()), ("seen_at", pa.timestamp("us"))]
)  # fmt: skip
_SELECT = ", ".join(_COLUMNS)


def load(con: duckdb.DuckDBPyConnection, sources: Sequence[str]) -> dict[str, Seen]:
    """The stored rows of ``sources`` (those never seen are absent)."""
    if not sources:
        return {}
    rows = con.execute(
        f"SELECT {_SELECT} FROM watched WHERE source IN (SELECT unnest(?::VARCHAR[]))", [list(sources)]
    ).fetchall()
    return {row[0]: Seen(**dict(zip(_COLUMNS, row, strict=True))) for row in rows}


def items_of(con: duckdb.DuckDBPyConnection, feed: str) -> dict[str, Seen]:
    """The stored items of ``feed``."""
    rows = con.execute(f"SELECT {_SELECT} FROM watched WHERE parent = ? AND kind = ?", [feed, ITEM]).fetchall()
    return {row[0]: Seen(**dict(zip(_COLUMNS, row, strict=True))) for row in rows}


def save(con: duckdb.DuckDBPyConnection, rows: Iterable[Seen]) -> int:
    """Insert or replace ``rows`` (stamped now), in one transaction; return how many."""
    now = utc_now()
    values: list[dict[str, Any]] = [dict(asdict(row), seen_at=now) for row in rows]
    if not values:
        return 0
    latest = {v["source"]: v for v in values}  # a source given twice keeps its last row
    table = pa.Table.from_pylist(list(latest.values()), schema=_SCHEMA)
    con.register("_ew_watched", table)
    try:
        con.begin()
        try:
            con.execute("DELETE FROM watched WHERE source IN (SELECT source FROM _ew_watched)").fetchall()
            con.execute("INSERT INTO watched BY NAME SELECT * FROM _ew_watched").fetchall()
            con.commit()
        except BaseException:
            con.rollback()
            raise
    finally:
        con.unregister("_ew_watched")
    return len(latest)


def known_articles(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> set[str]:
    """The ids among ``ids`` that the store already holds (coded before, by any run)."""
    if not ids:
        return set()
    rows = con.execute(
        "SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [list(dict.fromkeys(ids))]
    ).fetchall()
    return {row[0] for row in rows}
