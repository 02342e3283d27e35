"""The watcher: poll sources, code what is new, store it and merge it into events, remember what was read.

Each poll lists the files under the watched folders and fetches the watched URLs, reads what is new or
changed (``files``, ``web``), drops every article the store already holds (by id: an article is never
coded twice, whoever coded it), codes the rest in batches with the local per-batch function, stores each
batch with its rejects (``Store.store_batch``: the mentions are merged into events as they are stored),
and then records what it read in the ``watched`` table. A watcher stopped at any point and started again
reads again at most what it had not recorded, and codes none of it twice.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import Protocol

from ..ingest.listing import input_files
from ..ingest.records import ReadOptions
from ..model import Article, ArticleResult, Reject
from ..settings import Settings
from ..store import Store
from . import state
from .files import changed
from .state import Seen
from .web import Fetcher, FetchSettings, is_url, poll_url

log = logging.getLogger("eventwire.watch")

#: Articles coded and stored together (one store transaction each).
STORE_BATCH = 256


class WatchTarget(Protocol):
    """Where the watcher codes and stores: the command line's store, or a running API server's."""

    def code(self, articles: Sequence[Article]) -> list[ArticleResult]: ...

    def writing(self) -> AbstractContextManager[Store]: ...


class LocalTarget:
    """Codes with the process's pipeline for ``settings`` (in ``settings.workers`` processes) and writes
    ``store`` directly."""

    def __init__(self, store: Store, settings: Settings) -> None:
        from ..pipeline import pipeline_for

        self.store = store
        self.pipeline = pipeline_for(settings)

    def code(self, articles: Sequence[Article]) -> list[ArticleResult]:
        return list(self.pipeline.code(articles))

    def writing(self) -> AbstractContextManager[Store]:
        return nullcontext(self.store)


@dataclass(slots=True)
class PollStats:
    """What one poll did: ``sources`` read (files, feeds, pages, items), ``articles`` coded now,
    ``known`` articles skipped because the store holds them, ``mentions`` stored, ``rejects``."""

    sources: int = 0
    articles: int = 0
    known: int = 0
    mentions: int = 0
    rejects: int = 0
    seconds: float = 0.0
    rejected: list[Reject] = field(default_factory=list)


class Watcher:
    """Watches folders, files and URLs (``sources``) and codes what appears into ``target``'s store."""

    def __init__(self, sources: Sequence[str], target: WatchTarget, *, options: ReadOptions | None = None,
                 fetcher: Fetcher | None = None, fetch: FetchSettings | None = None) -> None:  # fmt: skip
        self.sources = list(sources)
        self.target = target
        self.options = options or ReadOptions()
        self._fetcher = fetcher
        self._fetch_settings = fetch
        self.polls = 0

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()
            self._fetcher = None

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher(self._fetch_settings)
        return self._fetcher

    # -- polling ---------------------------------------------------------------------------------------

    def poll(self) -> PollStats:
        """Read, code and store everything new since the last poll (or the last run); return what it did."""
        started = time.perf_counter()
        stats = PollStats()
        for source in self.sources:
            if is_url(source):
                self._poll_url(source, stats)
            else:
                self._poll_path(source, stats)
        self.polls += 1
        stats.seconds = round(time.perf_counter() - started, 3)
        return stats

    def run(self, *, interval_s: float, stop: threading.Event,
            on_poll: Callable[[PollStats], None] | None = None) -> None:  # fmt: skip
        """Poll every ``interval_s`` seconds (from the start of one poll to the next) until ``stop`` is set."""
        while not stop.is_set():
            began = time.monotonic()
            stats = self.poll()
            if on_poll is not None:
                on_poll(stats)
            stop.wait(max(0.0, interval_s - (time.monotonic() - began)))

    def _poll_path(self, source: str, stats: PollStats) -> None:
        listed = input_files(source)
        root = source if os.path.isdir(source) else None
        missing = [r for r in listed if isinstance(r, Reject)]
        paths = [p for p in listed if isinstance(p, str)]
        with self.target.writing() as store:
            before = state.load(store.connection(), paths)
        if missing and self.polls == 0:  # said once, not every poll: the folder may appear later
            self._store([], missing, stats)

        def stream() -> Iterator[Article | Reject | Seen]:
            for path in paths:
                read = changed(path, before.get(path), self.options, root=root)
                if read is not None:
                    stats.sources += 1
                    yield from read.items
                    yield read.seen  # the file is done once everything before it is stored

        self._code_stream(stream(), stats)

    def _poll_url(self, url: str, stats: PollStats) -> None:
        with self.target.writing() as store:
            before = state.load(store.connection(), [url]).get(url)
            known_items = state.items_of(store.connection(), url)
        read = poll_url(url, before, known_items, self.fetcher, self.options)
        stats.sources += len(read.items)

        def stream() -> Iterator[Article | Reject | Seen]:
            for item, seen in read.items:
                yield item
                if seen is not None:
                    yield seen  # an item is recorded once its article (or reject) is stored
            if read.seen is not None:
                yield read.seen

        self._code_stream(stream(), stats)

    # -- coding and storing ----------------------------------------------------------------------------

    def _code_stream(self, stream: Iterable[Article | Reject | Seen], stats: PollStats) -> None:
        """Code the new articles of ``stream`` in batches of ``STORE_BATCH`` (several small files share a
        batch), store each batch with its rejects, then record the sources (``Seen``) it completed."""
        articles: list[Article] = []
        rejects: list[Reject] = []
        done: list[Seen] = []
        for item in stream:
            if isinstance(item, Seen):
                done.append(item)
            elif isinstance(item, Reject):
                rejects.append(item)
            else:
                articles.append(item)
                if len(articles) >= STORE_BATCH:
                    self._code_batch(articles, rejects, done, stats)
                    articles, rejects, done = [], [], []
        if articles or rejects or done:
            self._code_batch(articles, rejects, done, stats)

    def _code_batch(self, articles: list[Article], rejects: list[Reject], done: list[Seen], stats: PollStats) -> None:
        with self.target.writing() as store:
            known = state.known_articles(store.connection(), [a.id for a in articles])
        fresh: list[Article] = []
        ids: set[str] = set()
        for article in articles:
            if article.id in known or article.id in ids:
                stats.known += 1
            else:
                ids.add(article.id)
                fresh.append(article)
        results = self.target.code(fresh) if fresh else []
        self._store(results, rejects, stats)
        if done:
            with self.target.writing() as store:
                state.save(store.connection(), done)

    def _store(self, results: list[ArticleResult], rejects: list[Reject], stats: PollStats) -> None:
        coding_rejects = [r for result in results for r in result.rejects]
        unstored: set[str] = set()
        if results or rejects:
            with self.target.writing() as store:
                outcome = store.store_batch(results, rejects)
            coding_rejects.extend(outcome.rejected)  # articles the store could not take (E506)
            unstored = {r.article_id for r in outcome.rejected if r.article_id}
        stored = [r for r in results if r.coded and r.article.id not in unstored]
        stats.articles += len(stored)
        stats.mentions += sum(len(r.mentions) for r in stored)
        stats.rejects += len(rejects) + len(coding_rejects)
        stats.rejected.extend([*rejects, *coding_rejects])

