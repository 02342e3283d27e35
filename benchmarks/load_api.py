"""Load test of the HTTP API on loopback: ``/v1/events`` and the dyad series over a store of >= 100k events.

Builds (or reuses) a synthetic store (``benchmarks/synthetic_store.py``, deduplicated into events), starts
the real ``eventwire serve`` on 127.0.0.1, requests every URL of the mix once (each must answer 200), then
drives each endpoint with ``wrk`` (Debian package) for ``--duration`` seconds with ``--connections``
concurrent connections, replaying a fixed mix of URLs drawn from the store's vocabulary. The server caches
read answers, so each endpoint is measured twice: ``uncached`` (every request made unique by an ignored
parameter, so every answer is computed) and ``cached`` (the mix as is: after the warm-up, answers come from
the cache). Prints a table and, with ``--json``, writes it. Exits 1 when a run had errors or a ``/v1/events``
run missed the p95 target.

    .venv/bin/python benchmarks/load_api.py                       # 50 connections, 30 s per endpoint
    .venv/bin/python benchmarks/load_api.py --duration 5 --json bench-out/load.json
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests"))

from synthetic_store import CODES, COUNTRIES, SECTORS, build_synthetic_store  # noqa: E402

from api_server import running_server  # noqa: E402

#: Mentions of the synthetic store: with seed 7 they deduplicate into 107,250 events.
DEFAULT_MENTIONS = 500_000
MIN_EVENTS = 100_000
DEFAULT_STORE = ROOT / "bench-out" / "load_store.duckdb"
WRK_SCRIPT = HERE / "wrk_paths.lua"
#: The "Done when" of issue 6: p95 of /v1/events under this many milliseconds, and no errors.
P95_TARGET_MS = 200.0
EVENTS_URLS = 400
SERIES_URLS = 200
#: "uncached": each request made unique (the answer cache never hits); "cached": the mix as is.
CACHE_MODES = ("uncached", "cached")


@dataclass(frozen=True, slots=True)
class EndpointResult:
    """One wrk run. Times in milliseconds; ``errors`` = socket errors + timeouts + answers with status >= 400."""

    endpoint: str
    cache: str
    urls: int
    requests: int
    seconds: float
    requests_per_s: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    errors: int
    status_errors: int
    socket_errors: int
    timeouts: int
    cache_hits: int
    cache_misses: int


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=DEFAULT_STORE, help="store to build or reuse")
    parser.add_argument("--mentions", type=int, default=DEFAULT_MENTIONS, help="mentions of a new store")
    parser.add_argument("--rebuild", action="store_true", help="build the store even if it exists")
    parser.add_argument("--duration", type=int, default=30, help="seconds of load per endpoint")
    parser.add_argument("--connections", type=int, default=50, help="concurrent connections")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (the server shares the CPUs)")
    parser.add_argument("--timeout", type=int, default=5, help="seconds before wrk counts a request as timed out")
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--seed", type=int, default=7, help="seed of the URL mix")
    parser.add_argument("--cache", choices=["both", *CACHE_MODES], default="both", help="which runs to make")
    parser.add_argument("--min-events", type=int, default=MIN_EVENTS, help="refuse a smaller store (smoke tests)")
    args = parser.parse_args(argv)

    wrk = shutil.which("wrk")
    if wrk is None:
        print(
            "error: `wrk` is not installed (Debian: `sudo apt-get install wrk`); the load test needs it.",
            file=sys.stderr,
        )
        return 2
    if args.threads > args.connections:
        parser.error("--threads must not exceed --connections")

    events, span = prepare_store(args.store, mentions=args.mentions, rebuild=args.rebuild)
    print(f"store {args.store}: {events:,} events, {span[0]} .. {span[1]}", flush=True)
    if events < args.min_events:
        print(f"error: the store has {events:,} events, fewer than {args.min_events:,}: use --rebuild --mentions N")
        return 2

    rng = random.Random(args.seed)
    mixes = {
        "/v1/events": events_urls(rng, span, EVENTS_URLS),
        "/v1/dyads/{a}/{b}/series": series_urls(rng, span, SERIES_URLS),
    }
    log_path = args.store.with_suffix(".serve.log")
    results = []
    with tempfile.TemporaryDirectory() as tmp, running_server(args.store, log_path=log_path) as server:
        print(f"server {server.base_url} (pid {server.pid}, log {log_path})", flush=True)
        wait_for_model(server.base_url)  # measure a server in its steady state, not one still loading spaCy
        for endpoint, urls in mixes.items():
            warm_up(server.base_url, urls)
            paths_file = Path(tmp) / "paths.txt"
            paths_file.write_text("\n".join(urls) + "\n")
            for cache in CACHE_MODES if args.cache == "both" else [args.cache]:
                print(
                    f"wrk: {endpoint} ({cache}), {len(urls)} URLs, {args.connections} connections, {args.duration} s",
                    flush=True,
                )
                results.append(
                    run_wrk(
                        wrk, server.base_url, paths_file, endpoint=endpoint, cache=cache, urls=len(urls),
                        duration=args.duration, connections=args.connections, threads=args.threads,
                        timeout=args.timeout,
                    )
                )  # fmt: skip

    print()
    print(format_table(results))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        report = {
            "store": {"path": str(args.store), "events": events, "first_date": span[0], "last_date": span[1]},
            "load": {
                "duration_s": args.duration, "connections": args.connections, "threads": args.threads,
                "timeout_s": args.timeout, "cpus": os.cpu_count(),
            },
            "results": [asdict(r) for r in results],
        }  # fmt: skip
        args.json.write_text(json.dumps(report, indent=2) + "\n")
        print(f"\nwrote {args.json}")
    return verdict(results)


def prepare_store(path: Path, *, mentions: int, rebuild: bool) -> tuple[int, tuple[str, str]]:
    """Build the store at ``path`` unless it already holds events; return its event count and date span."""
    import duckdb

    from eventwire.analysis.dedup import update_events

    if rebuild or not path.exists() or _count_events(path) == 0:
        path.parent.mkdir(parents=True, exist_ok=True)
        print(f"building {path} from {mentions:,} synthetic mentions ...", flush=True)
        start = time.perf_counter()
        build_synthetic_store(path, mentions)
        con = duckdb.connect(str(path))
        try:
            update_events(con)
        finally:
            con.close()
        print(f"built in {time.perf_counter() - start:.1f} s", flush=True)
    con = duckdb.connect(str(path), read_only=True)
    try:
        count, first, last = con.execute("SELECT count(*), min(event_date), max(event_date) FROM events").fetchone()
    finally:
        con.close()
    return int(count), (str(first), str(last))


def _count_events(path: Path) -> int:
    import duckdb

    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return 0
    try:
        return int(con.execute("SELECT count(*) FROM events").fetchone()[0])
    except duckdb.Error:
        return 0
    finally:
        con.close()


def events_urls(rng: random.Random, span: tuple[str, str], n: int) -> list[str]:
    """``n`` distinct ``/v1/events`` URLs, each with one to three filters and sometimes a sort and an offset."""
    countries = COUNTRIES
    sectors = sorted({s for s in SECTORS if s})
    roots = sorted({code[:2] for code, _, _ in CODES})
    leaves = sorted({code for code, _, _ in CODES})

    def actor() -> str:
        country = rng.choice(countries)
        return rng.choice([country, country + rng.choice(sectors), country + "*", "*" + rng.choice(sectors)])

    filters = [
        lambda: ("actor", actor()),
        lambda: ("source", actor()),
        lambda: ("target", actor()),
        lambda: ("dyad", f"{rng.choice(countries)},{rng.choice(countries)}"),
        lambda: ("country", rng.choice(countries)),
        lambda: ("root", rng.choice(roots)),
        lambda: ("cameo", rng.choice(leaves + roots)),
        lambda: ("quad", str(rng.randint(1, 4))),
        lambda: ("q", f"happening {rng.randint(1, 9999)}"),
    ]
    sorts = ["date", "-date", "goldstein", "-goldstein", "mentions", "-mentions"]
    urls: set[str] = set()
    while len(urls) < n:
        params = dict(f() for f in rng.sample(filters, rng.randint(1, 3)))
        if rng.random() < 0.4:
            params["from"], params["to"] = date_range(rng, span)
        if rng.random() < 0.6:
            params["sort"] = rng.choice(sorts)
        if rng.random() < 0.3:
            params["offset"] = str(rng.choice([50, 100, 500, 1000]))
        if rng.random() < 0.2:
            params["limit"] = str(rng.choice([10, 100, 200]))
        urls.add("/v1/events?" + urllib.parse.urlencode(params))
    # Unfiltered pages too: the dashboard's first view.
    return [*sorted(urls), "/v1/events", "/v1/events?sort=-mentions", "/v1/events?offset=5000"]


def series_urls(rng: random.Random, span: tuple[str, str], n: int) -> list[str]:
    """``n`` distinct weekly dyad-series URLs over country pairs, some limited to a date range."""
    urls: set[str] = set()
    while len(urls) < n:
        a, b = rng.sample(COUNTRIES, 2)
        params = {"by": "week"}
        if rng.random() < 0.3:
            params["from"], params["to"] = date_range(rng, span)
        urls.add(f"/v1/dyads/{a}/{b}/series?" + urllib.parse.urlencode(params))
    return sorted(urls)


def date_range(rng: random.Random, span: tuple[str, str]) -> tuple[str, str]:
    """A ``from``/``to`` pair of 7 to 90 days inside ``span`` (ISO dates)."""
    from datetime import date, timedelta

    first, last = date.fromisoformat(span[0]), date.fromisoformat(span[1])
    days = max(1, (last - first).days)
    start = first + timedelta(days=rng.randrange(days))
    return start.isoformat(), min(last, start + timedelta(days=rng.randint(7, 90))).isoformat()


def wait_for_model(base_url: str, timeout: float = 300.0) -> None:
    """Wait until the server has loaded its coder in the background (``/v1/health`` says ``model_loaded``)."""
    deadline = time.monotonic() + timeout
    while True:
        with urllib.request.urlopen(base_url + "/v1/health", timeout=30) as response:
            if json.loads(response.read())["model_loaded"]:
                return
        if time.monotonic() > deadline:
            raise SystemExit(f"the server did not load its model within {timeout:.0f} s")
        time.sleep(0.5)


def warm_up(base_url: str, urls: list[str]) -> None:
    """Request each URL once; every one must answer 200, else the mix (or the API) is wrong: stop here."""
    failures = []
    for path in urls:
        try:
            with urllib.request.urlopen(base_url + path, timeout=30) as response:
                response.read()
        except urllib.error.HTTPError as exc:
            failures.append(f"{exc.code} {path}: {exc.read()[:200]!r}")
    if failures:
        raise SystemExit("warm-up: some URLs of the mix did not answer 200:\n  " + "\n  ".join(failures[:20]))


def run_wrk(
    wrk: str, base_url: str, paths_file: Path, *, endpoint: str, cache: str, urls: int, duration: int,
    connections: int, threads: int, timeout: int,
) -> EndpointResult:  # fmt: skip
    """Run wrk with ``wrk_paths.lua`` over the paths in ``paths_file`` and read the JSON line it prints."""
    command = [
        wrk, f"-t{threads}", f"-c{connections}", f"-d{duration}s", f"--timeout={timeout}s",
        "-s", str(WRK_SCRIPT), base_url, "--", str(paths_file), cache,
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=duration + 120, check=False)
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("WRK_JSON ")), None)
    if done.returncode != 0 or line is None:
        raise SystemExit(f"wrk failed (status {done.returncode}):\n{done.stdout}\n{done.stderr}")
    figures = json.loads(line.removeprefix("WRK_JSON "))
    errors, latency = figures["errors"], figures["latency_us"]
    seconds = figures["duration_us"] / 1e6
    socket_errors = errors["connect"] + errors["read"] + errors["write"]
    return EndpointResult(
        endpoint=endpoint,
        cache=cache,
        urls=urls,
        requests=figures["requests"],
        seconds=round(seconds, 2),
        requests_per_s=round(figures["requests"] / seconds, 1),
        p50_ms=latency["p50"] / 1000,
        p95_ms=latency["p95"] / 1000,
        p99_ms=latency["p99"] / 1000,
        max_ms=latency["max"] / 1000,
        errors=socket_errors + errors["timeout"] + errors["status"],
        status_errors=errors["status"],
        socket_errors=socket_errors,
        timeouts=errors["timeout"],
        cache_hits=figures["cache"]["hits"],
        cache_misses=figures["cache"]["misses"],
    )


def format_table(results: list[EndpointResult]) -> str:
    header = ("endpoint", "cache", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors", "cache hits")
    rows = [
        (r.endpoint, r.cache, f"{r.requests:,}", f"{r.requests_per_s:,.1f}", f"{r.p50_ms:.1f}", f"{r.p95_ms:.1f}",
         f"{r.p99_ms:.1f}", str(r.errors), f"{r.cache_hits / max(1, r.cache_hits + r.cache_misses):.0%}")
        for r in results
    ]  # fmt: skip
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        " | ".join(cell.ljust(w) if i < 2 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True)))
        for row in [header, *rows]
    ]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def verdict(results: list[EndpointResult]) -> int:
    """0 when no endpoint had errors and ``/v1/events`` met the p95 target, else 1 (with the reason)."""
    failed = [f"{r.endpoint} ({r.cache}): {r.errors} errors" for r in results if r.errors]
    failed += [
        f"{r.endpoint} ({r.cache}): p95 {r.p95_ms:.1f} ms >= {P95_TARGET_MS:.0f} ms"
        for r in results
        if r.endpoint == "/v1/events" and r.p95_ms >= P95_TARGET_MS
    ]
    for reason in failed:
        print(f"FAILED {reason}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
