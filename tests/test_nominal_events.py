"""Events named by nouns, with no verb of their own to carry them: fighting that "broke out between" two
sides, "days of fighting with" one side, "clashes between" two sides that "killed" people, "a strike on"
something, "blamed X for an attack". The sentences are ours."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire import code_text

pytestmark = pytest.mark.slow


def coded(text: str):
    return code_text(text, date=date(2023, 5, 2))


def triples(text: str) -> set[tuple[str | None, str, str | None]]:
    return {(m.source.code if m.source else None, m.cameo_root, m.target.code if m.target else None) for m in coded(text)}


@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        ("Fighting broke out in Juba between South Sudan's army and rebel forces.", "SSDMIL", "SSDREB"),
        ("Heavy fighting erupted on Friday between Indian troops and Pakistani soldiers.", "INDMIL", "PAKMIL"),
        ("Clashes flared between Israeli police and Palestinian protesters in Jerusalem.", "ISRCOP", "PSEOPP"),
        ("The death toll from the fighting between Malian troops and Algerian soldiers rose to 60.", "MLIMIL", "DZAMIL"),
        ("Two weeks of clashes between Armenian and Azerbaijani forces left 40 dead.", "ARMMIL", "AZEMIL"),
    ],
)
def test_fighting_between_two_sides_is_coded_both_ways(text, a, b):
    """Force both ways; protesters' side of a clash is a riot (14)."""
    got = triples(text)
    assert any((a, r, b) in got for r in ("14", "19")) and any((b, r, a) in got for r in ("14", "19")), got


def test_clashes_that_killed_are_the_clashes():
    """The killing is what the clashes did: both sides are coded, no doer-less killing is added."""
    got = triples("Renewed clashes between Serbian police and Kosovo Albanian gunmen killed five people.")
    assert any(s and s.startswith("SRB") and r == "19" for s, r, t in got), got
    assert all(s is not None for s, r, t in got)


def test_one_side_named_takes_the_other_from_the_clause():
    got = triples("The militants retreated after days of fighting with the Nigerian army.")
    assert any(r == "19" and t == "NGAMIL" and s is not None for s, r, t in got), got


def test_a_speaker_is_not_a_side():
    """ "condemned the fighting with the army": the condemner did not fight."""
    got = triples("The UN condemned the fighting with the Sudanese army.")
    assert not any(s == "IGOUNO" and r == "19" for s, r, t in got), got


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Turkey launched a strike on Syria on Sunday.", "TUR", "SYR"),
        ("Pakistan carried out a strike on Afghanistan overnight.", "PAK", "AFG"),
    ],
)
def test_a_strike_on_something_is_force(text, source, target):
    assert (source, "19", target) in triples(text)


def test_a_strike_on_a_date_is_no_attack():
    assert not any(r == "19" for _, r, _ in triples("Nurses in Kenya began a strike on Monday."))


def test_blamed_for_an_attack_names_the_doer_and_attributes_it():
    mentions = coded("Lebanon blamed Israel for an attack on a UN convoy near Tyre.")
    force = [m for m in mentions if m.cameo_root in ("18", "19")]
    assert force and force[0].source.code == "ISR"
    assert force[0].attributed_to is not None and force[0].attributed_to.code == "LBN"


def test_a_clause_on_an_event_noun_targets_only_when_it_acts():
    """ "the airstrike that killed X" names the target; "the blast, reported on state media" does not."""
    mentions = coded("Footage of the bomb blast circulated on social media on Sunday.")
    assert all(m.target is None or m.target.sector != "MED" for m in mentions)
    hit = coded("The Israeli airstrike that killed two Hamas commanders drew condemnation.")
    assert any(m.cameo_root == "19" and m.target is not None and m.target.code.startswith("PSE") for m in hit)


@pytest.mark.parametrize(
    ("text", "source", "root"),
    [
        ("Al-Shabaab claimed responsibility for the car bombing near the airport.", "SOMREB", "18"),
        ("Boko Haram accepted responsibility for the kidnapping of 40 farmers.", "NGAREB", "18"),
    ],
)
def test_claiming_responsibility_makes_the_act_the_claimants(text, source, root):
    """The claim is 015; the act is coded as the claimant's, attributed to the claimant (it is their claim)."""
    got = triples(text)
    assert (source, "01", None) in got and any(s == source and r == root for s, r, _ in got), got
    [act] = [m for m in coded(text) if m.cameo_root == root]
    assert act.attributed_to is not None and act.attributed_to.code == source
