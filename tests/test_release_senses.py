""""Release" frees people only when people are released: making a name or information public is a statement
(or, in the agentless passive, nothing), and leaving hospital is no event; a source "declining to be named"
rejects nothing (data/verbs.yaml: release, decline/refuse). Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire import code_text

D = date(2023, 5, 2)


def roots(text: str) -> list[str]:
    return [m.cameo_root for m in code_text(text, date=D)]


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "The sheriff's office did not release the name of the wounded driver.",
    "The names of the two victims have not been released.",
    "No further information was released by Thursday evening.",
    "The injured cashier was treated and released from Saint Luke's Hospital on Sunday.",
])
def test_releasing_information_or_leaving_hospital_frees_nobody(text):
    assert "08" not in roots(text)


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Colombia released three Venezuelan soldiers on Friday.",
    "The hostages were released by the rebels after two weeks.",
])
def test_releasing_people_is_still_0841(text):
    assert "08" in roots(text)


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "A neighbour, who declined to be named, said the shooting lasted a minute.",
    "One officer, who refused to identify himself, said the road was closed.",
])
def test_staying_anonymous_rejects_nothing(text):
    assert "12" not in roots(text)


@pytest.mark.slow
def test_refusing_a_demand_is_still_a_rejection():
    assert "12" in roots("Iran refused to release the British tanker.")


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "The robber pulled out a handgun and demanded cash from the Ohio clerk.",
    "Detectives have not released a motive for the Texas shooting.",
])
def test_drawing_a_gun_or_keeping_a_motive_is_no_yielding(text):
    assert "08" not in roots(text)


@pytest.mark.slow
def test_a_reward_for_tips_is_no_intent():
    assert "03" not in roots("Texas police are offering a reward of $8,000 for information on the robbery.")
    assert "03" in roots("Norway offered to mediate between Colombia and the ELN.")


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Two cashiers were hurt in the robbery, according to a sheriff's office news release.",
    "The county issued a press release about the crash on Tuesday.",
])
def test_a_news_release_frees_nobody(text):
    assert "08" not in roots(text)


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "The wounded clerk was released from Riverside Medical Center on Sunday.",
    "Two of the injured fans were released from Northgate Medical Center overnight.",
])
def test_leaving_a_named_hospital_frees_nobody(text):
    assert "08" not in roots(text)


@pytest.mark.slow
def test_release_from_a_named_prison_still_frees_people():
    assert "08" in roots("The rebels released the hostages from Evin Prison.")
