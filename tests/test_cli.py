"""The command line, run in-process: code, events, explain, eval, and bad input end to end."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from eventwire.cli import app

pytestmark = pytest.mark.slow

GOOD = "date 2020-01-08 Iran launched ballistic missiles at US forces in Iraq on Wednesday.\n"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _bad_inputs(folder: Path) -> dict[str, str]:
    """One file per kind of bad input, with the reject code each must get."""
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (folder / "latin1.txt").write_bytes("date 2020-01-08 Caf\xe9 owners protested.".encode("latin-1"))
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "huge.txt").write_text(
        "date 2020-01-08 " + ("Protesters marched in the capital. " * 160_000), encoding="utf-8"
    )
    (folder / "rows.jsonl").write_text(
        json.dumps({"id": "ok-1", "date": "2020-01-08", "text": "Police arrested protesters in Paris."}) + "\n"
        + '{"id": "broken", "text": "no closing brace"\n'
        + json.dumps({"id": "bad-date", "date": "2020-02-30", "text": "Troops attacked rebels."}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    return {"binary.txt": "E201", "latin1.txt": "E202", "empty.txt": "E203", "huge.txt": "E204",
            "rows.jsonl:2": "E205", "rows.jsonl:3": "E206"}  # fmt: skip


def test_bad_inputs_are_rejected_and_the_rest_is_coded(runner, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    expected = _bad_inputs(inputs)
    db = tmp_path / "store.duckdb"
    result = runner.invoke(app, ["code", str(inputs), "--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    mentions = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert any(m["source"] and m["source"]["code"].startswith("IRN") for m in mentions)
    assert "6 rejected" in result.stderr
    for name, code in expected.items():
        assert name.split(":")[0] in result.stderr and code in result.stderr
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT origin, line, code FROM rejects ORDER BY code").fetchall()
    articles = {r[0] for r in con.execute("SELECT id FROM articles").fetchall()}
    con.close()
    assert sorted(r[2] for r in rows) == sorted(expected.values())
    assert "ok-1" in articles and len(articles) == 2


def test_strict_exits_non_zero_on_rejects(runner, tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    result = runner.invoke(app, ["code", str(tmp_path), "--no-db", "--strict"])
    assert result.exit_code == 1
    assert "1 rejected" in result.stderr


def test_recoding_does_not_duplicate(runner, tmp_path):
    src = tmp_path / "a.txt.gz"
    src.write_bytes(gzip.compress(GOOD.encode()))
    db = tmp_path / "s.duckdb"
    for _ in range(2):
        assert runner.invoke(app, ["code", str(src), "--db", str(db), "-q"]).exit_code == 0
    con = duckdb.connect(str(db), read_only=True)
    n_articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    n_mentions = con.execute("SELECT count(*) FROM mentions").fetchone()[0]
    con.close()
    assert n_articles == 1 and n_mentions >= 1
    result = runner.invoke(app, ["mentions", "--db", str(db), "--actor", "IRN", "--format", "jsonl"])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == n_mentions and rows[0]["cameo_root"] == "19"
    events = runner.invoke(app, ["events", "--db", str(db), "--actor", "IRN", "--format", "jsonl"])
    assert events.exit_code == 0
    assert 1 <= len(events.stdout.splitlines()) <= n_mentions  # deduplicated
    none = runner.invoke(app, ["events", "--db", str(db), "--dyad", "USA", "IRN", "--format", "jsonl"])
    assert none.exit_code == 0 and none.stdout.strip() == ""


def test_stdin_and_csv_output(runner):
    result = runner.invoke(
        app, ["code", "-", "--date", "2020-01-08", "--no-db", "--format", "csv", "-q"], input=GOOD[16:]
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("mention_id") or "cameo" in lines[0]
    assert len(lines) >= 2 and "195" in result.stdout


def test_explain_shows_dictionary_entries_and_patterns(runner):
    result = runner.invoke(
        app, ["explain", "Iran launched ballistic missiles at US forces.", "--date", "2020-01-08", "--json"]
    )
    assert result.exit_code == 0, result.output
    [sentence] = json.loads(result.stdout)
    assert any(a["code"] == "IRN" and a["entry"] for a in sentence["actors"])
    assert any(step["tried"] for step in sentence["steps"])
    assert any(m["cameo"] == "195" and m["rule"] for m in sentence["mentions"])


def test_bad_date_option_is_a_usage_error(runner, tmp_path):
    result = runner.invoke(app, ["code", str(tmp_path), "--date", "2020-13-45", "--no-db"])
    assert result.exit_code == 2


def test_dates_prints_one_timex_per_line(runner):
    text = "Iran launched missiles at US bases on Wednesday. The UN mission on December 8 said it was worried."
    result = runner.invoke(app, ["dates", "-", "--date", "2020-01-08", "-q"], input=text)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(r["text"], r["value"]) for r in rows} >= {("Wednesday", "2020-01-08"), ("December 8", "2019-12-08")}
    assert all(set(r) == {"article_id", "text", "start", "end", "type", "value"} for r in rows)


def test_eval_dates_scores_a_gold_file(runner, tmp_path):
    gold = tmp_path / "timex.jsonl"
    text = "Talks resumed on Monday after a pause of three weeks."
    gold.write_text(json.dumps({
        "id": "t1", "date": "2020-01-08", "text": text,
        "timexes": [{"start": 17, "end": 23, "text": "Monday", "type": "DATE", "value": "2020-01-06"},
                    {"start": 41, "end": 52, "text": "three weeks", "type": "DURATION", "value": "P3W"}],
    }) + "\n", encoding="utf-8")  # fmt: skip
    result = runner.invoke(app, ["eval-dates", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["passages"], report["gold_expressions"]) == (1, 2)
    dates = report["groups"]["date_time"]
    assert dates["strict"]["tp"] == 1 and dates["value_accuracy"]["value"] == 1.0


def test_geocode_prints_places_not_governments(runner):
    text = "Moscow said clashes erupted near Erbil in northern Iraq."
    result = runner.invoke(app, ["geocode", "-", "--date", "2020-01-08", "-q"], input=text)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    contract = ["article_id", "text", "start", "end", "name", "country", "admin1", "lat", "lon", "feature"]
    assert all(list(r)[: len(contract)] == contract and set(r) - set(contract) <= {"confidence", "evidence", "geonames_id"} for r in rows)
    assert ("Erbil", "IRQ") in {(r["text"], r["country"]) for r in rows}
    assert "Moscow" not in {r["text"] for r in rows}


def test_geocode_unresolved_adds_named_sites_without_a_point(runner):
    text = "Marchers gathered on Quillfeather Road before the rally in Leeds."
    plain = runner.invoke(app, ["geocode", "-", "--date", "2020-01-08", "-q"], input=text)
    assert plain.exit_code == 0, plain.output
    assert "Quillfeather Road" not in {json.loads(line)["text"] for line in plain.stdout.splitlines()}
    result = runner.invoke(app, ["geocode", "-", "--date", "2020-01-08", "-q", "--unresolved"], input=text)
    assert result.exit_code == 0, result.output
    rows = {r["text"]: r for r in map(json.loads, result.stdout.splitlines())}
    road = rows["Quillfeather Road"]
    assert road["lat"] is None and road["feature"] == "facility" and "unresolved" in road["evidence"]
