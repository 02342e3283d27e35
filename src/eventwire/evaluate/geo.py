"""Scoring geoparsing against the gold set: the scorer behind ``eventwire eval-geo``.

::

    from eventwire.evaluate.geo import load_geo_gold, score_geo
    gold = load_geo_gold("tests/gold/geo.jsonl")
    report = score_geo(gold, {p.id: my_geocoder(p.text, p.date) for p in gold})
    print(report.format_text())

A pure function over predicted toponyms: any object (or dict) with ``start``, ``end`` (character offsets into
the passage text, half-open), ``country`` (ISO3 or None), ``lat``, ``lon`` (degrees or None) and ``feature``
will do; ``admin1``, ``name`` and ``text`` are read when present. Nothing here depends on the geoparser.
The gold format, the annotation conventions and the scoring rules are in docs/geo-gold-format.md.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.errors import UsageError
from eventwire.evaluate.report import DetectionCounts, Ratio, _pct, _table
from eventwire.geodesy import EARTH_RADIUS_KM, haversine_km

from .common import align, run_on
from .geo_gold import (
    FEATURES,
    NOT_PLACE_KINDS,
    Geocoder,
    GeoGoldFormatError,
    GeoPassage,
    GoldToponym,
    NotPlace,
    PredictedToponym,
    load_geo_gold,
    parse_geo_gold_line,
    predicted_toponym,
)

__all__ = [
    "EARTH_RADIUS_KM",
    "FEATURES",
    "NEAR_KM",
    "NOT_PLACE_KINDS",
    "FeatureScores",
    "GeoEvalError",
    "GeoEvalReport",
    "GeoGoldCoverage",
    "GeoGoldFormatError",
    "GeoPassage",
    "Geocoder",
    "GoldToponym",
    "NotPlace",
    "PredictedToponym",
    "evaluate_geo",
    "evaluate_geo_file",
    "geo_gold_coverage",
    "haversine_km",
    "load_geo_gold",
    "parse_geo_gold_line",
    "predicted_toponym",
    "score_geo",
]

#: A resolved point counts as right when it is at most this far from the gold point (100 miles, the
#: threshold of the geoparsing literature: Mordecai, GeoWebNews, LGL evaluations).
NEAR_KM = 161.0
# Words that name the kind of region rather than the region: "Al Anbar Governorate" == "Anbar".
_ADMIN_NOISE = re.compile(
    r"\b(?:al|el|the|governorate|province|region|state|oblast|prefecture|county|department|district|"
    r"muhafazat|wilayat|of)\b"
)


# -------------------------------------------------------------------------------------- geometry, judging


def _admin1_key(name: str | None) -> str:
    if not name:
        return ""
    return re.sub(r"[^a-z]", "", _ADMIN_NOISE.sub(" ", name.lower().replace("-", " ")))


@dataclass(frozen=True, slots=True)
class _Judgement:
    distance_km: float | None  # None when the prediction has no point
    country_ok: bool | None  # None when the gold toponym has no country
    correct: bool  # the "within 161 km" decision, with the country/admin1 rules


def _judge(gold: GoldToponym, pred: PredictedToponym) -> _Judgement:
    distance = (
        None if pred.lat is None or pred.lon is None else haversine_km(gold.lat, gold.lon, pred.lat, pred.lon)
    )
    country_ok = (pred.country in gold.countries) if gold.country else None
    if gold.feature == "country":
        correct = bool(country_ok) if gold.country else distance is not None and distance <= NEAR_KM
    else:
        correct = distance is not None and distance <= NEAR_KM
        if not correct and gold.feature == "admin1" and country_ok:
            key = _admin1_key(gold.admin1)
            correct = bool(key) and key in {_admin1_key(pred.admin1), _admin1_key(pred.name)}
    return _Judgement(distance, country_ok, correct)


def _match(gold: Sequence[GoldToponym], predicted: Sequence[PredictedToponym]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index) of overlapping spans: largest overlap first, then an
    exact span, then text order."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                exact = (g.start, g.end) == (p.start, p.end)
                candidates.append((-overlap, not exact, g.start, p.start, gi, pi))
    pairs, used_gold, used_pred = [], set(), set()
    for *_, gi, pi in sorted(candidates):
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return pairs


# ---------------------------------------------------------------------------------------------- reports


@dataclass(frozen=True, slots=True)
class GeoEvalError:
    """One disagreement. ``kind``: ``missed`` (gold toponym not found), ``spurious`` (prediction on no
    gold toponym), ``not_place`` (prediction on a metonym, demonym or organisation), ``wrong_country``,
    ``far`` (right country or none, more than 161 km away), ``no_point`` (matched, no coordinates)."""

    passage_id: str
    line: int
    kind: str
    gold: GoldToponym | None
    predicted: PredictedToponym | None
    distance_km: float | None = None
    not_place: NotPlace | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "passage_id": self.passage_id,
            "line": self.line,
            "kind": self.kind,
            "gold": self.gold.to_dict() if self.gold else None,
            "predicted": self.predicted.to_dict() if self.predicted else None,
            "distance_km": None if self.distance_km is None else round(self.distance_km, 1),
            "not_place": self.not_place.to_dict() if self.not_place else None,
        }

    def format_text(self) -> str:
        """One line: ``geo019:19 far gold 'Paris' FRA 48.86,2.35 | predicted USA 33.66,-95.56 (7,800 km)``."""
        parts = [f"{self.passage_id}:{self.line} {self.kind}"]
        if self.gold is not None:
            g = self.gold
            parts.append(f"gold {g.text!r} {g.feature} {g.country or '-'} {g.lat:.2f},{g.lon:.2f}")
        if self.not_place is not None:
            parts.append(f"{self.not_place.kind} {self.not_place.text!r}")
        if self.predicted is not None:
            p = self.predicted
            where = "no point" if p.lat is None or p.lon is None else f"{p.lat:.2f},{p.lon:.2f}"
            label = f" {p.name!r}" if p.name else ""
            parts.append(f"predicted {p.start}:{p.end}{label} {p.feature or '-'} {p.country or '-'} {where}")
        line = " | ".join(parts)
        return line + (f" ({self.distance_km:,.0f} km)" if self.distance_km is not None else "")


@dataclass(frozen=True, slots=True)
class FeatureScores:
    """Scores over the gold toponyms of one feature type (``found`` = recall over them)."""

    feature: str
    found: Ratio
    within_161km: Ratio
    country: Ratio
    median_error_km: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.found.total,
            "found": self.found.to_dict(),
            "within_161km": self.within_161km.to_dict(),
            "country": self.country.to_dict(),
            "median_error_km": _km(self.median_error_km),
        }


@dataclass(frozen=True, slots=True)
class GeoEvalReport:
    """Scores of a geoparser against a gold set (rules in docs/geo-gold-format.md).

    ``within_161km``, ``country`` and ``median_error_km`` are over matched pairs; ``median_error_km``
    leaves out gold countries (a country is right or wrong, not near). ``ambiguous`` is ``within_161km``
    over the matched gold toponyms marked ambiguous. ``not_place_hits`` counts predictions on not-places
    (they are also false positives in ``detection``).
    """

    passages: int
    gold_toponyms: int
    predicted_toponyms: int
    detection: DetectionCounts
    within_161km: Ratio
    country: Ratio
    median_error_km: float | None
    ambiguous: Ratio
    not_places: int
    not_place_hits: int
    per_feature: tuple[FeatureScores, ...]
    errors: tuple[GeoEvalError, ...]

    def feature(self, name: str) -> FeatureScores:
        """The scores of one feature type (``country``, ``admin1``, ``city``, ``facility``, ``other``)."""
        for scores in self.per_feature:
            if scores.feature == name:
                return scores
        raise UsageError(f"unknown feature {name!r}; use one of {FEATURES}", code="E442")

    def to_dict(self) -> dict[str, Any]:
        return {
            "passages": self.passages,
            "gold_toponyms": self.gold_toponyms,
            "predicted_toponyms": self.predicted_toponyms,
            "detection": self.detection.to_dict(),
            "within_161km": self.within_161km.to_dict(),
            "country": self.country.to_dict(),
            "median_error_km": _km(self.median_error_km),
            "ambiguous_within_161km": self.ambiguous.to_dict(),
            "not_places": {"total": self.not_places, "hit": self.not_place_hits},
            "per_feature": {f.feature: f.to_dict() for f in self.per_feature},
            "errors": [error.to_dict() for error in self.errors],
        }

    def format_text(self) -> str:
        """Plain-text summary and per-feature table (no colour, no markup) for the terminal."""
        d = self.detection
        median = "-" if self.median_error_km is None else f"{self.median_error_km:.1f} km"
        rows = [
            [
                f.feature,
                str(f.found.total),
                _pct(f.found.value),
                _pct(f.within_161km.value),
                _pct(f.country.value),
                "-" if f.median_error_km is None else f"{f.median_error_km:.1f}",
            ]
            for f in self.per_feature
        ]
        lines = [
            f"Gold passages: {self.passages}   gold toponyms: {self.gold_toponyms}   "
            f"predicted toponyms: {self.predicted_toponyms}",
            "",
            f"Detection (span overlap)   P {_pct(d.precision)}   R {_pct(d.recall)}   F1 {_pct(d.f1)}   "
            f"(TP {d.tp}, FP {d.fp}, FN {d.fn})",
            f"Within {NEAR_KM:.0f} km           {_ratio(self.within_161km)}",
            f"Country accuracy         {_ratio(self.country)}",
            f"Median error             {median}   (matched non-country toponyms)",
            f"Ambiguous names          {_ratio(self.ambiguous)} within {NEAR_KM:.0f} km",
            f"Predictions on not-places {self.not_place_hits}   "
            f"(of {self.not_places} metonyms, demonyms and organisations in the gold set)",
            "",
            "By feature of the gold toponym (% found = recall)",
            _table(["feature", "gold", "% found", f"% <={NEAR_KM:.0f}km", "% country", "median km"], rows),
        ]
        return "\n".join(lines) + "\n"

    def format_errors(self) -> str:
        """The error list, one line per disagreement, in gold-file order."""
        return "\n".join(error.format_text() for error in self.errors) + ("\n" if self.errors else "")


def _ratio(ratio: Ratio) -> str:
    return f"{_pct(ratio.value)}%  ({ratio.correct}/{ratio.total})"


def _km(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


# ------------------------------------------------------------------------------------------------ score


class _Tally:
    """Counts for one group of gold toponyms (all, one feature, the ambiguous ones)."""

    def __init__(self) -> None:
        self.gold = self.found = self.near = self.countries = self.countries_ok = 0
        self.distances: list[float] = []

    def add(self, gold: GoldToponym, judgement: _Judgement | None) -> None:
        self.gold += 1
        if judgement is None:
            return
        self.found += 1
        self.near += judgement.correct
        if judgement.country_ok is not None:
            self.countries += 1
            self.countries_ok += judgement.country_ok
        if gold.feature != "country" and judgement.distance_km is not None:
            self.distances.append(judgement.distance_km)

    def median(self) -> float | None:
        return statistics.median(self.distances) if self.distances else None

    def feature_scores(self, feature: str) -> FeatureScores:
        return FeatureScores(
            feature,
            Ratio(self.found, self.gold),
            Ratio(self.near, self.found),
            Ratio(self.countries_ok, self.countries),
            self.median(),
        )


def score_geo(
    gold: Sequence[GeoPassage], predicted: Mapping[str, Iterable[Any]] | Sequence[Iterable[Any]]
) -> GeoEvalReport:
    """Score predicted toponyms against gold passages.

    ``predicted`` is either a mapping from passage id to that passage's toponyms (a missing id means
    "predicted nothing") or a sequence aligned with ``gold``; each toponym is read by ``predicted_toponym``.
    A prediction matches a gold toponym when their spans overlap (one-to-one, largest overlap first).
    """
    rows = align(gold, predicted, predicted_toponym, code="E441")
    overall, ambiguous = _Tally(), _Tally()
    by_feature = {feature: _Tally() for feature in FEATURES}
    errors: list[GeoEvalError] = []
    fp = not_place_hits = 0
    for passage, preds in zip(gold, rows, strict=True):
        pairs = dict(_match(passage.toponyms, preds))
        matched_preds = set(pairs.values())
        found: list[tuple[int, GeoEvalError]] = []
        for gi, g in enumerate(passage.toponyms):
            judgement = None
            if gi in pairs:
                pred = preds[pairs[gi]]
                judgement = _judge(g, pred)
                kind = _error_kind(judgement)
                if kind:
                    error = GeoEvalError(passage.id, passage.line, kind, g, pred, judgement.distance_km)
                    found.append((g.start, error))
            else:
                found.append((g.start, GeoEvalError(passage.id, passage.line, "missed", g, None)))
            for tally in (overall, by_feature[g.feature], *((ambiguous,) if g.ambiguous else ())):
                tally.add(g, judgement)
        for pi, pred in enumerate(preds):
            if pi in matched_preds:
                continue
            fp += 1
            trap = next((n for n in passage.not_places if n.start < pred.end and pred.start < n.end), None)
            not_place_hits += trap is not None
            kind = "spurious" if trap is None else "not_place"
            found.append(
                (pred.start, GeoEvalError(passage.id, passage.line, kind, None, pred, not_place=trap))
            )
        errors.extend(error for _, error in sorted(found, key=lambda item: item[0]))
    return GeoEvalReport(
        passages=len(gold),
        gold_toponyms=overall.gold,
        predicted_toponyms=sum(len(p) for p in rows),
        detection=DetectionCounts(overall.found, fp, overall.gold - overall.found),
        within_161km=Ratio(overall.near, overall.found),
        country=Ratio(overall.countries_ok, overall.countries),
        median_error_km=overall.median(),
        ambiguous=Ratio(ambiguous.near, ambiguous.found),
        not_places=sum(len(p.not_places) for p in gold),
        not_place_hits=not_place_hits,
        per_feature=tuple(by_feature[f].feature_scores(f) for f in FEATURES),
        errors=tuple(errors),
    )


def _error_kind(judgement: _Judgement) -> str | None:
    if judgement.correct and judgement.country_ok is not False:
        return None
    if judgement.country_ok is False:
        return "wrong_country"
    return "no_point" if judgement.distance_km is None else "far"


def evaluate_geo(gold: Sequence[GeoPassage], geocoder: Geocoder) -> GeoEvalReport:
    """Run ``geocoder(text, publication_date)`` on every gold passage and score what it returns."""
    return score_geo(gold, run_on(gold, geocoder))


def evaluate_geo_file(path: str | Path, geocoder: Geocoder) -> GeoEvalReport:
    """``load_geo_gold(path)`` then ``evaluate_geo``: what ``eventwire eval-geo GOLD.jsonl`` runs."""
    return evaluate_geo(load_geo_gold(path), geocoder)


@dataclass(frozen=True, slots=True)
class GeoGoldCoverage:
    """What a gold set covers (for the docs and the tests that keep the set balanced)."""

    passages: int
    toponyms: int
    countries: int
    by_feature: tuple[tuple[str, int], ...]
    ambiguous: int
    not_places: tuple[tuple[str, int], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "passages": self.passages,
            "toponyms": self.toponyms,
            "countries": self.countries,
            "by_feature": dict(self.by_feature),
            "ambiguous": self.ambiguous,
            "not_places": dict(self.not_places),
        }


def geo_gold_coverage(gold: Sequence[GeoPassage]) -> GeoGoldCoverage:
    """Count passages, distinct countries, toponyms by feature, ambiguous names and not-places by kind."""
    features = Counter(t.feature for p in gold for t in p.toponyms)
    kinds = Counter(n.kind for p in gold for n in p.not_places)
    return GeoGoldCoverage(
        passages=len(gold),
        toponyms=sum(features.values()),
        countries=len({t.country for p in gold for t in p.toponyms if t.country}),
        by_feature=tuple((f, features[f]) for f in FEATURES),
        ambiguous=sum(1 for p in gold for t in p.toponyms if t.ambiguous),
        not_places=tuple((k, kinds[k]) for k in NOT_PLACE_KINDS),
    )
