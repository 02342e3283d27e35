"""The bundled CAMEO table: counts, quad classes, Goldstein values and the PLOVER mapping."""

from __future__ import annotations

import pytest

from eventwire.errors import DictionaryError, UsageError
from eventwire.ontology import CameoCode, load_ontology, parse_ontology


@pytest.fixture(scope="module")
def onto():
    return load_ontology()


def test_all_311_codes_and_20_roots(onto):
    assert len(onto.codes()) == 311
    roots = [c.code for c in onto.roots()]
    assert roots == [f"{n:02d}" for n in range(1, 21)]


def test_codes_are_strings_with_leading_zeros(onto):
    assert "010" in onto
    assert "0256" in onto
    assert "10" in onto
    assert "256" not in onto
    assert 10 not in onto
    assert onto.get("010").name == "Make statement, not specified below"
    assert all(isinstance(c.code, str) and c.code[:2] == c.root for c in onto.codes())


@pytest.mark.parametrize(
    ("root", "quad"),
    [("01", 1), ("05", 1), ("06", 2), ("09", 2), ("10", 3), ("14", 3), ("15", 4), ("20", 4)],
)
def test_quad_class_follows_gdelt_rule(onto, root, quad):
    assert {c.quad_class for c in onto.codes() if c.root == root} == {quad}


@pytest.mark.parametrize(
    ("code", "goldstein"),
    [("190", -10.0), ("0256", -0.3), ("010", 0.0), ("036", 4.0), ("0871", 9.0), ("112", -2.0), ("020", 3.0)],
)
def test_goldstein_values(onto, code, goldstein):
    assert onto.get(code).goldstein == goldstein


def test_goldstein_within_scale(onto):
    assert all(-10.0 <= c.goldstein <= 10.0 for c in onto.codes())


@pytest.mark.parametrize(
    ("code", "ptype", "mode"),
    [
        ("010", None, None),  # statements have no PLOVER type
        ("0256", "REQUEST", None),  # appeals are requests
        ("041", "CONSULT", "phone"),
        ("0841", "RETREAT", "release"),
        ("163", "COERCE", "restrict"),  # PLOVER moves sanctions to COERCE
        ("1712", "ASSAULT", "seize"),
        ("173", "COERCE", "arrest"),
        ("190", "ASSAULT", None),
        ("195", "ASSAULT", "heavy-weapons"),
        ("1211", "REJECT", "assist"),
        ("0861", "RETREAT", "access"),  # trailing space in the source table is stripped
    ],
)
def test_plover_mapping(onto, code, ptype, mode):
    record = onto.get(code)
    assert (record.plover_type, record.plover_mode) == (ptype, mode)


def test_every_code_but_statements_has_a_plover_type(onto):
    missing = [c.code for c in onto.codes() if c.plover_type is None]
    assert missing
    assert all(code.startswith("01") for code in missing)


def test_unknown_code_is_usage_error_e424(onto):
    with pytest.raises(UsageError) as info:
        onto.get("999")
    assert info.value.code == "E424"


def test_root_of(onto):
    assert onto.root_of("0256").code == "02"
    assert onto.get("0256").is_root is False


def test_load_is_cached():
    assert load_ontology() is load_ontology()


def test_records_are_frozen(onto):
    record: CameoCode = onto.get("190")
    with pytest.raises(AttributeError):
        record.goldstein = 0.0  # type: ignore[misc]


def test_malformed_table_names_line():
    text = "code,name,root,goldstein,quad_class,plover_type,plover_mode\n010,Make statement,01,zero,1,,\n"
    with pytest.raises(DictionaryError) as info:
        parse_ontology(text, path="bad.csv")
    assert info.value.line == 2
    assert "bad.csv:2" in str(info.value)
