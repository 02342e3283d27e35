"""Nothing lost, nothing doubled: a run killed with SIGKILL at any point and run again (with the same input
or only the rest of it) ends with the same articles, mentions, events and rejects as a run never killed.

A batch and its merge into events are one transaction, so no kill point leaves mentions without their
events; a store left by a killed run opens cleanly. ``EVENTWIRE_KILL_AT=<point>:<n>`` makes the writer
SIGKILL itself at that point of its n-th batch (a test-only hook in ``Store.store_batch``).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from eventwire.store import Store

HERE = Path(__file__).resolve().parent
SRC = HERE.parents[0] / "src"
WRITER = HERE / "resume_writer.py"
TIMEOUT = 120

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")]


def _env(kill_at: str | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), env.get("PYTHONPATH", "")])
    env.pop("EVENTWIRE_KILL_AT", None)
    if kill_at:
        env["EVENTWIRE_KILL_AT"] = kill_at
    return env


def _write(store: Path, *, kill_at: str | None = None, from_batch: int = 1) -> int:
    done = subprocess.run(
        [sys.executable, str(WRITER), str(store), "--from-batch", str(from_batch)],
        env=_env(kill_at), capture_output=True, text=True, timeout=TIMEOUT,
    )  # fmt: skip
    if done.returncode not in (0, -signal.SIGKILL):
        raise AssertionError(done.stderr)
    return done.returncode


def snapshot(path: Path) -> dict[str, list[tuple]]:
    """Every row of the four tables, without the write timestamps, sorted."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        queries = {
            "articles": "SELECT * EXCLUDE (coded_at) FROM articles",
            "mentions": "SELECT * FROM mentions",
            "events": "SELECT * FROM events",
            "rejects": "SELECT * EXCLUDE (seen_at) FROM rejects",
        }
        return {name: sorted(con.execute(sql).fetchall(), key=repr) for name, sql in queries.items()}
    finally:
        con.close()


def assert_consistent(path: Path) -> None:
    """The store opens (read-only and for writing), and every eligible mention has its event."""
    with Store.open(path, read_only=True) as store:
        con = store.connection()
        orphans = con.execute(
            "SELECT count(*) FROM mentions WHERE NOT coalesce(negated, false) AND NOT coalesce(hypothetical, false)"
            " AND (source_code IS NOT NULL OR target_code IS NOT NULL)"
            " AND (event_id IS NULL OR event_id NOT IN (SELECT event_id FROM events))"
        ).fetchall()[0][0]
        miscounted = con.execute(
            "SELECT count(*) FROM events e LEFT JOIN (SELECT event_id, count(*) AS n FROM mentions GROUP BY event_id) c"
            " USING (event_id) WHERE c.n IS DISTINCT FROM e.num_mentions"
        ).fetchall()[0][0]
    assert orphans == 0 and miscounted == 0
    Store.open(path).close()  # and for writing (replays the WAL)


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict[str, list[tuple]]:
    path = tmp_path_factory.mktemp("ref") / "ref.duckdb"
    assert _write(path) == 0
    assert_consistent(path)
    found = snapshot(path)
    assert len(found["articles"]) == 29 and len(found["events"]) > 10 and len(found["rejects"]) == 4 + 3
    assert _write(path) == 0  # the same input again adds nothing
    assert snapshot(path) == found
    return found


# (kill point, resume with: "same" input or only "rest" of it, first batch of the rest)
KILLS = [
    ("before-write:2", "same", 2),
    ("after-write:2", "rest", 2),  # inside the transaction: between the write and the merge
    ("after-commit:3", "rest", 4),
    ("after-write:4", "same", 4),  # the last batch
]


@pytest.mark.parametrize(("kill_at", "resume", "rest_from"), KILLS)
def test_a_killed_run_resumed_equals_an_uninterrupted_one(tmp_path, reference, kill_at, resume, rest_from):
    path = tmp_path / "killed.duckdb"
    assert _write(path, kill_at=kill_at) == -signal.SIGKILL
    assert_consistent(path)
    stored = snapshot(path)["articles"]
    assert len(stored) < len(reference["articles"])  # the kill lost the batch it hit (and those after)
    assert _write(path, from_batch=1 if resume == "same" else rest_from) == 0
    assert_consistent(path)
    assert snapshot(path) == reference


@pytest.mark.slow
def test_the_code_command_killed_between_write_and_merge_resumes(tmp_path):
    """The same through `eventwire code`: killed inside its second store transaction, run again."""
    from typer.testing import CliRunner

    from eventwire.cli import app

    corpus = tmp_path / "in.jsonl"
    texts = [
        "Iran fired missiles at US forces in Iraq on Wednesday.",
        "Iranian forces fired missiles at US troops in Iraq on Wednesday.",
        "Kenyan police arrested dozens of protesters in Nairobi.",
        "France imposed sanctions on Iran over its nuclear programme.",
        "Russia attacked Ukraine on Tuesday.",
        "The United Nations urged Iran to show restraint.",
    ]
    lines = [json.dumps({"id": f"c{i}", "date": "2020-01-08", "text": t}) for i, t in enumerate(texts)]
    lines.insert(3, '{"id": "broken", "text": ')
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def code(db: Path, kill_at: str | None = None) -> int:
        args = ["code", str(corpus), "--db", str(db), "-q", "--commit-every", "2", "--batch-size", "2",
                "-o", str(tmp_path / f"{db.stem}.jsonl")]  # fmt: skip
        if kill_at is None:  # in this process (the model is loaded once per test session)
            return CliRunner().invoke(app, args).exit_code
        script = "import sys; sys.path.insert(0, sys.argv[1]); from eventwire.cli import main; sys.argv = sys.argv[1:]; main()"
        done = subprocess.run([sys.executable, "-c", script, str(SRC), *args], env=_env(kill_at),
                              capture_output=True, text=True, timeout=300)  # fmt: skip
        assert done.returncode in (0, -signal.SIGKILL), done.stderr
        return done.returncode

    assert code(tmp_path / "ref.duckdb") == 0
    assert code(tmp_path / "killed.duckdb", kill_at="after-write:2") == -signal.SIGKILL
    assert not (tmp_path / "killed.jsonl").exists()  # -o is written only by a run that ends
    assert_consistent(tmp_path / "killed.duckdb")
    assert len(snapshot(tmp_path / "killed.duckdb")["articles"]) == 2  # the first transaction only
    assert code(tmp_path / "killed.duckdb") == 0
    ref, resumed = snapshot(tmp_path / "ref.duckdb"), snapshot(tmp_path / "killed.duckdb")
    assert resumed == ref and len(ref["articles"]) == 6 and len(ref["rejects"]) == 1 and ref["events"]
