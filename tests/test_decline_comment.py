"""Declining to give details, a name or a guess is declining comment (011), not rejecting anyone (12x);
declining to give troops or to free people stays a rejection (data/verbs.yaml: decline, refuse, pattern key
``xcomp_obj``). Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire import code_text

D = date(2022, 11, 3)


def cameos(text: str) -> list[str]:
    return [m.cameo for m in code_text(text, date=D)]


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "The fire chief declined to provide further details about the cause.",
    "A neighbor, who declined to give his full name, said the family was stunned.",
    "Investigators refused to speculate about a motive.",
    "Police refused to release the names of the dead.",
])
def test_declining_to_give_information_is_no_comment(text):
    found = cameos(text)
    assert "011" in found
    assert not any(c.startswith("12") for c in found)


@pytest.mark.slow
@pytest.mark.parametrize(("text", "code"), [
    ("Germany declined to provide troops for the mission.", "12"),
    ("The rebels refused to release the hostages.", "1243"),
])
def test_declining_to_give_help_or_people_is_still_a_rejection(text, code):
    assert any(c.startswith(code) for c in cameos(text))
