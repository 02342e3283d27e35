"""Shape and date checks of the bundled people / organisation dictionaries (no spaCy needed)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
ACTORS = ROOT / "src" / "eventwire" / "data" / "actors"
PEOPLE = ACTORS / "people.yaml"
ORGS = ACTORS / "organizations.yaml"
CODE_RE = re.compile(r"[A-Z]{3}(?:[A-Z]{3})*")

# the 19 G20 member countries (the EU, the 20th member, is checked with the UN and NATO)
G20 = set("ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN MEX RUS SAU ZAF KOR TUR GBR USA".split())
# countries in armed conflict since 2014 named in the brief
CONFLICT = set(
    "IRQ IRN SYR ISR PSE LBN YEM AFG UKR LBY SDN SSD ETH SOM MLI BFA NER NGA COD MMR ARM AZE PAK COL VEN MOZ CAF".split()
)


def _load_checker():
    spec = importlib.util.spec_from_file_location("check_people", ROOT / "tools" / "check_people.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up while the class is built
    spec.loader.exec_module(module)
    return module


checker = _load_checker()


@pytest.fixture(scope="module")
def people_raw() -> list[dict]:
    return yaml.safe_load(PEOPLE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def orgs_raw() -> list[dict]:
    return yaml.safe_load(ORGS.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def entries():
    found, problems = checker.check_files([PEOPLE, ORGS])
    assert problems == []
    return found


def _day(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def _roles(person: dict) -> list[tuple[str, dt.date | None, dt.date | None]]:
    return [
        (r["code"], _day(r["start"]) if "start" in r else None, _day(r["end"]) if "end" in r else None)
        for r in person["roles"]
    ]


def _by_name(people: list[dict]) -> dict[str, dict]:
    return {p["name"]: p for p in people}


# ---------------------------------------------------------------- shape


def test_both_files_are_lists_of_known_kinds(people_raw, orgs_raw):
    assert isinstance(people_raw, list)
    assert isinstance(orgs_raw, list)
    assert {e["kind"] for e in people_raw} == {"person"}
    assert {e["kind"] for e in orgs_raw} == {"organization", "group"}


def test_every_entry_has_name_names_and_code_or_roles(people_raw, orgs_raw):
    for entry in people_raw + orgs_raw:
        assert isinstance(entry.get("name"), str), entry
        assert entry["name"].strip(), entry
        assert isinstance(entry.get("names"), list), entry
        assert entry["names"], entry
        assert all(isinstance(n, str) and n.strip() for n in entry["names"]), entry
        if entry["kind"] == "person":
            assert entry.get("roles"), entry
            assert isinstance(entry.get("source"), str), entry
            assert entry["source"].strip(), entry
            assert set(entry) <= {"kind", "name", "names", "roles", "source"}, entry
        else:
            assert CODE_RE.fullmatch(entry.get("code", "")), entry
            # groups may change code on a date (Taliban -> AFGGOV), the EU has a seat (Brussels)
            assert set(entry) <= {"kind", "code", "name", "names", "roles", "seats"}, entry
            for role in entry.get("roles") or ():
                assert CODE_RE.fullmatch(role["code"]) and role.get("start"), entry


def test_every_code_matches_the_format(people_raw, orgs_raw):
    codes = [r["code"] for p in people_raw for r in p["roles"]] + [o["code"] for o in orgs_raw]
    bad = [c for c in codes if not CODE_RE.fullmatch(c)]
    assert bad == []


def test_role_dates_are_iso_and_ordered(people_raw):
    for person in people_raw:
        for role in person["roles"]:
            assert set(role) <= {"code", "start", "end"}, person["name"]
            for key in ("start", "end"):
                if key in role:
                    assert type(role[key]) is dt.date, person["name"]
            assert not ("end" in role and "start" not in role), person["name"]
            if "start" in role and "end" in role:
                assert role["start"] < role["end"], person["name"]


def test_no_person_has_overlapping_roles_with_the_same_code(people_raw):
    for person in people_raw:
        dated = [r for r in _roles(person) if r[1] is not None]
        for i, (code, start, end) in enumerate(dated):
            for other_code, other_start, other_end in dated[i + 1 :]:
                if code != other_code:
                    continue
                overlap = max(start, other_start) < min(end or dt.date.max, other_end or dt.date.max)
                assert not overlap, f"{person['name']}: {code} roles overlap"


def test_checker_finds_no_problem_in_bundled_files():
    _, problems = checker.check_files([PEOPLE, ORGS])
    assert [str(p) for p in problems] == []


def test_person_names_are_unique(people_raw):
    names = [p["name"] for p in people_raw]
    assert len(names) == len(set(names))


# ---------------------------------------------------------------- required content


def test_seed_people_have_exactly_the_required_roles(people_raw):
    people = _by_name(people_raw)
    assert _roles(people["Adil Abdul Mahdi"]) == [("IRQGOV", dt.date(2018, 10, 25), dt.date(2020, 5, 7))]
    assert _roles(people["Donald Trump"]) == [
        ("USAGOV", dt.date(2017, 1, 20), dt.date(2021, 1, 20)),
        ("USAGOV", dt.date(2025, 1, 20), None),
    ]
    [(code, _, end)] = _roles(people["Qassem Soleimani"])
    assert (code, end) == ("IRNMIL", dt.date(2020, 1, 3))
    assert "Qassem Soleimani" in people["Qassem Soleimani"]["names"]
    assert {"Adel Abdul Mahdi", "Abdul-Mahdi"} <= set(people["Adil Abdul Mahdi"]["names"])


def test_brief_militants_have_their_dates(people_raw):
    people = _by_name(people_raw)
    assert ("IRNMIL", dt.date(2020, 1, 3), None) in _roles(people["Esmail Qaani"])
    assert _roles(people["Hassan Nasrallah"])[0][2] == dt.date(2024, 9, 27)
    assert _roles(people["Hassan Nasrallah"])[0][0] == "LBNREB"
    assert _roles(people["Yahya Sinwar"])[0][0] == "PSEREBHMS"
    assert _roles(people["Abu Mahdi al-Muhandis"])[0][0] == "IRQUAF"
    assert {"Erdogan", "Erdoğan"} <= set(people["Recep Tayyip Erdogan"]["names"])
    assert {"Zelensky", "Zelenskyy"} <= set(people["Volodymyr Zelensky"]["names"])


def test_quds_force_command_changes_hands_on_2020_01_03(entries):
    before = checker.roles_on(entries, dt.date(2020, 1, 2))["IRNMIL"]
    after = checker.roles_on(entries, dt.date(2020, 1, 3))["IRNMIL"]
    assert "Qassem Soleimani" in before
    assert "Esmail Qaani" not in before
    assert "Esmail Qaani" in after
    assert "Qassem Soleimani" not in after


def test_at_least_400_people_and_someone_from_every_g20_country(people_raw):
    assert len(people_raw) >= 400
    prefixes = {r["code"][:3] for p in people_raw for r in p["roles"]}
    assert G20 - prefixes == set()


@pytest.mark.parametrize("day", [dt.date(2020, 1, 1), dt.date(2025, 6, 1)])
def test_every_g20_country_has_a_head_of_state_or_government_on(entries, day):
    heads = checker.gov_countries_on(entries, day, heads_only=True)
    assert G20 - heads == set()


@pytest.mark.parametrize("day", [dt.date(2015, 6, 1), dt.date(2020, 1, 1), dt.date(2025, 6, 1)])
def test_every_conflict_country_has_a_government_role_on(entries, day):
    assert CONFLICT - checker.gov_countries_on(entries, day) == set()


@pytest.mark.parametrize("day", [dt.date(2016, 1, 1), dt.date(2020, 1, 1), dt.date(2025, 6, 1)])
def test_un_eu_nato_have_leaders_on(entries, day):
    held = checker.roles_on(entries, day)
    assert {"IGOUNO", "IGOEUREEC", "IGONAT"} <= set(held)


def test_people_codes_of_international_bodies_are_defined_in_organizations(people_raw, orgs_raw):
    org_codes = {o["code"] for o in orgs_raw}
    used = {r["code"] for p in people_raw for r in p["roles"] if r["code"][:3] in {"IGO", "NGO", "IMG"}}
    assert used - org_codes == set()


def test_key_organisations_and_groups_resolve(orgs_raw):
    code_of = {n.casefold(): o["code"] for o in orgs_raw for n in o["names"]}
    expected = {
        "UNAMI": "IGOUNO",
        "NATO": "IGONAT",
        "UNHCR": "IGOUNOREFHCR",
        "Hezbollah": "LBNREB",
        "Hamas": "PSEREBHMS",
        "ISIS": "IRQREB",
        "Houthis": "YEMREB",
        "Taliban": "AFGREB",
        "Kataib Hezbollah": "IRQUAF",
        "Rapid Support Forces": "SDNREB",
        "Wagner Group": "RUSUAF",
        "al-Qaeda": "IMGMUSALQ",
        "Médecins Sans Frontières": "NGOHLHMSF",
    }
    assert {k: code_of.get(k.casefold()) for k in expected} == expected


def test_risky_surface_forms_are_absent(people_raw, orgs_raw):
    forms = {n for e in people_raw + orgs_raw for n in e["names"]}
    # mixed-case forms match case-insensitively, so these would catch common words or other bodies
    # ("Security Council" alone is the UN's: "National Security Council" is a longer agent form, "AU Peace and
    # Security Council" a longer organisation form, and the longest match wins)
    assert {"LeT", "Amnesty", "PDF", "CARE", "Mahdi", "Soleimani"} & forms == set()


# ---------------------------------------------------------------- the checker itself can fail


def test_checker_reports_bad_entries_with_their_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "- kind: person\n"
        "  name: A\n"
        "  names: [A Person]\n"
        "  roles:\n"
        "    - {code: IRQGOV, start: 2020-01-01, end: 2021-01-01}\n"
        "    - {code: IRQGOV, start: 2020-06-01}\n"
        "  source: test\n"
        "- kind: person\n"
        "  name: B\n"
        "  names: [B Person, A Person]\n"
        "  roles:\n"
        "    - {code: IRQgov, start: 2020-01-01}\n"
        "    - {code: IRNMIL, start: 2021-01-01, end: 2020-01-01}\n"
        "    - {code: IRNGOV, start: 2020-13-01}\n"
        "- kind: actor\n"
        "  name: C\n",
        encoding="utf-8",
    )
    _, problems = checker.check_files([bad])
    text = "\n".join(str(p) for p in problems)
    assert f"{bad}:1: overlapping roles with code IRQGOV" in text
    assert f"{bad}:8: role 1: code 'IRQgov'" in text
    assert f"{bad}:8: role 2: start 2021-01-01 is not before end 2020-01-01" in text
    assert f"{bad}:8: role 3:" in text
    assert f"{bad}:8: `source` must be a non-empty string" in text
    assert f"{bad}:8: surface form 'A Person' also names 'A'" in text
    assert f"{bad}:15: unknown kind 'actor'" in text


def test_role_covers_is_half_open():
    role = checker.Role("IRQGOV", dt.date(2018, 10, 25), dt.date(2020, 5, 7))
    assert role.covers(dt.date(2018, 10, 25))
    assert role.covers(dt.date(2020, 5, 6))
    assert not role.covers(dt.date(2020, 5, 7))
    assert not role.covers(dt.date(2018, 10, 24))
    assert not checker.Role("IRQREB", None, None).covers(dt.date(2020, 1, 1))
