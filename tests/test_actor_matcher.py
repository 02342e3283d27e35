"""ActorMatcher over parsed docs (needs the spaCy model: slow)."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from eventwire.actors import ActorMatcher, load_actor_dictionary

pytestmark = pytest.mark.slow

# Fictional people, so the tests do not depend on the bundled people.yaml.
PEOPLE = """
- kind: person
  name: Farid Azadeh Karimzadeh
  names: [Farid Azadeh Karimzadeh]
  roles:
    - {code: IRQGOV, start: 2018-10-25, end: 2020-05-07}
- kind: person
  name: Qasim Testani
  names: [Qasim Testani]
  roles:
    - {code: IRNMIL, start: 1998-01-01, end: 2020-01-03}
- kind: person
  name: Omar Placeholderi
  names: [Omar Placeholderi]
  roles:
    - {code: SYRREB}
    - {code: SYRGOV, start: 2024-12-08}
"""
DAY = date(2020, 1, 8)


@pytest.fixture(scope="module")
def matcher(nlp, tmp_path_factory):
    path = tmp_path_factory.mktemp("actors") / "people.yaml"
    path.write_text(PEOPLE, encoding="utf-8")
    return ActorMatcher(load_actor_dictionary(extra_files=(path,)), nlp.vocab)


@pytest.fixture(scope="module")
def run(nlp, matcher):
    def run(text: str, day: date | None = DAY) -> list[tuple[str, str, str]]:
        doc = nlp(text)
        matches = matcher.match(doc, date=day)
        starts = [m.start for m in matches]
        assert starts == sorted(starts)
        assert all(a.end <= b.start for a, b in itertools.pairwise(matches))
        assert all(m.start <= m.head < m.end for m in matches)
        return [(doc[m.start:m.end].text, m.code, m.kind) for m in matches]
    return run


def test_country_adjective_and_acronym(run):
    assert run("Iraq and Iran traded threats.") == [("Iraq", "IRQ", "country"), ("Iran", "IRN", "country")]
    assert ("US", "USA", "country") in run("The US imposed sanctions.")
    assert run("Iranians rallied.") == [("Iranians", "IRN", "country")]


def test_pronoun_us_is_not_the_usa(run):
    assert run("They told us to leave.") == []


def test_dotted_acronym_and_hyphen(run):
    assert run("U.S. troops withdrew.") == [("U.S. troops", "USAMIL", "composite")]
    assert [code for _, code, _ in run("The US-Iran talks stalled.")] == ["USA", "IRN"]


def test_adjective_alone_is_a_demonym_without_its_noun(run, nlp, matcher):
    doc = nlp("Missiles hit Iraqi bases.")
    (match,) = matcher.match(doc, date=DAY)
    assert (doc[match.start:match.end].text, match.code, match.kind) == ("Iraqi", "IRQ", "demonym")
    assert doc[match.head].text == "Iraqi"


@pytest.mark.parametrize(("text", "span", "code"), [
    ("The Iraqi Prime Minister spoke.", "Iraqi Prime Minister", "IRQGOV"),
    ("The US military responded.", "US military", "USAMIL"),
    ("The Russian foreign minister arrived.", "Russian foreign minister", "RUSGOV"),
    ("Iran's foreign minister arrived.", "Iran's foreign minister", "IRNGOV"),
    ("He met the president of Iran.", "president of Iran", "IRNGOV"),
    ("Police in Kenya arrested five men.", "Police in Kenya", "KENCOP"),
    ("Israeli police detained him.", "Israeli police", "ISRCOP"),
    ("Iraqi security forces fired.", "Iraqi security forces", "IRQCOP"),
    ("Turkish army commanders met.", "Turkish army commanders", "TURMIL"),
    ("A Kremlin spokesman said so.", "Kremlin spokesman", "RUSGOV"),
])
def test_composition(run, text, span, code):
    assert (span, code) in [(s, c) for s, c, _ in run(text)]


def test_role_noun_sequences_take_the_specific_code(run):
    assert ("defence minister", "GOV", "agent") in run("The defence minister resigned.")
    assert ("army commander", "MIL", "agent") in run("The army commander resigned.")
    assert ("rebel commander", "REB", "agent") in run("A rebel commander was captured.")


def test_possessive_is_not_part_of_a_name(run):
    assert run("Iran's missiles flew.")[0] == ("Iran", "IRN", "country")


def test_capital_and_seat_give_government(run):
    assert run("The Kremlin warned Washington.") == [("Kremlin", "RUSGOV", "capital"),
                                                      ("Washington", "USAGOV", "capital")]
    assert ("Pentagon", "USAMIL", "organization") in run("The Pentagon said so.")
    assert ("Revolutionary Guards", "IRNMIL", "organization") in run("The Revolutionary Guards fired.")


def test_person_role_inside_and_outside_its_range(run):
    text = "Farid Azadeh Karimzadeh said the talks failed."
    assert run(text, date(2019, 6, 1))[0] == ("Farid Azadeh Karimzadeh", "IRQGOV", "person")
    assert run(text, date(2021, 6, 1))[0] == ("Farid Azadeh Karimzadeh", "IRQ", "person")  # country of last role
    undated = "Omar Placeholderi spoke."
    assert run(undated, date(2020, 1, 1))[0][1] == "SYRREB"      # undated role outside dated ones
    assert run(undated, date(2025, 1, 1))[0][1] == "SYRGOV"      # dated role wins inside its range
    assert run(undated, date(2024, 12, 8))[0][1] == "SYRGOV"     # start is inclusive
    assert run(text, date(2020, 5, 7))[0][1] == "IRQ"            # end is exclusive


def test_title_and_person_become_one_match(run):
    text = "Iranian General Qasim Testani was killed."
    assert run(text, DAY)[0] == ("Iranian General Qasim Testani", "IRNMIL", "person")  # title code after end
    assert run("Iraqi Prime Minister Farid Azadeh Karimzadeh spoke.", DAY)[0] == (
        "Iraqi Prime Minister Farid Azadeh Karimzadeh", "IRQGOV", "person")


def test_surname_reuse_within_one_doc(run):
    matches = run("Farid Azadeh Karimzadeh spoke. Karimzadeh's statement followed. General Testani left.")
    assert ("Karimzadeh", "IRQGOV", "person") in matches
    # Testani was never named in full in this doc: his surname is not resolved to the person (the title
    # may still take it as an unlisted name: "General Testani" is a MIL role, actors/generic.py)
    assert not any(text.endswith("Testani") and kind == "person" for text, _, kind in matches)
    later = run("Qasim Testani spoke. Later General Testani left.", date(2019, 1, 1))
    assert ("General Testani", "IRNMIL", "person") in later


def test_to_ref_uses_character_offsets(nlp, matcher):
    doc = nlp("Yesterday Iran's foreign minister spoke.")
    (match,) = matcher.match(doc, date=DAY)
    ref = match.to_ref(doc)
    assert doc.text[ref.start:ref.end] == "Iran's foreign minister" == ref.text
    assert (ref.code, ref.country, ref.sector) == ("IRNGOV", "IRN", "GOV")
    assert ref.entry
    assert "+" in ref.entry


def test_lowercase_words_that_are_country_names_do_not_match(run):
    assert run("We ate turkey and drank from china cups.") == []


def _codes(run, text, day=DAY):
    return [(span, code) for span, code, _ in run(text, day)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Kenyan and Ugandan police arrested a suspect.", [("Kenyan", "KENCOP"), ("Ugandan police", "UGACOP")]),
    ("US and British aircraft dropped aid.", [("US", "USAMIL"), ("British aircraft", "GBRMIL")]),
    ("Israeli and Jordanian forces held an exercise.", [("Israeli", "ISRMIL"), ("Jordanian forces", "JORMIL")]),
    ("US and Russian diplomats sat down in Geneva.", [("US", "USAGOV"), ("Russian diplomats", "RUSGOV")]),
    ("British, French and German troops arrived.", [("British", "GBRMIL"), ("French", "FRAMIL"),
                                                    ("German troops", "DEUMIL")]),
    ("Kyrgyz and Tajik border guards exchanged fire.", [("Kyrgyz", "KGZMIL"), ("Tajik border guards", "TJKMIL")]),
    ("Israeli and Hamas negotiators met.", [("Israeli", "ISRGOV"), ("Hamas negotiators", "PSEREBHMS")]),
])
def test_coordinated_modifiers_share_the_role_noun(run, text, expected):
    found = _codes(run, text)
    assert all(pair in found for pair in expected), found


def test_a_coordinated_country_name_is_not_a_modifier(run):
    # "Russia" is the subject, coordinated with "Ukrainian forces": it keeps its own code
    assert _codes(run, "Russia and Ukrainian forces clashed.") == [("Russia", "RUS"),
                                                                    ("Ukrainian forces", "UKRMIL")]


def test_countries_sharing_an_of_phrase_take_its_role(run):
    assert _codes(run, "The leaders of China and Taiwan met.") == [("leaders of China", "CHNGOV"),
                                                                  ("Taiwan", "TWNGOV")]
    assert _codes(run, "The leaders of North and South Korea met.") == [("leaders of North", "PRKGOV"),
                                                                       ("South Korea", "KORGOV")]


def test_north_and_south_split_a_shared_name(run):
    assert _codes(run, "North and South Korea held talks.") == [("North", "PRK"), ("South Korea", "KOR")]


def test_bare_role_noun_shares_a_coordinated_possessor(run):
    found = _codes(run, "He urged South Sudan's government and opposition to talk.")
    assert found == [("South Sudan's government", "SSDGOV"), ("opposition", "SSDOPP")]
    # armed men never inherit the country of the force they are coordinated with
    assert ("gunmen", "UAF") in _codes(run, "Iraqi troops and gunmen clashed.")


@pytest.mark.parametrize(("text", "span", "code"), [
    ("The spokesman of Pakistan's foreign ministry said so.", "spokesman of Pakistan's foreign ministry", "PAKGOV"),
    ("Officials from Iran's foreign ministry arrived.", "Officials from Iran's foreign ministry", "IRNGOV"),
    ("A spokesman for the Egyptian interior ministry said so.",
     "spokesman for the Egyptian interior ministry", "EGYGOV"),
    ("The leader of the opposition spoke.", "leader of the opposition", "OPP"),
    ("The commander of Hamas spoke.", "commander of Hamas", "PSEREBHMS"),
])
def test_role_noun_of_an_actor_takes_the_actor(run, text, span, code):
    assert (span, code) in _codes(run, text)


def test_police_for_is_not_a_link(run):
    assert _codes(run, "Police for Kenya's capital were deployed.") == [("Police", "COP"), ("Kenya", "KEN")]


@pytest.mark.parametrize(("text", "span", "code"), [
    ("Israeli military police opened an investigation.", "Israeli military police", "ISRCOP"),
    ("An opposition journalist was beaten.", "opposition journalist", "MED"),
    ("An opposition lawmaker was released.", "opposition lawmaker", "LEG"),
    ("Rebel fighters attacked.", "Rebel fighters", "REB"),
    ("The opposition leader spoke.", "opposition leader", "OPP"),
])
def test_role_noun_compounds_head_wins_unless_it_is_a_rank(run, text, span, code):
    assert (span, code) in _codes(run, text)


@pytest.mark.parametrize(("text", "span", "code"), [
    ("Turkish citizens were abducted.", "Turkish citizens", "TUR"),
    ("Greek voters rejected the deal.", "Greek voters", "GRC"),
    ("He spoke to the people of Ukraine.", "people of Ukraine", "UKR"),
    ("Chinese and Pakistani engineers began work.", "Chinese", "CHN"),
    ("Nepalese villagers blocked roads.", "Nepalese villagers", "NPLCVL"),   # not a plain national
])
def test_plain_nationals_are_the_country(run, text, span, code):
    assert (span, code) in _codes(run, text)


def test_dated_group_code_and_composites(run):
    assert ("Taliban", "AFGREB") in _codes(run, "The Taliban attacked.", date(2020, 1, 1))
    assert ("Taliban", "AFGGOV") in _codes(run, "The Taliban banned it.", date(2021, 8, 15))
    assert ("Taliban spokesman", "AFGGOV") in _codes(run, "A Taliban spokesman said so.", date(2022, 3, 1))


def test_brussels_is_the_eu_seat(run, nlp, matcher):
    doc = nlp("Washington and Brussels slapped sanctions.")
    found = [(doc[m.start:m.end].text, m.code, m.kind) for m in matcher.match(doc, date=DAY)]
    assert ("Brussels", "IGOEUREEC", "capital") in found   # kind capital: "in Brussels" stays a place


@pytest.mark.parametrize(("text", "span", "code"), [
    ("The pope said so.", "pope", "VAT"),
    ("Saudi-led coalition warplanes struck.", "Saudi-led coalition warplanes", "SAUMIL"),
    ("Japanese coast guards drilled.", "Japanese coast guards", "JPNCOP"),
    ("Niger's junta ordered it.", "Niger's junta", "NERMIL"),
    ("Russia vetoed a Security Council resolution.", "Security Council", "IGOUNO"),
    ("The National Security Council met.", "National Security Council", "USAGOV"),  # not the UN's
    ("The UN's top court ruled.", "UN's top court", "IGOUNOJUDICJ"),
    ("He met European envoys.", "European envoys", "EURGOV"),
    ("Palestinian armed groups fired rockets.", "Palestinian armed groups", "PSEREB"),
])
def test_added_actors(run, text, span, code):
    assert (span, code) in _codes(run, text)


def test_rights_groups_stay_unresolved(run):
    assert _codes(run, "Human rights groups accused the Ugandan police.") == [("Ugandan police", "UGACOP")]


def test_former_elite_title_falls_back_to_the_country(run, tmp_path_factory, nlp):
    path = tmp_path_factory.mktemp("former") / "p.yaml"
    path.write_text("- kind: person\n  name: Zed Testperson\n  names: [Zed Testperson]\n  roles:\n"
                    "    - {code: USAGOV, start: 2017-01-20, end: 2021-01-20}\n", encoding="utf-8")
    matcher = ActorMatcher(load_actor_dictionary(extra_files=(path,)), nlp.vocab)
    doc = nlp("Former President Zed Testperson spoke.")
    codes = [m.code for m in matcher.match(doc, date=date(2024, 7, 14))]
    assert codes == ["USA"]


def test_lowercase_names_of_two_words_or_more_match(run):
    text = "Officials said qassem soleimani met leaders of the islamic state."
    codes = [code for _, code, _ in run(text, date(2019, 6, 1))]
    assert "IRNMIL" in codes
    assert "IRQREB" in codes
