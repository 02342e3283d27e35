"""A reaction's target is whoever made the thing reacted to, when the text names them: "condemned the coup
by the army", "rejected Russia's ultimatum", "welcomed the ruling by the court". The sentences are ours."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire import code_text

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "code", "target"),
    [
        ("ECOWAS condemned the takeover by the army in Guinea.", "111", "MIL"),  # the army's country: actors' job
        ("Serbia rejected Hungary's ultimatum.", "12", "HUN"),
        ("Moldova rejected the ultimatum issued by Russia.", "12", "RUS"),
        ("Ghana welcomed the ruling by the International Court of Justice.", "051", "IGOUNOJUDICJ"),
        ("Japan criticised the decision by China to ban seafood imports.", "111", "CHN"),
    ],
)
def test_reaction_targets_the_maker_of_the_thing(text, code, target):
    mentions = code_text(text, date=date(2023, 8, 1))
    reaction = [m for m in mentions if m.cameo.startswith(code)]
    assert reaction, [m.cameo for m in mentions]
    assert reaction[0].target is not None
    assert reaction[0].target.code.endswith(target) if len(target) == 3 else reaction[0].target.code == target


def test_a_reaction_to_an_unnamed_maker_has_no_target():
    mentions = code_text("Ghana welcomed the ruling on Monday.", date=date(2023, 8, 1))
    assert [m.target for m in mentions if m.cameo == "051"] == [None]
