"""Finding and normalising temporal expressions, on a tokenised (unparsed) Doc: fast, no model.

Without a parse there is no tense, so weekdays take the news default (on or before the publication day) and
months without a year the nearest occurrence. Tense-sensitive cases are in test_timex_parsed.py.
"""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.timex import Timex, TimexTagger

WED = date(2020, 1, 8)
SUN = date(2020, 1, 12)
MON = date(2020, 1, 13)


@pytest.fixture(scope="module")
def tokenizer():
    import spacy

    return spacy.blank("en")


def find(tokenizer, text: str, publication: date | None = WED) -> list[Timex]:
    return TimexTagger().find(tokenizer(text), publication)


def only(tokenizer, text: str, publication: date | None = WED) -> Timex:
    found = find(tokenizer, text, publication)
    assert len(found) == 1, [(t.text, t.value) for t in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "expression", "type_", "value"),
    [
        ("It happened on January 8, 2020.", "January 8, 2020", "DATE", "2020-01-08"),
        ("It happened on Jan. 8, 2020.", "Jan. 8, 2020", "DATE", "2020-01-08"),
        ("It happened on 8 January 2020.", "8 January 2020", "DATE", "2020-01-08"),
        ("It happened on Wednesday, January 8, 2020.", "Wednesday, January 8, 2020", "DATE", "2020-01-08"),
        ("It happened on 8 Jan.", "8 Jan", "DATE", "2020-01-08"),
        ("It happened on Jan. 8.", "Jan. 8", "DATE", "2020-01-08"),
        ("It happened on December 8.", "December 8", "DATE", "2019-12-08"),
        ("It happened on the 8th of December.", "the 8th of December", "DATE", "2019-12-08"),
        ("It happened on 2019-12-30.", "2019-12-30", "DATE", "2019-12-30"),
        ("It happened in 2019.", "2019", "DATE", "2019"),
        ("It happened in December 2019.", "December 2019", "DATE", "2019-12"),
        ("It happened in the 1990s.", "the 1990s", "DATE", "199"),
        ("It happened in the first quarter of 2019.", "the first quarter of 2019", "DATE", "2019-Q1"),
        ("It happened in the second half of 2019.", "the second half of 2019", "DATE", "2019-H2"),
        ("It happened in the summer of 2018.", "summer of 2018", "DATE", "2018-SU"),
    ],
)
def test_absolute_dates(tokenizer, text, expression, type_, value):
    tx = only(tokenizer, text)
    assert (tx.text, tx.type, tx.value) == (expression, type_, value)
    assert text[tx.start:tx.end] == tx.text


@pytest.mark.parametrize(
    ("text", "value", "mod"),
    [
        ("It began in mid-December.", "2019-12", "MID"),
        ("It began in early 2019.", "2019", "START"),
        ("It began in late November.", "2019-11", "END"),
        ("It began at the end of December 2019.", "2019-12", "END"),
        ("It began at the beginning of March.", "2020-03", "START"),
    ],
)
def test_modified_dates(tokenizer, text, value, mod):
    tx = only(tokenizer, text)
    assert (tx.value, tx.mod) == (value, mod)


@pytest.mark.parametrize(
    ("text", "publication", "value", "granularity"),
    [
        ("It happened yesterday.", WED, "2020-01-07", "day"),
        ("It happens today.", WED, "2020-01-08", "day"),
        ("It happens tomorrow.", WED, "2020-01-09", "day"),
        ("It happened two days ago.", WED, "2020-01-06", "day"),
        ("It happened three weeks ago.", WED, "2019-W51", "week"),
        ("It happened a year ago.", WED, "2019", "year"),
        ("It happened last week.", WED, "2020-W01", "week"),
        ("It happened last week.", date(2020, 1, 1), "2019-W52", "week"),
        ("It happens this week.", date(2019, 12, 31), "2020-W01", "week"),
        ("It happens next week.", date(2020, 12, 28), "2021-W01", "week"),
        ("It happens next month.", WED, "2020-02", "month"),
        ("It happened last month.", WED, "2019-12", "month"),
        ("It happened earlier this month.", WED, "2020-01", "month"),
        ("It happened last year.", WED, "2019", "year"),
        ("It happens later this year.", WED, "2020", "year"),
        ("It happened last December.", WED, "2019-12", "month"),
        ("It happens next March.", WED, "2020-03", "month"),
        ("It happened on Wednesday.", WED, "2020-01-08", "day"),
        ("It happened on Wednesday.", SUN, "2020-01-08", "day"),
        ("It happened on Sunday.", MON, "2020-01-12", "day"),
        ("It happened on Monday.", MON, "2020-01-13", "day"),
        ("It happened on Friday.", date(2020, 1, 1), "2019-12-27", "day"),
        ("It happened last Monday.", MON, "2020-01-06", "day"),
        ("It happened late Tuesday.", WED, "2020-01-07", "day"),
        ("It happened over the weekend.", MON, "2020-W02-WE", "week"),
        ("It happened over the weekend.", WED, "2020-W01-WE", "week"),
        ("It happened last summer.", WED, "2019-SU", "season"),
    ],
)
def test_relative_dates(tokenizer, text, publication, value, granularity):
    tx = only(tokenizer, text, publication)
    assert (tx.type, tx.value, tx.granularity) == ("DATE", value, granularity)
    assert tx.kind == "relative"


def test_relative_first_day_keeps_the_period_start(tokenizer):
    assert only(tokenizer, "It happened last week.").first_day == date(2019, 12, 30)
    assert only(tokenizer, "It happened next month.").first_day == date(2020, 2, 1)
    assert only(tokenizer, "It happened last year.").first_day == date(2019, 1, 1)


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("They met this morning.", "this morning", "2020-01-08TMO"),
        ("They met last night.", "last night", "2020-01-07TNI"),
        ("They met tonight.", "tonight", "2020-01-08TNI"),
        ("They met on Tuesday night.", "Tuesday night", "2020-01-07TNI"),
        ("They met at 3 p.m.", "3 p.m.", "2020-01-08T15:00"),
        ("They met at 10:30 GMT.", "10:30 GMT", "2020-01-08T10:30"),
        ("They met at noon.", "noon", "2020-01-08T12:00"),
    ],
)
def test_times(tokenizer, text, expression, value):
    tx = only(tokenizer, text)
    assert (tx.text, tx.type, tx.value) == (expression, "TIME", value)


def test_clock_time_takes_the_day_named_before_it_in_the_sentence(tokenizer):
    found = find(tokenizer, "The blast came on Monday at 3 p.m. local time.")
    assert [t.value for t in found] == ["2020-01-06", "2020-01-06T15:00"]


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The siege lasted for three days.", "three days", "P3D"),
        ("The siege lasted 24 hours.", "24 hours", "PT24H"),
        ("Fighting over the past 24 hours killed ten.", "the past 24 hours", "PT24H"),
        ("The war lasted two years.", "two years", "P2Y"),
        ("The war lasted several weeks.", "several weeks", "PXW"),
        ("The war lasted a decade.", "a decade", "P1DE"),
        ("He was jailed for years.", "years", "PXY"),
        ("He began a three-day visit.", "three-day", "P3D"),
        ("Talks took twenty-one days.", "twenty-one days", "P21D"),
        ("The talks lasted 90 minutes.", "90 minutes", "PT90M"),
        ("Prices rose over the past week.", "the past week", "P1W"),
    ],
)
def test_durations(tokenizer, text, expression, value):
    tx = only(tokenizer, text)
    assert (tx.text, tx.type, tx.value, tx.granularity) == (expression, "DURATION", value, None)


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("They protest every Friday.", "every Friday", "XXXX-WXX-5"),
        ("They protest on Fridays.", "Fridays", "XXXX-WXX-5"),
        ("They protest every day.", "every day", "P1D"),
        ("They meet every two weeks.", "every two weeks", "P2W"),
        ("They meet every other month.", "every other month", "P2M"),
        ("They meet daily.", "daily", "P1D"),
        ("They meet twice a week.", "twice a week", "P1W"),
        ("They meet annually.", "annually", "P1Y"),
    ],
)
def test_sets(tokenizer, text, expression, value):
    tx = only(tokenizer, text)
    assert (tx.text, tx.type, tx.value) == (expression, "SET", value)


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("Attacks have increased recently.", "recently", "PAST_REF"),
        ("Attacks have increased in recent months.", "recent months", "PAST_REF"),
        ("It has happened in the past.", "the past", "PAST_REF"),
        ("The city is now calm.", "now", "PRESENT_REF"),
        ("The city is currently calm.", "currently", "PRESENT_REF"),
        ("Talks will resume soon.", "soon", "FUTURE_REF"),
        ("Talks will resume in the coming days.", "the coming days", "FUTURE_REF"),
    ],
)
def test_vague(tokenizer, text, expression, value):
    tx = only(tokenizer, text)
    assert (tx.text, tx.type, tx.value, tx.kind) == (expression, "DATE", value, "vague")


@pytest.mark.parametrize(
    ("text", "expression", "mod"),
    [
        ("He ruled for more than two decades.", "more than two decades", "MORE_THAN"),
        ("The strike lasted nearly three months.", "nearly three months", "APPROX"),
        ("The talks lasted two hours.", "two hours", None),
    ],
)
def test_approximate_durations(tokenizer, text, expression, mod):
    tx = only(tokenizer, text)
    assert (tx.text, tx.mod) == (expression, mod)


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The withdrawal may take months.", "months", "PXM"),
        ("The plane crashed minutes after takeoff.", "minutes", "PTXM"),
        ("It was the deadliest raid in years.", "years", "PXY"),
    ],
)
def test_bare_plural_durations(tokenizer, text, expression, value):
    tx = only(tokenizer, text)
    assert (tx.text, tx.type, tx.value) == (expression, "DURATION", value)


def test_anaphoric_dates_count_from_the_last_date_named(tokenizer):
    found = find(tokenizer, "Rebels took the town on January 3. The next day they left. Two days later they returned.")
    assert [(t.text, t.value) for t in found] == [
        ("January 3", "2020-01-03"), ("The next day", "2020-01-04"), ("Two days later", "2020-01-06"),
    ]
    assert [t.kind for t in found[1:]] == ["anaphoric", "anaphoric"]


@pytest.mark.parametrize(
    "text",
    [
        "Theresa May said the deal was dead.",
        "Officials said they may march on the capital.",
        "More than 2,000 troops were deployed.",
        "The fund pledged $2019 to the cause.",
        "The council adopted Resolution 2019 unanimously.",
        "A 35-year-old man was arrested.",
        "The Sunday Times reported the deal.",
        "Results improved by 20% in the region.",
        "The day before the vote, nothing happened.",
    ],
)
def test_false_positives(tokenizer, text):
    assert find(tokenizer, text) == []


def test_an_anchored_offset_is_a_duration_not_a_date(tokenizer):
    # dateparser reads "two days after the" as a date two days after publication; it is anchored on the
    # attack, so only the duration is an expression here.
    found = find(tokenizer, "Two days after the attack, rebels fired again.")
    assert [(t.text, t.type, t.value) for t in found] == [("Two days", "DURATION", "P2D")]


def test_without_publication_date(tokenizer):
    found = find(tokenizer, "On December 8 and on January 8, 2020, and yesterday, it rained.", None)
    assert [(t.text, t.value) for t in found] == [("December 8", "XXXX-12-08"), ("January 8, 2020", "2020-01-08")]
    assert found[0].first_day is None


def test_offsets_tokens_and_order(tokenizer):
    text = "Iran struck on Wednesday, January 8, 2020, after a year of tension lasting three months."
    doc = tokenizer(text)
    found = TimexTagger().find(doc, WED)
    assert [t.text for t in found] == ["Wednesday, January 8, 2020", "a year", "three months"]
    for tx in found:
        assert text[tx.start:tx.end] == tx.text
        assert doc[tx.token_start:tx.token_end].text == tx.text
    assert [t.start for t in found] == sorted(t.start for t in found)


def test_to_dict_is_the_dates_contract(tokenizer):
    tx = only(tokenizer, "It happened on December 8.")
    assert tx.to_dict("a1") == {
        "article_id": "a1", "text": "December 8", "start": 15, "end": 25, "type": "DATE", "value": "2019-12-08",
    }


def test_long_article_finds_expressions_far_apart(tokenizer):
    filler = "Nothing of note happened in the region. " * 200
    found = find(tokenizer, f"It began on Monday. {filler} It ended on December 8, 2019.")
    assert [t.value for t in found] == ["2020-01-06", "2019-12-08"]
