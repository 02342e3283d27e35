"""Continuous ingest: ``eventwire watch`` keeps folders, files, feeds and pages coded as they change.

::

    from eventwire.watch import LocalTarget, Watcher
    with Store.open("eventwire.duckdb") as store:
        watcher = Watcher(["inbox/", "https://example.org/feed.xml"], LocalTarget(store, Settings()))
        stats = watcher.poll()          # or watcher.run(interval_s=30, stop=event)

``files`` decides what to read from a file (whole, or the lines a ``.jsonl`` gained), ``web`` fetches feeds
and pages, ``state`` keeps what was read in the store's ``watched`` table, ``watcher`` ties them together.
"""

from __future__ import annotations

from .state import Seen
from .watcher import LocalTarget, PollStats, Watcher, WatchTarget
from .web import Fetcher, FetchSettings

__all__ = ["FetchSettings", "Fetcher", "LocalTarget", "PollStats", "Seen", "WatchTarget", "Watcher"]
