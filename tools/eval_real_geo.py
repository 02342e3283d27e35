"""Places and dates on real text that other people wrote and annotated (``make eval-real``, second line).

Reads ``../shared/devdata`` beside the repository root (``$EVENTWIRE_DEVDATA`` overrides; development time
only: the package and its tests never read it) and prints, per set and split (tuning / untouched):

- GeoCorpora (tweets, GeoNames points): toponym detection P/R/F1, within 161 km, median km and country
  accuracy, overall and by gold class (country, admin, city, facility, other);
- GVA (US local news about shootings): the event's place within 161 km of the incident point, the event's
  date against the incident date, and how often the date falls back to the publication date;
- Reuters-21578 (1987 newswire): datelines found and their country against the story's ``places`` codes.

The definitions are in the docstrings of ``tools/realgeo/*.py``. Samples are deterministic and bounded
(``--gva-n``, ``--reuters-n``); the whole run takes a few minutes on two cores. Exits 0 with
"devdata not found, skipping" when the folder is absent.

    python tools/eval_real_geo.py [--json out.json] [--gva-n 200] [--reuters-n 300] [--geocorpora-n 3000]
                                  [--only geocorpora,gva,reuters] [--splits tuning,untouched]
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
from realgeo import geocorpora, gva_places, reuters
from realgeo.common import CLASSES, table

SETS = ("geocorpora", "gva", "reuters")


def _options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gva-n", type=int, default=200, help="GVA articles per split (first N by doc id)")
    parser.add_argument("--reuters-n", type=int, default=300, help="Reuters stories per split (spread by NEWID)")
    parser.add_argument("--geocorpora-n", type=int, default=3000,
                        help="GeoCorpora tweets per split, first N by tweet id (0 = all)")
    parser.add_argument("--splits", default="tuning,untouched", help="comma-separated splits")


def main(argv: list[str] | None = None) -> int:
    parsed = eval_arguments(__doc__.split("\n\n")[0], SETS, _options, argv)
    if parsed is None:
        return 0
    args, folder, wanted = parsed
    splits = [s.strip() for s in args.splits.split(",") if s.strip()]

    import eventwire
    from eventwire.geo import GeoParser
    from eventwire.nlp import load_nlp

    settings = eventwire.Settings()
    nlp = load_nlp(settings.model)
    geo = GeoParser(settings)
    results: dict[str, Any] = {"devdata": str(folder)}
    started = time.perf_counter()

    def geoparse(items: list[tuple[Any, str]], *, unresolved: bool = False) -> dict[Any, list[Any]]:
        """Toponyms as ``eventwire geocode`` prints them (``unresolved``: sites without a point too)."""
        out = {}
        for doc, key in nlp.pipe(items, as_tuples=True, batch_size=64):
            out[key] = [t for t in geo.toponyms(doc, unresolved=unresolved) if not t.metonymic]
        return out

    if "geocorpora" in wanted and (folder / "geocorpora").is_dir():
        results["geocorpora"] = {}
        for split in splits:
            t0 = time.perf_counter()
            tweets, notes = geocorpora.load(folder / "geocorpora", split, geo.gazetteer)
            if args.geocorpora_n:
                tweets = tweets[: args.geocorpora_n]
            predicted = geoparse([(t.text, t.id) for t in tweets], unresolved=True)
            report = geocorpora.score(tweets, predicted)
            report["notes"] = dict(notes)
            report["seconds"] = round(time.perf_counter() - t0, 1)
            results["geocorpora"][split] = report
            _print_geocorpora(split, report)

    if "gva" in wanted and (folder / "gva").is_dir():
        pipeline = eventwire.Pipeline(settings)
        results["gva"] = {}
        for split in splits:
            t0 = time.perf_counter()
            articles, skipped = gva_places.load_sample(folder / "gva", split, args.gva_n)
            coded = _code(pipeline, articles)
            report = gva_places.score(articles, coded, skipped)
            report["seconds"] = round(time.perf_counter() - t0, 1)
            results["gva"][split] = report
            _print_gva(split, report)

    if "reuters" in wanted and (folder / "reuters21578").is_dir():
        results["reuters"] = {}
        for split in splits:
            t0 = time.perf_counter()
            stories, notes = reuters.load_sample(folder / "reuters21578", split, args.reuters_n, geo.gazetteer)
            predicted = geoparse([(s.text, s.newid) for s in stories])
            report = reuters.score(stories, predicted)
            report["notes"] = dict(notes)
            report["seconds"] = round(time.perf_counter() - t0, 1)
            results["reuters"][split] = report
            _print_reuters(split, report)

    results["seconds"] = round(time.perf_counter() - started, 1)
    print(f"\ntotal {results['seconds']} s")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


def _code(pipeline: Any, articles: list[gva_places.GvaArticle]) -> dict[str, tuple[list[Any], Any, Any]]:
    """Mentions, the geoparser's main place and the incident day of each article (coded like ``eventwire
    code`` does)."""
    from eventwire.geo.locate import dominant
    from eventwire.model import Article

    pipeline.warm_up()
    out = {}
    items = [(a.text, a) for a in articles]
    for doc, a in pipeline.nlp.pipe(items, as_tuples=True, batch_size=32):
        article = Article(id=a.doc_id, text=a.text, date=a.published)
        result = pipeline.code_parsed(doc, article)
        main = dominant(pipeline.geo.toponyms(doc))
        out[a.doc_id] = (list(result.mentions), main, result.incident)
    return out


def _print_geocorpora(split: str, r: dict[str, Any]) -> None:
    d, o = r["detection"], r["overall"]
    print(f"\nGeoCorpora {split}: N={r['tweets']} tweets, {r['gold_toponyms']} gold toponyms ({r['seconds']} s)")
    print(f"  detection P {d['P']}  R {d['R']}  F1 {d['F1']}  (TP {d['tp']}, FP {d['fp']}, FN {d['fn']})")
    print(f"  within 161 km {o['within_161km']}%  (ours: countries by code {o['within_161km_ours']}%)  "
          f"median {o['median_km']} km  country {o['country']}%")
    print(f"  matched without a point (unplaced, left out of the distance and country figures): {o['unplaced']}; "
          f"within 161 km counting them wrong {o['within_161km_unplaced_wrong']}%")
    rows = [(c, *(r["by_class"][c][k] for k in ("gold", "recall", "within_161km", "within_161km_ours",
                                                "country", "median_km"))) for c in CLASSES]
    print("  " + table(rows, ("class", "gold", "% found", "% <=161km", "% <=161 ours", "% country",
                              "median km")).replace("\n", "\n  "))
    if r.get("notes"):
        print(f"  notes: {r['notes']}")


def _print_gva(split: str, r: dict[str, Any]) -> None:
    print(f"\nGVA {split}: N={r['articles']} articles ({r['seconds']} s)")
    print(f"  event place within 161 km of the incident: {r['place_within_161km']}%  (median {r['median_km']} km)")
    for tier, v in r["place_tiers"].items():
        print(f"    from {tier}: n={v['n']}, {v['within_161km']}% within 161 km")
    print(f"  event date exact: {r['date_exact']}%  (dated {r['dated']}; fallback to publication date "
          f"{r['date_fallback_rate']}%, of which exact {r['fallback_exact']}%; from the article's incident "
          f"{r['date_from_article_incident']}; publication date itself exact {r['publication_date_exact']}%)")


def _print_reuters(split: str, r: dict[str, Any]) -> None:
    print(f"\nReuters {split}: N={r['stories']} stories ({r['seconds']} s)")
    print(f"  dateline place found {r['dateline_found']}%; its country among the places codes "
          f"{r['dateline_country_in_places']}%")
    print(f"  main country among the places codes {r['main_country_in_places']}% "
          f"(stories naming any country {r['stories_with_a_country']}%)")


if __name__ == "__main__":
    raise SystemExit(main())
