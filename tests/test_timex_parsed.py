"""Temporal expressions and event dates on parsed text (the real spaCy model): tense, attachment, the seed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire.timex import EventDate, TimexTagger

pytestmark = pytest.mark.slow

WED = date(2020, 1, 8)
SUN = date(2020, 1, 12)
SEED = Path(__file__).resolve().parent.parent / "examples" / "000_17d1bd0ca880ae7a.txt"


def values(nlp, text: str, publication: date = WED) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in TimexTagger().find(nlp(text), publication)]


def dated(nlp, text: str, trigger: str, publication: date | None = WED, *, nth: int = 0) -> EventDate:
    doc = nlp(text)
    index = [t.i for t in doc if t.text == trigger][nth]
    tagger = TimexTagger()
    return tagger.event_date(doc, index, tagger.find(doc, publication), publication)


@pytest.mark.parametrize(
    ("text", "publication", "expected"),
    [
        ("Iran attacked the base on Wednesday.", SUN, [("Wednesday", "2020-01-08")]),
        ("Iran will attack the base on Wednesday.", SUN, [("Wednesday", "2020-01-15")]),
        ("Iran attacked the base on Thursday.", WED, [("Thursday", "2020-01-02")]),
        ("The ministers will meet on Thursday.", WED, [("Thursday", "2020-01-09")]),
        ("The ministers are scheduled to meet on Thursday.", WED, [("Thursday", "2020-01-09")]),
        ("The ministers plan to meet on Monday.", WED, [("Monday", "2020-01-13")]),
        ("He said he would visit Baghdad on Friday.", WED, [("Friday", "2020-01-10")]),
        ("The talks in May failed.", WED, [("May", "2019-05")]),
        ("The talks will resume in May.", WED, [("May", "2020-05")]),
        ("The summit will open on December 8.", WED, [("December 8", "2020-12-08")]),
        ("The summit opened on December 8.", WED, [("December 8", "2019-12-08")]),
        ("Elections were held in March.", WED, [("March", "2019-03")]),
        ("Congress meets Wednesday to certify the result.", SUN, [("Wednesday", "2020-01-15")]),
        ("A deal could be reached by Monday.", WED, [("Monday", "2020-01-13")]),
    ],
)
def test_tense_resolves_weekdays_and_months(nlp, text, publication, expected):
    assert values(nlp, text, publication) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Theresa May said the deal was dead.", []),
        ("Protesters march in March every year.", [("March", "2020-03"), ("every year", "P1Y")]),
        ("Iran sent 2000 troops to the border.", []),
        ("Turnout in the 2019 elections was low.", [("2019", "2019")]),
        ("Two days after the attack, rebels fired again.", [("Two days", "P2D")]),
    ],
)
def test_parse_filters_false_positives(nlp, text, expected):
    assert values(nlp, text) == expected


# ---------------------------------------------------------------- event dates
def test_attached_weekday_dates_the_event(nlp):
    when = dated(nlp, "Iran attacked the base on Wednesday.", "attacked", SUN)
    assert (when.date, when.basis, when.granularity, when.flags) == (date(2020, 1, 8), "relative", "day", ())
    assert when.timex is not None and when.timex.text == "Wednesday"


def test_calendar_date_on_the_subject_dates_the_speech_verb(nlp):
    # The parser hangs "on December 8" on "mission"; a date on a non-event noun belongs to its verb.
    when = dated(nlp, "The United Nations mission in Iraq on December 8 said that the country should not "
                      "bear the brunt.", "said")
    assert (when.date, when.basis, when.granularity) == (date(2019, 12, 8), "explicit", "day")


def test_date_of_the_speech_does_not_date_the_reported_event(nlp):
    text = "The ministry said on Monday that rebels attacked a convoy."
    assert dated(nlp, text, "said").date == date(2020, 1, 6)
    reported = dated(nlp, text, "attacked")
    assert (reported.date, reported.basis) == (WED, "publication")


def test_date_on_an_event_noun_dates_the_light_verb(nlp):
    when = dated(nlp, "Iran launched missile strikes on Tuesday.", "strikes")
    assert (when.date, when.basis) == (date(2020, 1, 7), "relative")
    assert dated(nlp, "Iran launched missile strikes on Tuesday.", "launched").date == date(2020, 1, 7)


def test_no_expression_gives_the_publication_date(nlp):
    when = dated(nlp, "Iran condemned the attack.", "condemned")
    assert (when.date, when.basis, when.granularity, when.timex) == (WED, "publication", "day", None)


def test_no_expression_and_no_publication_date(nlp):
    when = dated(nlp, "Iran condemned the attack.", "condemned", None)
    assert (when.date, when.basis, when.flags) == (None, None, ("no_publication_date",))


def test_week_granularity_keeps_the_first_day(nlp):
    when = dated(nlp, "Rebels seized the town last week.", "seized")
    assert (when.date, when.basis, when.granularity) == (date(2019, 12, 30), "relative", "week")
    assert dated(nlp, "Rebels seized the town in 2019.", "seized").granularity == "year"


def test_past_report_resolved_to_the_future_is_flagged(nlp):
    when = dated(nlp, "Rebels seized the town in December 2020.", "seized")
    assert when.date == date(2020, 12, 1)
    assert "after_publication" in when.flags and "past_tense_future" in when.flags
    assert when.confidence <= 0.3


def test_planned_event_is_flagged_after_publication_only(nlp):
    when = dated(nlp, "The two leaders will meet next month.", "meet")
    assert (when.date, when.basis, when.granularity) == (date(2020, 2, 1), "relative", "month")
    assert when.flags == ("after_publication",)


def test_date_in_another_clause_is_not_taken(nlp):
    text = "Police arrested the men who had attacked the embassy on Monday."
    assert dated(nlp, text, "arrested").basis == "publication"


def test_vague_expression_keeps_publication_date_with_a_flag(nlp):
    when = dated(nlp, "Rebels recently seized the town.", "seized")
    assert (when.date, when.basis, when.flags) == (WED, "publication", ("vague_time",))


def test_trigger_outside_document_is_a_usage_error(nlp):
    from eventwire.errors import UsageError

    doc = nlp("Iran attacked.")
    with pytest.raises(UsageError):
        TimexTagger().event_date(doc, 99, [], WED)


# ---------------------------------------------------------------- seed acceptance (issue 4)
@pytest.fixture(scope="module")
def seed(nlp):
    text = SEED.read_text(encoding="utf-8").split("date 2020-01-08 ", 1)[1]
    doc = nlp(text)
    tagger = TimexTagger()
    return doc, tagger, tagger.find(doc, WED)


def test_seed_expressions(seed):
    _, _, timexes = seed
    assert [(t.text, t.type, t.value) for t in timexes] == [
        ("December 8", "DATE", "2019-12-08"), ("January 8, 2020", "DATE", "2020-01-08"),
    ]


def test_seed_unami_statement_is_dated_december_8(seed):
    doc, tagger, timexes = seed
    said = next(t for t in doc if t.text == "said")
    when = tagger.event_date(doc, said.i, timexes, WED)
    assert (when.date, when.basis) == (date(2019, 12, 8), "explicit")
    assert when.flags == ()


def test_seed_missile_strikes_keep_the_article_date(seed):
    doc, tagger, timexes = seed
    triggers = [t for t in doc if t.lemma_ in ("launch", "strike", "kill") or t.text == "strikes"]
    assert len(triggers) >= 4
    for tok in triggers:
        when = tagger.event_date(doc, tok.i, timexes, WED)
        assert (when.date, when.basis) == (WED, "publication"), tok.text


def test_date_hung_on_a_describing_participle_belongs_to_the_event(nlp):
    text = "Iran fired missiles at Iraqi bases housing US troops on Wednesday."
    when = dated(nlp, text, "fired", publication=date(2020, 1, 10))
    assert (when.date, when.basis) == (date(2020, 1, 8), "relative")
