"""Participles that label a noun report no act: "a man accused of murder" (a suspect), "two men armed with
rifles" (what they carried); with a doer they stay events (data/verbs.yaml: accuse/allege/arm, pattern key
``descriptor``). Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire import code_text

D = date(2024, 2, 9)


def codes(text: str) -> list[str]:
    return [m.cameo for m in code_text(text, date=D)]


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "A nurse accused of stealing painkillers from a clinic appeared before a judge on Monday.",
    "The accused arsonist told reporters he was innocent.",
    "A cook accused in the stabbing of a coworker was fired on Tuesday.",
])
def test_an_accused_person_is_a_label_not_an_accusation(text):
    assert not any(c.startswith("11") for c in codes(text))


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Two masked men armed with rifles walked into a pawn shop in Tulsa.",
    "The driver was armed with a hunting knife, deputies said.",
])
def test_being_armed_with_a_weapon_is_no_military_aid(text):
    assert not any(c.startswith("06") for c in codes(text))


@pytest.mark.slow
@pytest.mark.parametrize(("text", "root"), [
    ("The mayor accused the council of wasting money on the stadium.", "11"),
    ("The landlord was accused by his tenants of cutting off the heat.", "11"),
    ("Syria armed the militia with rockets last year.", "06"),
])
def test_with_someone_doing_it_the_act_stays(text, root):
    assert any(c.startswith(root) for c in codes(text))
