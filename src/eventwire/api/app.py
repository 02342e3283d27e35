"""The FastAPI application: the `/v1` endpoints (docs/http-api.md) and the dashboard at `/`.

``create_app`` builds one app around one ``ApiService``; the server (``eventwire serve``), the tests and
any embedding program use the same object. Handlers are plain functions (run in the thread pool), read on
the calling thread's own DuckDB cursor and answer pre-serialised JSON.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import secrets
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool
from starlette.staticfiles import StaticFiles

from .. import __version__
from ..analysis.series import check_period_count, period_bounds
from ..errors import HttpError, UsageError
from ..store import Store
from . import queries, schemas
from .answers import Admission, cached, csv_text, dumps, json_answer, raw_json
from .errors import BodyLimit, install_error_handlers
from .results import code_result, stored_mention, with_cameo_names
from .service import ApiService, ApiSettings

STATIC_DIR = Path(__file__).parent / "static"
# The dashboard loads nothing but its own files and talks to nothing but this server.
DASHBOARD_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# An actor value: a code, a pattern (USA, IRN*, *MIL, COD|COG) or a name ("Iran", "the UN"); no commas
# (they separate the two sides of a dyad) and no control characters.
ACTOR_PATTERN = r"^[^,\x00-\x1f]{1,80}$"
DYAD_PATTERN = r"^[^,\x00-\x1f]{1,80},[^,\x00-\x1f]{1,80}$"

ActorQ = Annotated[str | None, Query(pattern=ACTOR_PATTERN, description="Actor code, pattern or name: USA, IRN*, *MIL, Iran")]
DyadQ = Annotated[str | None, Query(pattern=DYAD_PATTERN, description="Two actors: A,B (A acts on B); codes or names")]
PeriodQ = Annotated[Literal["day", "week", "month"], Query(description="Period length")]


def create_app(
    db: str | Path | None = None, *, settings: ApiSettings | None = None, store: Store | None = None
) -> FastAPI:
    """The application over the store ``db`` (or ``settings.db``), or over an already open ``store``."""
    if settings is None:
        settings = ApiSettings.from_env(db if db is not None else "eventwire.duckdb")
    elif db is not None:
        settings = dataclasses.replace(settings, db=str(db))
    service = ApiService(settings, store=store)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        service.open()  # hold the writer lock from the start: a second writer gets E301 at once
        if settings.preload_model:
            service.preload()
        watching = None
        if settings.watch:
            from ..watch.serving import start_watching

            watching = app.state.watching = start_watching(service, settings.watch, interval_s=settings.watch_interval_s)
        try:
            yield
        finally:
            if watching is not None:
                watching.stop()
            service.close()

    app = FastAPI(
        title="eventwire",
        version=__version__,
        summary="Dated news articles in, explained CAMEO/PLOVER political events out.",
        lifespan=lifespan,
        docs_url=None,  # served below from the swagger-ui-bundle package: FastAPI's own page loads a CDN
        redoc_url=None,
        responses={
            400: {"model": schemas.ErrorResponse, "description": "A filter value the coder cannot use"},
            422: {"model": schemas.ErrorResponse, "description": "The request does not validate"},
        },
    )
    app.state.service = service
    install_error_handlers(app)
    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )  # fmt: skip
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    _routes(app, service)
    return app


# ------------------------------------------------------------------------------------------ routes
def _routes(app: FastAPI, service: ApiService) -> None:
    """Every route, by resource: meta, coding, events, analysis, the dashboard and the docs."""
    _meta_routes(app, service)
    _coding_routes(app, service)
    _event_routes(app, service)
    _analysis_routes(app, service)
    _dashboard_routes(app)
    _docs(app)


def _event_filter(
    request: Request,
    actor: ActorQ = None, source: ActorQ = None, target: ActorQ = None, dyad: DyadQ = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$", description="ISO3 of an actor or the place")] = None,
    root: Annotated[str | None, Query(pattern=r"^\d{1,2}$", description="CAMEO root, 01..20")] = None,
    cameo: Annotated[str | None, Query(pattern=r"^\d{2,4}$", description="CAMEO code prefix")] = None,
    quad: Annotated[int | None, Query(ge=1, le=4, description="GDELT quad class")] = None,
    date_from: Annotated[date | None, Query(alias="from")] = None,
    date_to: Annotated[date | None, Query(alias="to")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Words of the evidence sentence")] = None,
) -> queries.EventFilter:
    """The ``/v1/events`` filters of a request (the map takes the same), actor names resolved to codes
    (400 E480 for an unknown actor); declared once, for every route that filters events."""
    _check_range(date_from, date_to)
    sides = dyad.split(",") if dyad else None  # DYAD_PATTERN: exactly two sides
    raw = queries.EventFilter(
        actor=queries.one_value(actor), source=queries.one_value(source), target=queries.one_value(target),
        dyad=((sides[0],), (sides[1],)) if sides else None, country=queries.one_value(country), root=root,
        cameo=cameo, quad=quad, date_from=date_from, date_to=date_to, q=q,
    )  # fmt: skip
    service: ApiService = request.app.state.service
    return service.actor_resolver().filter(raw)


EventFilterQ = Annotated[queries.EventFilter, Depends(_event_filter)]


# -- meta: health, the store copy, the ontology ------------------------------------------------------
def _meta_routes(app: FastAPI, service: ApiService) -> None:
    @app.get("/v1/health", response_model=schemas.Health, tags=["meta"])
    def health() -> Response:
        with service.reader() as cur:
            counts = queries.store_counts(cur)
        return json_answer({
            "status": "ok", "version": __version__, "store": {"path": service.settings.db, **counts},
            "model_loaded": service.model_loaded, "auth_required": service.settings.token is not None,
            "jobs": service.job_counts(), "cache": service.cache.stats(),
        })  # fmt: skip

    @app.get("/v1/snapshot", response_model=schemas.StoreSnapshot, tags=["meta"],
             responses={403: {"model": schemas.ErrorResponse}})  # fmt: skip
    def snapshot(request: Request) -> Response:
        """A read-only copy of the store as it is now, for other processes on this machine (the CLI and
        ``eventwire.open()`` ask for it when the server holds the store). Loopback clients only."""
        if not _loopback(request.client.host if request.client else ""):
            raise HttpError(403, "E403", "store copies are handed out to processes on this machine only")
        path = service.store_copy()
        return json_answer({"path": str(path), "generation": service.cache.generation})

    @app.get("/v1/cameo", response_model=schemas.CameoList, tags=["meta"])
    def cameo() -> Response:
        """The CAMEO ontology: codes, names, Goldstein scores, quad classes, PLOVER types."""
        return json_answer({"codes": [dataclasses.asdict(c) for c in service.ontology().codes()]})


# -- coding: POST /v1/code and its jobs ----------------------------------------------------------------
def _coding_routes(app: FastAPI, service: ApiService) -> None:
    bearer = HTTPBearer(auto_error=False, description="Needed for POST when the server sets EVENTWIRE_TOKEN")

    def authorised(credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:  # noqa: B008
        token = service.settings.token
        if token is None:
            return
        given = credentials.credentials if credentials else ""
        if not secrets.compare_digest(given.encode(), token.encode()):
            raise HttpError(401, "E401", "this endpoint needs Authorization: Bearer <EVENTWIRE_TOKEN>")

    coding = Admission(limit=service.settings.max_waiting_requests)

    @app.post(
        "/v1/code", response_model=schemas.CodeResult, tags=["coding"], dependencies=[Depends(authorised)],
        responses={202: {"model": schemas.JobAccepted, "description": "A job was started; poll status_url"},
                   401: {"model": schemas.ErrorResponse}, 413: {"model": schemas.ErrorResponse}},
    )  # fmt: skip
    async def code(request: Request, body: schemas.CodeRequest) -> Response:
        """Code articles into event mentions (the JSONL contract); large batches become a job.

        Synchronous requests are coded one at a time, in arrival order; they wait without holding a worker
        thread, one whose client has gone away is dropped before it is coded, and when too many are waiting
        the server answers 429 (retry later, or send ``async``)."""
        records = [(i, a.model_dump(exclude_none=True)) for i, a in enumerate(body.articles)]
        chars = sum(len(a.text) for a in body.articles)
        big = len(records) > service.settings.sync_max_articles or chars > service.settings.sync_max_chars
        if body.run_async or big:
            if service.queued_jobs() >= service.settings.max_queued_jobs:
                raise HttpError(429, "E429", f"{service.settings.max_queued_jobs} jobs are queued already; retry later",
                                headers={"Retry-After": "30"})  # fmt: skip
            job = service.submit(records, store=body.store, explain=body.explain)
            url = f"/v1/jobs/{job.job_id}"
            return json_answer({"job_id": job.job_id, "status": "queued", "status_url": url}, 202, {"Location": url})
        arrived = time.monotonic()
        async with coding.slot():
            if await request.is_disconnected():
                return Response(status_code=204)  # nobody is listening: not coded
            budget = service.settings.request_budget_s - (time.monotonic() - arrived)
            batch = await run_in_threadpool(service.code, records, store=body.store, budget_s=budget)
        return json_answer(code_result(batch, service.ontology(), explain=body.explain))

    @app.get("/v1/jobs/{job_id}", response_model=schemas.Job, tags=["coding"], responses={404: {"model": schemas.ErrorResponse}})
    def job(job_id: Annotated[str, PathParam(max_length=64)]) -> Response:
        state = service.job(job_id)
        if state is None:
            raise HttpError(404, "E404", f"no job {job_id!r} (finished jobs are kept for a while, then forgotten)")
        return json_answer(state)


# -- events: the list and one event ----------------------------------------------------------------------
def _event_routes(app: FastAPI, service: ApiService) -> None:
    @app.get("/v1/events", response_model=schemas.EventPage, tags=["events"],
             responses={200: {"content": {"text/csv": {}}}})  # fmt: skip
    def events(
        request: Request,
        filters: EventFilterQ,
        sort: Annotated[Literal["date", "-date", "goldstein", "-goldstein", "mentions", "-mentions"], Query()] = "date",
        limit: Annotated[int, Query(ge=1, le=1000)] = 50,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
        format: Annotated[Literal["json", "csv"], Query()] = "json",
    ) -> Response:
        """Deduplicated events, filtered, sorted and paginated (JSON or CSV)."""

        def build() -> Response:
            if format == "csv":
                with service.reader() as cur:
                    table = queries.iter_events(cur, filters, sort=sort, limit=limit, offset=offset)
                rows = with_cameo_names(table.to_pylist(), service.ontology())
                return Response(csv_text(rows, [*queries.EVENT_COLUMNS, "cameo_name"]), media_type="text/csv; charset=utf-8")
            snapshot = service.snapshot()
            if snapshot is not None:
                total, events_json = snapshot.page_json(filters, sort=sort, limit=limit, offset=offset)
            else:
                with service.reader() as cur:
                    total, rows = queries.list_events(cur, filters, sort=sort, limit=limit, offset=offset)
                events_json = dumps(with_cameo_names(rows, service.ontology()))
            next_url = None
            if offset + limit < total:
                next_url = str(request.url.include_query_params(offset=offset + limit, limit=limit))
            page = dumps({"total": total, "limit": limit, "offset": offset, "next": next_url})
            return raw_json(page[:-1] + ',"events":' + events_json + "}")  # the events array as written

        return cached(service, request, build)

    @app.get("/v1/events/{event_id}", response_model=schemas.EventDetail, tags=["events"],
             responses={404: {"model": schemas.ErrorResponse}})  # fmt: skip
    def event(request: Request, event_id: Annotated[str, PathParam(max_length=128)]) -> Response:
        """One event with every mention that reports it and the articles they come from."""

        def build() -> Response:
            with service.reader() as cur:
                row = queries.get_event(cur, event_id)
                if row is None:
                    raise HttpError(404, "E404", f"no event {event_id!r}")
                mentions = [stored_mention(m) for m in queries.event_mentions(cur, event_id)]
                articles = queries.articles_info(cur, sorted({m["article_id"] for m in mentions}))
            with_cameo_names([row], service.ontology())
            return json_answer({"event": row, "mentions": mentions, "articles": articles})

        return cached(service, request, build)


# -- analysis: series, alerts, actors, the map --------------------------------------------------------------
def _analysis_routes(app: FastAPI, service: ApiService) -> None:
    @app.get("/v1/dyads/{a}/{b}/series", response_model=schemas.DyadSeries, tags=["analysis"])
    def dyad_series(
        request: Request,
        a: Annotated[str, PathParam(pattern=ACTOR_PATTERN)],
        b: Annotated[str, PathParam(pattern=ACTOR_PATTERN)],
        by: PeriodQ = "week",
        date_from: Annotated[date | None, Query(alias="from")] = None,
        date_to: Annotated[date | None, Query(alias="to")] = None,
    ) -> Response:
        """Events per period between two actors, by direction and quad class, with the dyad's alerts."""
        from ..analysis.alerts import DEFAULT_HISTORY, alerts
        from ..analysis.series import dyad_series as series

        limit = service.settings.max_periods
        _check_periods(date_from, date_to, by, limit)
        resolver = service.actor_resolver()
        pa_, pb = "|".join(resolver.resolve(a)), "|".join(resolver.resolve(b))

        def build() -> Response:
            with service.reader() as cur:
                rows = series(cur, pa_, pb, by=by, date_from=date_from, date_to=date_to, max_periods=limit).to_pylist()
                found = alerts(cur, dyad=(pa_, pb), by=by, date_from=date_from, date_to=date_to, max_periods=limit).to_pylist()
            return json_answer({"a": pa_, "b": pb, "by": by, "series": rows, "alerts": found,
                                "history_needed": DEFAULT_HISTORY[by]})  # fmt: skip

        return cached(service, request, build)

    @app.get("/v1/alerts", response_model=schemas.AlertList, tags=["analysis"])
    def alert_list(
        request: Request,
        by: PeriodQ = "week",
        dyad: DyadQ = None,
        date_from: Annotated[date | None, Query(alias="from")] = None,
        date_to: Annotated[date | None, Query(alias="to")] = None,
        threshold: Annotated[float, Query(ge=0, le=300, description="Minimum score, -log10 p")] = 4.0,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    ) -> Response:
        """Dyad-periods whose conflict departs from the dyad's own baseline (docs/alerts.md)."""
        from ..analysis.alerts import alerts

        periods = service.settings.max_periods
        _check_periods(date_from, date_to, by, periods)
        pair = None
        if dyad:
            resolver = service.actor_resolver()
            side_a, side_b = dyad.split(",")  # DYAD_PATTERN: exactly two sides
            pair = ("|".join(resolver.resolve(side_a)), "|".join(resolver.resolve(side_b)))

        def build() -> Response:
            with service.reader() as cur:
                rows = alerts(cur, dyad=pair, by=by, date_from=date_from, date_to=date_to, threshold=threshold,
                              max_periods=periods).to_pylist()  # fmt: skip
            return json_answer({"alerts": rows[:limit]})

        return cached(service, request, build)

    @app.get("/v1/actors", response_model=schemas.ActorList, tags=["analysis"])
    def actors(
        request: Request,
        q: Annotated[str, Query(min_length=1, max_length=60, description="Code prefix or words of a name")],
        limit: Annotated[int, Query(ge=1, le=100)] = 20,
    ) -> Response:
        """Actor codes and names from the dictionaries and the store."""
        return cached(service, request, lambda: json_answer({"actors": _find_actors(service, q, limit)}))

    @app.get("/v1/map", response_model=schemas.MapData, tags=["analysis"])
    def map_data(
        request: Request,
        filters: EventFilterQ,
    ) -> Response:
        """Events per country of their place, and the most-mentioned located events as points (the filters
        of ``/v1/events``)."""
        def build() -> Response:
            with service.reader() as cur:
                countries, points = queries.map_data(cur, filters)
            return json_answer({"countries": countries, "points": points})

        return cached(service, request, build)


# -- the dashboard ---------------------------------------------------------------------------------------------
def _dashboard_routes(app: FastAPI) -> None:
    @app.get("/", include_in_schema=False)
    def dashboard() -> Response:
        index = STATIC_DIR / "index.html"
        if not index.exists():
            raise HttpError(404, "E404", "the dashboard is not installed with this eventwire")
        return FileResponse(index, media_type="text/html; charset=utf-8", headers={"Content-Security-Policy": DASHBOARD_CSP})

    @app.get("/assets/countries.geojson", include_in_schema=False)
    def country_shapes() -> Response:
        from .shapes import shapes_path

        path = shapes_path()
        if not path.exists():
            raise HttpError(
                404, "E404", f"country shapes are not installed ({path}); run `make install` "
                "(it installs the npm package world-atlas and runs tools/build_shapes.py)",
            )  # fmt: skip
        return FileResponse(path, media_type="application/geo+json")

    app.mount("/assets", StaticFiles(directory=STATIC_DIR, check_dir=False), name="assets")


def _docs(app: FastAPI) -> None:
    """The OpenAPI browser at /docs with Swagger UI's files from the swagger-ui-bundle package (no CDN)."""
    from fastapi.openapi.docs import get_swagger_ui_html
    from swagger_ui_bundle import swagger_ui_path

    @app.get("/docs", include_in_schema=False)
    def docs() -> Response:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json", title="eventwire API",
            swagger_js_url="/docs-assets/swagger-ui-bundle.js", swagger_css_url="/docs-assets/swagger-ui.css",
            swagger_favicon_url="/docs-assets/favicon-32x32.png",
        )  # fmt: skip

    app.mount("/docs-assets", StaticFiles(directory=swagger_ui_path), name="docs-assets")


def _find_actors(service: ApiService, q: str, limit: int) -> list[dict[str, Any]]:
    """Dictionary entries whose code starts with ``q`` or whose names contain it, then stored codes."""
    needle = q.strip().lower()
    hits: dict[str, dict[str, Any]] = {}
    dictionary = service.dictionary()
    countries = dictionary.countries
    for entry in dictionary.entries:
        if entry.kind not in ("country", "group", "organization") or not entry.code:
            continue
        if entry.code.lower().startswith(needle) or any(needle in n.lower() for n in entry.names):
            country, sector = dictionary.split_code(entry.code)
            hits.setdefault(entry.code, {"code": entry.code, "name": entry.name, "country": country, "sector": sector})
        if len(hits) >= limit:
            break
    with service.reader() as cur:
        if q.strip().isalnum():
            for row in queries.actor_counts(cur, q, limit):
                if row["code"] not in hits and len(hits) < limit:
                    base = countries.get(row["country"] or "")
                    name = base.name + (f" ({row['sector']})" if row["sector"] else "") if base else None
                    hits[row["code"]] = {"code": row["code"], "name": name, "country": row["country"], "sector": row["sector"]}
        counts = queries.code_events(cur, list(hits))
    found = [dict(hit, events=counts.get(code, 0)) for code, hit in hits.items()]
    return sorted(found, key=lambda h: (-h["events"], h["code"]))[:limit]


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_range(date_from: date | None, date_to: date | None) -> None:
    period_bounds(date_from, date_to)  # UsageError E461 when from is after to


def _check_periods(date_from: date | None, date_to: date | None, by: str, max_periods: int) -> None:
    """422 at once, before any query, when ``from``..``to`` holds more than ``max_periods`` periods."""
    _check_range(date_from, date_to)
    try:
        check_period_count(date_from, date_to, by, max_periods=max_periods)
    except UsageError as exc:
        raise HttpError(422, exc.code, exc.message) from None
