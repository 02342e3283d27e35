"""The Spark runner: the same per-batch function as the local runner, on a cluster or ``local[N]``.

::

    from eventwire.distributed import code_with_spark, start_spark, load_dataset
    spark = start_spark("local[2]")
    stats = code_with_spark(spark, ["corpus/"], out="out/")     # Parquet: mentions/, articles/, rejects/
    spark.stop()
    with Store.open("eventwire.duckdb") as store:
        load_dataset(store, "out/")                              # bulk load, then merge into events

``session`` starts Spark (Java and pyspark checked, loopback only for local masters, no UI); ``tasks`` is
what executors run; ``job`` builds the job; ``dataset`` reads its output with DuckDB. pyspark is imported
only when a Spark function is called (it is an optional extra: ``eventwire[spark]``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .dataset import LoadStats, is_dataset, load_dataset, open_dataset
    from .job import SparkRunStats, code_with_spark
    from .session import DEFAULT_MASTER, check_engine, spark_session, start_spark

_LAZY = {
    "LoadStats": "dataset",
    "is_dataset": "dataset",
    "load_dataset": "dataset",
    "open_dataset": "dataset",
    "SparkRunStats": "job",
    "code_with_spark": "job",
    "DEFAULT_MASTER": "session",
    "check_engine": "session",
    "spark_session": "session",
    "start_spark": "session",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'eventwire.distributed' has no attribute {name!r}")


__all__ = [
    "DEFAULT_MASTER",
    "LoadStats",
    "SparkRunStats",
    "check_engine",
    "code_with_spark",
    "is_dataset",
    "load_dataset",
    "open_dataset",
    "spark_session",
    "start_spark",
]
