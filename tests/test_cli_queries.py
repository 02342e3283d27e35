"""The commands that read the store (events, mentions, sql) and the lookups (cameo, actor), on the examples."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

import eventwire
from eventwire.cli import app
from eventwire.export import write_jsonl_table
from eventwire.store import Store

pytestmark = pytest.mark.slow


@pytest.fixture
def run(examples_db):
    runner = CliRunner()

    def invoke(*args: str, db: bool = True, width: int = 100):
        extra = ["--db", str(examples_db)] if db else []
        return runner.invoke(app, [*args, *extra], env={"COLUMNS": str(width)})

    return invoke


def test_mentions_jsonl_is_what_events_printed_before(run, examples_db):
    result = run("mentions", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    with Store.open(examples_db, read_only=True) as store:  # the old `eventwire events --format jsonl`
        before = io.StringIO()
        write_jsonl_table(store.query_mentions(), before)
    assert result.stdout == before.getvalue()
    narrowed = run("mentions", "--format", "jsonl", "--actor", "IRN", "--root", "19")
    with Store.open(examples_db, read_only=True) as store:
        before = io.StringIO()
        write_jsonl_table(store.query_mentions(actor="IRN", root="19"), before)
    assert narrowed.stdout == before.getvalue() != ""


def test_events_are_deduplicated_and_match_the_python_api(run, examples_db):
    result = run("events", "--format", "jsonl", "--dyad", "Iran", "United States")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    with eventwire.open(examples_db) as db:
        expected = db.events(dyad=("IRN", "USA"))
        n_events, n_mentions = len(db.events()), len(db.mentions())
    assert [r["event_id"] for r in rows] == expected["event_id"].tolist() and rows
    assert rows[0]["source_name"] and rows[0]["cameo_name"]
    everything = run("events", "--format", "csv")
    records = list(csv.DictReader(io.StringIO(everything.stdout)))
    assert len(records) == n_events < n_mentions  # one record per event
    assert records[0]["cameo"] == expected["cameo"].iloc[0] or records[0]["cameo"].isdigit()


def test_unknown_actor_names_its_closest_matches(run):
    result = run("events", "--actor", "Irann")
    assert result.exit_code == 2
    assert "E480" in result.stderr and "IRN (Iran)" in result.stderr


def test_tables_fit_the_terminal(run):
    for command in (["events"], ["mentions"], ["dyad", "Iran", "United States", "--by", "day"], ["timeline"],
                    ["sql", "SELECT * FROM events"]):  # fmt: skip
        for width in (80, 120):
            result = run(*command, width=width)
            assert result.exit_code == 0, result.output
            lines = result.stdout.splitlines()
            assert len(lines) > 2
            assert max(len(line) for line in lines) <= width, (command, width)


def test_dates_print_at_their_precision(run, examples_db):
    with eventwire.open(examples_db) as db:
        months = db.mentions(as_="polars").filter(date_granularity="month")
    assert len(months) >= 1  # the examples have a date known to the month ("in July")
    day = months["event_date"][0]
    result = run("mentions", "--from", day.isoformat(), "--to", day.isoformat())
    assert result.exit_code == 0, result.output
    assert day.strftime("%Y-%m") + " " in result.stdout and day.isoformat() not in result.stdout


def test_sql_runs_one_read_only_query_with_parameters(run):
    result = run("sql", "SELECT cameo_root, count(*) AS n FROM events WHERE cameo_root = ? GROUP BY 1", "-p", "19",
                 "--format", "jsonl")  # fmt: skip
    assert result.exit_code == 0, result.output
    (row,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert row["cameo_root"] == "19" and row["n"] >= 1
    limited = run("sql", "SELECT * FROM mentions", "--limit", "2", "--format", "jsonl")
    assert len(limited.stdout.splitlines()) == 2 and "stopped at 2 rows" in limited.stderr
    refused = run("sql", "DROP TABLE events")
    assert refused.exit_code == 2 and "E483" in refused.stderr
    assert run("sql", "SELECT count(*) AS n FROM events", "--format", "jsonl").stdout.strip() != '{"n": 0}'


def test_cameo_lookup_by_code_and_by_words(run):
    result = run("cameo", "0874", db=False)
    assert result.exit_code == 0 and "Retreat or surrender militarily" in result.stdout
    assert "RETREAT" in result.stdout and "+10.0" in result.stdout
    words = run("cameo", "retreat", "--json", db=False)
    codes = [json.loads(line)["code"] for line in words.stdout.splitlines()]
    assert codes[0] == "0874" and "0841" in codes  # name first, then the PLOVER type
    root = run("cameo", "19", "--json", db=False)
    assert {json.loads(line)["code"][:2] for line in root.stdout.splitlines()} == {"19"}
    assert run("cameo", "9999", db=False).exit_code == 1


def test_actor_lookup_shows_every_entry_with_dates_and_source(run):
    result = run("actor", "Congo", "--json", db=False)
    assert result.exit_code == 0, result.output
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    codes = {h["code"] for h in hits}
    assert {"COD", "COG"} <= codes
    assert hits[0]["name"] == "Republic of the Congo"  # "Congo" is its name: exact matches first
    assert all(":" in h["origin"] for h in hits)  # file:line
    in_office = [json.loads(x) for x in run("actor", "Abdul Mahdi", "--date", "2019-06-01", "--json", db=False).stdout.splitlines()]
    after = [json.loads(x) for x in run("actor", "Abdul Mahdi", "--date", "2021-06-01", "--json", db=False).stdout.splitlines()]
    assert in_office[0]["code"] == "IRQGOV" and after[0]["code"] is None
    assert in_office[0]["roles"][0]["start"] == "2018-10-25" and in_office[0]["source"]
    table = run("actor", "Abdul Mahdi", "--date", "2021-06-01", db=False)
    assert "IRQGOV 2018-10-25..2020-05-07" in table.stdout
