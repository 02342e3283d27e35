"""Trading gunfire is an exchange of fire (190), as "exchanged fire", not commerce (061) (data/verbs.yaml:
trade). Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire import code_text


@pytest.mark.slow
def test_trading_gunfire_is_a_fight_not_trade():
    found = [m.cameo for m in code_text("Two police officers traded gunfire with a robbery suspect.",
                                        date=date(2020, 6, 1))]
    assert "190" in found
    assert "061" not in found


@pytest.mark.slow
def test_trading_goods_is_still_commerce():
    found = [m.cameo for m in code_text("Vietnam trades rice with Japan.", date=date(2020, 6, 1))]
    assert "061" in found
