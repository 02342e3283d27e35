"""Inverted attributions: in "“Cuba,” said Pedro Alvarez, a union boss" the parser gives "said" two subjects;
the one inside the quotation is what was said, the other is the speaker (events/syntax.subject). Sentences
written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire import code_text

D = date(2023, 5, 2)


@pytest.mark.slow
@pytest.mark.parametrize(("text", "speaker"), [
    ("“Cuba,” said the Venezuelan foreign minister.", "VENGOV"),
    ('"Syria," said the Turkish defence minister, when asked about the border.', "TURGOV"),
    ("“Peru,” said Ana Ruiz, a Bolivian lawmaker.", "BOLLEG"),
])
def test_a_quoted_word_is_not_the_speaker(text, speaker):
    sources = {m.source.code for m in code_text(text, date=D) if m.cameo_root == "01" and m.source}
    assert sources == {speaker}


@pytest.mark.slow
def test_a_plain_subject_is_still_the_speaker():
    found = [m for m in code_text("Cuba said the talks with Spain would resume.", date=D) if m.source]
    assert found and all(m.source.code == "CUB" for m in found)
