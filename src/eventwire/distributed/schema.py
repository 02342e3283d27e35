"""Spark schemas of the output rows, derived from the store's Arrow schemas (one definition of each column)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyarrow as pa

from ..store.columns import ARTICLE_SCHEMA, MENTION_SCHEMA, REJECT_SCHEMA
from . import tasks

if TYPE_CHECKING:
    from pyspark.sql.types import DataType, StructType

ARROW_SCHEMAS = {tasks.ARTICLE: ARTICLE_SCHEMA, tasks.MENTION: MENTION_SCHEMA, tasks.REJECT: REJECT_SCHEMA}


def spark_type(kind: pa.DataType) -> DataType:
    """The Spark type Parquet round-trips to ``kind`` (int8 stays TINYINT, dates stay dates, timestamps
    stay without a time zone)."""
    from pyspark.sql import types as T

    simple = {
        pa.string(): T.StringType(),
        pa.int8(): T.ByteType(),
        pa.int32(): T.IntegerType(),
        pa.int64(): T.LongType(),
        pa.float64(): T.DoubleType(),
        pa.bool_(): T.BooleanType(),
        pa.date32(): T.DateType(),
    }
    if kind in simple:
        return simple[kind]
    if pa.types.is_timestamp(kind) and kind.tz is None:
        return T.TimestampNTZType()
    raise TypeError(f"no Spark type for the Arrow type {kind}")


def spark_schema(kind: str) -> StructType:
    """The Spark schema of the rows of ``kind`` (``tasks.ARTICLE``, ``MENTION`` or ``REJECT``)."""
    from pyspark.sql.types import StructField, StructType

    arrow = ARROW_SCHEMAS[kind]
    return StructType([StructField(f.name, spark_type(f.type), nullable=f.nullable) for f in arrow])
