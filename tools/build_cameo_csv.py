"""Build ``src/eventwire/data/cameo.csv`` from the reference tables.

Usage::

    python tools/build_cameo_csv.py REFERENCE_DIR [-o src/eventwire/data/cameo.csv]

REFERENCE_DIR holds ``CAMEO.eventcodes.txt`` (code -> name, TSV), ``CAMEO.goldsteinscale.txt``
(code -> Goldstein, TSV) and ``CAMEO2PLOVER-2021.txt`` (``code: TYPE, mode, context # comment``).
This is a build-time converter; the package never reads REFERENCE_DIR.

Rules:
- quad class (GDELT): 1 = roots 01-05, 2 = 06-09, 3 = 10-14, 4 = 15-20;
- PLOVER: a code's own line wins; a code without one inherits from its parent code (0256 -> 025 -> 02),
  a root from its first ``NN: TYPE`` header line; root 02 (appeals) is REQUEST and root 01 has no type;
  a mode is only taken from the code's own line (inherited codes get the parent's mode).
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT_TYPES_NOT_IN_TABLE = {"01": "", "02": "REQUEST"}


def quad_class(root: str) -> int:
    n = int(root)
    if n <= 5:
        return 1
    if n <= 9:
        return 2
    if n <= 14:
        return 3
    return 4


def read_tsv(path: Path) -> dict[str, str]:
    rows: dict[str, str] = {}
    with path.open(encoding="utf-8") as handle:
        next(handle)  # header
        for line in handle:
            if not line.strip():
                continue
            code, value = line.rstrip("\n").split("\t", 1)
            rows[code.strip()] = value.strip()
    return rows


def read_plover(path: Path) -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        body = raw.split("#", 1)[0].strip()
        if not body or ":" not in body or not body[0].isdigit():
            continue
        code, rest = (part.strip() for part in body.split(":", 1))
        fields = [f.strip() for f in rest.split(",")]
        ptype = fields[0]
        mode = fields[1] if len(fields) > 1 else ""
        table.setdefault(code, (ptype, mode))  # first line wins (08 has two headers; 175 is listed twice)
    return table


def parent(code: str) -> str | None:
    if len(code) == 4:
        return code[:3]
    if len(code) == 3:
        return code[:2]
    return None


def plover_for(code: str, table: dict[str, tuple[str, str]]) -> tuple[str, str]:
    root = code[:2]
    if root in ROOT_TYPES_NOT_IN_TABLE:
        return ROOT_TYPES_NOT_IN_TABLE[root], ""
    probe: str | None = code
    while probe is not None:
        if probe in table:
            return table[probe]
        probe = parent(probe)
    raise SystemExit(f"no PLOVER type for {code}")


def build(reference: Path) -> list[dict[str, str]]:
    names = read_tsv(reference / "CAMEO.eventcodes.txt")
    goldstein = read_tsv(reference / "CAMEO.goldsteinscale.txt")
    plover = read_plover(reference / "CAMEO2PLOVER-2021.txt")
    rows = []
    for code, name in names.items():
        root = code[:2]
        ptype, mode = plover_for(code, plover)
        rows.append(
            {
                "code": code,
                "name": name,
                "root": root,
                "goldstein": f"{float(goldstein[code]):.1f}",
                "quad_class": str(quad_class(root)),
                "plover_type": ptype,
                "plover_mode": mode,
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reference", type=Path)
    parser.add_argument("-o", "--output", type=Path, default=Path("src/eventwire/data/cameo.csv"))
    args = parser.parse_args(argv)
    rows = build(args.reference)
    with args.output.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    sys.stderr.write(f"wrote {len(rows)} codes to {args.output}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
