"""The Python API over a store: events, dyad series, alerts, timelines and networks as data frames.

::

    import eventwire
    db = eventwire.open("eventwire.duckdb")
    db.events(dyad=("USA", "IRN"), date_from="2020-01-01")          # pandas DataFrame
    db.dyad_series("USA", "IRN", by="week", as_="polars")
    db.alerts(by="week")

Everything is computed in DuckDB SQL (``eventwire.analysis``) and handed over as Arrow, converted to the
frame library asked for only at the end. Read-only by default; ``open(path, write=True)`` may also
update the deduplicated events.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa

from .errors import UsageError
from .store import Store

FRAMES = ("pandas", "polars", "arrow")


def open(path: str | Path, *, write: bool = False) -> Database:  # shadows the builtin on purpose: eventwire.open
    """Open the store at ``path`` for analysis (read-only unless ``write``). ``path`` may also be the
    Parquet dataset folder of a Spark run: DuckDB reads it into memory and merges its events."""
    from .distributed.dataset import is_dataset, open_dataset

    if is_dataset(path):
        return Database(open_dataset(path))
    return Database(Store.open(path, read_only=not write))


class Database:
    """Analysis over one store. Use as a context manager or call ``close()``."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -------------------------------------------------------------- lifecycle
    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def _con(self):
        return self.store.connection()

    # -------------------------------------------------------------- queries
    def mentions(self, *, as_: str = "pandas", **filters: Any) -> Any:
        """Event mentions with the filters of ``Store.query_mentions`` (actor, dyad, root, dates...)."""
        return _frame(self.store.query_mentions(**filters), as_)

    def events(
        self,
        *,
        actor: str | None = None,
        dyad: tuple[str, str] | None = None,
        root: str | None = None,
        quad_class: int | None = None,
        date_from: date | str | None = None,
        date_to: date | str | None = None,
        limit: int | None = None,
        as_: str = "pandas",
    ) -> Any:
        """Deduplicated events (one row per happening) in date order."""
        from .analysis.timeline import timeline

        table = timeline(self._con, actor=actor, dyad=dyad, date_from=date_from, date_to=date_to, limit=None)
        if root is not None:
            table = table.filter(pa.compute.equal(table["cameo_root"], str(root).zfill(2)))
        if quad_class is not None:
            table = table.filter(pa.compute.equal(table["quad_class"], int(quad_class)))
        if limit is not None:
            table = table.slice(0, limit)
        return _frame(table, as_)

    def dyad_series(
        self,
        a: str,
        b: str,
        *,
        by: str = "week",
        date_from: date | str | None = None,
        date_to: date | str | None = None,
        as_: str = "pandas",
    ) -> Any:
        """Counts per quad class, Goldstein sum and mean, events and mentions per period and direction."""
        from .analysis.series import dyad_series

        return _frame(dyad_series(self._con, a, b, by=by, date_from=date_from, date_to=date_to), as_)

    def alerts(self, *, dyad: tuple[str, str] | None = None, by: str = "week", as_: str = "pandas") -> Any:
        """Dyad-periods whose conflict intensity departs from the dyad's own baseline (docs/alerts.md)."""
        from .analysis.alerts import alerts

        return _frame(alerts(self._con, dyad=dyad, by=by), as_)

    def timeline(
        self,
        *,
        actor: str | None = None,
        dyad: tuple[str, str] | None = None,
        date_from: date | str | None = None,
        date_to: date | str | None = None,
        limit: int | None = None,
        as_: str = "pandas",
    ) -> Any:
        """Events in date order, one row each, with the evidence sentence."""
        from .analysis.timeline import timeline

        return _frame(timeline(self._con, actor=actor, dyad=dyad, date_from=date_from, date_to=date_to, limit=limit), as_)

    def network(self, *, date_from: date | str | None = None, date_to: date | str | None = None, as_: str = "pandas") -> Any:
        """Weighted actor-to-actor edges (events, mentions, Goldstein sum and mean)."""
        from .analysis.network import edges

        return _frame(edges(self._con, date_from=date_from, date_to=date_to), as_)

    def update_events(self, article_ids: list[str] | None = None) -> Any:
        """Recompute the deduplicated events touched by ``article_ids`` (all when None). Needs ``write=True``."""
        from .store.merge import update_events

        if self.store.read_only:
            raise UsageError("open the store with write=True to update events", code="E450")
        return update_events(self._con, article_ids)


def _frame(table: pa.Table, as_: str) -> Any:
    if as_ == "arrow":
        return table
    if as_ == "pandas":
        return table.to_pandas()
    if as_ == "polars":
        import polars

        return polars.from_arrow(table)
    raise UsageError(f"as_ must be one of {', '.join(FRAMES)}, not {as_!r}", code="E451")
