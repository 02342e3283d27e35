"""The Parquet dataset a Spark run writes, read by DuckDB: loaded into a store, or opened as one.

``load_dataset(store, "out/")`` bulk-loads the dataset's articles, mentions and rejects into a store with
the store's own write rules (an article id replaces the stored one and its mentions) and merges the
mentions into events in the same transaction (``Store.write_relations``), so loading the same dataset twice
leaves the store as it was, and a load killed midway leaves it as it was before. ``open_dataset("out/")``
gives a ``Store`` in memory built that way, for ``eventwire.open`` and ``eventwire events`` to read a
dataset directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import EngineError
from ..store import Store

MENTIONS, ARTICLES, REJECTS = "mentions", "articles", "rejects"


@dataclass(frozen=True, slots=True)
class LoadStats:
    """What ``load_dataset`` did: rows loaded per table, events in the store after the merge, and whether
    the merge recomputed every event."""

    articles: int
    mentions: int
    rejects: int
    events: int
    full_merge: bool


def is_dataset(path: str | Path) -> bool:
    """Whether ``path`` is a folder written by the Spark engine (it holds ``mentions/``)."""
    folder = Path(path)
    return folder.is_dir() and (folder / MENTIONS).is_dir()


def _parts(folder: Path) -> str | None:
    """A DuckDB glob over the Parquet files of ``folder`` (any depth), or None when it has none."""
    if not folder.is_dir() or not any(folder.rglob("*.parquet")):
        return None
    return _sql_string(str(folder.resolve() / "**" / "*.parquet"))


def load_dataset(store: Store, path: str | Path, *, events: bool = True) -> LoadStats:
    """Load the dataset at ``path`` into ``store`` (open for writing) and merge its mentions into events, in
    one transaction (``events=False``: leave the events table as it was, for reading mentions only).

    Raises EngineError E604 when ``path`` is not a dataset, StoreError when the store cannot be written.
    """
    folder = Path(path)
    if not is_dataset(folder):
        raise EngineError(f"{folder} is not an eventwire Parquet dataset (no {MENTIONS}/ folder)", code="E604")
    articles, mentions, rejects = (_parts(folder / name) for name in (ARTICLES, MENTIONS, REJECTS))
    stats, merged = store.write_relations(
        articles=f"SELECT * FROM read_parquet({articles})" if articles else None,
        mentions=(f"SELECT * FROM read_parquet({mentions}, hive_partitioning = true,"
                  " hive_types = {'event_date': DATE})" if mentions else None),
        rejects=f"SELECT * FROM read_parquet({rejects})" if rejects else None,
        merge=events,
    )
    events_now = int(store.connection().execute("SELECT count(*) FROM events").fetchall()[0][0])
    return LoadStats(stats.articles, stats.mentions, stats.rejects, events_now, bool(merged and merged.full))


def open_dataset(path: str | Path, *, events: bool = True) -> Store:
    """A store in memory holding the dataset at ``path``, its events merged (unless ``events=False``):
    DuckDB reads the Parquet files; nothing is written next to them. Close it when done."""
    store = Store.open(":memory:")
    try:
        load_dataset(store, path, events=events)
    except BaseException:
        store.close()
        raise
    return store


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
