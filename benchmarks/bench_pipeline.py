"""Benchmark: the whole `code` pipeline against spaCy parsing alone, in one run.

Generates a corpus (benchmarks/generate.py), then runs each phase in its own process so that each
reports its own peak memory:

  parse     spaCy `nlp.pipe` over the texts with the pipeline's settings (batch size, processes)
  pipeline  ingest (JSONL reader) -> parse -> actors -> events, dates, places -> JSONL output -> DuckDB
            store -> dedup into events (what `eventwire code` does); then again with dates off and with
            places off
  gazetteer the offline gazetteer index built from scratch (what `make install` does once): seconds,
            size, and the time to open and query it

Both load the model before the clock starts. The last line is `pipeline/parse throughput ratio: X.XX`.
Wall-clock numbers vary with the machine and its load; the ratio, measured in the same run, is the
figure to compare.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Pipeline runs with one component switched off, to measure what each adds.
COMPONENT_PHASES = {"pipeline-no-dates": "dates", "pipeline-no-places": "places", "pipeline-no-typer": "typer"}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def phase_parse(corpus: Path, batch_size: int, workers: int) -> dict[str, float]:
    from eventwire.nlp import load_nlp
    from eventwire.settings import Settings

    nlp = load_nlp(Settings().model)
    texts = (json.loads(line)["text"] for line in corpus.open(encoding="utf-8"))
    start = time.perf_counter()
    n = words = 0
    for doc in nlp.pipe(texts, batch_size=batch_size, n_process=workers):
        n += 1
        words += len(doc.text.split())
    return {"seconds": time.perf_counter() - start, "articles": n, "words": words, "peak_mb": _peak_mb()}


def phase_pipeline(corpus: Path, batch_size: int, workers: int, db: Path, **components: bool) -> dict[str, float]:
    from eventwire.export import write_jsonl
    from eventwire.ingest import read_inputs
    from eventwire.model import Article
    from eventwire.pipeline import Pipeline
    from eventwire.settings import Settings
    from eventwire.store import Store

    pipeline = Pipeline(Settings(batch_size=batch_size, workers=workers, **components))
    pipeline.warm_up()
    stages = _time_stages(pipeline)
    start = time.perf_counter()
    n = words = mentions = 0
    sink = open(os.devnull, "w", encoding="utf-8")
    with Store.open(db) as store:
        pending: list = []
        articles = (a for a in read_inputs([corpus]) if isinstance(a, Article))
        for result in pipeline.code(articles):
            n += 1
            words += len(result.article.text.split())
            mentions += len(result.mentions)
            write_jsonl(result.mentions, sink)
            pending.append(result)
            if len(pending) >= 256:
                store.store_batch(pending)  # what `eventwire code` does: a batch and its merge, one transaction
                pending = []
        store.store_batch(pending)
    sink.close()
    return {"seconds": time.perf_counter() - start, "articles": n, "words": words, "mentions": mentions,
            "peak_mb": _peak_mb(), **{f"{k}_s": v for k, v in stages.items()}}


def _time_stages(pipeline) -> dict[str, float]:
    """Wrap the dates and places components of this pipeline instance with timers (benchmark only), so
    their share of the pipeline time is measured inside the same run rather than between two runs."""
    stages = {"dates": 0.0, "places": 0.0, "typer": 0.0}

    def timed(obj, name: str, stage: str) -> None:
        inner = getattr(obj, name)

        def wrapper(*args, **kwargs):
            t = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                stages[stage] += time.perf_counter() - t

        setattr(obj, name, wrapper)

    from eventwire import event_context

    if pipeline.settings.dates:
        timed(pipeline.timex, "find", "dates")
        timed(pipeline.timex, "dater", "dates")
        timed(event_context.EventDating, "of", "dates")  # every event's date (class-level: this process only)
    if pipeline.settings.places:
        timed(pipeline.geo, "toponyms", "places")
        timed(pipeline.geo, "index", "places")
        timed(event_context.EventPlacing, "of", "places")  # every event's place, rules included
    for component in pipeline.components:
        if component.name == "typer":  # the learned event typer: its encoder and classifier
            timed(component, "classify", "typer")
    return stages


def phase_gazetteer(db: Path) -> dict[str, float]:
    """Build the gazetteer index from scratch into ``db`` (what `make install` does once), then open it
    and look names up as the pipeline does: build seconds, index size, open seconds, memory after opening."""
    from eventwire.geo import Gazetteer, build_index

    started = time.perf_counter()
    report = build_index(db)
    built = time.perf_counter() - started
    before = _peak_mb()
    started = time.perf_counter()
    gazetteer = Gazetteer(db)
    hits = gazetteer.lookup({"baghdad", "paris", "kyiv", "goma", "springfield", "harris county"})
    gazetteer.country("IRQ")
    opened = time.perf_counter() - started
    return {"build_s": built, "size_mb": report.size_bytes / 1e6, "places": sum(report.places.values()),
            "aliases": report.aliases, "open_and_lookup_s": opened, "names_found": len(hits),
            "peak_mb": _peak_mb(), "peak_mb_before_open": before}



def _run_phase(name: str, corpus: Path, args: argparse.Namespace, db: Path) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--phase", name, "--corpus", str(corpus), "--batch-size", str(args.batch_size),
           "--workers", str(args.workers), "--db", str(db)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--phase", choices=["parse", "pipeline", "gazetteer", *COMPONENT_PHASES])
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()

    if args.phase == "parse":
        print(json.dumps(phase_parse(args.corpus, args.batch_size, args.workers)))
        return
    if args.phase == "pipeline":
        print(json.dumps(phase_pipeline(args.corpus, args.batch_size, args.workers, args.db)))
        return
    if args.phase == "gazetteer":
        print(json.dumps(phase_gazetteer(args.db)))
        return
    if args.phase in COMPONENT_PHASES:
        off = COMPONENT_PHASES[args.phase]
        print(json.dumps(phase_pipeline(args.corpus, args.batch_size, args.workers, args.db, **{off: False})))
        return

    sys.path.insert(0, str(HERE))
    from generate import generate

    with tempfile.TemporaryDirectory(prefix="eventwire-bench-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        total_words = generate(corpus, args.articles)
        print(f"corpus: {args.articles} articles, {total_words} words ({total_words / args.articles:.0f} per article)")
        print(f"settings: batch_size={args.batch_size} workers={args.workers}")
        parse = _run_phase("parse", corpus, args, Path(tmp) / "unused.duckdb")
        pipe = _run_phase("pipeline", corpus, args, Path(tmp) / "bench.duckdb")
        without = {name: _run_phase(name, corpus, args, Path(tmp) / f"{name}.duckdb") for name in COMPONENT_PHASES}
        gaz = _run_phase("gazetteer", corpus, args, Path(tmp) / "gazetteer.sqlite")
    print(f"gazetteer index: built in {gaz['build_s']:.1f} s, {gaz['size_mb']:.1f} MB, {gaz['places']:,} places, "
          f"{gaz['aliases']:,} names; opened and queried in {gaz['open_and_lookup_s'] * 1000:.0f} ms "
          f"(peak {gaz['peak_mb']:.0f} MB in that process)")
    print(f"{'phase':<20}{'articles/s':>12}{'words/s':>12}{'seconds':>10}{'peak MB':>10}")
    for name, r in (("parse", parse), ("pipeline", pipe), *without.items()):
        print(f"{name:<20}{r['articles'] / r['seconds']:>12.1f}{r['words'] / r['seconds']:>12.0f}{r['seconds']:>10.1f}{r['peak_mb']:>10.0f}")
    print(f"mentions coded: {pipe['mentions']}")
    for name, r in without.items():
        component = COMPONENT_PHASES[name]
        # Measured inside the full run: the component's own time over the rest of the pipeline's time.
        own = pipe[f"{component}_s"]
        # Between runs: (with - without) / without; noisier, shown for comparison.
        between = (pipe["seconds"] - r["seconds"]) / r["seconds"]
        print(f"{component} add {own / (pipe['seconds'] - own):+.1%} to the pipeline time "
              f"(in-run timers; {between:+.1%} between the runs with and without)")
    ratio = (pipe["articles"] / pipe["seconds"]) / (parse["articles"] / parse["seconds"])
    print(f"pipeline/parse throughput ratio: {ratio:.2f}")


if __name__ == "__main__":
    main()
