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
    # Testani was never named in full in this doc: his surname stays unresolved
    assert not any(text.endswith("Testani") for text, _, _ in matches)
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
