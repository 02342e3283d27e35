"""GeoCorpora tuning-split errors, listed by class: missed gold toponyms (by gold class), spurious names (by
the detector's evidence and the chosen feature) and far resolutions. Development time only; reads
``../shared/devdata`` like ``eval_real_geo.py`` and refuses the untouched split.

    python tools/geo_dev_misses.py [--n 0] [--show 40] [--kind fn,fp,far]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from devdata import devdata_dir
from realgeo import geocorpora
from realgeo.common import km, match


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=0, help="first N tuning tweets (0 = all)")
    parser.add_argument("--show", type=int, default=30, help="examples shown per group")
    parser.add_argument("--kind", default="fn,fp,far", help="comma-separated: fn, fp, far")
    args = parser.parse_args(argv)
    folder = devdata_dir() / "geocorpora"
    if not folder.is_dir():
        print("devdata not found, skipping")
        return 0

    import eventwire
    from eventwire.geo import GeoParser
    from eventwire.nlp import load_nlp

    settings = eventwire.Settings()
    nlp = load_nlp(settings.model)
    geo = GeoParser(settings)
    tweets, _ = geocorpora.load(folder, "tuning", geo.gazetteer)
    if args.n:
        tweets = tweets[: args.n]
    kinds = set(args.kind.split(","))
    groups: dict[str, list[str]] = defaultdict(list)
    counts: Counter[str] = Counter()
    for doc, tweet in nlp.pipe([(t.text, t) for t in tweets], as_tuples=True, batch_size=64):
        preds = [t for t in geo.toponyms(doc, unresolved=True) if not t.metonymic]
        pairs = dict(match([(g.start, g.end) for g in tweet.places], [(p.start, p.end) for p in preds]))
        used = set(pairs.values())
        flat = tweet.text.replace("\n", " ")
        for gi, g in enumerate(tweet.places):
            name = tweet.text[g.start : g.end]
            if gi not in pairs:
                why = _why_missed(doc, g.start, g.end, geo.gazetteer)
                counts[f"fn:{g.cls}:{why}"] += 1
                groups[f"fn:{g.cls}:{why}"].append(f"[{name}]  | {flat}")
                continue
            p = preds[pairs[gi]]
            d = km(g.lat, g.lon, p.lat, p.lon) if p.lat is not None else None
            if d is None or d > 161:
                counts[f"far:{g.cls}"] += 1
                groups[f"far:{g.cls}"].append(
                    f"[{name}] -> {p.name} {p.country} {p.feature} ({d and round(d)} km; gold {g.country} "
                    f"{g.geonameid}) {'/'.join(p.evidence)} | {flat}")
        for pi, p in enumerate(preds):
            if pi in used:
                continue
            key = f"fp:{p.evidence[0] if p.evidence else '?'}:{p.feature}"
            counts[key] += 1
            groups[key].append(f"[{p.text}] -> {p.name} {p.country} pop {p.population} | {flat}")
    for key, n in counts.most_common():
        if key.split(":")[0] not in kinds:
            continue
        print(f"\n== {key}: {n}")
        for line in groups[key][: args.show]:
            print("  " + line[:260])
    print("\n" + ", ".join(f"{k} {v}" for k, v in counts.most_common()))
    return 0


def _why_missed(doc, start: int, end: int, gazetteer) -> str:
    """What the detector had for a missed gold span: no tokens, not in the gazetteer, or the entity label and
    the best candidate's feature when it was known."""
    from eventwire.geo.names import name_key

    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return "no_tokens"
    key = name_key(span.text.lstrip("#"))
    cands = gazetteer.lookup({key}).get(key, [])
    if not cands:
        return "unknown_name"
    ents = {t.ent_type_ or "-" for t in span}
    best = max(cands, key=lambda c: (c.feature in ("country", "admin1"), c.population))
    case = "lower" if span.text.islower() else "caps" if span.text.isupper() else "title"
    return f"known:{'/'.join(sorted(ents))}:{best.feature}:{case}"


if __name__ == "__main__":
    raise SystemExit(main())
