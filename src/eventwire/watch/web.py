"""Feeds and pages under watch: fetched politely, parsed, and turned into articles or rejects.

A URL is fetched with a conditional GET (the ETag and Last-Modified of the last poll); an RSS/Atom feed
(by ``feedparser``) gives its new items, each item's page is fetched and its main text extracted as for a
``.html`` input; any other URL is a page, read again when its body changes. Every failure (a timeout, an
HTTP error, a body over the size limit, a page without text) is a reject with the URL and the reason
(E214 for fetching, E203/E2xx as for files), and the poll goes on.

Politeness: one request at a time, at least ``min_delay_s`` between two requests to one host, timeouts
on every request, at most ``max_items`` item pages fetched per feed per poll, and a User-Agent that says
who is asking.
"""

from __future__ import annotations

import hashlib
import io
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .. import __version__
from ..errors import InputError
from ..ingest.html import read_html
from ..ingest.records import ReadOptions
from ..ingest.streams import ByteStream
from ..model import Article, Reject
from .state import FEED, ITEM, PAGE, Seen

if TYPE_CHECKING:
    import httpx

USER_AGENT = f"eventwire/{__version__} (news event coder; watch)"
#: An item whose page failed this many polls in a row is given up (its last reject stays).
MAX_ATTEMPTS = 3
FETCH_ERROR = "E214"


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """``timeout_s`` per request; ``min_delay_s`` between requests to one host; ``max_bytes`` per body;
    ``max_items`` item pages per feed and poll."""

    timeout_s: float = 10.0
    min_delay_s: float = 1.0
    max_bytes: int = 5 * 1024 * 1024
    max_items: int = 50


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str
    status: int
    body: bytes
    content_type: str
    etag: str | None
    last_modified: str | None


class Fetcher:
    """HTTP GETs through one ``httpx.Client``, spaced per host; ``fetch`` raises InputError E214 on failure.
    ``client`` may be given (tests pass one with a mock transport); ``clock``/``sleep`` too."""

    def __init__(self, settings: FetchSettings | None = None, *, client: httpx.Client | None = None,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep) -> None:  # fmt: skip
        import httpx

        self.settings = settings or FetchSettings()
        self._client = client or httpx.Client(
            timeout=httpx.Timeout(self.settings.timeout_s), follow_redirects=True, max_redirects=5,
            headers={"User-Agent": USER_AGENT},
        )  # fmt: skip
        self._owns_client = client is None
        self._last: dict[str, float] = {}
        self._clock = clock
        self._sleep = sleep

    def close(self) -> None:
        if self._owns_client:
            self._client.close()

    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        import httpx

        self._wait_turn(url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                if response.status_code == 304:
                    return Fetched(url, 304, b"", "", etag, last_modified)
                if response.status_code >= 400:
                    raise InputError(f"HTTP {response.status_code} {response.reason_phrase}", code=FETCH_ERROR)
                body = self._body(response)
                return Fetched(str(response.url), response.status_code, body,
                               response.headers.get("content-type", ""), response.headers.get("etag"),
                               response.headers.get("last-modified"))  # fmt: skip
        except httpx.TimeoutException as exc:
            raise InputError(f"timed out after {self.settings.timeout_s:g} s ({type(exc).__name__})", code=FETCH_ERROR) from exc
        except httpx.HTTPError as exc:
            raise InputError(f"cannot fetch: {type(exc).__name__}: {exc}", code=FETCH_ERROR) from exc
        finally:
            self._last[_host(url)] = self._clock()

    def _body(self, response: httpx.Response) -> bytes:
        parts: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.settings.max_bytes:
                raise InputError(f"body larger than {self.settings.max_bytes} bytes", code="E204")
            parts.append(chunk)
        return b"".join(parts)

    def _wait_turn(self, url: str) -> None:
        last = self._last.get(_host(url))
        if last is not None:
            wait = self.settings.min_delay_s - (self._clock() - last)
            if wait > 0:
                self._sleep(wait)


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()


@dataclass(frozen=True, slots=True)
class WebRead:
    """What one URL gave this poll: items (an Article or Reject each, with the state row to save once it
    is stored) and the URL's own state row."""

    seen: Seen | None
    items: list[tuple[Article | Reject, Seen | None]]


def poll_url(url: str, before: Seen | None, known_items: dict[str, Seen], fetcher: Fetcher,
             options: ReadOptions) -> WebRead:  # fmt: skip
    """Fetch ``url`` and read what is new there (see the module docstring)."""
    try:
        got = fetcher.fetch(url, etag=before.etag if before else None,
                            last_modified=before.last_modified if before else None)  # fmt: skip
    except InputError as exc:
        return WebRead(None, [(Reject(url, exc.message, exc.code), None)])
    if got.status == 304:
        return WebRead(None, [])
    feed = _parse_feed(got)
    if feed is None:
        return _page(url, got, before, options)
    seen = Seen(url, FEED, etag=got.etag, last_modified=got.last_modified, digest=_digest(got.body))
    items: list[tuple[Article | Reject, Seen | None]] = []
    fetched = 0
    for entry in feed.entries:
        key = entry.get("id") or entry.get("link")
        if not key:
            continue
        earlier = known_items.get(key)
        if earlier is not None and (earlier.article_id is not None or earlier.attempts >= MAX_ATTEMPTS):
            continue
        if fetched >= fetcher.settings.max_items:
            break  # the rest next poll
        fetched += 1
        items.append(_item(url, key, entry, earlier, fetcher, options))
    return WebRead(seen, items)


def _parse_feed(got: Fetched):
    """The parsed feed, or None when the body is not RSS/Atom (then it is a page)."""
    import feedparser

    if "html" in got.content_type.lower() and b"<rss" not in got.body[:2048] and b"<feed" not in got.body[:2048]:
        return None
    parsed = feedparser.parse(io.BytesIO(got.body), response_headers={"content-location": got.url})
    if not parsed.get("version") and not parsed.entries:
        return None
    return parsed


def _item(feed_url: str, key: str, entry, earlier: Seen | None, fetcher: Fetcher,
          options: ReadOptions) -> tuple[Article | Reject, Seen]:  # fmt: skip
    attempts = (earlier.attempts if earlier else 0) + 1
    failed = Seen(key, ITEM, parent=feed_url, attempts=attempts)
    link = entry.get("link")
    if not link:
        return Reject(key, "feed item without a link to its page", "E205"), replace(failed, attempts=MAX_ATTEMPTS)
    when = _entry_date(entry)
    try:
        got = fetcher.fetch(link)
        article = _article(got, link, replace(options, default_date=when or options.default_date))
    except InputError as exc:
        return Reject(link, exc.message, exc.code), failed
    if article.title is None and entry.get("title"):
        article = replace(article, title=entry.get("title"))
    return article, Seen(key, ITEM, parent=feed_url, article_id=article.id, digest=_digest(got.body))


def _page(url: str, got: Fetched, before: Seen | None, options: ReadOptions) -> WebRead:
    digest = _digest(got.body)
    seen = Seen(url, PAGE, etag=got.etag, last_modified=got.last_modified, digest=digest)
    if before is not None and before.digest == digest:
        return WebRead(seen, [])
    try:
        article = _article(got, url, options)
    except InputError as exc:
        return WebRead(seen, [(Reject(url, exc.message, exc.code), None)])
    return WebRead(replace(seen, article_id=article.id), [(article, None)])


def _article(got: Fetched, url: str, options: ReadOptions) -> Article:
    """The page's main text as an Article (as a ``.html`` input is read); InputError when there is none."""
    items: Iterator[Article | Reject] = read_html(ByteStream(io.BytesIO(got.body)), url, options)
    for item in items:
        if isinstance(item, Reject):
            raise InputError(item.reason, code=item.code)
        return replace(item, url=item.url or url, origin=url)
    raise InputError("no main text found in the page", code="E203")


def _entry_date(entry) -> date | None:
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
            except ValueError:
                return None
    return None


def _digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()
