"""The Python API (eventwire.open) and the analysis commands, end to end on the example articles."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import polars as pl
import pytest
from typer.testing import CliRunner

import eventwire
from eventwire.cli import app
from eventwire.errors import UsageError

pytestmark = pytest.mark.slow

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
GDELT_COLUMNS = 61


@pytest.fixture(scope="module")
def store(examples_db) -> Path:
    return examples_db


def test_events_as_pandas_and_polars(store):
    with eventwire.open(store) as db:
        frame = db.events(dyad=("IRN", "USA"))
        assert isinstance(frame, pd.DataFrame) and len(frame) >= 1
        strike = frame[(frame["cameo_root"] == "19") & (frame["source_country"] == "IRN")]
        assert int(strike["num_articles"].max()) == 2  # the seed and the second report are one event
        series = db.dyad_series("USA", "IRN", by="day", as_="polars")
        assert isinstance(series, pl.DataFrame)
        both = series.filter(pl.col("direction") == "both")
        assert both["quad4"].sum() >= 2


def test_update_events_needs_a_writable_store(store, tmp_path):
    with eventwire.open(store) as db, pytest.raises(UsageError):
        db.update_events()
    own = tmp_path / "own.duckdb"  # the shared store is read only
    shutil.copy(store, own)
    with eventwire.open(own, write=True) as db:
        stats = db.update_events()
        assert stats.events >= 1


def test_unknown_frame_kind_is_a_usage_error(store):
    with eventwire.open(store) as db, pytest.raises(UsageError):
        db.events(as_="excel")


def test_dyad_plot_and_gdelt_export(store, tmp_path):
    runner = CliRunner()
    chart = tmp_path / "usa_irn.png"
    result = runner.invoke(app, ["dyad", "USA", "IRN", "--by", "day", "--db", str(store), "--plot", str(chart)])
    assert result.exit_code == 0, result.output
    assert "2020-01-08" in result.stdout
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    out = tmp_path / "events.tsv"
    result = runner.invoke(app, ["export", "--format", "gdelt", "--db", str(store), "-o", str(out)])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(out, sep="\t", header=None, dtype=str, keep_default_na=False)
    assert frame.shape[1] == GDELT_COLUMNS and len(frame) >= 1
    assert frame[28].str.len().eq(2).all()  # EventRootCode keeps its leading zero


def test_timeline_and_alerts_commands(store):
    runner = CliRunner()
    result = runner.invoke(app, ["timeline", "--dyad", "USA", "IRN", "--db", str(store), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and all(r["evidence_sentence"] for r in rows)
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    result = runner.invoke(app, ["alerts", "--db", str(store), "--format", "jsonl"])
    assert result.exit_code == 0, result.output


def test_filters_are_the_cli_and_http_filters(store):
    with eventwire.open(store) as db:
        everything = db.events(limit=1000)
        # every filter of the CLI and the HTTP API, by keyword
        by_source = db.events(source="IRN")
        assert len(by_source) > 0 and by_source["source_code"].str.startswith("IRN").all()
        by_country = db.events(country="IRQ")
        assert len(by_country) > 0 and (
            (by_country[["source_country", "target_country", "location_country"]] == "IRQ").any(axis=1).all()
        )
        assert set(db.events(cameo="19")["cameo"].str[:2]) == {"19"}
        assert set(db.events(quad_class=4)["quad_class"]) == {4} and len(db.events(quad=4)) == len(db.events(quad_class=4))
        words = db.events(q="missiles")
        assert len(words) > 0 and words["evidence_sentence"].str.lower().str.contains("missiles").all()
        # names as well as codes
        assert db.events(dyad=("Iran", "United States"))["event_id"].tolist() == db.events(dyad=("IRN", "USA"))["event_id"].tolist()
        assert len(db.events(actor="the UN")) == len(db.events(actor="IGOUNO")) > 0
        with pytest.raises(UsageError) as info:
            db.events(actor="Irann")
        assert info.value.code == "E480" and "IRN (Iran)" in info.value.message
        # mentions: every report, more rows than events
        mentions = db.mentions(limit=None)
        assert len(mentions) > len(everything)
        assert len(db.mentions(include_negated=False)) <= len(mentions)


def test_dates_are_typed(store):
    with eventwire.open(store) as db:
        events = db.events()
        assert str(events["date"].dtype).startswith("datetime64")
        assert str(events["first_seen"].dtype).startswith("datetime64")
        assert str(db.mentions()["publication_date"].dtype).startswith("datetime64")
        assert str(db.dyad_series("USA", "IRN")["period"].dtype).startswith("datetime64")
        assert db.events(as_="polars")["date"].dtype == pl.Date


def test_alerts_take_the_cli_options(store):
    with eventwire.open(store) as db:
        none = db.alerts(threshold=4.0, min_count=3)
        assert list(none.columns)[:3] == ["source", "target", "period"]
        loose = db.alerts(dyad=("Iran", "United States"), by="day", threshold=0.5, min_count=1, date_from="2020-01-01")
        assert isinstance(loose, pd.DataFrame)


def test_share_series_is_normalised_by_all_events_of_the_period(store):
    with eventwire.open(store) as db:
        by_root = db.share_series(of="root", by="month")
        assert {"period", "root", "events", "total", "share"} <= set(by_root.columns)
        for _, group in by_root.groupby("period"):
            assert group["events"].sum() == group["total"].iloc[0]  # every event has a root
            assert abs(group["share"].sum() - 1.0) < 1e-9
        conflict = db.share_series(of="country", by="month", quad=4, as_="polars")
        assert (conflict["share"] <= 1).all() and (conflict["events"] <= conflict["total"]).all()
        with pytest.raises(UsageError):
            db.share_series(of="planet")


def test_export_from_python(store, tmp_path):
    with eventwire.open(store) as db:
        n = db.export("gdelt", tmp_path / "events.tsv", header=True)
        frame = pd.read_csv(tmp_path / "events.tsv", sep="\t", dtype=str)
        assert len(frame) == n == len(db.events(limit=None)) and frame.shape[1] == GDELT_COLUMNS
        assert db.export("parquet", tmp_path / "m.parquet", what="mentions") == len(db.mentions())
        with pytest.raises(UsageError):
            db.export("xlsx", tmp_path / "x.xlsx")


def test_sql_is_read_only_and_parameterised(store):
    with eventwire.open(store) as db:
        rows = db.sql("SELECT cameo_root, count(*) AS n FROM events WHERE num_mentions >= ? GROUP BY 1", [1])
        assert rows["n"].sum() == len(db.events(limit=None))
        assert len(db.sql("SELECT * FROM mentions", limit=2)) == 2
        for statement in ("DELETE FROM events", "SELECT 1; SELECT 2", "COPY events TO 'x.csv'", "SELEC"):
            with pytest.raises(UsageError):
                db.sql(statement)
