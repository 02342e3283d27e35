"""Every export of the coded examples, loaded back with pandas and checked column by column against the store.

The expected value of each GDELT column is computed here in Python from the store's rows (not by the export's
SQL), so a column that drifts from the store, or is filled with a made-up value, fails.
"""

from __future__ import annotations

import json
from datetime import date

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.export.gdelt import EVENT_COLUMNS, MENTION_COLUMNS, gdelt_actor, global_event_id, load_fips
from eventwire.export.tone import tone

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def store_rows(examples_db):
    con = duckdb.connect(str(examples_db), read_only=True)
    try:
        events = {r["event_id"]: r for r in _dicts(con, "SELECT * FROM events")}
        mentions = _dicts(con, "SELECT * FROM mentions")
        articles = {r["id"]: r for r in _dicts(con, "SELECT * FROM articles")}
    finally:
        con.close()
    return events, mentions, articles


def _dicts(con, sql):
    cur = con.execute(sql)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def _export(examples_db, tmp_path, *args) -> tuple[str, str]:
    out = tmp_path / "out.txt"
    result = CliRunner().invoke(app, ["export", *args, "--db", str(examples_db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8"), result.output


def _s(value) -> str | None:
    """A store value as the text pandas reads back (None for an empty cell)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def _num(text) -> float | None:
    return None if text is None or (isinstance(text, float) and pd.isna(text)) else float(text)


def _na(value):
    return None if isinstance(value, float) and pd.isna(value) else value


def test_gdelt_events_round_trip_column_by_column(examples_db, tmp_path, store_rows):
    events, mentions, articles = store_rows
    text, _ = _export(examples_db, tmp_path, "--format", "gdelt", "--header")
    frame = pd.read_csv(pd.io.common.StringIO(text), sep="\t", dtype=str)  # the header line names the columns
    assert list(frame.columns) == list(EVENT_COLUMNS)
    assert len(frame) == len(events) > 0
    fips = load_fips()
    by_event: dict[str, list[dict]] = {}
    for m in mentions:
        if m["event_id"]:
            by_event.setdefault(m["event_id"], []).append(m)
    ids = {global_event_id(i): i for i in events}
    checked = set()
    geonames: set[str] = set()
    for row in frame.to_dict("records"):
        row = {k: _na(v) for k, v in row.items()}
        e = events[ids[int(row["GLOBALEVENTID"])]]
        own = by_event[e["event_id"]]
        day: date = e["event_date"] or e["first_seen"]
        assert (row["SQLDATE"], row["MonthYear"], row["Year"]) == (day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year))
        assert float(row["FractionDate"]) == pytest.approx(day.year + (day.month * 30 + day.day) / 365, abs=1e-4)
        evidence = next(m for m in own if m["mention_id"] == e["evidence_mention_id"])
        for n, role in ((1, "source"), (2, "target")):
            code = e[f"{role}_code"]
            assert row[f"Actor{n}Code"] == code
            assert row[f"Actor{n}Name"] == (evidence[f"{role}_name"] if code and evidence[f"{role}_code"] == code else None)
            parts = gdelt_actor(code) if code else None
            for field, attr in (("CountryCode", "country_code"), ("KnownGroupCode", "known_group"),
                                ("Religion1Code", "religion1"), ("Religion2Code", "religion2"),
                                ("Type1Code", "type1"), ("Type2Code", "type2"), ("Type3Code", "type3")):  # fmt: skip
                assert row[f"Actor{n}{field}"] == (getattr(parts, attr) if parts else None), (field, code)
            assert row[f"Actor{n}EthnicCode"] is None
            # the actor's geography: its own country (a place there when the event's place is in it)
            country = e[f"{role}_country"]
            geo = f"Actor{n}Geo"
            if country in fips:
                assert row[f"{geo}_Type"] != "0"
                assert row[f"{geo}_CountryCode"] == ("GZ" if country == "PSE" and "Gaza" in (row[f"{geo}_FullName"] or "") else fips[country][0])
                assert row[f"{geo}_ADM1Code"].startswith(row[f"{geo}_CountryCode"])
                assert -90 <= float(row[f"{geo}_Lat"]) <= 90 and -180 <= float(row[f"{geo}_Long"]) <= 180
            else:  # no actor, or an IGO/NGO/region: no country to place it in
                assert row[f"{geo}_Type"] == "0" and row[f"{geo}_CountryCode"] is None
        assert row["IsRootEvent"] == ("1" if any(m["sentence_index"] == 0 for m in own) else "0")
        code = e["cameo"] + "0" if len(e["cameo"]) == 2 else e["cameo"]
        assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == (code, code[:3], e["cameo_root"])
        assert (row["QuadClass"], _num(row["GoldsteinScale"])) == (str(e["quad_class"]), round(e["goldstein"], 1))
        assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == (
            str(e["num_mentions"]), str(e["num_sources"]), str(e["num_articles"]))  # fmt: skip
        tones = [tone(articles[a]["text"]) for a in sorted({m["article_id"] for m in own})]
        assert _num(row["AvgTone"]) == pytest.approx(sum(tones) / len(tones), abs=1e-3)
        # the event's place: filled whenever the store has its country
        if e["location_country"] is None:
            assert row["ActionGeo_Type"] == "0" and row["ActionGeo_CountryCode"] is None
        else:
            assert row["ActionGeo_CountryCode"] == fips[e["location_country"]][0]
            assert row["ActionGeo_ADM1Code"].startswith(row["ActionGeo_CountryCode"])
            if e["location_name"] is not None and e["location_feature"] not in ("country", "admin1"):
                assert row["ActionGeo_Type"] in ("3", "4")
                assert (_num(row["ActionGeo_Lat"]), _num(row["ActionGeo_Long"])) == (
                    round(e["location_lat"], 4), round(e["location_lon"], 4))  # fmt: skip
                assert row["ActionGeo_FullName"].startswith(e["location_name"])
                # FeatureID: the GeoNames id of a city, as GDELT writes it; none for curated sites (air bases)
                want = None if e["location_geonames_id"] is None else str(e["location_geonames_id"])
                assert row["ActionGeo_FeatureID"] == want, row
                if e["location_feature"] == "city":
                    assert want is not None and want.isdigit(), e
                    geonames.add(want)
                if e["location_admin1"]:
                    assert len(row["ActionGeo_ADM1Code"]) > 2, row  # FIPS country + admin1 code
            elif e["location_feature"] == "country":
                assert row["ActionGeo_Type"] == "1"
                assert row["ActionGeo_FeatureID"] == row["ActionGeo_CountryCode"]
            checked.add(row["ActionGeo_Type"])
        for prefix in ("Actor1Geo", "Actor2Geo", "ActionGeo"):
            assert row[f"{prefix}_ADM2Code"] is None
        assert row["DATEADDED"] == e["first_seen"].strftime("%Y%m%d") + "000000"
        assert row["SOURCEURL"] == articles[e["evidence_article_id"]]["url"]
    assert {"1", "4"} <= checked  # both country-level and point places were exercised
    assert geonames, "no city with a GeoNames id among the examples' events"
    assert frame["AvgTone"].notna().all() and (frame["AvgTone"].astype(float) != 0).any()
    # the header-less default loads the same with GDELT's 61 names
    plain, _ = _export(examples_db, tmp_path, "--format", "gdelt")
    again = pd.read_csv(pd.io.common.StringIO(plain), sep="\t", header=None, names=list(EVENT_COLUMNS), dtype=str)
    pd.testing.assert_frame_equal(again, frame)


def test_gdelt_mentions_round_trip(examples_db, tmp_path, store_rows):
    events, mentions, articles = store_rows
    text, _ = _export(examples_db, tmp_path, "--format", "gdelt-mentions")
    frame = pd.read_csv(pd.io.common.StringIO(text), sep="\t", header=None, names=list(MENTION_COLUMNS), dtype=str)
    with_event = [m for m in mentions if m["event_id"]]
    assert len(frame) == len(with_event) > 0

    def offset(value) -> str:
        return str(-1 if value is None else value)

    expected = {}
    for m in with_event:
        art = articles[m["article_id"]]
        key = (str(global_event_id(m["event_id"])), str(m["sentence_index"] + 1), offset(m["source_start"]),
               offset(m["target_start"]), offset(m["trigger_start"]))  # fmt: skip
        expected[key] = {
            "EventTimeDate": events[m["event_id"]]["first_seen"].strftime("%Y%m%d") + "000000",
            "MentionTimeDate": (m["publication_date"] or art["date"]).strftime("%Y%m%d") + "000000",
            "MentionType": "1" if art["url"] else "2",
            "MentionSourceName": art["source"],  # the examples have no URLs to take a host name from
            "MentionIdentifier": art["url"] or m["article_id"],
            "Confidence": str(round(m["confidence"] * 100)),
            "MentionDocLen": str(len(art["text"])),
            "MentionDocTone": tone(art["text"]),
            "MentionDocTranslationInfo": None,
            "Extras": None,
        }
    assert len(expected) == len(with_event)
    for r in frame.to_dict("records"):
        r = {k: _na(v) for k, v in r.items()}
        key = (r["GLOBALEVENTID"], r["SentenceID"], r["Actor1CharOffset"], r["Actor2CharOffset"], r["ActionCharOffset"])
        want = expected.pop(key)
        assert float(r["MentionDocTone"]) == pytest.approx(want.pop("MentionDocTone"), abs=1e-3)
        assert {k: r[k] for k in want} == want
        assert r["InRawText"] in ("0", "1")
    assert not expected


def test_plover_round_trip_and_what_it_leaves_out(examples_db, tmp_path, store_rows):
    events, _, _ = store_rows
    text, output = _export(examples_db, tmp_path, "--format", "plover")
    records = [json.loads(line) for line in text.splitlines()]
    statements = [e for e in events.values() if e["plover_type"] is None]
    assert statements and all(e["cameo_root"] == "01" for e in statements)
    assert len(records) == len(events) - len(statements)
    assert f"left out {len(statements)} CAMEO 01 statement(s)" in " ".join(output.split())
    for r in records:
        e = events[r["id"]]
        assert (r["event_type"], r["mode"], r["cameo"], r["quad_code"]) == (
            e["plover_type"], e["plover_mode"], e["cameo"], e["quad_class"])  # fmt: skip
        assert r["date"] == (e["event_date"] or e["first_seen"]).isoformat()
        assert [a["cameo_code"] for a in r["actor"]] == ([e["source_code"]] if e["source_code"] else [])
        assert [a["cameo_code"] for a in r["recipient"]] == ([e["target_code"]] if e["target_code"] else [])
        assert r["num_mentions"] == e["num_mentions"] and r["text"] == e["evidence_sentence"]
    text, output = _export(examples_db, tmp_path, "--format", "plover", "--include-statements")
    records = [json.loads(line) for line in text.splitlines()]
    assert len(records) == len(events) and "left out" not in output
    assert sum(r["event_type"] is None for r in records) == len(statements)


@pytest.mark.parametrize("what", ["events", "mentions"])
def test_table_exports_round_trip(examples_db, tmp_path, what):
    key = "event_id" if what == "events" else "mention_id"
    con = duckdb.connect(str(examples_db), read_only=True)
    try:
        table = con.sql(f"SELECT * FROM {what} ORDER BY {key}").to_arrow_table()
    finally:
        con.close()
    store = table.to_pandas()
    out = tmp_path / f"{what}.parquet"
    assert CliRunner().invoke(app, ["export", "--format", "parquet", "--what", what, "--db", str(examples_db), "-o", str(out)]).exit_code == 0
    parquet = pq.read_table(out)
    assert parquet.column_names == table.column_names
    assert parquet.sort_by(key).to_pylist() == table.to_pylist()  # every value, types included
    text, _ = _export(examples_db, tmp_path, "--format", "csv", "--what", what)
    csv = pd.read_csv(pd.io.common.StringIO(text), dtype=str, keep_default_na=False).sort_values(key).reset_index(drop=True)
    assert list(csv.columns) == list(store.columns)
    assert csv["cameo"].tolist() == store["cameo"].tolist()  # codes keep their leading zeros
    text, _ = _export(examples_db, tmp_path, "--format", "jsonl", "--what", what)
    jsonl = pd.DataFrame([json.loads(line) for line in text.splitlines()]).sort_values(key).reset_index(drop=True)
    assert list(jsonl.columns) == list(store.columns)
    assert jsonl["cameo"].tolist() == store["cameo"].tolist()
