"""Event coding on real text that other people wrote and annotated (``make eval-real``).

Reads ``../shared/devdata`` beside the repository root (``$EVENTWIRE_DEVDATA`` overrides; development time
only: the package and its tests never read it) and prints, per set and split:

- WikiEvents (dev = tuning, test = untouched): root-level event recall (sentence and trigger level),
  precision, source/target agreement, recall by sentence length and by KAIROS family;
- GVA (incident ids ending 0-6 = tuning, 7-9 = untouched): article-level recall and precision;
- case robustness: the share of the mixed-case (source, root, target) triples kept when the same texts are
  coded in lower case and in upper case (examples/, WikiEvents, a GVA sample).

The label mappings are data with their reasons: tools/realeval/kairos_cameo.yaml and gva_cameo.yaml; the
definitions are in docs/real-text-eval.md. Exits 0 with "devdata not found, skipping" when the folder is
absent.

    python tools/eval_real_events.py [--json out.json] [--gva-n 600] [--case-n 100] [--only wikievents,gva,case]
                                     [--errors [N]]   # tuning splits' errors by class (WikiEvents dev, GVA 0-6)
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from devdata import eval_arguments
from realeval import gva, wikievents
from realeval.breakdown import breakdown, format_breakdown, gva_breakdown
from realeval.casecheck import case_robustness
from realeval.common import LENGTH_BUCKETS, REPO, Text, code_texts, pct

SETS = ("wikievents", "gva", "case")


def _options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gva-n", type=int, default=600, help="GVA articles per split (first N by doc id)")
    parser.add_argument("--case-n", type=int, default=100, help="GVA articles per split in the case check")
    parser.add_argument("--errors", type=int, nargs="?", const=6, default=0, metavar="N",
                        help="also print the tuning splits' false positives (and WikiEvents misses) by class, N "
                             "examples each (WikiEvents dev, GVA 0-6; the untouched splits are never broken down)")
    parser.add_argument("--tuning-only", action="store_true",
                        help="code only the tuning splits (WikiEvents dev, GVA 0-6): quicker while iterating")


def main(argv: list[str] | None = None) -> int:
    parsed = eval_arguments(__doc__.split("\n\n")[0], SETS, _options, argv)
    if parsed is None:
        return 0
    args, folder, wanted = parsed

    import eventwire

    # Event dates do not enter these scores; switching them off keeps the run short. Places stay on: the
    # places an article names help decide the country of actors such as "police".
    pipeline = eventwire.Pipeline(eventwire.Settings(dates=False))
    started = time.perf_counter()
    results: dict[str, Any] = {"devdata": str(folder)}
    case_items: list[tuple[str, list[Text], dict[str, list[Any]] | None]] = []
    failures: list[str] = []  # texts the coder raised on (coded as yielding nothing)
    errors: list[str] = []  # the tuning split's error breakdown (--errors)

    if "case" in wanted:
        case_items.append(("examples", _examples(), None))
    if "wikievents" in wanted and (folder / "wikievents").is_dir():
        mapping = wikievents.KairosMapping.load()
        results["wikievents"] = {}
        for split in ("dev",) if args.tuning_only else ("dev", "test"):
            documents = wikievents.load_split(folder / "wikievents" / f"{split}.jsonl", mapping)
            items = wikievents.texts(documents)
            mentions = code_texts(pipeline, items, failures)
            results["wikievents"][split] = wikievents.score(documents, mentions, mapping)
            if args.errors and split == "dev":
                errors.append(format_breakdown(f"WikiEvents {split} (tuning)",
                                               breakdown(documents, mentions, mapping, examples=args.errors)))
            case_items.append((f"wikievents {split}", items, mentions))
    if "gva" in wanted and (folder / "gva").is_dir():
        results["gva"] = {}
        for split in list(gva.SPLITS)[:1] if args.tuning_only else gva.SPLITS:
            articles, skipped = gva.load_sample(folder / "gva", split, args.gva_n)
            items = gva.texts(articles)
            mentions = code_texts(pipeline, items, failures)
            results["gva"][split] = gva.score(articles, mentions, skipped)
            if args.errors and split == "tuning":  # the untouched split is never broken down
                errors.append(format_breakdown("GVA 0-6 (tuning)", gva_breakdown(articles, mentions,
                                                                                  examples=args.errors)))
            sample = items[: args.case_n]
            case_items.append((f"gva {split} (first {len(sample)})", sample,
                               {t.id: mentions.get(t.id, []) for t in sample}))
    if "case" in wanted:
        results["case"] = {name: case_robustness(pipeline, items, mixed, failures) for name, items, mixed in case_items}
    results["coder_errors"] = failures
    results["seconds"] = round(time.perf_counter() - started, 1)

    print(format_table(results))
    for block in errors:
        print("\n" + block)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


def _examples() -> list[Text]:
    from eventwire import Article
    from eventwire.ingest import read_inputs

    return [Text(a.id, a.text, a.date) for a in read_inputs([REPO / "examples"]) if isinstance(a, Article)]


def format_table(results: dict[str, Any]) -> str:
    lines = [f"devdata: {results['devdata']}"]
    if "wikievents" in results:
        lines += ["", f"WikiEvents: KAIROS types -> CAMEO roots (tools/realeval/kairos_cameo.yaml); undated "
                      f"articles coded as published {wikievents.FIXED_DATE}; dev = tuning, test = untouched"]
        lines.append(_row(("split", "docs", "gold in/out", "mentions", "recall", "recall@trigger",
                           "precision", "source agr.", "target agr.", "both agr.")))
        for split, r in results["wikievents"].items():
            lines.append(_row((split, r["documents"], f"{r['in_scope']}/{r['out_of_scope'] + r['unmapped']}",
                               f"{r['mentions']} ({r['unjudged_mentions']} unjudged)", pct(r["recall"]),
                               pct(r["recall_trigger"]), pct(r["precision"]), pct(r["source_agreement"]),
                               pct(r["target_agreement"]), pct(r["both_agreement"]))))
        lines.append("recall of the events that name a participant (a source or target argument); precision "
                     "without plain statements (root 01):")
        for split, r in results["wikievents"].items():
            lines.append(_row((split, pct(r.get("recall_participant")), pct(r.get("precision_no_statements")))))
        lines.append("recall by sentence length (tokens):")
        lines.append(_row(("split", *(label for label, _, _ in LENGTH_BUCKETS))))
        for split, r in results["wikievents"].items():
            lines.append(_row((split, *(pct(r["recall_by_length"].get(label)) for label, _, _ in LENGTH_BUCKETS))))
        lines.append("recall by KAIROS family:")
        families = sorted({f for r in results["wikievents"].values() for f in r["recall_by_type"]})
        for family in families:
            lines.append(_row((family, *(pct(r["recall_by_type"].get(family))
                                         for r in results["wikievents"].values()))))
    if "gva" in results:
        lines += ["", "GVA: article level (tools/realeval/gva_cameo.yaml); incident ids ending 0-6 = tuning, "
                      "7-9 = untouched; first N scored articles by doc id"]
        lines.append(_row(("split", "N", "recall", "violence 18-20", "arrest 17", "precision",
                           "mentions (neutral)", "left out")))
        for split, r in results["gva"].items():
            left = ", ".join(f"{k} {v}" for k, v in sorted(r["skipped"].items()))
            lines.append(_row((split, r["articles"], pct(r["recall"]), pct(r["recall_violence"]),
                               pct(r["recall_arrest"]), pct(r["precision"]),
                               f"{r['mentions']} ({r['neutral_mentions']})", left)))
    if "case" in results:
        lines += ["", "Case robustness: share of the mixed-case (source, root, target) triples kept"]
        lines.append(_row(("texts", "n", "triples", "lower case", "upper case")))
        for name, r in results["case"].items():
            lines.append(_row((name, r["texts"], r["mixed_triples"], pct(r["lower"]), pct(r["upper"]))))
    if results.get("coder_errors"):
        lines += ["", f"coder errors (texts coded as yielding nothing): {len(results['coder_errors'])}",
                  *(f"  {e}" for e in results["coder_errors"][:20])]
    lines += ["", f"{results['seconds']} s"]
    return "\n".join(lines)


def _row(cells: tuple[Any, ...]) -> str:
    return "  ".join(f"{cell!s:<{26 if i == 0 else 14}}" for i, cell in enumerate(cells)).rstrip()


if __name__ == "__main__":
    sys.exit(main())
