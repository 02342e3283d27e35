"""Event dates in local news about violence: the event takes the day of the incident the text gives, not the
publication date. One test per class of expression; sentences of our own."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.model import Article, ArticleResult
from eventwire.pipeline import code_batch, code_text
from eventwire.settings import Settings
from eventwire.timex import TimexTagger
from eventwire.timex.incident import IncidentDates

pytestmark = pytest.mark.slow

TUE = date(2024, 3, 12)  # a Tuesday


def values(nlp, text: str, publication: date = TUE) -> dict[str, str]:
    doc = nlp(text)
    return {t.text: t.value for t in TimexTagger().find(doc, publication)}


def incident_dates(nlp, text: str) -> IncidentDates:
    doc = nlp(text)
    return IncidentDates(doc, TimexTagger().find(doc, TUE), TUE)


def violent_dates(text: str, publication: date = TUE) -> list[tuple[str, date | None, str | None, tuple[str, ...]]]:
    return [(m.trigger.text, m.event_date, m.date_basis, m.date_flags)
            for m in code_text(text, date=publication) if m.cameo_root in ("18", "19", "20")]


# ------------------------------------------------------------------ clock times
def test_a_bare_clock_time_is_on_the_day_named_before_it(nlp):
    text = ("Two brothers were wounded by gunfire Sunday night on Elm Street. "
            "Officers arrived at about 11:50 p.m. and found both men on the porch.")
    assert values(nlp, text)["11:50 p.m."] == "2024-03-10T23:50"


def test_a_bare_clock_time_with_no_day_before_it_is_on_the_publication_date(nlp):
    assert values(nlp, "Officers arrived at about 7:15 a.m. and closed the road.")["7:15 a.m."] == "2024-03-12T07:15"


def test_a_clock_time_and_its_weekday_are_one_expression(nlp):
    assert values(nlp, "The clerk was robbed at gunpoint at 4:20 a.m. Saturday, deputies said.")[
        "4:20 a.m. Saturday"] == "2024-03-09T04:20"


# ------------------------------------------------------------------ tense on incident nouns
@pytest.mark.parametrize(
    ("text", "expression"),
    [
        ("Deputies are still looking into a Friday shooting at a gas station.", "Friday"),
        ("The mayor is asking for calm after Friday's shooting outside the arena.", "Friday"),
        ("A teenager is in serious condition after a shooting Friday night near the river.", "Friday night"),
    ],
)
def test_a_weekday_dating_an_incident_noun_is_in_the_past_whatever_the_verb(nlp, text, expression):
    assert values(nlp, text)[expression].startswith("2024-03-08")


def test_a_weekday_in_a_present_schedule_still_looks_ahead(nlp):
    assert values(nlp, "The council meets Friday to discuss the budget.")["Friday"] == "2024-03-15"


# ------------------------------------------------------------------ tiers of the incident date
def test_a_violent_event_without_a_date_takes_the_incident_of_its_sentence(nlp):
    text = ("A girl was in stable condition Tuesday after she was hit by a stray bullet while a man fired "
            "at a car about 9 p.m. Sunday.")
    doc = nlp(text)
    tagger = TimexTagger()
    incidents = IncidentDates(doc, tagger.find(doc, TUE), TUE)
    hit = next(t.i for t in doc if t.text == "hit")
    when = incidents.of(hit)
    assert when is not None and when.date == date(2024, 3, 10)
    assert "sentence_incident" in when.flags


def test_a_scene_verb_dates_the_incident(nlp):
    text = ("Police responded to a call at 3:05 a.m. Monday on Oak Avenue. "
            "The victim, a 30-year-old man, had been stabbed in the chest.")
    incidents = incident_dates(nlp, text)
    assert incidents.article is not None and incidents.article.first_day == date(2024, 3, 11)


def test_a_court_date_in_a_sentence_about_the_shooting_is_not_the_incident(nlp):
    text = "A man accused of shooting his neighbor was arraigned Tuesday in district court."
    incidents = incident_dates(nlp, text)
    assert incidents.article is None


def test_a_calendar_date_months_before_publication_may_be_the_incident(nlp):
    text = "The jury convicted him on Monday of the Oct. 3 killing of a store owner."
    incidents = incident_dates(nlp, text)
    assert incidents.article is not None and incidents.article.first_day == date(2023, 10, 3)


def test_an_undated_shooting_takes_the_incident_day_of_the_article():
    text = ("Three men were shot around 10:30 p.m. Saturday outside a bowling alley, police said. "
            "A gunman wounded one of the men in the leg.")
    dated = [d for d in violent_dates(text) if d[0] == "wounded"]
    assert dated and dated[0][1] == date(2024, 3, 9)
    assert "article_incident" in dated[0][3]


def test_a_shooting_dated_only_by_this_year_takes_the_incident_day_inside_it():
    text = ("A woman was shot Sunday afternoon in a parking lot, police said. "
            "She is the fifth person that gunmen have shot in the town this year.")
    later = [d for d in violent_dates(text) if d[0] == "shot" and "article_incident" in d[3]]
    assert later and all(d[1] == date(2024, 3, 10) for d in later)


# ------------------------------------------------------------------ a day next to a named day
@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The store was robbed the day after Christmas.", "the day after Christmas", "2023-12-26"),
        ("Shots were fired the night before Feb. 20 outside a club.", "the night before Feb. 20", "2024-02-19TNI"),
    ],
)
def test_the_day_after_a_named_day_is_the_next_day(nlp, text, expression, value):
    assert values(nlp, text)[expression] == value


# ------------------------------------------------------------------ ranges
@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("Gunmen raided four farms between Friday and Sunday, officials said.", date(2024, 3, 8), date(2024, 3, 10)),
        ("Rebels shelled the town from Feb. 26 to Feb. 28.", date(2024, 2, 26), date(2024, 2, 28)),
        ("Militants attacked the base over the weekend.", date(2024, 3, 9), date(2024, 3, 10)),
    ],
)
def test_an_event_dated_by_a_range_takes_its_first_day_and_keeps_its_last(nlp, text, first, last):
    doc = nlp(text)
    tagger = TimexTagger()
    timexes = tagger.find(doc, TUE)
    trigger = next(t.i for t in doc if t.pos_ == "VERB" and t.lemma_ in ("raid", "shell", "attack"))
    when = tagger.dater(doc, timexes, TUE).date(trigger)
    assert (when.date, when.end, when.granularity) == (first, last, "day")
    assert "date_range" in when.flags


def test_two_days_joined_by_and_are_no_range(nlp):
    doc = nlp("Police arrested a man on Friday and a woman on Sunday.")
    tagger = TimexTagger()
    when = tagger.dater(doc, tagger.find(doc, TUE), TUE).date(next(t.i for t in doc if t.lemma_ == "arrest"))
    assert when.end is None and "date_range" not in when.flags


def test_a_day_fronted_before_a_present_report_of_a_past_event_is_in_the_past(nlp):
    text = "About 6 p.m. Friday, deputies say they found a man who had been shot in a ditch."
    assert values(nlp, text)["6 p.m. Friday"] == "2024-03-08T18:00"


def test_a_day_fronted_before_a_report_dates_the_reported_incident(nlp):
    text = "Around 5 p.m. Sunday, officials say they were called to a home where a boy had been shot."
    incidents = incident_dates(nlp, text)
    assert incidents.article is not None and incidents.article.first_day == date(2024, 3, 10)


def test_an_overnight_shooting_takes_the_small_hours_day_the_article_gives():
    text = ("Two men were shot overnight outside a nightclub, police said. "
            "Officers responded to the club at 1:40 a.m. Tuesday and found both men on the sidewalk.")
    shot = [d for d in violent_dates(text, date(2024, 3, 12)) if d[0] == "shot"]
    assert shot and shot[0][1] == date(2024, 3, 12)


def test_a_clock_time_right_before_a_date_is_on_that_date(nlp):
    found = values(nlp, "Two men were shot around 9:30 p.m. Saturday, March 2, 2024, outside a bar.")
    assert found["9:30 p.m."] == "2024-03-02T21:30"


def test_a_verb_carrying_violence_as_its_object_dates_the_incident(nlp):
    text = ("Police said Monday that a man who was arrested Saturday night had been shot after he exchanged "
            "gunfire with deputies Sunday afternoon.")
    incidents = incident_dates(nlp, text)
    strong = [tx.text for tx, is_strong in incidents.candidates if is_strong]
    assert "Sunday afternoon" in strong


# ------------------------------------------------------------------ the article's incident day
def _result(text: str, settings: Settings | None = None) -> ArticleResult:
    [result] = code_batch([Article(id="a", text=text, date=TUE)], settings or Settings())
    return result


def test_an_article_has_its_incident_day_even_when_no_event_was_coded_from_it():
    text = ("The sheriff's office says it does not believe anyone meant harm.\n\n"
            "A teenager was hurt when a rifle went off Sunday afternoon while he was cleaning it.")
    incident = _result(text).incident
    assert incident is not None and incident.day == date(2024, 3, 10)
    assert text[incident.evidence.start:incident.evidence.end] == incident.evidence.text == "Sunday afternoon"


def test_an_article_about_no_violence_has_no_incident_day():
    assert _result("The town council met on Monday to discuss road repairs, the mayor said.").incident is None


def test_without_dates_an_article_has_no_incident_day():
    text = "A man was shot in the arm Sunday night outside a bar, police said."
    assert _result(text, Settings(dates=False)).incident is None


# ------------------------------------------------------------------ a page's time stamps
@pytest.mark.parametrize(
    ("text", "stamped"),
    [
        ("Clerk wounded in robbery Posted: Monday, March 11, 2024 6:10 AM EDT Updated: Wednesday, March 13, 2024 "
         "9:00 AM EDT\n\nA clerk was wounded Sunday night.",
         {"Monday, March 11, 2024", "6:10 AM", "Wednesday, March 13, 2024", "9:00 AM"}),
        ("A clerk was wounded at a store. Jo Park has more. (Published Monday, March 11, 2024)\n\n"
         "The clerk was wounded Sunday night.", {"Monday, March 11, 2024"}),
        ("Clerk wounded\n\nUpdated at 6:10 pm, March 11th, 2024\n\nThe clerk was wounded Sunday night.",
         {"6:10 pm", "March 11th, 2024"}),
    ],
)
def test_a_page_stamp_is_marked_and_dates_no_event(nlp, text, stamped):
    found = TimexTagger().find(nlp(text), TUE)
    assert {t.text for t in found if t.stamp} == stamped
    assert {t.text for t in found if not t.stamp} == {"Sunday night"}
    incidents = IncidentDates(nlp(text), found, TUE)
    assert incidents.article is not None and incidents.article.text == "Sunday night"


def test_a_clock_in_a_stamp_is_on_the_stamp_day(nlp):
    text = "Posted: Monday, March 11, 2024 6:10 AM EDT\n\nA clerk was wounded Sunday night."
    assert values(nlp, text)["6:10 AM"] == "2024-03-11T06:10"


def test_published_in_running_text_is_no_stamp(nlp):
    found = TimexTagger().find(nlp("The report, published Monday, counted more shootings than last year."), TUE)
    assert [t.stamp for t in found if t.text == "Monday"] == [False]


def test_a_headline_event_is_not_dated_by_the_page_stamp_after_it():
    text = ("Police: gunman shot two men outside bar Posted: Tuesday, March 12, 2024 6:10 AM EDT\n\n"
            "A gunman shot two men outside a bar Sunday night, police said.")
    dated = violent_dates(text)
    assert dated and all(day == date(2024, 3, 10) for _trigger, day, _basis, _flags in dated), dated


# ------------------------------------------------------------------ around midnight
SUN = date(2024, 3, 10)


def test_a_small_hours_clock_after_a_named_night_is_on_the_next_day(nlp):
    text = ("Three people were shot Saturday night outside a bar. Deputies were called at 11:40 p.m. "
            "One man died at 1:15 a.m. at a hospital.")
    found = values(nlp, text, SUN)
    assert found["11:40 p.m."] == "2024-03-09T23:40"
    assert found["1:15 a.m."] == "2024-03-10T01:15"


def test_a_small_hours_clock_after_a_day_named_by_day_stays_on_it(nlp):
    text = "Two men were shot Saturday in a parking lot. Deputies were called at 1:15 a.m."
    assert values(nlp, text, SUN)["1:15 a.m."] == "2024-03-09T01:15"


def test_an_overnight_shooting_takes_the_small_hours_day_of_a_bare_clock():
    text = ("Four people were shot overnight at a party, deputies said. "
            "Deputies got a call just after 2:30 a.m. that a fight had broken out.")
    shot = [d for d in violent_dates(text, SUN) if d[0] == "shot"]
    assert shot and shot[0][1] == SUN


def test_overnight_under_would_is_last_night(nlp):
    text = "Detectives are trying to learn why someone would shoot a clerk overnight at a gas station."
    assert values(nlp, text)["overnight"] == "2024-03-11TNI"


def test_overnight_under_will_is_tonight(nlp):
    assert values(nlp, "Temperatures will drop sharply overnight, forecasters said.")["overnight"] == "2024-03-12TNI"


# ------------------------------------------------------------------ more incident expressions
def test_a_weekday_right_after_an_incident_noun_is_in_the_past(nlp):
    text = "He faces battery charges in the shooting early Friday morning at a bar."
    assert values(nlp, text, date(2024, 3, 14))["early Friday morning"].startswith("2024-03-08")


@pytest.mark.parametrize(
    ("text", "expression"),
    [
        ("At 5:45 p.m. Monday, the boy was outside a home when a car drove up and someone inside fired shots.",
         "5:45 p.m. Monday"),
        ("A deputy felt threatened when a car drove up to a roadblock early today and shot the driver.", "today"),
    ],
)
def test_a_date_on_the_scene_of_violence_is_the_incident(nlp, text, expression):
    incidents = incident_dates(nlp, text)
    assert incidents.article is not None and incidents.article.text == expression


def test_taken_into_custody_is_no_scene_of_the_incident(nlp):
    text = ("The suspect was taken into custody Monday at his home. "
            "He is accused of shooting a neighbor on the night of March 2.")
    incidents = incident_dates(nlp, text)
    assert incidents.article is not None and incidents.article.text == "March 2"


# ------------------------------------------------------------------ the range's last day in the output
def test_a_mention_dated_by_a_range_gives_its_last_day_as_date_end():
    mentions = code_text("Gunmen raided four farms between Friday and Sunday, officials said.", date=TUE)
    raided = [m.to_dict() for m in mentions if m.trigger.text == "raided"]
    assert raided and (raided[0]["event_date"], raided[0]["date_end"]) == ("2024-03-08", "2024-03-10")
    said = [m.to_dict() for m in mentions if m.trigger.text == "said"]
    assert said and all("date_end" not in d for d in said)


# ------------------------------------------------------------------ tense and year, more
def test_a_small_hours_clock_never_rolls_past_the_publication_date(nlp):
    text = "Two men were shot Sunday night at a party. Deputies were called at 1:15 a.m."
    assert values(nlp, text, SUN)["1:15 a.m."] == "2024-03-10T01:15"


def test_a_weekday_right_before_an_incident_noun_is_in_the_past(nlp):
    text = "Detectives are also investigating a Sunday night shooting near the park."
    assert values(nlp, text)["Sunday night"] == "2024-03-10TNI"


@pytest.mark.parametrize("text", ["Bond was set Friday at $50,000.", "His bond had not been set Friday."])
def test_a_past_passive_of_a_planning_verb_is_in_the_past(nlp, text):
    assert values(nlp, text)["Friday"] == "2024-03-08"


def test_a_scheduled_event_in_the_present_still_looks_ahead(nlp):
    assert values(nlp, "The hearing is scheduled for Friday.")["Friday"] == "2024-03-15"


def test_a_calendar_date_in_apposition_to_a_day_takes_its_year(nlp):
    text = "Police are searching for the man who shot a teenager Saturday night, March 9, officials said."
    found = values(nlp, text)
    assert found["Saturday night"] == "2024-03-09TNI" and found["March 9"] == "2024-03-09"


def test_the_new_words_of_violence_date_the_incident(nlp):
    incidents = incident_dates(nlp, "A deputy was hurt in a shootout Sunday night with two robbery suspects.")
    assert incidents.article is not None and incidents.article.text == "Sunday night"


def test_the_incident_is_the_earliest_day_of_its_sentence_not_the_death_after_it(nlp):
    text = ("A teenager died Monday after he was shot outside a store Saturday night, police said. "
            "A vigil is planned for Friday.")
    incidents = incident_dates(nlp, text)
    assert incidents.article is not None and incidents.article.text == "Saturday night"
