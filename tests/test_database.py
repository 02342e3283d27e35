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
