"""eventwire watch: new files, grown JSONL files and new feed items are coded at the next poll; a restarted
watcher codes nothing twice. Feeds and pages come from a server on 127.0.0.1 started by the test."""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from typer.testing import CliRunner

from eventwire.model import Article, ArticleResult
from eventwire.settings import Settings
from eventwire.store import Store

pytestmark = pytest.mark.slow

IRAN = "Iran fired missiles at US forces in Iraq on Wednesday."
TALKS = "Russia and Ukraine agreed to resume peace talks in Geneva."
SANCTIONS = "The United States imposed new sanctions on Iran."
PROTEST = "Thousands of protesters rallied in Khartoum to demand the release of political prisoners."


class Recording:
    """A local target that remembers every article id it was asked to code."""

    def __init__(self, store: Store) -> None:
        from eventwire.pipeline import pipeline_for

        self.store = store
        self.pipeline = pipeline_for(Settings())
        self.coded: list[str] = []

    def code(self, articles: Sequence[Article]) -> list[ArticleResult]:
        self.coded.extend(a.id for a in articles)
        return self.pipeline.code_batch(list(articles))

    def writing(self) -> AbstractContextManager[Store]:
        return nullcontext(self.store)


def _line(article_id: str, text: str, day: str = "2020-01-08") -> str:
    return json.dumps({"id": article_id, "date": day, "text": text}) + "\n"


def _ids(store: Store) -> list[str]:
    return sorted(r[0] for r in store.connection().execute("SELECT id FROM articles").fetchall())


def _watcher(sources, store, **options):
    from eventwire.watch import FetchSettings, Watcher

    target = Recording(store)
    fetch = FetchSettings(timeout_s=options.pop("timeout_s", 5.0), min_delay_s=0.0)
    return Watcher([str(s) for s in sources], target, fetch=fetch, **options), target


def test_new_file_and_grown_jsonl_are_coded_at_the_next_poll(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    with Store.open(tmp_path / "w.duckdb") as store:
        watcher, target = _watcher([inbox], store)
        assert watcher.poll().articles == 0

        (inbox / "a.txt").write_text(f"date 2020-01-08 {IRAN}")
        stats = watcher.poll()
        assert stats.articles == 1 and stats.mentions > 0

        feed = inbox / "wire.jsonl"
        feed.write_text(_line("j1", TALKS) + _line("j2", SANCTIONS, "2020-01-09")[:30])  # j2 still being written
        assert watcher.poll().articles == 1
        with feed.open("a") as fh:
            fh.write(_line("j2", SANCTIONS, "2020-01-09")[30:] + "{not json\n")
        stats = watcher.poll()
        assert stats.articles == 1 and stats.rejects == 1
        assert watcher.poll().sources == 0  # nothing changed: nothing read

        origins = dict(store.connection().execute("SELECT id, origin FROM articles").fetchall())
        assert origins["j1"] == f"{feed}:1" and origins["j2"] == f"{feed}:2"
        rejects = store.rejects().to_pylist()
        assert [(r["origin"], r["line"], r["code"]) for r in rejects] == [(str(feed), 3, "E205")]
        assert len(target.coded) == len(set(target.coded)) == 3


def test_a_restarted_watcher_codes_nothing_twice(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(f"date 2020-01-08 {IRAN}")
    (inbox / "wire.jsonl").write_text(_line("j1", TALKS))
    db = tmp_path / "w.duckdb"
    with Store.open(db) as store:
        first, target = _watcher([inbox], store)
        assert first.poll().articles == 2
    with Store.open(db) as store:
        again, target = _watcher([inbox], store)
        assert again.poll().sources == 0  # the state survived the restart
        (inbox / "a.txt").touch()  # changed on disk, same article
        (inbox / "b.jsonl").write_text(_line("j1", TALKS))  # another file, an article already stored
        with (inbox / "wire.jsonl").open("a") as fh:
            fh.write(_line("j2", SANCTIONS))
        stats = again.poll()
        assert stats.articles == 1 and stats.known == 2
        assert target.coded == ["j2"]
        assert _ids(store) == ["a", "j1", "j2"]  # a .txt article's id is its file name, as `code` gives it


def test_state_lost_in_a_crash_codes_nothing_twice(tmp_path, monkeypatch):
    """Killed after storing a file's articles but before recording the file: the next run reads the file
    again and skips every article the store holds."""
    from eventwire.watch import state

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "wire.jsonl").write_text(_line("j1", TALKS) + _line("j2", SANCTIONS))
    db = tmp_path / "w.duckdb"
    real_save = state.save

    def crash(con, rows):
        raise KeyboardInterrupt("killed before the state was saved")

    with Store.open(db) as store:
        watcher, _ = _watcher([inbox], store)
        monkeypatch.setattr(state, "save", crash)
        with pytest.raises(KeyboardInterrupt):
            watcher.poll()
        assert _ids(store) == ["j1", "j2"]
    monkeypatch.setattr(state, "save", real_save)
    with Store.open(db) as store:
        watcher, target = _watcher([inbox], store)
        stats = watcher.poll()
        assert stats.articles == 0 and stats.known == 2 and target.coded == []
        assert watcher.poll().sources == 0


def test_a_rewritten_jsonl_is_read_again_from_the_start(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    feed = inbox / "wire.jsonl"
    feed.write_text(_line("j1", TALKS) + _line("j2", SANCTIONS))
    with Store.open(tmp_path / "w.duckdb") as store:
        watcher, target = _watcher([inbox], store)
        watcher.poll()
        feed.write_text(_line("j3", PROTEST) + _line("j1", TALKS) + _line("j2", SANCTIONS))
        stats = watcher.poll()
        assert stats.articles == 1 and stats.known == 2
        assert target.coded == ["j1", "j2", "j3"]


# ------------------------------------------------------------------------------------------ feeds


class Site:
    """Pages and feeds served from 127.0.0.1; ``pages`` may change while the server runs."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[int, str, str]] = {}  # path -> (status, content type, body)
        self.requests: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.requests.append(self.path)
                status, kind, body = site.pages.get(self.path, (404, "text/plain", "not found"))
                data = body.encode()
                etag = f'"{hash(body) & 0xFFFFFFFF:x}"'
                if status == 200 and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("ETag", etag)
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def page(self, path: str, title: str, text: str, published: str = "2020-01-08") -> None:
        body = (f"<html><head><title>{title}</title><meta property='article:published_time' content='{published}'>"
                f"</head><body><article><h1>{title}</h1><p>{text}</p><p>{text}</p></article></body></html>")  # fmt: skip
        self.pages[path] = (200, "text/html; charset=utf-8", body)

    def feed(self, path: str, links: list[str]) -> None:
        items = "".join(
            f"<item><title>Story {i}</title><link>{self.url}{link}</link><guid>{self.url}{link}</guid>"
            f"<pubDate>Wed, 08 Jan 2020 10:00:00 GMT</pubDate></item>"
            for i, link in enumerate(links)
        )
        body = f"<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>{items}</channel></rss>"
        self.pages[path] = (200, "application/rss+xml", body)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


@pytest.fixture
def site():
    served = Site()
    yield served
    served.close()


def test_a_new_feed_item_is_coded_and_failures_are_rejects(site, tmp_path):
    site.page("/a.html", "Missiles", IRAN)
    site.page("/b.html", "Talks", TALKS)
    site.feed("/feed.xml", ["/a.html", "/b.html", "/gone.html"])
    feed_url = f"{site.url}/feed.xml"
    db = tmp_path / "w.duckdb"
    with Store.open(db) as store:
        watcher, target = _watcher([feed_url], store)
        stats = watcher.poll()
        assert stats.articles == 2
        rejects = store.rejects().to_pylist()
        assert [(r["origin"], r["code"]) for r in rejects] == [(f"{site.url}/gone.html", "E214")]
        assert "404" in rejects[0]["reason"]
        urls = sorted(r[0] for r in store.connection().execute("SELECT url FROM articles").fetchall())
        assert urls == [f"{site.url}/a.html", f"{site.url}/b.html"]

        site.page("/c.html", "Sanctions", SANCTIONS)
        site.feed("/feed.xml", ["/c.html", "/a.html", "/b.html", "/gone.html"])
        stats = watcher.poll()
        assert stats.articles == 1
        assert len(target.coded) == len(set(target.coded)) == 3

    with Store.open(db) as store:  # restarted: the feed has not changed, so it answers 304
        watcher, target = _watcher([feed_url], store)
        site.requests.clear()
        assert watcher.poll().articles == 0
        assert site.requests == ["/feed.xml"] and target.coded == []


def test_a_watched_page_is_coded_again_only_when_it_changes(site, tmp_path):
    site.page("/live.html", "Live", IRAN)
    with Store.open(tmp_path / "w.duckdb") as store:
        watcher, target = _watcher([f"{site.url}/live.html"], store)
        assert watcher.poll().articles == 1
        assert watcher.poll().articles == 0
        site.page("/live.html", "Live", PROTEST)
        assert watcher.poll().articles == 1
        assert len(target.coded) == 2


def test_a_slow_or_missing_feed_is_a_reject(tmp_path):
    """Nothing listens on the port: the fetch fails at once with E214 and the poll goes on."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(f"date 2020-01-08 {IRAN}")
    with Store.open(tmp_path / "w.duckdb") as store:
        watcher, _ = _watcher([f"http://127.0.0.1:{port}/feed.xml", inbox], store, timeout_s=2.0)
        stats = watcher.poll()
        assert stats.articles == 1
        assert [r.code for r in stats.rejected] == ["E214"]


# ------------------------------------------------------------------------------------- the loop


def test_the_loop_picks_up_a_file_within_one_interval(tmp_path):
    """A file written while the watcher sleeps is coded by the next poll (counted in polls, not seconds)."""
    from eventwire.watch import Watcher

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    with Store.open(tmp_path / "w.duckdb") as store:
        target = Recording(store)
        watcher = Watcher([str(inbox)], target)
        done: list[int] = []
        polled = threading.Condition()
        stop = threading.Event()

        def on_poll(stats) -> None:
            with polled:
                done.append(stats.articles)
                polled.notify_all()

        thread = threading.Thread(target=watcher.run, kwargs={"interval_s": 0.2, "stop": stop, "on_poll": on_poll})
        thread.start()
        try:
            with polled:
                assert polled.wait_for(lambda: len(done) >= 1, timeout=300)
                written_after = len(done)
                (inbox / "a.txt").write_text(f"date 2020-01-08 {IRAN}")
                assert polled.wait_for(lambda: len(done) >= written_after + 2, timeout=300)
        finally:
            stop.set()
            thread.join(timeout=300)
        # The file was written after poll ``written_after``; it is coded by the next one or the one after
        # (the poll running while it was written may have listed the folder before it appeared).
        assert sum(done[written_after:written_after + 2]) == 1


def test_watch_command_once(tmp_path):
    from eventwire.cli import app

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(f"date 2020-01-08 {IRAN}")
    db = tmp_path / "w.duckdb"
    runner = CliRunner()
    first = runner.invoke(app, ["watch", str(inbox), "--db", str(db), "--once"])
    assert first.exit_code == 0, first.output
    assert "1 new article(s)" in first.output
    second = runner.invoke(app, ["watch", str(inbox), "--db", str(db), "--once"])
    assert second.exit_code == 0, second.output
    assert "0 new article(s)" in second.output


def test_serve_watch_shows_new_events_without_a_restart(tmp_path):
    from fastapi.testclient import TestClient

    from eventwire.api import ApiSettings, create_app

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    settings = ApiSettings(db=str(tmp_path / "s.duckdb"), watch=(str(inbox),), watch_interval_s=0.2)
    app = create_app(settings=settings)
    with TestClient(app) as client:
        assert client.get("/v1/events").json()["total"] == 0
        watching = app.state.watching
        polls = watching.watcher.polls
        (inbox / "a.txt").write_text(f"date 2020-01-08 {IRAN}")
        while watching.watcher.polls < polls + 2 and watching.thread.is_alive():
            watching.stop_event.wait(0.05)
        events = client.get("/v1/events", params={"source": "IRN", "root": "19"}).json()
        assert events["total"] > 0


def test_a_file_in_a_subfolder_gets_the_id_code_gives_it(tmp_path):
    """A one-article file's id is its path below the watched folder, as `eventwire code FOLDER` names it, so
    that watching a folder already coded codes nothing again."""
    from eventwire.ingest import read_inputs

    inbox = tmp_path / "inbox"
    (inbox / "2020" / "01").mkdir(parents=True)
    (inbox / "2020" / "01" / "story.txt").write_text(f"date 2020-01-08 {IRAN}")
    (inbox / "top.txt").write_text(f"date 2020-01-08 {PROTEST}")
    with Store.open(tmp_path / "w.duckdb") as store:
        watcher, target = _watcher([inbox], store)
        assert watcher.poll().articles == 2
        coded = sorted(target.coded)
    assert coded == ["2020/01/story", "top"]
    assert coded == sorted(a.id for a in read_inputs([inbox]) if isinstance(a, Article))
