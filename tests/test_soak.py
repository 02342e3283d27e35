"""Soak: a real server on loopback, driven for a bounded time by clients that mix POST /v1/code (good and
hostile articles, synchronous and as jobs, some stored), reads (events, series, map, alerts, health), and
clients that disconnect mid-request. No answer is a 5xx (429 when too many coding requests wait is a
4xx: retry later), every job ends done or failed with a reason, and the server's memory stays flat (the
RSS slope is printed; the growth between the middle and the last third of the run is bounded).

``EVENTWIRE_SOAK_SECONDS`` sets the driving time (default 30; with start-up and draining the test stays
within about two minutes on a quiet machine).
"""

from __future__ import annotations

import http.client
import json
import os
import random
import shutil
import socket
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from api_server import HOST, running_server

pytestmark = pytest.mark.slow

SECONDS = float(os.environ.get("EVENTWIRE_SOAK_SECONDS", "30"))
#: The first third of the driving time warms the server up (lazy loads, caches, allocator pools); memory
#: is judged on the rest: the mean RSS of the last third may exceed the middle third's by at most this.
MAX_GROWTH_MB = 60.0

GOOD = [
    "Iran fired missiles at US forces in Iraq on Tuesday.",
    "Kenyan police arrested dozens of protesters in Nairobi on Monday.",
    "France imposed sanctions on Iran over its nuclear programme.",
    "Russia attacked Ukraine on Tuesday, officials said.",
    "The United Nations urged both sides to show restraint.",
]
HOSTILE = [  # raw JSON article objects
    '{"id": "h-sur", "date": "2020-01-08", "text": "Iran \\ud800 fired missiles."}',
    '{"text": "\\u200b\\u200c\\u2060 \\ufeff"}',
    '{"date": "0001-01-01", "text": "Iran fired missiles at Iraq last week."}',
    '{"date": "9999-12-31", "text": "Iran will fire missiles at Iraq next week."}',
    '{"date": "2020-01-06", "text": "The army has opened an inquiry into abuses committed by militias, the agency reported Monday."}',
    '{"date": "2020-01-08", "text": "Iran got the things promised by Russia."}',
    '{"date": "2020-01-08", "text": "' + " ".join(["the police arrested protesters and"] * 60) + ' left."}',
    '{"date": "2020-01-08", "text": "(((((((((( Iran \\u202e fired \\ud83d\\ude80 )))))))))) \\u0007"}',
]
READS = [
    "/v1/health", "/v1/events?limit=20", "/v1/events?actor=IRN&sort=-mentions", "/v1/events?q=missiles&format=csv",
    "/v1/events?country=IRQ&root=19", "/v1/dyads/USA/IRN/series?by=week", "/v1/dyads/IRN/USA/series?by=day&from=2019-12-01",
    "/v1/dyads/USA/IRN/series?from=0001-01-01&to=9999-12-31&by=day", "/v1/map", "/v1/map?country=IRN&q=missiles",
    "/v1/alerts?by=week", "/v1/actors?q=ira", "/v1/cameo", "/v1/events/nonexistent", "/v1/jobs/nonexistent",
    "/v1/events?limit=0", "/v1/dyads/USA/IRN/series?by=year",
]  # fmt: skip


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.statuses: Counter[int] = Counter()
        self.server_errors: list[str] = []
        self.jobs: list[str] = []
        self.disconnects = 0
        self.ended: dict[str, dict] = {}  # job url -> its state when first seen done or failed
        self.driving_done = threading.Event()

    def record(self, what: str, status: int, body: bytes) -> None:
        with self.lock:
            self.statuses[status] += 1
            if status >= 500:
                self.server_errors.append(f"{what} -> {status} {body[:300]!r}")


def _request(port: int, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
    con = http.client.HTTPConnection(HOST, port, timeout=120)
    try:
        headers = {"content-type": "application/json"} if body is not None else {}
        con.request(method, path, body=body, headers=headers)
        response = con.getresponse()
        return response.status, response.read()
    finally:
        con.close()


def _code_body(rng: random.Random) -> tuple[bytes, bool]:
    articles = [json.dumps({"id": f"g{rng.randrange(10**9)}", "date": "2020-01-08", "text": rng.choice(GOOD)})
                for _ in range(rng.randint(1, 3))]  # fmt: skip
    articles += rng.sample(HOSTILE, rng.randint(1, 3))
    rng.shuffle(articles)
    run_async = rng.random() < 0.25
    store = rng.random() < 0.3
    body = '{"articles": [' + ", ".join(articles) + f'], "store": {json.dumps(store)}, "async": {json.dumps(run_async)}}}'
    return body.encode(), run_async


def _coder(port: int, tally: Tally, stop: float, seed: int) -> None:
    rng = random.Random(seed)
    while time.monotonic() < stop:
        body, run_async = _code_body(rng)
        status, answer = _request(port, "POST", "/v1/code", body)
        tally.record("POST /v1/code", status, answer)
        if run_async and status == 202:
            with tally.lock:
                tally.jobs.append(json.loads(answer)["status_url"])


def _reader(port: int, tally: Tally, stop: float, seed: int) -> None:
    rng = random.Random(seed)
    while time.monotonic() < stop:
        path = rng.choice(READS)
        status, answer = _request(port, "GET", path)
        tally.record(f"GET {path}", status, answer)


def _disconnector(port: int, tally: Tally, stop: float, seed: int) -> None:
    """Clients that go away: half a body then close; a whole request then close before the answer."""
    rng = random.Random(seed)
    while time.monotonic() < stop:
        body, _ = _code_body(rng)
        with socket.create_connection((HOST, port), timeout=10) as sock:
            head = f"POST /v1/code HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
            sock.sendall(head.encode() + (body[: len(body) // 2] if rng.random() < 0.5 else body))
        with tally.lock:
            tally.disconnects += 1
        time.sleep(0.2)


def _job_watcher(port: int, tally: Tally, stop: float) -> None:
    """Polls every job not seen ended yet, until the clients have stopped and all jobs have ended (or 5
    minutes after the driving time: those left are reported as unfinished)."""
    give_up = stop + 300
    while time.monotonic() < give_up:
        with tally.lock:
            waiting = [url for url in tally.jobs if url not in tally.ended]
        if not waiting and tally.driving_done.is_set():
            return
        for url in waiting:
            status, answer = _request(port, "GET", url)
            job = json.loads(answer)
            if status == 200 and job["status"] in ("done", "failed"):
                with tally.lock:
                    tally.ended[url] = job
        time.sleep(0.2)


def _rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _slope_mb_per_min(samples: list[tuple[float, float]]) -> float:
    n = len(samples)
    mean_t = sum(t for t, _ in samples) / n
    mean_r = sum(r for _, r in samples) / n
    cov = sum((t - mean_t) * (r - mean_r) for t, r in samples)
    var = sum((t - mean_t) ** 2 for t, _ in samples) or 1.0
    return 60.0 * cov / var


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the server's RSS from /proc")
def test_soak_no_5xx_jobs_end_memory_flat(examples_db, tmp_path):
    db = tmp_path / "soak.duckdb"
    shutil.copy(examples_db, db)
    with running_server(db, log_path=tmp_path / "serve.log") as server:
        warm = json.dumps({"articles": [{"date": "2020-01-08", "text": GOOD[0]}]}).encode()
        assert _request(server.port, "POST", "/v1/code", warm)[0] == 200  # the model is loaded from here on
        tally = Tally()
        started = time.monotonic()
        stop = started + SECONDS
        workers = [
            threading.Thread(target=_coder, args=(server.port, tally, stop, 1)),
            threading.Thread(target=_coder, args=(server.port, tally, stop, 2)),
            threading.Thread(target=_reader, args=(server.port, tally, stop, 3)),
            threading.Thread(target=_disconnector, args=(server.port, tally, stop, 4)),
        ]
        watcher = threading.Thread(target=_job_watcher, args=(server.port, tally, stop))
        for w in [*workers, watcher]:
            w.start()
        samples: list[tuple[float, float]] = []
        while time.monotonic() < stop:
            rss = _rss_mb(server.pid)
            if rss is not None:
                samples.append((time.monotonic() - started, rss))
            time.sleep(0.5)
        for w in workers:
            w.join(timeout=300)
        assert not any(w.is_alive() for w in workers)
        joined = time.monotonic() - started
        tally.driving_done.set()  # no job is submitted from here on
        watcher.join(timeout=330)
        assert not watcher.is_alive()

        # Every job ends, done or failed with a reason. The watcher saw each end while the server still kept
        # the job (it forgets all but the last ``jobs_kept`` finished ones, fewer than a long soak makes).
        unfinished = [url for url in tally.jobs if url not in tally.ended]
        for job in tally.ended.values():
            assert job["status"] == "done" or job["error"], job
        assert _request(server.port, "GET", "/v1/health")[0] == 200
        drained = time.monotonic() - started

    requests = sum(tally.statuses.values())
    later = [s for s in samples if s[0] >= SECONDS / 3]
    slope = _slope_mb_per_min(later)
    middle = [r for t, r in later if t < 2 * SECONDS / 3]
    last = [r for t, r in later if t >= 2 * SECONDS / 3]
    growth = sum(last) / len(last) - sum(middle) / len(middle)
    print(f"\nsoak: {requests} requests in {SECONDS:.0f} s, statuses {dict(sorted(tally.statuses.items()))}, "
          f"{len(tally.jobs)} jobs, {tally.disconnects} disconnects; server RSS {later[0][1]:.0f} -> {later[-1][1]:.0f} MB, "
          f"slope {slope:+.1f} MB/min, last third over middle third {growth:+.1f} MB; clients done at {joined:.0f} s, "
          f"jobs at {drained:.0f} s")  # fmt: skip
    assert not tally.server_errors, tally.server_errors[:5]
    assert not unfinished
    assert requests >= 20 and tally.disconnects >= 5
    Path(os.environ.get("EVENTWIRE_SOAK_SAMPLES", os.devnull)).write_text(json.dumps(samples))
    assert growth < MAX_GROWTH_MB, samples
