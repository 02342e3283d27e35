"""Behaviour of the event extractor on constructed sentences, one rule of docs/coding-conventions.md each.

Each case names the rule it pins; the sentences are ours and deliberately plain, so that a failure points
at the rule rather than at a parser quirk.
"""

from __future__ import annotations

from datetime import date

import pytest

from eventwire import Article, code_articles, code_text

pytestmark = pytest.mark.slow

D = date(2021, 6, 15)


def coded(text: str, when: date = D) -> list[tuple[str | None, str, str | None]]:
    return [
        (m.source.code if m.source else None, m.cameo, m.target.code if m.target else None)
        for m in code_text(text, date=when)
    ]


def find(text: str, root: str, when: date = D):
    return [m for m in code_text(text, date=when) if m.cameo_root == root]


def test_active_verb_subject_to_object():
    assert ("RUS", "190", "UKR") in coded("Russia attacked Ukraine on Tuesday.") or (
        "RUS" in {s for s, c, t in coded("Russia attacked Ukraine on Tuesday.") if c.startswith("19") and t == "UKR"}
    )


def test_passive_with_agent_swaps_roles():
    [m] = [m for m in find("Ukrainian troops were attacked by Russian forces near Kharkiv.", "19")]
    assert m.source.code == "RUSMIL" and m.target.code == "UKRMIL"


def test_implicit_police_in_agentless_passive():
    hits = find("Dozens of Kenyan protesters were arrested on Monday.", "17")
    assert hits and hits[0].source is not None and hits[0].source.sector == "COP"
    assert hits[0].target.code.startswith("KEN")


def test_negation_is_flagged_not_dropped():
    [m] = find("Israel did not attack Lebanon.", "19")
    assert m.negated and not m.hypothetical


def test_modality_is_hypothetical():
    hits = find("Iran could attack US bases in the region.", "19")
    assert hits and all(m.hypothetical for m in hits)


def test_coordinated_subjects_give_one_mention_each():
    pairs = {(s, t) for s, c, t in coded("France and Germany imposed sanctions on Russia.") if c.startswith("16")}
    assert {("FRA", "RUS"), ("DEU", "RUS")} <= pairs


def test_symmetric_nominal_between_gives_both_directions():
    pairs = {(s, t) for s, c, t in coded("Talks between Armenia and Azerbaijan resumed in Brussels.") if c.startswith("04")}
    assert {("ARM", "AZE"), ("AZE", "ARM")} <= pairs


def test_nominal_event_with_modifier_source_and_on_target():
    hits = [m for m in find("Israeli airstrikes on Hamas positions killed 12 people.", "19")]
    assert any(m.source.code.startswith("ISR") and m.cameo == "195" for m in hits)


def test_speech_appeal_codes_content():
    hits = find("The United Nations urged both sides to agree to a ceasefire.", "02")
    assert hits and hits[0].source.code.startswith("IGOUNO")


def test_reported_event_is_attributed_to_speaker():
    mentions = code_text("Ukraine said Russian forces shelled Kharkiv overnight.", date=D)
    shelling = [m for m in mentions if m.cameo_root == "19"]
    assert shelling and shelling[0].attributed_to is not None and shelling[0].attributed_to.code.startswith("UKR")
    assert any(m.cameo_root == "01" and m.source.code.startswith("UKR") for m in mentions)


def test_threat_to_use_force():
    hits = find("North Korea threatened to strike US bases in Guam.", "13")
    assert hits and hits[0].source.code.startswith("PRK")


def test_sports_sentence_has_no_event():
    assert coded("Brazil beat Argentina 2-1 in a World Cup qualifier on Tuesday.") == []


def test_market_sentence_has_no_event():
    assert coded("Oil prices rose two percent on Monday as traders weighed supply risks.") == []


def test_relative_clause_subject_is_the_head_noun():
    hits = find("Militants who stormed a police station in Kano killed four officers.", "19")
    assert hits


def test_code_articles_accepts_dicts_and_articles():
    articles = [
        {"id": "a1", "date": "2021-06-15", "text": "Russia attacked Ukraine."},
        Article(id="a2", text="Police arrested protesters in Paris.", date=D),
    ]
    mentions = list(code_articles(articles))
    assert {m.article_id for m in mentions} == {"a1", "a2"}
    assert all(m.to_dict()["publication_date"] == "2021-06-15" for m in mentions)


def test_every_mention_has_ontology_fields_and_evidence():
    for m in code_text("Turkey's foreign minister met his Greek counterpart in Athens on Friday.", date=D):
        d = m.to_dict()
        assert d["quad_class"] in (1, 2, 3, 4) and isinstance(d["goldstein"], float)
        assert d["sentence"][d["trigger"]["start"] : d["trigger"]["end"]] == d["trigger"]["text"]


# ---- regressions: each was a false or wrong event on the development gold set -----------------------


def test_what_is_appealed_for_is_not_an_event_of_its_own():
    mentions = code_text("France urged Israel and the Palestinians to show restraint.", date=D)
    assert [m.cameo_root for m in mentions] == ["02", "02"]


def test_what_is_demanded_is_not_an_event_of_its_own():
    mentions = code_text("The UN General Assembly demanded that Russia withdraw its forces from Ukraine.", date=D)
    assert {m.cameo_root for m in mentions} == {"10"}


def test_facility_is_a_place_not_a_target():
    [m] = find("Iran fired missiles at Iraqi bases on Wednesday.", "19", date(2020, 1, 8))
    assert m.source.code == "IRN" and m.target is None


def test_bases_housing_forces_target_the_forces():
    [m] = find("Iran fired missiles at Iraqi bases housing US troops.", "19", date(2020, 1, 8))
    assert m.target.code == "USAMIL"


def test_natural_disaster_is_no_event():
    assert coded("Floods in western Germany killed more than 150 people.") == []
    assert coded("A powerful earthquake struck southern Turkey on Monday.") == []


def test_background_event_without_doer_is_not_coded():
    mentions = code_text("German prosecutors opened an investigation into the killing of a Russian dissident.", date=D)
    assert all(m.cameo_root != "18" for m in mentions)


def test_statement_of_intent_is_03():
    hits = find("Pakistan said it was ready to resume talks with India.", "03")
    assert hits and hits[0].source.code == "PAK" and hits[0].target.code == "IND"


def test_gunmen_killing_civilians_is_unconventional_violence():
    hits = code_text("Gunmen killed 12 villagers in northern Nigeria.", date=D)
    assert hits and all(m.cameo_root == "18" for m in hits)


def test_list_parsed_as_apposition_keeps_every_member():
    pairs = {(s, t) for s, c, t in coded("Saudi Arabia, Egypt, the United Arab Emirates and Bahrain cut diplomatic ties with Qatar.") if c.startswith("16")}
    assert {("SAU", "QAT"), ("EGY", "QAT"), ("ARE", "QAT"), ("BHR", "QAT")} <= pairs


def test_counterpart_takes_the_source_role():
    hits = find("Turkey's foreign minister met his Greek counterpart in Athens.", "04")
    assert hits and hits[0].target.code == "GRCGOV"


def test_show_of_force_moves_own_forces():
    [m] = find("Russia massed about 100,000 troops near the border with Ukraine.", "15")
    assert m.source.code == "RUSMIL"


def test_possessive_pronoun_role_takes_the_antecedent_country():
    mentions = code_text("Brazilian President Jair Bolsonaro said his government would respect the ruling.", date=date(2020, 3, 1))
    assert all(m.target is None or m.target.code != "GOV" for m in mentions)


def test_subject_pronoun_refers_to_the_previous_subject():
    mentions = code_text("Russia denied the accusations on Monday. It said its troops had not shelled Kharkiv.", date=D)
    shelling = [m for m in mentions if m.cameo_root == "19"]
    assert shelling and shelling[0].source.code == "RUSMIL" and shelling[0].negated


def test_reported_speech_is_about_the_other_country():
    [m] = [m for m in code_text("Pakistan's military denied that Pakistani troops had fired on Indian positions.", date=D)
           if m.cameo == "016"]
    assert m.target.code.startswith("IND")


def test_facility_with_role_word_still_resolves_to_its_occupants():
    hits = find("Iran fired missiles at two military bases in Iraq that host American troops.", "19", date(2020, 1, 8))
    assert [m.target.code for m in hits] == ["USAMIL"]
