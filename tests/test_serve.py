"""`eventwire serve` as a real process on 127.0.0.1: it holds the store, answers over HTTP, and other writers
are told who holds the store when they try to open it (readers read a copy: test_read_while_served.py)."""

from __future__ import annotations

import json
import subprocess
import time
import urllib.request

import pytest

from api_server import code_examples, eventwire_script, running_server

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    db = code_examples(tmp_path_factory.mktemp("serve") / "examples.duckdb")
    with running_server(db) as server:
        yield db, server


def get(server, path: str) -> dict:
    with urllib.request.urlopen(server.url(path), timeout=30) as response:
        assert response.status == 200
        return json.loads(response.read())


def test_the_server_answers_on_loopback(served):
    _, server = served
    assert server.base_url.startswith("http://127.0.0.1:")
    assert get(server, "/v1/health")["store"]["events"] > 0
    strikes = get(server, "/v1/events?source=IRN&root=19")["events"]
    assert any(e["target_code"] == "USAMIL" for e in strikes)


@pytest.mark.parametrize("command", [["serve"], ["code", "-", "--date", "2020-01-08"]])
def test_another_writer_is_told_who_holds_the_store(served, command):
    db, server = served
    result = subprocess.run(
        [str(eventwire_script()), *command, "--db", str(db)], input="Iran fired missiles at US forces.",
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 2, result.stdout + result.stderr
    message = " ".join(result.stderr.split())
    assert "locked" in message and f"process {server.pid}" in message, message


def test_the_model_loads_in_the_background_at_start_up(served):
    _, server = served
    deadline = time.monotonic() + 180
    while not get(server, "/v1/health")["model_loaded"]:  # answering all along, while the model loads
        assert time.monotonic() < deadline, "the model did not load within 180 s"
        time.sleep(0.5)
