"""Charging a person is legal action (173), like "charged with": "deputies charged the driver"; "charged that
..." stays an accusation (112) (data/verbs.yaml: charge). Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire import code_text

D = date(2021, 8, 30)


def cameos(text: str) -> list[str]:
    return [m.cameo for m in code_text(text, date=D)]


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Deputies charged the driver after the crash on Route 9.",
    "Prosecutors are charging the teenager as an adult.",
])
def test_charging_a_person_is_legal_action(text):
    found = cameos(text)
    assert "173" in found
    assert "112" not in found


@pytest.mark.slow
def test_charging_that_something_happened_is_an_accusation():
    assert "112" in cameos("The opposition charged that the vote count was rigged.")


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Deputies jailed the woman on a felony charge of child neglect.",
    "The mayor's son faces a misdemeanor assault charge, police said.",
])
def test_a_criminal_charge_is_legal_action_not_an_accusation(text):
    assert "112" not in cameos(text)
