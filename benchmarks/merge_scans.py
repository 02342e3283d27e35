"""Rows a batch reads from the store's tables, on stores of different sizes: does a batch's write and merge
cost grow with the store?

For each size, a store of that many synthetic articles is built (``bench_reliability.synthetic_results``:
shaped like the generated corpus, the same articles per day at every size, as ``memory --spread``); then
the next ``--batches`` batches are stored through ``Store.store_batch`` (write + merge into events, one
transaction) with DuckDB's profiler on, and every table scan of every statement is added up: rows scanned
per table per batch (an index lookup scans the rows it finds; a sequential scan the rows of the row
groups it could not skip). Rows read and CPU seconds do not move with the machine's load, unlike wall-clock.

    python benchmarks/merge_scans.py [--sizes 2000 8000] [--batches 3] [--commit-every 256] [--statements]

``--statements`` also prints, for the largest size, the statements that read most (the first line of
each). The last line is the ratio of rows read per batch, largest store over smallest, per table: 1.0x
means the batch's cost does not depend on the store.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb

HERE = Path(__file__).resolve().parent
TABLES = ("articles", "mentions", "events", "rejects")


class ProfiledConnection:
    """A DuckDB connection that profiles every statement run through ``execute`` and adds up the rows its
    table scans read (per table, and per statement text). Everything else goes to the connection."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self._con = con
        self.rows: Counter[str] = Counter()
        self.by_statement: Counter[tuple[str, str]] = Counter()
        con.execute("SET enable_profiling = 'no_output'").fetchall()

    def execute(self, sql: str, params: Any = None) -> _Result:
        rows = self._con.execute(sql, params).fetchall()
        info = json.loads(self._con.get_profiling_information(format="json"))
        for table, scanned in _scans(info.get("operator", [])):
            self.rows[table] += scanned
            self.by_statement[(table, " ".join(sql.split())[:110])] += scanned
        return _Result(rows)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)


class _Result:
    def __init__(self, rows: list[tuple[Any, ...]]) -> None:
        self._rows = rows

    def fetchall(self) -> list[tuple[Any, ...]]:
        return self._rows

    def fetchone(self) -> tuple[Any, ...] | None:
        return self._rows[0] if self._rows else None


def _scans(operators: list[dict[str, Any]]) -> Iterator[tuple[str, int]]:
    for op in operators:
        table = str(op.get("extra_info", {}).get("Table", ""))
        if op.get("type") == "TABLE_SCAN" and table:
            name = table.rsplit(".", 1)[-1]
            yield (name if name in TABLES and '"temp"' not in table else "temp"), int(op.get("rows_scanned", 0))
        yield from _scans(op.get("children", []))


def _days(size: int) -> int:
    # bench_reliability memory --spread: generate.py's 1,500 days for 5,000 articles, the same density beyond.
    return max(1, size * 1500 // 5000)


def measure(size: int, batches: int, commit_every: int, tmp: Path) -> dict[str, Any]:
    sys.path.insert(0, str(HERE))
    from bench_reliability import synthetic_results

    from eventwire.store import Store

    db = tmp / f"scans{size}.duckdb"
    results = list(synthetic_results(size + batches * commit_every, days=_days(size)))
    with Store.open(db) as store:
        for start in range(0, size, commit_every):
            store.store_batch(results[start : min(start + commit_every, size)])
    con = duckdb.connect(str(db))
    profiled = ProfiledConnection(con)
    store = Store(profiled, path=str(db), read_only=False)  # type: ignore[arg-type]
    cpu = 0.0
    merges = []
    try:
        for b in range(batches):
            batch = results[size + b * commit_every : size + (b + 1) * commit_every]
            started = time.process_time()
            outcome = store.store_batch(batch)
            cpu += time.process_time() - started
            if outcome.merge is not None:
                merges.append(outcome.merge)
        counts = store.counts()
    finally:
        con.close()
    per_batch = {t: profiled.rows[t] / batches for t in (*TABLES, "temp")}
    return {
        "size": size, "batches": batches, "rows_per_batch": per_batch, "cpu_s_per_batch": cpu / batches,
        "candidates": sum(m.candidates for m in merges) / max(1, len(merges)),
        "region_mentions": sum(m.mentions for m in merges) / max(1, len(merges)),
        "store_rows": {t: counts.get(t, 0) for t in TABLES},
        "top_statements": [(t, s, n / batches) for (t, s), n in profiled.by_statement.most_common(12)],
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 8000])
    parser.add_argument("--batches", type=int, default=3)
    parser.add_argument("--commit-every", type=int, default=256)
    parser.add_argument("--statements", action="store_true", help="print the statements that read most")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    runs = []
    with tempfile.TemporaryDirectory(prefix="eventwire-scans-") as tmp:
        for size in args.sizes:
            run = measure(size, args.batches, args.commit_every, Path(tmp))
            runs.append(run)
            rows = ", ".join(f"{t} {n:,.0f}" for t, n in run["rows_per_batch"].items())
            stored = ", ".join(f"{t} {n:,}" for t, n in run["store_rows"].items() if t != "rejects")
            print(f"{size:>7} articles ({stored}): rows read per batch: {rows}; "
                  f"CPU {run['cpu_s_per_batch']:.3f} s per batch; merge region {run['region_mentions']:.0f} mentions",
                  flush=True)  # fmt: skip
    if args.statements:
        print(f"statements that read most, {runs[-1]['size']} articles (rows per batch):")
        for table, sql, n in runs[-1]["top_statements"]:
            print(f"  {n:>10,.0f} {table:<9} {sql}")
    small, large = runs[0], runs[-1]
    ratios = {t: (large["rows_per_batch"][t] / small["rows_per_batch"][t]) if small["rows_per_batch"][t] else 0.0
              for t in (*TABLES, "temp")}  # fmt: skip
    cpu_ratio = large["cpu_s_per_batch"] / small["cpu_s_per_batch"]
    print(f"rows read per batch, {large['size']} over {small['size']} articles: "
          + ", ".join(f"{t} {r:.2f}x" for t, r in ratios.items()) + f"; CPU {cpu_ratio:.2f}x")  # fmt: skip
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"runs": runs, "ratios": ratios, "cpu_ratio": cpu_ratio}, indent=2))


if __name__ == "__main__":
    main()
