"""Where a writing store's memory goes, batch by batch: what `bench_reliability.py memory --synthetic` reports
as one peak, split into its parts.

Stores ``--articles`` synthetic results (``bench_reliability.synthetic_results``, the same articles per day as
``memory --spread``) batch by batch with their merge, and after every ``--every``-th batch prints the process's
RSS and peak, DuckDB's own accounting by tag (``duckdb_memory()``: table blocks it keeps, index buffers, rows
not yet checkpointed), the bytes glibc's malloc holds (``mallinfo2``; Linux) and the WAL's size. Every batch
that raises the peak by more than 3 MB is printed with the WAL size before and after it: a WAL back at zero
means the batch ended in a checkpoint.

    python benchmarks/memory_profile.py [--articles 20000] [--every 12] [--memory-limit 96MB]
        [--checkpoint-threshold 4MB] [--reopen N]

``--reopen N`` closes and reopens the store every N batches (does the memory belong to the open database?).
Findings: docs/reliability.md, "Memory".
"""

from __future__ import annotations

import argparse
import ctypes
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_reliability import _peak_mb, _rss_mb, synthetic_results  # noqa: E402


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]  # fmt: skip


def _malloc_mb() -> str:
    """glibc malloc's bytes in use and free (all arenas) and mmapped, or '' where there is no mallinfo2."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallinfo2.restype = _MallInfo2
        info = libc.mallinfo2()
    except (OSError, AttributeError):
        return ""
    return f"malloc in use {info.uordblks / 1e6:.0f} free {info.fordblks / 1e6:.0f} mmapped {info.hblkhd / 1e6:.0f} MB"


def _duckdb_mb(con: Any) -> dict[str, float]:
    rows = con.execute("SELECT tag, memory_usage_bytes FROM duckdb_memory()").fetchall()
    return {tag: round(used / 1e6, 1) for tag, used in rows if used}


def _wal_mb(db: Path) -> float:
    wal = Path(str(db) + ".wal")
    return wal.stat().st_size / 1e6 if wal.exists() else 0.0


def profile(articles: int, db: Path, *, every: int, commit_every: int, memory_limit: str | None,
            checkpoint_threshold: str | None, reopen: int) -> None:  # fmt: skip
    from eventwire.store import Store

    def open_store() -> Store:
        store = Store.open(db, memory_limit=memory_limit)
        if checkpoint_threshold:
            store.connection().execute("SET checkpoint_threshold = ?", [checkpoint_threshold]).fetchall()
        return store

    store = open_store()
    start = time.perf_counter()
    pending = []
    batches = 0
    peak = _peak_mb()
    wal = 0.0
    for result in synthetic_results(articles, days=max(1, articles * 1500 // 5000)):
        pending.append(result)
        if len(pending) < commit_every:
            continue
        store.store_batch(pending)
        pending = []
        batches += 1
        if reopen and batches % reopen == 0:
            store.close()
            store = open_store()
        now_wal = _wal_mb(db)
        if _peak_mb() > peak + 3:
            print(f"  batch {batches}: peak {peak:.0f} -> {_peak_mb():.0f} MB, RSS {_rss_mb():.0f} MB, "
                  f"WAL {wal:.1f} -> {now_wal:.1f} MB", flush=True)  # fmt: skip
        peak, wal = _peak_mb(), now_wal
        if batches % every == 0:
            duck = _duckdb_mb(store.connection())
            print(f"{batches * commit_every:>6} articles, {time.perf_counter() - start:5.0f} s: RSS {_rss_mb():.0f} MB, "
                  f"peak {peak:.0f} MB; DuckDB {sum(duck.values()):.1f} MB {duck}; {_malloc_mb()}", flush=True)  # fmt: skip
    store.store_batch(pending)
    print(f"{articles} articles: peak RSS {_peak_mb():.0f} MB; "
          f"{store.connection().execute('PRAGMA database_size').fetchall()[0][1]} on disk")
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--every", type=int, default=12, help="batches between two printed samples")
    parser.add_argument("--commit-every", type=int, default=256)
    parser.add_argument("--memory-limit", help="DuckDB's memory limit for the store (e.g. 96MB)")
    parser.add_argument("--checkpoint-threshold", help="DuckDB's WAL size that triggers a checkpoint (e.g. 4MB)")
    parser.add_argument("--reopen", type=int, default=0, help="close and reopen the store every N batches")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="eventwire-memprof-") as tmp:
        profile(args.articles, Path(tmp) / "profile.duckdb", every=args.every, commit_every=args.commit_every,
                memory_limit=args.memory_limit, checkpoint_threshold=args.checkpoint_threshold, reopen=args.reopen)  # fmt: skip


if __name__ == "__main__":
    main()
