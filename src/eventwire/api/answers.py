"""How the API answers: JSON written once (and kept in the answer cache until the next write), CSV, and
the admission of synchronous coding requests (one at a time, waiting in the event loop, 429 beyond a limit).
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import date, datetime
from typing import Any

from fastapi import Request
from fastapi.responses import Response

from ..errors import HttpError
from .cache import CachedAnswer
from .service import ApiService


class Admission:
    """One synchronous coding request at a time, waiting in the event loop (not on a worker thread); more
    than ``limit`` waiting is a 429."""

    def __init__(self, *, limit: int) -> None:
        self.limit = limit
        self.waiting = 0
        self._turn: asyncio.Lock | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        if self.waiting >= self.limit:
            raise HttpError(429, "E429", f"{self.limit} coding requests are waiting already; retry later or send "
                            '"async": true', headers={"Retry-After": "5"})  # fmt: skip
        loop = asyncio.get_running_loop()
        if self._turn is None or self._loop is not loop:  # a lock belongs to one event loop (test clients make several)
            self._turn, self._loop = asyncio.Lock(), loop
        self.waiting += 1
        try:
            await self._turn.acquire()
        finally:
            self.waiting -= 1
        try:
            yield
        finally:
            self._turn.release()


def cached(service: ApiService, request: Request, build: Callable[[], Response]) -> Response:
    """The answer to this GET from the cache when the store has not changed since, else built and kept."""
    query = "&".join(sorted(request.url.query.split("&"))) if request.url.query else ""
    key = f"{request.url.path}?{query}"
    generation = service.cache.generation
    hit = service.cache.get(key, generation)
    if hit is not None:
        return Response(hit.body, media_type=hit.media_type, headers={"X-Cache": "hit"})
    response = build()
    if response.status_code == 200 and response.media_type:
        service.cache.put(key, generation, CachedAnswer(bytes(response.body), response.media_type))
    response.headers["X-Cache"] = "miss"
    return response


def json_answer(payload: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return raw_json(dumps(payload), status, headers)


def raw_json(body: str, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(body.encode("utf-8"), status_code=status, media_type="application/json", headers=headers)


def dumps(payload: Any) -> str:
    return json.dumps(payload, default=jsonable, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def csv_text(rows: list[dict[str, Any]], columns: list[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else jsonable(row[c]) if isinstance(row[c], date) else row[c] for c in columns])
    return out.getvalue()
