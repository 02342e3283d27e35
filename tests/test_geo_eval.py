"""The geoparsing gold set (tests/gold/geo.jsonl) and the scorer behind ``eventwire eval-geo``."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from eventwire.errors import UsageError
from eventwire.evaluate.geo import (
    FEATURES,
    NEAR_KM,
    GeoGoldFormatError,
    GeoPassage,
    GoldToponym,
    NotPlace,
    evaluate_geo,
    geo_gold_coverage,
    haversine_km,
    load_geo_gold,
    parse_geo_gold_line,
    predicted_toponym,
    score_geo,
)
from eventwire.model import Place

GOLD = Path(__file__).parent / "gold" / "geo.jsonl"

PARIS = (48.86, 2.35)
LONDON = (51.51, -0.13)
PARIS_TX = (33.66, -95.56)


# ------------------------------------------------------------------------------------------------ helpers


def _passage(text: str, *toponyms: tuple, not_places: tuple = (), pid: str = "p1") -> GeoPassage:
    """Build a passage; each toponym is (surface, country, lat, lon, feature[, admin1[, alt_countries]]),
    located at its first occurrence after the previous one."""
    built, cursor = [], 0
    for surface, country, lat, lon, feature, *rest in toponyms:
        start = text.index(surface, cursor)
        cursor = start + len(surface)
        admin1 = rest[0] if rest else None
        alt = tuple(rest[1]) if len(rest) > 1 else ()
        built.append(GoldToponym(start, cursor, surface, country, admin1, lat, lon, feature, alt))
    nots = []
    for surface, kind in not_places:
        start = text.index(surface)
        nots.append(NotPlace(start, start + len(surface), surface, kind))
    return GeoPassage(pid, text, date(2020, 1, 8), tuple(built), tuple(nots))


def _pred(start: int, end: int, country: str | None, lat: float | None, lon: float | None, **kw) -> dict:
    return {"start": start, "end": end, "country": country, "lat": lat, "lon": lon, "feature": "city", **kw}


def _as_predictions(passage: GeoPassage) -> list[dict]:
    return [t.to_dict() for t in passage.toponyms]


PARIS_LONDON = _passage(
    "Talks moved from Paris to London on Monday.",
    ("Paris", "FRA", *PARIS, "city"),
    ("London", "GBR", *LONDON, "city"),
)


@pytest.fixture(scope="module")
def gold() -> list[GeoPassage]:
    return load_geo_gold(GOLD)


# --------------------------------------------------------------------------------------------- gold set


def test_gold_set_meets_the_coverage_targets(gold):
    coverage = geo_gold_coverage(gold)
    assert coverage.passages >= 80
    assert coverage.countries >= 40
    assert coverage.toponyms >= 400
    by_feature = dict(coverage.by_feature)
    assert set(by_feature) == set(FEATURES)
    assert by_feature["facility"] >= 40
    assert by_feature["admin1"] >= 40
    assert coverage.ambiguous >= 50
    assert all(count >= 10 for _, count in coverage.not_places)


def test_gold_offsets_point_at_their_text(gold):
    for passage in gold:
        for span in (*passage.toponyms, *passage.not_places):
            assert passage.text[span.start : span.end] == span.text, (passage.id, span)
        tops = [(t.start, t.end) for t in passage.toponyms]
        for n in passage.not_places:  # a not-place never overlaps a toponym
            assert not any(s < n.end and n.start < e for s, e in tops), (passage.id, n.text)


def test_gold_passages_are_short_and_dated(gold):
    assert len({p.id for p in gold}) == len(gold)
    for passage in gold:
        assert passage.date is not None
        sentences = sum(passage.text.count(mark) for mark in (". ", "? ", "! ")) + 1
        assert 2 <= sentences <= 6, passage.id
        assert passage.toponyms, passage.id


def _resolutions(gold: list[GeoPassage]) -> dict[str, set[tuple[str | None, str]]]:
    found: dict[str, set[tuple[str | None, str]]] = defaultdict(set)
    for passage in gold:
        for t in passage.toponyms:
            found[t.text].add((t.country, t.feature))
    return found


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Tripoli", {("LBY", "city"), ("LBN", "city")}),
        ("Hyderabad", {("IND", "city"), ("PAK", "city")}),
        ("Paris", {("FRA", "city"), ("USA", "city")}),
        ("Georgia", {("GEO", "country"), ("USA", "admin1")}),
        ("Washington", {("USA", "city"), ("USA", "admin1")}),
        ("San Jose", {("USA", "city"), ("CRI", "city")}),
        ("Santiago", {("CHL", "city"), ("DOM", "city")}),
        ("Alexandria", {("EGY", "city"), ("USA", "city")}),
        ("Valencia", {("ESP", "admin1"), ("VEN", "city")}),
        ("Cordoba", {("ESP", "city"), ("ARG", "admin1")}),
        ("Victoria", {("AUS", "admin1"), ("CAN", "city"), ("SYC", "city")}),
        ("Kingston", {("JAM", "city"), ("CAN", "city")}),
        ("Sydney", {("AUS", "city"), ("CAN", "city")}),
        ("Donetsk", {("UKR", "city"), ("UKR", "admin1")}),
        ("Congo", {("COD", "country")}),
    ],
)
def test_gold_pins_the_ambiguous_names(gold, name, expected):
    assert _resolutions(gold)[name] == expected


def test_gold_ambiguous_names_are_marked(gold):
    for passage in gold:
        for t in passage.toponyms:
            if t.text in {"Tripoli", "Hyderabad", "Paris", "Georgia", "San Jose", "Victoria", "Kingston"}:
                assert t.ambiguous, (passage.id, t.text)


def test_gold_metonyms_demonyms_and_organisations_are_not_places(gold):
    not_places = {(n.text, n.kind) for p in gold for n in p.not_places}
    toponym_texts = {t.text for p in gold for t in p.toponyms}
    for item in [
        ("Moscow", "metonym"),
        ("Washington", "metonym"),
        ("Tehran", "metonym"),
        ("Kremlin", "metonym"),
        ("Iraqi", "demonym"),
        ("Kurdish", "demonym"),
        ("The Washington Post", "organization"),
        ("Bank of England", "organization"),
        ("Islamic State", "organization"),
    ]:
        assert item in not_places
    # A capital is a place when it is the scene ("talks in Moscow") and an actor when it speaks.
    assert {"Moscow", "Washington", "Paris", "London", "Doha"} <= toponym_texts


def test_gold_seed_places(gold):
    seed = next(p for p in gold if p.id == "geo001")
    by_text = {t.text: t for t in seed.toponyms}
    base = by_text["Ain al-Asad air base"]
    assert (base.country, base.admin1, base.feature) == ("IRQ", "Anbar", "facility")
    assert haversine_km(base.lat, base.lon, 33.80, 42.44) < 5
    assert by_text["Anbar"].feature == "admin1"
    assert "Tehran" in {n.text for n in seed.not_places}


# ------------------------------------------------------------------------------------------- gold format


def _line(**overrides) -> str:
    obj = {
        "id": "x1",
        "date": "2020-01-08",
        "text": "Rockets hit Erbil.",
        "toponyms": [
            {
                "start": 12,
                "end": 17,
                "text": "Erbil",
                "country": "IRQ",
                "admin1": "Erbil",
                "lat": 36.19,
                "lon": 44.01,
                "feature": "city",
            }
        ],
        "not_places": [],
    }
    for key, value in overrides.items():
        if key in obj:
            obj[key] = value
        else:
            obj["toponyms"][0][key] = value
    return json.dumps(obj)


def test_parse_a_valid_line():
    passage = parse_geo_gold_line(_line())
    assert passage.toponyms[0].text == "Erbil"
    assert passage.date == date(2020, 1, 8)


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"start": 11}, "E145"),  # offsets do not match the text
        ({"end": 99}, "E145"),
        ({"lat": 91.0}, "E146"),
        ({"lon": "44"}, "E146"),
        ({"feature": "village"}, "E147"),
        ({"country": "IQ"}, "E147"),
        ({"alt_countries": ["tur"]}, "E147"),
        ({"date": "08/01/2020"}, "E135"),
        ({"colour": "red"}, "E132"),
        ({"not_places": [{"start": 0, "end": 7, "text": "Rockets", "kind": "weapon"}]}, "E147"),
    ],
)
def test_malformed_lines_name_file_line_and_code(overrides, code):
    with pytest.raises(GeoGoldFormatError) as info:
        parse_geo_gold_line(_line(**overrides), path="geo.jsonl", line=7)
    assert info.value.code == code
    assert (info.value.path, info.value.line) == ("geo.jsonl", 7)


def test_overlapping_gold_toponyms_are_rejected():
    obj = json.loads(_line())
    obj["toponyms"].append(dict(obj["toponyms"][0], start=13, end=17, text="rbil"))
    with pytest.raises(GeoGoldFormatError) as info:
        parse_geo_gold_line(json.dumps(obj))
    assert info.value.code == "E145"


def test_load_rejects_bad_json_and_duplicate_ids(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(_line() + "\n{not json\n", encoding="utf-8")
    with pytest.raises(GeoGoldFormatError) as info:
        load_geo_gold(bad)
    assert (info.value.code, info.value.line) == ("E131", 2)
    dup = tmp_path / "dup.jsonl"
    dup.write_text(_line() + "\n\n" + _line() + "\n", encoding="utf-8")
    with pytest.raises(GeoGoldFormatError) as info:
        load_geo_gold(dup)
    assert (info.value.code, info.value.line) == ("E136", 3)
    with pytest.raises(GeoGoldFormatError) as info:
        load_geo_gold(tmp_path / "missing.jsonl")
    assert info.value.code == "E130"


# ------------------------------------------------------------------------------------------------ geometry


def test_haversine_paris_london_is_about_344_km():
    assert haversine_km(*PARIS, *LONDON) == pytest.approx(344, abs=3)
    assert haversine_km(*LONDON, *PARIS) == pytest.approx(haversine_km(*PARIS, *LONDON))
    assert haversine_km(*PARIS, *PARIS) == 0
    assert haversine_km(0, 0, 0, 180) == pytest.approx(20015, rel=1e-3)  # half the equator
    assert haversine_km(0, 179.9, 0, -179.9) == pytest.approx(22.2, abs=0.5)  # across the antimeridian


# ------------------------------------------------------------------------------------------------ scoring


def test_perfect_predictions_score_one():
    report = score_geo([PARIS_LONDON], [_as_predictions(PARIS_LONDON)])
    d = report.detection
    assert (d.tp, d.fp, d.fn, d.f1) == (2, 0, 0, 1.0)
    assert report.within_161km.value == 1.0
    assert report.country.value == 1.0
    assert report.median_error_km == 0
    assert report.errors == ()


def test_perfect_on_the_whole_gold_set(gold):
    report = score_geo(gold, {p.id: _as_predictions(p) for p in gold})
    assert report.detection.f1 == 1.0
    assert report.within_161km.value == 1.0
    assert report.country.value == 1.0
    assert report.errors == ()


def test_wrong_country():
    paris = PARIS_LONDON.toponyms[0]
    report = score_geo(
        [PARIS_LONDON], [[_pred(paris.start, paris.end, "USA", *PARIS_TX), _as_predictions(PARIS_LONDON)[1]]]
    )
    assert report.detection.tp == 2
    assert report.country.correct == 1 and report.country.total == 2
    assert report.within_161km.correct == 1
    (error,) = report.errors
    assert error.kind == "wrong_country"
    assert error.gold.text == "Paris"
    assert error.distance_km == pytest.approx(7780, rel=0.01)
    assert "wrong_country" in error.format_text()


def test_far_point_in_the_right_country():
    paris = PARIS_LONDON.toponyms[0]
    marseille = (43.30, 5.37)
    report = score_geo([PARIS_LONDON], {"p1": [_pred(paris.start, paris.end, "fra", *marseille)]})
    assert report.country.value == 1.0  # country codes compare case-insensitively
    assert report.within_161km.value == 0.0
    assert report.median_error_km == pytest.approx(haversine_km(*PARIS, *marseille))
    kinds = [e.kind for e in report.errors]
    assert kinds == ["far", "missed"]


def test_a_point_just_inside_161_km_is_right_and_just_outside_is_wrong():
    paris = PARIS_LONDON.toponyms[0]
    near = (PARIS[0] + 1.44, PARIS[1])  # ~160 km north
    far = (PARIS[0] + 1.46, PARIS[1])  # ~162 km north
    assert haversine_km(*PARIS, *near) < NEAR_KM < haversine_km(*PARIS, *far)
    inside = score_geo([PARIS_LONDON], [[_pred(paris.start, paris.end, "FRA", *near)]])
    outside = score_geo([PARIS_LONDON], [[_pred(paris.start, paris.end, "FRA", *far)]])
    assert inside.within_161km.value == 1.0
    assert outside.within_161km.value == 0.0


def test_missed_toponyms():
    report = score_geo([PARIS_LONDON], {})
    d = report.detection
    assert (d.tp, d.fp, d.fn) == (0, 0, 2)
    assert d.precision is None and d.recall == 0.0
    assert report.within_161km.value is None
    assert report.median_error_km is None
    assert [e.kind for e in report.errors] == ["missed", "missed"]


def test_spurious_and_not_place_predictions():
    passage = _passage(
        "Moscow said troops left Aleppo for Homs.",
        ("Aleppo", "SYR", 36.20, 37.16, "city"),
        not_places=(("Moscow", "metonym"),),
    )
    aleppo = passage.toponyms[0]
    homs = passage.text.index("Homs")
    report = score_geo(
        [passage],
        [
            [
                _pred(0, 6, "RUS", 55.76, 37.62),
                _pred(aleppo.start, aleppo.end, "SYR", 36.2, 37.16),
                _pred(homs, homs + 4, "SYR", 34.73, 36.72),
            ]
        ],
    )
    d = report.detection
    assert (d.tp, d.fp, d.fn) == (1, 2, 0)
    assert d.precision == pytest.approx(1 / 3)
    assert report.not_place_hits == 1 and report.not_places == 1
    kinds = {e.kind: e for e in report.errors}
    assert set(kinds) == {"not_place", "spurious"}
    assert kinds["not_place"].not_place.text == "Moscow"
    assert kinds["spurious"].predicted.start == homs


def test_overlap_rules():
    passage = _passage(
        "A tornado hit Paris, Texas, and the Ain al-Asad air base.",
        ("Paris", "USA", *PARIS_TX, "city", "Texas"),
        ("Texas", "USA", 31.3, -99.3, "admin1", "Texas"),
        ("Ain al-Asad air base", "IRQ", 33.80, 42.44, "facility", "Anbar"),
    )
    paris, texas, base = passage.toponyms
    # One prediction over "Paris, Texas" overlaps both gold toponyms: it takes the larger overlap only.
    # A partial span ("Ain al-Asad") overlaps and matches; a second prediction on the same gold is spurious;
    # a span that ends where a gold span starts does not overlap it (half-open offsets).
    predictions = [
        _pred(paris.start, texas.end, "USA", *PARIS_TX),
        _pred(base.start, base.start + len("Ain al-Asad"), "IRQ", 33.80, 42.44),
        _pred(base.end - len("base"), base.end, "IRQ", 33.80, 42.44),
        _pred(base.start - 4, base.start, "USA", 0.0, 0.0),
    ]
    report = score_geo([passage], [predictions])
    d = report.detection
    assert (d.tp, d.fp, d.fn) == (2, 2, 1)
    kinds = sorted((e.kind, (e.gold or e.predicted).start) for e in report.errors)
    assert kinds == [("missed", texas.start), ("spurious", base.start - 4), ("spurious", base.end - 4)]
    assert report.within_161km.value == 1.0


def test_exact_span_wins_a_tie():
    passage = _passage("Talks in Paris.", ("Paris", "FRA", *PARIS, "city"))
    paris = passage.toponyms[0]
    exact = _pred(paris.start, paris.end, "FRA", *PARIS)
    wider = _pred(paris.start - 3, paris.end, "USA", *PARIS_TX)  # same overlap, not exact
    report = score_geo([passage], [[wider, exact]])
    assert report.country.value == 1.0
    assert [e.kind for e in report.errors] == ["spurious"]


def test_countries_are_scored_by_country_not_distance():
    passage = _passage(
        "Russia and Canada met.",
        ("Russia", "RUS", 61.5, 105.0, "country"),
        ("Canada", "CAN", 56.1, -106.3, "country"),
    )
    russia, canada = passage.toponyms
    report = score_geo(
        [passage],
        [
            [
                _pred(russia.start, russia.end, "RUS", 55.76, 37.62, feature="country"),
                _pred(canada.start, canada.end, "USA", 56.0, -106.0, feature="country"),
            ]
        ],
    )
    assert report.within_161km.correct == 1
    assert report.country.correct == 1
    assert report.median_error_km is None  # countries are left out of the median
    assert report.feature("country").within_161km.value == 0.5
    assert [e.kind for e in report.errors] == ["wrong_country"]


def test_admin1_accepts_the_same_region_by_name():
    passage = _passage("Missiles hit Anbar province.", ("Anbar", "IRQ", 33.2, 42.3, "admin1", "Anbar"))
    anbar = passage.toponyms[0]
    ramadi = (33.42, 43.30)  # a capital-based point ~100 km away: near anyway
    remote = (34.4, 40.9)  # ~185 km from the gold point
    named = _pred(anbar.start, anbar.end, "IRQ", *remote, feature="admin1", admin1="Al Anbar Governorate")
    other = _pred(anbar.start, anbar.end, "IRQ", *remote, feature="admin1", admin1="Nineveh")
    assert score_geo([passage], [[_pred(anbar.start, anbar.end, "IRQ", *ramadi)]]).within_161km.value == 1.0
    assert score_geo([passage], [[named]]).within_161km.value == 1.0
    assert score_geo([passage], [[other]]).within_161km.value == 0.0


def test_alt_countries_are_accepted():
    passage = _passage(
        "Aid crossed at Bab al-Hawa.", ("Bab al-Hawa", "SYR", 36.23, 36.67, "facility", "Idlib", ["TUR"])
    )
    crossing = passage.toponyms[0]
    for country in ("SYR", "TUR"):
        report = score_geo([passage], [[_pred(crossing.start, crossing.end, country, 36.23, 36.67)]])
        assert report.country.value == 1.0
    report = score_geo([passage], [[_pred(crossing.start, crossing.end, "LBN", 36.23, 36.67)]])
    assert report.country.value == 0.0
    assert report.within_161km.value == 1.0  # the point is right, the country is not
    assert [e.kind for e in report.errors] == ["wrong_country"]


def test_a_prediction_without_a_point():
    paris = PARIS_LONDON.toponyms[0]
    report = score_geo([PARIS_LONDON], [[_pred(paris.start, paris.end, "FRA", None, None)]])
    assert report.within_161km.value == 0.0
    assert report.country.value == 1.0
    assert report.median_error_km is None
    assert report.errors[0].kind == "no_point"


def test_per_feature_breakdown_and_ambiguous_ratio():
    passage = _passage(
        "Protests in Paris and London.",
        ("Paris", "FRA", *PARIS, "city"),
        ("London", "GBR", *LONDON, "city"),
    )
    marked = GeoPassage(
        passage.id,
        passage.text,
        passage.date,
        (
            GoldToponym(**{**_fields(passage.toponyms[0]), "ambiguous": ("Paris, Texas",)}),
            passage.toponyms[1],
        ),
    )
    paris = marked.toponyms[0]
    report = score_geo([marked], [[_pred(paris.start, paris.end, "USA", *PARIS_TX)]])
    city = report.feature("city")
    assert (city.found.correct, city.found.total) == (1, 2)
    assert city.within_161km.value == 0.0
    assert report.feature("facility").found.total == 0
    assert (report.ambiguous.correct, report.ambiguous.total) == (0, 1)
    with pytest.raises(UsageError):
        report.feature("village")


def _fields(t: GoldToponym) -> dict:
    return {name: getattr(t, name) for name in GoldToponym.__slots__}


# ------------------------------------------------------------------------------------- inputs and outputs


@dataclass
class _Hit:
    start: int
    end: int
    country: str | None
    lat: float | None
    lon: float | None
    feature: str | None


def test_predictions_may_be_objects_dicts_or_places():
    paris, london = PARIS_LONDON.toponyms
    place = Place("London", "GBR", "England", *LONDON, "city", london.start, london.end)
    report = score_geo([PARIS_LONDON], [[_Hit(paris.start, paris.end, "FRA", *PARIS, "city"), place]])
    assert report.detection.f1 == 1.0
    assert report.country.value == 1.0
    assert predicted_toponym(place).admin1 == "England"


@pytest.mark.parametrize(
    "bad",
    [
        {"start": 5, "end": 5, "country": "FRA", "lat": 1.0, "lon": 1.0},
        {"start": "5", "end": 9, "country": "FRA", "lat": 1.0, "lon": 1.0},
        {"start": 5, "end": 9, "country": "FRA", "lat": 1.0, "lon": None},
        {"start": 5, "end": 9, "country": 250, "lat": 1.0, "lon": 1.0},
    ],
)
def test_malformed_predictions_raise(bad):
    with pytest.raises(UsageError) as info:
        predicted_toponym(bad)
    assert info.value.code == "E440"


def test_predictions_must_line_up_with_the_gold():
    with pytest.raises(UsageError) as info:
        score_geo([PARIS_LONDON], [[], []])
    assert info.value.code == "E441"
    with pytest.raises(UsageError) as info:
        score_geo([PARIS_LONDON], {"nope": []})
    assert info.value.code == "E441"


def test_evaluate_geo_calls_the_geocoder_with_text_and_date():
    seen = []

    def geocoder(text, when):
        seen.append((text, when))
        return _as_predictions(PARIS_LONDON)

    report = evaluate_geo([PARIS_LONDON], geocoder)
    assert seen == [(PARIS_LONDON.text, date(2020, 1, 8))]
    assert report.detection.f1 == 1.0


def test_report_renders_as_dict_text_and_errors():
    paris = PARIS_LONDON.toponyms[0]
    report = score_geo([PARIS_LONDON], [[_pred(paris.start, paris.end, "USA", *PARIS_TX, name="Paris")]])
    as_dict = json.loads(json.dumps(report.to_dict()))
    assert as_dict["detection"]["tp"] == 1
    assert as_dict["within_161km"] == {"correct": 0, "total": 1, "value": 0.0}
    assert set(as_dict["per_feature"]) == set(FEATURES)
    assert [e["kind"] for e in as_dict["errors"]] == ["wrong_country", "missed"]
    text = report.format_text()
    assert "Within 161 km" in text and "Country accuracy" in text and "facility" in text
    lines = report.format_errors().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("p1:0 wrong_country") and "'Paris'" in lines[0] and "USA" in lines[0]
