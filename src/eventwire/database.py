"""The Python API over a store: events, mentions, dyad series, alerts, timelines, networks and exports.

::

    import eventwire
    db = eventwire.open("eventwire.duckdb")
    db.events(dyad=("United States", "Iran"), date_from="2020-01-01")   # pandas DataFrame, one row per event
    db.mentions(actor="IRN", root="19", as_="polars")                    # every report of them
    db.dyad_series("USA", "IRN", by="week")
    db.alerts(threshold=3)
    db.share_series(of="country", by="month")                           # counts over the period's total
    db.export("gdelt", "events.tsv")

The filters are the same as the CLI's and the HTTP API's (``store.filters.EventFilter``) and take actor
names as well as codes ("Iran", "the UN"; ``lookup.ActorResolver``). Everything is computed in DuckDB SQL
and handed over as Arrow, converted at the end to pandas (dates as ``datetime64``), polars or Arrow.

Opening is read-only by default; ``open(path, write=True)`` may also update the deduplicated events. While
``eventwire serve`` holds the store, a read-only ``open`` reads a copy the server hands out
(``eventwire.serving``): the data as it was when opened (``refresh()`` reads it again).
"""

from __future__ import annotations

import builtins
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa

from .errors import StoreError, UsageError
from .store import Store

FRAMES = ("pandas", "polars", "arrow")
EXPORTS = ("gdelt", "gdelt-mentions", "plover", "parquet", "csv", "jsonl")

Actor = str | tuple[str, ...] | list[str] | None
Day = date | str | None


def open(path: str | Path, *, write: bool = False) -> Database:  # shadows the builtin on purpose: eventwire.open
    """Open the store at ``path`` for analysis (read-only unless ``write``). ``path`` may also be the
    Parquet dataset folder of a Spark run: DuckDB reads it into memory and merges its events.

    Raises ``StoreError`` E301 when another process holds the store, unless that process is
    ``eventwire serve``: then the store is read through a copy the server makes (E320 if it cannot)."""
    from .distributed.dataset import is_dataset, open_dataset

    if is_dataset(path):
        return Database(open_dataset(path))
    if write:
        return Database(Store.open(path))
    return Database(*_open_for_reading(path), path=str(path))


def _open_for_reading(path: str | Path) -> tuple[Store, Any]:
    from .serving import read_server_file, request_snapshot

    try:
        return Store.open(path, read_only=True), None
    except StoreError as exc:
        if exc.code != "E301":
            raise
        server = read_server_file(path)
        if server is None:
            raise
        return Store.open(request_snapshot(server), read_only=True), server


class Database:
    """Analysis over one store. Use as a context manager or call ``close()``.

    ``served_by`` is the ``serving.ServerInfo`` of the server whose copy is being read, else None."""

    def __init__(self, store: Store, served_by: Any = None, *, path: str | None = None) -> None:
        self.store = store
        self.served_by = served_by
        self.path = path or store.path
        self._resolver: Any = None

    # -------------------------------------------------------------- lifecycle
    def close(self) -> None:
        self.store.close()

    def refresh(self) -> None:
        """Read the store again (a served store: a new copy with what the server wrote since)."""
        if self.store.read_only:
            self.store.close()
            self.store, self.served_by = _open_for_reading(self.path)
            self._resolver = None

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def _con(self):
        return self.store.connection()

    # -------------------------------------------------------------- filters
    def filter(
        self, *, actor: Actor = None, source: Actor = None, target: Actor = None,
        dyad: tuple[Any, Any] | None = None, either_way: bool = False, country: str | list[str] | None = None,
        root: str | int | None = None, cameo: str | None = None, quad: int | None = None,
        date_from: Day = None, date_to: Day = None, q: str | None = None, include_negated: bool = True,
    ) -> Any:  # fmt: skip
        """The ``EventFilter`` these arguments make, with actor names resolved to codes (UsageError E480
        names an unknown actor and suggests close ones)."""
        from .store.filters import EventFilter

        raw = EventFilter(
            actor=actor, source=source, target=target, dyad=dyad, either_way=either_way, country=country,
            root=None if root is None else str(root), cameo=cameo, quad=quad, date_from=date_from,
            date_to=date_to, q=q, include_negated=include_negated,
        )  # fmt: skip
        return self.resolver().filter(raw)

    def resolver(self) -> Any:
        """The ``lookup.ActorResolver`` for this store (its actor codes, the bundled dictionary)."""
        if self._resolver is None:
            from .lookup import ActorResolver, store_actor_codes

            self._resolver = ActorResolver(known_codes=store_actor_codes(self._con))
        return self._resolver

    def actor(self, value: str) -> str:
        """One actor value (name, code or pattern) as a code pattern (``A|B`` when a name has several)."""
        return "|".join(self.resolver().resolve(value))

    # -------------------------------------------------------------- queries
    def events(
        self, *, sort: str = "date", limit: int | None = None, offset: int = 0, as_: str = "pandas",
        quad_class: int | None = None, **filters: Any,
    ) -> Any:  # fmt: skip
        """Deduplicated events (one row per happening) matching the filters (``filter()``), in ``sort``
        order (``date``, ``-date``, ``goldstein``, ``-goldstein``, ``mentions``, ``-mentions``): the rows of
        ``GET /v1/events`` and ``eventwire events``. ``quad_class`` is another name for ``quad``."""
        from .analysis.listing import events_table

        if quad_class is not None:
            filters["quad"] = quad_class
        table = events_table(self._con, self.filter(**filters), sort=sort, limit=limit, offset=offset)
        return _frame(table, as_)

    def mentions(self, *, limit: int | None = None, offset: int = 0, as_: str = "pandas", **filters: Any) -> Any:
        """Event mentions (every report, negated and hypothetical ones included unless
        ``include_negated=False``) matching the filters, in date, article and sentence order."""
        from .analysis.listing import mentions_table

        return _frame(mentions_table(self._con, self.filter(**filters), limit=limit, offset=offset), as_)

    def dyad_series(self, a: str, b: str, *, by: str = "week", date_from: Day = None, date_to: Day = None,
                    as_: str = "pandas") -> Any:  # fmt: skip
        """Counts per quad class, Goldstein sum and mean, events and mentions per period and direction
        (``a->b``, ``b->a``, ``both``); ``a``/``b`` are names, codes or patterns."""
        from .analysis.series import dyad_series

        table = dyad_series(self._con, self.actor(a), self.actor(b), by=by, date_from=date_from, date_to=date_to)
        return _frame(table, as_)

    def alerts(
        self, *, dyad: tuple[str, str] | None = None, by: str = "week", date_from: Day = None, date_to: Day = None,
        threshold: float = 4.0, min_count: int = 3, as_: str = "pandas",
    ) -> Any:  # fmt: skip
        """Dyad-periods whose conflict intensity departs from the dyad's own baseline (docs/alerts.md).
        A dyad needs 8 earlier periods of history (weeks by default) before it can alert."""
        from .analysis.alerts import alerts

        pair = None if dyad is None else (self.actor(dyad[0]), self.actor(dyad[1]))
        table = alerts(self._con, dyad=pair, by=by, date_from=date_from, date_to=date_to, threshold=threshold,
                       min_count=min_count)  # fmt: skip
        return _frame(table, as_)

    def timeline(self, *, actor: str | None = None, dyad: tuple[str, str] | None = None, date_from: Day = None,
                 date_to: Day = None, limit: int | None = None, as_: str = "pandas") -> Any:  # fmt: skip
        """Events in date order, one row each, with the evidence sentence (both directions of a dyad)."""
        from .analysis.timeline import timeline

        pair = None if dyad is None else (self.actor(dyad[0]), self.actor(dyad[1]))
        table = timeline(self._con, actor=None if actor is None else self.actor(actor), dyad=pair,
                         date_from=date_from, date_to=date_to, limit=limit)  # fmt: skip
        return _frame(table, as_)

    def network(self, *, date_from: Day = None, date_to: Day = None, as_: str = "pandas") -> Any:
        """Weighted actor-to-actor edges (events, mentions, Goldstein sum and mean)."""
        from .analysis.network import edges

        return _frame(edges(self._con, date_from=date_from, date_to=date_to), as_)

    def share_series(self, *, of: str = "country", by: str = "month", as_: str = "pandas", **filters: Any) -> Any:
        """Events per period and ``of`` (``country`` of the place, ``source_country``, ``target_country``,
        ``root`` or ``quad_class``) with the period's total and ``share`` = events / total: counts normalised
        by the volume of all coded events, as GDELT users do (news volume grows; shares do not).
        The filters narrow the counted events; the total is every event of the period."""
        from .analysis.volume import share_series

        return _frame(share_series(self._con, self.filter(**filters), of=of, by=by), as_)

    def export(self, format: str, path: str | Path, *, what: str = "events", header: bool = False,
               include_statements: bool = False) -> int:  # fmt: skip
        """Write the store to ``path`` as ``gdelt`` (61 columns), ``gdelt-mentions`` (16), ``plover``,
        ``parquet``, ``csv`` or ``jsonl`` (``what``: events or mentions); return the number of rows."""
        from .export.gdelt import write_gdelt_events, write_gdelt_mentions
        from .export.parquet import write_table
        from .export.plover import write_plover

        if format not in EXPORTS:
            raise UsageError(f"format must be one of {', '.join(EXPORTS)}, not {format!r}", code="E452")
        if format in ("parquet", "csv", "jsonl"):
            return write_table(self._con, Path(path), what=what, format=format)
        with builtins.open(path, "w", encoding="utf-8", newline="") as fh:
            if format == "plover":
                return write_plover(self._con, fh, include_statements=include_statements)
            writer = write_gdelt_events if format == "gdelt" else write_gdelt_mentions
            return writer(self._con, fh, header=header)

    def sql(self, query: str, params: list[Any] | None = None, *, limit: int = 10_000, as_: str = "pandas") -> Any:
        """A read-only SQL query over the store's tables (``?`` parameters), at most ``limit`` rows."""
        from .analysis.readonly_sql import run_sql

        return _frame(run_sql(self._con, query, params or [], limit=limit), as_)

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
        return table.to_pandas(date_as_object=False)  # dates as datetime64, not Python objects
    if as_ == "polars":
        import polars

        return polars.from_arrow(table)
    raise UsageError(f"as_ must be one of {', '.join(FRAMES)}, not {as_!r}", code="E451")
