"""Actor dictionary: bundled data, loader, validator, CSV and user overrides (fast, no spaCy)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.actors import load_actor_dictionary
from eventwire.actors.entries import plural
from eventwire.errors import DictionaryError

# ISO 3166-1 alpha-3 (pycountry 26.2.16), all 249 of them.
ISO3 = """
ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD BGR BHR
BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR COD COG COK COL
COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST ETH FIN FJI FLK
FRA FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY HKG HMD HND HRV
HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO
LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG
MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL NER NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN
PER PHL PLW PNG POL PRI PRK PRT PRY PSE PYF QAT REU ROU RUS RWA SAU SDN SEN SGP SGS SHN SJM SLB SLE
SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK TKL TKM TLS TON TTO
TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB VAT VCT VEN VGB VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE
""".split()


@pytest.fixture(scope="module")
def bundled():
    return load_actor_dictionary()


def test_every_iso_country_and_kosovo_present(bundled):
    assert len(ISO3) == 249
    codes = set(bundled.countries)
    assert set(ISO3) <= codes
    assert "KSV" in codes  # Kosovo: CAMEO/Phoenix code, not ISO's XKX


def test_short_forms_adjectives_people_and_seats(bundled):
    countries = bundled.countries
    usa, gbr = countries["USA"], countries["GBR"]
    assert {"US", "U.S.", "USA", "America", "United States"} <= set(usa.names)
    assert {"UK", "Britain"} <= set(gbr.names)
    assert "British" in gbr.adjectives
    assert "Russia" in countries["RUS"].names
    assert "Kremlin" in countries["RUS"].seats
    assert "DPRK" in countries["PRK"].names
    assert "North Korea" in countries["PRK"].names
    assert "South Korea" in countries["KOR"].names
    assert "Emirati" in countries["ARE"].adjectives
    assert "Iraqis" in countries["IRQ"].people
    assert {"Washington", "White House"} <= set(usa.seats)
    orgs = {name: org.code for org in countries["USA"].orgs for name in org.names}
    assert orgs["Pentagon"] == "USAMIL"
    assert orgs["State Department"] == "USAGOV"
    assert orgs["CIA"] == "USASPY"
    iran_orgs = {name: org.code for org in countries["IRN"].orgs for name in org.names}
    assert iran_orgs["IRGC"] == iran_orgs["Quds Force"] == iran_orgs["Revolutionary Guards"] == "IRNMIL"


def test_cities_are_not_country_names(bundled):
    iraq = bundled.countries["IRQ"]
    assert "Mosul" not in iraq.names
    assert "Basra" not in iraq.names
    assert "Baghdad" in iraq.seats
    assert "Baghdad" not in iraq.names


def test_at_least_150_role_nouns(bundled):
    agents = bundled.of_kind("agent")
    assert len(agents) >= 150
    assert all(len(a.code or "") == 3 for a in agents)
    codes = {form.lower(): a.code for a in agents for form in a.names}
    assert codes["security forces"] == "COP"
    assert codes["police"] == "COP"
    assert codes["troops"] == "MIL"
    assert codes["rebels"] == "REB"
    assert codes["gunmen"] == "UAF"
    assert codes["spokesman"] == "GOV"
    assert codes["refugees"] == "REF"
    assert codes["journalists"] == "MED"


@pytest.mark.parametrize(("singular", "expected"), [
    ("minister", "ministers"), ("police", "police"), ("militia", "militias"), ("spokesman", "spokesmen"),
    ("army", "armies"), ("chief of staff", "chiefs of staff"), ("troops", "troops"), ("MP", "MP"),
    ("prime minister", "prime ministers"), ("church", "churches"),
])
def test_plural(singular, expected):
    assert plural(singular) == expected


def _write(tmp_path: Path, text: str, name: str = "user.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD = "- kind: agent\n  code: GOV\n  names: [official]\n"


@pytest.mark.parametrize(("text", "line", "code"), [
    (GOOD + "- kind: actor\n  code: GOV\n  names: [x]\n", 4, "E151"),                   # unknown kind
    (GOOD + "- kind: agent\n  names: [x]\n", 4, "E154"),                                 # missing code
    (GOOD + "- kind: agent\n  code: GOV\n", 4, "E154"),                                  # missing names
    (GOOD + "- kind: organization\n  code: igoUNO\n  names: [x]\n", 5, "E157"),          # bad code form
    (GOOD + "- kind: organization\n  code: IGOUN\n  names: [x]\n", 5, "E157"),           # not 3k letters
    (GOOD + "- kind: agent\n  code: GOVMIL\n  names: [x]\n", 5, "E158"),                 # agent code
    (GOOD + "- kind: agent\n  code: GOV\n  names: [x, '  ']\n", 6, "E156"),              # empty form
    (GOOD + "- kind: person\n  name: A B\n  names: [A B]\n  roles:\n"
            "    - {code: IRQGOV, start: 2020-13-01}\n", 8, "E160"),                      # not ISO
    (GOOD + "- kind: person\n  name: A B\n  names: [A B]\n  roles:\n"
            "    - {code: IRQGOV, start: 2020-01-02, end: 2020-01-01}\n", 8, "E161"),     # start >= end
    (GOOD + "- kind: person\n  name: A B\n  names: [A B]\n  roles:\n"
            "    - {code: IRQGOV, start: 2019-01-01}\n"
            "    - {code: IRQGOV, start: 2019-01-01}\n", 9, "E162"),                      # duplicate role
    (GOOD + "- kind: country\n  code: IRQ\n  names: [Iraq]\n  orgs:\n"
            "    - {code: IRQ-MIL, names: [Iraqi Army]}\n", 8, "E157"),                  # bad org code
    (GOOD + "- kind: agent\n  code: [GOV\n", 6, "E103"),        # YAML syntax: where the parser stops
])
def test_validator_names_file_and_line(tmp_path, text, line, code):
    path = _write(tmp_path, text)
    with pytest.raises(DictionaryError) as info:
        load_actor_dictionary(extra_files=(path,))
    assert info.value.path == str(path)
    assert info.value.line == line
    assert info.value.code == code
    assert f"{path}:{line}" in str(info.value)


def test_overlapping_roles_with_different_codes_are_allowed(tmp_path):
    path = _write(tmp_path, "- kind: person\n  name: A B\n  names: [A B]\n  roles:\n"
                            "    - {code: IRQGOV, start: 2019-01-01}\n    - {code: IRQMIL, start: 2019-01-01}\n")
    person = next(e for e in load_actor_dictionary(extra_files=(path,)).of_kind("person") if e.name == "A B")
    assert [r.code for r in person.roles] == ["IRQGOV", "IRQMIL"]


def test_csv_user_file_merges_person_rows(tmp_path):
    path = _write(tmp_path, "kind,code,name,names,start,end\n"
                            "person,IRQGOV,Zaid Testfield,Zaid Testfield|Z. Testfield,2018-10-25,2020-05-07\n"
                            "person,IRQELI,Zaid Testfield,,2020-05-07,\n"
                            "agent,MIL,,sappers|sapper,,\n", "user.csv")
    dictionary = load_actor_dictionary(extra_files=(path,))
    person = next(e for e in dictionary.of_kind("person") if e.name == "Zaid Testfield")
    assert person.names == ("Zaid Testfield", "Z. Testfield")
    assert [(r.code, str(r.start)) for r in person.roles] == [("IRQGOV", "2018-10-25"), ("IRQELI", "2020-05-07")]
    assert person.origin == "user.csv:2"
    assert any(e.name == "sappers" and e.code == "MIL" for e in dictionary.of_kind("agent"))


def test_csv_errors_name_the_row(tmp_path):
    path = _write(tmp_path, "kind,code,name,names,start,end\nagent,MIL,,sappers,,\nperson,IRQGOV,X Y,X Y,2020-01-02,"
                            "2019-01-01\n", "bad.csv")
    with pytest.raises(DictionaryError) as info:
        load_actor_dictionary(extra_files=(path,))
    assert (info.value.path, info.value.line, info.value.code) == (str(path), 3, "E161")


def test_user_entry_replaces_bundled_entry_of_same_kind_and_name(tmp_path, bundled):
    assert "Republic of Iraq" in bundled.countries["IRQ"].names
    path = _write(tmp_path, "- kind: country\n  code: IRQ\n  name: Iraq\n  names: [Iraq, Mesopotamia]\n")
    merged = load_actor_dictionary(extra_files=(path,))
    iraq = merged.countries["IRQ"]
    assert iraq.names == ("Iraq", "Mesopotamia")
    assert iraq.origin == "user.yaml:1"
    assert len(merged.countries) == len(bundled.countries)


def test_group_roles_and_organisation_seats_load(tmp_path):
    path = tmp_path / "groups.yaml"
    path.write_text("- kind: group\n  code: XYZREB\n  name: Testers\n  names: [Testers]\n"
                    "  roles:\n    - {code: XYZGOV, start: 2021-08-15}\n"
                    "- kind: organization\n  code: IGOABC\n  name: Abc\n  names: [Abc]\n  seats: [Abctown]\n",
                    encoding="utf-8")
    by_name = {e.name: e for e in load_actor_dictionary(extra_files=(path,)).entries}
    assert by_name["Testers"].code == "XYZREB"
    assert [(r.code, str(r.start)) for r in by_name["Testers"].roles] == [("XYZGOV", "2021-08-15")]
    assert by_name["Abc"].seats == ("Abctown",)


def test_roles_are_refused_on_agents(tmp_path):
    path = tmp_path / "agents.yaml"
    path.write_text("- kind: agent\n  code: GOV\n  names: [testmaker]\n  roles:\n    - {code: GOV}\n",
                    encoding="utf-8")
    with pytest.raises(DictionaryError) as info:
        load_actor_dictionary(extra_files=(path,))
    assert info.value.line == 5
    assert info.value.code == "E152"


def test_agent_overrides_replace_generated_entries(bundled):
    agents = {e.name: e for e in bundled.of_kind("agent")}
    assert agents["junta"].code == "MIL"                       # gold: "Niger's junta" -> NERMIL
    assert "coast guard" not in agents["navy"].names           # coast guards are COP
    assert agents["coast guard"].code == "COP"
    assert agents["military police"].code == "COP"
    assert "rights groups" not in agents["rights groups"].agent_forms()  # unresolved speaker (gold format)
    forms: dict[str, set[str]] = {}
    for entry in bundled.of_kind("agent"):
        for form in entry.agent_forms():
            forms.setdefault(form.lower(), set()).add(entry.code or "")
    overridden = [e for e in bundled.of_kind("agent") if e.origin.startswith("agents_overrides")]
    assert overridden
    for entry in overridden:   # an override never leaves a form ambiguous between two codes
        assert all(len(forms[f.lower()]) == 1 for f in entry.agent_forms()), entry.name


def test_taliban_becomes_the_government_and_brussels_is_the_eu(bundled):
    groups = {e.name: e for e in bundled.entries if e.kind in ("group", "organization")}
    assert groups["Taliban"].code == "AFGREB"
    assert [(r.code, str(r.start)) for r in groups["Taliban"].roles] == [("AFGGOV", "2021-08-15")]
    assert "Brussels" in groups["European Union"].seats
    assert "Brussels" not in bundled.countries["BEL"].seats
