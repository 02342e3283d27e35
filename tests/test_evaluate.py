"""The gold set's shape and coverage, and the scorer on hand-built mentions (no coder, no spaCy)."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from eventwire.evaluate import (
    NONE_ROOT,
    GoldEvent,
    GoldFormatError,
    GoldSentence,
    evaluate_file,
    load_gold,
    match_sentence,
    predicted_event,
    score,
)
from eventwire.model import ActorRef, EventMention, Span

GOLD_PATH = Path(__file__).parent / "gold" / "events.jsonl"


def actor(code: str | None) -> ActorRef | None:
    if code is None:
        return None
    country = code[:6] if code.startswith("IGO") else code[:3]
    return ActorRef(code=code, name=code, country=country, sector=code[3:] or None, text=code, start=0, end=1)


def mention(
    source: str | None,
    target: str | None,
    cameo: str,
    *,
    negated: bool = False,
    hypothetical: bool = False,
    attributed_to: str | None = None,
) -> EventMention:
    return EventMention(
        article_id="a1",
        sentence_index=0,
        sentence="s",
        publication_date=None,
        event_date=None,
        date_basis=None,
        source=actor(source),
        target=actor(target),
        cameo=cameo,
        cameo_root=cameo[:2],
        cameo_name="",
        goldstein=0.0,
        quad_class=1,
        plover_type=None,
        plover_mode=None,
        trigger=Span("x", 0, 1),
        negated=negated,
        hypothetical=hypothetical,
        attributed_to=actor(attributed_to),
    )


def sentence(sid: str, *events: GoldEvent, tags: tuple[str, ...] = ()) -> GoldSentence:
    return GoldSentence(id=sid, text=f"text {sid}", date=date(2020, 1, 8), tags=tags, events=events, line=1)


ATTACK = GoldEvent("IRNMIL", "USAMIL", "195")


# --- scorer -----------------------------------------------------------------------------------------


def test_perfect_match():
    report = score([sentence("g1", ATTACK)], [[mention("IRNMIL", "USAMIL", "195")]])
    assert (report.detection.tp, report.detection.fp, report.detection.fn) == (1, 0, 0)
    assert report.detection.f1 == 1.0
    assert report.code.value == 1.0
    assert report.source_exact.value == 1.0
    assert report.errors == ()


def test_wrong_root_is_matched_but_counted_wrong_when_anchored():
    report = score([sentence("g1", ATTACK)], [[mention("IRNMIL", "USAMIL", "173")]], matching="anchored")
    assert report.detection.tp == 1
    assert report.root.value == 0.0
    assert report.code.value == 0.0
    assert [e.kind for e in report.errors] == ["wrong_code"]
    assert report.confusion_count("19", "17") == 1


def test_same_root_other_code_counts_for_root_accuracy_only():
    report = score([sentence("g1", ATTACK)], [[mention("IRNMIL", "USAMIL", "190")]])
    assert report.detection.tp == 1  # strict matching asks for the root, not the full code
    assert (report.root.value, report.code.value) == (1.0, 0.0)


def test_swapped_actors_do_not_match():
    report = score([sentence("g1", ATTACK)], [[mention("USAMIL", "IRNMIL", "195")]])
    assert (report.detection.tp, report.detection.fp, report.detection.fn) == (0, 1, 1)
    assert sorted(e.kind for e in report.errors) == ["missing", "spurious"]


def test_swapped_actors_of_one_country_match_with_wrong_exact_codes_when_anchored():
    gold = [sentence("g1", GoldEvent("USAGOV", "USAMIL", "111"))]
    report = score(gold, [[mention("USAMIL", "USAGOV", "111")]], matching="anchored")
    assert report.detection.tp == 1
    assert (report.source_exact.value, report.source_country.value) == (0.0, 1.0)
    assert (report.target_exact.value, report.target_country.value) == (0.0, 1.0)
    assert [e.kind for e in report.errors] == ["wrong_actor"]


def test_missing_target_matches_only_with_anchored_policy():
    gold = [sentence("g1", ATTACK)]
    predicted = [[mention("IRNMIL", None, "195")]]
    assert score(gold, predicted, matching="loose").detection.tp == 0
    anchored = score(gold, predicted, matching="anchored")
    assert anchored.detection.tp == 1
    assert anchored.target_country.value == 0.0


def test_igo_codes_compare_by_organisation():
    gold = [sentence("g1", GoldEvent("IGOUNO", "IRN", "0256"))]
    assert score(gold, [[mention("IGONAT", "IRN", "0256")]], matching="loose").detection.tp == 0
    assert score(gold, [[mention("IGOUNOIAE", "IRN", "0256")]]).detection.tp == 1
    assert score(gold, [[mention("IGOUNOIAE", "IRN", "0256")]], matching="anchored").detection.tp == 1


# --- strict matching (the headline) -----------------------------------------------------------------


def test_strict_is_the_default_and_reports_the_other_policies():
    report = score([sentence("g1", ATTACK)], [[mention("IRNMIL", "USAMIL", "195")]])
    assert report.matching == "strict"
    assert [policy for policy, _ in report.detection_by_policy] == ["strict", "loose", "anchored"]
    assert report.to_dict()["detection_by_policy"]["anchored"]["tp"] == 1
    text = report.format_text()
    assert "matching: strict" in text
    assert text.index("\nstrict ") < text.index("\nloose ") < text.index("\nanchored ")


@pytest.mark.parametrize(
    ("predicted", "strict_tp", "anchored_tp"),
    [
        (("IRNMIL", "USAMIL", "190"), 1, 1),  # same root, other code
        (("IRNMIL", "USAMIL", "173"), 0, 1),  # wrong root
        (("IRN", "USAMIL", "195"), 0, 1),  # source at country level only: IRN is not IRNMIL
        (("IRNGOV", "USAMIL", "195"), 0, 1),  # wrong sector
        (("IRNMIL", None, "195"), 0, 1),  # missing target
        (("IRNMIL", "USAMILNAV", "195"), 1, 1),  # deeper code, same country/sector
        (("USAMIL", "IRNMIL", "195"), 0, 0),  # swapped
    ],
)
def test_strict_needs_root_source_and_target_at_country_sector_level(predicted, strict_tp, anchored_tp):
    gold = [sentence("g1", ATTACK)]
    report = score(gold, [[mention(*predicted)]])
    assert report.detection.tp == strict_tp
    assert dict(report.detection_by_policy)["anchored"].tp == anchored_tp


def test_strict_compares_six_characters():
    from eventwire.evaluate import actor_level

    assert actor_level("IGOUNOIAE") == "IGOUNO"
    assert actor_level("PSEREBHMS") == "PSEREB"
    assert actor_level("USA") == "USA"
    assert actor_level(None) is None
    gold = [sentence("g1", GoldEvent("PSEREBHMS", "ISRMIL", "190"))]
    assert score(gold, [[mention("PSEREB", "ISRMIL", "190")]]).detection.tp == 1
    assert score(gold, [[mention("PSE", "ISRMIL", "190")]]).detection.tp == 0


def test_false_positive_on_no_event_sentence():
    gold = [sentence("g1", tags=("no_event",)), sentence("g2", ATTACK)]
    predicted = [
        [mention("FRA", "HRV", "190"), mention("FRA", None, "010")],
        [mention("IRNMIL", "USAMIL", "195")],
    ]
    report = score(gold, predicted)
    assert report.no_event_sentences == 1
    assert report.no_event_sentences_with_predictions == 1
    assert report.no_event_false_positives == 2
    assert report.detection.fp == 2
    assert report.tag("no_event").fp == 2
    assert report.tag("no_event").f1 == 0.0
    assert report.confusion_count(NONE_ROOT, "19") == 1
    assert report.confusion_count(NONE_ROOT, "01") == 1


def test_missed_event():
    report = score([sentence("g1", ATTACK, tags=("nominal",))], [[]])
    assert (report.detection.tp, report.detection.fn) == (0, 1)
    assert report.detection.recall == 0.0
    assert report.detection.precision is None
    assert report.confusion_count("19", NONE_ROOT) == 1
    assert report.tag("nominal").fn == 1
    (error,) = report.errors
    assert (error.kind, error.gold, error.predicted) == ("missing", ATTACK, None)


def test_greedy_pairing_prefers_the_better_pair():
    # Both predictions are candidates for both gold events (same countries); the pairing must not let the
    # first prediction take the first gold event when the second prediction is its exact match.
    statement = GoldEvent("IRQGOV", "IRN", "010")
    appeal = GoldEvent("IRQGOV", "IRN", "0256")
    predictions = [mention("IRQGOV", "IRN", "0256"), mention("IRQGOV", "IRN", "010")]
    pairs = match_sentence([statement, appeal], [predicted_event(m) for m in predictions])
    assert pairs == [(0, 1), (1, 0)]
    report = score([sentence("g1", statement, appeal)], [predictions])
    assert report.detection.tp == 2
    assert report.code.value == 1.0


def test_greedy_pairing_two_events_one_sentence_with_a_leftover():
    gold = [sentence("g1", GoldEvent("IRN", "USAMIL", "195"), GoldEvent("IGOUNO", None, "0256"))]
    predicted = [
        [mention("IGOUNO", None, "020"), mention("IRN", "USAMIL", "195"), mention("IRQ", "IRN", "111")]
    ]
    report = score(gold, predicted)
    assert (report.detection.tp, report.detection.fp, report.detection.fn) == (2, 1, 0)
    assert report.root.value == 1.0
    assert report.code.correct == 1


def test_confusion_table_counts():
    gold = [
        sentence("g1", ATTACK),
        sentence("g2", ATTACK),
        sentence("g3", GoldEvent("USAGOV", "IRN", "138")),
        sentence("g4", GoldEvent("RUS", "UKR", "190")),
    ]
    predicted = [
        [mention("IRNMIL", "USAMIL", "195")],
        [mention("IRNMIL", "USAMIL", "183")],
        [mention("USAGOV", "IRN", "195")],
        [],
    ]
    report = score(gold, predicted, matching="anchored")
    assert report.confusion == (("13", "19", 1), ("19", "18", 1), ("19", "19", 1), ("19", NONE_ROOT, 1))
    table = report.format_text()
    assert "Confusion by root" in table
    assert NONE_ROOT in table


def test_flags_and_attribution_accuracy():
    gold = [sentence("g1", GoldEvent("RUS", "UKR", "190", negated=True, attributed_to="RUSGOV"))]
    report = score(gold, [[mention("RUS", "UKR", "190", hypothetical=True, attributed_to="RUSGOV")]])
    assert (report.negated.value, report.hypothetical.value) == (0.0, 0.0)
    assert report.attribution.value == 1.0
    assert [e.kind for e in report.errors] == ["wrong_flag"]


def test_gold_sentence_index_restricts_matching():
    gold = [sentence("g1", GoldEvent("IRN", "USA", "195", sentence=1))]
    assert score(gold, [[mention("IRN", "USA", "195")]]).detection.tp == 0  # prediction is in sentence 0


def test_score_needs_one_prediction_list_per_sentence():
    with pytest.raises(Exception, match="E430"):
        score([sentence("g1", ATTACK)], [])


def test_report_to_dict_is_json():
    report = score([sentence("g1", ATTACK, tags=("passive",))], [[mention("IRNMIL", "USAMIL", "190")]])
    data = json.loads(json.dumps(report.to_dict()))
    assert data["detection"]["tp"] == 1
    assert data["accuracy"]["code"]["value"] == 0.0
    assert data["per_tag"]["passive"]["f1"] == 1.0
    assert data["errors"][0]["kind"] == "wrong_code"
    assert "g1:1 wrong_code" in report.format_errors()


def test_evaluate_file_runs_the_coder_with_each_date(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(
        '{"id": "a", "text": "Iran hit US troops.", "date": "2020-01-08", "tags": [], '
        '"events": [{"source": "IRN", "target": "USAMIL", "cameo": "195"}]}\n'
        '{"id": "b", "text": "Rain fell.", "date": null, "tags": ["no_event"], "events": []}\n',
        encoding="utf-8",
    )
    seen: list[tuple[str, date | None]] = []

    def coder(text: str, when: date | None) -> list[EventMention]:
        seen.append((text, when))
        return [mention("IRN", "USAMIL", "195")] if "Iran" in text else []

    report = evaluate_file(path, coder)
    assert seen == [("Iran hit US troops.", date(2020, 1, 8)), ("Rain fell.", None)]
    assert report.detection.f1 == 1.0
    assert report.no_event_false_positives == 0


# --- gold loading -------------------------------------------------------------------------------------


def test_malformed_gold_line_names_file_and_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(
        '{"id": "a", "text": "t", "date": null, "tags": [], "events": []}\n\n{"id": "b", "text": \n',
        encoding="utf-8",
    )
    with pytest.raises(GoldFormatError) as info:
        load_gold(path)
    assert info.value.line == 3
    assert info.value.code == "E131"
    assert f"{path}:3" in str(info.value)


@pytest.mark.parametrize(
    ("event", "code"),
    [
        ('{"source": "IRN", "target": null, "cameo": "19"}', None),
        ('{"source": "IRN", "target": null, "cameo": "1950"}', None),
        ('{"source": "IRN", "target": null, "cameo": 195}', "E133"),
        ('{"source": "iran", "target": null, "cameo": "195"}', "E134"),
        ('{"source": null, "target": null, "cameo": "195"}', "E137"),
        ('{"source": "IRN", "cameo": "195", "negated": "yes"}', "E132"),
        ('{"source": "IRN", "cameo": "195", "actor": "X"}', "E132"),
    ],
)
def test_gold_event_validation(tmp_path, event, code):
    path = tmp_path / "g.jsonl"
    path.write_text(
        f'{{"id": "a", "text": "t", "date": "2020-01-08", "events": [{event}]}}\n', encoding="utf-8"
    )
    if code is None:
        assert len(load_gold(path)) == 1
    else:
        with pytest.raises(GoldFormatError) as info:
            load_gold(path)
        assert (info.value.code, info.value.line) == (code, 1)


def test_bad_date_and_duplicate_id(tmp_path):
    path = tmp_path / "g.jsonl"
    path.write_text('{"id": "a", "text": "t", "date": "2020-13-01", "events": []}\n', encoding="utf-8")
    with pytest.raises(GoldFormatError, match="E135"):
        load_gold(path)
    line = '{"id": "a", "text": "t", "date": null, "events": []}\n'
    path.write_text(line + line, encoding="utf-8")
    with pytest.raises(GoldFormatError) as info:
        load_gold(path)
    assert (info.value.code, info.value.line) == ("E136", 2)


def test_missing_gold_file_raises(tmp_path):
    with pytest.raises(GoldFormatError, match="E130"):
        load_gold(tmp_path / "nope.jsonl")


# --- the bundled gold set -----------------------------------------------------------------------------

COVERAGE_MINIMUMS = {
    "negation": 20,
    "hypothetical": 20,
    "passive": 25,
    "nominal": 40,
    "coordination": 20,
    "speech": 60,
    "implicit_agent": 8,
    "relative_clause": 10,
    "no_event": 70,
}


@pytest.fixture(scope="module")
def gold() -> list[GoldSentence]:
    return load_gold(GOLD_PATH)


def test_gold_set_size_and_coverage(gold):
    assert len(gold) >= 420
    tags = Counter(tag for s in gold for tag in s.tags)
    short = {tag: tags[tag] for tag, minimum in COVERAGE_MINIMUMS.items() if tags[tag] < minimum}
    assert not short, f"tags below their minimum: {short}"
    roots = Counter(s.events[0].root for s in gold if s.events)
    assert {f"{n:02d}" for n in range(1, 21)} <= set(roots)
    assert min(roots[f"{n:02d}"] for n in range(1, 21)) >= 18, roots


def test_gold_tags_agree_with_events(gold):
    for s in gold:
        assert ("no_event" in s.tags) == (not s.events), s.id
        if any(e.negated for e in s.events):
            assert "negation" in s.tags, s.id
        if any(e.hypothetical for e in s.events):
            assert "hypothetical" in s.tags, s.id
        assert s.date is not None, s.id
        assert date(2014, 1, 1) <= s.date < date(2027, 1, 1), s.id


def test_gold_codes_are_cameo_codes(gold):
    ontology_module = pytest.importorskip(
        "eventwire.ontology", reason="eventwire.ontology is not written yet; CAMEO codes not checked"
    )
    ontology = ontology_module.load_ontology()
    unknown = [(s.id, e.cameo) for s in gold for e in s.events if e.cameo not in ontology]
    assert not unknown
    assert len(load_gold(GOLD_PATH, ontology=ontology)) == len(gold)


def test_gold_coverage_counts_first_event_roots():
    from eventwire.evaluate import gold_coverage

    cover = gold_coverage(
        [
            sentence("g1", ATTACK, GoldEvent("IRN", None, "010"), tags=("nominal",)),
            sentence("g2", tags=("no_event",)),
        ]
    )
    assert (cover.sentences, cover.events) == (2, 2)
    assert cover.roots == (("19", 1),)
    assert dict(cover.tags) == {"nominal": 1, "no_event": 1}
    assert "no_event" in cover.format_text()
