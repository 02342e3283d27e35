"""The TopoJSON -> GeoJSON decoder behind the dashboard map (eventwire.api.shapes, tools/build_shapes.py)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from eventwire.api.shapes import (
    SHAPES_NAME,
    decode_arcs,
    iso3_from_numeric,
    shapes_path,
    topology_to_geojson,
)

ROOT = Path(__file__).resolve().parent.parent
WORLD_ATLAS = ROOT / "web/node_modules/world-atlas/countries-110m.json"

# Grid units: x = 0.5 degree, y = 0.25 degree, origin at (-180, -90).
TRANSFORM = {"scale": [0.5, 0.25], "translate": [-180, -90]}


def _tiny_topology() -> dict[str, Any]:
    """Hand-made topology: a square, a ring with a reversed arc, a polygon with a hole, a multipolygon."""
    arcs = [
        [[0, 0], [2, 0], [0, 2], [-2, 0], [0, -2]],  # 0: square (0,0)-(2,2), closed
        [[10, 0], [2, 0], [0, 2]],  # 1: (10,0) -> (12,0) -> (12,2)
        [[10, 0], [0, 2], [2, 0]],  # 2: (10,0) -> (10,2) -> (12,2); used reversed as ~2
        [[20, 0], [10, 0], [0, 10], [-10, 0], [0, -10]],  # 3: outer (20,0)-(30,10)
        [[22, 2], [0, 2], [2, 0], [0, -2], [-2, 0]],  # 4: hole (22,2)-(24,4)
    ]
    geometries = [
        {"type": "Polygon", "id": "840", "properties": {"name": "Square"}, "arcs": [[0]]},
        {"type": "Polygon", "id": "36", "properties": {"name": "Reversed"}, "arcs": [[1, ~2]]},
        {"type": "Polygon", "id": "364", "properties": {"name": "Holed"}, "arcs": [[3], [4]]},
        {"type": "MultiPolygon", "properties": {"name": "Nowhere"}, "arcs": [[[0]], [[1, ~2]]]},
        {"type": None, "id": "10", "properties": {"name": "Empty"}},
    ]
    return {
        "type": "Topology",
        "transform": TRANSFORM,
        "objects": {"countries": {"type": "GeometryCollection", "geometries": geometries}},
        "arcs": arcs,
    }


def _lonlat(x: float, y: float) -> list[float]:
    """Grid position -> degrees under TRANSFORM."""
    return [x * 0.5 - 180, y * 0.25 - 90]


def _features() -> dict[str, dict[str, Any]]:
    collection = topology_to_geojson(_tiny_topology())
    assert collection["type"] == "FeatureCollection"
    return {f["properties"]["name"]: f for f in collection["features"]}


def test_decode_arcs_undoes_delta_encoding_and_quantization() -> None:
    arcs = decode_arcs(_tiny_topology())
    assert arcs[0] == [_lonlat(0, 0), _lonlat(2, 0), _lonlat(2, 2), _lonlat(0, 2), _lonlat(0, 0)]
    assert arcs[2][-1] == _lonlat(12, 2)


def test_decode_arcs_without_transform_keeps_positions() -> None:
    topology = {"arcs": [[[1.5, 2.5], [3.0, 4.0]]]}
    assert decode_arcs(topology) == [[[1.5, 2.5], [3.0, 4.0]]]


def test_square_polygon_is_one_closed_ring() -> None:
    square = _features()["Square"]
    assert square["id"] == "USA"
    assert square["geometry"] == {
        "type": "Polygon",
        "coordinates": [[_lonlat(0, 0), _lonlat(2, 0), _lonlat(2, 2), _lonlat(0, 2), _lonlat(0, 0)]],
    }


def test_reversed_arc_is_walked_backwards_and_joined_once() -> None:
    ring = _features()["Reversed"]["geometry"]["coordinates"][0]
    assert ring == [_lonlat(10, 0), _lonlat(12, 0), _lonlat(12, 2), _lonlat(10, 2), _lonlat(10, 0)]


def test_hole_is_a_second_ring_of_the_polygon() -> None:
    rings = _features()["Holed"]["geometry"]["coordinates"]
    assert len(rings) == 2
    assert rings[0][0] == _lonlat(20, 0)
    assert rings[1] == [_lonlat(22, 2), _lonlat(22, 4), _lonlat(24, 4), _lonlat(24, 2), _lonlat(22, 2)]


def test_multipolygon_keeps_its_parts_and_a_missing_id_is_null() -> None:
    feature = _features()["Nowhere"]
    assert feature["id"] is None
    assert feature["geometry"]["type"] == "MultiPolygon"
    parts = feature["geometry"]["coordinates"]
    assert [len(part) for part in parts] == [1, 1]
    assert parts[1][0][1] == _lonlat(12, 0)


def test_geometry_without_a_polygon_type_is_skipped() -> None:
    assert "Empty" not in _features()


def test_numeric_ids_become_iso_alpha3() -> None:
    features = _features()
    assert features["Reversed"]["id"] == "AUS"  # "36" is zero-padded to "036"
    assert features["Holed"]["id"] == "IRN"
    assert iso3_from_numeric("368") == "IRQ"
    assert iso3_from_numeric(None) is None
    assert iso3_from_numeric("-99") is None
    assert iso3_from_numeric("999") is None


def test_coordinates_are_rounded_and_rings_stay_closed() -> None:
    topology = {
        "type": "Topology",
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [{"type": "Polygon", "id": "840", "arcs": [[0]]}],
            }
        },
        # 10.001 and 10.004 both round to 10.0: the repeat is dropped.
        "arcs": [[[10.001, 1.123456], [10.004, 1.12], [11.0, 2.0], [10.001, 1.123456]]],
    }
    ring = topology_to_geojson(topology)["features"][0]["geometry"]["coordinates"][0]
    assert ring == [[10.0, 1.12], [11.0, 2.0], [10.0, 1.12], [10.0, 1.12]]
    assert ring[0] == ring[-1]
    assert len(ring) >= 4


def test_shapes_path_is_in_the_cache_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path))
    assert shapes_path() == tmp_path / SHAPES_NAME


def _build_shapes_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_shapes", ROOT / "tools/build_shapes.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_build_shapes_cli_writes_geojson(tmp_path: Path) -> None:
    src = tmp_path / "tiny.json"
    src.write_text(json.dumps(_tiny_topology()), encoding="utf-8")
    out = tmp_path / "out" / SHAPES_NAME
    assert _build_shapes_tool().main(["--src", str(src), "--out", str(out)]) == 0
    written = json.loads(out.read_text(encoding="utf-8"))
    assert [f["id"] for f in written["features"]] == ["USA", "AUS", "IRN", None]


def test_build_shapes_cli_fails_clearly_without_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / SHAPES_NAME
    assert _build_shapes_tool().main(["--src", str(tmp_path / "missing.json"), "--out", str(out)]) == 2
    assert "npm ci --prefix web" in capsys.readouterr().err
    assert not out.exists()


def _bbox(geometry: dict[str, Any]) -> tuple[float, float, float, float]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    points = [p for polygon in polygons for ring in polygon for p in ring]
    return (
        min(p[0] for p in points),
        min(p[1] for p in points),
        max(p[0] for p in points),
        max(p[1] for p in points),
    )


@pytest.mark.skipif(
    not WORLD_ATLAS.is_file(), reason="web/node_modules missing: run `npm ci --prefix web` (make install)"
)
def test_real_world_atlas_yields_countries_with_plausible_boxes() -> None:
    topology = json.loads(WORLD_ATLAS.read_text(encoding="utf-8"))
    features = topology_to_geojson(topology)["features"]
    by_id = {f["id"]: f for f in features if f["id"]}
    assert len(by_id) >= 170
    assert {"IRN", "IRQ", "USA"} <= by_id.keys()
    assert by_id["IRN"]["properties"]["name"] == "Iran"
    expected = {  # (west, south, east, north), degrees; generous margins around the real extents
        "IRN": (43, 24, 64, 40),
        "IRQ": (38, 29, 49, 38),
        "USA": (-180, 18, -66, 72),
    }
    for code, (west, south, east, north) in expected.items():
        lon_min, lat_min, lon_max, lat_max = _bbox(by_id[code]["geometry"])
        assert west <= lon_min < lon_max <= east, code
        assert south <= lat_min < lat_max <= north, code
