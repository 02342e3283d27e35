"""`eventwire code` habits: a summary when it writes the store, -q quiet, exit 2 on a missing path, hints for
CSV columns and date formats, .txt ids from file names, a progress estimate."""

from __future__ import annotations

import io
import json

import duckdb
import pytest
from rich.console import Console
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.cli.inputs import estimate_articles, reject_hint
from eventwire.cli.render import progress_bar
from eventwire.model import Reject

GOOD = "date 2020-01-08 Iran launched ballistic missiles at US forces in Iraq on Wednesday.\n"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.mark.slow
def test_writing_the_store_prints_a_summary_not_jsonl(runner, tmp_path):
    (tmp_path / "strike.txt").write_text(GOOD, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    result = runner.invoke(app, ["code", str(tmp_path / "strike.txt"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert not any(line.startswith("{") for line in result.stdout.splitlines())
    assert "mentions" in result.stdout and "events" in result.stdout and f"eventwire events --db {db}" in result.stdout
    jsonl = runner.invoke(app, ["code", str(tmp_path / "strike.txt"), "--db", str(db), "--format", "jsonl"])
    mentions = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert mentions and all(m["article_id"] == "strike" for m in mentions)  # the file's name is its id
    out = tmp_path / "m.jsonl"
    to_file = runner.invoke(app, ["code", str(tmp_path / "strike.txt"), "--db", str(db), "-o", str(out)])
    assert to_file.stdout == "" and len(out.read_text(encoding="utf-8").splitlines()) == len(mentions)
    assert f"mentions in {out}" in " ".join(to_file.stderr.split())
    quiet = runner.invoke(app, ["code", str(tmp_path / "strike.txt"), "--db", str(db), "-q"])
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (0, "", "")
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT list(id) FROM articles").fetchall()[0][0] == ["strike"]  # re-coding replaced it
    con.close()


def test_a_missing_path_is_an_error(runner, tmp_path):
    (tmp_path / "there.txt").write_text(GOOD, encoding="utf-8")
    result = runner.invoke(app, ["code", str(tmp_path / "there.txt"), str(tmp_path / "missing.txt"), "--no-db"])
    assert result.exit_code == 2
    # Rich wraps the message at the terminal's width, inside the path too when the path is long (xdist's
    # temporary folders are): read it unwrapped.
    unwrapped = result.stderr.replace("\n", "")
    assert "no such file or directory" in " ".join(result.stderr.split()) and "missing.txt" in unwrapped


@pytest.mark.slow
def test_csv_columns_and_dates_get_hints_and_options(runner, tmp_path):
    path = tmp_path / "news.csv"
    path.write_text("id,published,body\na1,08/01/2020,Iran fired missiles at US forces in Iraq.\n", encoding="utf-8")
    plain = runner.invoke(app, ["code", str(path), "--no-db"])
    assert "E205" in plain.stderr and "--text-column body" in " ".join(plain.stderr.split())
    renamed = runner.invoke(app, ["code", str(path), "--no-db", "--text-column", "body", "--date-column", "published"])
    assert "E206" in renamed.stderr and "--date-format" in renamed.stderr
    dated = runner.invoke(app, ["code", str(path), "--no-db", "--text-column", "body", "--date-column", "published",
                                "--date-format", "%d/%m/%Y", "-q"])  # fmt: skip
    mentions = [json.loads(line) for line in dated.stdout.splitlines()]
    assert mentions and {m["publication_date"] for m in mentions} == {"2020-01-08"}  # day first, as asked


def test_reject_hints_only_for_what_an_option_fixes():
    header = Reject("a.csv", "no 'text' column in the header ['id', 'Content', 'when']", "E205")
    assert "--text-column Content" in reject_hint(header)
    assert reject_hint(Reject("a.csv", "expected an object, got a list", "E205")) is None
    assert "--date-format" in reject_hint(Reject("a.csv", "unrecognised date '8.1.2020': expected YYYY-MM-DD", "E206"))
    assert reject_hint(Reject("a.csv", "impossible date '2020-02-30': day is out of range", "E206")) is None


def test_the_progress_estimate_counts_articles_when_it_can(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n', encoding="utf-8")
    (tmp_path / "c.csv").write_text("text\nx\ny\nz\n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    assert estimate_articles([str(tmp_path)]) == 1 + 2 + 3
    assert estimate_articles(["-"]) is None
    (tmp_path / "d.json").write_text("[]", encoding="utf-8")
    assert estimate_articles([str(tmp_path)]) is None  # a JSON array cannot be counted without reading it
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=120)
    with progress_bar(console, False, total=8) as progress:
        task = progress.add_task("coding", total=8)
        progress.update(task, completed=2)
        console.print(progress.get_renderable())
    text = buffer.getvalue()
    assert "25%" in text and "2/8" in text and "left" in text
