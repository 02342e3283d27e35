"""Subject pronouns stand for an actor of an earlier sentence of the same paragraph (events/arguments.py),
on sentences written for these tests: "he said", "they attacked" are coded with the antecedent, and the
evidence is the pronoun with the antecedent named in the entry."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire import code_text

pytestmark = pytest.mark.slow

D = date(2022, 3, 9)


def by_trigger(text: str, word: str):
    return [m for m in code_text(text, date=D) if m.trigger.text == word]


def test_pronoun_two_sentences_after_its_antecedent_is_coded():
    text = ("Kenyan President William Ruto arrived in Addis Ababa on Monday. The visit was his first. "
            "He said the talks would go on.")
    [m] = by_trigger(text, "said")
    assert m.source.code == "KENGOV"
    assert m.source.text == "He" and text[m.source.start:m.source.end] == "He"
    assert "pronoun 'He'" in m.source.entry and "William Ruto" in m.source.entry


def test_plural_pronoun_takes_the_group_of_the_previous_sentence():
    [m] = by_trigger("Russian troops entered the town at dawn. They attacked the police station with mortars.",
                     "attacked")
    assert m.source.code == "RUSMIL"


def test_another_person_in_between_holds_the_pronoun():
    text = ("Kenyan President William Ruto arrived in Addis Ababa on Monday. Local reporter John Smith covered "
            "the visit. He said the talks would go on.")
    # Never Ruto's; since round 6 a role named with a person's name ("Local reporter John Smith") is itself a
    # fitting antecedent, so "he" is the reporter.
    assert [m.source.code for m in by_trigger(text, "said")] in ([], ["MED"])


def test_a_new_paragraph_ends_the_search():
    text = "Kenyan President William Ruto arrived in Addis Ababa on Monday.\n\nHe said the talks would go on."
    assert by_trigger(text, "said") == []
