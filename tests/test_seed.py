"""The seed article must come out right (issue #2, "Done when")."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire import code_articles
from eventwire.geodesy import haversine_km
from eventwire.ingest import read_inputs
from eventwire.model import Article

SEED = Path(__file__).resolve().parents[1] / "examples" / "000_17d1bd0ca880ae7a.txt"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def mentions():
    articles = [a for a in read_inputs([SEED]) if isinstance(a, Article)]
    assert len(articles) == 1
    assert articles[0].date == date(2020, 1, 8)
    return list(code_articles(articles))


def _country(actor) -> str | None:
    return actor.code[:3] if actor else None


def test_iran_fires_missiles_at_us_forces(mentions):
    hits = [
        m for m in mentions
        if _country(m.source) == "IRN" and m.target and m.target.code.startswith("USA")
        and m.cameo_root == "19" and not m.negated and not m.hypothetical
    ]  # fmt: skip
    assert hits, [m.to_dict() for m in mentions]
    assert any(m.cameo == "195" for m in hits)


def test_us_strike_on_soleimani(mentions):
    hits = [
        m for m in mentions
        if _country(m.source) == "USA" and _country(m.target) == "IRN" and m.cameo in ("186", "195", "190")
    ]  # fmt: skip
    assert hits
    assert any("Soleimani" in m.target.text for m in hits)


def test_un_mission_appeals_for_restraint(mentions):
    hits = [m for m in mentions if m.source and m.source.code.startswith("IGOUNO") and m.cameo_root == "02"]
    assert hits
    assert any(m.cameo == "0256" for m in hits)


def test_iraqi_prime_minister_statement(mentions):
    hits = [m for m in mentions if m.source and m.source.code == "IRQGOV" and m.cameo_root in ("01", "13")]
    assert hits
    for m in hits:
        if m.cameo_root == "13":
            assert m.hypothetical


def test_no_iraqi_attack_and_no_iranian_attack_on_iraq(mentions):
    for m in mentions:
        if m.quad_class == 4:
            assert _country(m.source) != "IRQ", m.to_dict()
            if _country(m.source) == "IRN":
                assert not (m.target and m.target.code.startswith("IRQ")), m.to_dict()


def test_offsets_point_at_the_evidence(mentions):
    text = next(a for a in read_inputs([SEED]) if isinstance(a, Article)).text
    for m in mentions:
        assert text[m.trigger.start : m.trigger.end] == m.trigger.text
        for actor in (m.source, m.target, m.attributed_to):
            if actor is not None:
                assert text[actor.start : actor.end] == actor.text


_km = haversine_km


AIN_AL_ASAD = (33.80, 42.44)
ERBIL = (36.19, 44.01)


def test_missile_strikes_are_located_at_ain_al_asad_and_erbil(mentions):
    strikes = [m for m in mentions if m.source and m.source.code == "IRN" and m.cameo_root == "19" and m.location]
    near = {
        name
        for m in strikes
        for name, point in (("Ain al-Asad", AIN_AL_ASAD), ("Erbil", ERBIL))
        if _km(m.location.lat, m.location.lon, *point) <= 25
    }
    assert near == {"Ain al-Asad", "Erbil"}
    assert all(m.location.country == "IRQ" for m in strikes)
    assert any(m.location.admin1 == "Al Anbar" and m.location.basis == "attached" for m in strikes)


def test_event_dates(mentions):
    strikes = [m for m in mentions if m.source and m.source.code == "IRN" and m.cameo_root == "19"]
    assert strikes and all((m.event_date, m.date_basis) == (date(2020, 1, 8), "publication") for m in strikes)
    un = [m for m in mentions if m.source and m.source.code.startswith("IGOUNO") and m.sentence_index == 0]
    assert un and all((m.event_date, m.date_basis) == (date(2019, 12, 8), "explicit") for m in un)
