"""Who must be there for an event to be coded (events/doers.py), on sentences written for these tests.

- verbal and cooperative acts (roots 01-05, 07, 10, 12) are coded only with a doer;
- verbs of thinking are not events by themselves;
- acts of force are still coded with no doer named.
"""

from __future__ import annotations

from datetime import date

import pytest

from eventwire import code_text
from eventwire.events.doers import is_thinking, needs_counterpart, needs_doer

D = date(2022, 3, 9)


def mentions(text: str):
    return code_text(text, date=D)


def test_doer_roots_are_the_verbal_and_cooperative_ones():
    assert all(needs_doer(c) for c in ("010", "020", "036", "040", "057", "070", "100", "120"))
    assert not any(needs_doer(c) for c in ("111", "130", "145", "173", "190", "1823"))
    assert is_thinking("believe") and is_thinking("Fear") and not is_thinking("say")


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "A leaflet pinned to the mosque door called for calm in Kenya.",
    "A long document circulated on Monday said Ukrainian troops had pulled back.",
    "Relief was delivered to Somali villagers after the floods.",
])
def test_verbal_or_cooperative_act_without_a_doer_is_not_coded(text):
    assert [m for m in mentions(text) if needs_doer(m.cameo) and m.source is None] == []


@pytest.mark.slow
def test_verbal_act_with_a_doer_is_still_coded():
    found = [m for m in mentions("Germany called on Russia to withdraw its troops.") if m.cameo_root == "02"]
    assert found and found[0].source.code == "DEU" and found[0].target.code.startswith("RUS")


@pytest.mark.slow
@pytest.mark.parametrize(("text", "verb"), [
    ("Germany believes the talks with Russia will fail.", "believes"),
    ("The Kenyan government hopes for a quiet election.", "hopes"),
    ("Many Ukrainians fear a long war with Russia.", "fear"),
    ("France thinks Mali will expel its soldiers.", "thinks"),
])
def test_verb_of_thinking_is_not_an_event(text, verb):
    assert [m for m in mentions(text) if m.trigger.text == verb] == []


@pytest.mark.slow
def test_force_without_a_named_doer_is_still_coded():
    found = [m for m in mentions("A roadside blast killed four Nigerian soldiers on Sunday.")
             if m.cameo_root in ("18", "19", "20")]
    assert found and found[0].target is not None and found[0].target.country == "NGA"


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Kenyan police found a bomb in a car near the Somali border.",
    "Investigators said the bombs were assembled in a rented flat in Lagos.",
])
def test_a_bomb_named_as_a_device_is_not_an_attack(text):
    assert [m for m in mentions(text) if m.cameo_root in ("18", "19", "20")] == []


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "A bomb ripped through a market in northern Nigeria, killing nine traders.",
    "Al-Shabaab militants threw bombs at Kenyan soldiers.",
])
def test_a_bomb_that_is_used_is_still_an_attack(text):
    assert [m for m in mentions(text) if m.cameo_root in ("18", "19", "20")]


def test_counterpart_roots_are_the_consultations():
    assert needs_counterpart("040") and needs_counterpart("042") and needs_counterpart("046")
    assert not any(needs_counterpart(c) for c in ("010", "057", "173", "190"))


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "A group of Kenyan students met near the stadium after the match.",
    "The wounded farmer went to a hospital in Eldoret on his own.",
    "Nigerian police talked to him for an hour on Sunday.",
])
def test_consultation_with_nobody_met_is_not_coded(text):
    assert [m for m in mentions(text) if m.cameo_root == "04"] == []


@pytest.mark.slow
def test_consultation_with_a_counterpart_is_still_coded():
    found = [m for m in mentions("The Kenyan president met Ethiopia's prime minister in Nairobi.")
             if m.cameo_root == "04"]
    assert found and found[0].target is not None
