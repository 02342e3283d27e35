"""GVA (Gun Violence Archive incidents and US local news about them): the event's place and date.

- Split by incident id: last digit 0-6 is the tuning split, 7-9 the untouched one.
- Scored: articles whose incident has a structured record with a point (``lat_long``) and at least 200
  characters of text. The sample: those of the split sorted by doc id, the first ``n``.
- The publication date given to the coder is the article's ``dct``.
- *Shooting mentions*: the article's mentions with a CAMEO root of 18, 19 or 20 (assault, fight, mass
  violence), the codes a shooting gets.
- *Event place*: the most frequent location among the shooting mentions (ties: first in the text); when
  there is none, the most frequent among all mentions; when the article has no located mention, the
  article's main place from the geoparser. Right when within 161 km of the incident point.
- *Event date*: the date of the story's shooting as the coder gives it: the date of the first shooting
  mention (the lead of a news story tells its incident first); without a shooting mention, the day of the
  incident the article reports (``ArticleResult.incident``, found even when no event was coded); without
  that, the date of the first mention. Exact = the same day as the incident date. *Fallback rate*: the
  share of those dates whose basis is the publication date. For comparison, *publication date exact*: how
  often the article's date itself is the incident date, and *from the article's incident*: how many story
  dates came from ``ArticleResult.incident``.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .common import km, pct

SPLITS = {"tuning": "0123456", "untouched": "789"}
SHOOTING_ROOTS = frozenset({"18", "19", "20"})
MIN_CHARS = 200


@dataclass(frozen=True, slots=True)
class GvaArticle:
    doc_id: str
    incident_id: str
    text: str
    published: date | None
    incident_date: date | None
    lat: float
    lon: float
    state: str
    city: str


def load_sample(folder: Path, split: str, n: int) -> tuple[list[GvaArticle], Counter[str]]:
    incidents = {}
    with (folder / "gva_incidents.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            incidents[str(record["incident_uri"])] = record
    with (folder / "news_items.jsonl").open(encoding="utf-8") as handle:
        items = [json.loads(line) for line in handle]
    skipped: Counter[str] = Counter()
    chosen = []
    for item in sorted(items, key=lambda i: i["doc_id"]):
        incident_id = str(item["incident_id"])
        if incident_id[-1:] not in SPLITS[split]:
            continue
        record = incidents.get(incident_id)
        if record is None or not record.get("lat_long"):
            skipped["no_record_or_point"] += 1
            continue
        if len(item.get("content") or "") < MIN_CHARS:
            skipped["short"] += 1
            continue
        lat, lon = record["lat_long"]
        chosen.append(GvaArticle(item["doc_id"], incident_id, item["content"], _iso(item.get("dct")),
                                 _gva_date(record.get("date")), float(lat), float(lon),
                                 record.get("state") or "", record.get("city_or_county") or ""))
    skipped["beyond_n"] = max(0, len(chosen) - n)
    return chosen[:n], skipped


def _iso(raw: str | None) -> date | None:
    try:
        return date.fromisoformat(raw[:10]) if raw else None
    except ValueError:
        return None


def _gva_date(raw: str | None) -> date | None:
    try:
        return datetime.strptime(raw, "%B %d, %Y").date() if raw else None
    except ValueError:
        return None


def story_place(mentions: list[Any], main: Any | None) -> tuple[Any | None, str]:
    """(place, tier): the event place of the article as defined in the module docstring."""
    shooting = [m for m in mentions if m.cameo_root in SHOOTING_ROOTS and m.location is not None]
    for tier, group in (("shooting", shooting), ("any_mention", [m for m in mentions if m.location])):
        if group:
            counts = Counter((m.location.lat, m.location.lon) for m in group)
            best = max(group, key=lambda m: (counts[(m.location.lat, m.location.lon)], -group.index(m)))
            return best.location, tier
    return (main, "article_main") if main is not None else (None, "none")


def story_date(mentions: list[Any], incident: Any | None = None) -> tuple[date | None, str | None, Any | None]:
    """(day, basis, mention): the story's event date as defined in the module docstring; basis is the
    mention's ``date_basis``, or "article_incident" for the article's incident day; mention is None then."""
    shooting = [m for m in mentions if m.cameo_root in SHOOTING_ROOTS]
    if shooting:
        return shooting[0].event_date, shooting[0].date_basis, shooting[0]
    if incident is not None:
        return incident.day, "article_incident", None
    if mentions:
        return mentions[0].event_date, mentions[0].date_basis, mentions[0]
    return None, None, None


def score(articles: list[GvaArticle], coded: dict[str, tuple[list[Any], Any | None, Any | None]],
          skipped: Counter[str]) -> dict[str, Any]:
    """``coded``: per doc id, the mentions, the geoparser's main place and the article's incident day."""
    tiers: Counter[str] = Counter()
    tier_ok: Counter[str] = Counter()
    near = 0
    distances = []
    dated = exact = fallback = pub_exact = date_scored = fallback_exact = from_incident = 0
    for a in articles:
        mentions, main, incident = coded.get(a.doc_id, ([], None, None))
        place, tier = story_place(mentions, main)
        tiers[tier] += 1
        if place is not None and place.lat is not None:
            d = km(a.lat, a.lon, place.lat, place.lon)
            distances.append(d)
            if d <= 161:
                near += 1
                tier_ok[tier] += 1
        if a.incident_date is None:
            continue
        date_scored += 1
        pub_exact += a.published == a.incident_date
        day, basis, _ = story_date(mentions, incident)
        if day is None:
            continue
        dated += 1
        exact += day == a.incident_date
        from_incident += basis == "article_incident"
        if basis == "publication":
            fallback += 1
            fallback_exact += day == a.incident_date
    distances.sort()
    return {
        "articles": len(articles),
        "skipped": dict(skipped),
        "place_within_161km": pct(near, len(articles)),
        "median_km": round(distances[len(distances) // 2], 1) if distances else None,
        "place_tiers": {t: {"n": n, "within_161km": pct(tier_ok[t], n)} for t, n in tiers.most_common()},
        "date_exact": pct(exact, date_scored),
        "dated": dated,
        "date_fallback_rate": pct(fallback, dated),
        "date_from_article_incident": from_incident,
        "fallback_exact": pct(fallback_exact, fallback),
        "publication_date_exact": pct(pub_exact, date_scored),
    }
