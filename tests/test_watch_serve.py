"""`eventwire serve --watch`, end to end: a real server process on 127.0.0.1 watching a folder codes a new
file and lines added to a JSONL file while it serves, shows their events without a restart, and leaves the
watch state in the store, so that a later watcher over the same folder codes nothing again."""

from __future__ import annotations

import json
import time
import urllib.request

import pytest
from typer.testing import CliRunner

from api_server import running_server

pytestmark = pytest.mark.slow

IRAN = "Iran fired missiles at US forces in Iraq on Wednesday."
TALKS = "Russia and Ukraine agreed to resume peace talks in Geneva."
#: Not a speed requirement: how long to wait for a poll before giving up, on a machine shared with other work.
PATIENCE_S = 300.0


def _get(server, path: str) -> dict:
    with urllib.request.urlopen(server.url(path), timeout=30) as response:
        return json.loads(response.read())


def _wait_for_articles(server, n: int) -> dict:
    """The health answer once the store holds ``n`` articles (the watcher polls every half second)."""
    deadline = time.monotonic() + PATIENCE_S
    while True:
        health = _get(server, "/v1/health")
        if health["store"]["articles"] >= n or time.monotonic() > deadline:
            return health
        time.sleep(0.2)


def test_serve_watch_codes_new_files_and_lines_while_serving(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    db = tmp_path / "served.duckdb"
    args = ["--watch", str(inbox), "--watch-interval", "0.5", "--no-preload"]
    with running_server(db, args=args, log_path=tmp_path / "serve.log") as server:
        assert _get(server, "/v1/events")["total"] == 0

        (inbox / "a.txt").write_text(f"date 2020-01-08\n{IRAN}")
        assert _wait_for_articles(server, 1)["store"]["articles"] == 1, (tmp_path / "serve.log").read_text()
        attacks = _get(server, "/v1/events?source=IRN&root=19")
        assert attacks["total"] > 0

        wire = inbox / "wire.jsonl"
        wire.write_text(json.dumps({"id": "w1", "date": "2020-01-09", "text": TALKS}) + "\n")
        health = _wait_for_articles(server, 2)
        assert health["store"]["articles"] == 2
        talks = _get(server, "/v1/events?actor=RUS")
        assert talks["total"] > 0 and all("2020-01-09" == e["date"] for e in talks["events"])

    # The server has stopped; its watch state is in the store: a watcher over the same folder reads nothing.
    from eventwire.cli import app

    again = CliRunner().invoke(app, ["watch", str(inbox), "--db", str(db), "--once"])
    assert again.exit_code == 0, again.output
    assert "0 new article(s)" in again.output
