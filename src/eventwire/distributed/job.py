"""The Spark job: inputs in, a Parquet dataset of articles, mentions and rejects out.

::

    OUT/mentions/event_date=2020-01-08/part-*.parquet   one row per mention (the store's ``mentions`` columns)
    OUT/articles/part-*.parquet                         the coded articles (the store's ``articles`` columns)
    OUT/rejects/part-*.parquet                          inputs that could not be read or coded, with reasons

Files and directories are listed on the driver (names only) and read in the executors by eventwire's own
readers, one task per file, so each file gives exactly what a local run reads from it. Datasets (Parquet,
or JSONL/CSV named by ``dataset=``) are read by Spark's readers, split across executors as Spark splits
them; their rows become articles in the executors, checked as JSONL/CSV records are. Nothing is collected
on the driver. Articles are then spread by id over ``partitions`` partitions (one article id once: the
later one in the input wins) and each partition is coded with ``mapPartitions`` calling the local runner's
per-batch function (``pipeline.code_batch``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import EngineError, UsageError
from ..ingest.listing import input_files
from ..ingest.records import ReadOptions
from ..model import Reject
from ..settings import Settings
from . import tasks
from .schema import spark_schema

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import DataFrame, SparkSession

DATASET_FORMATS = ("parquet", "jsonl", "csv")
PARQUET_SUFFIX = ".parquet"
#: Item numbers of a dataset's partitions start after the files' and this far apart per dataset.
_DATASET_STRIDE = 1 << 20


@dataclass(frozen=True, slots=True)
class SparkRunStats:
    """What one Spark run wrote: coded ``articles``, ``mentions``, ``rejects`` (read and coding failures),
    the output folder, the partitions coded, and the wall-clock seconds of the job."""

    articles: int
    mentions: int
    rejects: int
    out: Path
    partitions: int
    seconds: float


def code_with_spark(
    spark: SparkSession,
    paths: list[str],
    *,
    out: str | Path,
    settings: Settings | None = None,
    options: ReadOptions | None = None,
    dataset: str | None = None,
    partitions: int | None = None,
) -> SparkRunStats:
    """Code ``paths`` on ``spark`` and write the Parquet dataset to ``out`` (replacing what it held).

    ``paths``: files and directories (read as a local run reads them), Parquet datasets (a path ending in
    ``.parquet``, file or folder), or, with ``dataset="jsonl"|"csv"|"parquet"``, datasets of that format
    read by Spark. ``partitions``: coding tasks (default: 4 per core). Raises UsageError for stdin or an
    unknown format, EngineError E603 when the job fails.
    """
    settings = settings or Settings()
    options = options or ReadOptions(max_chars=settings.max_article_chars)
    if dataset is not None and dataset not in DATASET_FORMATS:
        raise UsageError(f"dataset format must be one of {', '.join(DATASET_FORMATS)}, not {dataset!r}", code="E428")
    if "-" in paths:
        raise UsageError("the Spark engine reads files, folders and datasets, not standard input", code="E428")
    started = time.perf_counter()
    sc = spark.sparkContext
    n_partitions = partitions or max(2, 4 * sc.defaultParallelism)
    out = Path(out)

    files: list[tuple[str, str | None]] = []  # (file, the directory argument it was found under, or None)
    early: list[Reject] = []
    datasets: list[tuple[str, list[str]]] = []
    for given in paths:
        if dataset is not None:
            datasets.append((dataset, [given]))
        elif given.lower().rstrip("/").endswith(PARQUET_SUFFIX):
            datasets.append(("parquet", [given]))
        else:
            root = given if Path(given).is_dir() else None
            for found in input_files(given):
                if isinstance(found, Reject):
                    early.append(found)
                else:
                    files.append((str(found), root))

    parts: list[RDD[Any]] = []
    if early:
        parts.append(sc.parallelize([tasks.keyed(r, -1 - i) for i, r in enumerate(early)], 1))
    if files:
        numbered = [(number, path, root) for number, (path, root) in enumerate(files)]
        parts.append(sc.parallelize(numbered, max(1, min(len(files), n_partitions)))
                     .flatMap(partial(tasks.read_file, options=options)))  # fmt: skip
    for k, (fmt, where) in enumerate(datasets):
        base = len(files) + k * _DATASET_STRIDE
        rows = _read_dataset(spark, fmt, where, options)
        parts.append(rows.rdd.mapPartitionsWithIndex(partial(_dataset_rows, base=base, options=options)))
    if not parts:
        raise UsageError("nothing to code: no input paths", code="E428")

    items = parts[0] if len(parts) == 1 else sc.union(parts)
    coded = (
        items.reduceByKey(tasks.later, numPartitions=n_partitions)
        .values()
        .mapPartitions(partial(tasks.code_partition, settings=settings))
    )
    try:
        counts = _write(spark, coded, out, n_partitions)
    except Exception as exc:  # a failed Spark job reaches Python as a Py4J/Spark exception of many kinds
        if isinstance(exc, (UsageError, EngineError)):
            raise
        raise EngineError(f"the Spark job failed: {type(exc).__name__}: {_first_line(exc)}", code="E603") from exc
    return SparkRunStats(
        articles=counts.get(tasks.ARTICLE, 0),
        mentions=counts.get(tasks.MENTION, 0),
        rejects=counts.get(tasks.REJECT, 0),
        out=out,
        partitions=n_partitions,
        seconds=round(time.perf_counter() - started, 3),
    )


def _write(spark: SparkSession, coded: RDD[Any], out: Path, partitions: int) -> dict[str, int]:
    """Code once (kept, spilling to disk), count, then write each kind of row as its own Parquet dataset.

    Mentions are first grouped by event date, so that each date's folder gets one file, not one per
    coding task: small files cost more to write (and to read) than their rows."""
    from pyspark import StorageLevel

    coded = coded.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        counts = dict(coded.map(tasks.kind_of).countByValue())
        for kind, folder, partition_by in (
            (tasks.MENTION, "mentions", ["event_date"]),
            (tasks.ARTICLE, "articles", []),
            (tasks.REJECT, "rejects", []),
        ):
            rows = coded.filter(partial(tasks.is_kind, kind)).map(tasks.row_of)
            frame: DataFrame = spark.createDataFrame(rows, spark_schema(kind), verifySchema=False)
            if partition_by:
                frame = frame.repartition(partitions, *partition_by)
            writer = frame.write.mode("overwrite")
            if partition_by:
                writer = writer.partitionBy(*partition_by)
            writer.parquet(_uri(out / folder))
        return counts
    finally:
        coded.unpersist()


def _read_dataset(spark: SparkSession, fmt: str, where: list[str], options: ReadOptions) -> DataFrame:
    """The dataset's rows as string columns named as ``options`` says, plus ``_origin`` and ``_corrupt_record``."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import StringType, StructField, StructType

    for path in where:
        if not Path(path).exists() and "://" not in path:
            raise EngineError(f"no dataset at {path}", code="E604")
    columns = _columns(options)
    uris = [_uri(Path(p)) if "://" not in p else p for p in where]
    corrupt = F.lit(None).cast("string")
    if fmt == "jsonl":
        schema = StructType([StructField(c, StringType()) for c in columns] + [StructField("_corrupt_record", StringType())])
        frame = (spark.read.schema(schema).option("mode", "PERMISSIVE")
                 .option("columnNameOfCorruptRecord", "_corrupt_record").json(uris))  # fmt: skip
        corrupt = F.col("_corrupt_record")
    elif fmt == "csv":
        # Header names, every column a string; multiLine because article texts hold line breaks.
        frame = spark.read.option("header", True).option("multiLine", True).option("escape", '"').csv(uris)
    else:
        frame = spark.read.parquet(*uris)
    present = set(frame.columns)
    selected = [
        (F.col(f"`{c}`").cast("string") if c in present else F.lit(None).cast("string")).alias(c) for c in columns
    ]
    return frame.select(*selected, F.col("_metadata.file_path").alias("_origin"), corrupt.alias("_corrupt_record"))


def _dataset_rows(partition: int, rows: Any, *, base: int, options: ReadOptions) -> Any:
    def as_dicts() -> Any:
        for row in rows:
            record = row.asDict()
            record["_origin"] = _local_path(record.get("_origin"))
            yield record

    return tasks.read_records(base + partition, as_dicts(), options)


def _columns(options: ReadOptions) -> list[str]:
    names = [options.text_column, options.id_column, options.date_column, options.title_column,
             options.url_column, options.source_column]  # fmt: skip
    return list(dict.fromkeys(names))


def _uri(path: Path) -> str:
    return path.resolve().as_uri()


def _local_path(uri: str | None) -> str | None:
    """``file:///data/a.jsonl`` as ``/data/a.jsonl``; other URIs unchanged."""
    if uri is None:
        return None
    for prefix in ("file://", "file:"):
        if uri.startswith(prefix):
            from urllib.parse import unquote

            return unquote(uri[len(prefix):])
    return uri


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:500] if text else ""
