"""The Spark runner's parts that need no Spark: the engine check, what travels to executors, input listing,
the output schemas."""

from __future__ import annotations

import pickle
from functools import partial

import pytest

from eventwire.errors import EngineError


def test_missing_java_is_a_clear_error(monkeypatch, tmp_path):
    from eventwire.distributed.session import check_engine

    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "no-java"))
    with pytest.raises(EngineError) as info:
        check_engine()
    assert info.value.code == "E601"
    assert "Java 17" in info.value.message


def test_old_java_is_refused(monkeypatch, tmp_path):
    from eventwire.distributed.session import check_engine

    java = tmp_path / "jdk" / "bin" / "java"
    java.parent.mkdir(parents=True)
    java.write_text('#!/bin/sh\necho \'openjdk version "1.8.0_292"\' >&2\n')
    java.chmod(0o755)
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "jdk"))
    with pytest.raises(EngineError, match="found Java 8"):
        check_engine()


def test_the_task_sent_to_executors_is_a_reference_not_a_model():
    """What Spark pickles for a coding task names the function and carries the settings: a few hundred
    bytes, no spaCy pipeline, even when this process holds a loaded pipeline."""
    pytest.importorskip("pyspark")
    from pyspark import cloudpickle

    from eventwire.distributed import tasks
    from eventwire.pipeline import pipeline_for
    from eventwire.settings import Settings

    pipeline_for(Settings()).ontology  # noqa: B018  (a component loaded here must not travel)
    payload = cloudpickle.dumps(partial(tasks.code_partition, settings=Settings()))
    assert len(payload) < 2000
    assert b"eventwire.distributed.tasks" in payload and b"code_partition" in payload
    assert pickle.loads(payload).func is tasks.code_partition


def test_input_files_are_the_files_a_local_run_reads(tmp_path):
    """The driver lists the same files, in the same order, as ``read_inputs`` reads them."""
    from eventwire.ingest import read_inputs
    from eventwire.ingest.listing import input_files
    from eventwire.model import Reject

    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("date 2020-01-08 Iran fired missiles.")
    (tmp_path / "a.txt").write_text("date 2020-01-08 Iraq protested.")
    (tmp_path / ".hidden.txt").write_text("date 2020-01-08 Not read.")
    (tmp_path / "c.pdf").write_bytes(b"%PDF")
    (tmp_path / "loop").symlink_to(tmp_path)
    listed = input_files(str(tmp_path))
    read = [item.origin for item in read_inputs([tmp_path])]
    assert listed == read == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "2.txt"), str(tmp_path / "c.pdf")]
    missing = input_files(str(tmp_path / "nope"))
    assert isinstance(missing[0], Reject) and missing[0].code == "E208"


def test_output_schemas_follow_the_store_columns():
    pytest.importorskip("pyspark")
    from eventwire.distributed import tasks
    from eventwire.distributed.schema import spark_schema
    from eventwire.store.columns import MENTION_SCHEMA

    schema = spark_schema(tasks.MENTION)
    assert schema.fieldNames() == MENTION_SCHEMA.names
    assert schema["quad_class"].dataType.typeName() == "byte"
    assert schema["event_date"].dataType.typeName() == "date"


@pytest.mark.slow
def test_the_store_comparison_sees_every_field(examples_db):
    """The comparison behind the Spark-against-local tests compares every column of the four tables but the
    write times, and fails when any one field of any row differs, or a row is missing."""
    import duckdb

    from store_tables import ORDER, WHEN, assert_same_tables, compared_columns, tables

    con = duckdb.connect(str(examples_db), read_only=True)
    try:
        for table in ORDER:
            every = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
            assert compared_columns(examples_db, table) == [c for c in every if c != WHEN.get(table)]
    finally:
        con.close()
    assert compared_columns(examples_db, "mentions")[:2] == ["mention_id", "article_id"]

    class Other:  # equal to nothing
        def __eq__(self, other: object) -> bool:
            return False

        __hash__ = None  # type: ignore[assignment]

    same = tables(examples_db)
    assert_same_tables(same, tables(examples_db))
    checked = 0
    for table, rows in same.items():
        if not rows:
            continue
        for i, row in enumerate(rows):
            for column in range(len(row)):
                changed = dict(same)
                changed[table] = [*rows[:i], (*row[:column], Other(), *row[column + 1:]), *rows[i + 1:]]
                with pytest.raises(AssertionError):
                    assert_same_tables(same, changed)
                checked += 1
        with pytest.raises(AssertionError):
            assert_same_tables(same, {**same, table: rows[:-1]})
    assert checked >= sum(len(rows) for rows in same.values())
    assert same["articles"] and same["mentions"] and same["events"]
