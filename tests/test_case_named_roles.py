"""Case robustness of names a role noun carries (issue 10, case bar): "prosecutor nicolas heitz" in a text
written all in lower case or all in capitals is a title and a name, as "prosecutor Nicolas Heitz" is, so the
surname named again ("heitz said") and "he" after it are that role in every case. Sentences written here."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.textcase import Truecaser, build_case_names

DAY = date(2024, 3, 4)

COMMON = {"the", "said", "police", "station", "mayor", "bell", "john", "was", "closed", "chief", "spoke", "to",
          "reporters", "a", "man", "prosecutor", "described", "video", "of", "on", "friday"}
ORDINARY = {"the", "said", "was", "closed", "spoke", "to", "a", "of", "on", "described", "chief"}
FUNCTION = {"the", "to", "a", "of", "on", "was"}
ROLES = {"police", "mayor", "prosecutor", "chief", "capt", "lawmaker"}


@pytest.fixture(scope="module")
def truecaser() -> Truecaser:
    names = build_case_names(dictionary_forms=[], common=COMMON, role_words=ROLES, ordinary=ORDINARY,
                             function_words=FUNCTION)
    return Truecaser(names)


@pytest.mark.parametrize(("text", "expected"), [
    # a title, then a name the truecaser has never seen; the surname alone later takes capitals too
    ("the prosecutor nicolas vantreck spoke to reporters. later vantreck said a man was arrested.",
     "The prosecutor Nicolas Vantreck spoke to reporters. Later Vantreck said a man was arrested."),
    # a name in apposition, of two words and closed by a comma
    ("the chief prosecutor, remy oduya, said a man was arrested.",
     "The chief prosecutor, Remy Oduya, said a man was arrested."),
    # an abbreviated title takes capitals with the name
    ("police capt. marc zelinsky spoke to reporters.", "Police Capt. Marc Zelinsky spoke to reporters."),
    # in capitals, the same
    ("MAYOR TAMSIN OKORO SPOKE TO REPORTERS. OKORO SAID A MAN WAS ARRESTED.",
     "Mayor Tamsin Okoro spoke to reporters. Okoro said a man was arrested."),
])
def test_a_name_a_role_carries_takes_capitals(truecaser, text, expected):
    assert truecaser.truecase(text) == expected


@pytest.mark.parametrize("text", [
    "the police station was closed.",  # an English word after the role noun is no name
    "mayor john bell spoke to reporters.",  # a surname that is an English word stays as it is
    "the prosecutor said a man was arrested.",  # a verb after the role noun
])
def test_words_after_a_role_that_are_no_name_stay_lower_case(truecaser, text):
    assert truecaser.truecase(text) == text[0].upper() + text[1:]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "speaker_code"), [
    ("Interior Minister Halvard Brekkestad visited the border post on Monday. Brekkestad said the police "
     "would be reinforced. He added that the army would stay in its barracks.", "GOV"),
    ("The regional prosecutor, Tobias Wennerholm, charged two officers on Tuesday. \"We have the evidence,\" "
     "Wennerholm told reporters.", "JUD"),
])
def test_role_named_again_codes_the_same_in_lower_and_upper_case(text, speaker_code):
    from eventwire import Article, Pipeline, Settings

    pipeline = Pipeline(Settings(dates=False))
    triples = {}
    for variant in (text, text.lower(), text.upper()):
        (result,) = pipeline.code([Article(id="t", text=variant, date=DAY)])
        triples[variant] = sorted((m.sentence_index, m.source.code if m.source else None, m.cameo)
                                  for m in result.mentions)
    assert any(s > 0 and code is not None and code.endswith(speaker_code) for s, code, _ in triples[text]), triples
    assert triples[text.lower()] == triples[text] == triples[text.upper()], triples


def test_a_name_in_apposition_before_its_role_takes_capitals(truecaser):
    assert truecaser.truecase("tamsin okoro, the mayor, said a man was arrested. okoro spoke to reporters.") == \
        "Tamsin Okoro, the mayor, said a man was arrested. Okoro spoke to reporters."
    # one word before the comma is no name enough: "later, the police said"
    assert truecaser.truecase("vantreck, the mayor, said.") == "Vantreck, the mayor, said."
