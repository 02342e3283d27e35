"""A small, bounded check of memory growth (the full figures come from `make bench`:
benchmarks/bench_reliability.py). Storing four times as many results, at the same number of articles per
day, must not grow the peak RSS by more than a fifth.

The promise (issue 15) is under a tenth, and it is NOT met yet: the code measured +7.8..+12.9% here
(500 vs 2,000 articles; +10.6% since checkpoints no longer vacuum) and +18.8% for 5,000 vs 20,000 (+24..32%
before; docs/reliability.md, "Memory"). What grows is not the merge's reads (tests/test_merge_scans.py: flat
per batch since schema 8) but memory DuckDB keeps per stored row (table blocks and index buffers) and the pages
its allocator keeps (a 64 MB memory_limit bounds it but stalls the run past 12,000 articles; 96 and 128 MB do
not bound it). The bound here is what the code meets with margin on a loaded machine: it catches a new leak per
batch, not the last tenth."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="ru_maxrss")]

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks" / "bench_reliability.py"


def _peak(tmp_path: Path, articles: int) -> dict:
    days = max(1, articles * 1500 // 5000)
    done = subprocess.run(
        [sys.executable, str(BENCH), "--phase", "store", "--articles", str(articles), "--days", str(days),
         "--db", str(tmp_path / f"m{articles}.duckdb"), "--commit-every", "256"],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, capture_output=True, text=True, timeout=600, check=True,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_storing_four_times_as_much_keeps_the_peak_within_a_fifth(tmp_path):
    small, large = _peak(tmp_path, 500), _peak(tmp_path, 2000)
    assert large["events"] > 3 * small["events"]  # the larger store really is larger
    growth = (large["peak_mb"] - small["peak_mb"]) / small["peak_mb"]
    print(f"\npeak RSS {small['peak_mb']} MB for 500 articles, {large['peak_mb']} MB for 2,000: {growth:+.1%}")
    assert growth < 0.20
