"""The load test's machinery, run small: a short wrk run per endpoint and cache mode on a small synthetic store.

This checks that `make load` still works end to end (store, server, URL mixes, wrk, the Lua report) and that
nothing errs under concurrent requests; it asserts no latency (the machine is shared): `make load` measures.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def test_a_short_load_run_has_no_errors_and_counts_cache_hits(tmp_path, monkeypatch, capsys):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import load_api

    report = tmp_path / "load.json"
    code = load_api.main([
        "--store", str(tmp_path / "small.duckdb"), "--mentions", "20000", "--min-events", "1000",
        "--duration", "2", "--connections", "8", "--json", str(report),
    ])  # fmt: skip
    print(capsys.readouterr().out, file=sys.stderr)
    assert code in (0, 1)  # 1 would only mean a slow p95 on a busy machine: errors are checked below
    results = json.loads(report.read_text())["results"]
    assert {(r["endpoint"], r["cache"]) for r in results} == {
        ("/v1/events", "uncached"), ("/v1/events", "cached"),
        ("/v1/dyads/{a}/{b}/series", "uncached"), ("/v1/dyads/{a}/{b}/series", "cached"),
    }  # fmt: skip
    for r in results:
        assert r["requests"] > 0 and r["errors"] == 0, r
        if r["cache"] == "uncached":
            assert r["cache_hits"] == 0, r
        else:
            assert r["cache_hits"] > r["cache_misses"], r
