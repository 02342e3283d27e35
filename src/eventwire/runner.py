"""The local runner: it feeds the per-batch function batches here or in worker processes.

The per-batch function (``pipeline.code_batch(articles, settings)``) is the unit of work of every runner:
articles in, one ``ArticleResult`` per article out (mentions, or rejects). It is a module-level function
of picklable arguments, so a process pool or a Spark executor calls it by reference; the components it
needs (spaCy, dictionaries, gazetteer) load lazily once per process (``pipeline.pipeline_for``) and never
travel with a task. The runner is given both (``work``, ``factory``): it knows batches, not coding.

``run_local`` codes a stream of articles batch by batch: in this process (``workers=1``) or in worker
processes. A worker process that dies (a crash in native code, the kernel's OOM killer) breaks the pool;
the batches it held are run again in a fresh pool, and a batch that kills its worker again is run article
by article, so that only the article that kills its process is rejected (E507).
"""

from __future__ import annotations

import logging
import multiprocessing
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import TYPE_CHECKING, Any, TypeVar

from .errors import CodingError
from .isolation import STAGE_CODES
from .model import Article, ArticleResult, Reject
from .settings import Settings

if TYPE_CHECKING:
    from .pipeline import Pipeline

log = logging.getLogger("eventwire.runner")

T = TypeVar("T")
#: The per-batch function: ``work(articles, settings)``, picklable by reference (a module-level function).
BatchWork = Callable[[Sequence[Article], Settings], list[ArticleResult]]
#: The process's pipeline for some settings (``pipeline.pipeline_for``): warmed before workers fork.
PipelineFactory = Callable[[Settings], Any]
#: Batches in flight per worker process: enough to keep each busy while results are collected.
IN_FLIGHT_PER_WORKER = 2


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last one shorter), pulled lazily."""
    it = iter(items)
    while chunk := list(islice(it, max(1, size))):
        yield chunk


def run_local(pipeline: Pipeline, articles: Iterable[Article], *, work: BatchWork,
              factory: PipelineFactory) -> Iterator[ArticleResult]:
    """Results of every article, in input order, batch by batch (see the module docstring): with
    ``pipeline`` in this process, else ``work`` in worker processes that share ``factory``'s pipeline."""
    settings = pipeline.settings
    if settings.workers <= 1:
        for batch in batches(articles, settings.batch_size):
            yield from pipeline.code_batch(batch)
        return
    with _WorkerPool(settings, work, factory) as pool:
        pending: deque[tuple[list[Article], Future[list[ArticleResult]]]] = deque()
        for batch in batches(articles, settings.batch_size):
            pending.append((batch, pool.submit(batch)))
            if len(pending) >= IN_FLIGHT_PER_WORKER * settings.workers:
                yield from pool.collect(pending)
        while pending:
            yield from pool.collect(pending)


class _WorkerPool:
    """Worker processes running the per-batch function; restarted when one of them dies."""

    def __init__(self, settings: Settings, work: BatchWork, factory: PipelineFactory) -> None:
        self.settings = settings
        self.work = work
        # Load what forked workers can share (spaCy, dictionaries) before the first fork. The gazetteer
        # index is only built here if missing: each worker opens its own SQLite connection.
        factory(settings).warm_up(gazetteer=False)
        factory(settings).ensure_gazetteer()
        self._context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        self._executor: ProcessPoolExecutor | None = None
        self.restarts = 0

    def __enter__(self) -> _WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self._shutdown()

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(max_workers=self.settings.workers, mp_context=self._context)
        return self._executor

    def _shutdown(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def _restart(self) -> None:
        self.restarts += 1
        self._shutdown()

    def submit(self, batch: list[Article]) -> Future[list[ArticleResult]]:
        return self._pool().submit(self.work, batch, self.settings)

    def collect(self, pending: deque[tuple[list[Article], Future[list[ArticleResult]]]]) -> list[ArticleResult]:
        """The results of the oldest batch in ``pending`` (removed from it). When its worker died, every batch
        in flight died with it: this one is run again alone, and the others are submitted again."""
        batch, future = pending.popleft()
        try:
            return future.result()
        except BrokenProcessPool:
            log.warning("a worker process died; running its batches again")
        self._restart()
        results = self._alone(batch)
        for i, (other, earlier) in enumerate(pending):
            if not (earlier.done() and not earlier.cancelled() and earlier.exception() is None):
                pending[i] = (other, self.submit(other))
        return results

    def _alone(self, batch: list[Article]) -> list[ArticleResult]:
        """``batch`` in a fresh pool with nothing else in flight; when it kills its worker again, article by
        article, each alone, so that only the article that kills its process is rejected."""
        try:
            return self.submit(batch).result()
        except BrokenProcessPool:
            self._restart()
        if len(batch) == 1:
            return [_worker_died(batch[0])]
        results: list[ArticleResult] = []
        for article in batch:
            try:
                results.extend(self.submit([article]).result())
            except BrokenProcessPool:
                self._restart()
                results.append(_worker_died(article))
        return results


def _worker_died(article: Article) -> ArticleResult:
    reason = "the worker process coding this article died (a crash in native code, or killed: out of memory?)"
    log.warning("article %s rejected: %s", article.id, reason)
    code = STAGE_CODES["worker"]
    where = article.origin or f"article {article.id}"
    error = CodingError(reason, code=code, stage="worker")
    return ArticleResult(article, rejects=(Reject(where, error.message, code, article_id=article.id),), coded=False)
