"""Shared pieces of the real-text geo evaluation: span matching and distance tallies.

Definitions (also printed by the tool):

- A predicted toponym and a gold toponym *match* when their character spans overlap (one-to-one, largest
  overlap first), as in ``eventwire.evaluate.geo``.
- *Within 161 km* is the plain distance between the predicted point and the gold point for every matched
  toponym, countries and states included (the convention of the geoparsing literature and of GeoNames-based
  corpora, where a country is its GeoNames feature point). *Within 161 km (ours)* applies our gold set's
  convention instead: a country is right when the country code is right.
- A matched toponym the geoparser found but could not place (a street or a site the gazetteer lacks,
  reported without a point: ``GeoParser.toponyms(doc, unresolved=True)``) counts for detection and is
  counted as *unplaced*; within 161 km, median km and country accuracy are over the matched toponyms with a
  point (so they are measured on the same toponyms as before unresolved names were reported). *Within 161
  km, unplaced as wrong* gives the share over every matched toponym.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.geodesy import haversine_km

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
NEAR_KM = 161.0
CLASSES = ("country", "admin", "city", "facility", "other")




km = haversine_km  # the package's one great-circle distance (eventwire.geodesy)


def match(gold: Sequence[tuple[int, int]], pred: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs of overlapping spans, largest overlap first."""
    cands = []
    for gi, (gs, ge) in enumerate(gold):
        for pi, (ps, pe) in enumerate(pred):
            overlap = min(ge, pe) - max(gs, ps)
            if overlap > 0:
                cands.append((-overlap, (gs, ge) != (ps, pe), gs, ps, gi, pi))
    pairs, used_g, used_p = [], set(), set()
    for *_, gi, pi in sorted(cands):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def pct(num: int, den: int) -> float | None:
    return round(100.0 * num / den, 1) if den else None


@dataclass
class Tally:
    """Counts over gold toponyms of one group."""

    gold: int = 0
    found: int = 0
    near: int = 0
    near_ours: int = 0
    with_country: int = 0
    country_ok: int = 0
    unplaced: int = 0
    distances: list[float] = field(default_factory=list)

    def add(self, *, found: bool, distance: float | None = None, country_ok: bool | None = None,
            gold_is_country: bool = False) -> None:
        """``distance`` None for a found toponym: the prediction has no point (unplaced)."""
        self.gold += 1
        if not found:
            return
        self.found += 1
        if distance is None:
            self.unplaced += 1
            return
        near = distance is not None and distance <= NEAR_KM
        self.near += near
        self.near_ours += bool(country_ok) if gold_is_country and country_ok is not None else near
        if country_ok is not None:
            self.with_country += 1
            self.country_ok += country_ok
        if distance is not None:
            self.distances.append(distance)

    def to_dict(self) -> dict[str, Any]:
        placed = self.found - self.unplaced
        return {
            "gold": self.gold,
            "recall": pct(self.found, self.gold),
            "unplaced": self.unplaced,
            "within_161km": pct(self.near, placed),
            "within_161km_unplaced_wrong": pct(self.near, self.found),
            "within_161km_ours": pct(self.near_ours, placed),
            "country": pct(self.country_ok, self.with_country),
            "median_km": round(statistics.median(self.distances), 1) if self.distances else None,
        }


def prf(tp: int, fp: int, fn: int) -> dict[str, float | None]:
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    f = 2 * p * r / (p + r) if p and r else None
    return {"P": _r(p), "R": _r(r), "F1": _r(f), "tp": tp, "fp": fp, "fn": fn}


def _r(x: float | None) -> float | None:
    return None if x is None else round(100 * x, 1)


def table(rows: Iterable[Sequence[Any]], header: Sequence[str]) -> str:
    rows = [[("-" if v is None else str(v)) for v in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(lines)
