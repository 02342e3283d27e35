"""The three geography blocks of a GDELT event record (``Actor1Geo_*``, ``Actor2Geo_*``, ``ActionGeo_*``), as SQL.

Each block describes one place with eight fields: ``Type`` (0 none, 1 country, 2 US state, 3 US city or
point, 4 world city or point, 5 world admin1), ``FullName`` ("place, admin1, country" as GDELT writes it),
``CountryCode`` (FIPS 10-4), ``ADM1Code`` (FIPS country + admin1 code, ``IZ01``; the country code alone
for a country-level place), ``ADM2Code`` (empty: we do not resolve second-level units), ``Lat``/``Long``
(four decimals; a country's or admin1 unit's centroid when the place is that unit) and ``FeatureID``
(the FIPS country code for a country, the ADM1 code for an admin1 unit, as GDELT does; for a city or
point the GeoNames id when the store carries one, else empty).

Where the places come from:

- ``ActionGeo``: the event's place (``events.location_*``). An event whose mentions agreed on the country
  but not on the place keeps only ``location_country`` (dedup, docs/dedup.md): it is exported as that
  country (Type 1, its centroid), so ``ActionGeo_CountryCode`` is filled whenever the store has a country.
- ``Actor1Geo``/``Actor2Geo``: the actor's own country (``source_country``/``target_country``) as a
  country-level place; when the event's place lies in the actor's country, the actor is placed there
  (GDELT places an actor at the location named closest to it in the text; our events carry one place, so
  this is the closest we can say honestly). International actors (IGOs, NGOs) and CAMEO regions have no
  country: their block is empty with Type 0.

Palestine: FIPS splits the territories; a place named after Gaza (or in the Gaza Strip) gets ``GZ``, any
other ``WE``, and that code is also its ADM1 code.
"""

from __future__ import annotations

from .places import ADMIN1_TABLE, COUNTRIES_TABLE

__all__ = ["BLOCKS", "geo_columns_sql", "geo_fields", "geo_joins_sql"]

#: (GDELT prefix, alias of the block's columns in the staging query)
BLOCKS = (("Actor1Geo", "g1"), ("Actor2Geo", "g2"), ("ActionGeo", "ga"))

_PLACE_FIELDS = ("country", "name", "admin1", "feature", "lat", "lon", "gid")


def geo_columns_sql(geonames_id: str | None) -> str:
    """Staging columns over ``events``: for each block ``<b>_country``, ``_name``, ``_admin1``, ``_feature``,
    ``_lat``, ``_lon`` and ``_gid``. ``geonames_id`` is the events column holding a place's GeoNames id,
    or None when the store has none."""
    gid = geonames_id or "NULL"
    event_place = {
        "country": "location_country", "name": "location_name", "admin1": "location_admin1",
        "feature": "location_feature", "lat": "location_lat", "lon": "location_lon", "gid": gid,
    }  # fmt: skip
    columns = [f"{sql} AS ga_{field}" for field, sql in event_place.items()]
    for alias, role in (("g1", "source"), ("g2", "target")):
        same = f"location_country = {role}_country"
        columns.append(f"{role}_country AS {alias}_country")
        for field in _PLACE_FIELDS[1:]:
            columns.append(f"CASE WHEN {same} THEN {event_place[field]} END AS {alias}_{field}")
    return ",\n    ".join(columns)


def geo_joins_sql(table: str) -> str:
    """The lookups of each block's country and admin1 unit, joined onto the staging query ``table``."""
    joins = []
    for _, b in BLOCKS:
        unit = f"lower(coalesce({table}.{b}_admin1, CASE WHEN {table}.{b}_feature = 'admin1' THEN {table}.{b}_name END))"
        joins.append(f"LEFT JOIN {COUNTRIES_TABLE} {b}c ON {b}c.iso3 = {table}.{b}_country")
        joins.append(f"LEFT JOIN {ADMIN1_TABLE} {b}a ON {b}a.iso3 = {table}.{b}_country AND {b}a.key = {unit}")
    return "\n".join(joins)


def geo_fields(table: str) -> list[tuple[str, str]]:
    """(GDELT column, SQL) for the 24 geography fields, in GDELT's order."""
    fields: list[tuple[str, str]] = []
    for prefix, b in BLOCKS:
        fields.extend(_block(prefix, table, b))
    return fields


def _block(prefix: str, t: str, b: str) -> list[tuple[str, str]]:
    country, name, admin1, feature = (f"{t}.{b}_{f}" for f in ("country", "name", "admin1", "feature"))
    lat, lon, gid = (f"{t}.{b}_{f}" for f in ("lat", "lon", "gid"))
    level = f"""(CASE
        WHEN {country} IS NULL THEN NULL
        WHEN {name} IS NOT NULL AND coalesce({feature}, '') NOT IN ('country', 'admin1') THEN 'point'
        WHEN {feature} = 'admin1' AND coalesce({name}, {admin1}) IS NOT NULL THEN 'admin1'
        WHEN {b}c.fips IS NOT NULL THEN 'country'
    END)"""
    gaza = f"({name} ILIKE '%gaza%' OR {admin1} ILIKE '%gaza%')"
    fips = f"(CASE WHEN {country} = 'PSE' AND {gaza} THEN 'GZ' ELSE {b}c.fips END)"
    adm1 = f"(CASE WHEN {country} = 'PSE' THEN {fips} ELSE coalesce({b}a.adm1, {fips}) END)"
    us = f"{country} = 'USA'"
    return [
        (f"{prefix}_Type", f"CASE {level} WHEN 'point' THEN CASE WHEN {us} THEN 3 ELSE 4 END "
                           f"WHEN 'admin1' THEN CASE WHEN {us} THEN 2 ELSE 5 END WHEN 'country' THEN 1 ELSE 0 END"),
        (f"{prefix}_FullName", f"CASE {level} WHEN 'country' THEN coalesce({b}c.name, {name}) "
                               f"WHEN 'admin1' THEN concat_ws(', ', coalesce({name}, {admin1}), {b}c.name) "
                               f"WHEN 'point' THEN concat_ws(', ', {name}, {admin1}, {b}c.name) END"),
        (f"{prefix}_CountryCode", f"CASE WHEN {level} IS NOT NULL THEN {fips} END"),
        (f"{prefix}_ADM1Code", f"CASE {level} WHEN 'country' THEN {fips} WHEN 'admin1' THEN {adm1} WHEN 'point' THEN {adm1} END"),
        (f"{prefix}_ADM2Code", "NULL"),
        (f"{prefix}_Lat", _coordinate(level, lat, f"{b}a.lat", f"{b}c.lat")),
        (f"{prefix}_Long", _coordinate(level, lon, f"{b}a.lon", f"{b}c.lon")),
        (f"{prefix}_FeatureID", f"CASE {level} WHEN 'country' THEN {fips} WHEN 'admin1' THEN {adm1} "
                                f"WHEN 'point' THEN CAST({gid} AS VARCHAR) END"),
    ]  # fmt: skip


def _coordinate(level: str, stored: str, unit: str, country: str) -> str:
    return (
        f"round(CASE {level} WHEN 'point' THEN {stored} WHEN 'admin1' THEN coalesce({stored}, {unit}) "
        f"WHEN 'country' THEN coalesce({stored}, {country}) END, 4)"
    )
