"""The temporal-expression gold set (tests/gold/timex.jsonl) and its scorer (eventwire.evaluate.timex)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest

from eventwire.errors import UsageError
from eventwire.evaluate.timex import (
    GoldTimex,
    TimexGoldFormatError,
    TimexPassage,
    TrapSpan,
    evaluate_timex,
    evaluate_timex_file,
    load_timex_gold,
    normalize_timex_value,
    parse_timex_gold_line,
    predicted_timex,
    score_timex,
    timex_gold_coverage,
)

GOLD = Path(__file__).parent / "gold" / "timex.jsonl"
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


@pytest.fixture(scope="module")
def gold() -> list[TimexPassage]:
    return load_timex_gold(GOLD)


def _perfect(gold: list[TimexPassage]) -> dict[str, list[dict]]:
    return {p.id: [t.to_dict() for t in p.timexes] for p in gold}


def _iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


# ------------------------------------------------------------------------------------------ the gold set


def test_gold_offsets_match_the_text_in_the_raw_file():
    # Independent of the loader: read the JSON ourselves.
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for span in record["timexes"] + record.get("traps", []):
            assert record["text"][span["start"] : span["end"]] == span["text"], (record["id"], span)


def test_gold_size_and_coverage(gold):
    coverage = timex_gold_coverage(gold)
    assert coverage.expressions >= 300
    by_type = dict(coverage.by_type)
    assert by_type["DATE"] >= 200 and by_type["TIME"] >= 20
    assert by_type["DURATION"] >= 50 and by_type["SET"] >= 15
    kinds = dict(coverage.by_kind)
    for kind in (
        "weekday",
        "relative",
        "month_day",
        "month",
        "full_date",
        "year",
        "part_of_period",
        "decade_century",
        "deictic",
        "duration",
        "set",
        "vague",
        "clock_or_day_part",
    ):
        assert kinds.get(kind, 0) >= 2, kind
    weekdays = dict(coverage.passages_by_weekday)
    assert all(weekdays[day] >= 5 for day in weekdays), weekdays
    assert coverage.publication_dates >= 20
    assert coverage.traps >= 40


def test_gold_has_the_awkward_publication_dates(gold):
    dates = {p.date for p in gold}
    assert date(2024, 2, 29) in dates  # leap day
    assert date(2020, 1, 1) in dates and date(2019, 12, 31) in dates  # around New Year
    assert date(2021, 1, 3) in dates and date(2024, 12, 30) in dates  # ISO weeks 2020-W53 and 2025-W01
    assert any(d.month != (d + timedelta(days=1)).month for d in dates - {date(2019, 12, 31)})  # month end


def test_gold_has_the_named_forms_and_traps(gold):
    texts = {t.text for p in gold for t in p.timexes}
    for form in (
        "January 8, 2020",
        "8 Jan",
        "Jan. 8",
        "2019",
        "mid-December",
        "the 1990s",
        "yesterday",
        "last week",
        "two days ago",
        "next month",
        "earlier this year",
        "recently",
        "now",
        "soon",
        "every Friday",
        "annually",
        "three days",
        "two-week",
        "3 p.m.",
    ):
        assert form in texts, form
    traps = {t.text for p in gold for t in p.traps}
    assert {"May", "may", "March", "march", "Article 5", "Fox News", "2,000"} <= traps


def test_gold_weekday_values_fall_on_that_weekday_within_a_week(gold):
    checked = 0
    for passage in gold:
        for t in passage.timexes:
            names = [i for i, name in enumerate(WEEKDAYS) if re.search(rf"\b{name}\b", t.text.lower())]
            if not names or t.type not in ("DATE", "TIME"):
                continue
            day = date.fromisoformat(t.value[:10])
            assert day.weekday() == names[0], (passage.id, t)
            if t.kind == "weekday":
                assert abs((day - passage.date).days) <= 7, (passage.id, t)
                if t.text.lower().startswith("last "):
                    assert day < passage.date, (passage.id, t)
            checked += 1
    assert checked >= 70


def test_gold_deictic_and_week_values_follow_the_calendar(gold):
    offsets = {"yesterday": -1, "today": 0, "tomorrow": 1}
    weeks = {"last week": -7, "this week": 0, "next week": 7}
    checked = 0
    for passage in gold:
        for t in passage.timexes:
            word = t.text.lower()
            if word in offsets:
                assert t.value == (passage.date + timedelta(days=offsets[word])).isoformat(), (passage.id, t)
                checked += 1
            elif word in weeks:
                assert t.value == _iso_week(passage.date + timedelta(days=weeks[word])), (passage.id, t)
                checked += 1
    assert checked >= 50


def test_gold_prepositions_stay_outside_spans(gold):
    for passage in gold:
        for t in passage.timexes:
            assert not re.match(r"(on|in|at|for|since|until|by|during) ", t.text), (passage.id, t.text)


# -------------------------------------------------------------------------------------------- loading


def _line(**overrides) -> str:
    record = {
        "id": "x1",
        "date": "2020-01-08",
        "text": "Iran struck yesterday.",
        "timexes": [{"start": 12, "end": 21, "text": "yesterday", "type": "DATE", "value": "2020-01-07"}],
    }
    record.update(overrides)
    return json.dumps(record)


def test_parse_line_reads_a_passage():
    passage = parse_timex_gold_line(_line(), path="g.jsonl", line=3)
    assert passage.date == date(2020, 1, 8)
    assert passage.timexes == (GoldTimex(12, 21, "yesterday", "DATE", "2020-01-07"),)
    assert passage.line == 3


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("{not json", "E131"),
        (_line(date=None), "E135"),
        (_line(date="08/01/2020"), "E135"),
        (_line(extra=1), "E132"),
        (
            _line(timexes=[{"start": 11, "end": 21, "text": "yesterday", "type": "DATE", "value": "x"}]),
            "E138",
        ),
        (
            _line(timexes=[{"start": 12, "end": 21, "text": "yesterday", "type": "EVENT", "value": "2020"}]),
            "E139",
        ),
        (
            _line(timexes=[{"start": 12, "end": 21, "text": "yesterday", "type": "DATE", "value": "Jan 7"}]),
            "E139",
        ),
        (
            _line(
                timexes=[
                    {
                        "start": 12,
                        "end": 21,
                        "text": "yesterday",
                        "type": "DATE",
                        "value": "2020",
                        "mod": "ROUGHLY",
                    }
                ]
            ),
            "E139",
        ),
        (_line(traps=[{"start": 0, "end": 4, "text": "Iraq"}]), "E138"),
    ],
)
def test_malformed_lines_are_rejected_with_a_code(raw, code):
    with pytest.raises(TimexGoldFormatError) as info:
        parse_timex_gold_line(raw, path="g.jsonl", line=7)
    assert info.value.code == code
    assert info.value.line == 7 and info.value.path == "g.jsonl"


def test_overlapping_gold_spans_are_rejected():
    text = "on Tuesday night"
    timexes = [
        {"start": 3, "end": 10, "text": "Tuesday", "type": "DATE", "value": "2020-01-07"},
        {"start": 3, "end": 16, "text": "Tuesday night", "type": "TIME", "value": "2020-01-07TNI"},
    ]
    with pytest.raises(TimexGoldFormatError) as info:
        parse_timex_gold_line(_line(text=text, timexes=timexes))
    assert info.value.code == "E138"


def test_duplicate_ids_name_both_lines(tmp_path):
    path = tmp_path / "g.jsonl"
    path.write_text(_line() + "\n\n" + _line() + "\n", encoding="utf-8")
    with pytest.raises(TimexGoldFormatError) as info:
        load_timex_gold(path)
    assert info.value.code == "E136" and info.value.line == 3
    assert "line 1" in str(info.value)


def test_unreadable_file_is_e130(tmp_path):
    with pytest.raises(TimexGoldFormatError) as info:
        load_timex_gold(tmp_path / "missing.jsonl")
    assert info.value.code == "E130"


# -------------------------------------------------------------------------------------------- scoring

TEXT = "Iran struck on Tuesday at 3 p.m. and the siege lasted three days, officials may say."
#       Tuesday 15-22, "3 p.m." 26-32, "three days" 54-64, trap "may" 76-79


def _passage() -> TimexPassage:
    return TimexPassage(
        id="p1",
        date=date(2020, 1, 8),
        text=TEXT,
        timexes=(
            GoldTimex(15, 22, "Tuesday", "DATE", "2020-01-07", kind="weekday"),
            GoldTimex(26, 32, "3 p.m.", "TIME", "2020-01-07T15:00", kind="clock_or_day_part"),
            GoldTimex(54, 64, "three days", "DURATION", "P3D", kind="duration"),
        ),
        traps=(TrapSpan(76, 79, "may"),),
        line=1,
    )


def test_hand_built_passage_offsets_are_right():
    p = _passage()
    assert [TEXT[t.start : t.end] for t in p.timexes] == ["Tuesday", "3 p.m.", "three days"]
    assert TEXT[76:79] == "may"


def test_mixed_predictions_give_the_expected_counts():
    predicted = [
        {"start": 15, "end": 22, "type": "DATE", "value": "2019-12-31"},  # exact span, wrong value
        {"start": 23, "end": 32, "type": "TIME", "value": "2020-01-07T15:00"},  # "at 3 p.m.": relaxed only
        {"start": 76, "end": 79, "type": "DATE", "value": "2020-05"},  # the modal "may": trap
        {"start": 0, "end": 4, "type": "DATE", "value": "2020"},  # spurious
    ]  # "three days" missed
    report = score_timex([_passage()], {"p1": predicted})
    dt, ds, overall = report.date_time, report.duration_set, report.overall
    assert (dt.gold, dt.predicted) == (2, 4)
    assert (dt.strict.tp, dt.strict.fp, dt.strict.fn) == (1, 3, 1)
    assert (dt.relaxed.tp, dt.relaxed.fp, dt.relaxed.fn) == (2, 2, 0)
    assert dt.relaxed.precision == 0.5 and dt.relaxed.recall == 1.0
    assert (dt.value.correct, dt.value.total) == (1, 2)
    assert (dt.type.correct, dt.type.total) == (2, 2)
    assert (dt.value_detection.tp, dt.value_detection.fp, dt.value_detection.fn) == (1, 3, 1)
    assert (ds.gold, ds.predicted, ds.relaxed.fn, ds.relaxed.tp) == (1, 0, 1, 0)
    assert ds.relaxed.precision is None and ds.relaxed.f1 == 0.0
    assert (overall.relaxed.tp, overall.relaxed.fp, overall.relaxed.fn) == (2, 2, 1)
    assert overall.strict.f1 == pytest.approx(2 * 1 / (2 * 1 + 3 + 2))
    assert (report.traps, report.traps_hit) == (1, 1)
    kinds = [(e.kind, (e.gold or e.predicted).start) for e in report.errors]
    assert kinds == [("spurious", 0), ("value", 15), ("span", 26), ("missing", 54), ("trap", 76)]
    per_kind = {k.kind: k for k in report.per_kind}
    assert per_kind["weekday"].found.value == 1.0 and per_kind["weekday"].value.value == 0.0
    assert per_kind["duration"].found.value == 0.0 and per_kind["duration"].value.total == 0


def test_pairs_belong_to_the_gold_type_group_and_type_errors_count():
    # "three days" predicted as a DATE: found (relaxed and strict) in DURATION/SET, type wrong.
    predicted = [{"start": 54, "end": 64, "type": "DATE", "value": "P3D"}]
    report = score_timex([_passage()], [predicted])
    assert report.duration_set.strict.tp == 1 and report.duration_set.type.value == 0.0
    assert report.duration_set.value.value == 1.0
    assert report.date_time.predicted == 0 and report.date_time.relaxed.fn == 2
    assert [e.kind for e in report.errors] == ["missing", "missing", "type"]


def test_matching_is_one_to_one_and_prefers_exact_spans():
    predicted = [
        {"start": 12, "end": 22, "type": "DATE", "value": "2020-01-07"},  # "on Tuesday"
        {"start": 15, "end": 22, "type": "DATE", "value": "2020-01-07"},  # "Tuesday": exact
    ]
    report = score_timex([_passage()], [predicted])
    assert report.overall.strict.tp == 1
    assert (report.overall.relaxed.tp, report.overall.relaxed.fp) == (1, 1)


def test_largest_overlap_wins_among_relaxed_candidates():
    # One prediction covers "Tuesday at 3 p.m." (overlaps both); it pairs with the larger overlap ("Tuesday", 7
    # chars vs 6), so "3 p.m." is missed.
    predicted = [{"start": 15, "end": 32, "type": "TIME", "value": "2020-01-07T15:00"}]
    report = score_timex([_passage()], [predicted])
    missing = [e.gold.text for e in report.errors if e.kind == "missing"]
    assert missing == ["3 p.m.", "three days"]
    assert report.overall.relaxed.tp == 1 and report.overall.strict.tp == 0


def test_perfect_predictions_on_the_gold_set_score_one(gold):
    report = score_timex(gold, _perfect(gold))
    for group in report.groups:
        assert group.strict.f1 == 1.0 and group.relaxed.f1 == 1.0
        assert group.value.value == 1.0 and group.type.value == 1.0 and group.value_detection.f1 == 1.0
    assert report.errors == () and report.traps_hit == 0
    assert report.gold_expressions == report.predicted_expressions >= 300


def test_no_predictions_score_zero_recall(gold):
    report = score_timex(gold, {})
    assert report.overall.relaxed.recall == 0.0 and report.overall.relaxed.precision is None
    assert report.overall.value.value is None
    assert len(report.errors) == report.gold_expressions
    assert {e.kind for e in report.errors} == {"missing"}


def test_wrong_weekday_convention_shows_in_date_time_value_accuracy_only(gold):
    # A tagger that resolves every weekday a week too early (dateparser's habit) keeps detection perfect.
    predicted = {}
    shifted = 0
    for p in gold:
        row = []
        for t in p.timexes:
            value = t.value
            if t.kind == "weekday":
                value = (date.fromisoformat(t.value) - timedelta(days=7)).isoformat()
                shifted += 1
            row.append({"start": t.start, "end": t.end, "type": t.type, "value": value})
        predicted[p.id] = row
    report = score_timex(gold, predicted)
    dt = report.date_time
    assert dt.relaxed.f1 == 1.0 and dt.strict.f1 == 1.0
    assert dt.value.correct == dt.value.total - shifted
    assert report.duration_set.value.value == 1.0
    assert {e.kind for e in report.errors} == {"value"} and len(report.errors) == shifted


def test_values_are_compared_in_normal_form():
    assert normalize_timex_value("P2DE") == normalize_timex_value("P20Y")
    assert normalize_timex_value("2020-01-08T15:00:00") == "2020-01-08T15:00"
    assert normalize_timex_value(" present_ref ") == "PRESENT_REF"
    assert normalize_timex_value("P1W") != normalize_timex_value("P7D")
    assert normalize_timex_value(None) == ""


def test_predictions_may_be_objects_dicts_or_sequences():
    @dataclass(frozen=True)
    class Found:  # shaped like a tagger's record, with extra fields the scorer ignores
        start: int
        end: int
        type: str
        value: str
        text: str
        confidence: float = 1.0

    found = [Found(15, 22, "date", "2020-01-07", "Tuesday")]
    by_object = score_timex([_passage()], [found])
    by_dict = score_timex(
        [_passage()], {"p1": [{"start": 15, "end": 22, "type": "DATE", "value": "2020-01-07"}]}
    )
    assert by_object.to_dict() == by_dict.to_dict()
    assert by_object.date_time.value.value == 1.0  # type compared upper-cased
    assert predicted_timex(found[0]).text == "Tuesday"


@pytest.mark.parametrize(
    "bad",
    [
        {"start": 5, "end": 5, "type": "DATE", "value": "2020"},
        {"start": "1", "end": 5, "type": "DATE", "value": "2020"},
        {"start": 1, "end": 5, "value": "2020"},
        {"start": 1, "end": 5, "type": "DATE", "value": 2020},
    ],
)
def test_malformed_predictions_are_usage_errors(bad):
    with pytest.raises(UsageError) as info:
        predicted_timex(bad)
    assert info.value.code == "E435"


def test_predictions_must_line_up_with_the_gold():
    with pytest.raises(UsageError) as info:
        score_timex([_passage()], [[], []])
    assert info.value.code == "E436"
    with pytest.raises(UsageError):
        score_timex([_passage()], {"nope": []})


def test_a_missing_value_counts_as_wrong():
    report = score_timex([_passage()], [[{"start": 15, "end": 22, "type": "DATE", "value": None}]])
    assert report.date_time.value.correct == 0 and report.date_time.relaxed.tp == 1


def test_evaluate_runs_a_tagger_with_the_publication_date(gold):
    seen: list[date] = []

    def tagger(text: str, published: date):
        seen.append(published)
        return [t for p in gold if p.text == text and p.date == published for t in p.timexes]

    report = evaluate_timex_file(GOLD, tagger)
    assert report.overall.value_detection.f1 == 1.0
    assert seen == [p.date for p in gold]
    assert evaluate_timex(gold[:3], lambda text, published: []).overall.relaxed.fn == sum(
        len(p.timexes) for p in gold[:3]
    )


def test_report_serialises_and_renders():
    predicted = [{"start": 15, "end": 22, "type": "DATE", "value": "2019-12-31"}]
    report = score_timex([_passage()], [predicted])
    data = json.loads(json.dumps(report.to_dict()))
    assert set(data["groups"]) == {"date_time", "duration_set", "all"}
    assert data["groups"]["date_time"]["value_accuracy"] == {"correct": 0, "total": 1, "value": 0.0}
    assert data["traps"] == {"total": 1, "hit": 0}
    assert [e["kind"] for e in data["errors"]] == ["value", "missing", "missing"]
    text = report.format_text()
    assert "DATE/TIME" in text and "DURATION/SET" in text and "relaxed F1" in text and "value acc" in text
    errors = report.format_errors()
    assert errors.startswith(
        "p1:1 value | gold 'Tuesday' DATE 2020-01-07 | predicted 'Tuesday' DATE 2019-12-31"
    )
    assert "[2020-01-08 Wed]" in errors
    with pytest.raises(UsageError):
        report.group("TIME")
