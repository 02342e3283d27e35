"""Fast checks of the geo data files and name keys (no spaCy, no index build)."""

from __future__ import annotations

import pycountry
import pytest

from eventwire.geo.build import csv_rows
from eventwire.geo.names import name_key, strip_admin_words, strip_article

ISO3 = {c.alpha_3 for c in pycountry.countries} | {"XKX"}


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Ein al-Assad", "ein al assad"),
        ("U.S.", "us"),
        ("T'bilisi", "tbilisi"),
        ("Ḩarīr", "harir"),
        ("the United States", "united states"),
        ("Zaporizhzhia  NPP", "zaporizhzhia npp"),
        ("Kyiv", "kyiv"),
    ],
)
def test_name_key(text, key):
    assert name_key(text) == key


def test_admin_words_and_articles():
    assert strip_admin_words("basra governorate") == "basra"
    assert strip_admin_words("muhafazat kirkuk") == "kirkuk"
    assert strip_article("al anbar") == "anbar"
    assert strip_article("al ain") is None  # too little left to be a name on its own


def test_facilities_file_is_complete_and_valid():
    rows = csv_rows("facilities.csv")
    facilities = [r for _, r in rows if r["feature"] == "facility"]
    assert len(facilities) >= 80
    names = set()
    for line, row in rows:
        assert row["feature"] in ("facility", "other"), line
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, line
        assert not row["country"] or row["country"] in ISO3, (line, row["country"])
        assert row["source"], line
        assert row["name"] not in names, line
        names.add(row["name"])
    must = {
        "Ain al-Asad Air Base",
        "Harir Air Base",
        "Bagram Air Base",
        "Incirlik Air Base",
        "Hmeimim Air Base",
        "Al Udeid Air Base",
        "Ramstein Air Base",
        "Camp Lemonnier",
        "Guantanamo Bay Naval Base",
        "Diego Garcia",
        "Rafah crossing",
        "Kerem Shalom crossing",
        "Bab al-Hawa crossing",
        "Torkham border crossing",
        "Port of Hodeidah",
        "Port of Odesa",
        "Zaatari refugee camp",
        "Kakuma refugee camp",
        "Dadaab refugee complex",
        "Kutupalong refugee camp",
        "Natanz enrichment facility",
        "Fordow Fuel Enrichment Plant",
        "Zaporizhzhia Nuclear Power Plant",
        "Yongbyon Nuclear Scientific Research Center",
        "Bushehr Nuclear Power Plant",
    }
    assert must <= names


def test_alias_and_demonym_files_parse():
    aliases = csv_rows("aliases.csv")
    assert all(r["kind"] in ("country", "admin1", "city") for _, r in aliases)
    assert all(r["country"] in ISO3 for _, r in aliases)
    demonyms = csv_rows("demonyms.csv")
    assert {r["demonym"]: r["country"] for _, r in demonyms}["Iraqi"] == "IRQ"
    assert all(r["country"] in ISO3 for _, r in demonyms)


def test_an_index_from_other_inputs_is_not_current(tmp_path):
    import sqlite3

    from eventwire.geo.gazetteer import index_is_current

    path = tmp_path / "gazetteer.sqlite"
    assert not index_is_current(path)
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL)")
    con.execute("INSERT INTO meta VALUES ('fingerprint', 'stale')")
    con.commit()
    con.close()
    assert not index_is_current(path)
    path.write_bytes(b"not a database")
    assert not index_is_current(path)


def test_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    from eventwire.geo import cache_dir

    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path))
    assert cache_dir() == tmp_path
    monkeypatch.delenv("EVENTWIRE_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "eventwire"
