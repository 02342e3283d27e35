"""Convert the npm package ``world-atlas`` (TopoJSON) into the GeoJSON country shapes the dashboard map draws.

Usage::

    python tools/build_shapes.py [--src web/node_modules/world-atlas/countries-110m.json] [--out PATH]

The package is installed at set-up (``npm ci --prefix web``); this is a build-time converter, the server only
reads the output (default: ``eventwire.api.shapes.shapes_path()``, under the cache directory). Provenance and
licence: ``src/eventwire/data/SOURCES-shapes.md``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from eventwire.api.shapes import shapes_path, topology_to_geojson

DEFAULT_SRC = Path(__file__).resolve().parent.parent / "web/node_modules/world-atlas/countries-110m.json"


def build(src: Path, out: Path) -> tuple[int, int]:
    """Write the shapes; returns (features, features without an ISO code)."""
    topology = json.loads(src.read_text(encoding="utf-8"))
    collection = topology_to_geojson(topology)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(json.dumps(collection, separators=(",", ":")), encoding="utf-8")
    tmp.replace(out)  # atomic: a running server never reads a half-written file
    features = collection["features"]
    return len(features), sum(1 for f in features if f["id"] is None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=DEFAULT_SRC, help="world-atlas TopoJSON file")
    parser.add_argument("--out", type=Path, default=None, help="GeoJSON to write (default: the cache dir)")
    args = parser.parse_args(argv)
    out: Path = args.out or shapes_path()
    if not args.src.is_file():
        print(
            f"build_shapes: {args.src} not found; run `npm ci --prefix web` first",
            file=sys.stderr,
        )
        return 2
    total, unmatched = build(args.src, out)
    print(f"build_shapes: {total} countries ({unmatched} without an ISO code) -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
