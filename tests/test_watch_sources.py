"""What the watcher reads from files and URLs, without coding anything: growing JSONL files, rewritten
files, feeds and pages behind ``httpx.MockTransport``, politeness (pauses between requests, limits)."""

from __future__ import annotations

import json
from dataclasses import replace

import httpx
import pytest

from eventwire.ingest.records import ReadOptions
from eventwire.model import Article, Reject
from eventwire.watch.files import changed
from eventwire.watch.state import FEED, ITEM, PAGE, Seen
from eventwire.watch.web import Fetcher, FetchSettings, poll_url

OPTIONS = ReadOptions()


def _line(article_id: str, text: str = "Iran fired missiles at US forces.") -> str:
    return json.dumps({"id": article_id, "date": "2020-01-08", "text": text}) + "\n"


def _read(path, before):
    read = changed(str(path), before, OPTIONS)
    return (None, before) if read is None else (list(read.items), read.seen)


def test_a_growing_jsonl_is_read_one_whole_line_at_a_time(tmp_path):
    feed = tmp_path / "wire.jsonl"
    feed.write_text(_line("a") + _line("b")[:20])
    items, seen = _read(feed, None)
    assert [i.id for i in items] == ["a"]
    assert seen.bytes_read == len(_line("a")) and seen.lines_read == 1
    assert _read(feed, seen) == (None, seen)  # unchanged: nothing read

    with feed.open("a") as fh:
        fh.write(_line("b")[20:] + "[1, 2]\n" + _line("c"))
    items, seen = _read(feed, seen)
    assert [(type(i).__name__, getattr(i, "id", None), getattr(i, "line", None)) for i in items] == [
        ("Article", "b", None), ("Reject", None, 3), ("Article", "c", None)
    ]
    assert items[0].origin == f"{feed}:2" and items[2].origin == f"{feed}:4"
    assert seen.lines_read == 4 and seen.bytes_read == feed.stat().st_size


def test_a_rewritten_jsonl_is_read_from_the_start(tmp_path):
    feed = tmp_path / "wire.jsonl"
    feed.write_text(_line("a") + _line("b"))
    _, seen = _read(feed, None)
    feed.write_text(_line("x") + _line("a") + _line("b"))  # longer, but the first bytes changed
    items, _ = _read(feed, seen)
    assert [i.id for i in items] == ["x", "a", "b"]


def test_other_files_are_read_whole_when_they_change(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("date 2020-01-08 Iran fired missiles.")
    items, seen = _read(text, None)
    assert len(items) == 1 and isinstance(items[0], Article)
    first_id = items[0].id
    assert _read(text, seen)[0] is None
    text.write_text("date 2020-01-08 Iran fired more missiles.")
    items, _ = _read(text, seen)
    # read again; a .txt article's id is its file name, so the new text replaces the stored article
    assert len(items) == 1 and items[0].id == first_id == "a" and "more missiles" in items[0].text


# ------------------------------------------------------------------------------------------- web

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>"""
ITEM_XML = "<item><title>{title}</title><link>https://news.test{path}</link><guid>{guid}</guid><pubDate>{day}</pubDate></item>"
PAGE_HTML = ("<html><head><title>{title}</title></head><body><article><p>{text}</p><p>{text}</p>"
             "</article></body></html>")  # fmt: skip


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 3))
        self.now += seconds


def _fetcher(routes: dict, *, seen_requests: list, clock: FakeClock | None = None, **settings) -> Fetcher:
    def handler(request: httpx.Request) -> httpx.Response:
        seen_requests.append((request.url.path, dict(request.headers)))
        route = routes.get(request.url.path)
        if route is None:
            return httpx.Response(404, text="not found")
        if callable(route):
            return route(request)
        kind, body = route
        return httpx.Response(200, headers={"content-type": kind, "etag": '"v1"'}, text=body)

    client = httpx.Client(transport=httpx.MockTransport(handler), follow_redirects=True)
    clock = clock or FakeClock()
    return Fetcher(FetchSettings(**settings), client=client, clock=clock.clock, sleep=clock.sleep)


def _feed(*entries: tuple[str, str]) -> tuple[str, str]:
    items = "".join(ITEM_XML.format(title=f"Story {i}", path=path, guid=guid, day="Wed, 08 Jan 2020 10:00:00 GMT")
                    for i, (guid, path) in enumerate(entries))  # fmt: skip
    return "application/rss+xml", RSS.format(items=items)


def _page(text: str, title: str = "Story") -> tuple[str, str]:
    return "text/html", PAGE_HTML.format(title=title, text=text)


def test_a_feed_gives_its_new_items_and_failed_pages_are_rejects():
    requests: list = []
    routes = {
        "/feed.xml": _feed(("urn:g1", "/a.html"), ("urn:g2", "/gone.html"), ("urn:g3", "/c.html")),
        "/a.html": _page("Iran fired missiles at US forces in Iraq."),
        "/c.html": _page("Russia and Ukraine agreed to resume talks."),
    }
    fetcher = _fetcher(routes, seen_requests=requests, min_delay_s=0.0)
    read = poll_url("https://news.test/feed.xml", None, {}, fetcher, OPTIONS)
    assert read.seen.kind == FEED and read.seen.etag == '"v1"'
    kinds = [(type(item).__name__, seen.source if seen else None) for item, seen in read.items]
    assert kinds == [("Article", "urn:g1"), ("Reject", "urn:g2"), ("Article", "urn:g3")]
    article = read.items[0][0]
    assert article.url == "https://news.test/a.html" and str(article.date) == "2020-01-08"
    reject = read.items[1][0]
    assert reject.code == "E214" and "404" in reject.reason and reject.origin == "https://news.test/gone.html"

    # The next poll: items whose article is stored are skipped; the failed one is tried again, up to a limit.
    known = {"urn:g1": Seen("urn:g1", ITEM, article_id=article.id), "urn:g3": Seen("urn:g3", ITEM, article_id="x"),
             "urn:g2": read.items[1][1]}  # fmt: skip
    again = poll_url("https://news.test/feed.xml", read.seen, known, fetcher, OPTIONS)
    assert [s.source for _, s in again.items] == ["urn:g2"] and again.items[0][1].attempts == 2
    assert ("If-None-Match", '"v1"') in [(k.title(), v) for k, v in requests[-2][1].items()]
    known["urn:g2"] = replace(known["urn:g2"], attempts=3)
    assert poll_url("https://news.test/feed.xml", read.seen, known, fetcher, OPTIONS).items == []


def test_not_modified_reads_nothing():
    requests: list = []
    routes = {"/feed.xml": lambda request: httpx.Response(304)}
    fetcher = _fetcher(routes, seen_requests=requests, min_delay_s=0.0)
    before = Seen("https://news.test/feed.xml", FEED, etag='"v1"')
    read = poll_url("https://news.test/feed.xml", before, {}, fetcher, OPTIONS)
    assert read.items == [] and read.seen is None


def test_pauses_between_requests_to_one_host_and_caps():
    requests: list = []
    clock = FakeClock()
    routes = {
        "/feed.xml": _feed(*((f"urn:g{i}", f"/p{i}.html") for i in range(5))),
        **{f"/p{i}.html": _page(f"Iran fired missiles number {i} at US forces.") for i in range(5)},
    }
    fetcher = _fetcher(routes, seen_requests=requests, clock=clock, min_delay_s=1.5, max_items=3)
    read = poll_url("https://news.test/feed.xml", None, {}, fetcher, OPTIONS)
    assert len(read.items) == 3  # the other two wait for the next poll
    assert clock.slept == [1.5, 1.5, 1.5]  # feed, then three pages: a pause before each page


def test_a_body_over_the_limit_and_a_timeout_are_rejects():
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("read timed out", request=request)

    requests: list = []
    routes = {"/big.html": _page("x " * 5000), "/slow.html": slow}
    fetcher = _fetcher(routes, seen_requests=requests, min_delay_s=0.0, max_bytes=1000)
    big = poll_url("https://news.test/big.html", None, {}, fetcher, OPTIONS)
    assert [(r.code, "larger than 1000 bytes" in r.reason) for r, _ in big.items] == [("E204", True)]
    slow_read = poll_url("https://news.test/slow.html", None, {}, fetcher, OPTIONS)
    assert [(r.code, "timed out" in r.reason) for r, _ in slow_read.items] == [("E214", True)]
    assert all(isinstance(r, Reject) for r, _ in big.items + slow_read.items)


def test_a_page_is_read_again_only_when_its_body_changes():
    requests: list = []
    routes = {"/live.html": _page("Iran fired missiles at US forces in Iraq.")}
    fetcher = _fetcher(routes, seen_requests=requests, min_delay_s=0.0)
    first = poll_url("https://news.test/live.html", None, {}, fetcher, OPTIONS)
    assert first.seen.kind == PAGE and len(first.items) == 1 and first.seen.article_id == first.items[0][0].id
    assert poll_url("https://news.test/live.html", first.seen, {}, fetcher, OPTIONS).items == []
    routes["/live.html"] = _page("Protesters rallied in Khartoum on Tuesday.")
    assert len(poll_url("https://news.test/live.html", first.seen, {}, fetcher, OPTIONS).items) == 1


@pytest.mark.parametrize("body", [b"\x00\x01binary", b"<html><body></body></html>"])
def test_an_unreadable_page_is_a_reject(body):
    requests: list = []
    routes = {"/p": lambda request: httpx.Response(200, headers={"content-type": "text/html"}, content=body)}
    fetcher = _fetcher(routes, seen_requests=requests, min_delay_s=0.0)
    read = poll_url("https://news.test/p", None, {}, fetcher, OPTIONS)
    assert len(read.items) == 1 and isinstance(read.items[0][0], Reject)
