"""What the HTTP layer stands on: the server's store (its single writer), the coder, and background jobs.

One ``ApiService`` per application. It owns the store opened for writing (so another process that tries
to write gets error E301 naming this one), hands each request thread its own DuckDB cursor for reads,
serialises writes and coding, and runs large coding requests as jobs on one worker thread.
"""

from __future__ import annotations

import logging
import os
import queue
import threading
import uuid
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from ..errors import UsageError
from ..isolation import STAGE_CODES, Deadline
from ..model import Article, ArticleResult, Reject
from ..settings import Settings
from ..store import BatchOutcome, Store
from .cache import AnswerCache
from .records import CodedBatch, JobState
from .results import code_result
from .schemas import INVALID_UNICODE
from .snapshot import EventSnapshot
from .store_copy import StoreCopies

if TYPE_CHECKING:
    from ..lookup import ActorResolver

log = logging.getLogger("eventwire.api")

ENV_TOKEN = "EVENTWIRE_TOKEN"
ENV_CORS = "EVENTWIRE_CORS_ORIGINS"
ENV_MAX_BODY = "EVENTWIRE_MAX_BODY"


@dataclass(frozen=True, slots=True)
class ApiSettings:
    """Options of one server.

    ``token``: when set, POST endpoints need ``Authorization: Bearer <token>``. ``cors_origins``: origins
    allowed to call the API from a browser (none: CORS off). ``max_body_bytes``: larger request bodies are
    refused (413). Requests with more than ``sync_max_articles`` articles or ``sync_max_chars`` characters
    become jobs; ``jobs_kept`` finished jobs stay readable. ``cache_entries``: read answers kept until the
    next write (0: no cache). ``snapshot_max_events``: event lists are served from an in-memory copy
    of the events table while it has at most this many rows (0: always from DuckDB). ``preload_model``:
    load the spaCy model in the background at start-up, so that the first coding request does not wait.
    Time budgets: each article may take ``article_budget_s`` seconds of coding (then it is rejected, E508);
    a synchronous ``POST /v1/code`` stops starting articles after ``request_budget_s``; a read stops its
    query after ``read_budget_s`` (503). Series and alerts answer 422 beyond ``max_periods`` periods.
    ``duckdb_memory_limit`` caps the memory of the store's queries (None: DuckDB's default, 80% of RAM).
    Load: at most ``max_waiting_requests`` synchronous coding requests wait for their turn and at most
    ``max_queued_jobs`` jobs wait in the queue; beyond either the server answers 429.
    ``watch``: folders, files and feed URLs the server codes as they change, polled every
    ``watch_interval_s`` seconds by a watcher inside the server (``eventwire.watch``).
    """

    db: str = "eventwire.duckdb"
    token: str | None = None
    cors_origins: tuple[str, ...] = ()
    max_body_bytes: int = 5_000_000
    sync_max_articles: int = 20
    sync_max_chars: int = 200_000
    jobs_kept: int = 20
    cache_entries: int = 4096
    preload_model: bool = False
    snapshot_max_events: int = 2_000_000
    article_budget_s: float = 30.0
    request_budget_s: float = 60.0
    read_budget_s: float = 30.0
    max_periods: int = 5_000
    max_waiting_requests: int = 16
    max_queued_jobs: int = 100
    duckdb_memory_limit: str | None = "2GB"
    coder: Settings = field(default_factory=Settings)
    watch: tuple[str, ...] = ()
    watch_interval_s: float = 30.0

    @classmethod
    def from_env(cls, db: str | Path, environ: dict[str, str] | None = None, **overrides: Any) -> ApiSettings:
        """Settings for ``db`` with the token, CORS origins and body limit taken from the environment."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {"db": str(db)}
        if env.get(ENV_TOKEN):
            values["token"] = env[ENV_TOKEN]
        if env.get(ENV_CORS):
            values["cors_origins"] = tuple(o.strip() for o in env[ENV_CORS].split(",") if o.strip())
        if env.get(ENV_MAX_BODY):
            try:
                values["max_body_bytes"] = int(env[ENV_MAX_BODY])
            except ValueError:
                raise UsageError(f"{ENV_MAX_BODY} must be a number of bytes, got {env[ENV_MAX_BODY]!r}", code="E470") from None
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


class ApiService:
    """The store, the coder and the jobs of one server. Thread-safe; ``close()`` when done."""

    def __init__(self, settings: ApiSettings, *, store: Store | None = None) -> None:
        self.settings = settings
        self._store = store
        self._owns_store = store is None
        self._base_lock = threading.Lock()  # the store's base connection: writes and new cursors
        self._coder_lock = threading.Lock()
        self._local = threading.local()
        self._cursors: list[duckdb.DuckDBPyConnection] = []  # every reader cursor, closed with the store
        self._pipeline: Any = None
        self._ontology: Any = None
        self._dictionary: Any = None
        self._jobs: OrderedDict[str, JobState] = OrderedDict()
        self._jobs_lock = threading.Lock()
        self._queue: queue.Queue[tuple[JobState, list[tuple[int, dict[str, Any]]], bool, bool] | None] = queue.Queue()
        self._worker: threading.Thread | None = None
        self.cache = AnswerCache(max_entries=settings.cache_entries)
        self._snapshot: EventSnapshot | None = None
        self._snapshot_lock = threading.Lock()
        self._snapshot_skipped_at: int | None = None  # generation at which the table was too big
        self._snapshot_building = False
        self._snapshot_thread: threading.Thread | None = None  # joined on close: it holds a cursor
        self._closed = False  # no snapshot is started after close() (until the next open())
        self._copies = StoreCopies(settings.db)
        self._resolver: tuple[int, ActorResolver] | None = None

    # -- the store ---------------------------------------------------------------------------------

    def open(self) -> Store:
        """Open the store for writing now (the server does this at start-up to hold the writer lock).
        DuckDB's memory for all its queries is capped at ``duckdb_memory_limit`` (it spills to disk)."""
        with self._base_lock:
            self._closed = False
            if self._store is None:
                self._store = Store.open(self.settings.db, memory_limit=self.settings.duckdb_memory_limit)
            return self._store

    @contextmanager
    def reader(self, budget_s: float | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        """This thread's own cursor on the store (created once per thread, reused across requests).

        A query still running on it ``budget_s`` seconds (default ``read_budget_s``) after the block starts
        is interrupted (``duckdb.InterruptException``; the API answers 503): one request cannot hold a
        worker thread, or the store, for long.
        """
        store = self._store or self.open()
        cursors: dict[int, duckdb.DuckDBPyConnection] = getattr(self._local, "cursors", None) or {}
        self._local.cursors = cursors
        cur = cursors.get(id(store))
        if cur is None:
            with self._base_lock:
                cur = store.connection().cursor()
                self._cursors.append(cur)
            cursors[id(store)] = cur
        budget = self.settings.read_budget_s if budget_s is None else budget_s
        with _Interrupter(cur, budget):
            yield cur

    def snapshot(self) -> EventSnapshot | None:
        """The in-memory events of the current store generation, or None: while the copy is being built
        (the first read after a write starts that on a background thread, so no request waits for it) or
        when the table has more than ``snapshot_max_events`` rows. On None the caller reads DuckDB."""
        generation = self.cache.generation
        snap = self._snapshot
        if snap is not None and snap.generation == generation:
            return snap
        if self.settings.snapshot_max_events > 0 and self._snapshot_skipped_at != generation:
            with self._snapshot_lock:
                if self._snapshot_building or self._closed:
                    return None
                self._snapshot_building = True
                thread = threading.Thread(target=self._build_snapshot, args=(generation,), name="eventwire-snapshot",
                                          daemon=True)  # fmt: skip
                self._snapshot_thread = thread
                thread.start()
        return None

    def _build_snapshot(self, generation: int) -> None:
        try:
            with self._base_lock:
                if self._store is None:  # closed meanwhile: nothing to copy
                    return
                cur = self._store.connection().cursor()
            try:
                rows = cur.execute("SELECT count(*) FROM events").fetchall()[0][0]
                if rows > self.settings.snapshot_max_events:
                    self._snapshot_skipped_at = generation
                    return
                names = {c.code: c.name for c in self.ontology().codes()}
                self._snapshot = EventSnapshot.load(cur, generation, names)
            finally:
                cur.close()
        except Exception:  # the event list keeps answering from DuckDB
            log.exception("building the in-memory event list failed")
        finally:
            with self._snapshot_lock:
                self._snapshot_building = False

    def actor_resolver(self) -> ActorResolver:
        """Turns actor names in requests into codes (``lookup.ActorResolver``), with this generation's codes."""
        from ..lookup import ActorResolver, store_actor_codes

        generation = self.cache.generation
        cached = self._resolver
        if cached is None or cached[0] != generation:
            with self.reader() as cur:
                codes = store_actor_codes(cur)
            cached = (generation, ActorResolver(known_codes=codes, dictionary=self.dictionary))
            self._resolver = cached
        return cached[1]

    def store_copy(self) -> Path:
        """A read-only copy of the store as it is now, for another process to read (``store_copy``)."""
        store = self._store or self.open()
        return self._copies.copy(store.connection(), self.cache.generation, self._base_lock)

    @property
    def model_loaded(self) -> bool:
        return self._pipeline is not None

    # -- coding ------------------------------------------------------------------------------------

    def pipeline(self) -> Any:
        with self._coder_lock:
            if self._pipeline is None:
                from ..pipeline import Pipeline

                pipeline = Pipeline(self.settings.coder)
                pipeline.warm_up()
                self._pipeline = pipeline
            return self._pipeline

    def preload(self) -> None:
        """Load the coder on a background thread (errors surface on the first coding request instead)."""

        def load() -> None:
            try:
                self.pipeline()
            except Exception:  # the request that needs the model will report the error
                log.exception("loading the coder in the background failed")

        threading.Thread(target=load, name="eventwire-preload", daemon=True).start()

    def ontology(self) -> Any:
        if self._ontology is None:
            from ..ontology import load_ontology

            self._ontology = load_ontology()
        return self._ontology

    def dictionary(self) -> Any:
        if self._dictionary is None:
            from ..actors.loader import load_actor_dictionary

            self._dictionary = load_actor_dictionary(self.settings.coder.actor_files)
        return self._dictionary

    def code(self, records: Sequence[tuple[int, dict[str, Any]]], *, store: bool, progress: Any = None,
             budget_s: float | None = None) -> CodedBatch:
        """Code request articles (``(index, fields)``); store them when ``store``. An article that cannot be
        read or coded (a stage failed on it, its time budget was spent) becomes a reject; the rest is coded.

        Each article may take ``article_budget_s`` of coding; ``budget_s`` bounds the whole call (articles
        not started when it is spent are rejected with E508).
        """
        from ..ingest.records import ReadOptions, record_to_article
        from ..runner import batches

        deadline = Deadline.after(budget_s)
        options = ReadOptions(max_chars=self.settings.coder.max_article_chars)
        readable: list[tuple[int, str | None, Article]] = []
        rejects: list[tuple[int, str | None, Reject]] = []  # of reading (E2xx), then of coding
        first_at: dict[str, int] = {}
        for index, fields in records:
            given = fields.get("id")
            if fields.get(INVALID_UNICODE):
                rejects.append((index, given, Reject("http", str(fields[INVALID_UNICODE]), "E202", index)))
                continue
            item = record_to_article(fields, origin="http", line=index, options=options)
            if isinstance(item, Reject):
                rejects.append((index, given, item))
            elif item.id in first_at:
                reason = f"id {item.id!r} repeated: article {first_at[item.id]} of this request has it"
                rejects.append((index, given, Reject("http", reason, "E211", index, article_id=item.id)))
            else:
                first_at[item.id] = index
                readable.append((index, given, item))
        read_rejects = [r for _, _, r in rejects]
        pipeline = self.pipeline()
        results: list[ArticleResult] = []
        done = 0
        with self._coder_lock:
            for chunk in batches(readable, pipeline.settings.batch_size):
                left = deadline.left()
                budget = self.settings.article_budget_s if left is None else min(self.settings.article_budget_s, left)
                if budget <= 0:
                    coded = [_out_of_time(article, self.settings.request_budget_s) for _, _, article in chunk]
                else:
                    coded = pipeline.code_batch([article for _, _, article in chunk], budget_s=budget)
                for (index, given, _), result in zip(chunk, coded, strict=True):
                    results.append(result)
                    rejects.extend((index, given, reject) for reject in result.rejects)
                done += len(chunk)
                if progress is not None:
                    progress(done)
        if store:
            outcome = self.write(results, read_rejects)
            unstored = {r.article_id for r in outcome.rejected}
            results = [replace(r, mentions=(), coded=False) if r.article.id in unstored else r for r in results]
            at = {article.id: (index, given) for index, given, article in readable}
            rejects.extend((*at[r.article_id], r) for r in outcome.rejected if r.article_id in at)
        coded_articles = tuple(r.article for r in results if r.coded)
        mentions = tuple(m for r in results for m in r.mentions)
        return CodedBatch(coded_articles, mentions, tuple(sorted(rejects, key=lambda r: r[0])), stored=store)

    def write(self, results: Sequence[ArticleResult], rejects: Sequence[Reject] = ()) -> BatchOutcome:
        """Store coding results and merge them into events (``Store.store_batch``), then empty the cache."""
        store = self._store or self.open()
        with self._base_lock:
            try:
                return store.store_batch(results, rejects)
            finally:
                self.cache.invalidate()  # after the commit: no answer computed before it survives

    @contextmanager
    def writing(self) -> Iterator[Store]:
        """The store, for a write by another part of the server (the in-process watcher), holding the writer
        lock; the answer cache is emptied afterwards, so that new events show at once."""
        store = self._store or self.open()
        with self._base_lock:
            try:
                yield store
            finally:
                self.cache.invalidate()

    def code_articles(self, articles: Sequence[Article]) -> list[ArticleResult]:
        """Code articles with the server's coder, a batch at a time (requests may code in between)."""
        from ..runner import batches

        pipeline = self.pipeline()
        results: list[ArticleResult] = []
        for chunk in batches(articles, pipeline.settings.batch_size):
            with self._coder_lock:
                results.extend(pipeline.code_batch(chunk, budget_s=self.settings.article_budget_s))
        return results

    # -- jobs --------------------------------------------------------------------------------------

    def submit(self, records: list[tuple[int, dict[str, Any]]], *, store: bool, explain: bool) -> JobState:
        job = JobState(job_id=uuid.uuid4().hex, articles=len(records), created_at=_now())
        with self._jobs_lock:
            self._jobs[job.job_id] = job
            self._forget_old_jobs()
            if self._worker is None:
                self._worker = threading.Thread(target=self._work, name="eventwire-jobs", daemon=True)
                self._worker.start()
        self._queue.put((job, records, store, explain))
        return job

    def queued_jobs(self) -> int:
        """Jobs submitted and not started yet."""
        return self._queue.qsize()

    def job(self, job_id: str) -> dict[str, Any] | None:
        with self._jobs_lock:
            job = self._jobs.get(job_id)
            return None if job is None else job.to_dict()

    def job_counts(self) -> dict[str, int]:
        with self._jobs_lock:
            states = [j.status for j in self._jobs.values()]
        return {s: states.count(s) for s in ("queued", "running", "done", "failed")}

    def _forget_old_jobs(self) -> None:
        finished = [k for k, j in self._jobs.items() if j.status in ("done", "failed")]
        for key in finished[: max(0, len(finished) - self.settings.jobs_kept)]:
            del self._jobs[key]

    def _work(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            job, records, store, explain = item
            with self._jobs_lock:
                job.status = "running"

            def progress(done: int, job: JobState = job) -> None:
                job.done = done

            try:
                batch = self.code(records, store=store, progress=progress)
                result = code_result(batch, self.ontology(), explain=explain)
            except Exception as exc:  # a job must never take the worker down
                with self._jobs_lock:
                    job.status, job.error, job.finished_at = "failed", f"{type(exc).__name__}: {exc}", _now()
                continue
            with self._jobs_lock:
                job.status, job.result, job.finished_at = "done", result, _now()
                job.done = len(records)

    # -- lifecycle ---------------------------------------------------------------------------------

    def close(self) -> None:
        """Stop the job worker, close every reader cursor and (when it opened it) the store. The service
        may be opened again afterwards: an application's lifespan can run more than once (test clients)."""
        if self._worker is not None:
            self._queue.put(None)
            self._worker.join(timeout=30)
            self._worker = None
        with self._snapshot_lock:  # no new snapshot from here on; the one being built finishes first
            self._closed = True
            building = self._snapshot_thread
            self._snapshot_thread = None
        if building is not None:
            building.join()  # it holds a cursor on the store: the store must outlive it
        with self._base_lock:
            for cur in self._cursors:
                cur.close()
            self._cursors.clear()
            self._local = threading.local()
            self._snapshot = None
            self._copies.clear()
            if self._owns_store and self._store is not None:
                self._store.close()
                self._store = None


class _Interrupter:
    """Interrupts ``cur``'s running query ``seconds`` after entering, unless the block has ended by then.
    The lock makes ending the block and interrupting exclusive, so a late timer never reaches the next
    request's query on the same cursor."""

    def __init__(self, cur: duckdb.DuckDBPyConnection, seconds: float) -> None:
        self._cur = cur
        self._lock = threading.Lock()
        self._active = True
        self._timer = threading.Timer(max(0.0, seconds), self._interrupt)
        self._timer.daemon = True

    def _interrupt(self) -> None:
        with self._lock:
            if self._active:
                self._cur.interrupt()

    def __enter__(self) -> _Interrupter:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self._active = False
        self._timer.cancel()


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _out_of_time(article: Article, budget_s: float) -> ArticleResult:
    reason = f"not coded: the request's time budget of {budget_s:g} s was spent on the articles before it"
    reject = Reject(article.origin or "http", reason, STAGE_CODES["budget"], article_id=article.id)
    return ArticleResult(article, rejects=(reject,), coded=False)
