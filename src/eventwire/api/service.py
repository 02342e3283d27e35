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
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from ..errors import UsageError
from ..model import Article, EventMention, Reject
from ..settings import Settings
from ..store import Store
from .cache import AnswerCache
from .snapshot import EventSnapshot
from .store_copy import StoreCopies

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
    coder: Settings = field(default_factory=Settings)

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


@dataclass(frozen=True, slots=True)
class CodedBatch:
    """The outcome of coding one request's articles."""

    articles: tuple[Article, ...]
    mentions: tuple[EventMention, ...]
    rejects: tuple[tuple[int, str | None, Reject], ...]  # (index in the request, given id, reject)
    stored: bool


@dataclass(slots=True)
class JobState:
    job_id: str
    articles: int
    created_at: datetime
    status: str = "queued"
    done: int = 0
    finished_at: datetime | None = None
    error: str | None = None
    result: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "job_id": self.job_id, "status": self.status, "articles": self.articles, "done": self.done,
            "created_at": self.created_at, "finished_at": self.finished_at, "error": self.error,
            "result": self.result,
        }  # fmt: skip


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
        self._copies = StoreCopies(settings.db)
        self._resolver: tuple[int, Any] | None = None

    # -- the store ---------------------------------------------------------------------------------

    def open(self) -> Store:
        """Open the store for writing now (the server does this at start-up to hold the writer lock)."""
        with self._base_lock:
            if self._store is None:
                self._store = Store.open(self.settings.db)
            return self._store

    @contextmanager
    def reader(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """This thread's own cursor on the store (created once per thread, reused across requests)."""
        store = self._store or self.open()
        cursors: dict[int, duckdb.DuckDBPyConnection] = getattr(self._local, "cursors", None) or {}
        self._local.cursors = cursors
        cur = cursors.get(id(store))
        if cur is None:
            with self._base_lock:
                cur = store.connection().cursor()
                self._cursors.append(cur)
            cursors[id(store)] = cur
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
                if self._snapshot_building:
                    return None
                self._snapshot_building = True
            threading.Thread(target=self._build_snapshot, args=(generation,), name="eventwire-snapshot", daemon=True).start()
        return None

    def _build_snapshot(self, generation: int) -> None:
        try:
            store = self._store or self.open()
            with self._base_lock:
                cur = store.connection().cursor()
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

    def actor_resolver(self) -> Any:
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

    def code(self, records: Sequence[tuple[int, dict[str, Any]]], *, store: bool, progress: Any = None) -> CodedBatch:
        """Code request articles (``(index, fields)``); store them when ``store``. Bad articles become rejects."""
        from ..ingest.records import ReadOptions, record_to_article

        options = ReadOptions(max_chars=self.settings.coder.max_article_chars)
        articles: list[Article] = []
        rejects: list[tuple[int, str | None, Reject]] = []
        for index, fields in records:
            item = record_to_article(fields, origin="http", line=index, options=options)
            if isinstance(item, Reject):
                rejects.append((index, fields.get("id"), item))
            else:
                articles.append(item)
        pipeline = self.pipeline()
        mentions: list[EventMention] = []
        with self._coder_lock:
            for done, result in enumerate(pipeline.code(articles), start=1):
                mentions.extend(result.mentions)
                if progress is not None:
                    progress(done)
        if store:
            self.write(articles, mentions, [r for _, _, r in rejects])
        return CodedBatch(tuple(articles), tuple(mentions), tuple(rejects), stored=store)

    def write(self, articles: Sequence[Article], mentions: Sequence[EventMention], rejects: Sequence[Reject]) -> None:
        from ..analysis.dedup import update_events

        store = self._store or self.open()
        with self._base_lock:
            try:
                store.write(articles, mentions, rejects)
                if articles:
                    update_events(store.connection(), [a.id for a in articles])
            finally:
                self.cache.invalidate()  # after the commit: no answer computed before it survives

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
        from .results import code_result

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
                job.done = len(batch.articles)

    # -- lifecycle ---------------------------------------------------------------------------------

    def close(self) -> None:
        """Stop the job worker, close every reader cursor and (when it opened it) the store. The service
        may be opened again afterwards: an application's lifespan can run more than once (test clients)."""
        if self._worker is not None:
            self._queue.put(None)
            self._worker.join(timeout=30)
            self._worker = None
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


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)
