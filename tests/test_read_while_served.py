"""While `eventwire serve` holds a store, the CLI and eventwire.open() read it through a copy the server hands
out, and `eventwire events`, `eventwire.open().events()` and `/v1/events` give the same events."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import urllib.error
import urllib.parse
import urllib.request

import pytest

import eventwire
from api_server import eventwire_script, running_server
from eventwire.serving import read_server_file, server_file

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def served(examples_db, tmp_path_factory):
    db = tmp_path_factory.mktemp("served") / "served.duckdb"
    shutil.copy(examples_db, db)
    with running_server(db) as server:
        yield db, server
    assert not server_file(db).exists()  # the server removes its note when it stops
    assert not (db.parent / "served.duckdb.reads").exists()  # and its copies


def cli(db, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(eventwire_script()), *args, "--db", str(db)], capture_output=True, text=True, timeout=180,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip


def get(server, path: str, **params: str) -> dict:
    url = server.url(path) + ("?" + urllib.parse.urlencode(params) if params else "")
    with urllib.request.urlopen(url, timeout=60) as response:
        return json.loads(response.read())


def test_the_server_names_itself_next_to_the_store(served):
    db, server = served
    info = read_server_file(db)
    assert info is not None and (info.pid, info.port) == (server.pid, server.port)


@pytest.mark.parametrize(
    "filters",
    [
        {"dyad": ("Iran", "United States")},
        {"actor": "IRN", "root": "19"},
        {"country": "IRQ", "quad": "4"},
        {"source": "the UN"},
        {},
    ],
)
def test_cli_python_and_http_give_the_same_events_while_served(served, filters):
    db, server = served
    args, params = [], {"limit": "1000"}
    for key, value in filters.items():
        if key == "dyad":
            args += ["--dyad", *value]
            params["dyad"] = ",".join(value)
        else:
            args += [f"--{key}", value]
            params[key] = value
    result = cli(db, "events", "--format", "jsonl", *args)
    assert result.returncode == 0, result.stderr
    from_cli = [json.loads(line)["event_id"] for line in result.stdout.splitlines()]
    keywords = {k: (int(v) if k == "quad" else v) for k, v in filters.items()}
    with eventwire.open(db) as database:
        assert database.served_by is not None and database.served_by.pid == server.pid
        from_python = database.events(**keywords)["event_id"].tolist()
    from_http = [e["event_id"] for e in get(server, "/v1/events", **params)["events"]]
    assert from_cli == from_python == from_http
    if not filters:
        assert len(from_cli) == get(server, "/v1/health")["store"]["events"] > 0


@pytest.mark.parametrize(
    "command",
    [
        ["mentions", "--format", "jsonl", "--limit", "5"],
        ["dyad", "Iran", "United States", "--by", "day", "--format", "csv"],
        ["alerts", "--format", "csv"],
        ["timeline", "--limit", "5"],
        ["export", "--format", "gdelt"],
        ["sql", "SELECT count(*) AS n FROM events", "--format", "jsonl"],
        ["network", "--top", "3"],
    ],
)
def test_every_read_works_while_served(served, command):
    db, _ = served
    result = cli(db, *command)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()


def test_writes_stay_with_the_server_and_readers_see_them_after_refresh(served):
    db, server = served
    with eventwire.open(db) as database:
        before = len(database.events())
        request = urllib.request.Request(
            server.url("/v1/code"), method="POST", headers={"content-type": "application/json"},
            data=json.dumps({"store": True, "articles": [{"id": "served-1", "date": "2021-03-04",
                             "text": "Police arrested dozens of protesters in Minsk on Thursday."}]}).encode(),
        )  # fmt: skip
        with urllib.request.urlopen(request, timeout=300) as response:
            assert json.loads(response.read())["stored"] is True
        assert len(database.events()) == before  # the copy read so far is a snapshot
        database.refresh()
        assert len(database.events()) > before
    blocked = cli(db, "code", "-", "--date", "2021-03-04")
    assert blocked.returncode == 2 and "E301" in blocked.stderr  # a second writer is still refused
    rows = list(csv.DictReader(io.StringIO(cli(db, "events", "--format", "csv", "--from", "2021-03-04", "--to", "2021-03-04").stdout)))
    assert rows and all(r["date"] == "2021-03-04" for r in rows)


def test_copies_are_for_this_machine_only(served):
    _, server = served
    copy = get(server, "/v1/snapshot")
    assert copy["path"].endswith(".duckdb")
