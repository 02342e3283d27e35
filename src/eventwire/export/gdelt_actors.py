"""GDELT's actor fields from a CAMEO actor code: country, known group, religions, types.

``gdelt_actor("PSEREBHMS")`` -> country PSE, type REB, known group HMS. The code is cut into 3-letter units:
a leading unit that is not a role is the country (ISO3 = CAMEO country, or a CAMEO region such as ``MEA``),
role units (GOV, MIL, REB, IGO, NGO...) fill ``type1..3``, religion units ``religion1..2``, and the first
remaining unit is the known group (``IGOUNO`` -> type IGO, group UNO). Regions inside an IGO code are
skipped (``IGOEUREEC`` -> group EEC).
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pyarrow as pa

from ..actors.entries import NON_STATE_PREFIXES

__all__ = ["ACTOR_TYPES", "REGIONS", "RELIGIONS", "GdeltActor", "actor_table", "gdelt_actor"]

#: CAMEO actor role ("type") codes, plus the international actor prefixes (IGO, NGO, IMG...).
ACTOR_TYPES = frozenset(
    {
        "AGR", "BUS", "COP", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "GOV", "HLH", "HRI", "INS", "JUD",
        "LAB", "LEG", "MED", "MIL", "MOD", "OPP", "PTY", "RAD", "REB", "REF", "SEP", "SPY", "UAF",
    }
    | NON_STATE_PREFIXES
)  # fmt: skip
#: CAMEO religion codes.
RELIGIONS = frozenset(
    {
        "ADR", "ALE", "ATH", "BAH", "BUD", "CHR", "CON", "CPT", "CTH", "DOX", "DRZ", "HIN", "HSD", "ITR",
        "JAN", "JEW", "JHW", "LDS", "MOS", "MRN", "MUS", "PRO", "QKR", "SFI", "SHI", "SHN", "SIK", "SUN",
        "TAO", "UDX", "ZRO",
    }
)  # fmt: skip
#: CAMEO regions: country-like in the first position, skipped inside IGO codes (IGOEUREEC -> group EEC).
REGIONS = frozenset(
    {
        "AFR", "ASA", "BLK", "CAS", "CAU", "CEU", "CFR", "CRB", "EAF", "EEU", "EIN", "EUR", "LAM", "MDT",
        "MEA", "NAF", "NMR", "PGS", "SAF", "SAM", "SAS", "SCN", "SEA", "WAF", "WST",
    }
)  # fmt: skip

@dataclass(frozen=True, slots=True)
class GdeltActor:
    """The GDELT breakdown of one CAMEO actor code."""

    code: str
    country_code: str | None
    known_group: str | None
    religion1: str | None
    religion2: str | None
    type1: str | None
    type2: str | None
    type3: str | None


def gdelt_actor(code: str) -> GdeltActor:
    """Cut a CAMEO actor code into GDELT's actor fields (see the module docstring)."""
    units = [code[i : i + 3] for i in range(0, len(code), 3)]
    country = None
    if units and units[0] not in ACTOR_TYPES and units[0] not in RELIGIONS:
        country, units = units[0], units[1:]
    types: list[str] = []
    religions: list[str] = []
    group = None
    for unit in units:
        if unit in ACTOR_TYPES:
            types.append(unit)
        elif unit in RELIGIONS:
            religions.append(unit)
        elif unit in REGIONS:
            continue
        elif group is None:
            group = unit
    t1, t2, t3 = _pad(types, 3)
    r1, r2 = _pad(religions, 2)
    return GdeltActor(code, country, group, r1, r2, t1, t2, t3)


def _pad(values: list[str], n: int) -> list[str | None]:
    padded: list[str | None] = [*values[:n]]
    return padded + [None] * (n - len(padded))


def actor_table(cur: duckdb.DuckDBPyConnection) -> pa.Table:
    """Every actor code of the ``events`` table with its GDELT breakdown (joined by the export's SQL)."""
    codes = [
        row[0]
        for row in cur.execute(
            "SELECT DISTINCT code FROM (SELECT source_code AS code FROM events UNION ALL"
            " SELECT target_code FROM events) WHERE code IS NOT NULL ORDER BY code"
        ).fetchall()
    ]
    actors = [gdelt_actor(code) for code in codes]
    names = ("code", "country_code", "known_group", "religion1", "religion2", "type1", "type2", "type3")
    return pa.table({name: pa.array([getattr(a, name) for a in actors], pa.string()) for name in names})
