"""Errors of the HTTP API in one shape (``{"error": {"code", "message", "details"}}``), and the body limit."""

from __future__ import annotations

import logging
from typing import Any

import duckdb
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import EventwireError, HttpError, StoreError, UsageError

log = logging.getLogger("eventwire.api")

#: HTTP status of usage errors that are not a plain 400: a span of too many periods is a request the
#: server will not compute (422, as when it is refused before any query).
USAGE_STATUS = {"E465": 422}


def _error(status: int, code: str, message: str, details: list[dict[str, Any]] | None = None,
           headers: dict[str, str] | None = None) -> JSONResponse:  # fmt: skip
    body = {"error": {"code": code, "message": message, "details": details or []}}
    return JSONResponse(body, status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HttpError)
    async def http_error(request: Request, exc: HttpError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else exc.headers
        return _error(exc.status, exc.code, exc.message, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        details: list[dict[str, Any]] = []
        for problem in exc.errors():
            where = ".".join(str(part) for part in problem.get("loc", ()) if part not in ("body", "query", "path"))
            details.append({"field": where or None, "message": str(problem.get("msg", "invalid"))})
        summary = "; ".join(f"{d['field']}: {d['message']}" if d["field"] else d["message"] for d in details[:5])
        return _error(422, "E422", f"invalid request: {summary}", details)

    @app.exception_handler(StarletteHTTPException)
    async def http_exception(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "E404", 405: "E405", 413: "E413"}.get(exc.status_code, f"E{exc.status_code}")
        return _error(exc.status_code, code, str(exc.detail), headers=getattr(exc, "headers", None))

    @app.exception_handler(UsageError)
    async def usage(request: Request, exc: UsageError) -> JSONResponse:
        return _error(USAGE_STATUS.get(exc.code, 400), exc.code, exc.message)

    @app.exception_handler(duckdb.InterruptException)
    async def out_of_time(request: Request, exc: duckdb.InterruptException) -> JSONResponse:
        # ApiService.reader interrupted the query: the request's time budget was spent.
        log.warning("%s %s stopped: over its time budget", request.method, request.url.path)
        return _error(503, "E408", "the request took longer than its time budget; narrow it (filters, dates)",
                      headers={"Retry-After": "5"})  # fmt: skip

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> JSONResponse:
        log.error("store error: %s", exc)
        return _error(503, exc.code, exc.message)

    @app.exception_handler(EventwireError)
    async def eventwire_error(request: Request, exc: EventwireError) -> JSONResponse:
        log.error("eventwire error: %s", exc)
        return _error(500, exc.code, exc.message)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        # Starlette answers this from its outermost middleware (and then re-raises for the server's log):
        # a bug still gets the documented shape, never a plain-text 500.
        log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
        return _error(500, "E500", f"internal error ({type(exc).__name__}); the server log has the details")


# ------------------------------------------------------------------------------------- body limit
class _BodyTooLarge(StarletteHTTPException):
    """Raised while the body streams in; an HTTPException so that FastAPI's body reader lets it through."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(413, f"request body larger than {max_bytes} bytes")


class BodyLimit:
    """Refuse request bodies over ``max_bytes`` with 413, by Content-Length or while they stream in."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._refuse(scope, send)
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _BodyTooLarge(self.max_bytes)
            return message

        async def tracking(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracking)
        except _BodyTooLarge:
            if not started:
                await self._refuse(scope, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        response = _error(413, "E413", f"request body larger than {self.max_bytes} bytes")
        await response(scope, _no_body, send)


async def _no_body() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}

