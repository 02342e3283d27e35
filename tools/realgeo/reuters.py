"""Reuters-21578 (1987 newswire): datelines and ``places`` country codes as weak place labels.

- Split: LEWISSPLIT TRAIN is the tuning split, TEST the untouched one (NOT-USED is left out).
- Sample: stories with a dateline, a body and at least one ``places`` code, sorted by NEWID, every k-th so
  that ``n`` are taken across the whole year.
- The text given to the geoparser is what a reader sees: the title (often in capitals), a blank line, then
  the dateline and the body ("SALVADOR, Feb 26 - Showers continued ..."). The publication date is the
  story's date.
- *Dateline found*: a toponym overlaps the dateline's place name (the words before its first comma).
  *Dateline country*: that toponym's country is one of the story's ``places`` codes (weak: a London-datelined
  story about Japan carries only ``japan``). *Main country*: the country the geoparser's places name most
  often (ties to the first) is one of the codes.
- Codes map to ISO3 by our gazetteer's country names; historical states map to their successors below.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .common import pct

SPLITS = {"tuning": "TRAIN", "untouched": "TEST"}
_SOVIET = ("RUS", "UKR", "BLR", "KAZ", "UZB", "GEO", "AZE", "ARM", "MDA", "LTU", "LVA", "EST", "KGZ", "TJK", "TKM")
# Codes of 1987 that name no present-day country: the states that hold their territory now.
HISTORICAL = {
    "ussr": _SOVIET,
    "west-germany": ("DEU",),
    "east-germany": ("DEU",),
    "yugoslavia": ("SRB", "HRV", "SVN", "BIH", "MKD", "MNE", "XKX"),
    "czechoslovakia": ("CZE", "SVK"),
    "zaire": ("COD",),
    "yemen-arab-republic": ("YEM",),
    "yemen-demo-republic": ("YEM",),
    "kampuchea": ("KHM",),
    "congo": ("COG",),  # in 1987 "Congo" was the Republic of the Congo (Brazzaville); Zaire is the DRC
    "trinidad-tobago": ("TTO",),
    "antigua": ("ATG",),
}


@dataclass(frozen=True, slots=True)
class Story:
    newid: int
    text: str
    date: date | None
    dateline_span: tuple[int, int]
    countries: frozenset[str]
    unmapped: tuple[str, ...]


def load_sample(folder: Path, split: str, n: int, gazetteer) -> tuple[list[Story], Counter[str]]:
    from eventwire.geo.names import name_key

    notes: Counter[str] = Counter()
    code_map: dict[str, tuple[str, ...]] = {}

    def iso3(code: str) -> tuple[str, ...]:
        if code not in code_map:
            if code in HISTORICAL:
                code_map[code] = HISTORICAL[code]
            else:
                key = name_key(code.replace("-", " "))
                found = {c.country for c in gazetteer.lookup({key}).get(key, []) if c.feature == "country"}
                code_map[code] = tuple(sorted(found)) if len(found) == 1 else ()
        return code_map[code]

    pool = []
    with (folder / "reuters21578.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            r = json.loads(line)
            if r["lewissplit"] != SPLITS[split]:
                continue
            if not r.get("dateline") or not (r.get("body") or "").strip() or not r.get("places"):
                notes["no_dateline_body_or_places"] += 1
                continue
            pool.append(r)
    pool.sort(key=lambda r: r["newid"])
    step = max(1, len(pool) // n) if n else 1
    stories = []
    for r in pool[::step][:n]:
        title = (r.get("title") or "").strip()
        dateline = " ".join(r["dateline"].split())
        head = f"{title}\n\n" if title else ""
        text = f"{head}{dateline} {r['body'].strip()}"
        name = dateline.split(",")[0].strip()
        start = len(head) + dateline.find(name)
        countries = {c for code in r["places"] for c in iso3(code)}
        unmapped = tuple(code for code in r["places"] if not iso3(code))
        stories.append(Story(r["newid"], text, _date(r.get("date")), (start, start + len(name)),
                             frozenset(countries), unmapped))
    notes["beyond_n"] = max(0, len(pool) - len(stories))
    return stories, notes


def _date(raw: str | None) -> date | None:
    try:
        return datetime.strptime(raw.strip()[:11], "%d-%b-%Y").date() if raw else None
    except ValueError:
        return None


def score(stories: list[Story], predicted: dict[int, list[Any]]) -> dict[str, Any]:
    found = country_ok = main_ok = main_any = with_codes = 0
    for s in stories:
        tops = predicted.get(s.newid, [])
        ds, de = s.dateline_span
        hit = next((t for t in tops if t.start < de and ds < t.end), None)
        if not s.countries:
            continue
        with_codes += 1
        if hit is not None:
            found += 1
            country_ok += hit.country in s.countries
        counts = Counter(t.country for t in tops if t.country)
        if counts:
            main_any += 1
            first = {c: next(i for i, t in enumerate(tops) if t.country == c) for c in counts}
            main = max(counts, key=lambda c: (counts[c], -first[c]))
            main_ok += main in s.countries
    return {
        "stories": with_codes,
        "dateline_found": pct(found, with_codes),
        "dateline_country_in_places": pct(country_ok, found),
        "main_country_in_places": pct(main_ok, with_codes),
        "stories_with_a_country": pct(main_any, with_codes),
    }
