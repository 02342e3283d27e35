"""Handing a case or an investigation over to prosecutors is a file changing desks, no yielding (084);
handing over suspects or control still is (data/verbs.yaml: hand/turn over). Sentences written for these
tests."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire import code_text

D = date(2019, 4, 12)


def roots(text: str) -> list[str]:
    return [m.cameo_root for m in code_text(text, date=D)]


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Detectives turned the case over to the district attorney's office.",
    "Police handed the investigation over to the FBI on Monday.",
])
def test_handing_over_a_case_is_no_yielding(text):
    assert "08" not in roots(text)


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Pakistan handed over the suspects to India.",
    "The army turned over control of the city to the police.",
])
def test_handing_over_people_or_control_still_yields(text):
    assert "06" in roots(text) or "08" in roots(text)
