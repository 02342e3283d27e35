"""Benchmark: the Spark engine with 1 and 2 executor cores next to the local engine with 1 and 2 workers.

The corpus is the one `bench_pipeline.py` codes (benchmarks/generate.py, same seed and size). Each phase
runs in its own process and times coding only once its workers have loaded the model:

  local-1, local-2   read the JSONL, code with the local runner (``Settings.workers`` = 1, 2 processes)
  spark-1, spark-2   ``code_with_spark`` on ``local[1]`` / ``local[2]``: eventwire's reader in the executors,
                     the shuffle by article id, ``mapPartitions`` over ``pipeline.code_batch``, the Parquet
                     dataset written (mentions partitioned by event date, articles, rejects)

Before the clock starts, a Spark phase runs a small job that makes every Python worker load its pipeline
(what a long run pays once per executor process), and a local phase loads its pipeline (forked workers
share it). Printed: articles/s and CPU seconds per article per phase (CPU: the phase's process and every process
below it, the JVM and Spark's Python workers included), Spark's scaling ratio (2 cores over 1), the local
runner's, and Spark's overhead against the local engine, in wall-clock and in CPU time. The machine's load average
is printed before and after: on a shared machine the absolute figures move with it; the ratios, measured
in the same run, move less.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PHASES = ("local-1", "local-2", "spark-1", "spark-2")


def phase_local(corpus: Path, workers: int, batch_size: int) -> dict[str, float]:
    from eventwire.ingest import read_inputs
    from eventwire.model import Article
    from eventwire.pipeline import Pipeline
    from eventwire.settings import Settings

    pipeline = Pipeline(Settings(batch_size=batch_size, workers=workers))
    pipeline.warm_up()
    start, cpu = time.perf_counter(), _tree_cpu_s()
    n = mentions = 0
    articles = (a for a in read_inputs([corpus]) if isinstance(a, Article))
    for result in pipeline.code(articles):
        n += 1
        mentions += len(result.mentions)
    # Worker processes have exited by now: their time is in RUSAGE_CHILDREN, not in the live tree.
    return {"seconds": time.perf_counter() - start, "cpu_s": _tree_cpu_s() - cpu + _children_cpu_s(),
            "articles": n, "mentions": mentions}


def phase_spark(corpus: Path, cores: int, batch_size: int, partitions: int, out: Path) -> dict[str, float]:
    from functools import partial

    from eventwire.distributed import code_with_spark, spark_session
    from eventwire.distributed.tasks import code_partition
    from eventwire.model import Article
    from eventwire.settings import Settings

    settings = Settings(batch_size=batch_size)
    with spark_session(f"local[{cores}]") as spark:
        # Every worker loads its pipeline now: tasks that code one short article each, in parallel.
        warm = [(0, Article(id=f"warm-{i}", text="Iran fired missiles at US forces in Iraq."))
                for i in range(2 * cores)]  # fmt: skip
        spark.sparkContext.parallelize(warm, 2 * cores).mapPartitions(partial(code_partition, settings=settings)).count()
        start, cpu = time.perf_counter(), _tree_cpu_s()
        stats = code_with_spark(spark, [str(corpus)], out=out, settings=settings, partitions=partitions)
        seconds, cpu = time.perf_counter() - start, _tree_cpu_s() - cpu
        peaks = spark.sparkContext.parallelize([settings] * 2 * cores, 2 * cores).map(_worker_peak_mb).collect()
    return {"seconds": seconds, "cpu_s": cpu, "articles": stats.articles, "mentions": stats.mentions,
            "worker_peak_mb": max(peaks)}  # fmt: skip


def _tree_cpu_s() -> float:
    """CPU seconds (user + system) used so far by this process and every live process below it (the JVM,
    Spark's Python daemon and workers): on a shared machine, CPU time per article says what a run costs
    even when the wall clock is stretched by other work."""
    ticks = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    used: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        used[int(entry)] = int(fields[11]) + int(fields[12])
    mine = {os.getpid()}
    grew = True
    while grew:
        below = {pid for pid, parent in parents.items() if parent in mine} - mine
        grew = bool(below)
        mine |= below
    return sum(used.get(pid, 0) for pid in mine) / ticks


def _children_cpu_s() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _worker_peak_mb(settings) -> float:
    """Peak memory of the Python worker process that runs this task, holding its pipeline (loaded by the
    run, or now if this worker did not code)."""
    import resource

    from eventwire.pipeline import pipeline_for

    pipeline_for(settings).warm_up()
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _run_phase(name: str, corpus: Path, args: argparse.Namespace, tmp: Path) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--phase", name, "--corpus", str(corpus), "--batch-size", str(args.batch_size),
           "--partitions", str(args.partitions), "--out", str(tmp / name)]
    done = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--partitions", type=int, default=8, help="Spark coding tasks")
    parser.add_argument("--phase", choices=PHASES)
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    if args.phase is not None:
        kind, _, n = args.phase.partition("-")
        if kind == "local":
            result = phase_local(args.corpus, int(n), args.batch_size)
        else:
            result = phase_spark(args.corpus, int(n), args.batch_size, args.partitions, args.out)
        print(json.dumps(result))
        return

    sys.path.insert(0, str(HERE))
    from generate import generate

    load_before = _load()
    with tempfile.TemporaryDirectory(prefix="eventwire-bench-spark-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        words = generate(corpus, args.articles)
        print(f"corpus: {args.articles} articles, {words} words; batch_size={args.batch_size}, "
              f"Spark partitions={args.partitions}; load average before: {load_before}", flush=True)  # fmt: skip
        results = {}
        for name in PHASES:  # each phase's figures as soon as it ends (a long run stopped early keeps them)
            results[name] = _run_phase(name, corpus, args, Path(tmp))
            print(f"{name}: {json.dumps(results[name])} (load average now: {_load()})", flush=True)
    load_after = _load()
    rate = {name: r["articles"] / r["seconds"] for name, r in results.items()}
    print(f"{'engine':<10}{'processes':>10}{'articles/s':>12}{'seconds':>10}{'CPU s/article':>15}{'mentions':>10}")
    for name, r in results.items():
        kind, _, n = name.partition("-")
        print(f"{kind:<10}{n:>10}{rate[name]:>12.1f}{r['seconds']:>10.1f}{r['cpu_s'] / r['articles']:>15.3f}{r['mentions']:>10}")
    figures = {
        "spark_scaling": rate["spark-2"] / rate["spark-1"],
        "local_scaling": rate["local-2"] / rate["local-1"],
        "spark_overhead_1": 1 - rate["spark-1"] / rate["local-1"],
        "spark_overhead_2": 1 - rate["spark-2"] / rate["local-2"],
        "spark_cpu_overhead": results["spark-2"]["cpu_s"] / results["local-1"]["cpu_s"] - 1,
    }
    print(f"load average after: {load_after}; peak memory of a Spark Python worker: "
          f"{max(results[p]['worker_peak_mb'] for p in ('spark-1', 'spark-2')):.0f} MB")
    print(f"local[2]/local[1] Spark throughput ratio: {figures['spark_scaling']:.2f} "
          f"(local runner, 2 workers / 1: {figures['local_scaling']:.2f})")  # fmt: skip
    print(f"Spark overhead against the local engine: {figures['spark_overhead_1']:+.1%} with 1 process, "
          f"{figures['spark_overhead_2']:+.1%} with 2 (wall clock); {figures['spark_cpu_overhead']:+.1%} CPU time "
          "(Spark local[2], JVM included, against the local engine with 1 process)")  # fmt: skip
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"articles": args.articles, "words": words, "load_before": load_before,
                                         "load_after": load_after, "phases": results, **figures}, indent=2))  # fmt: skip


if __name__ == "__main__":
    main()
