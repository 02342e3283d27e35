"""The per-batch write and merge read the store by key: the rows a batch reads from ``mentions``, ``events``
and ``articles`` do not grow with the store (benchmarks/merge_scans.py, on a small and a four times larger
store with the same articles per day). Before schema 8 they grew with it, about 3.5x from 2,000 to 8,000
articles, because every statement of the merge scanned whole tables."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]


def test_rows_a_batch_reads_do_not_grow_with_the_store(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from merge_scans import measure

    small = measure(500, 2, 128, tmp_path)
    large = measure(2000, 2, 128, tmp_path)
    assert large["store_rows"]["mentions"] > 2.5 * small["store_rows"]["mentions"]  # both plus the measured batches
    for table in ("mentions", "events", "articles"):
        rows_small, rows_large = small["rows_per_batch"][table], large["rows_per_batch"][table]
        # The neighbourhood differs a little between the two stores; a scan would read 4x.
        assert rows_large <= 1.5 * rows_small + 50, (table, rows_small, rows_large)
