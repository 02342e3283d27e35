"""The watcher inside ``eventwire serve --watch``: a thread that polls and writes through the server.

It codes with the server's coder and writes with the server's writer lock (``ApiService.writing``), which
empties the answer cache after each write: the dashboard and ``/v1/events`` show new events at once,
without a restart. A failing poll is logged and the next one runs as usual.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Article, ArticleResult
from ..store import Store
from .watcher import PollStats, Watcher

if TYPE_CHECKING:
    from ..api.service import ApiService

log = logging.getLogger("eventwire.watch")


class ServiceTarget:
    """A running server as the watcher's target."""

    def __init__(self, service: ApiService) -> None:
        self.service = service

    def code(self, articles: Sequence[Article]) -> list[ArticleResult]:
        return self.service.code_articles(articles)

    def writing(self) -> AbstractContextManager[Store]:
        return self.service.writing()


@dataclass(slots=True)
class Watching:
    """A watcher running on its own thread; ``stop()`` ends it after the poll in progress."""

    watcher: Watcher
    thread: threading.Thread
    stop_event: threading.Event
    last: PollStats | None = None

    def stop(self, timeout_s: float = 60.0) -> None:
        self.stop_event.set()
        self.thread.join(timeout=timeout_s)
        self.watcher.close()


def start_watching(service: ApiService, sources: Sequence[str], *, interval_s: float) -> Watching:
    """Start polling ``sources`` every ``interval_s`` seconds into ``service``'s store."""
    from ..ingest.records import ReadOptions

    options = ReadOptions(max_chars=service.settings.coder.max_article_chars)
    watcher = Watcher(list(sources), ServiceTarget(service), options=options)
    stop = threading.Event()
    watching = Watching(watcher, threading.Thread(), stop)

    def loop() -> None:
        while not stop.is_set():
            try:
                watcher.run(interval_s=interval_s, stop=stop, on_poll=lambda stats: _record(watching, stats))
            except Exception:  # the server keeps serving; the next poll tries again
                log.exception("a watch poll failed; polling again in %.0f s", interval_s)
                stop.wait(interval_s)

    watching.thread = threading.Thread(target=loop, name="eventwire-watch", daemon=True)
    watching.thread.start()
    return watching


def _record(watching: Watching, stats: PollStats) -> None:
    watching.last = stats
    for reject in stats.rejected:
        log.warning("watch rejected %s: [%s] %s", reject.origin, reject.code, reject.reason)
    if stats.sources:
        log.info("watch poll %d: %d new article(s), %d mention(s), %d rejected", watching.watcher.polls,
                 stats.articles, stats.mentions, stats.rejects)  # fmt: skip
