"""An event whose doer or patient is nobody did not happen: "no one has been arrested", "none of the
guards were charged", "police made no arrests" are negated (events/syntax.is_negated). Sentences written
for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire import code_text

D = date(2023, 9, 14)


def coded(text: str) -> list[tuple[str, bool]]:
    return [(m.cameo_root, m.negated) for m in code_text(text, date=D)]


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "No one has been arrested in the robbery.",
    "None of the guards were charged.",
    "Police have made no arrests in the case.",
])
def test_nobody_arrested_is_a_negated_arrest(text):
    found = coded(text)
    assert found and all(negated for root, negated in found if root == "17")


@pytest.mark.slow
def test_an_ordinary_arrest_is_not_negated():
    assert ("17", False) in coded("Police arrested two men on Friday.")
