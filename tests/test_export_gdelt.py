"""GDELT 2.0 exports (61 event columns, 16 mention columns) and the whole-table exports (Parquet/CSV/JSONL).

The store is built by hand: articles and mentions through ``Store.write``, then the ``events`` rows that
dedup would make (schema of ``docs/analysis-contracts.md``, migration 4), so the exports are tested
independently of dedup's rules.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from eventwire.errors import StoreError, UsageError
from eventwire.export.gdelt import (
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    gdelt_actor,
    global_event_id,
    load_fips,
    write_gdelt_events,
    write_gdelt_mentions,
)
from eventwire.export.parquet import write_parquet, write_table
from eventwire.export.tone import tone
from eventwire.model import ActorRef, Article, EventMention, Place, Span
from eventwire.store import Store
from eventwire.store.columns import mention_id

S1 = "Iran's Revolutionary Guards fired missiles at US forces in Iraq."
S2 = "The UN urged Iran to show restraint."
A1_TEXT = f"{S1} {S2}"
S3 = "Missiles hit the Ain al-Asad base."
S4 = "Hamas fighters attacked Israeli troops in Gaza City."
S5 = "Washington said it was assessing the damage."
A2_TEXT = f"{S3} {S4} {S5}"


def _actor(code, name, country, sector, text, start):
    return ActorRef(
        code=code, name=name, country=country, sector=sector, text=text, start=start, end=start + len(text)
    )


def _mention(article, index, sentence, sentence_start, source, target, cameo, root, trigger, **extra):
    start = sentence_start + sentence.index(trigger)
    return EventMention(
        article_id=article.id,
        sentence_index=index,
        sentence=sentence,
        publication_date=article.date,
        event_date=extra.pop("event_date", article.date),
        date_basis="publication",
        source=source,
        target=target,
        cameo=cameo,
        cameo_root=root,
        cameo_name="name",
        goldstein=extra.pop("goldstein", -10.0),
        quad_class=extra.pop("quad_class", 4),
        plover_type=extra.pop("plover_type", "ASSAULT"),
        plover_mode=None,
        trigger=Span(trigger, start, start + len(trigger)),
        sentence_start=sentence_start,
        confidence=extra.pop("confidence", 0.8),
        **extra,
    )


def _event(event_id, mention, **values):
    row = {
        "event_id": event_id,
        "num_mentions": 1,
        "num_sources": 1,
        "num_articles": 1,
        "evidence_mention_id": mention_id(mention),
        "evidence_article_id": mention.article_id,
        "evidence_sentence": mention.sentence,
        "confidence": 0.8,
        "date_basis": "publication",
    }
    for role in ("source", "target"):
        actor = getattr(mention, role)
        if actor is not None:
            row.update(
                {f"{role}_code": actor.code, f"{role}_country": actor.country, f"{role}_sector": actor.sector}
            )
    row.update(
        cameo=mention.cameo,
        cameo_root=mention.cameo_root,
        quad_class=mention.quad_class,
        goldstein=mention.goldstein,
        plover_type=mention.plover_type,
        event_date=mention.event_date,
        first_seen=mention.publication_date,
        last_seen=mention.publication_date,
    )
    row.update(values)
    return row


def build_export_store(path: Path) -> Store:
    """A store with two articles, six mentions (one negated, without event) and four events."""
    a1 = Article(id="a1", text=A1_TEXT, date=date(2020, 1, 8), title="Iran strikes",
                 url="https://www.example.com/news/iran-strikes")  # fmt: skip
    a2 = Article(id="a2", text=A2_TEXT, date=date(2020, 1, 9), title="Aftermath", source="Wire")
    s4 = len(S3) + 1
    s5 = s4 + len(S4) + 1
    m1 = _mention(a1, 0, S1, 0, _actor("IRNMIL", 'Islamic "Revolutionary"\tGuards', "IRN", "MIL", "Iran's Revolutionary Guards", 0),
                  _actor("USAMIL", "US armed forces", "USA", "MIL", "US forces", S1.index("US forces")), "195", "19", "fired")  # fmt: skip
    # the same strike in the second article; the actors are carried over from the first sentence (implicit)
    m2 = _mention(a2, 0, S3, 0, _actor("IRNMIL", "Iranian military", "IRN", "MIL", "Iran", -100),
                  _actor("USAMIL", "US armed forces", "USA", "MIL", "US", -90), "195", "19", "hit")  # fmt: skip
    m3 = _mention(a1, 1, S2, len(S1) + 1, _actor("IGOUNO", "United Nations", "IGOUNO", None, "The UN", len(S1) + 1),
                  _actor("IRN", "Iran", "IRN", None, "Iran", len(S1) + 1 + S2.index("Iran")), "0256", "02", "urged",
                  goldstein=3.0, quad_class=1, plover_type="REQUEST")  # fmt: skip
    m4 = _mention(a2, 1, S4, s4, _actor("PSEREBHMS", "Hamas", "PSE", "REB", "Hamas fighters", s4),
                  _actor("ISRMIL", "Israeli military", "ISR", "MIL", "Israeli troops", s4 + S4.index("Israeli")),
                  "190", "19", "attacked",
                  location=Place("Gaza City", "PSE", "Gaza Strip", 31.5017, 34.4668, "city", s4 + 40, s4 + 49))  # fmt: skip
    m5 = _mention(a2, 2, S5, s5, _actor("USAGOV", "United States government", "USA", "GOV", "Washington", s5),
                  None, "010", "01", "said", goldstein=0.0, quad_class=1, plover_type=None,
                  event_date=None)  # fmt: skip
    m6 = _mention(a1, 0, S1, 0, _actor("USAMIL", "US armed forces", "USA", "MIL", "US forces", S1.index("US forces")),
                  None, "190", "19", "fired", negated=True)  # fmt: skip
    store = Store.open(path)
    store.write([a1, a2], [m1, m2, m3, m4, m5, m6])
    con = store.connection()
    con.execute("DELETE FROM events")
    con.execute("UPDATE mentions SET event_id = NULL")
    events = [
        _event("ev-strike", m1, num_mentions=2, num_sources=2, num_articles=2, last_seen=date(2020, 1, 9),
               location_name="Ain al-Asad Air Base", location_country="IRQ", location_admin1="Al Anbar",
               location_lat=33.80001, location_lon=42.44119, location_feature="facility", plover_mode="aerial"),
        _event("ev-appeal", m3),
        _event("ev-gaza", m4, location_name="Gaza City", location_country="PSE", location_admin1="Gaza Strip",
               location_lat=31.5017, location_lon=34.4668, location_feature="city"),
        _event("ev-statement", m5, location_name="United States", location_country="USA",
               location_lat=39.8, location_lon=-98.6, location_feature="country"),
    ]  # fmt: skip
    columns = sorted({key for event in events for key in event})
    for event in events:
        marks = ", ".join("?" * len(columns))
        con.execute(
            f"INSERT INTO events ({', '.join(columns)}) VALUES ({marks})", [event.get(c) for c in columns]
        )
    for event_id, mentions in {
        "ev-strike": [m1, m2],
        "ev-appeal": [m3],
        "ev-gaza": [m4],
        "ev-statement": [m5],
    }.items():
        for mention in mentions:
            con.execute(
                "UPDATE mentions SET event_id = ? WHERE mention_id = ?", [event_id, mention_id(mention)]
            )
    return store


@pytest.fixture
def store(tmp_path):
    store = build_export_store(tmp_path / "export.duckdb")
    yield store
    store.close()


def _gdelt_events(store, **kwargs) -> str:
    fh = io.StringIO()
    count = write_gdelt_events(store.connection(), fh, **kwargs)
    assert count == 4
    return fh.getvalue()


def _frame(text: str, names) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), sep="\t", header=None, names=list(names), dtype=str)


# ------------------------------------------------------------------------------------ events (61 columns)


def test_event_columns_are_gdelt_2_in_order():
    assert len(EVENT_COLUMNS) == 61
    assert EVENT_COLUMNS[:5] == ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    assert EVENT_COLUMNS[25:35] == (
        "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
        "NumMentions", "NumSources", "NumArticles", "AvgTone",
    )  # fmt: skip
    assert EVENT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")
    assert len(MENTION_COLUMNS) == 16


def test_gdelt_events_load_with_pandas_and_keep_codes_as_strings(store):
    text = _gdelt_events(store)
    lines = text.splitlines()
    assert len(lines) == 4
    assert all(len(line.split("\t")) == 61 for line in lines)
    frame = _frame(text, EVENT_COLUMNS)
    assert frame.shape == (4, 61)
    rows = {row["EventCode"]: row for row in frame.to_dict("records")}
    assert set(rows) == {"0256", "195", "190", "010"}  # leading zeros kept
    appeal = rows["0256"]
    assert (appeal["EventBaseCode"], appeal["EventRootCode"]) == ("025", "02")
    assert rows["010"]["EventRootCode"] == "01"
    assert rows["010"]["EventBaseCode"] == "010"


def test_gdelt_event_fields(store):
    frame = _frame(_gdelt_events(store), EVENT_COLUMNS)
    strike = frame[frame["EventCode"] == "195"].iloc[0]
    assert strike["GLOBALEVENTID"] == str(global_event_id("ev-strike"))
    assert (strike["SQLDATE"], strike["MonthYear"], strike["Year"]) == ("20200108", "202001", "2020")
    assert strike["FractionDate"] == "2020.1041"  # 2020 + (1 * 30 + 8) / 365
    assert (strike["Actor1Code"], strike["Actor1CountryCode"], strike["Actor1Type1Code"]) == (
        "IRNMIL",
        "IRN",
        "MIL",
    )
    assert strike["Actor1Name"] == "Islamic 'Revolutionary' Guards"  # no tab, no double quote
    assert (strike["Actor2Code"], strike["Actor2CountryCode"], strike["Actor2Type1Code"]) == (
        "USAMIL",
        "USA",
        "MIL",
    )
    assert strike["IsRootEvent"] == "1"
    assert (strike["QuadClass"], strike["GoldsteinScale"]) == ("4", "-10.0")
    assert (strike["NumMentions"], strike["NumSources"], strike["NumArticles"]) == ("2", "2", "2")
    # the mean tone of the two articles that report it, never a made-up 0
    assert float(strike["AvgTone"]) == pytest.approx(round((tone(A1_TEXT) + tone(A2_TEXT)) / 2, 4))
    assert float(strike["AvgTone"]) < 0  # "fired missiles", "attacked"
    # actors are placed in their own country (the strike's place is in neither)
    assert (strike["Actor1Geo_Type"], strike["Actor1Geo_FullName"], strike["Actor1Geo_CountryCode"]) == ("1", "Iran", "IR")
    assert (strike["Actor1Geo_ADM1Code"], strike["Actor1Geo_FeatureID"]) == ("IR", "IR")
    assert (strike["Actor2Geo_Type"], strike["Actor2Geo_CountryCode"]) == ("1", "US")
    assert strike["Actor2Geo_Lat"] is not None and -90 <= float(strike["Actor2Geo_Lat"]) <= 90  # a centroid
    assert strike["ActionGeo_Type"] == "4"
    assert strike["ActionGeo_FullName"] == "Ain al-Asad Air Base, Al Anbar, Iraq"
    # FIPS country + admin1 code, as GDELT writes it
    assert (strike["ActionGeo_CountryCode"], strike["ActionGeo_ADM1Code"]) == ("IZ", "IZ01")
    assert (strike["ActionGeo_Lat"], strike["ActionGeo_Long"]) == ("33.8", "42.4412")
    assert pd.isna(strike["ActionGeo_FeatureID"])  # no GeoNames id in this store
    assert strike["DATEADDED"] == "20200108000000"
    assert strike["SOURCEURL"] == "https://www.example.com/news/iran-strikes"

    appeal = frame[frame["EventCode"] == "0256"].iloc[0]
    assert appeal["Actor1Code"] == "IGOUNO"
    assert pd.isna(appeal["Actor1CountryCode"])
    assert (appeal["Actor1Type1Code"], appeal["Actor1KnownGroupCode"]) == ("IGO", "UNO")
    assert appeal["IsRootEvent"] == "0"  # second sentence
    assert appeal["ActionGeo_Type"] == "0" and pd.isna(appeal["ActionGeo_FullName"])
    assert appeal["Actor1Geo_Type"] == "0" and pd.isna(appeal["Actor1Geo_CountryCode"])  # an IGO has no country
    assert (appeal["Actor2Geo_Type"], appeal["Actor2Geo_CountryCode"]) == ("1", "IR")

    gaza = frame[frame["EventCode"] == "190"].iloc[0]
    assert (gaza["Actor1CountryCode"], gaza["Actor1Type1Code"], gaza["Actor1KnownGroupCode"]) == (
        "PSE",
        "REB",
        "HMS",
    )
    assert (gaza["ActionGeo_Type"], gaza["ActionGeo_CountryCode"], gaza["ActionGeo_ADM1Code"]) == ("4", "GZ", "GZ")
    # Hamas acts where the event happened (its country); the Israeli troops get their own country
    assert (gaza["Actor1Geo_Type"], gaza["Actor1Geo_FullName"], gaza["Actor1Geo_CountryCode"]) == (
        "4", "Gaza City, Gaza Strip, Palestine", "GZ")  # fmt: skip
    assert (gaza["Actor2Geo_Type"], gaza["Actor2Geo_CountryCode"]) == ("1", "IS")
    assert pd.isna(gaza["SOURCEURL"])  # the article has no URL

    statement = frame[frame["EventCode"] == "010"].iloc[0]
    assert statement["SQLDATE"] == "20200109"  # no event date: the first publication date
    assert pd.isna(statement["Actor2Code"])
    assert (statement["ActionGeo_Type"], statement["ActionGeo_CountryCode"]) == ("1", "US")
    assert (statement["ActionGeo_FullName"], statement["ActionGeo_FeatureID"]) == ("United States", "US")


def test_gdelt_events_are_in_date_order_and_deterministic(store):
    first = _gdelt_events(store)
    assert _gdelt_events(store, batch_size=1) == first  # many Arrow batches, same output
    dates = [line.split("\t")[1] for line in first.splitlines()]
    assert dates == sorted(dates)


def test_us_places_use_gdelt_us_geo_types(store):
    con = store.connection()
    con.execute("UPDATE events SET location_feature = 'city', location_name = 'Chicago', location_admin1 = 'Illinois'"
                " WHERE event_id = 'ev-statement'")  # fmt: skip
    frame = _frame(_gdelt_events(store), EVENT_COLUMNS)
    row = frame[frame["EventCode"] == "010"].iloc[0]
    assert (row["ActionGeo_Type"], row["ActionGeo_FullName"]) == ("3", "Chicago, Illinois, United States")
    con.execute("UPDATE events SET location_feature = 'admin1', location_name = 'Illinois'"
                " WHERE event_id = 'ev-statement'")  # fmt: skip
    row = _frame(_gdelt_events(store), EVENT_COLUMNS).query("EventCode == '010'").iloc[0]
    assert (row["ActionGeo_Type"], row["ActionGeo_FullName"]) == ("2", "Illinois, United States")


def test_export_without_events_table_is_a_store_error(tmp_path):
    with Store.open(tmp_path / "plain.duckdb") as plain:
        if (
            plain.connection()
            .execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'events'")
            .fetchall()[0][0]
        ):
            plain.connection().execute("DROP TABLE events")
        with pytest.raises(StoreError) as info:
            write_gdelt_events(plain.connection(), io.StringIO())
        assert info.value.code == "E310"


# ------------------------------------------------------------------------------------ mentions (16 columns)


def test_gdelt_mentions(store):
    fh = io.StringIO()
    assert write_gdelt_mentions(store.connection(), fh) == 5  # the negated mention has no event
    frame = _frame(fh.getvalue(), MENTION_COLUMNS)
    assert frame.shape == (5, 16)
    strike_id = str(global_event_id("ev-strike"))
    strike = frame[frame["GLOBALEVENTID"] == strike_id]
    assert len(strike) == 2
    first, second = strike.iloc[0], strike.iloc[1]
    assert (first["EventTimeDate"], first["MentionTimeDate"]) == ("20200108000000", "20200108000000")
    assert second["MentionTimeDate"] == "20200109000000"
    assert (first["MentionType"], first["MentionSourceName"]) == ("1", "example.com")
    assert first["MentionIdentifier"] == "https://www.example.com/news/iran-strikes"
    assert (second["MentionType"], second["MentionSourceName"], second["MentionIdentifier"]) == (
        "2",
        "Wire",
        "a2",
    )
    assert (first["SentenceID"], first["Actor1CharOffset"], first["ActionCharOffset"]) == (
        "1",
        "0",
        str(S1.index("fired")),
    )
    assert (first["InRawText"], second["InRawText"]) == ("1", "0")  # second: actors carried over from context
    assert first["Confidence"] == "80"
    assert first["MentionDocLen"] == str(len(A1_TEXT))
    statement = frame[frame["GLOBALEVENTID"] == str(global_event_id("ev-statement"))].iloc[0]
    assert (statement["SentenceID"], statement["Actor2CharOffset"]) == ("3", "-1")


# ------------------------------------------------------------------------------------ helpers


def test_global_event_id_is_stable_and_matches_sql(store):
    assert global_event_id("ev-strike") == global_event_id("ev-strike")
    assert global_event_id("ev-strike") != global_event_id("ev-gaza")
    assert 0 < global_event_id("x") < 2**52
    sql = (
        store.connection()
        .execute("SELECT ('0x' || substr(md5('ev-strike'), 1, 13))::BIGINT")
        .fetchall()[0][0]
    )
    assert sql == global_event_id("ev-strike")


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("IRNMIL", ("IRN", None, None, "MIL", None)),
        ("COP", (None, None, None, "COP", None)),
        ("IGOUNO", (None, "UNO", None, "IGO", None)),
        ("IGOEUREEC", (None, "EEC", None, "IGO", None)),
        ("IGOUNOREFHCR", (None, "UNO", None, "IGO", "REF")),
        ("IMGMUSALQ", (None, "ALQ", "MUS", "IMG", None)),
        ("PSEREBHMS", ("PSE", "HMS", None, "REB", None)),
        ("USAGOVLEG", ("USA", None, None, "GOV", "LEG")),
        ("MEA", ("MEA", None, None, None, None)),
    ],
)
def test_gdelt_actor_breakdown(code, expected):
    actor = gdelt_actor(code)
    assert (actor.country_code, actor.known_group, actor.religion1, actor.type1, actor.type2) == expected


def test_fips_table():
    fips = load_fips()
    assert len(fips) > 240
    assert fips["IRQ"] == ("IZ", "Iraq")
    assert (fips["DEU"][0], fips["GBR"][0], fips["USA"][0], fips["AUT"][0], fips["AUS"][0]) == (
        "GM",
        "UK",
        "US",
        "AU",
        "AS",
    )
    assert fips["KSV"][0] == fips["XKX"][0] == "KV"
    codes = [code for iso3, (code, _) in fips.items() if iso3 != "XKX"]
    assert len(codes) == len(set(codes))  # one FIPS code per country
    assert all(len(code) == 2 and code.isupper() for code in codes)


# ------------------------------------------------------------------------------------ table exports


def test_parquet_events_and_mentions(store, tmp_path):
    con = store.connection()
    assert write_parquet(con, tmp_path / "events.parquet") == 4
    table = pq.read_table(tmp_path / "events.parquet")
    assert table.num_rows == 4
    assert "0256" in table.column("cameo").to_pylist()
    assert table.column("event_id").to_pylist() == [
        "ev-appeal",
        "ev-strike",
        "ev-gaza",
        "ev-statement",
    ]  # date, id
    assert write_parquet(con, tmp_path / "it's mentions.parquet", what="mentions") == 6
    assert pq.read_table(tmp_path / "it's mentions.parquet").num_rows == 6


def test_csv_and_jsonl_to_path_and_stream(store, tmp_path):
    con = store.connection()
    assert write_table(con, tmp_path / "events.csv", format="csv") == 4
    from_path = list(csv.DictReader((tmp_path / "events.csv").open(encoding="utf-8")))
    fh = io.StringIO()
    assert write_table(con, fh, format="csv", batch_size=1) == 4
    from_stream = list(csv.DictReader(io.StringIO(fh.getvalue())))
    assert [r["cameo"] for r in from_path] == [r["cameo"] for r in from_stream]
    assert {r["cameo"] for r in from_stream} == {"195", "0256", "190", "010"}
    assert from_stream[0]["event_date"] == "2020-01-08"

    fh = io.StringIO()
    assert write_table(con, fh, format="jsonl") == 4
    records = [json.loads(line) for line in fh.getvalue().splitlines()]
    strike = next(r for r in records if r["event_id"] == "ev-strike")
    assert (strike["cameo"], strike["num_articles"], strike["event_date"]) == ("195", 2, "2020-01-08")
    assert write_table(con, tmp_path / "events.jsonl", format="jsonl") == 4
    assert len((tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()) == 4


def test_table_export_rejects_bad_arguments(store):
    con = store.connection()
    with pytest.raises(UsageError):
        write_table(con, io.StringIO(), what="articles", format="csv")
    with pytest.raises(UsageError):
        write_table(con, io.StringIO(), format="xlsx")
    with pytest.raises(UsageError):
        write_table(con, io.StringIO(), format="parquet")


# ------------------------------------------------------------------------------------ end to end


@pytest.mark.slow
def test_gdelt_export_of_the_coded_examples(tmp_path):
    from eventwire.analysis.dedup import update_events
    from eventwire.ingest.reading import read_inputs
    from eventwire.model import Reject
    from eventwire.pipeline import Pipeline

    examples = Path(__file__).resolve().parents[1] / "examples"
    articles = [a for a in read_inputs([examples]) if not isinstance(a, Reject)]
    results = list(Pipeline().code(articles))
    with Store.open(tmp_path / "examples.duckdb") as coded:
        coded.write([r.article for r in results], [m for r in results for m in r.mentions])
        update_events(coded.connection())
        fh = io.StringIO()
        count = write_gdelt_events(coded.connection(), fh)
    assert count > 0
    frame = _frame(fh.getvalue(), EVENT_COLUMNS)
    assert frame.shape == (count, 61)
    assert frame["EventCode"].str.fullmatch(r"\d{3,4}").all()  # strings, leading zeros kept
    assert frame["EventRootCode"].str.fullmatch(r"\d{2}").all()
    strikes = frame[(frame["Actor1Code"] == "IRN") & (frame["EventRootCode"] == "19")]
    assert (strikes["NumArticles"] == "2").any()  # both reports of the missile strikes: one event
    assert (frame["ActionGeo_CountryCode"].dropna().str.len() == 2).all()  # FIPS codes
