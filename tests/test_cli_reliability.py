"""`eventwire code` when a stage fails on an article: the article is a reject (stderr, the rejects table,
the summary), the rest is coded, exit 0 (1 with --strict); and a failed run leaves -o FILE as it was."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from eventwire.cli import app

pytestmark = pytest.mark.slow

OK = "date 2020-01-06 Iran fired missiles at US forces in Iraq.\n"
BAD = "date 2020-01-06 The army has opened an inquiry into abuses committed by militias, the agency reported Monday.\n"
POISON = "Zanzibarian"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _files(tmp_path: Path, bad: str = BAD) -> tuple[Path, Path]:
    ok, bad_file = tmp_path / "ok.txt", tmp_path / "bad.txt"
    ok.write_text(OK, encoding="utf-8")
    bad_file.write_text(bad, encoding="utf-8")
    return ok, bad_file


def test_the_command_from_the_issue_codes_ok_and_rejects_or_codes_bad(runner, tmp_path):
    """Before the speech-act fix bad.txt is an E5xx reject; after it, coded. Either way ok.txt is coded."""
    ok, bad = _files(tmp_path)
    db = tmp_path / "s.duckdb"
    result = runner.invoke(app, ["code", str(ok), str(bad), "--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert '"cameo": "19' in result.stdout  # ok.txt's strike
    con = duckdb.connect(str(db), read_only=True)
    origins = {r[0] for r in con.execute("SELECT origin FROM articles").fetchall()}
    rejects = con.execute("SELECT origin, code, reason FROM rejects").fetchall()
    con.close()
    assert str(ok) in origins
    if str(bad) not in origins:
        ((origin, code, reason),) = rejects
        assert origin == str(bad) and code.startswith("E5") and "Error" in reason
        assert f"[{code}]" in result.stderr and "1 rejected" in result.stderr


def test_a_stage_failing_on_one_file_rejects_that_file_only(runner, tmp_path, monkeypatch):
    from eventwire.events.extract import EventExtractor

    original = EventExtractor.extract

    def extract(self, sent, index, **kwargs):
        if POISON in sent.text:
            def down(n: int) -> int:
                return down(n + 1) + 1

            down(0)
        return original(self, sent, index, **kwargs)

    monkeypatch.setattr(EventExtractor, "extract", extract)
    ok, bad = _files(tmp_path, bad=f"date 2020-01-06 The {POISON} army attacked rebels.\n")
    db = tmp_path / "s.duckdb"
    result = runner.invoke(app, ["code", str(bad), str(ok), "--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert "[E503] events failed in sentence 0: RecursionError" in " ".join(result.stderr.split())
    assert "coded 1 article(s)" in result.stderr and "1 rejected (1 failed while coding)" in result.stderr
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT origin, code FROM rejects").fetchall() == [(str(bad), "E503")]
    assert con.execute("SELECT origin FROM articles").fetchall() == [(str(ok),)]
    assert con.execute("SELECT count(*) FROM events").fetchall()[0][0] >= 1
    con.close()
    strict = runner.invoke(app, ["code", str(bad), str(ok), "--no-db", "--strict", "-q"])
    assert strict.exit_code == 1


def test_a_failed_run_leaves_the_output_file_as_it_was(runner, tmp_path):
    ok, _ = _files(tmp_path)
    db = tmp_path / "locked.duckdb"
    out = tmp_path / "out.jsonl"
    out.write_text("previous contents\n", encoding="utf-8")
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ready', flush=True); time.sleep(120)", str(db)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        result = runner.invoke(app, ["code", str(ok), "--db", str(db), "-o", str(out)])
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == 2 and "E301" in result.stderr
    assert out.read_text(encoding="utf-8") == "previous contents\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.jsonl")] == []  # no temp file left
    done = runner.invoke(app, ["code", str(ok), "--db", str(db), "-o", str(out), "-q"])
    assert done.exit_code == 0 and '"cameo": "19' in out.read_text(encoding="utf-8")


def test_a_fifo_among_the_inputs_is_skipped_and_the_run_ends(tmp_path):
    """Done-when: a FIFO in a directory is skipped with a reason and the run ends (bounded by a timeout:
    the run goes on a thread, and a run still going after it fails the test)."""
    import os
    import threading

    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.jsonl")
    (folder / "ok.txt").write_text(OK, encoding="utf-8")
    results: list = []
    run = threading.Thread(target=lambda: results.append(CliRunner().invoke(app, ["code", str(folder), "--no-db"])),
                           daemon=True)  # fmt: skip
    run.start()
    run.join(timeout=300)
    assert not run.is_alive(), "the run blocked on the FIFO"
    (result,) = results
    assert result.exit_code == 0, result.output
    assert "pipe.jsonl: [E209] not a regular file (a FIFO)" in " ".join(result.stderr.split())
    assert '"cameo": "19' in result.stdout
