"""The Spark engine gives what the local engine gives: the same mentions (field by field) and the same events.

One Spark session (``local[2]``, loopback, no UI) serves the module; its Python workers are kept between
jobs, so the model loads once per worker. The generated corpus is 2,000 short articles: enough to spread
over partitions and batches, small enough to code twice in about a minute.
"""

from __future__ import annotations

import json
import sys
from functools import partial
from pathlib import Path

import pytest
from typer.testing import CliRunner

from store_tables import assert_same_tables, tables

pytestmark = [pytest.mark.slow, pytest.mark.spark]

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CORPUS_ARTICLES = 2000
CORPUS_WORDS = 15


@pytest.fixture(scope="module")
def spark():
    from eventwire.distributed import start_spark

    session = start_spark("local[2]")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    generate(path, CORPUS_ARTICLES, min_words=CORPUS_WORDS)
    return path


def _local_store(paths: list[str], db: Path, *extra: str) -> Path:
    from eventwire.cli import app

    result = CliRunner().invoke(app, ["code", *paths, "--db", str(db), "-q", "-o", str(db.with_suffix(".jsonl")), *extra])
    assert result.exit_code == 0, result.output
    return db


def _spark_store(spark, paths: list[str], tmp: Path, **options) -> tuple[Path, Path]:
    from eventwire.distributed import code_with_spark, load_dataset
    from eventwire.store import Store

    out = tmp / "out"
    code_with_spark(spark, paths, out=out, **options)
    db = tmp / "spark.duckdb"
    with Store.open(db) as store:
        load_dataset(store, out)
    return out, db


@pytest.fixture(scope="module")
def examples_out(spark, tmp_path_factory) -> tuple[Path, Path]:
    """The examples coded on Spark (files read by eventwire's readers in the executors) and loaded."""
    return _spark_store(spark, [str(EXAMPLES)], tmp_path_factory.mktemp("spark-examples"))


def test_examples_give_the_same_store(examples_db, examples_out):
    _, spark_db = examples_out
    local = tables(examples_db)
    assert local["mentions"] and local["events"]
    assert_same_tables(local, tables(spark_db))


def test_bad_inputs_and_a_repeated_id_give_the_same_store(spark, tmp_path):
    """Files read by eventwire's readers in the executors give what a local run gives, origins and rejects
    included: a malformed JSON line, an empty text, a CSV row with too many fields, an unsupported file, an
    article id repeated in one file (a reject: the first is kept) and one repeated in a later file (the
    later article replaces the earlier, as the store does)."""
    inbox = tmp_path / "inbox"
    (inbox / "deep").mkdir(parents=True)
    (inbox / "a.txt").write_text("date 2020-01-08\nIran fired missiles at US forces in Iraq on Wednesday.")
    (inbox / "deep" / "b.txt").write_text("date 2020-02-03\nThe UN urged Sudan to stop the fighting in Darfur.")
    records = [
        {"id": "j1", "date": "2020-03-01", "text": "Israel struck targets in Syria."},
        "{not json",
        {"id": "j2", "text": "   "},
        {"id": "j3", "date": "2020-03-02", "text": "Russia and Ukraine agreed to resume peace talks in Geneva."},
        {"id": "j1", "date": "2020-03-05", "text": "Turkey deployed troops to the Syrian border."},
    ]
    (inbox / "wire.jsonl").write_text(
        "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records))
    later = {"id": "j3", "date": "2020-03-06", "text": "Egypt condemned the attack on the embassy in Cairo."}
    (inbox / "wire2.jsonl").write_text(json.dumps(later) + "\n")
    (inbox / "table.csv").write_text("id,date,text\n"
                                     "c1,2020-04-01,Police arrested dozens of protesters in Nairobi.\n"
                                     "c2,2020-04-02,one,field,too,many\n")  # fmt: skip
    (inbox / "scan.pdf").write_bytes(b"%PDF-1.4")

    local = tables(_local_store([str(inbox)], tmp_path / "local.duckdb"))
    _, spark_db = _spark_store(spark, [str(inbox)], tmp_path, partitions=3)
    assert len(local["rejects"]) >= 4 and len(local["mentions"]) >= 4
    texts = {row[0]: row[-2] for row in local["articles"]}
    assert texts["j1"].startswith("Israel") and texts["j3"].startswith("Egypt")
    assert "E211" in {row[2] for row in local["rejects"]}
    assert_same_tables(local, tables(spark_db))


def test_generated_corpus_read_as_a_dataset_gives_the_same_store(spark, corpus, tmp_path):
    """2,000 articles: local engine against Spark reading the JSONL with its own reader, split over
    8 partitions, coded in batches of 16 (so that batches hold other articles than the local run's)."""
    from eventwire.settings import Settings

    local = tables(_local_store([str(corpus)], tmp_path / "local.duckdb"), origins=False)
    out, spark_db = _spark_store(spark, [str(corpus)], tmp_path, dataset="jsonl", partitions=8,
                                 settings=Settings(batch_size=16))  # fmt: skip
    assert len(local["articles"]) == CORPUS_ARTICLES
    assert len(local["mentions"]) > CORPUS_ARTICLES // 2
    assert_same_tables(local, tables(spark_db, origins=False))
    # The mentions dataset is partitioned by event date.
    assert any(p.name.startswith("event_date=2019-") for p in (out / "mentions").iterdir())


def test_loading_a_dataset_again_adds_nothing(examples_out, tmp_path):
    from eventwire.distributed import load_dataset
    from eventwire.store import Store

    out, spark_db = examples_out
    copy = tmp_path / "again.duckdb"
    copy.write_bytes(spark_db.read_bytes())
    before = tables(copy)
    with Store.open(copy) as store:
        stats = load_dataset(store, out)
    assert stats.articles == len(before["articles"])
    assert tables(copy) == before


def test_a_dataset_opens_like_a_store(examples_db, examples_out):
    import eventwire

    out, _ = examples_out
    with eventwire.open(out) as from_parquet, eventwire.open(examples_db) as from_store:
        a = from_parquet.events(as_="arrow").sort_by("event_id")
        b = from_store.events(as_="arrow").sort_by("event_id")
        assert a.num_rows > 0
        assert a.to_pylist() == b.to_pylist()


def test_events_command_reads_a_dataset(examples_db, examples_out):
    from eventwire.cli import app

    out, _ = examples_out
    runner = CliRunner()
    from_parquet = runner.invoke(app, ["events", "--db", str(out), "--format", "jsonl"])
    from_store = runner.invoke(app, ["events", "--db", str(examples_db), "--format", "jsonl"])
    assert from_parquet.exit_code == 0, from_parquet.output
    lines = from_parquet.output.splitlines()
    assert lines and sorted(lines) == sorted(from_store.output.splitlines())


def test_parquet_and_csv_datasets_and_bad_records(spark, tmp_path):
    """Articles in a Parquet file and in a CSV, and a JSONL dataset with a malformed line and an empty
    text: every good article coded, each bad record a reject with its reason."""
    import pyarrow as pa
    import pyarrow.csv as pa_csv
    import pyarrow.parquet as pq

    from eventwire.distributed import code_with_spark, open_dataset

    rows = [
        {"id": "p1", "date": "2020-01-08", "text": "Iran fired missiles at US forces in Iraq."},
        {"id": "p2", "date": "2020-01-09", "text": "Russia and Ukraine agreed to resume talks in Geneva."},
    ]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "articles.parquet")
    csv_dir = tmp_path / "csv"
    csv_dir.mkdir()
    pa_csv.write_csv(pa.Table.from_pylist([{"text": "The UN urged Sudan to stop the fighting.\nMore talks follow.",
                                            "date": "2020-02-01", "id": "c1"}]), csv_dir / "a.csv")  # fmt: skip
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "j1", "text": "Israel struck targets in Syria.", "date": "2020-03-01"})
                   + "\n{not json\n" + json.dumps({"id": "j2", "text": "   "}) + "\n")  # fmt: skip

    code_with_spark(spark, [str(tmp_path / "articles.parquet")], out=tmp_path / "o1")
    code_with_spark(spark, [str(csv_dir)], out=tmp_path / "o2", dataset="csv")
    code_with_spark(spark, [str(bad)], out=tmp_path / "o3", dataset="jsonl")
    with open_dataset(tmp_path / "o1") as a, open_dataset(tmp_path / "o2") as b, open_dataset(tmp_path / "o3") as c:
        parquet_ids = {r[0] for r in a.connection().execute("SELECT article_id FROM mentions").fetchall()}
        assert parquet_ids == {"p1", "p2"}
        csv_article = b.get_article("c1")
        assert csv_article is not None and "\nMore talks" in csv_article.text
        assert b.connection().execute("SELECT count(*) FROM mentions WHERE article_id = 'c1'").fetchall()[0][0] > 0
        rejects = {(r["code"], r["origin"]) for r in c.rejects().to_pylist()}
        assert rejects == {("E205", str(bad)), ("E203", str(bad))}
        assert c.get_article("j1") is not None


def test_executors_load_the_pipeline_once_per_process(spark):
    """Each Python worker builds its pipeline on its first batch and keeps it for every later task."""
    from eventwire.settings import Settings

    def pipeline_identity(items, settings):  # nested: sent by value, the workers cannot import tests/
        import os

        from eventwire.pipeline import pipeline_for

        list(items)
        yield os.getpid(), id(pipeline_for(settings))

    tasks = spark.sparkContext.parallelize(range(8), 8)
    pairs = tasks.mapPartitions(partial(pipeline_identity, settings=Settings())).collect()
    by_process: dict[int, set[int]] = {}
    for pid, ident in pairs:
        by_process.setdefault(pid, set()).add(ident)
    assert len(pairs) == 8
    assert all(len(idents) == 1 for idents in by_process.values())


def test_cli_spark_engine_writes_dataset_and_store(examples_db, spark, tmp_path):
    from eventwire.cli import app

    out, db, jsonl = tmp_path / "out", tmp_path / "cli.duckdb", tmp_path / "m.jsonl"
    result = CliRunner().invoke(app, ["code", str(EXAMPLES), "--engine", "spark", "--out", str(out), "--db", str(db),
                                      "-o", str(jsonl), "--partitions", "3"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "coded 7 article(s)" in result.output
    assert (out / "mentions").is_dir() and (out / "articles").is_dir() and (out / "rejects").is_dir()
    assert_same_tables(tables(examples_db), tables(db))
    lines = [json.loads(line) for line in jsonl.read_text().splitlines()]
    assert len(lines) == len(tables(examples_db)["mentions"])
    assert spark.sparkContext._jsc is not None  # the module's session, started before, is left running


def test_a_local_session_listens_on_the_loopback_only(spark):
    import os

    conf = spark.sparkContext.getConf()
    assert conf.get("spark.ui.enabled") == "false" and spark.sparkContext.uiWebUrl is None
    assert conf.get("spark.driver.host") == "127.0.0.1" == conf.get("spark.driver.bindAddress")
    assert os.environ["SPARK_LOCAL_IP"] == "127.0.0.1"
    assert spark.sparkContext.master == "local[2]"
