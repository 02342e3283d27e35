"""Country shapes for the dashboard map: a small TopoJSON -> GeoJSON decoder and where the result lives.

The shapes come from the npm package ``world-atlas`` (Natural Earth 1:110m, public domain), installed at
set-up; ``tools/build_shapes.py`` converts them once into a GeoJSON FeatureCollection under the cache
directory, and the API serves that file at ``/assets/countries.geojson``. The decoder is written here (not a
dependency) because the subset we need is small: a quantized topology, delta-encoded arcs, arcs referenced by
index (``~i`` for arc ``i`` reversed), ``Polygon`` and ``MultiPolygon`` geometries.

Coordinates are ``[longitude, latitude]`` in decimal degrees.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from eventwire.geo.gazetteer import cache_dir

__all__ = [
    "SHAPES_NAME",
    "decode_arcs",
    "geometry_to_geojson",
    "iso3_from_numeric",
    "shapes_path",
    "topology_to_geojson",
]

SHAPES_NAME = "countries-110m.geojson"

Point = list[float]
Ring = list[Point]
JsonObject = dict[str, Any]


def shapes_path() -> Path:
    """Where ``tools/build_shapes.py`` writes the country shapes by default and the API reads them."""
    return cache_dir() / SHAPES_NAME


def decode_arcs(topology: Mapping[str, Any]) -> list[Ring]:
    """The topology's arcs as absolute ``[lon, lat]`` positions.

    With a ``transform`` the arcs are quantized and delta-encoded: each position after the first is an offset
    from the previous one, in grid units that ``scale`` and ``translate`` turn back into degrees.
    """
    arcs: Sequence[Sequence[Sequence[float]]] = topology.get("arcs", [])
    transform = topology.get("transform")
    if transform is None:
        return [[[float(p[0]), float(p[1])] for p in arc] for arc in arcs]
    sx, sy = (float(v) for v in transform["scale"])
    tx, ty = (float(v) for v in transform["translate"])
    decoded: list[Ring] = []
    for arc in arcs:
        x = y = 0.0
        positions: Ring = []
        for delta in arc:
            x += delta[0]
            y += delta[1]
            positions.append([x * sx + tx, y * sy + ty])
        decoded.append(positions)
    return decoded


def _ring(arc_indexes: Sequence[int], arcs: Sequence[Ring]) -> Ring:
    """Join arcs into one ring; consecutive arcs share their end/start position, which is kept once."""
    ring: Ring = []
    for index in arc_indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(arc if not ring else arc[1:])
    return ring


def _rounded(ring: Ring, digits: int) -> Ring:
    """Round positions, dropping repeats that rounding creates; a ring stays closed and has >= 4 positions."""
    out: Ring = []
    for lon, lat in ring:
        point = [round(lon, digits), round(lat, digits)]
        if not out or point != out[-1]:
            out.append(point)
    if out and out[0] != out[-1]:
        out.append(list(out[0]))
    while 0 < len(out) < 4:
        out.append(list(out[0]))
    return out


def geometry_to_geojson(
    geometry: Mapping[str, Any], arcs: Sequence[Ring], *, digits: int = 2
) -> JsonObject | None:
    """One TopoJSON ``Polygon`` or ``MultiPolygon`` as a GeoJSON geometry; other types give ``None``."""
    kind = geometry.get("type")
    if kind == "Polygon":
        rings = [_rounded(_ring(r, arcs), digits) for r in geometry["arcs"]]
        return {"type": "Polygon", "coordinates": rings}
    if kind == "MultiPolygon":
        polygons = [[_rounded(_ring(r, arcs), digits) for r in polygon] for polygon in geometry["arcs"]]
        return {"type": "MultiPolygon", "coordinates": polygons}
    return None


def iso3_from_numeric(numeric: str | int | None) -> str | None:
    """ISO 3166-1 alpha-3 for a numeric code (``"840"`` -> ``"USA"``), or ``None`` when there is none."""
    if numeric is None:
        return None
    text = str(numeric).strip()
    if not text.isdigit():
        return None
    import pycountry  # lazily: only the set-up tool needs it

    country = pycountry.countries.get(numeric=text.zfill(3))
    return None if country is None else str(country.alpha_3)


def topology_to_geojson(
    topology: Mapping[str, Any],
    *,
    object_name: str = "countries",
    digits: int = 2,
    country_code: Callable[[str | int | None], str | None] = iso3_from_numeric,
) -> JsonObject:
    """The geometries of ``topology["objects"][object_name]`` as a GeoJSON FeatureCollection.

    Each feature has ``id`` = ISO alpha-3 (``None`` when the numeric id has no ISO match, e.g. Kosovo) and
    ``properties.name`` from the topology; positions are rounded to ``digits`` decimals.
    """
    arcs = decode_arcs(topology)
    collection = topology["objects"][object_name]
    geometries = collection["geometries"] if collection.get("type") == "GeometryCollection" else [collection]
    features: list[JsonObject] = []
    for geometry in geometries:
        shape = geometry_to_geojson(geometry, arcs, digits=digits)
        if shape is None:
            continue
        properties = dict(geometry.get("properties") or {})
        features.append(
            {
                "type": "Feature",
                "id": country_code(geometry.get("id")),
                "properties": {"name": properties.get("name")},
                "geometry": shape,
            }
        )
    return {"type": "FeatureCollection", "features": features}
