"""A generated corpus of hostile files (tests/hostile_corpus.py), coded as one directory by the real
command in its own process: every file is coded or rejected with its reason, the run exits 0, and nothing
hangs (the run has a timeout)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import duckdb
import pytest

from hostile_corpus import CODED, build

pytestmark = pytest.mark.slow

SRC = Path(__file__).resolve().parents[1] / "src"
TIMEOUT = 600  # far above what the run takes; a hang fails the test instead of stalling the suite


def _file_of(origin: str, folder: Path) -> str:
    path = origin.split(":", 1)[0] if not origin.startswith(str(folder)) else str(folder) + origin[len(str(folder)):].split(":", 1)[0]
    return Path(path).name


def test_every_hostile_file_is_coded_or_rejected_and_the_run_ends(tmp_path: Path) -> None:
    folder = tmp_path / "hostile"
    folder.mkdir()
    expect = build(folder)
    assert len(expect) >= 40
    db = tmp_path / "store.duckdb"
    script = "import sys; sys.path.insert(0, sys.argv[1]); from eventwire.cli import main; sys.argv = sys.argv[1:]; main()"
    args = ["code", str(folder), "--db", str(db), "-o", str(tmp_path / "out.jsonl"), "--commit-every", "64"]
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    try:
        done = subprocess.run([sys.executable, "-c", script, str(SRC), *args], capture_output=True, text=True,
                              timeout=TIMEOUT, env=env)  # fmt: skip
    finally:
        (folder / "unreadable.txt").chmod(0o644)
    assert done.returncode == 0, done.stderr[-3000:]

    con = duckdb.connect(str(db), read_only=True)
    outcomes: dict[str, set[str]] = defaultdict(set)
    for (origin,) in con.execute("SELECT origin FROM articles").fetchall():
        outcomes[_file_of(origin, folder)].add(CODED)
    for origin, code, reason in con.execute("SELECT origin, code, reason FROM rejects").fetchall():
        assert reason, (origin, code)
        outcomes[_file_of(origin, folder)].add(code)
    con.close()

    unexpected = {name: (sorted(outcomes.get(name, ())), sorted(allowed)) for name, allowed in expect.items()
                  if not outcomes.get(name) or not outcomes[name] <= allowed}  # fmt: skip
    tally: dict[str, int] = defaultdict(int)
    for seen in outcomes.values():
        for outcome in seen:
            tally[outcome] += 1
    print(f"\nhostile corpus: {len(expect)} entries, outcomes (entries per outcome) {dict(sorted(tally.items()))}")
    assert not unexpected, unexpected
    assert set(outcomes) <= set(expect), set(outcomes) - set(expect)
    # Every reject is on stderr too, and the summary counts them.
    assert "rejected" in done.stderr and "coded " in done.stderr
