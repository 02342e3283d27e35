"""A wire dateline opening a line ("DAYTON, Ohio —", "KABUL, Afghanistan (AP) —") says where a story was
filed: it is never an argument of the first sentence's event (events/syntax.in_dateline). Sentences written
for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire import code_text

D = date(2023, 5, 2)


def triples(text: str) -> set[tuple[str | None, str, str | None]]:
    return {(m.source and m.source.code, m.cameo_root, m.target and m.target.code) for m in code_text(text, date=D)}


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Toledo, Ohio — Police arrested three men after a robbery at a gas station on Sunday.",
    "TOLEDO, OHIO — Police arrested three men after a robbery at a gas station on Sunday.",
    "Toledo, Ohio -- Police arrested three men after a robbery at a gas station on Sunday.",
    "toledo, ohio — police arrested three men after a robbery at a gas station on sunday.",
])
def test_dateline_place_is_not_the_subject(text):
    found = [t for t in triples(text) if t[1] == "17"]
    assert found and all(src is not None and src.endswith("COP") for src, _, _ in found)


@pytest.mark.slow
def test_capital_in_a_dateline_is_not_its_government():
    text = "BAGHDAD, Iraq (Reuters) — Turkish troops shelled Kurdish villages near the border on Monday."
    sources = {src for src, root, _ in triples(text) if root in ("18", "19")}
    assert sources and not any(src and src.startswith("IRQ") for src in sources)


@pytest.mark.slow
def test_a_dash_aside_is_not_a_dateline():
    text = "Chile, Peru — the two rivals — signed a trade agreement with Bolivia on Friday."
    assert any(src == "CHL" and root == "05" for src, root, _ in triples(text))
