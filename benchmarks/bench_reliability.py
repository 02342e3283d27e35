"""Benchmarks for what reliability promises: bounded memory, and a cost per word that does not grow with
the length of an article.

  memory   codes generated corpora of each size (default 5,000 and 20,000 articles, benchmarks/generate.py)
           the way `eventwire code --db` does (read, code, store each batch with its merge into events), each
           in its own process; reports the peak RSS of each and the RSS sampled along the run, and the
           difference of the peaks (the promise: under 10%). ``--synthetic`` stores results shaped like the
           corpus's without coding them: the store and the merge alone, in minutes instead of hours.
  lengths  codes one article of each length (default 1,000, 10,000 and 100,000 words, built from the
           generator's wire sentences), each in its own process with a time limit; reports seconds and
           microseconds per word, and the ratio of the largest to the smallest (the promise: within 2x).

    python benchmarks/bench_reliability.py memory [--articles 5000 20000] [--synthetic] [--json out.json]
    python benchmarks/bench_reliability.py lengths [--words 1000 10000 100000] [--timeout 1800]

Wall-clock figures move with the machine's load; peak memory and the ratios are the figures to compare.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLE_EVERY = 500  # articles between two RSS samples


def _rss_mb() -> float:
    """This process's resident set size now, from /proc (Linux), else its peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return _peak_mb()


def _progress(n: int, rss_mb: float, start: float) -> None:
    """One sample on stderr as it is taken: a run stopped by its time limit still tells how far it got."""
    print(f"  {n} articles, {time.perf_counter() - start:.0f} s: RSS {rss_mb:.0f} MB, peak {_peak_mb():.0f} MB",
          file=sys.stderr, flush=True)  # fmt: skip


def _peak_mb() -> float:
    """This process's peak resident set size. From /proc's VmHWM (Linux), which starts afresh with the
    program: ``ru_maxrss`` survives ``exec``, so a child started by a large process (pytest holding the
    model) would report its parent's peak, not its own."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def phase_code(corpus: Path, db: Path, batch_size: int, commit_every: int) -> dict[str, object]:
    """Code ``corpus`` into ``db`` as `eventwire code` does; time, peak RSS and RSS samples."""
    from eventwire.ingest import read_inputs
    from eventwire.model import Article
    from eventwire.pipeline import Pipeline
    from eventwire.settings import Settings
    from eventwire.store import Store

    pipeline = Pipeline(Settings(batch_size=batch_size))
    pipeline.warm_up()
    loaded_mb = _rss_mb()
    samples: list[tuple[int, float]] = []
    start = time.perf_counter()
    n = words = mentions = rejected = 0
    with Store.open(db) as store:
        pending = []
        articles = (a for a in read_inputs([corpus]) if isinstance(a, Article))
        for result in pipeline.code(articles):
            n += 1
            words += len(result.article.text.split())
            mentions += len(result.mentions)
            rejected += not result.coded
            pending.append(result)
            if len(pending) >= commit_every:
                store.store_batch(pending)
                pending = []
            if n % SAMPLE_EVERY == 0:
                samples.append((n, round(_rss_mb(), 1)))
                _progress(n, samples[-1][1], start)
        store.store_batch(pending)
        counts = store.counts()
    return {
        "seconds": time.perf_counter() - start, "articles": n, "words": words, "mentions": mentions,
        "rejected": rejected, "events": counts.get("events", 0), "loaded_mb": round(loaded_mb, 1),
        "peak_mb": round(_peak_mb(), 1), "rss_samples": samples,
    }  # fmt: skip


def synthetic_results(n: int, *, seed: int = 20200108, days: int = 1500):
    """``n`` coding results shaped like the generated corpus's (its ids, dates over ``days`` days as
    generate.py's 1,500, 28 countries, about six mentions an article), made without spaCy: what the store
    and the merge see, in seconds."""
    from datetime import timedelta

    from eventwire.model import ActorRef, Article, ArticleResult, EventMention, Span

    sys.path.insert(0, str(HERE))
    from generate import COUNTRIES

    codes = [c[0].replace("the ", "")[:3].upper() for c in COUNTRIES]
    cameos = ("190", "195", "0256", "010", "173", "036", "111", "1712", "057", "163")
    rng = random.Random(seed)
    for i in range(n):
        day = date(2019, 1, 1) + timedelta(days=i % days)
        article = Article(f"bench-{i:06d}", f"Text {i}.", day, source=f"outlet{i % 7}", origin=f"corpus.jsonl:{i + 1}")
        a, b = rng.sample(codes, 2)
        mentions = []
        for s in range(rng.randint(3, 9)):
            src, tgt = (a, b) if rng.random() < 0.6 else (b, a)
            cameo = rng.choice(cameos)
            mentions.append(EventMention(
                article_id=article.id, sentence_index=s, sentence=f"{src} {cameo} {tgt} ({i}/{s}).",
                publication_date=day, event_date=day - timedelta(days=rng.randrange(2)), date_basis="relative",
                source=ActorRef(src, src, src, None, src, 0, 3), target=ActorRef(tgt, tgt, tgt, None, tgt, 4, 7),
                cameo=cameo, cameo_root=cameo[:2], cameo_name=cameo, goldstein=-5.0, quad_class=4, plover_type=None,
                plover_mode=None, trigger=Span("x", 10 * s, 10 * s + 1), confidence=0.6, date_granularity="day",
            ))  # fmt: skip
        yield ArticleResult(article, tuple(mentions))


def phase_store(n: int, db: Path, commit_every: int, days: int, memory_limit: str | None = None) -> dict[str, object]:
    """Store ``n`` synthetic results batch by batch with their merge; time, peak RSS and RSS samples."""
    from eventwire.store import Store

    samples: list[tuple[int, float]] = []
    start = time.perf_counter()
    stored = 0
    with Store.open(db, memory_limit=memory_limit) as store:
        pending = []
        for result in synthetic_results(n, days=days):
            pending.append(result)
            if len(pending) >= commit_every:
                store.store_batch(pending)
                stored += len(pending)
                pending = []
                if stored % SAMPLE_EVERY < commit_every:
                    samples.append((stored, round(_rss_mb(), 1)))
                    _progress(stored, samples[-1][1], start)
        store.store_batch(pending)
        counts = store.counts()
    return {"seconds": time.perf_counter() - start, "articles": n, "mentions": counts.get("mentions", 0),
            "events": counts.get("events", 0), "loaded_mb": 0.0, "peak_mb": round(_peak_mb(), 1),
            "rss_samples": samples}  # fmt: skip


def long_article(words: int, *, seed: int = 7) -> str:
    """An article of about ``words`` words of wire sentences (a few actors, many events), in paragraphs."""
    sys.path.insert(0, str(HERE))
    from generate import make_article

    rng = random.Random(seed)
    parts: list[str] = []
    count = 0
    i = 0
    while count < words:
        text = str(make_article(rng, i, date(2020, 1, 1))["text"])
        parts.append(text)
        count += len(text.split())
        i += 1
    return "\n\n".join(parts)


def phase_one(words: int) -> dict[str, object]:
    """Code one article of ``words`` words (the model loaded before the clock starts)."""
    from eventwire.model import Article
    from eventwire.pipeline import Pipeline

    text = long_article(words)
    pipeline = Pipeline()
    pipeline.warm_up()
    pipeline.code_batch([Article("warm", "Iran fired missiles at Iraq.", date(2020, 1, 8))])
    start, cpu_start = time.perf_counter(), time.process_time()
    (result,) = pipeline.code_batch([Article("long", text, date(2020, 1, 8))])
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    return {"words": len(text.split()), "chars": len(text), "seconds": seconds, "cpu_seconds": cpu,
            "mentions": len(result.mentions),
            "coded": result.coded, "rejects": [r.code for r in result.rejects], "peak_mb": round(_peak_mb(), 1)}  # fmt: skip


def _child(args: list[str], timeout: float | None = None) -> dict[str, object] | None:
    cmd = [sys.executable, __file__, *args]
    try:
        out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True, timeout=timeout)  # stderr: progress
    except subprocess.TimeoutExpired:
        return None
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_memory(sizes: list[int], batch_size: int, commit_every: int, *, synthetic: bool = False,
               spread: bool = False, memory_limit: str | None = None) -> dict[str, object]:
    sys.path.insert(0, str(HERE))
    from generate import generate

    runs = {}
    with tempfile.TemporaryDirectory(prefix="eventwire-memory-") as tmp:
        for size in sizes:
            db = Path(tmp) / f"s{size}.duckdb"
            if synthetic:
                days = max(1, size * 1500 // sizes[0]) if spread else 1500
                result = _child(["--phase", "store", "--articles", str(size), "--db", str(db),
                                 "--commit-every", str(commit_every), "--days", str(days),
                                 *(["--memory-limit", memory_limit] if memory_limit else [])])  # fmt: skip
            else:
                corpus = Path(tmp) / f"corpus{size}.jsonl"
                generate(corpus, size)
                result = _child(["--phase", "code", "--corpus", str(corpus), "--db", str(db),
                                 "--batch-size", str(batch_size), "--commit-every", str(commit_every)])  # fmt: skip
            assert result is not None
            runs[str(size)] = result
            print(f"{size:>7} articles: {result['articles'] / result['seconds']:6.1f} articles/s, peak RSS "
                  f"{result['peak_mb']:.0f} MB (after loading {result['loaded_mb']:.0f} MB), "
                  f"{result['events']} events, RSS (articles, MB) {result['rss_samples']}", flush=True)  # fmt: skip
    peaks = [float(r["peak_mb"]) for r in runs.values()]  # type: ignore[arg-type]
    growth = (max(peaks) - min(peaks)) / min(peaks)
    print(f"peak RSS: {sizes[0]} articles {peaks[0]:.0f} MB, {sizes[-1]} articles {peaks[-1]:.0f} MB, ratio "
          f"{peaks[-1] / peaks[0]:.3f}; difference {growth:+.1%} (promise: under 10%)")
    return {"runs": runs, "peak_difference": growth}


def run_lengths(lengths: list[int], timeout: float) -> dict[str, object]:
    runs: dict[str, object] = {}
    per_word: list[float] = []
    cpu_per_word: list[float] = []
    for words in lengths:
        result = _child(["--phase", "one", "--words", str(words)], timeout=timeout)
        if result is None:
            print(f"{words:>7} words: more than {timeout:.0f} s (stopped)", flush=True)
            runs[str(words)] = {"timeout_s": timeout}
            continue
        us = 1e6 * float(result["seconds"]) / int(result["words"])  # type: ignore[arg-type]
        cpu_us = 1e6 * float(result["cpu_seconds"]) / int(result["words"])  # type: ignore[arg-type]
        per_word.append(us)
        cpu_per_word.append(cpu_us)
        runs[str(words)] = {**result, "us_per_word": us, "cpu_us_per_word": cpu_us}
        print(f"{result['words']:>7} words: {result['seconds']:8.1f} s, {us:8.0f} us/word, CPU {result['cpu_seconds']:.1f} s, "
              f"{cpu_us:.0f} us/word, {result['mentions']} mentions, "
              f"coded={result['coded']} {result['rejects']}, peak {result['peak_mb']:.0f} MB", flush=True)  # fmt: skip
    if len(per_word) == len(lengths):
        print(f"time per word, largest over smallest: {max(per_word) / min(per_word):.2f}x wall-clock, "
              f"{max(cpu_per_word) / min(cpu_per_word):.2f}x CPU (promise: within 2x; the CPU time is what a busy "
              "machine does not stretch)")
    else:
        print("time per word: not all lengths finished within the limit")
    return {"runs": runs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", nargs="?", choices=["memory", "lengths"])
    parser.add_argument("--articles", type=int, nargs="+", default=[5000, 20000])
    parser.add_argument("--words", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--timeout", type=float, default=1800)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--commit-every", type=int, default=256)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--synthetic", action="store_true",
                        help="memory: store results made without spaCy (the store and the merge alone)")
    parser.add_argument("--spread", action="store_true",
                        help="memory --synthetic: spread the larger corpora over proportionally more days (the same "
                             "articles per day), as a feed growing in time does, instead of generate.py's 1,500 days")
    parser.add_argument("--days", type=int, default=1500)
    parser.add_argument("--memory-limit", help="memory --synthetic: DuckDB's memory limit for the store (e.g. 128MB)")
    parser.add_argument("--phase", choices=["code", "one", "store"])
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    if args.phase == "code":
        print(json.dumps(phase_code(args.corpus, args.db, args.batch_size, args.commit_every)))
        return
    if args.phase == "one":
        print(json.dumps(phase_one(args.words[0])))
        return
    if args.phase == "store":
        print(json.dumps(phase_store(args.articles[0], args.db, args.commit_every, args.days, args.memory_limit)))
        return
    if args.what == "memory":
        report = run_memory(args.articles, args.batch_size, args.commit_every, synthetic=args.synthetic,
                            spread=args.spread, memory_limit=args.memory_limit)
    elif args.what == "lengths":
        report = run_lengths(args.words, args.timeout)
    else:
        parser.error("say what to measure: memory or lengths")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
