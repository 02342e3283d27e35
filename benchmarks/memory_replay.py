"""The store's memory under real coder output, in minutes: code a few generated articles once, then store
them again and again as a larger corpus (docs/reliability.md, "Memory", *Why the whole pipeline grows*).

Codes the first ``--code`` articles of benchmarks/generate.py's corpus (one per day of its 1,500 days) and
stores ``--articles`` results built from them, batch by batch with their merge: article i is a copy of coded
article i mod ``--code`` on generate.py's day i mod 1,500, each later pass with its countries permuted so that
it makes new events. ``--order arrival`` stores them as generate.py's corpus comes (pass after pass over the
same days: a batch's days hold every earlier pass); ``--order day`` stores the same articles in date order.
Prints RSS, peak, the batch's region (mentions read) and DuckDB's accounting every ``--every`` batches.

    python benchmarks/memory_replay.py --articles 2000 8000 [--order arrival|day] [--code 1500]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_reliability import _peak_mb, _rss_mb  # noqa: E402
from generate import generate  # noqa: E402

DAYS = 1500  # generate.py's


def code_once(n: int, out: Path) -> None:
    """Code generate.py's first ``n`` articles; write their results as JSON lines of pickled hex (one file)."""
    import pickle

    from eventwire.ingest import read_inputs
    from eventwire.model import Article
    from eventwire.pipeline import Pipeline
    from eventwire.settings import Settings

    corpus = out.with_suffix(".jsonl")
    generate(corpus, n)
    pipeline = Pipeline(Settings(batch_size=64))
    results = list(pipeline.code(a for a in read_inputs([corpus]) if isinstance(a, Article)))
    out.write_bytes(pickle.dumps(results))


def replayed(base: list[Any], n: int, order: str) -> Iterator[Any]:
    countries = sorted({a.country for r in base for m in r.mentions for a in (m.source, m.target)
                        if a is not None and a.country and len(a.country) == 3})  # fmt: skip
    perms: list[dict[str, str]] = []
    for c in range(n // len(base) + 1):
        shuffled = countries[:]
        random.Random(c).shuffle(shuffled)
        perms.append(dict(zip(countries, shuffled, strict=True)) if c else {x: x for x in countries})

    def actor(a: Any, mapping: dict[str, str]) -> Any:
        if a is None or a.country not in mapping:
            return a
        new = mapping[a.country]
        return dataclasses.replace(a, country=new, code=new + a.code[3:] if a.code.startswith(a.country) else a.code)

    indexes = sorted(range(n), key=lambda i: (i % DAYS, i)) if order == "day" else range(n)
    for i in indexes:
        j = i % len(base)
        r = base[j]
        shift = timedelta(days=(i % DAYS) - (j % DAYS))
        aid = f"bench-{i:06d}"
        mentions = tuple(dataclasses.replace(
            m, article_id=aid, publication_date=m.publication_date + shift if m.publication_date else None,
            event_date=m.event_date + shift if m.event_date else None,
            source=actor(m.source, perms[i // len(base)]), target=actor(m.target, perms[i // len(base)]),
        ) for m in r.mentions)  # fmt: skip
        article = dataclasses.replace(r.article, id=aid, date=r.article.date + shift if r.article.date else None)
        yield dataclasses.replace(r, article=article, mentions=mentions)


def store_phase(coded: Path, n: int, order: str, every: int, commit_every: int) -> dict[str, object]:
    import pickle

    from eventwire.store import Store

    base = pickle.loads(coded.read_bytes())
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="eventwire-replay-") as tmp, Store.open(Path(tmp) / "r.duckdb") as store:
        pending: list[Any] = []
        batches = 0
        for result in replayed(base, n, order):
            pending.append(result)
            if len(pending) < commit_every:
                continue
            merged = store.store_batch(pending).merge
            pending, batches = [], batches + 1
            if batches % every == 0 and merged is not None:
                duck = store.connection().execute("SELECT tag, memory_usage_bytes FROM duckdb_memory()").fetchall()
                kept = {tag: round(used / 1e6, 1) for tag, used in duck if used}
                print(f"  {batches * commit_every} articles, {time.perf_counter() - start:.0f} s: RSS {_rss_mb():.0f} MB, "
                      f"peak {_peak_mb():.0f} MB, region {merged.candidates} mentions, {merged.events_removed} events "
                      f"replaced; DuckDB {kept}", file=sys.stderr, flush=True)  # fmt: skip
        store.store_batch(pending)
        counts = store.counts()
    return {"articles": n, "events": counts.get("events", 0), "mentions": counts.get("mentions", 0),
            "peak_mb": round(_peak_mb(), 1), "seconds": round(time.perf_counter() - start, 1)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, nargs="+", default=[2000, 8000])
    parser.add_argument("--order", choices=["arrival", "day"], default="arrival")
    parser.add_argument("--code", type=int, default=DAYS, help="generated articles coded once (default 1,500)")
    parser.add_argument("--every", type=int, default=8, help="batches between two printed samples")
    parser.add_argument("--commit-every", type=int, default=256)
    parser.add_argument("--phase", choices=["store"])
    parser.add_argument("--coded", type=Path)
    args = parser.parse_args()
    if args.phase == "store":
        print(json.dumps(store_phase(args.coded, args.articles[0], args.order, args.every, args.commit_every)))
        return
    with tempfile.TemporaryDirectory(prefix="eventwire-replay-") as tmp:
        coded = Path(tmp) / "coded.pickle"
        code_once(args.code, coded)
        peaks = []
        for n in args.articles:
            out = subprocess.run([sys.executable, __file__, "--phase", "store", "--coded", str(coded), "--articles",
                                  str(n), "--order", args.order, "--every", str(args.every), "--commit-every",
                                  str(args.commit_every)], check=True, stdout=subprocess.PIPE, text=True)  # fmt: skip
            result = json.loads(out.stdout.strip().splitlines()[-1])
            peaks.append(float(result["peak_mb"]))
            print(f"{n:>7} articles ({args.order} order): peak RSS {result['peak_mb']:.0f} MB, {result['events']} events, "
                  f"{result['mentions']} mentions, {result['seconds']:.0f} s", flush=True)  # fmt: skip
    print(f"peak RSS difference {(max(peaks) - min(peaks)) / min(peaks):+.1%}")


if __name__ == "__main__":
    main()
